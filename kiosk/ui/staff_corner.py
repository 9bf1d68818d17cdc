"""The hidden staff entry: hold the top-left corner for 3 seconds, or press Ctrl+Alt+S."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

HOLD_MS = 3000
STAFF_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
# The filter sees the application's input (``InputWatch``): all else leaves after one look-up.
_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
_MOVES = frozenset({QEvent.Type.MouseMove, QEvent.Type.TouchUpdate})
_RELEASES = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd})
_WATCHED = _PRESSES | _MOVES | _RELEASES | {QEvent.Type.KeyPress}


class StaffCorner(QObject):
    """Event filter for the application's input (through ``InputWatch``): a long press in
    the corner or the key chord emits ``activated``.

    The release that ends the hold is swallowed so it does not also press a button.
    The key chord is checked here rather than with a QShortcut so that it works
    whichever widget has the focus, or none.
    """

    activated = Signal()

    def __init__(self, window: QWidget, corner_px: int, hold_ms: int = HOLD_MS) -> None:
        super().__init__(window)
        self._window = window
        self.corner_px = corner_px
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self._fire)
        self._swallow_release = False

    @property
    def hold_ms(self) -> int:
        return self._timer.interval()

    @hold_ms.setter
    def hold_ms(self, value: int) -> None:
        self._timer.setInterval(value)

    def _in_corner(self, global_pos: QPoint) -> bool:
        local = self._window.mapFromGlobal(global_pos)
        return 0 <= local.x() < self.corner_px and 0 <= local.y() < self.corner_px

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if (
                event.key() == Qt.Key.Key_S
                and event.modifiers() & STAFF_MODIFIERS == STAFF_MODIFIERS
            ):
                self.activated.emit()
                return True
            return False
        if kind in _PRESSES:
            pos = self._event_pos(event)
            # A press that starts on a button is the learner's: a hand with a tremor
            # resting on もどる must never open the PIN pad.
            if pos is not None and self._in_corner(pos) and not _on_a_button(pos):
                self._timer.start()
        elif kind in _MOVES:
            pos = self._event_pos(event)
            if self._timer.isActive() and pos is not None and not self._in_corner(pos):
                self._timer.stop()
        elif kind in _RELEASES:
            self._timer.stop()
            if self._swallow_release:
                self._swallow_release = False
                return True
        return False

    @staticmethod
    def _event_pos(event: QEvent) -> QPoint | None:
        if isinstance(event, QMouseEvent):
            return event.globalPosition().toPoint()
        if isinstance(event, QTouchEvent) and event.points():
            return event.points()[0].globalPosition().toPoint()
        return None

    def _fire(self) -> None:
        self._swallow_release = True
        self.activated.emit()


def _on_a_button(global_pos: QPoint) -> bool:
    widget = QApplication.widgetAt(global_pos)
    while widget is not None:
        if isinstance(widget, QAbstractButton):
            return True
        widget = widget.parentWidget()
    return False
