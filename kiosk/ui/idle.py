"""Notices when nobody has touched the kiosk, asks 「まだ つづけますか？」, then resets."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.display import Display
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.widgets import big_button

# Input that proves someone is at the kiosk. Mouse moves count too: a hand on the mouse is a user.
_ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """An event filter (fed the application's input by ``InputWatch``) that only stores a
    timestamp per input event.

    A 1 s timer compares it with the timeout, so input handling stays cheap.
    ``idle`` fires once per idle period, and only after someone used the kiosk.
    ``clock`` (seconds) is injectable so tests drive time instead of waiting for it.
    """

    idle = Signal()

    def __init__(
        self,
        timeout_ms: int,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self._clock = clock
        self._last = clock()
        self._fired = True  # nothing to reset until someone touches the kiosk
        self._timer = QTimer(self)
        self._timer.setInterval(min(1000, max(50, timeout_ms // 4)))
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self._last = self._clock()
            self._fired = False
        return False

    def mark_clean(self) -> None:
        """After a reset there is nothing left to protect: wait for the next person."""
        self._fired = True

    def check(self) -> None:
        """Emit ``idle`` if someone used the kiosk and then left it alone long enough."""
        if self._fired:
            return
        if (self._clock() - self._last) * 1000 >= self.timeout_ms:
            self._fired = True
            self.idle.emit()


class IdlePrompt(QFrame):
    """Full-window question with a visible countdown; ``timed_out`` or ``kept`` ends it."""

    kept = Signal()
    timed_out = Signal()

    QUESTION = "まだ つづけますか？"

    def __init__(
        self, countdown_s: int, spacing: int, parent: QWidget, *, display: Display
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IdlePrompt")
        self.setStyleSheet("#IdlePrompt { background: rgba(26, 26, 26, 200); }")
        self.countdown_s = countdown_s
        self._left = countdown_s
        card = QFrame(self)
        card.setObjectName("IdleCard")
        card.setStyleSheet(
            "#IdleCard { background: #ffffff; border: 4px solid #1a1a1a; border-radius: 24px; }"
        )
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(spacing * 4, spacing * 3, spacing * 4, spacing * 3)
        layout.setSpacing(spacing * 2)
        layout.addWidget(RubyText(self.QUESTION, role="title", center=True, display=display))
        self.countdown_label = RubyText("", center=True, display=display)
        layout.addWidget(self.countdown_label)
        self.keep_button = big_button("つづける", self._keep, primary=True)
        self.keep_button.setMinimumWidth(spacing * 30)
        layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self.hide()

    def start(self) -> None:
        self._left = self.countdown_s
        self._show_left()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self._tick.start()

    def cancel(self) -> None:
        self._tick.stop()
        self.hide()

    def seconds_left(self) -> int:
        return self._left

    def _show_left(self) -> None:
        self.countdown_label.set_text(
            f"あと {self._left} びょうで はじめの がめんに もどります。\n"
            "つづける ときは 「つづける」を おしてください。"
        )

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.cancel()
            self.timed_out.emit()
            return
        self._show_left()

    def _keep(self) -> None:
        self.cancel()
        self.kept.emit()

    def mousePressEvent(self, event: object) -> None:
        # A touch anywhere on the dimmed screen also shows someone is still here.
        self._keep()
