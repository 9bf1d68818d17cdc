"""The うけつけ screen: scan the card, type its code, register as new, or just start."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton

from kiosk.core.attendance.codes import (
    CODE_LENGTH,
    OLD_CODE_LENGTH,
    is_valid_code,
    normalise_code,
    single_fixes,
)
from kiosk.core.attendance.errors import AttendanceError
from kiosk.ui.card_button import CardButton
from kiosk.ui.reception.code_pad import CodePad
from kiosk.ui.reception.returning import welcome_back
from kiosk.ui.reception.scanner import ScannerInput
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, page_layout

log = logging.getLogger(__name__)

MSG_INTRO = "カードの QRコードを よみとりきに かざすか、カードの ばんごうを いれてください。"
MSG_MISTYPED = "ばんごうが ちがうようです。カードを みながら、「けす」で なおしてください。"
MSG_SHORT = "ばんごうは {total}もじ です。あと {left}もじ いれてください。"
MSG_ONE_WRONG = (
    "{place}もじめの 「{character}」が ちがうようです。カードを みて、「けす」で なおしてください。"
)
MSG_BROKEN = "いま うけつけが できません。スタッフに こえを かけてください。"


class ReceptionScreen(Screen):
    """Check-in. A scanner works anywhere on this screen; nothing here needs a keyboard.

    Typing the card's code is the common case, so けってい is the filled button; the
    first-visit and no-card ways in sit below the keypad. Everything fits one screen of a
    1366×768 panel at 特大.
    """

    screen_name = "reception"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        super().__init__(services, nav, sessions)
        self.visits = services.attendance.visits
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.setSpacing(spacing)
        layout.addWidget(RubyText("うけつけ", role="title", center=True, display=self.display))
        self.message = RubyText(MSG_INTRO, center=True, display=self.display)
        layout.addWidget(self.message)
        self.pad = CodePad(services.theme.target_px, spacing)
        self.pad.submitted.connect(self.submit_code)
        layout.addWidget(self.pad)
        layout.addSpacing(spacing)
        self.new_button = CardButton("はじめての {方|かた}", center=True, display=self.display)
        self.new_button.clicked.connect(self._first_visit)
        self.anonymous_button = CardButton(
            "カードなしで はじめる", center=True, display=self.display
        )
        self.anonymous_button.clicked.connect(self._start_anonymous)
        add_row(layout, self.new_button, self.anonymous_button, spacing=spacing)
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
        self.services.speaker.say(text)

    def submit_code(self, text: str) -> None:
        """A code from the keypad or the scanner: check it and welcome the learner.

        A mistyped code stays on the keypad so the learner fixes one character with
        けす instead of typing all eight again.
        """
        if not is_valid_code(text):
            self._say(self._mistake(text))
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
        self.pad.clear()
        self.visits.check_in(participant)
        welcome_back(self.services, self.nav, self.sessions, participant.code)

    def _mistake(self, text: str) -> str:
        """What to tell a learner whose code is not a valid one."""
        code = normalise_code(text)
        if len(code) < CODE_LENGTH and len(code) != OLD_CODE_LENGTH:
            return MSG_SHORT.format(total=CODE_LENGTH, left=CODE_LENGTH - len(code))
        try:
            positions = {
                position
                for position, fixed in single_fixes(code)
                # Only cards this kiosk knows: a valid unknown code would be taken in.
                if self.visits.store.find_participant(fixed) is not None
            }
        except (AttendanceError, sqlite3.Error, OSError):
            log.exception("check-in lookup failed")
            positions = set()
        if len(positions) == 1:
            (position,) = positions
            return MSG_ONE_WRONG.format(place=position + 1, character=code[position])
        return MSG_MISTYPED

    def _first_visit(self) -> None:
        from kiosk.ui.reception.first_visit import AgeBandScreen

        self.nav.open(AgeBandScreen(self.services, self.nav, self.sessions))

    def _start_anonymous(self) -> None:
        self.visits.check_in(None)
        self.nav.go_home()
