"""スマホ教室: the lesson list, one level per tab, cards with pictures and done marks."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QHBoxLayout, QSizePolicy

from kiosk.core.lessons import Lesson, group_lessons
from kiosk.core.procedures import fill_placeholders
from kiosk.ui import theme
from kiosk.ui.card_grid import CardGrid, CardListScreen
from kiosk.ui.display import Display
from kiosk.ui.lessons.cards import CardButton, LessonCard
from kiosk.ui.lessons.player import LessonPlayerScreen
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import page_layout

log = logging.getLogger(__name__)

LEVEL_NAMES = {"基本": "{基本|きほん}", "応用": "{応用|おうよう}"}
LEVEL_NOTES = {"基本": "はじめての {方|かた}に", "応用": "すこし なれてきた {方|かた}に"}
MAX_COLUMNS = 4


def level_label(level: str, count: int, *, with_note: bool) -> str:
    """A tab's words: 「基本 ─ はじめての 方に（12）」, or 「基本（12）」 where room is short."""
    name = LEVEL_NAMES.get(level, level)
    note = LEVEL_NOTES.get(level)
    return f"{name} ─ {note}（{count}）" if with_note and note else f"{name}（{count}）"


class LevelTab(CardButton):
    """One tab of the list (基本 or 応用): outlined when not chosen, filled dark when chosen.

    Not colour alone: the chosen tab has a ✓ before its name, at the name's size, and says
    「えらんで います」 after it where those words fit on the same line. One line keeps the
    tabs short, so that the cards under them get the room.
    """

    MARK = "✓"
    CHOSEN = "えらんで います"

    def __init__(self, level: str, count: int, min_height: int, *, display: Display) -> None:
        super().__init__()
        self.level = level
        self.count = count
        self.setCheckable(True)
        self.setMinimumHeight(min_height)  # a finger's target even on one line
        self.mark = RubyText(self.MARK, role="heading", display=display)
        self.label = RubyText("", role="heading", display=display)
        # Never shown: measures the long words (the shown label may be the short ones).
        self._long = RubyText(
            level_label(level, count, with_note=True), role="heading", parent=self, display=display
        )
        self._long.hide()
        self.state = RubyText(self.CHOSEN, display=display)
        for text in (self.mark, self.label, self.state):
            text.setSizePolicy(QSizePolicy.Policy.Maximum, text.sizePolicy().verticalPolicy())
        # The name stays put when the tab is chosen: the mark's place is kept when hidden.
        policy = self.mark.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.mark.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.state, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addStretch(1)
        self._quiet(self.mark, self.label, self.state)
        self.words_fit = False
        self.set_short(False)
        self.toggled.connect(self._show_state)
        self._show_state(False)

    def set_short(self, short: bool) -> None:
        """Say the level and its count only (the note then goes under the tabs)."""
        self.label.set_text(level_label(self.level, self.count, with_note=not short))
        self.setText(self.label.plain())  # its name for screen readers and tests
        self.updateGeometry()

    def _name_room(self, width: int) -> int:
        """The width left for the name in a tab ``width`` pixels wide (margins, mark off)."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        mark = self.mark.sizeHint().width() + layout.spacing()
        return width - margins.left() - margins.right() - mark

    def long_label_fits(self, width: int) -> bool:
        """Whether the long words stay on one line in a tab ``width`` pixels wide."""
        inner = self._name_room(width)
        return self._long.heightForWidth(inner) <= self._long.heightForWidth(100000)

    def fit_width(self, width: int) -> None:
        """Say 「えらんで います」 beside the name only where it fits on the same line."""
        layout = self.layout()
        assert layout is not None
        if width <= 0:
            self.words_fit = False
            self._show_state(self.isChecked())
            return
        name = self.label.heightForWidth(100000)
        words = self.state.sizeHint().width() + layout.spacing()
        self.words_fit = self.label.heightForWidth(self._name_room(width) - words) <= name
        self._show_state(self.isChecked())

    def _show_state(self, chosen: bool) -> None:
        self.mark.setVisible(chosen)
        self.state.setVisible(chosen and self.words_fit)
        ink = theme.PRIMARY_INK if chosen else theme.INK
        for text in (self.mark, self.label, self.state):
            text.ink = ink
            text.update()
        self.set_look("chosen" if chosen else "plain")


class LessonListScreen(CardListScreen):
    """Lesson cards with their pictures, one level at a time under two tabs (基本, 応用).

    Lessons come from the content library, loaded once. Broken lesson files are left out
    (staff see them in the lesson check); the good ones are still listed. Where the tabs'
    words would wrap, they say the level and count only, and the chosen level's note
    shows once under them (or not at all when it would cost a page of cards).
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
        self.title = RubyText(self.TITLE, role="title", display=self.display)
        tab_row.addWidget(self.title, 0)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        picture_px = round(services.theme.target_px * 1.5)
        for group in group_lessons(self.lessons):
            cards = []
            for theme_group in group.themes:
                for lesson in theme_group.lessons:
                    # A child from the start, hidden until its level shows: a text-size
                    # switch reaches it through the screen (see _Holder.set_covered).
                    card = LessonCard(
                        lesson, picture_px=picture_px, display=self.display, parent=self
                    )
                    card.clicked.connect(lambda _c=False, chosen=lesson: self.open_lesson(chosen))
                    card.setVisible(False)
                    self.cards[lesson.id] = card
                    cards.append(card)
            self.levels[group.level] = cards
            tab = LevelTab(group.level, len(cards), services.theme.target_px, display=self.display)
            tab.clicked.connect(lambda _c=False, level=group.level: self.show_level(level))
            self.tab_group.addButton(tab)
            self.tabs[group.level] = tab
            tab_row.addWidget(tab, 1)
        self._tab_spacing = tab_row.spacing()
        layout.addLayout(tab_row)
        self.level_note = RubyText("", display=self.display)
        self.level_note.setVisible(False)
        layout.addWidget(self.level_note)
        self.intro = RubyText(self.INTRO if self.lessons else self.EMPTY, display=self.display)
        layout.addWidget(self.intro)
        grid = CardGrid(spacing, MAX_COLUMNS, display=self.display)
        layout.addWidget(grid)
        layout.addStretch(1)
        self.page_cards(grid, optional=[self.level_note, self.intro])
        # One level needs no tabs.
        for tab in self.tabs.values():
            tab.setVisible(len(self.tabs) > 1)
        self.short_tabs = False
        if self.tabs:
            self.show_level(next(iter(self.tabs)))

    def show_level(self, level: str) -> None:
        """Show the cards of ``level`` from their first page and mark its tab as chosen."""
        self.level = level
        self.tabs[level].setChecked(True)
        self.level_note.set_text(f"{LEVEL_NAMES.get(level, level)} ─ {LEVEL_NOTES.get(level, '')}")
        self.grid.set_cards(self.levels[level])
        self.refit()

    def cut(self, layout: QBoxLayout, width: int, height: int) -> None:
        """Cut the level into pages; where it needs more than one, the gaps above, between
        and under the rows close to the product's 3 mm if that saves a page."""
        self._set_gaps(layout, tight=False)
        super().cut(layout, width, height)
        if not self.grid.paged:
            return
        loose = self.grid.part_count
        self._set_gaps(layout, tight=True)
        super().cut(layout, width, height)
        if self.grid.part_count >= loose:
            self._set_gaps(layout, tight=False)
            super().cut(layout, width, height)

    def _set_gaps(self, layout: QBoxLayout, *, tight: bool) -> None:
        """The page's gaps above, between and under its rows: twice the 3 mm spacing, or
        the 3 mm itself (still apart enough for a finger: ``SPACING_MM``)."""
        gap = self.services.theme.spacing_px * (1 if tight else 2)
        margins = layout.contentsMargins()
        layout.setContentsMargins(margins.left(), gap, margins.right(), gap)
        layout.setSpacing(gap)
        self.grid.grid.setVerticalSpacing(gap)

    def before_fit(self, width: int, height: int) -> None:
        """Short tabs where their words would wrap; the level's note then shows under them."""
        layout = self.layout()
        tab_width = 0
        if layout is not None and len(self.tabs) > 1:
            margins = layout.contentsMargins()
            row = width - margins.left() - margins.right() - self.title.sizeHint().width()
            tab_width = (row - self._tab_spacing * len(self.tabs)) // len(self.tabs)
        self.short_tabs = tab_width > 0 and not all(
            tab.long_label_fits(tab_width) for tab in self.tabs.values()
        )
        for tab in self.tabs.values():
            tab.set_short(self.short_tabs)
            tab.fit_width(tab_width)
        self._optional = (self.level_note, self.intro) if self.short_tabs else (self.intro,)
        self.level_note.setVisible(self.short_tabs)

    def intro_text(self) -> str:
        return self.INTRO if self.lessons else self.EMPTY

    def on_shown(self) -> None:
        # Coming back from a lesson: mark what this visitor has finished so far.
        done = self.session.progress.completed_lessons
        for lesson_id, card in self.cards.items():
            card.set_done(lesson_id in done)
        self.refit()
        super().on_shown()

    def open_lesson(self, lesson: Lesson) -> None:
        """Open the player on ``lesson`` (the next-lesson suggestion follows file order)."""
        player = LessonPlayerScreen(self.services, self.nav, self.sessions, lesson, self.lessons)
        self.nav.open(player)
