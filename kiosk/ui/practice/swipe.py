"""スワイプ drill: move between home pages left and right; the page follows the finger."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, QVariantAnimation
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.drills import Drill
from kiosk.core.gestures import Direction, coach_swipe
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import DrillRun, Move
from kiosk.ui.practice.drill import DrillScreen
from kiosk.ui.practice.hint import HintKind
from kiosk.ui.practice.home import HomeView
from kiosk.ui.practice.phone import SIMPLE_HOME, SIMPLE_MORE
from kiosk.ui.practice.touch import Trace

SETTLE_MS = 220


class SwipePad(HomeView):
    """Three home pages; dragging slides them, lifting settles on a page.

    The pages are a phone's simple home (six big apps in two columns, then six others,
    then the clock): the drill is about turning pages and seeing what the next one holds,
    so its app names read at the learner's body size rather than shrink to fit many apps.
    """

    def __init__(self, drill: SwipeDrill, clock: Clock) -> None:
        super().__init__([SIMPLE_HOME, SIMPLE_MORE, None], clock)
        self.drill = drill
        self.down: Trace | None = None
        self._settle = QVariantAnimation(self)
        self._settle.setDuration(SETTLE_MS)
        self._settle.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._settle.valueChanged.connect(self._on_settle)

    def finger_down(self, trace: Trace) -> None:
        if self.down is not None:
            return
        self.drill.touched()
        self._settle.stop()
        self.offset = 0.0
        self.down = trace

    def finger_moved(self, trace: Trace) -> None:
        if trace is not self.down:
            return
        dx = trace.last.x() - trace.start.x()
        # Past the first or last page the page only gives a little, as on a phone.
        at_edge = (dx > 0 and self.page == 0) or (dx < 0 and self.page == len(self.home_pages) - 1)
        self.offset = dx / 3 if at_edge else dx
        self.update()

    def finger_up(self, trace: Trace) -> None:
        if trace is not self.down:
            return
        self.down = None
        self.drill.swiped(trace.in_mm(self.dpi()))

    def fingers_cancelled(self) -> None:
        self.down = None
        self.go_to(self.page)

    def go_to(self, page: int) -> None:
        """Settle on ``page`` with a short slide from wherever the finger left it."""
        width = float(self.width())
        start = self.offset + (page - self.page) * width
        self.page = page
        self.offset = start
        self._settle.stop()
        self._settle.setStartValue(start)
        self._settle.setEndValue(0.0)
        self._settle.start()
        self.update()

    def _on_settle(self, value: object) -> None:
        self.offset = float(value) if isinstance(value, (int, float)) else 0.0
        self.update()


class SwipeDrill(DrillScreen):
    """Two pages forward with a leftward swipe, then two back with a rightward one."""

    drill = Drill.SWIPE
    run: DrillRun[Direction]
    STEPS = (Direction.LEFT, Direction.LEFT, Direction.RIGHT, Direction.RIGHT)
    FORWARD = "{指|ゆび}を がめんに つけて、みぎから ひだりへ さっと はらいましょう。つぎの ページが でます。"
    BACK = "こんどは ひだりから みぎへ さっと はらって、まえの ページに もどりましょう。"

    def build_phone(self, display: QWidget) -> None:
        layout = QVBoxLayout(display)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pad = SwipePad(self, clock=lambda: self.clock())
        self.pad.scale = self.services.theme.scale
        layout.addWidget(self.pad)

    def drill_steps(self) -> tuple[Direction, ...]:
        return self.STEPS

    def instruction_for(self, direction: Direction) -> str:
        return self.FORWARD if direction is Direction.LEFT else self.BACK

    def begin(self) -> None:
        self.pad.page = 0
        self.pad.offset = 0.0
        self._show_step()

    def _show_step(self) -> None:
        self.set_step(self.instruction_for(self.run.expected), self.run.progress())
        self.pad.update()

    def swiped(self, points_mm: list[tuple[float, float, float]]) -> None:
        """A finger lifted after touching the home screen."""
        if self.run.finished:
            self.pad.go_to(self.pad.page)
            return
        expected = self.run.expected
        feedback = coach_swipe(points_mm, expected)
        turn = (1 if expected is Direction.LEFT else -1) if feedback.ok else 0
        self.pad.go_to(self.pad.page + turn)
        if self.record(feedback) is Move.NEXT:
            self.well_done(self.instruction_for(self.run.expected))
            self._show_step()

    def show_hint(self) -> None:
        width, height = self.pad.width(), self.pad.height()
        if width < 50 or self.run.finished:
            return
        expected = self.run.expected
        left, right = QPointF(width * 0.2, height * 0.45), QPointF(width * 0.8, height * 0.45)
        start, end = (right, left) if expected is Direction.LEFT else (left, right)
        origin = QPointF(self.pad.mapTo(self.phone.display, self.pad.rect().topLeft()))
        self.hint.play(
            HintKind.SWIPE, start + origin, end + origin, finger_px=self.pad.mm_to_px(10)
        )

    def on_text_size(self) -> None:
        self.pad.scale = self.services.theme.scale
        self.pad.update()
