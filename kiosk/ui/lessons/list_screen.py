"""スマホ教室: the lesson list, grouped by level and theme, with done marks for this visit."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.core.lessons import Lesson, LevelGroup, group_lessons, load_lessons
from kiosk.core.procedures import fill_placeholders
from kiosk.ui.lessons.cards import LessonCard, Panel
from kiosk.ui.lessons.player import LessonPlayerScreen
from kiosk.ui.ruby_text import RubyText, prepare_texts, window_ruby
from kiosk.ui.screen import AppContext, Screen
from kiosk.ui.widgets import page_layout

log = logging.getLogger(__name__)

LEVEL_TITLES = {
    "基本": "{基本|きほん} ─ はじめての {方|かた}に",
    "応用": "{応用|おうよう} ─ すこし なれてきた {方|かた}に",
}
COLUMNS = 2


class LessonListScreen(Screen):
    """Big lesson cards under level and theme headings; a card opens the lesson player.

    Lessons are loaded once when the screen is built. Broken lesson files are left out
    (staff see them in the lesson check); the good ones are still listed.
    ``lesson_opened`` carries each new player just before it is shown.
    """

    screen_name = "lesson-list"
    TITLE = "スマホ{教室|きょうしつ}"
    INTRO = "ならいたい レッスンを えらんで ください。"
    EMPTY = "いまは レッスンが ありません。スタッフに おしらせ ください。"

    lesson_opened = Signal(object)

    def __init__(self, ctx: AppContext, folder: Path | None = None) -> None:
        super().__init__(ctx)
        loaded = load_lessons(folder)
        if loaded.problems:
            log.warning(
                "%d problem(s) in lesson files; %d lesson(s) listed (run 'kiosk lessons check')",
                len(loaded.problems),
                len(loaded.lessons),
            )
        names = {"office": ctx.config.office_markup}
        self.lessons: tuple[Lesson, ...] = tuple(
            lesson.filled(lambda text: fill_placeholders(text, names)) for lesson in loaded.lessons
        )
        self.cards: dict[str, LessonCard] = {}

        spacing = ctx.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(self.TITLE, role="title", center=True))
        layout.addWidget(RubyText(self.INTRO if self.lessons else self.EMPTY, center=True))
        for group in group_lessons(self.lessons):
            layout.addWidget(self._level_band(group))
            for theme_group in group.themes:
                layout.addWidget(RubyText(theme_group.theme, role="heading"))
                grid = QGridLayout()
                grid.setHorizontalSpacing(spacing * 2)
                grid.setVerticalSpacing(spacing * 2)
                for column in range(COLUMNS):
                    grid.setColumnStretch(column, 1)
                for index, lesson in enumerate(theme_group.lessons):
                    card = LessonCard(lesson)
                    card.clicked.connect(lambda _c=False, chosen=lesson: self.open_lesson(chosen))
                    self.cards[lesson.id] = card
                    grid.addWidget(card, index // COLUMNS, index % COLUMNS)
                layout.addLayout(grid)
        layout.addStretch(1)
        prepare_texts(self, ctx.theme.scale, window_ruby(ctx.window))

    def _level_band(self, group: LevelGroup) -> QWidget:
        band = Panel(border_px=0, margin=16)
        band.column.addWidget(RubyText(LEVEL_TITLES.get(group.level, group.level), role="title"))
        return band

    def intro_text(self) -> str:
        return self.INTRO if self.lessons else self.EMPTY

    def on_shown(self) -> None:
        # Coming back from a lesson: mark what this visitor has finished so far.
        done = self.ctx.progress.completed_lessons
        for lesson_id, card in self.cards.items():
            card.set_done(lesson_id in done)
        super().on_shown()

    def open_lesson(self, lesson: Lesson) -> None:
        """Open the player on ``lesson`` (the next-lesson suggestion follows file order)."""
        player = LessonPlayerScreen(self.ctx, lesson, self.lessons)
        self.lesson_opened.emit(player)
        self.ctx.open(player)
