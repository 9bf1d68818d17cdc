"""The pulsing rings that show which element of a mock screen to tap."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEasingCurve, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.ui import theme
from kiosk.ui.procedures.mock.style import LINE

HIGHLIGHT_RING = QColor(theme.FOCUS)
PULSE_MS = 1100


class Highlight(QWidget):
    """Draws the pulsing rings around the target elements, above everything else.

    ``rects`` says where the targets are, in the parent's coordinates, at paint time.
    """

    def __init__(self, parent: QWidget, rects: Callable[[], list[QRectF]]) -> None:
        super().__init__(parent)
        self._rects = rects
        self.pulse = 0.5
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setKeyValueAt(0.5, 1.0)
        self._animation.setEndValue(0.0)
        self._animation.setDuration(PULSE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._animation.setLoopCount(-1)
        self._animation.valueChanged.connect(self._on_pulse)

    def start(self) -> None:
        if self._animation.state() != QVariantAnimation.State.Running:
            self._animation.start()

    def stop(self) -> None:
        """Stop pulsing (the rings stay, half-grown)."""
        self._animation.stop()
        self.pulse = 0.5
        self.update()

    def is_running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def _on_pulse(self, value: object) -> None:
        self.pulse = float(value) if isinstance(value, (int, float)) else 0.0
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        rects = self._rects()
        if not rects:
            return
        painter = QPainter(self)
        paint_rings(painter, rects, self.pulse)
        painter.end()


def paint_rings(painter: QPainter, rects: Sequence[QRectF], pulse: float) -> None:
    """Thick rings around ``rects`` that grow and shrink with ``pulse`` (0..1).

    Two lines, dark inside and orange outside, so the ring shows on light and dark
    backgrounds; its thickness and movement, not its colour, carry the meaning.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    outer = 6.0 + 6.0 * pulse
    for rect in rects:
        ring = rect.adjusted(-3 - outer / 2, -3 - outer / 2, 3 + outer / 2, 3 + outer / 2)
        painter.setPen(QPen(HIGHLIGHT_RING, outer))
        painter.drawRoundedRect(ring, 14, 14)
        painter.setPen(QPen(QColor(LINE), 3))
        painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 12, 12)
    painter.restore()
