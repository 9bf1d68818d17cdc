"""ピンチ drill: zoom a photo in and out with two fingers, ＋／－ buttons, or Ctrl + wheel."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.drills import Drill
from kiosk.core.gestures import (
    MESSAGES,
    OK,
    Feedback,
    Mistake,
    coach_pinch,
    pinch_scale,
)
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import DrillRun, Move
from kiosk.ui import theme
from kiosk.ui.practice.drill import DrillScreen
from kiosk.ui.practice.hint import HintKind
from kiosk.ui.practice.phone import draw_status_bar, phone_font, status_height
from kiosk.ui.practice.touch import MOUSE_ID, TouchPad, Trace
from kiosk.ui.widgets import big_button

MIN_ZOOM = 1.0
MAX_ZOOM = 4.0
BUTTON_STEP = 1.25  # one ＋ press or one wheel notch
ZOOM_IN_GOAL = 2.0
ZOOM_OUT_GOAL = 1.05
MOUSE_ADVICE = "マウスの ときは、「＋ おおきく」「－ ちいさく」の ボタンを おしましょう。"
WHEEL_ADVICE = "Ctrl キーを おしたまま ホイールを まわすと、おおきさが かわります。"


class PhotoPad(TouchPad):
    """A painted landscape photo that two fingers zoom about its centre."""

    def __init__(self, drill: PinchDrill, clock: Clock) -> None:
        super().__init__(clock=clock)
        self.drill = drill
        self.zoom = 1.0
        self.scale = 1.0
        self._pinch_start_zoom = 1.0
        self._pinch_fingers: tuple[int, int] | None = None
        self._session_start_zoom = 1.0
        self._session_max_fingers = 0
        self._session_mouse = False

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.update()

    # Fingers ---------------------------------------------------------------------------
    def finger_down(self, trace: Trace) -> None:
        if len(self.traces) == 1:
            self.drill.touched()
            self._session_start_zoom = self.zoom
            self._session_max_fingers = 0
            self._session_mouse = trace.finger == MOUSE_ID
        self._session_max_fingers = max(self._session_max_fingers, len(self.traces))
        if len(self.traces) == 2 and self._pinch_fingers is None:
            first, second = list(self.traces)
            self._pinch_fingers = (first, second)
            self._pinch_start_zoom = self.zoom

    def finger_moved(self, trace: Trace) -> None:
        if self._pinch_fingers is None:
            return
        a, b = (self.traces.get(f) for f in self._pinch_fingers)
        if a is None or b is None:
            return
        factor = pinch_scale(
            (a.start.x(), a.start.y()),
            (b.start.x(), b.start.y()),
            (a.last.x(), a.last.y()),
            (b.last.x(), b.last.y()),
        )
        self.set_zoom(self._pinch_start_zoom * factor)

    def finger_up(self, trace: Trace) -> None:
        if self._pinch_fingers is not None and trace.finger in self._pinch_fingers:
            self._pinch_fingers = None
        if self.traces:
            return  # wait until every finger has lifted
        if self._session_mouse:
            self.drill.mouse_on_photo()
        elif self._session_max_fingers >= 2:
            self.drill.pinched(self._session_start_zoom, self.zoom)
        else:
            self.drill.one_finger()

    def fingers_cancelled(self) -> None:
        self._pinch_fingers = None

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if not notches:
            event.ignore()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.drill.zoom_by(BUTTON_STEP**notches)
        else:
            self.drill.coach(WHEEL_ADVICE)
        event.accept()

    # Painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        painter.save()
        painter.setClipRect(QRectF(0, 0, w, h))
        painter.translate(w / 2, h / 2)
        painter.scale(self.zoom, self.zoom)
        painter.translate(-w / 2, -h / 2)
        _paint_landscape(painter, w, h)
        painter.restore()
        draw_status_bar(painter, w, status_height(self.scale), self.scale)
        badge = QRectF(w - 120, h - 56, 108, 44)
        painter.setPen(QPen(QColor(theme.INK), 2))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(badge, 12, 12)
        painter.setFont(phone_font(14 * self.scale, bold=True))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"{self.zoom:.1f}ばい")
        painter.end()


def _paint_landscape(painter: QPainter, w: float, h: float) -> None:
    """A simple photo: sky, sun, mountains, a house and a flower with a ladybird to find."""
    sky = QLinearGradient(0, 0, 0, h)
    sky.setColorAt(0, QColor("#7ec8f2"))
    sky.setColorAt(0.6, QColor("#d8f0ff"))
    painter.fillRect(QRectF(0, 0, w, h), sky)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#f6c343"))
    painter.drawEllipse(QPointF(w * 0.78, h * 0.18), w * 0.09, w * 0.09)
    painter.setBrush(QColor("#5d7f4e"))
    painter.drawPolygon(
        QPolygonF(
            [QPointF(-w * 0.1, h * 0.6), QPointF(w * 0.3, h * 0.28), QPointF(w * 0.7, h * 0.6)]
        )
    )
    painter.setBrush(QColor("#4a6b3d"))
    painter.drawPolygon(
        QPolygonF(
            [QPointF(w * 0.3, h * 0.6), QPointF(w * 0.72, h * 0.33), QPointF(w * 1.1, h * 0.6)]
        )
    )
    painter.setBrush(QColor("#8cc06b"))
    painter.drawRect(QRectF(0, h * 0.58, w, h * 0.42))
    # The house, left of centre.
    painter.setBrush(QColor("#f3e2c7"))
    painter.drawRect(QRectF(w * 0.12, h * 0.5, w * 0.22, h * 0.12))
    painter.setBrush(QColor("#a33b2b"))
    painter.drawPolygon(
        QPolygonF(
            [QPointF(w * 0.09, h * 0.5), QPointF(w * 0.23, h * 0.42), QPointF(w * 0.37, h * 0.5)]
        )
    )
    # The flower in the middle: zooming in shows the ladybird on it.
    centre = QPointF(w * 0.5, h * 0.5)
    painter.setPen(QPen(QColor("#2f6b2f"), max(1.0, w * 0.008)))
    painter.drawLine(centre, centre + QPointF(0, h * 0.12))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        painter.drawEllipse(centre + QPointF(dx * w * 0.022, dy * w * 0.022), w * 0.02, w * 0.02)
    painter.setBrush(QColor("#f2b705"))
    painter.drawEllipse(centre, w * 0.016, w * 0.016)
    bug = QPainterPath()
    bug.addEllipse(centre + QPointF(w * 0.01, -w * 0.004), w * 0.008, w * 0.006)
    painter.setBrush(QColor("#c62828"))
    painter.drawPath(bug)


class PinchDrill(DrillScreen):
    """Zoom in until the flower is big, then back to the whole photo."""

    drill = Drill.PINCH
    run: DrillRun[float]
    ZOOM_IN = (
        "2ほんの {指|ゆび}で しゃしんを さわり、{指|ゆび}と {指|ゆび}の あいだを"
        " ひろげて、おおきく しましょう。"
    )
    ZOOM_OUT = "こんどは {指|ゆび}と {指|ゆび}を ちかづけて、もとの おおきさに もどしましょう。"

    def build_phone(self, display: QWidget) -> None:
        layout = QVBoxLayout(display)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pad = PhotoPad(self, clock=lambda: self.clock())
        self.pad.scale = self.services.theme.scale
        layout.addWidget(self.pad)
        # For learners without a two-finger touch screen (and for mice).
        self.smaller_button = big_button("－ ちいさく", lambda: self.zoom_by(1 / BUTTON_STEP))
        self.bigger_button = big_button("＋ おおきく", lambda: self.zoom_by(BUTTON_STEP))
        self.controls.addWidget(self.smaller_button)
        self.controls.addWidget(self.bigger_button)
        self.controls.addStretch(1)

    def drill_steps(self) -> tuple[float, ...]:
        """The zoom to reach: bigger first, then back to the whole photo."""
        return (ZOOM_IN_GOAL, ZOOM_OUT_GOAL)

    def zooming_in(self) -> bool:
        return self.run.index == 0

    def begin(self) -> None:
        self.pad.set_zoom(1.0)
        self._show_step()

    def _show_step(self) -> None:
        self.set_step(self.ZOOM_IN if self.zooming_in() else self.ZOOM_OUT, self.run.progress())

    def _reached(self) -> bool:
        zoom, goal = self.pad.zoom, self.run.expected
        return zoom >= goal if self.zooming_in() else zoom <= goal

    def _judge(self, feedback: Feedback) -> None:
        if self.record(feedback) is Move.NEXT:
            self.well_done(self.ZOOM_OUT)
            self._show_step()

    def pinched(self, start_zoom: float, end_zoom: float) -> None:
        """Two fingers lifted after zooming from ``start_zoom`` to ``end_zoom``."""
        if self.run.finished:
            return
        self._judge(coach_pinch(start_zoom, end_zoom, self.run.expected))

    def one_finger(self) -> None:
        if not self.run.finished:
            self._judge(
                Feedback(False, Mistake.PINCH_ONE_FINGER, MESSAGES[Mistake.PINCH_ONE_FINGER])
            )

    def mouse_on_photo(self) -> None:
        # A mouse has one pointer: point to the buttons instead of asking for two fingers.
        if not self.run.finished:
            self.coach(MOUSE_ADVICE)

    def zoom_by(self, factor: float) -> None:
        """＋／－ or Ctrl + wheel: change the zoom at once; reaching the goal completes the step."""
        if self.run.finished:
            return
        self.touched()
        self.pad.set_zoom(self.pad.zoom * factor)
        if self._reached():
            self._judge(OK)

    def show_hint(self) -> None:
        w, h = self.pad.width(), self.pad.height()
        if w < 50:
            return
        centre = QPointF(self.pad.mapTo(self.phone.display, self.pad.rect().center()))
        half = QPointF(w * 0.28, -h * 0.12)
        kind = HintKind.PINCH if self.zooming_in() else HintKind.PINCH_CLOSE
        self.hint.play(kind, centre, centre + half, finger_px=self.pad.mm_to_px(10))

    def on_text_size(self) -> None:
        self.pad.scale = self.services.theme.scale
        self.pad.update()
