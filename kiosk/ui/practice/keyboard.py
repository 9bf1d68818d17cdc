"""The 12-key flick keyboard widget, with the candidate cross shown while the finger moves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.core.flick import (
    COLUMNS,
    DIRECTION_ORDER,
    KEYS,
    ROWS,
    FlickKey,
    KeyKind,
    candidate,
    flick_direction,
    key,
)
from kiosk.core.gestures import Direction
from kiosk.core.runs.completion import Clock
from kiosk.ui import theme
from kiosk.ui.practice.touch import TouchPad, Trace

KEYBOARD_BACKGROUND = "#d5d9e0"
KEY_FACE = "#ffffff"
FUNCTION_FACE = "#aeb5c0"
GAP = 5.0

OFFSETS = {
    Direction.NONE: (0, 0),
    Direction.LEFT: (-1, 0),
    Direction.UP: (0, -1),
    Direction.RIGHT: (1, 0),
    Direction.DOWN: (0, 1),
}

KeyHandler = Callable[[str, Direction], None]


class FlickGuide(QWidget):
    """The cross of characters around a pressed key, drawn above the whole phone screen.

    It lives on the phone display (not in the keyboard) so the cross can reach above the
    top row, exactly where real phones draw it. Input passes through it.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.display = parent
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.key: FlickKey | None = None
        self.key_rect = QRectF()
        self.direction = Direction.NONE
        self.scale = 1.0
        self.hide()

    def show_for(self, pressed: FlickKey, rect: QRectF, direction: Direction) -> None:
        self.key = pressed
        self.key_rect = rect
        self.direction = direction
        self.setGeometry(self.display.rect())
        self.raise_()
        self.show()
        self.update()

    def clear(self) -> None:
        self.key = None
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.key is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.key_rect.width(), self.key_rect.height()
        for direction in DIRECTION_ORDER:
            char = self.key.char_for(direction)
            if not char:
                continue
            dx, dy = OFFSETS[direction]
            cell = self.key_rect.translated(dx * w, dy * h)
            chosen = direction is self.direction
            painter.setPen(QPen(QColor(theme.INK), 3))
            painter.setBrush(QColor(theme.PRIMARY if chosen else theme.PAPER))
            painter.drawRoundedRect(cell.adjusted(1, 1, -1, -1), 10, 10)
            painter.setPen(QColor(theme.PRIMARY_INK if chosen else theme.INK))
            painter.setFont(theme.glyph_font(min(w, h) * 0.55, bold=chosen))
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, char)
        painter.end()


class FlickKeyboard(TouchPad):
    """Paints the keys from ``kiosk.core.flick.KEYS``; a finished press calls ``on_key``."""

    def __init__(self, guide: FlickGuide, on_key: KeyHandler, clock: Clock) -> None:
        super().__init__(clock=clock)
        self.guide = guide
        self.on_key = on_key
        self.scale = 1.0
        self.pressed: FlickKey | None = None
        self.down: Trace | None = None
        self.candidate = ""
        self.highlight: str | None = None  # a key the drill wants noticed

    # Geometry --------------------------------------------------------------------------
    def key_rect(self, label: str) -> QRectF:
        """Where key ``label`` is drawn, in keyboard coordinates."""
        k = key(label)
        cell_w = (self.width() - GAP) / COLUMNS
        cell_h = (self.height() - GAP) / ROWS
        return QRectF(
            GAP + k.column * cell_w,
            GAP + k.row * cell_h,
            cell_w - GAP,
            cell_h * k.row_span - GAP,
        )

    def key_at(self, pos: QPointF) -> FlickKey | None:
        for k in KEYS:
            if self.key_rect(k.label).contains(pos):
                return k
        return None

    def flick_of(self, trace: Trace) -> Direction:
        dx = self.px_to_mm(trace.last.x() - trace.start.x())
        dy = self.px_to_mm(trace.last.y() - trace.start.y())
        return flick_direction(dx, dy)

    # Input -----------------------------------------------------------------------------
    def finger_down(self, trace: Trace) -> None:
        if self.down is not None:
            return
        pressed = self.key_at(trace.start)
        if pressed is None:
            return
        self.down = trace
        self.pressed = pressed
        self._show_candidate(Direction.NONE)

    def finger_moved(self, trace: Trace) -> None:
        if trace is self.down:
            self._show_candidate(self.flick_of(trace))

    def finger_up(self, trace: Trace) -> None:
        if trace is not self.down or self.pressed is None:
            return
        label = self.pressed.label
        direction = self.flick_of(trace)
        self.down = None
        self.pressed = None
        self.candidate = ""
        self.guide.clear()
        self.update()
        self.on_key(label, direction)

    def fingers_cancelled(self) -> None:
        self.down = None
        self.pressed = None
        self.candidate = ""
        self.guide.clear()
        self.update()

    def _show_candidate(self, direction: Direction) -> None:
        assert self.pressed is not None
        assert self.down is not None
        dx = self.px_to_mm(self.down.last.x() - self.down.start.x())
        dy = self.px_to_mm(self.down.last.y() - self.down.start.y())
        self.candidate = candidate(self.pressed.label, dx, dy)
        if self.pressed.kind is KeyKind.KANA:
            rect = self.key_rect(self.pressed.label)
            origin = QPointF(self.mapTo(self.guide.display, rect.topLeft().toPoint()))
            self.guide.show_for(self.pressed, QRectF(origin, rect.size()), direction)
        self.update()

    # Painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(KEYBOARD_BACKGROUND))
        for k in KEYS:
            rect = self.key_rect(k.label)
            pressed = self.pressed is not None and self.pressed.label == k.label
            wanted = self.highlight == k.label
            face = FUNCTION_FACE if k.kind is not KeyKind.KANA else KEY_FACE
            painter.setPen(QPen(QColor(theme.FOCUS if wanted else theme.INK), 5 if wanted else 1.5))
            painter.setBrush(QColor(theme.SOFT_PAPER if pressed else face))
            painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(QColor(theme.INK))
            size = min(rect.width(), rect.height()) * (0.5 if len(k.label) == 1 else 0.3)
            painter.setFont(theme.glyph_font(size, bold=k.kind is KeyKind.KANA))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, k.label)
        painter.end()
