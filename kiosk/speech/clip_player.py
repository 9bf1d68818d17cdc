"""Plays pre-rendered Ogg Vorbis clips (and any file miniaudio decodes) in process.

One output stream stays open while the kiosk speaks; the GUI thread only swaps which
clip it feeds. miniaudio calls ``_feed`` on its own audio thread, which decodes the clip
(in C, without the GIL) and hands out samples period by period, so:

* ``stop()`` takes effect at the next period (20 ms): the clip is dropped and the stream
  plays silence; no child process is started or killed.
* ``done`` comes when the last samples were handed to the device; ``first_sound`` when the
  first non-silent ones were (the latency benchmark reads it).
* Without a sound device, miniaudio's null backend consumes samples at the real rate, so
  sentence timing and ``done`` still follow the speech.

The stream closes after ``IDLE_CLOSE_MS`` of silence and opens again on the next clip.
Opening and closing it take tens of milliseconds (ALSA probes its cards, WASAPI its
endpoints), so they run on a thread of their own, never on the GUI thread.
"""

from __future__ import annotations

import array
import contextlib
import logging
import threading
import time
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.core.voice.clips import CLIP_SAMPLE_RATE, LEAD_S, header_path
from kiosk.core.voice.ogg import is_whole_stream

log = logging.getLogger(__name__)

SAMPLE_RATE = CLIP_SAMPLE_RATE  # the clips' own rate: nothing to convert when decoding
PERIOD_MS = 20
IDLE_CLOSE_MS = 10_000
_SILENCE_LEVEL = 64  # a sample above this (of 32767) counts as sound
# The stream is already running when a clip starts, so the renderer's lead silence
# (LEAD_S) only delays the voice: skip it, keeping a few milliseconds before the onset.
_KEEP_BEFORE_SOUND = SAMPLE_RATE * 5 // 1000


