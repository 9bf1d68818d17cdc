"""The kiosk window: the header, a stack of screens, and the overlays above them."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.config import Config
from kiosk.speech.base import Speaker
from kiosk.ui.confirm import HomeConfirm
from kiosk.ui.error_overlay import ErrorOverlay
from kiosk.ui.header import Header
from kiosk.ui.idle import IdlePrompt
from kiosk.ui.owned import follow
from kiosk.ui.screen import Screen
from kiosk.ui.session import Sessions, VisitSession
from kiosk.ui.theme import Theme, own_font

log = logging.getLogger(__name__)
IDLE_COUNTDOWN_S = 30


class _Holder(QWidget):
    """A screen in its scroll area, with the screen's pinned actions (if any) below it.

    At 特大 on a small panel the screen scrolls instead of being cut off; the pinned bar
    never scrolls, so the way forward stays in sight whatever the text size.
    """

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.held = screen
        area = QScrollArea()
        area.setObjectName("ScreenHolder")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if not screen.shows_scroll_bar:
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(screen)
        screen.show_in(area)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus belongs to the screen's own widgets
        # The window's paper shows through: painting it again under every screen, in the
        # stack and the scroll area, costs a paint of the whole window three times over.
        area.viewport().setAutoFillBackground(False)
        if screen.touch_scrolls:
            QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.area = area
        area.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(area, 1)
        if screen.action_bar is not None:
            layout.addWidget(screen.action_bar)

    def set_covered(self, covered: bool) -> None:
        """Keep the fonts the screen has while another screen covers it (``covered``).

        The application font reaches every widget that has no font of its own, hidden
        ones too: on a text-size switch, a list of cards under the lesson on screen would
        take the new fonts (a hundred widgets) for nobody to see. A font of the holder's
        own, with every property set, stops the change there; uncovered, the screen takes
        the current fonts again before it shows.
        """
        if covered:
            self.setFont(own_font(self.font()))
        else:
            self.setFont(QFont())  # nothing of its own: the window's fonts again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            port = self.area.viewport()
            self.held.fit_room(port.width(), port.height())
        return False


def _holder_of(screen: Screen) -> _Holder:
    holder = screen.parentWidget()  # the viewport, the area, then the holder
    while holder is not None and not isinstance(holder, _Holder):
        holder = holder.parentWidget()
    assert holder is not None
    return holder


class KioskWindow(QWidget):
    """Holds navigation state only; screens are built elsewhere and opened here.

    It is the kiosk's ``Navigator``. ``session_reset`` fires once whenever the kiosk
    returns to a clean state for the next person (idle timeout or error), so attendance
    can react. The header and the theme follow the current ``VisitSession``; texts follow it
    through ``Sessions.display``.
    """

    session_reset = Signal()

    def __init__(
        self,
        config: Config,
        theme: Theme,
        speaker: Speaker,
        sessions: Sessions,
        countdown_s: int = IDLE_COUNTDOWN_S,
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"{config.centre_name} デジタル相談コーナー")
        self.theme = theme
        self.speaker = speaker
        self.sessions = sessions
        #: Named screen factories (home tiles open these by name), filled by ``kiosk.app``.
        self.screens: dict[str, Callable[[], Screen]] = {}
        self._allow_close = False
        self._stack_screens: list[Screen] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = Header(theme.spacing_px, corner_px=theme.target_px)
        self.stack = QStackedWidget()
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

        sessions = self.sessions
        self.header.back_requested.connect(self.back)
        self.header.home_requested.connect(self.ask_home)
        self.header.size_requested.connect(lambda name: sessions.current.set_text_size(name))
        self.header.ruby_toggled.connect(lambda shown: sessions.current.set_furigana(shown))
        self.header.speech_toggled.connect(lambda on: sessions.current.set_speech(on))
        # The engine starts in the background; the button learns a moment later if it works.
        follow(speaker.availability_changed, self, lambda _ok: self._show_speech_state())
        follow(sessions.replaced, self, self._follow_session)
        self._follow_session(sessions.current)

        # The overlays' texts are drawn at the session's size, with its furigana choice.
        display = sessions.display
        self.idle_prompt = IdlePrompt(countdown_s, theme.spacing_px, self, display=display)
        self.idle_prompt.timed_out.connect(self.reset_session)
        self.error_overlay = ErrorOverlay(theme.spacing_px, self, display=display)
        self.error_overlay.done.connect(self.reset_session)
        self.home_confirm = HomeConfirm(theme.spacing_px, self, display=display)
        self.home_confirm.confirmed.connect(self.go_home)

    # Navigation ----------------------------------------------------------
    def current_screen(self) -> Screen:
        return self._stack_screens[-1]

    def depth(self) -> int:
        return len(self._stack_screens)

    def open(self, screen: str | Screen) -> None:
        """Show a registered screen by name, or a screen instance, above the current one."""
        if isinstance(screen, str):
            screen = self.screens[screen]()
        if self._stack_screens:
            self._leave(self._stack_screens[-1])
        self._stack_screens.append(screen)
        self.stack.addWidget(_Holder(screen))
        self._enter(screen)

    def back(self) -> None:
        """One page back: the screen's own previous page, else close the screen."""
        if self.current_screen().go_back() or len(self._stack_screens) <= 1:
            return
        self._drop_top()
        self._enter(self._stack_screens[-1])

    def ask_home(self) -> None:
        """はじめに もどる: straight home, unless that would throw away work in progress."""
        if any(screen.has_unfinished_work() for screen in self._stack_screens[1:]):
            self.home_confirm.ask()
        else:
            self.go_home()

    def go_home(self) -> None:
        """Close every screen above home."""
        if len(self._stack_screens) <= 1:
            self._enter(self._stack_screens[0])
            return
        while len(self._stack_screens) > 1:
            self._drop_top()
        self._enter(self._stack_screens[0])

    def replace_home(self, home: Screen) -> None:
        """Close every screen, the home one too, and show ``home`` as the new home.

        The first start uses it: the PIN set-up is the only screen until staff chose a PIN.
        """
        while self._stack_screens:
            self._drop_top()
        self.open(home)

    def _drop_top(self) -> None:
        screen = self._stack_screens.pop()
        self._leave(screen)
        holder = _holder_of(screen)
        self.stack.removeWidget(holder)
        holder.deleteLater()

    def _leave(self, screen: Screen) -> None:
        screen.on_top = False
        _holder_of(screen).set_covered(True)
        self.speaker.stop()
        try:
            screen.on_hidden()
        except Exception:  # a broken screen must not block navigation away from it
            log.exception("screen %s failed while closing", screen.screen_name)

    def _enter(self, screen: Screen) -> None:
        screen.on_top = True
        _holder_of(screen).set_covered(False)
        self.stack.setCurrentWidget(_holder_of(screen))
        # Nothing looks chosen when a screen appears: the window keeps the focus, so Qt
        # never hands it (and its ring) to the first button. The Tab key still moves it to
        # the buttons; a screen that needs the keys (a card scanner) takes it in on_shown.
        self.setFocus()
        self.header.set_at_home(len(self._stack_screens) == 1)
        screen.on_shown()

    # Session -------------------------------------------------------------
    def ask_still_there(self) -> None:
        """Show and speak 「まだ つづけますか？」 with its countdown."""
        self.idle_prompt.start()
        self.speaker.say(IdlePrompt.QUESTION)

    def reset_session(self) -> None:
        """Back to a clean home screen for the next person, with a new visit session."""
        self.idle_prompt.cancel()
        self.home_confirm.hide()
        self.speaker.stop()
        self.go_home()
        # Every choice the last visitor made goes with their session: text size, furigana
        # and speech start again as the centre set them.
        self.sessions.reset()
        self.session_reset.emit()
        # The visit has ended only now: home shows itself again without its おわる button.
        self._enter(self.current_screen())

    def show_error(self) -> None:
        """Show the calm error page; it returns home by itself."""
        self.idle_prompt.cancel()
        self.speaker.stop()
        self.error_overlay.show_error()

    # Display -------------------------------------------------------------
    def _follow_session(self, session: VisitSession) -> None:
        """Show ``session``'s choices now and whenever the visitor changes them."""
        session.text_size_changed.connect(self._on_text_size)
        session.furigana_changed.connect(self._on_furigana)
        session.speech_changed.connect(self._on_speech)
        self._on_text_size(session.text_size)
        self._on_furigana(session.furigana)
        self._on_speech(session.speech)

    def _on_text_size(self, name: str) -> None:
        self.theme.set_size(name)
        self.header.show_size(name)

    def _on_furigana(self, shown: bool) -> None:
        self.header.ruby_button.setChecked(shown)

    def _on_speech(self, on: bool) -> None:
        self.speaker.set_enabled(on)
        self._show_speech_state()

    def _show_speech_state(self) -> None:
        speaker = self.speaker
        self.header.set_speech_state(speaker.is_enabled(), speaker.is_available())

    # Window --------------------------------------------------------------
    def allow_close(self) -> None:
        """Only the staff menu calls this, right before closing the kiosk."""
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close:
            event.accept()
        else:
            log.info("close request ignored (only staff can close the kiosk)")
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            # Not QWidget's repaint of the whole window: the header keeps its size, the
            # window draws only paper, and each widget whose words change repaints itself.
            self.updateGeometry()
            return
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in (self.idle_prompt, self.error_overlay, self.home_confirm):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())
