"""One input path for fingers and the mouse: a widget that records traces in mm and ms."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEventPoint, QInputDevice, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.gestures import Point, px_to_mm
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import monotonic_ms

MOUSE_ID = -1
FALLBACK_DPI = 96.0


def screen_dpi(widget: QWidget) -> float:
    """The physical dots per inch of the screen showing ``widget`` (96 when unknown or absurd).

    Same rule as the theme uses for target sizes, so millimetres mean the same everywhere.
    """
    screen = widget.screen()
    dpi = screen.physicalDotsPerInch() if screen is not None else FALLBACK_DPI
    if not dpi or dpi < 50 or dpi > 600:  # broken EDID data
        return FALLBACK_DPI
    return float(dpi)


@dataclass
class Trace:
    """One finger's (or the mouse's) path from touch to lift: (t_ms, x_px, y_px) samples."""

    finger: int
    samples: list[Point] = field(default_factory=list)

    @property
    def start(self) -> QPointF:
        return QPointF(self.samples[0][1], self.samples[0][2])

    @property
    def last(self) -> QPointF:
        return QPointF(self.samples[-1][1], self.samples[-1][2])

    def in_mm(self, dpi: float) -> list[Point]:
        """The samples with positions converted to millimetres, for the core rules."""
        return [(t, px_to_mm(x, dpi), px_to_mm(y, dpi)) for t, x, y in self.samples]


class TouchPad(QWidget):
    """A widget that turns touch points and mouse presses into the same three hooks.

    Subclasses override ``finger_down``, ``finger_moved`` and ``finger_up``; each gets the
    finger's ``Trace`` so far. Mouse input uses finger id ``MOUSE_ID``. ``clock`` gives
    the time in ms (tests may replace it to replay recorded timings).
    """

    def __init__(self, parent: QWidget | None = None, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.clock: Clock = clock or monotonic_ms
        self.traces: dict[int, Trace] = {}

    # Hooks -----------------------------------------------------------------------------
    def finger_down(self, trace: Trace) -> None:
        """A finger touched (``trace`` has one sample)."""

    def finger_moved(self, trace: Trace) -> None:
        """A finger that is down moved."""

    def finger_up(self, trace: Trace) -> None:
        """A finger lifted; ``trace`` holds the whole path."""

    def fingers_cancelled(self) -> None:
        """The system took the touch away (another window, a gesture): forget the traces."""

    # Helpers ---------------------------------------------------------------------------
    def dpi(self) -> float:
        return screen_dpi(self)

    def px_to_mm(self, px: float) -> float:
        return px_to_mm(px, self.dpi())

    def mm_to_px(self, mm: float) -> float:
        return mm * self.dpi() / 25.4

    # Event plumbing --------------------------------------------------------------------
    def _down(self, finger: int, pos: QPointF) -> None:
        trace = Trace(finger, [(self.clock(), pos.x(), pos.y())])
        self.traces[finger] = trace
        self.finger_down(trace)

    def _move(self, finger: int, pos: QPointF) -> None:
        trace = self.traces.get(finger)
        if trace is None:
            return
        trace.samples.append((self.clock(), pos.x(), pos.y()))
        self.finger_moved(trace)

    def _up(self, finger: int, pos: QPointF) -> None:
        trace = self.traces.pop(finger, None)
        if trace is None:
            return
        trace.samples.append((self.clock(), pos.x(), pos.y()))
        self.finger_up(trace)

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            for point in event.points():
                state = point.state()
                if state == QEventPoint.State.Pressed:
                    self._down(point.id(), point.position())
                elif state == QEventPoint.State.Updated:
                    self._move(point.id(), point.position())
                elif state == QEventPoint.State.Released:
                    self._up(point.id(), point.position())
            # Accepting TouchBegin keeps the rest of the touch here and stops Qt from also
            # sending synthesized mouse events for it.
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self.traces.clear()
            self.fingers_cancelled()
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _from_touch(event: QMouseEvent) -> bool:
        # Mouse events a touch screen driver made up; the touch path already handled them.
        return event.device().type() == QInputDevice.DeviceType.TouchScreen

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._from_touch(event):
            event.ignore()
            return
        self._down(MOUSE_ID, event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if MOUSE_ID in self.traces and not self._from_touch(event):
            self._move(MOUSE_ID, event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._from_touch(event):
            event.ignore()
            return
        self._up(MOUSE_ID, event.position())
        event.accept()
