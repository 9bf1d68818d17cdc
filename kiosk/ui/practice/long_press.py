"""ながおし drill: hold an app icon about one second until its menu opens."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.drills import Drill
from kiosk.core.gestures import (
    LONG_PRESS_MENU_MS,
    OK,
    TAP_SLOP_MM,
    coach_long_press,
    max_travel_mm,
)
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import DrillRun, Move
from kiosk.ui.practice.drill import DrillScreen
from kiosk.ui.practice.hint import HintKind
from kiosk.ui.practice.home import HomeView
from kiosk.ui.practice.phone import SIMPLE_HOME
from kiosk.ui.practice.touch import Trace

RING_FRAME_MS = 30  # repaint rate of the filling ring while the finger is held


class LongPressPad(HomeView):
    """The home screen; holding an icon fills a ring, and at one second its menu opens."""

    def __init__(self, drill: LongPressDrill, clock: Clock) -> None:
        super().__init__([SIMPLE_HOME], clock)
        self.drill = drill
        self.down: Trace | None = None
        self.menu_opened = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(RING_FRAME_MS)
        self._ticker.timeout.connect(self.check_hold)

    def finger_down(self, trace: Trace) -> None:
        if self.down is not None:
            return  # a second finger: only the first one counts
        self.drill.touched()
        self.menu_cell = None
        self.menu_opened = False
        self.down = trace
        self.pressed_cell = self.cell_at(trace.start)
        self.hold_point = trace.start
        self.hold_progress = 0.0
        self._ticker.start()
        self.update()

    def finger_moved(self, trace: Trace) -> None:
        if trace is self.down:
            self.check_hold()

    def finger_up(self, trace: Trace) -> None:
        if trace is not self.down:
            return
        self.check_hold()
        self._ticker.stop()
        self.down = None
        self.pressed_cell = None
        self.hold_point = None
        self.hold_progress = 0.0
        self.update()
        if not self.menu_opened:
            self.drill.released_early(trace.in_mm(self.dpi()))

    def fingers_cancelled(self) -> None:
        self._ticker.stop()
        self.down = None
        self.pressed_cell = None
        self.hold_point = None
        self.update()

    def check_hold(self) -> None:
        """Advance the ring; open the menu once the finger has rested long enough."""
        trace = self.down
        if trace is None or self.menu_opened:
            return
        if max_travel_mm(trace.in_mm(self.dpi())) > TAP_SLOP_MM:
            # A slide cancels the long press, as on a phone; the coaching comes on release.
            self.hold_point = None
            self.pressed_cell = None
            self._ticker.stop()
            self.update()
            return
        held = self.clock() - trace.samples[0][0]
        self.hold_progress = held / LONG_PRESS_MENU_MS
        if held >= LONG_PRESS_MENU_MS and self.pressed_cell is not None:
            self.menu_opened = True
            self.menu_cell = self.pressed_cell
            self.hold_point = None
            self._ticker.stop()
            self.drill.menu_opened(self.pressed_cell)
        self.update()


class LongPressDrill(DrillScreen):
    """Three icons in turn: press and hold each until its menu appears."""

    drill = Drill.LONG_PRESS
    run: DrillRun[str]
    APPS = ("カメラ", "メール", "とけい")

    def build_phone(self, display: QWidget) -> None:
        layout = QVBoxLayout(display)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pad = LongPressPad(self, clock=lambda: self.clock())
        self.pad.scale = self.services.theme.scale
        layout.addWidget(self.pad)

    def drill_steps(self) -> tuple[str, ...]:
        return self.APPS

    def instruction_for(self, name: str) -> str:
        return f"「{name}」の アイコンを {{指|ゆび}}で おさえて、メニューが でるまで そのまま まちましょう。"

    def begin(self) -> None:
        self.pad.menu_cell = None
        self._show_round()

    def _show_round(self) -> None:
        self.set_step(self.instruction_for(self.run.expected), self.run.progress())
        self.pad.update()

    def target_cell(self) -> int:
        return self.pad.cell_of(self.run.expected)

    def menu_opened(self, cell: int) -> None:
        """The finger rested long enough on ``cell``."""
        if self.run.finished:
            return
        if cell != self.target_cell():
            # Held the wrong icon: still a good long press, so say so, then point the way.
            self.run.count(False)
            name = self.run.expected
            self.coach(f"ながおし できました。つぎは 「{name}」で やってみましょう。")
            return
        if self.record(OK) is Move.NEXT:
            self.well_done("メニューが でました。" + self.instruction_for(self.run.expected))
            self._show_round()

    def released_early(self, points_mm: list[tuple[float, float, float]]) -> None:
        """The finger lifted before the menu opened: explain what to change."""
        if self.run.finished:
            return
        feedback = coach_long_press(points_mm, self.pad.cell_target(self.target_cell()))
        if self.record(feedback) is Move.NEXT:
            self.well_done(self.instruction_for(self.run.expected))
            self._show_round()

    def show_hint(self) -> None:
        if self.pad.width() < 50 or self.run.finished:
            return
        centre = self.pad.icon_rect(self.target_cell()).center()
        at = QPointF(self.pad.mapTo(self.phone.display, centre.toPoint()))
        self.hint.play(HintKind.LONG_PRESS, at, finger_px=self.pad.mm_to_px(10))

    def on_text_size(self) -> None:
        self.pad.scale = self.services.theme.scale
        self.pad.update()