class ClipPlayer(QObject):
    """Plays one clip at a time; ``stop`` is immediate. ``failed`` says why nothing plays."""

    done = Signal()
    failed = Signal(str)
    first_sound = Signal(float)  # time.perf_counter() when the first sound was handed over
    _ended = Signal(int)  # play token, from the audio thread

    def __init__(self, parent: QObject | None = None, *, backend: str = "auto") -> None:
        super().__init__(parent)
        self._backend = backend
        self._device: Any = None  # touched only on the device thread
        self._device_name = ""
        self._device_thread = ThreadPoolExecutor(1, thread_name_prefix="clip-device")
        self._opened = False  # GUI thread: the device is open, or opening
        self._lock = threading.Lock()
        self._token = 0
        self._path: Path | None = None  # set by play, taken by the audio thread
        self._samples = memoryview(b"")
        self._position = 0
        self._sounded = True
        self._ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_CLOSE_MS)
        self._idle.timeout.connect(self._close_device)

    def play(self, path: Path) -> None:
        """Start ``path`` now (cutting off whatever was playing)."""
        self._idle.stop()
        with self._lock:
            self._token += 1
            self._path = path
            self._samples = memoryview(b"")
            self._position = 0
            self._sounded = False
        if not self._opened:
            self._opened = True
            self._device_thread.submit(self._open_device)

    def stop(self) -> None:
        with self._lock:
            self._token += 1
            self._path = None
            self._samples = memoryview(b"")
        if self._opened:
            self._idle.start()

    def close(self) -> None:
        """Stop and close the device; returns once it is closed."""
        self.stop()
        self._close_device()
        self._device_thread.submit(lambda: None).result()

    def describe(self) -> str:
        return f"miniaudio ({self._device_name})" if self._device_name else "miniaudio"

    # The device --------------------------------------------------------------------------
    def _open_device(self) -> None:
        """On the device thread."""
        try:
            self._open_device_now()
        except Exception as exc:  # no miniaudio, no device, a broken driver
            self._emit(self.failed, f"audio output could not start: {exc}")

    def _open_device_now(self) -> None:
        import miniaudio

        fmt = miniaudio.SampleFormat.SIGNED16
        device = None
        if self._backend == "auto":
            try:
                device = miniaudio.PlaybackDevice(fmt, 1, SAMPLE_RATE, buffersize_msec=PERIOD_MS)
            except miniaudio.MiniaudioError as exc:
                log.info("no sound device (%s); speech keeps its pace in silence", exc)
        if device is None:
            device = miniaudio.PlaybackDevice(
                fmt, 1, SAMPLE_RATE, buffersize_msec=PERIOD_MS, backends=[miniaudio.Backend.NULL]
            )
        feed = self._feed()
        next(feed)
        device.start(feed)
        self._device = device
        self._device_name = "no sound device" if device.backend == "Null" else device.backend

    def _close_device(self) -> None:
        if self._opened:
            self._opened = False
            self._device_thread.submit(self._close_device_now)

    def _close_device_now(self) -> None:
        """On the device thread."""
        device, self._device = self._device, None
        if device is not None:
            with contextlib.suppress(Exception):
                device.close()

    # The audio thread --------------------------------------------------------------------
    def _feed(self) -> Generator[bytes, int, None]:
        frames = yield b""
        while True:
            chunk, ended, sounded = self._next_chunk(frames)
            if sounded:
                self._emit(self.first_sound, time.perf_counter())
            if ended:
                self._emit(self._ended, ended)
            frames = yield chunk

    def _next_chunk(self, frames: int) -> tuple[bytes, int, bool]:
        with self._lock:
            token, path = self._token, self._path
            self._path = None
        if path is not None:
            samples = _decode(path)  # outside the lock: stop() must never wait for it
            skip = _lead_to_skip(samples)
            with self._lock:
                if token != self._token:
                    return b"", 0, False
                if not samples:  # unreadable: end it at once, the speaker goes on
                    return b"", token, False
                self._samples = memoryview(samples)
                self._position = skip
        with self._lock:
            if token != self._token or not self._samples:
                return b"", 0, False
            start = self._position
            end = min(start + frames * 2, len(self._samples))
            chunk = bytes(self._samples[start:end])
            self._position = end
            sounded = False
            if not self._sounded and _has_sound(chunk):
                self._sounded = sounded = True
            if end >= len(self._samples):
                self._samples = memoryview(b"")
                return chunk, token, sounded
            return chunk, 0, sounded

    def _emit(self, signal: Any, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the player was deleted meanwhile
            signal.emit(value)

    def _on_ended(self, token: int) -> None:
        if token == self._token:
            self._idle.start()
            # The device still holds about one period of what it was handed.
            QTimer.singleShot(PERIOD_MS, lambda: self._finish(token))

    def _on_failed(self, _reason: str) -> None:
        self._opened = False  # the next clip tries again

    def _finish(self, token: int) -> None:
        if token == self._token:
            self.done.emit()


_shared_header: bytes | None = None


def _decode(path: Path) -> bytes:
    """The clip's samples; a clip of audio pages gets the shared Vorbis header first."""
    global _shared_header
    import miniaudio

    try:
        data = path.read_bytes()
        if not is_whole_stream(data):
            if _shared_header is None:
                _shared_header = header_path().read_bytes()
            data = _shared_header + data
        decoded = miniaudio.decode(
            data, miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=SAMPLE_RATE
        )
    except Exception as exc:
        log.warning("clip %s could not be decoded: %s", path.name, exc)
        return b""
    return bytes(decoded.samples)


def _lead_to_skip(samples: bytes) -> int:
    """Bytes of leading silence to skip: at most ``LEAD_S``, keeping ``_KEEP_BEFORE_SOUND``."""
    lead = array.array("h")
    lead.frombytes(samples[: int(LEAD_S * SAMPLE_RATE) * 2])
    quiet = next((i for i, v in enumerate(lead) if abs(v) > _SILENCE_LEVEL), len(lead))
    return max(0, quiet - _KEEP_BEFORE_SOUND) * 2


def _has_sound(chunk: bytes) -> bool:
    samples = array.array("h")
    samples.frombytes(chunk[: len(chunk) - len(chunk) % 2])
    return bool(samples) and max(max(samples), -min(samples)) > _SILENCE_LEVEL
