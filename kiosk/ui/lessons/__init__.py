"""スマホ教室 screens: the lesson list, the lesson player and its pages."""

from kiosk.ui.lessons.list_screen import LessonListScreen
from kiosk.ui.lessons.player import LessonPlayerScreen

__all__ = ["LessonListScreen", "LessonPlayerScreen"]
