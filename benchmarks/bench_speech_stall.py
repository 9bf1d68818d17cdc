"""How long the GUI event loop stalls while the real pyttsx3 backend speaks (target: 16 ms).

Run from the project root:

    .venv/bin/python benchmarks/bench_speech_stall.py [--seconds 60] [--player auto]

A 1 ms QTimer probe on the GUI thread records every tick; the longest gap between two
ticks is the longest stall a learner could feel. An idle baseline comes first: on a busy
machine the scheduler alone causes stalls of a few (or tens of) milliseconds. So each
phase also reports the longest stall that overlaps speech work (the 300 ms after a
``say``, a ``stop`` or a sentence start: synthesis, file hand-over, player start),
which is what the backend can be blamed for; the exit status (0 = within target) uses
that figure. It is measured while the engine
starts, while a long lesson text is read aloud (synthesis of every sentence runs in the
worker meanwhile), and while a learner taps つぎへ quickly (say / stop every 150 ms).
It also prints how long ``stop()`` takes and how soon a new text starts after it.
``--player silent`` (the default on machines without a player) keeps sentence timing
without sound; ``--player-command "pw-play"`` measures a real player process.
Without a display it runs offscreen.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.speech.live.speaker import Pyttsx3Speaker

TARGET_MS = 16.0
LESSON = (
    "スマートフォンの {電源|でんげん}を いれて みましょう。"
    "{右|みぎ}の よこに ある、{小|ちい}さな ボタンを さがします。"
    "その ボタンを ながく おして、{画面|がめん}が つくまで まちます。"
    "{画面|がめん}が ついたら、{指|ゆび}を はなしましょう。"
    "はじめて つかう ときは、ロックを はずす {画面|がめん}が でます。"
    "{画面|がめん}の {下|した}から {上|うえ}へ、{指|ゆび}で そっと なぞります。"
    "{暗証番号|あんしょうばんごう}を きかれたら、{数字|すうじ}を おします。"
    "まちがえても だいじょうぶです。もういちど おしましょう。"
    "おわる ときは、おなじ ボタンを みじかく おします。"
    "{画面|がめん}が くらく なったら、おやすみの じょうたいです。"
    "{電源|でんげん}を きる ときは、ボタンを ながく おします。"
    "よく できました！"
)


class StallProbe:
    """Ticks every millisecond on the GUI thread and remembers the gaps between ticks."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self.at: list[float] = []  # seconds since start() of each tick
        self.marks: list[float] = []  # when speech work began (seconds since start())
        self._last = 0

    def start(self) -> None:
        self.gaps = []
        self.at = []
        self.marks = []
        self.clock.start()
        self._last = self.clock.nsecsElapsed()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.gaps.append((now - self._last) / 1e6)
        self.at.append(now / 1e9)
        self._last = now

    def mark(self) -> None:
        self.marks.append(self.clock.nsecsElapsed() / 1e9)

    def near_speech_work(self, window_s: float = 0.3) -> list[float]:
        """Gaps that overlap the window after any mark."""
        found = []
        for end, gap in zip(self.at, self.gaps, strict=True):
            begin = end - gap / 1000
            if any(begin <= m + window_s and end >= m for m in self.marks):
                found.append(gap)
        return found

    def stop(self) -> StallProbe:
        self.timer.stop()
        return self


def run_for(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition, timeout_ms: int) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout_ms / 1000
    while time.perf_counter() < deadline:
        if condition():
            return True
        run_for(5)
    return condition()


def report(name: str, probe: StallProbe, window_s: float = 0.3) -> float:
    """Print one phase; return the longest stall overlapping speech work (or overall)."""
    gaps = probe.gaps
    worst = max(gaps) if gaps else 0.0
    when = probe.at[gaps.index(worst)] if gaps else 0.0
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) > 100 else worst
    print(
        f"{name:<34} longest stall {worst:6.2f} ms (at {when:5.2f} s)  p99 {p99:5.2f} ms  "
        f"ticks {len(gaps):6d}  ratio {worst / TARGET_MS:4.2f} x target"
    )
    if not probe.marks:
        return worst
    near = probe.near_speech_work(window_s)
    blamed = max(near) if near else 0.0
    verdict = "ok" if blamed <= TARGET_MS else "OVER"
    print(
        f"{'':<34} during speech work {blamed:6.2f} ms over {len(near)} ticks"
        f"  ratio {blamed / TARGET_MS:4.2f} x target  {verdict}"
    )
    return blamed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to listen")
    parser.add_argument(
        "--baseline-seconds", type=float, default=10.0, help="idle probe first (machine noise)"
    )
    parser.add_argument("--player", default="auto", choices=["auto", "silent"])
    parser.add_argument("--player-command", help="a WAV player command, e.g. 'pw-play'")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="  log: %(message)s")

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    probe = StallProbe()

    print("espeak-ng / pyttsx3 speech: event-loop stalls on the GUI thread")
    probe.start()
    run_for(int(args.baseline_seconds * 1000))
    baseline = report(f"idle baseline ({args.baseline_seconds:.0f} s, no speech)", probe.stop())

    player = shlex.split(args.player_command) if args.player_command else args.player
    probe.start()
    probe.mark()
    created = time.perf_counter()
    speaker = Pyttsx3Speaker(player=player)
    create_ms = (time.perf_counter() - created) * 1000
    if not wait_until(lambda: not speaker.is_starting(), 20_000):
        print("the engine did not start within 20 s")
        return 2
    ready_ms = (time.perf_counter() - created) * 1000
    # The whole start-up counts as speech work.
    report("engine start in the worker", probe.stop(), window_s=60.0)
    print(
        f"  Pyttsx3Speaker() returned in {create_ms:.1f} ms, engine ready after {ready_ms:.0f} ms"
    )
    print(f"  {speaker.describe()}")
    if not speaker.is_available():
        return 2

    sentences: list[float] = []
    speaker.sentence_started.connect(lambda i: sentences.append(time.perf_counter()))
    speaker.sentence_started.connect(probe.mark)
    probe.start()
    asked = time.perf_counter()
    probe.mark()
    speaker.say(LESSON)
    wait_until(lambda: not speaker.is_speaking(), int(args.seconds * 1000))
    worst_speaking = report(f"reading a lesson ({args.seconds:.0f} s max)", probe.stop())
    if sentences:
        print(
            f"  first sentence after {(sentences[0] - asked) * 1000:.0f} ms; "
            f"{len(sentences)} sentences highlighted"
        )

    stop_ms: list[float] = []
    restart_ms: list[float] = []
    probe.start()
    for _ in range(20):
        sentences.clear()
        asked = time.perf_counter()
        probe.mark()
        speaker.say(LESSON)
        wait_until(lambda: bool(sentences), 2000)
        if sentences:
            restart_ms.append((sentences[0] - asked) * 1000)
        run_for(150)
        started = time.perf_counter()
        probe.mark()
        speaker.stop()
        stop_ms.append((time.perf_counter() - started) * 1000)
    worst_tapping = report("つぎへ tapped every 150 ms (x20)", probe.stop())
    print(
        f"  stop() took at most {max(stop_ms):.2f} ms (median {statistics.median(stop_ms):.2f});"
        f" a new text started after at most {max(restart_ms):.0f} ms"
        f" (median {statistics.median(restart_ms):.0f})"
    )

    speaker.shutdown()
    worst = max(worst_speaking, worst_tapping)
    print(
        f"longest stall during speech work: {worst:.2f} ms against the {TARGET_MS:.0f} ms target"
        f" (ratio {worst / TARGET_MS:.2f}); idle baseline on this machine: {baseline:.2f} ms"
    )
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
