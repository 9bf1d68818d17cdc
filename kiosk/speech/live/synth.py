"""Synthesisers: the pyttsx3 engine and one Japanese voice, text in, audio file out.

Used only inside the worker thread (``worker.py``), and by the probe through a worker.
"""

from __future__ import annotations

import array
import ctypes
import sys
import tempfile
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from kiosk.speech.base import NO_JAPANESE_VOICE, WORDS_PER_MINUTE
from kiosk.speech.live.voices import japanese_voices, voice_label

# espeak-ng keeps one global synthesiser per process: every use of an engine, from any
# worker (the kiosk's speaker, ``probe_speech``), goes through this lock.
ENGINE_LOCK = threading.Lock()

# A sample above this counts as sound (full scale is 32767); the synthesiser's silence is 0.
_SILENCE_LEVEL = 300
_ENGINE_TEST_TEXT = "あ。"


def never() -> bool:
    return False


class SpeechUnavailable(RuntimeError):
    """No usable engine or Japanese voice; the message says why, for logs and self-test."""


def _wav_duration(path: Path) -> float:
    """Length of a WAV file in seconds, or -1.0 when it cannot be read (e.g. AIFF on macOS)."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (OSError, EOFError, wave.Error):
        return -1.0


class Synthesizer(Protocol):
    """What the worker needs from an engine: one voice, text in, audio file out."""

    reads_kanji: bool
    driver: str
    voice_label: str
    suffix: str

    def select_voice(self) -> None: ...

    def synthesize(
        self,
        text: str,
        wpm: int,
        path: Path,
        is_stale: Callable[[], bool],
        measure_peak: bool = False,
    ) -> tuple[float, int] | None:
        """Write ``text`` to ``path``; return (seconds, peak level or -1) or None if abandoned."""
        ...


class _EspeakSynthesizer:
    """libespeak-ng through the pyttsx3 espeak driver, samples captured to a WAV in Python."""

    reads_kanji = False
    driver = "espeak"
    suffix = ".wav"

    def __init__(self, engine: Any, voice: Any) -> None:
        from pyttsx3.drivers import _espeak  # loaded by the driver we were given

        self._espeak = _espeak
        self._driver = engine.proxy._driver
        self._voice_id = str(voice.id)
        self.voice_label = voice_label(voice)
        self._samples = bytearray()
        self._sample_rate = 22050
        self._is_stale: Callable[[], bool] = lambda: False
        self._abandoned = False
        self._callback_error = ""

    def _on_synth(self, wav: Any, numsamples: int, events: Any) -> int:
        # Runs on espeak-ng's own synthesis thread; an exception here would be lost in
        # ctypes, so everything is caught and turned into "abort".
        try:
            i = 0
            while events[i].type != self._espeak.EVENT_LIST_TERMINATED:
                if events[i].type == 8:  # espeakEVENT_SAMPLERATE: the voice's sample rate
                    self._sample_rate = int(events[i].id.number) or self._sample_rate
                i += 1
            if numsamples > 0 and wav:
                self._samples += ctypes.string_at(wav, numsamples * 2)
            if self._is_stale():
                self._abandoned = True
                return 1
            return 0
        except Exception as exc:
            self._callback_error = f"{type(exc).__name__}: {exc}"
            return 1

    def select_voice(self) -> None:
        with ENGINE_LOCK:
            self._driver.setProperty("voice", self._voice_id)
            current = self._driver.getProperty("voice")
        if current != self._voice_id:
            raise SpeechUnavailable(f"espeak-ng could not load voice {self._voice_id!r}")

    def synthesize(
        self,
        text: str,
        wpm: int,
        path: Path,
        is_stale: Callable[[], bool],
        measure_peak: bool = False,
    ) -> tuple[float, int] | None:
        es = self._espeak
        with ENGINE_LOCK:
            self._samples = bytearray()
            self._abandoned = False
            self._callback_error = ""
            self._is_stale = is_stale
            # Set everything again each time: voice, rate and callback are process-global
            # in libespeak-ng and another engine instance may have changed them.
            es.SetSynthCallback(self._on_synth)
            self._driver.setProperty("voice", self._voice_id)
            self._driver.setProperty("rate", wpm)
            status = es.Synth(text.encode("utf-8"), flags=es.ENDPAUSE | es.CHARS_UTF8)
            if status != 0:
                raise RuntimeError(f"espeak_Synth returned {status}")
            # Retrieval mode is asynchronous: wait for espeak-ng's thread to finish.
            es.Synchronize()
            samples = bytes(self._samples)
            rate = self._sample_rate
        if self._callback_error:
            raise RuntimeError(f"espeak-ng callback failed: {self._callback_error}")
        if self._abandoned or is_stale():
            return None
        peak = _peak(samples) if measure_peak else -1
        if sys.byteorder == "big":  # espeak-ng gives native samples, WAV wants little-endian
            swapped = array.array("h", samples)
            swapped.byteswap()
            samples = swapped.tobytes()
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(samples)
        return len(samples) / 2 / rate, peak


def _peak(samples: bytes) -> int:
    """Largest absolute 16-bit sample, to tell real speech from silence."""
    data = array.array("h")
    data.frombytes(samples[: len(samples) - len(samples) % 2])
    # max/min over the array run in C: a generator here held the GIL for milliseconds per
    # sentence and showed up as GUI stalls.
    return max(max(data), -min(data)) if data else 0


class _DriverFileSynthesizer:
    """SAPI5 / NSSpeechSynthesizer: the driver writes the audio file itself."""

    def __init__(self, engine: Any, voice: Any, driver: str) -> None:
        self._engine = engine
        self._voice_id = voice.id
        self.voice_label = voice_label(voice)
        self.driver = driver
        self.reads_kanji = True
        self.suffix = ".aiff" if driver == "nsss" else ".wav"

    def select_voice(self) -> None:
        with ENGINE_LOCK:
            self._engine.setProperty("voice", self._voice_id)

    def synthesize(
        self,
        text: str,
        wpm: int,
        path: Path,
        is_stale: Callable[[], bool],
        measure_peak: bool = False,
    ) -> tuple[float, int] | None:
        with ENGINE_LOCK:
            self._engine.setProperty("rate", wpm)
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
        if is_stale():
            return None
        if not path.exists() or path.stat().st_size <= 44:
            raise RuntimeError(f"the {self.driver} engine wrote no audio")
        duration = _wav_duration(path)
        peak = _SILENCE_LEVEL + 1  # SAPI writes its own format; trust a non-empty file
        return duration, peak


def _default_driver() -> str:
    if sys.platform == "win32":
        return "sapi5"
    if sys.platform == "darwin":
        return "nsss"
    return "espeak"


def open_engine(driver_name: str | None) -> tuple[Any, Synthesizer]:
    """Create the engine in the calling (worker) thread and find a working Japanese voice."""
    import pyttsx3

    driver = driver_name or _default_driver()
    with ENGINE_LOCK:
        # A fresh Engine, not pyttsx3.init(): init() caches engines process-wide, and a
        # COM engine must not be shared with another thread.
        engine = pyttsx3.Engine(driver)
        voices = list(engine.getProperty("voices") or [])
    candidates = japanese_voices(voices)
    if not candidates:
        raise SpeechUnavailable(
            f"{NO_JAPANESE_VOICE} in the {driver} engine ({len(voices)} voices installed)"
        )
    problems: list[str] = []
    for voice in candidates:
        synth: Synthesizer
        if driver == "espeak":
            synth = _EspeakSynthesizer(engine, voice)
        else:
            synth = _DriverFileSynthesizer(engine, voice, driver)
        try:
            synth.select_voice()
            with tempfile.TemporaryDirectory(prefix="kiosk-speech-check-") as tmp:
                result = synth.synthesize(
                    _ENGINE_TEST_TEXT,
                    WORDS_PER_MINUTE["ふつう"],
                    Path(tmp) / f"t{synth.suffix}",
                    never,
                    measure_peak=True,
                )
        except Exception as exc:
            problems.append(f"{voice.id}: {exc}")
            continue
        if result is not None and result[1] > _SILENCE_LEVEL:
            return engine, synth
        problems.append(f"{voice.id}: produced no sound")
    raise SpeechUnavailable(f"{NO_JAPANESE_VOICE} of {driver} works ({'; '.join(problems)})")
