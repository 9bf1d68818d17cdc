"""The base class of every full page shown under the header, and the Navigator screens move with."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.display import Display
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions, VisitSession


class Navigator(Protocol):
    """How screens move between pages. The window implements it; screens never see the window."""

    def open(self, screen: str | Screen) -> None:
        """Show a registered screen by name (home tiles), or a screen instance, on top."""

    def back(self) -> None:
        """One page back (the header's もどる)."""

    def go_home(self) -> None:
        """Close every screen above home."""

    def reset_session(self) -> None:
        """End the visit: a clean home screen and a new session for the next person."""


class Screen(QWidget):
    """One page. Subclasses build their widgets in ``__init__`` and may override the hooks.

    A screen works with the kiosk's ``services``, moves between pages through ``nav``
    and reads the current visitor's choices from ``sessions``.
    """

    #: Shown nowhere on screen but used for logs and tests.
    screen_name = "screen"
    #: A finger drag scrolls the screen when it is taller than the window. Screens whose
    #: drags mean something else (the practice phone) turn this off.
    touch_scrolls = True
    #: False for a screen that always fits the window (it pages instead): a scroll bar
    #: that came and went would change its width, and so what fits.
    shows_scroll_bar = True

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.nav = nav
        self.sessions = sessions
        #: Buttons kept at the bottom of the window, outside the scrolling page.
        self.action_bar: QWidget | None = None
        self._area: QScrollArea | None = None
        #: False while another screen covers this one (the window says so). A covered
        #: screen leaves the work of fitting its page (cutting it into parts again after a
        #: text-size switch) to ``on_shown``, which the window calls when it shows again.
        self.on_top = True

    @property
    def session(self) -> VisitSession:
        """The current visitor's session (choices, done marks, activity)."""
        return self.sessions.current

    @property
    def display(self) -> Display:
        """The text size and furigana the texts of this screen follow: the visitor's."""
        return self.sessions.display

    def pin_actions(self, *buttons: QWidget, note: QWidget | None = None) -> QWidget:
        """Keep ``buttons`` (the way forward) in a bar under the page, always in sight.

        ``note`` goes above them: the words that answer a tap on one of them (「いんさつ
        しました」) stay in sight too. Call it while building the screen; the window puts
        the bar below the scroll area.
        """
        spacing = self.services.theme.spacing_px
        bar = QWidget()
        bar.setObjectName("ActionBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(bar)
        column.setContentsMargins(spacing * 3, spacing, spacing * 3, spacing)
        column.setSpacing(spacing)
        if note is not None:
            column.addWidget(note)
        row = QHBoxLayout()
        row.setSpacing(spacing * 2)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.action_bar = bar
        return bar

    def fit_room(self, width: int, height: int) -> None:
        """The window shows ``width`` x ``height`` pixels of this screen without scrolling
        (its margins included); called whenever that changes. A screen whose page could
        be taller adapts here (fewer words, or parts with つぎへ)."""

    def show_in(self, area: QScrollArea) -> None:
        """The window shows this screen in ``area``, which scrolls when it is too tall."""
        self._area = area

    def scroll_to_top(self) -> None:
        """Show the top of the page (a new page of a screen that scrolls)."""
        if self._area is not None:
            self._area.verticalScrollBar().setValue(0)

    def reveal(self, widget: QWidget, margin: int) -> None:
        """Scroll, if need be, so that ``widget`` and ``margin`` px above and below it show."""
        if self._area is not None:
            self._area.ensureWidgetVisible(widget, 0, margin)

    def intro_text(self) -> str:
        """Text (furigana markup allowed) read aloud when the screen appears; "" for none."""
        return ""

    def go_back(self) -> bool:
        """The header's もどる: show this screen's previous page and return True.

        もどる has one meaning everywhere: one page back, the page the learner saw just
        before. Only when this screen has no earlier page (False) does it close.
        """
        return False

    def has_unfinished_work(self) -> bool:
        """True while leaving would throw away something the learner did (はじめに もどる asks)."""
        return False

    def on_shown(self) -> None:
        """Called each time the screen becomes the visible one."""
        intro = self.intro_text()
        if intro:
            self.services.speaker.say(intro)

    def on_hidden(self) -> None:
        """Called when another screen covers this one or it is closed (speech is already stopped)."""
