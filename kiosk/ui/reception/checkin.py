"""The うけつけ screen: scan the card, type its code, register as new, or just start."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QVBoxLayout

from kiosk.core.attendance.codes import is_valid_code
from kiosk.core.attendance.errors import AttendanceError
from kiosk.ui.card_button import CardButton
from kiosk.ui.owned import follow
from kiosk.ui.reception.code_pad import CodePad
from kiosk.ui.reception.returning import welcome_back
from kiosk.ui.reception.scanner import ScannerInput
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import AppContext, Screen
from kiosk.ui.visits import VisitTracker
from kiosk.ui.widgets import page_layout

log = logging.getLogger(__name__)

MSG_INTRO = "カードの QRコードを よみとりきに かざすか、カードの ばんごうを いれてください。"
MSG_MISTYPED = "ばんごうが ちがうようです。カードを みながら、もう いちど いれてください。"
MSG_BROKEN = "いま うけつけが できません。スタッフに こえを かけてください。"


class ReceptionScreen(Screen):
    """Check-in. A scanner works anywhere on this screen; nothing here needs a keyboard."""

    screen_name = "reception"

    def __init__(self, ctx: AppContext, visits: VisitTracker) -> None:
        super().__init__(ctx)
        self.visits = visits
        spacing = ctx.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText("うけつけ", role="title", center=True))
        self.message = RubyText(MSG_INTRO, center=True)
        layout.addWidget(self.message)
        self.pad = CodePad(ctx.theme.target_px, spacing)
        self.pad.submitted.connect(self.submit_code)
        # The keypad on the left, the two other ways in on the right, so that all fits on
        # one screen; below the keypad instead when large text leaves no room beside it.
        self.row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(spacing * 3)
        row.addWidget(self.pad)
        others = QVBoxLayout()
        others.setSpacing(spacing * 2)
        self.new_button = CardButton(
            "はじめての {方|かた}",
            "カードを つくります",
            primary=True,
            min_height=ctx.theme.target_px * 2,
        )
        self.new_button.clicked.connect(self._first_visit)
        self.anonymous_button = CardButton(
            "カードなしで はじめる",
            "うけつけ しないで つかいます",
            min_height=ctx.theme.target_px * 2,
        )
        self.anonymous_button.clicked.connect(self._start_anonymous)
        others.addWidget(self.new_button)
        others.addWidget(self.anonymous_button)
        others.addStretch(1)
        row.addLayout(others, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        # The screen keeps the keyboard focus (its buttons take none), so a scanner's
        # keystrokes arrive here whatever the learner touched last.
        self.scanner = ScannerInput()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A Japanese input method in romaji mode would turn the scanner's keystrokes into
        # kana; codes are ASCII, so this screen takes raw keys.
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        for button in self.findChildren(QAbstractButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        follow(ctx.theme.changed, self, lambda _size: self._arrange())

    def _arrange(self) -> None:
        spacing = self.ctx.theme.spacing_px
        side = self.pad.sizeHint().width() + spacing * 3 + self.ctx.theme.target_px * 5
        margins = self.layout().contentsMargins()
        fits = self.width() - margins.left() - margins.right() >= side
        wanted = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != wanted:
            self.row.setDirection(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def intro_text(self) -> str:
        return MSG_INTRO

    def on_shown(self) -> None:
        super().on_shown()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        scanned = self.scanner.feed(event)
        if scanned is not None:
            self.submit_code(scanned)
            return
        super().keyPressEvent(event)

    def _say(self, text: str) -> None:
        self.message.set_text(text)
        self.ctx.speaker.say(text)

    def submit_code(self, text: str) -> None:
        """A code from the keypad or the scanner: check it and welcome the learner."""
        self.pad.clear()
        if not is_valid_code(text):
            self._say(MSG_MISTYPED)
            return
        try:
            participant = self.visits.find_participant(text)
        except (AttendanceError, sqlite3.Error, OSError):
            log.exception("check-in lookup failed")
            self._say(MSG_BROKEN)
            return
        if participant is None:
            self._say(MSG_MISTYPED)
            return
        self.visits.check_in(participant)
        welcome_back(self.ctx, self.visits, participant.code)

    def _first_visit(self) -> None:
        from kiosk.ui.reception.first_visit import AgeBandScreen

        self.ctx.open(AgeBandScreen(self.ctx, self.visits))

    def _start_anonymous(self) -> None:
        self.visits.check_in(None)
        self.ctx.home()
