"""An animated finger drawn over the practice phone that shows how a gesture is done."""

from __future__ import annotations

import math
from enum import Enum

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

FINGER_FILL = QColor(232, 190, 160, 210)
FINGER_EDGE = QColor(90, 50, 30, 230)
RIPPLE = QColor(11, 61, 145, 200)


class HintKind(Enum):
    """The gestures the hint can show."""

    TAP = "tap"
    LONG_PRESS = "long_press"
    SWIPE = "swipe"
    DRAG = "drag"
    PINCH = "pinch"
    PINCH_CLOSE = "pinch_close"


# Milliseconds per loop: slow enough to follow with the eyes.
DURATIONS = {
    HintKind.TAP: 1400,
    HintKind.LONG_PRESS: 2400,
    HintKind.SWIPE: 1600,
    HintKind.DRAG: 2200,
    HintKind.PINCH: 2200,
    HintKind.PINCH_CLOSE: 2200,
}
LOOPS = 2


class FingerHint(QWidget):
    """Covers its parent and plays a finger animation; input passes straight through it.

    ``play`` starts a hint; it stops by itself after two loops, or when ``stop`` is called
    (drills call it as soon as the learner touches the phone).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._covered = parent
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.kind = HintKind.TAP
        self.start = QPointF()
        self.end = QPointF()
        self.finger_px = 48.0
        self.progress = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.Linear)
        self._animation.valueChanged.connect(self._on_value)
        self._animation.finished.connect(self.hide)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._covered.rect())
        return False

    def is_playing(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def play(
        self,
        kind: HintKind,
        start: QPointF,
        end: QPointF | None = None,
        finger_px: float = 48.0,
    ) -> None:
        """Show ``kind`` at ``start`` (moving to ``end`` for swipes, drags and pinches)."""
        self.kind = kind
        self.start = QPointF(start)
        self.end = QPointF(end) if end is not None else QPointF(start)
        self.finger_px = finger_px
        self._animation.stop()
        self._animation.setDuration(DURATIONS[kind])
        self._animation.setLoopCount(LOOPS)
        self.progress = 0.0
        self.setGeometry(self._covered.rect())
        self.raise_()
        self.show()
        self._animation.start()

    def stop(self) -> None:
        """Hide the hint at once."""
        self._animation.stop()
        self.hide()

    def _on_value(self, value: object) -> None:
        self.progress = float(value) if isinstance(value, (int, float)) else 0.0
        self.update()

    # Painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        p = self.progress
        if self.kind is HintKind.TAP:
            # Come down (0-0.4), touch (0.4-0.6), lift away.
            down = 0.4 <= p <= 0.6
            lift = 0.0 if down else min(1.0, abs(p - 0.5) * 4 - 0.4)
            if down:
                self._ripple(painter, self.start, (p - 0.4) / 0.2)
            self._finger(painter, self.start, lift=max(0.0, lift))
        elif self.kind is HintKind.LONG_PRESS:
            down = 0.15 <= p <= 0.85
            if down:
                self._hold_ring(painter, self.start, (p - 0.15) / 0.7)
            self._finger(painter, self.start, lift=0.0 if down else 0.6)
        elif self.kind in (HintKind.SWIPE, HintKind.DRAG):
            travel = _ease(max(0.0, min(1.0, (p - 0.2) / 0.6)))
            here = self.start + (self.end - self.start) * travel
            if 0.2 <= p <= 0.8:
                self._trail(painter, self.start, here)
            self._finger(painter, here, lift=0.0 if 0.15 <= p <= 0.85 else 0.6)
        else:
            self._pinch(painter, p, closing=self.kind is HintKind.PINCH_CLOSE)
        painter.end()

    def _finger(self, painter: QPainter, tip: QPointF, lift: float = 0.0) -> None:
        draw_finger(painter, tip, self.finger_px, lift)

    def _ripple(self, painter: QPainter, at: QPointF, t: float) -> None:
        painter.setPen(QPen(RIPPLE, 5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = self.finger_px * (0.6 + t)
        painter.drawEllipse(at, radius, radius)

    def _hold_ring(self, painter: QPainter, at: QPointF, t: float) -> None:
        radius = self.finger_px * 1.1
        rect = QRectF(at.x() - radius, at.y() - radius, radius * 2, radius * 2)
        painter.setPen(QPen(QColor(RIPPLE.red(), RIPPLE.green(), RIPPLE.blue(), 60), 8))
        painter.drawEllipse(rect)
        painter.setPen(QPen(RIPPLE, 8))
        painter.drawArc(rect, 90 * 16, -round(360 * 16 * t))

    def _trail(self, painter: QPainter, start: QPointF, here: QPointF) -> None:
        painter.setPen(QPen(RIPPLE, 6, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(start, here)

    def _pinch(self, painter: QPainter, p: float, *, closing: bool) -> None:
        # Two fingers about ``start`` (the centre), spreading out to ``end - start`` each,
        # or coming together from there.
        spread = _ease(max(0.0, min(1.0, (p - 0.2) / 0.6)))
        if closing:
            spread = 1.0 - spread
        half = (self.end - self.start) * (0.25 + 0.75 * spread)
        for sign in (1, -1):
            here = self.start + half * sign
            self._trail(painter, self.start + half * 0.25 * sign, here)
            self._finger(painter, here, lift=0.0 if 0.15 <= p <= 0.85 else 0.5)


def _ease(t: float) -> float:
    """Smooth start and stop, like a real hand."""
    return 0.5 - math.cos(math.pi * t) / 2


def draw_finger(painter: QPainter, tip: QPointF, finger_px: float, lift: float = 0.0) -> None:
    """A fingertip seen from above at ``tip``, the finger running off to the lower right.

    ``lift`` (0..1) floats it up and away, to show it is not touching.
    """
    r = finger_px / 2
    tip = tip - QPointF(r * 0.5, r * 0.6) * lift
    path = QPainterPath()
    path.addEllipse(tip, r * 0.85, r)
    shaft = QPainterPath()
    angle = math.radians(35)
    along = QPointF(math.sin(angle), math.cos(angle)) * r * 3.2
    across = QPointF(math.cos(angle), -math.sin(angle)) * r * 0.85
    shaft.moveTo(tip + across)
    shaft.lineTo(tip + across + along)
    shaft.lineTo(tip - across + along)
    shaft.lineTo(tip - across)
    shaft.closeSubpath()
    painter.setPen(QPen(FINGER_EDGE, max(1.5, r / 8)))
    painter.setBrush(FINGER_FILL)
    painter.drawPath(path.united(shaft))
    nail = QRectF(0, 0, r * 0.9, r * 0.7)
    nail.moveCenter(tip + along * 0.12)
    painter.setPen(QPen(FINGER_EDGE, 1.5))
    painter.setBrush(QColor(250, 225, 210, 220))
    painter.drawRoundedRect(nail, r * 0.3, r * 0.3)
