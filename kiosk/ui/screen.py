"""The base class of every full page shown under the header, and the context screens share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.config import Config
from kiosk.core.visit import VisitProgress
from kiosk.speech.base import Speaker
from kiosk.ui.activity import ActivityLog
from kiosk.ui.theme import Theme

if TYPE_CHECKING:
    from kiosk.ui.visits import VisitTracker
    from kiosk.ui.window import KioskWindow


@dataclass
class AppContext:
    """Services every screen may use. Built once in ``kiosk.app``."""

    config: Config
    data_dir: Path
    speaker: Speaker
    theme: Theme
    demo: bool = False
    # Completions in the current visit (done marks); cleared on every session reset.
    progress: VisitProgress = field(default_factory=VisitProgress)
    # Screens report lesson / procedure / practice events here; attendance records them.
    activity: ActivityLog = field(default_factory=ActivityLog)
    # Returns attendance (opened on first use), or None when the database could not be
    # opened (staff are told why). Read it through ``visits``.
    attendance: Callable[[], VisitTracker | None] = lambda: None
    # True while someone's visit is open; never opens the database just to ask.
    visit_open: Callable[[], bool] = lambda: False
    # Filled by the window once it exists; screens navigate through it.
    window: KioskWindow | None = None
    # Named screen factories registered by ``kiosk.app`` (home tiles open these).
    screens: dict[str, Callable[[], Screen]] = field(default_factory=dict)

    @property
    def visits(self) -> VisitTracker | None:
        return self.attendance()

    def open(self, name_or_screen: str | Screen) -> None:
        """Show a registered screen by name, or a screen instance, on top of the stack."""
        assert self.window is not None
        screen = (
            self.screens[name_or_screen]() if isinstance(name_or_screen, str) else name_or_screen
        )
        self.window.push(screen)

    def back(self) -> None:
        assert self.window is not None
        self.window.back()

    def home(self) -> None:
        assert self.window is not None
        self.window.go_home()


class Screen(QWidget):
    """One page. Subclasses build their widgets in ``__init__`` and may override the hooks."""

    #: Shown nowhere on screen but used for logs and tests.
    screen_name = "screen"
    #: A finger drag scrolls the screen when it is taller than the window. Screens whose
    #: drags mean something else (the practice phone) turn this off.
    touch_scrolls = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: Buttons kept at the bottom of the window, outside the scrolling page.
        self.action_bar: QWidget | None = None

    def pin_actions(self, *buttons: QWidget, note: QWidget | None = None) -> QWidget:
        """Keep ``buttons`` (the way forward) in a bar under the page, always in sight.

        ``note`` goes above them: the words that answer a tap on one of them (「いんさつ
        しました」) stay in sight too. Call it while building the screen; the window puts
        the bar below the scroll area.
        """
        spacing = self.ctx.theme.spacing_px
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
            self.ctx.speaker.say(intro)

    def on_hidden(self) -> None:
        """Called when another screen covers this one or it is closed (speech is already stopped)."""
