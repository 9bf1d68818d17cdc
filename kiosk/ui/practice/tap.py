"""タップ drill: a mark appears, from large to phone-sized; every touch gets a kind word."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.drills import TAP_TARGET_SIZES_MM, Drill, tap_targets
from kiosk.core.gestures import LONG_PRESS_MS, MESSAGES, Mistake, Target, coach_tap
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import DrillRun, Move
from kiosk.ui import theme
from kiosk.ui.practice.drill import DrillScreen
from kiosk.ui.practice.hint import HintKind
from kiosk.ui.practice.phone import draw_status_bar, status_height
from kiosk.ui.practice.touch import TouchPad, Trace

TARGET_COLOUR = "#0b3d91"
RIPPLE_COLOUR = QColor(179, 89, 0, 200)
FINGER_MM = 10.0


class TargetPad(TouchPad):
    """The phone screen with one target square; draws a ring where the finger lands."""

    def __init__(self, drill: TapDrill, clock: Clock) -> None:
        super().__init__(clock=clock)
        self.drill = drill
        self.target: Target | None = None
        self.touch_point: QPointF | None = None
        self.scale = 1.0
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(round(LONG_PRESS_MS))
        self._hold_timer.timeout.connect(self._still_holding)

    def top_mm(self) -> float:
        """Targets stay below the status strip."""
        return self.px_to_mm(status_height(self.scale))

    def target_rect(self) -> QRectF:
        """The current target in pixels (empty when there is none)."""
        if self.target is None:
            return QRectF()
        t = self.target
        top = self.top_mm()
        return QRectF(
            self.mm_to_px(t.cx - t.width / 2),
            self.mm_to_px(top + t.cy - t.height / 2),
            self.mm_to_px(t.width),
            self.mm_to_px(t.height),
        )

    def finger_down(self, trace: Trace) -> None:
        if len(self.traces) > 1:
            return  # a second finger or the palm: only the first touch counts
        self.drill.touched()
        self.touch_point = trace.start
        self._hold_timer.start()
        self.update()

    def finger_up(self, trace: Trace) -> None:
        if self.touch_point is None:
            return
        self._hold_timer.stop()
        self.touch_point = None
        self.update()
        top = self.top_mm()
        points = [(t, x, y - top) for t, x, y in trace.in_mm(self.dpi())]
        self.drill.tapped(points)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.drill.fit_targets()

    def fingers_cancelled(self) -> None:
        self._hold_timer.stop()
        self.touch_point = None
        self.update()

    def _still_holding(self) -> None:
        # Say it while the finger is still down: that is when the advice can be followed.
        if self.touch_point is not None:
            self.drill.coach(MESSAGES[Mistake.HELD_TOO_LONG])

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_status_bar(painter, self.width(), status_height(self.scale), self.scale)
        rect = self.target_rect()
        if not rect.isEmpty():
            painter.setPen(QPen(QColor(theme.INK), 3))
            painter.setBrush(QColor(TARGET_COLOUR))
            radius = rect.width() * 0.22
            painter.drawRoundedRect(rect, radius, radius)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(theme.glyph_font(rect.height() * 0.55, bold=True))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "★")
        if self.touch_point is not None:
            radius = self.mm_to_px(FINGER_MM) / 2
            painter.setPen(QPen(RIPPLE_COLOUR, 5))
            painter.setBrush(QColor(RIPPLE_COLOUR.red(), RIPPLE_COLOUR.green(), 0, 60))
            painter.drawEllipse(self.touch_point, radius, radius)
        painter.end()


class TapDrill(DrillScreen):
    """Six marks, each smaller than the last, down to the size of a real phone's buttons."""

    drill = Drill.TAP
    run: DrillRun[float]
    FIRST = "{青|あお}い しるしを、{指|ゆび}で ちょんと さわりましょう。"
    NEXT = "つぎの しるしを さわりましょう。すこしずつ ちいさく なります。"

    def build_phone(self, display: QWidget) -> None:
        layout = QVBoxLayout(display)
        layout.setContentsMargins(0, 0, 0, 0)
        self.targets: list[Target] = []
        self.pad = TargetPad(self, clock=lambda: self.clock())
        self.pad.scale = self.services.theme.scale
        layout.addWidget(self.pad)

    def drill_steps(self) -> tuple[float, ...]:
        """The sizes of the marks, in the order they appear."""
        return TAP_TARGET_SIZES_MM

    def begin(self) -> None:
        self.targets = []
        self.fit_targets()
        self._show_target()

    def area_mm(self) -> tuple[float, float]:
        """The size of the area below the status strip where targets may appear."""
        width = self.pad.px_to_mm(self.pad.width())
        return width, self.pad.px_to_mm(self.pad.height()) - self.pad.top_mm()

    def fit_targets(self) -> None:
        """Place the targets once the phone has a size, and again if it shrank under them."""
        sizes = self.run.steps
        width, height = self.area_mm()
        if not sizes or width <= max(sizes) or height <= max(sizes):
            return  # not laid out (or not started) yet
        fits = all(
            t.cx + t.width / 2 <= width and t.cy + t.height / 2 <= height for t in self.targets
        )
        if not self.targets or not fits:
            self.targets = tap_targets(width, height, sizes)
        self.pad.target = self.current_target()
        self.pad.update()

    def current_target(self) -> Target | None:
        """The target being practised (None before the phone is laid out)."""
        index = self.run.index
        return self.targets[index] if index < len(self.targets) else None

    def _show_target(self) -> None:
        self.pad.target = self.current_target()
        self.set_step(self.FIRST if self.run.index == 0 else self.NEXT, self.run.progress())
        self.pad.update()

    def tapped(self, points: list[tuple[float, float, float]]) -> None:
        """One tap finished (points in mm, relative to the target area)."""
        if self.run.finished:
            return
        target = self.current_target()
        if target is None:
            return
        move = self.record(coach_tap(points, target))
        if move is Move.DONE:
            self.pad.target = None
        elif move is Move.NEXT:
            self.well_done(self.NEXT)
            self._show_target()

    def show_hint(self) -> None:
        rect = self.pad.target_rect()
        if rect.isEmpty():
            return
        centre = self.pad.mapTo(self.phone.display, rect.center().toPoint())
        self.hint.play(HintKind.TAP, QPointF(centre), finger_px=self.pad.mm_to_px(FINGER_MM))

    def on_text_size(self) -> None:
        self.pad.scale = self.services.theme.scale
        self.pad.update()
