"""ゆびの れんしゅう: an on-screen phone to practise tap, long press, swipe, scroll, pinch and flick."""

from kiosk.ui.practice.menu import DRILL_SCREENS, FingerPracticeScreen

__all__ = ["DRILL_SCREENS", "FingerPracticeScreen"]
