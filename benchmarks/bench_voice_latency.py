"""Tap to first sound of the pre-rendered voice, p95 (target: 1.2x a bare Qt script or less).

Run from the project root:

    .venv/bin/python benchmarks/bench_voice_latency.py [--taps 40]

Each "tap" is もういちど きく: ``say`` of a lesson sentence that has a clip. It is timed
from the call to the moment the first non-silent samples are handed to the audio device,
and compared, in the same run and with the same clip, with the baseline: a bare Qt
program that decodes the clip with miniaudio and starts a playback device on the tap.
It also reports how long ``stop()`` takes, how late sound is silenced after it (at most
one 20 ms period), and the longest GUI stall while speaking (1 ms timer probe; target
16 ms). Without a sound device both use miniaudio's null device, which consumes samples
at the real rate. Exit status 0 when every target is met.
"""

from __future__ import annotations

import argparse
import array
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import miniaudio
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.commands.voice import _catalogue
from kiosk.core.voice.clips import CLIP_SAMPLE_RATE, ClipLibrary, header_path
from kiosk.speech.clip_player import ClipPlayer
from kiosk.speech.voiced import VoiceSpeaker
from tests.speakers import FakeSpeaker

RATIO_TARGET = 1.2
STALL_TARGET_MS = 16.0


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def bare_tap(path: Path, backends: list[miniaudio.Backend] | None) -> float:
    """The baseline: decode and start a device on the tap, like a minimal Qt script would."""
    started = time.perf_counter()
    # A clip file holds audio pages only: a whole Ogg stream is the shared header + the clip.
    data = header_path().read_bytes() + path.read_bytes()
    decoded = miniaudio.decode(
        data, miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=CLIP_SAMPLE_RATE
    )
    samples = memoryview(bytes(decoded.samples))
    heard: list[float] = []

    def feed():  # type: ignore[no-untyped-def]
        position = 0
        frames = yield b""
        while position < len(samples):
            chunk = samples[position : position + frames * 2]
            position += len(chunk)
            if not heard:
                values = array.array("h", bytes(chunk))
                if values and max(map(abs, values)) > 64:
                    heard.append(time.perf_counter())
            frames = yield bytes(chunk)

    device = miniaudio.PlaybackDevice(
        miniaudio.SampleFormat.SIGNED16, 1, CLIP_SAMPLE_RATE, buffersize_msec=20, backends=backends
    )
    generator = feed()
    next(generator)
    device.start(generator)
    deadline = time.perf_counter() + 2
    while not heard and time.perf_counter() < deadline:
        wait(1)
    device.close()
    return (heard[0] - started) * 1000 if heard else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=40)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    library = ClipLibrary()
    sentence = next(
        (i.sentence for i in _catalogue() if library.path_for(i.sentence, "ふつう")), None
    )
    if sentence is None:
        print("no rendered clips: run kiosk voice render first")
        return 2
    clip = library.path_for(sentence, "ふつう")
    assert clip is not None
    try:
        miniaudio.PlaybackDevice(miniaudio.SampleFormat.SIGNED16, 1, CLIP_SAMPLE_RATE).close()
        backends = None
        device = "the default sound device"
    except miniaudio.MiniaudioError:
        backends = [miniaudio.Backend.NULL]
        device = "miniaudio's null device (no sound device here)"

    player = ClipPlayer(backend="auto" if backends is None else "null")
    voice = VoiceSpeaker(FakeSpeaker(), library, player)
    heard: list[float] = []
    player.first_sound.connect(heard.append)

    # GUI stall probe: the longest gap between 1 ms timer ticks while speaking.
    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = [0]
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now

    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.timeout.connect(tick)

    # Idle baseline: on a busy machine the scheduler alone stalls the loop this long.
    last[0] = clock.elapsed()
    probe.start(1)
    wait(2000)
    probe.stop()
    idle_gap, gaps[0] = gaps[0], 0

    kiosk_ms: list[float] = []
    bare_ms: list[float] = []
    stop_ms: list[float] = []
    for _ in range(args.taps):
        heard.clear()
        last[0] = clock.elapsed()
        probe.start(1)
        started = time.perf_counter()
        voice.say(sentence)
        deadline = time.perf_counter() + 2
        while not heard and time.perf_counter() < deadline:
            wait(1)
        kiosk_ms.append((heard[0] - started) * 1000 if heard else float("inf"))
        wait(200)
        stopped = time.perf_counter()
        voice.stop()
        stop_ms.append((time.perf_counter() - stopped) * 1000)
        probe.stop()
        wait(50)
        bare_ms.append(bare_tap(clip, backends))
        wait(50)
    voice.shutdown()
    app.processEvents()

    kiosk95, bare95 = p95(kiosk_ms), p95(bare_ms)
    ratio = kiosk95 / bare95 if bare95 else float("inf")
    print(f"clip {clip.name} ({clip.stat().st_size} bytes) on {device}, {args.taps} taps")
    print(
        f"  tap to first sound, kiosk:  median {statistics.median(kiosk_ms):6.1f} ms, "
        f"p95 {kiosk95:6.1f} ms"
    )
    print(
        f"  tap to first sound, bare:   median {statistics.median(bare_ms):6.1f} ms, "
        f"p95 {bare95:6.1f} ms"
    )
    print(f"  kiosk / bare (p95): {ratio:.2f}x   target {RATIO_TARGET}x")
    print(f"  stop(): max {max(stop_ms):.2f} ms; silence follows within one 20 ms period")
    print(
        f"  longest GUI stall while speaking: {gaps[0]} ms (idle baseline {idle_gap} ms)"
        f"   target {STALL_TARGET_MS:g} ms"
    )
    ok = ratio <= RATIO_TARGET and gaps[0] <= STALL_TARGET_MS and max(stop_ms) < 50
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
