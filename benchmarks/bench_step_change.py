"""Step change in the lesson player: from the つぎへ click to the new step painted.

Target: p95 <= 16 ms of CPU, one frame at 60 Hz, measured in process.

Run from the repository root:

    .venv/bin/python benchmarks/bench_step_change.py [--samples 400] [--size 標準|大|特大]

It builds the real kiosk window at 1280×800 (offscreen unless QT_QPA_PLATFORM says
otherwise), opens every bundled lesson from the lesson list and pages through it with
real clicks on つぎへ. Each sample is the time from the click (``QTest.mouseClick``) to
the Paint event of the new page's heading (step title, or question), caught by an event
filter (and the CPU time the process spent meanwhile, which a busy machine does not
inflate); questions are answered right (untimed) so paging can go on. It also reports
when the last word of the new page was painted (a layout settling a frame late would
show up there). Between clicks it waits ``--think-ms`` like a learner reading, which
lets the player get the next picture or question ready as it does in use. Prints
p50 / p95 / max of the wall clock and of the CPU time, and the ratio of the CPU p95 to
16 ms; exits 1 when the CPU p95 is over budget. The wall clock also counts the time
other programs had the CPU, so on a loaded machine it says more about the machine
than about the kiosk; it is printed for comparison, not judged.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.percentiles import percentile

BUDGET_MS = 16.0


class PaintClock(QObject):
    """Notes when watched widgets are painted after ``arm``: the heading first, any last."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: set[QObject] = set()
        self.painted_at: float | None = None
        self.painted_cpu: float | None = None
        self.last_paint: float | None = None

    def arm(self) -> None:
        self.painted_at = None
        self.painted_cpu = None
        self.last_paint = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            now = time.perf_counter()
            self.last_paint = now
            if self.painted_at is None and watched in self.headings:
                self.painted_at = now
                self.painted_cpu = time.process_time()
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--size", default="標準", choices=["標準", "大", "特大"])
    parser.add_argument("--think-ms", type=int, default=60)
    parser.add_argument("--settle-ms", type=int, default=40)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from kiosk.app import Kiosk
    from kiosk.core.config import Config
    from kiosk.ui.lessons import LessonListScreen, LessonPlayerScreen
    from tests.speakers import FakeSpeaker

    with tempfile.TemporaryDirectory() as data:
        kiosk = Kiosk(app, Config(), Path(data), FakeSpeaker(), demo=True)  # type: ignore[arg-type]
        window = kiosk.window
        window.resize(1280, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        kiosk.sessions.current.set_text_size(args.size)
        kiosk.window.open("lessons")
        lesson_list = window.current_screen()
        assert isinstance(lesson_list, LessonListScreen)

        clock = PaintClock()
        samples: list[float] = []
        settled_samples: list[float] = []
        cpu_samples: list[float] = []
        kinds: dict[str, list[float]] = {"step": [], "check": []}
        while len(samples) < args.samples:
            for lesson in lesson_list.lessons:
                QTest.mouseClick(lesson_list.cards[lesson.id], Qt.MouseButton.LeftButton)
                player = window.current_screen()
                assert isinstance(player, LessonPlayerScreen)
                # The player has two step pages that take turns, and one question page.
                clock.headings = {page.title for page in player.step_pages}
                clock.headings.add(player.check_page.question)
                # The heading, and the words that are painted after it in the same frame.
                watched = [player.check_page.question, player.check_page.feedback.text]
                for page in player.step_pages:
                    watched += [page.title, page.text, page.tip.text]
                for widget in watched:
                    widget.installEventFilter(clock)
                QTest.qWait(args.think_ms)
                while not player.showing_finish() and len(samples) < args.samples:
                    if not player.can_go_next():  # a question: answer it right, untimed
                        check = player.check_page.check
                        assert check is not None
                        right = player.check_page.choices[check.answer - 1]
                        QTest.mouseClick(right, Qt.MouseButton.LeftButton)
                        QTest.qWait(args.think_ms)
                    pager = player.current_pager()
                    if pager is not None and not pager.on_last_part():
                        # つぎへ turns to the next part of this page: not a step change.
                        QTest.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
                        QTest.qWait(args.think_ms)
                        continue
                    last = player.run is not None and player.run.is_last_page()
                    clock.arm()
                    start = time.perf_counter()
                    start_cpu = time.process_time()
                    QTest.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
                    if last:  # the finish page is not a step change
                        QTest.qWait(args.think_ms)
                        break
                    deadline = start + 2.0
                    while clock.painted_at is None and time.perf_counter() < deadline:
                        app.processEvents()
                    if clock.painted_at is None:
                        print("a step was never painted", file=sys.stderr)
                        return 1
                    # Keep the event loop turning for a while: a layout that settles late
                    # would paint the page again, and that frame counts too.
                    settle_until = start + args.settle_ms / 1000
                    while time.perf_counter() < settle_until:
                        app.processEvents()
                    assert clock.last_paint is not None
                    elapsed = (clock.painted_at - start) * 1000
                    settled = (clock.last_paint - start) * 1000
                    samples.append(elapsed)
                    assert clock.painted_cpu is not None
                    cpu_samples.append((clock.painted_cpu - start_cpu) * 1000)
                    settled_samples.append(settled)
                    kinds[player.current_kind()].append(elapsed)
                    QTest.qWait(args.think_ms)
                window.back()
                if len(samples) >= args.samples:
                    break
        window.allow_close()
        window.close()

    p50, p95, worst = percentile(samples, 0.5), percentile(samples, 0.95), max(samples)
    print(f"step change, つぎへ click -> new step painted, {len(samples)} samples at {args.size}")
    print(f"  wall clock: p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   max {worst:6.2f} ms")
    for kind, values in kinds.items():
        if values:
            print(
                f"  to a {kind:5} page: {len(values):4d} samples, p95 {percentile(values, 0.95):6.2f} ms,"
                f" mean {statistics.fmean(values):6.2f} ms"
            )
    s50, s95 = percentile(settled_samples, 0.5), percentile(settled_samples, 0.95)
    print(
        f"  until the last word of the page is painted: p50 {s50:6.2f} ms   p95 {s95:6.2f} ms"
        f"   max {max(settled_samples):6.2f} ms"
    )
    print(f"  settled p95 / 16 ms budget = {s95 / BUDGET_MS:.2f}")
    # On a busy machine the clock also counts time other programs had the CPU; the CPU
    # time this process spent is what the kiosk's own code costs, and it is judged.
    c50, c95 = percentile(cpu_samples, 0.5), percentile(cpu_samples, 0.95)
    print(
        f"  CPU time of this process, click -> painted: p50 {c50:6.2f} ms   p95 {c95:6.2f} ms"
        f"   max {max(cpu_samples):6.2f} ms"
    )
    print(f"  wall p95 / CPU p95 = {p95 / c95:.2f}" if c95 > 0 else "  CPU p95 is 0 ms")
    within = c95 <= BUDGET_MS
    print(
        f"  CPU p95 / 16 ms budget = {c95 / BUDGET_MS:.2f} ({'within' if within else 'OVER'})"
        f"   (wall p95 / 16 ms = {p95 / BUDGET_MS:.2f}, not judged)"
    )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
