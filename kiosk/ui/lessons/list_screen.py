"""スマホ教室: the lesson list, one level per tab, cards with pictures and done marks."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.lessons import Lesson, group_lessons
from kiosk.core.procedures import fill_placeholders
from kiosk.ui import theme
from kiosk.ui.lessons.card_grid import CardGrid
from kiosk.ui.lessons.cards import CardButton, LessonCard
from kiosk.ui.lessons.player import LessonPlayerScreen
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import page_layout

log = logging.getLogger(__name__)

LEVEL_TABS = {
    "基本": "{基本|きほん} ─ はじめての {方|かた}に",
    "応用": "{応用|おうよう} ─ すこし なれてきた {方|かた}に",
}
MAX_COLUMNS = 4


class LevelTab(CardButton):
    """One tab of the list (基本 or 応用): outlined when not chosen, filled dark when chosen.

    The chosen tab also says 「えらんで います」 under its name: not colour alone.
    """

    CHOSEN = "▼ えらんで います"

    def __init__(self, level: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.setCheckable(True)
        self.label = RubyText(f"{LEVEL_TABS.get(level, level)}（{count}）", role="heading")
        self.state = RubyText(self.CHOSEN)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.state)
        self._quiet(self.label, self.state)
        self.setText(self.label.plain())  # its name for screen readers and tests
        self.toggled.connect(self._show_state)
        self._show_state(False)

    def _show_state(self, chosen: bool) -> None:
        self.state.setVisible(chosen)
        ink = theme.PRIMARY_INK if chosen else theme.INK
        for text in (self.label, self.state):
            text.ink = ink
            text.update()
        self.set_look("chosen" if chosen else "plain")


class LessonListScreen(Screen):
    """Lesson cards with their pictures, one level at a time under two tabs (基本, 応用).

    Lessons come from the content library, loaded once. Broken lesson files are left out
    (staff see them in the lesson check); the good ones are still listed.
    """

    screen_name = "lesson-list"
    TITLE = "スマホ{教室|きょうしつ}"
    INTRO = "ならいたい レッスンを えらんで ください。"
    EMPTY = "いまは レッスンが ありません。スタッフに おしらせ ください。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        super().__init__(services, nav, sessions)
        loaded = services.library.get().lessons
        if loaded.problems:
            log.warning(
                "%d problem(s) in lesson files; %d lesson(s) listed (run 'kiosk lessons check')",
                len(loaded.problems),
                len(loaded.lessons),
            )
        names = {"office": services.config.office_markup}
        self.lessons: tuple[Lesson, ...] = tuple(
            lesson.filled(lambda text: fill_placeholders(text, names)) for lesson in loaded.lessons
        )
        self.cards: dict[str, LessonCard] = {}
        self.tabs: dict[str, LevelTab] = {}
        self.levels: dict[str, list[LessonCard]] = {}

        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        # The title and the tabs share one row, so that a whole level fits on one screen.
        tab_row = QHBoxLayout()
        tab_row.setSpacing(spacing * 2)
        tab_row.addWidget(RubyText(self.TITLE, role="title"), 0)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        picture_px = round(services.theme.target_px * 1.5)
        for group in group_lessons(self.lessons):
            cards = []
            for theme_group in group.themes:
                for lesson in theme_group.lessons:
                    card = LessonCard(lesson, picture_px=picture_px)
                    card.clicked.connect(lambda _c=False, chosen=lesson: self.open_lesson(chosen))
                    card.setVisible(False)
                    self.cards[lesson.id] = card
                    cards.append(card)
            self.levels[group.level] = cards
            tab = LevelTab(group.level, len(cards))
            tab.clicked.connect(lambda _c=False, level=group.level: self.show_level(level))
            self.tab_group.addButton(tab)
            self.tabs[group.level] = tab
            tab_row.addWidget(tab, 1)
        layout.addLayout(tab_row)
        layout.addWidget(RubyText(self.INTRO if self.lessons else self.EMPTY))
        self.grid = CardGrid(spacing, MAX_COLUMNS)
        layout.addWidget(self.grid)
        layout.addStretch(1)
        # One level needs no tabs.
        for tab in self.tabs.values():
            tab.setVisible(len(self.tabs) > 1)
        if self.tabs:
            self.show_level(next(iter(self.tabs)))

    def show_level(self, level: str) -> None:
        """Show the cards of ``level`` and mark its tab as chosen."""
        self.level = level
        self.tabs[level].setChecked(True)
        self.grid.set_cards(self.levels[level])

    def intro_text(self) -> str:
        return self.INTRO if self.lessons else self.EMPTY

    def on_shown(self) -> None:
        # Coming back from a lesson: mark what this visitor has finished so far.
        done = self.session.progress.completed_lessons
        for lesson_id, card in self.cards.items():
            card.set_done(lesson_id in done)
        super().on_shown()

    def open_lesson(self, lesson: Lesson) -> None:
        """Open the player on ``lesson`` (the next-lesson suggestion follows file order)."""
        player = LessonPlayerScreen(self.services, self.nav, self.sessions, lesson, self.lessons)
        self.nav.open(player)
