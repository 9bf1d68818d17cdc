"""文字の おおきさ チェック: 30 seconds of small marks, then a suggested text size (大 / 特大)."""

from __future__ import annotations

import random

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from kiosk.core.drills import (
    DRILL_TITLES,
    SIZE_CHECK_SECONDS,
    SIZE_CHECK_SIZES_MM,
    Drill,
    suggest_text_size,
)
from kiosk.core.gestures import coach_tap
from kiosk.ui.practice.tap import TapDrill
from kiosk.ui.widgets import big_button

MARKS = 60  # more than anyone taps in 30 seconds
TICK_MS = 250


class SizeCheckDrill(TapDrill):
    """Small marks for 30 seconds; misses on small marks suggest larger text for this learner."""

    drill = Drill.SIZE_CHECK
    FIRST = (
        "30{秒|びょう}の あいだ、でてくる しるしを どんどん さわりましょう。"
        "さいごに、みやすい {文字|もじ}の おおきさを おすすめします。"
    )
    NEXT = FIRST
    KEEP = "いまの {文字|もじ}の おおきさで だいじょうぶです。"

    def title_text(self) -> str:
        return DRILL_TITLES[Drill.SIZE_CHECK]

    def drill_steps(self) -> tuple[float, ...]:
        # Every size once per block of four, in a shuffled order: each size gets the same
        # number of taps, so the suggestion never rests on a lucky run of big marks.
        rng = random.Random()
        sizes: list[float] = []
        while len(sizes) < MARKS:
            block = list(SIZE_CHECK_SIZES_MM)
            rng.shuffle(block)
            sizes.extend(block)
        return tuple(sizes)

    def build_phone(self, display: QWidget) -> None:
        super().build_phone(display)
        self.taps: list[tuple[float, bool]] = []
        self.suggestion: str | None = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.yes_button = big_button("はい、おおきく する", self.accept_suggestion, primary=True)
        self.no_button = big_button("このままに する", self.keep_size)
        self.controls.addWidget(self.yes_button)
        self.controls.addWidget(self.no_button)
        self.controls.addStretch(1)

    def begin(self) -> None:
        self.taps = []
        self.suggestion = None
        self.yes_button.hide()
        self.no_button.hide()
        self.pad.setEnabled(True)
        super().begin()
        self.ticker.start()
        self.tick()

    def seconds_left(self) -> int:
        return max(0, SIZE_CHECK_SECONDS - int(self.run.elapsed_ms() / 1000.0))

    def tick(self) -> None:
        """Show the time left; at zero, stop and make the suggestion."""
        if self.run.finished or self.suggestion is not None:
            return
        left = self.seconds_left()
        self.progress_text.set_text(f"のこり {left}{{秒|びょう}}")
        if left == 0:
            self.time_up()

    def _show_target(self) -> None:
        super()._show_target()
        self.progress_text.set_text(f"のこり {self.seconds_left()}{{秒|びょう}}")

    def tapped(self, points: list[tuple[float, float, float]]) -> None:
        target = self.current_target()
        if self.run.finished or target is None or self.suggestion is not None:
            return
        hit = coach_tap(points, target).ok
        self.taps.append((target.width, hit))
        self.run.count(hit)
        self.run.advance(wrap=True)  # time decides the end, not the marks
        self._show_target()
        self.tick()

    def time_up(self) -> None:
        """30 seconds are over: suggest a text size, or finish if the current one suits."""
        self.ticker.stop()
        self.pad.target = None
        self.pad.update()
        self.pad.setEnabled(False)
        suggestion = suggest_text_size(self.taps)
        current = self.services.theme.size_name
        order = ("標準", "大", "特大")
        if suggestion is None or order.index(suggestion) <= order.index(current):
            self.suggestion = ""
            self.services.speaker.say(self.KEEP)
            self.finish()
            self.praise.message.set_text(self.KEEP)
            return
        self.suggestion = suggestion
        question = (
            f"{{文字|もじ}}を 「{suggestion}」に すると、もっと みやすく なります。"
            "おおきく しますか？"
        )
        self.set_step(question, "")
        self.yes_button.show()
        self.no_button.show()
        self.services.speaker.say(question)

    def accept_suggestion(self) -> None:
        if self.suggestion:
            self.session.set_text_size(self.suggestion)
        self.finish()

    def keep_size(self) -> None:
        self.finish()

    def on_hidden(self) -> None:
        super().on_hidden()
        self.ticker.stop()

    def on_shown(self) -> None:
        super().on_shown()
        if not self.run.finished and self.suggestion is None:
            self.ticker.start()
