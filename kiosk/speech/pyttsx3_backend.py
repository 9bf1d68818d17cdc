"""Real read-aloud through pyttsx3: one worker thread synthesises sentences, the GUI plays them.

How it works, and why
---------------------
* One dedicated ``SpeechWorker`` thread creates the pyttsx3 engine and is the only
  thread that ever touches it (SAPI5 is a COM apartment object, espeak-ng keeps global
  state). The GUI thread sends it commands through a ``queue.Queue``; the worker answers
  through Qt signals on a small bridge object, delivered as queued connections, so the
  GUI thread never waits for the engine.
* The worker does not let the engine play sound. It synthesises each sentence to a WAV
  file, and the GUI thread plays the files one after another with a player it can
  silence at once. This is the only design that meets "stop within 200 ms" on every
  platform: pyttsx3 2.98's espeak driver plays through ``aplay`` via ``os.system``
  (blocking, not interruptible by ``engine.stop()``, and needs alsa-utils), and its
  ``save_to_file`` needs ffmpeg; SAPI5's own stop only acts on word boundaries from a
  callback. With files, ``stop()`` kills a child process or purges ``winsound`` and
  returns in well under a millisecond, and the next utterance is never queued behind
  the old one. It also gives exact sentence timing for the highlight.
* espeak-ng (Linux): the engine is created with ``pyttsx3.Engine("espeak")``; the
  driver already loaded libespeak-ng in retrieval mode, so the worker installs its own
  synth callback, collects the samples (as the driver's ``_onSynth`` does) and writes
  the WAV with the ``wave`` module: synthesis needs neither ffmpeg nor aplay. The
  callback aborts synthesis as soon as the utterance is stale. A sentence takes about
  20 ms to synthesise, so the worker runs ahead and playback never waits between
  sentences.
* SAPI5 (Windows) and NSSpeechSynthesizer (macOS): ``engine.save_to_file`` +
  ``runAndWait`` per sentence, which these drivers implement natively.
* Playback: ``winsound`` on Windows (standard library, asynchronous, stopped by
  ``PlaySound(None, 0)``); elsewhere the first of ``pw-play``, ``paplay``, ``aplay``,
  ``afplay`` found, as a child process that ``stop()`` kills. Without a player or an
  audio device (CI machines), sentences are "played" silently for their real length, so
  the highlight and ``finished`` still come at speaking pace. Qt Multimedia is not used:
  it loads an FFmpeg plugin, warns on every start without a sound server, and would be
  one more large module in the Windows bundle for what ``winsound`` already does.
* The text handed to the engine comes from ``kiosk.core.voice.kana``: fixed kana for
  espeak-ng, which cannot read kanji (it says "Chinese letter"); kanji with the author's
  readings of other words for engines that read kanji in context.
"""

from __future__ import annotations

import array
import contextlib
import ctypes
import logging
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.core.voice.kana import hybrid_text, live_kana
from kiosk.speech.base import RATES, Speaker

log = logging.getLogger(__name__)

# espeak-ng keeps one global synthesiser per process: every use of an engine, from any
# worker (the kiosk's speaker, ``probe_speech``), goes through this lock.
_ENGINE_LOCK = threading.Lock()

# A sample above this counts as sound (full scale is 32767); the synthesiser's silence is 0.
_SILENCE_LEVEL = 300
_ENGINE_TEST_TEXT = "あ。"

_START_TIMEOUT_S = 20.0

Player = str | Sequence[str]
"""``"auto"``, ``"silent"``, or a command that plays the WAV path appended to it."""

_PLAYER_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("pw-play",),
    ("paplay",),
    ("aplay", "-q"),
    ("afplay",),
)


def _never() -> bool:
    return False


class SpeechUnavailable(RuntimeError):
    """No usable engine or Japanese voice; the message says why, for logs and self-test."""


# --------------------------------------------------------------------------------------
# Voices


def _voice_languages(voice: Any) -> list[str]:
    """The voice's language tags as plain strings (drivers give str, bytes or LCID codes)."""
    tags: list[str] = []
    for lang in getattr(voice, "languages", None) or []:
        if isinstance(lang, bytes):
            lang = lang.decode("utf-8", "ignore")
        tags.append(str(lang).strip("\x00\x01\x02\x03\x04\x05 ").lower())
    return tags


# "ja" as a whole token: matches "ja", "ja-JP", "TTS_MS_JA-JP_HARUKA" but not "Azerbaijani".
_JA_TOKEN = re.compile(r"(?<![a-z])ja(?![a-z])", re.IGNORECASE)


def is_japanese_voice(voice: Any) -> bool:
    """True for a voice whose languages or id say Japanese (``ja``, ``ja_JP``, ``JA-JP``)."""
    if any(tag == "ja" or tag.startswith(("ja-", "ja_")) for tag in _voice_languages(voice)):
        return True
    name = str(getattr(voice, "name", "") or "")
    return bool(_JA_TOKEN.search(str(voice.id))) or "japanese" in name.lower() or "日本語" in name


def _japanese_voices(voices: Sequence[Any]) -> list[Any]:
    """Japanese voices, best first: declared language before a guess from the id, mbrola last."""
    found = [v for v in voices if is_japanese_voice(v)]

    def rank(voice: Any) -> tuple[int, int]:
        declared = any(t.startswith("ja") for t in _voice_languages(voice))
        # espeak-ng lists mbrola voices that need an extra program and data to make a sound.
        needs_mbrola = "mbrola" in str(voice.id).lower()
        return (0 if declared else 1, 1 if needs_mbrola else 0)

    return sorted(found, key=rank)


def _voice_label(voice: Any) -> str:
    name = str(getattr(voice, "name", "") or voice.id)
    langs = ",".join(_voice_languages(voice))
    return f"{name} ({langs})" if langs else name


# --------------------------------------------------------------------------------------
# Synthesisers (used only inside the worker thread)


def _wav_duration(path: Path) -> float:
    """Length of a WAV file in seconds, or -1.0 when it cannot be read (e.g. AIFF on macOS)."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (OSError, EOFError, wave.Error):
        return -1.0


class _Synthesizer(Protocol):
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
        self.voice_label = _voice_label(voice)
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
        with _ENGINE_LOCK:
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
        with _ENGINE_LOCK:
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
        self.voice_label = _voice_label(voice)
        self.driver = driver
        self.reads_kanji = True
        self.suffix = ".aiff" if driver == "nsss" else ".wav"

    def select_voice(self) -> None:
        with _ENGINE_LOCK:
            self._engine.setProperty("voice", self._voice_id)

    def synthesize(
        self,
        text: str,
        wpm: int,
        path: Path,
        is_stale: Callable[[], bool],
        measure_peak: bool = False,
    ) -> tuple[float, int] | None:
        with _ENGINE_LOCK:
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


def _open_engine(driver_name: str | None) -> tuple[Any, _Synthesizer]:
    """Create the engine in the calling (worker) thread and find a working Japanese voice."""
    import pyttsx3

    driver = driver_name or _default_driver()
    with _ENGINE_LOCK:
        # A fresh Engine, not pyttsx3.init(): init() caches engines process-wide, and a
        # COM engine must not be shared with another thread.
        engine = pyttsx3.Engine(driver)
        voices = list(engine.getProperty("voices") or [])
    candidates = _japanese_voices(voices)
    if not candidates:
        raise SpeechUnavailable(
            f"no Japanese voice in the {driver} engine ({len(voices)} voices installed)"
        )
    problems: list[str] = []
    for voice in candidates:
        synth: _Synthesizer
        if driver == "espeak":
            synth = _EspeakSynthesizer(engine, voice)
        else:
            synth = _DriverFileSynthesizer(engine, voice, driver)
        try:
            synth.select_voice()
            with tempfile.TemporaryDirectory(prefix="kiosk-speech-check-") as tmp:
                result = synth.synthesize(
                    _ENGINE_TEST_TEXT,
                    RATES["ふつう"],
                    Path(tmp) / f"t{synth.suffix}",
                    _never,
                    measure_peak=True,
                )
        except Exception as exc:
            problems.append(f"{voice.id}: {exc}")
            continue
        if result is not None and result[1] > _SILENCE_LEVEL:
            return engine, synth
        problems.append(f"{voice.id}: produced no sound")
    raise SpeechUnavailable(f"no Japanese voice of {driver} works ({'; '.join(problems)})")


# --------------------------------------------------------------------------------------
# The worker thread


class WorkerListener(Protocol):
    """What the worker reports; called on the worker thread."""

    def engine_checked(self, available: bool, description: str, reads_kanji: bool) -> None: ...

    def clip_ready(self, generation: int, index: int, path: str, seconds: float) -> None: ...

    def engine_broken(self, reason: str) -> None: ...

    def file_saved(self, path: str, seconds: float, error: str) -> None: ...


@dataclass(frozen=True)
class _Speak:
    generation: int
    sentences: tuple[str, ...]
    wpm: int


@dataclass(frozen=True)
class _Save:
    text: str
    path: str
    wpm: int


class _Shutdown:
    pass


ENGINE_START_DELAY_S = 0.5


class SpeechWorker(threading.Thread):
    """Owns the pyttsx3 engine: creates it, synthesises sentences, and releases it.

    ``current_generation`` is written by the GUI thread; any work for an older
    generation is abandoned, which is how ``stop()`` and a new ``say`` cut it short.
    """

    def __init__(self, listener: WorkerListener, driver_name: str | None = None) -> None:
        # Daemon: a wedged engine must never keep the kiosk from exiting.
        super().__init__(name="speech-worker", daemon=True)
        self._listener = listener
        self._driver_name = driver_name
        self._commands: queue.Queue[_Speak | _Save | _Shutdown] = queue.Queue()
        self.current_generation = 0
        self._synth: _Synthesizer | None = None
        self._engine: Any = None
        self._clip_dir: Path | None = None
        self._wake = threading.Event()

    # Called from other threads ---------------------------------------------------
    def speak(self, generation: int, sentences: Sequence[str], wpm: int) -> None:
        self._commands.put(_Speak(generation, tuple(sentences), wpm))
        self._wake.set()

    def save(self, text: str, path: str, wpm: int) -> None:
        self._commands.put(_Save(text, path, wpm))
        self._wake.set()

    def request_shutdown(self) -> None:
        self.current_generation += 1
        self._commands.put(_Shutdown())
        self._wake.set()

    # The thread ------------------------------------------------------------------
    def run(self) -> None:
        # Let the kiosk paint its first screen before importing pyttsx3 and loading the
        # voices competes with it for the interpreter; a request that comes sooner
        # starts the engine at once.
        self._wake.wait(ENGINE_START_DELAY_S)
        com_initialized = _init_com()
        try:
            failure = self._start_engine()
            self._serve(failure)
        finally:
            with _ENGINE_LOCK:
                # Dropped under the lock: the driver's destructor resets the global
                # espeak-ng callback, which must not happen in the middle of a synthesis.
                self._synth = None
                self._engine = None
            if self._clip_dir is not None:
                shutil.rmtree(self._clip_dir, ignore_errors=True)
            if com_initialized:
                _uninit_com()

    def _report(self, method: str, *args: Any) -> None:
        # RuntimeError: the speaker was deleted while we worked, nobody is listening.
        with contextlib.suppress(RuntimeError):
            getattr(self._listener, method)(*args)

    def _start_engine(self) -> str:
        """Open the engine; return "" when it works, else why not (already reported)."""
        try:
            self._engine, self._synth = _open_engine(self._driver_name)
            self._clip_dir = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))
        except SpeechUnavailable as exc:
            reason = str(exc)
        except Exception as exc:  # ImportError, OSError from ctypes, COM errors, ...
            reason = f"speech engine failed to start: {type(exc).__name__}: {exc}"
        else:
            synth = self._synth
            kind = "reads kanji" if synth.reads_kanji else "reads kana only"
            description = f"pyttsx3 {synth.driver}, voice {synth.voice_label}, {kind}"
            self._report("engine_checked", True, description, synth.reads_kanji)
            return ""
        self._report("engine_checked", False, reason, False)
        return reason

    def _serve(self, failure: str) -> None:
        # Without a working engine the thread stays to answer every request (a save
        # asked for while the engine was starting still gets its "failed" reply).
        while True:
            command = self._commands.get()
            if isinstance(command, _Shutdown):
                return
            if failure:
                if isinstance(command, _Save):
                    self._report("file_saved", command.path, -1.0, failure)
                continue
            try:
                if isinstance(command, _Speak):
                    self._speak(command)
                else:
                    self._save(command)
            except Exception as exc:
                failure = f"speech engine failed: {type(exc).__name__}: {exc}"
                if isinstance(command, _Save):
                    self._report("file_saved", command.path, -1.0, failure)
                self._report("engine_broken", failure)

    def _speak(self, command: _Speak) -> None:
        assert self._synth is not None and self._clip_dir is not None
        generation = command.generation

        def is_stale() -> bool:
            return self.current_generation != generation

        # Synthesis runs ahead of playback: the whole utterance is ready long before the
        # first sentence has been heard, so there are no gaps between sentences.
        for index, sentence in enumerate(command.sentences):
            if is_stale():
                return
            path = self._clip_dir / f"u{generation}-{index}{self._synth.suffix}"
            result = self._synth.synthesize(sentence, command.wpm, path, is_stale)
            if result is None:
                with contextlib.suppress(OSError):
                    path.unlink()
                return
            self._report("clip_ready", generation, index, str(path), result[0])

    def _save(self, command: _Save) -> None:
        assert self._synth is not None
        result = self._synth.synthesize(command.text, command.wpm, Path(command.path), _never)
        seconds = result[0] if result else -1.0
        self._report("file_saved", command.path, seconds, "")


def _init_com() -> bool:
    """SAPI5 is a COM object: this thread needs its own apartment."""
    if sys.platform != "win32":
        return False
    try:
        import pythoncom

        pythoncom.CoInitialize()
        return True
    except Exception:
        return False


def _uninit_com() -> None:
    with contextlib.suppress(Exception):
        import pythoncom

        pythoncom.CoUninitialize()


# --------------------------------------------------------------------------------------
# Playback on the GUI thread


class _Playback(QObject):
    """Plays one clip at a time; ``stop`` is immediate."""

    done = Signal()
    failed = Signal(str)

    def play(self, path: str, seconds: float) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def close(self) -> None:
        """Stop and release what playback holds (app exit)."""
        self.stop()


def _estimate_seconds(seconds: float) -> float:
    return seconds if seconds >= 0 else 3.0


class _SilentPlayback(_Playback):
    """No player or no audio device: keep speaking pace without sound."""

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = reason
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.done)

    def play(self, path: str, seconds: float) -> None:
        self._timer.start(round(_estimate_seconds(seconds) * 1000))

    def stop(self) -> None:
        self._timer.stop()

    def describe(self) -> str:
        return f"silent ({self._reason})"


class _ProcessPlayback(_Playback):
    """A command-line player as a child process; ``stop`` kills it.

    Processes are started and waited for on a small thread of their own: ``Popen``
    releases and retakes the GIL several times, and while the speech worker is busy each
    retake can cost the GUI thread up to the 5 ms switch interval (measured: 11 ms per
    sentence on a loaded machine). ``stop`` only sends a signal, so it stays immediate.
    """

    _exited = Signal(int, int, str)  # play token, exit status, error

    def __init__(self, command: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._command = list(command)
        self._lock = threading.Lock()
        self._token = 0  # bumped by play and stop; a process for an older token is unwanted
        self._process: subprocess.Popen[bytes] | None = None
        self._jobs: queue.Queue[tuple[int, str] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._exited.connect(self._on_exited, Qt.ConnectionType.QueuedConnection)

    def play(self, path: str, seconds: float) -> None:
        with self._lock:
            self._token += 1
            token = self._token
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="speech-player", daemon=True)
            self._thread.start()
        self._jobs.put((token, path))

    def stop(self) -> None:
        with self._lock:
            self._token += 1
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()  # the player thread is waiting on it and reaps it

    def close(self) -> None:
        self.stop()
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(1.0)

    def describe(self) -> str:
        return " ".join(self._command)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            token, path = job
            with self._lock:
                if token != self._token:
                    continue  # stopped before it began
            try:
                process = subprocess.Popen(
                    [*self._command, path],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as exc:
                self._emit_exited(token, -1, f"{self._command[0]} could not start: {exc}")
                continue
            with self._lock:
                wanted = token == self._token
                if wanted:
                    self._process = process
            if not wanted:
                process.kill()  # stop() came while it was starting
            code = process.wait()
            with self._lock:
                if self._process is process:
                    self._process = None
            self._emit_exited(token, code, "")

    def _emit_exited(self, token: int, code: int, error: str) -> None:
        # RuntimeError: the speaker was deleted; nobody is waiting for this clip.
        with contextlib.suppress(RuntimeError):
            self._exited.emit(token, code, error)

    def _on_exited(self, token: int, code: int, error: str) -> None:
        if token != self._token:
            return  # stopped or replaced meanwhile
        if error:
            self.failed.emit(error)
        elif code == 0:
            self.done.emit()
        else:
            self.failed.emit(f"{self._command[0]} exited with status {code}")


class _WinSoundPlayback(_Playback):
    """Windows' own asynchronous WAV playback; the clip length tells when it is done."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        import winsound

        self._winsound = winsound
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.done)

    def play(self, path: str, seconds: float) -> None:
        ws = self._winsound
        try:
            ws.PlaySound(path, ws.SND_FILENAME | ws.SND_ASYNC | ws.SND_NODEFAULT)
        except RuntimeError as exc:
            self.failed.emit(f"winsound: {exc}")
            return
        self._timer.start(round(_estimate_seconds(seconds) * 1000))

    def stop(self) -> None:
        self._timer.stop()
        with contextlib.suppress(RuntimeError):
            self._winsound.PlaySound(None, 0)

    def describe(self) -> str:
        return "winsound"


def find_player_command() -> list[str] | None:
    """The command-line WAV player this machine has, if any (not used on Windows)."""
    for command in _PLAYER_COMMANDS:
        exe = shutil.which(command[0])
        if exe:
            return [exe, *command[1:]]
    return None


def _make_playback(player: Player, parent: QObject) -> _Playback:
    if isinstance(player, str):
        if player == "silent":
            return _SilentPlayback("requested", parent)
        if player != "auto":
            raise ValueError(f"unknown player {player!r}: use 'auto', 'silent' or a command")
        if sys.platform == "win32":
            return _WinSoundPlayback(parent)
        command = find_player_command()
        if command is None:
            return _SilentPlayback("no audio player: pw-play, paplay or aplay", parent)
        return _ProcessPlayback(command, parent)
    return _ProcessPlayback(player, parent)


# --------------------------------------------------------------------------------------
# The speaker


class _Bridge(QObject):
    """Carries the worker's reports to the GUI thread as queued Qt signals."""

    checked = Signal(bool, str, bool)
    clip = Signal(int, int, str, float)
    broken = Signal(str)
    saved = Signal(str, float, str)

    def engine_checked(self, available: bool, description: str, reads_kanji: bool) -> None:
        self.checked.emit(available, description, reads_kanji)

    def clip_ready(self, generation: int, index: int, path: str, seconds: float) -> None:
        self.clip.emit(generation, index, path, seconds)

    def engine_broken(self, reason: str) -> None:
        self.broken.emit(reason)

    def file_saved(self, path: str, seconds: float, error: str) -> None:
        self.saved.emit(path, seconds, error)


def _engine_text(sentence: str, reads_kanji: bool) -> str:
    """Kanji with the author's other readings for SAPI5 / macOS, fixed kana for espeak-ng."""
    return hybrid_text(sentence) if reads_kanji else live_kana(sentence)


class Pyttsx3Speaker(Speaker):
    """Speaks through pyttsx3 from its own worker thread; see the module docstring.

    Creation returns at once; the engine starts in the worker. Until it has answered,
    ``is_available()`` is optimistic (True) and ``say`` is queued, so the speech button
    does not flicker at start-up; ``availability_changed(False)`` and ``error`` follow
    if it cannot start. ``player`` is ``"auto"``, ``"silent"`` (tests, machines without
    sound) or a command that plays the WAV path appended to it. An engine that does not
    answer within ``engine_timeout_s`` (start-up, or the next sentence) counts as broken.
    """

    wav_saved = Signal(str, float, str)  # path, seconds, error ("" when it worked)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        driver_name: str | None = None,
        player: Player = "auto",
        engine_timeout_s: float = _START_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self._state = "starting"
        self._description = "pyttsx3: starting"
        self._reads_kanji = False
        self._generation = 0
        self._clips: dict[int, tuple[str, float]] = {}
        self._count = 0
        self._received = 0
        self._next = 0
        self._playing = False
        self._speaking = False
        self._player_problem = ""

        # The player, and a silent stand-in for an utterance the player failed on (no
        # sound card, sound server gone): the highlight then still follows the text, and
        # the next utterance tries the player again (speakers may be plugged back in).
        self._player = _make_playback(player, self)
        self._silent = _SilentPlayback("the player failed", self)
        self._playback = self._player
        for playback in (self._player, self._silent):
            playback.done.connect(self._on_clip_done)
        self._player.failed.connect(self._on_player_failed)
        self._bridge = _Bridge(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.checked.connect(self._on_checked, queued)
        self._bridge.clip.connect(self._on_clip, queued)
        self._bridge.broken.connect(self._on_broken, queued)
        self._bridge.saved.connect(self.wav_saved, queued)
        # A hung engine (a driver that never returns) must not leave the learner waiting
        # for speech that never comes: the watchdog declares it broken instead.
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._engine_timeout_s = engine_timeout_s
        self._watchdog.timeout.connect(self._on_engine_silent)
        self._worker = SpeechWorker(self._bridge, driver_name)
        self._worker.start()
        self._update_watchdog()
        # A speaker dropped without shutdown() still lets its worker end.
        weakref.finalize(self, self._worker.request_shutdown)

    # Speaker interface -------------------------------------------------------------
    def is_available(self) -> bool:
        return self._state != "unavailable"

    def describe(self) -> str:
        if self._state != "ready":
            return self._description
        audio = self._player.describe()
        if self._player_problem:
            audio += f" (last attempt failed: {self._player_problem})"
        return f"{self._description}; audio: {audio}"

    def reads_kanji(self) -> bool:
        return self._reads_kanji

    def is_starting(self) -> bool:
        """True until the worker has said whether the engine and a Japanese voice work."""
        return self._state == "starting"

    def is_speaking(self) -> bool:
        """True from ``say`` until ``finished`` or ``stop``."""
        return self._speaking

    def stop(self) -> None:
        """Silence the current sentence now and abandon the rest of the utterance."""
        self._generation += 1
        self._worker.current_generation = self._generation
        self._player.stop()
        self._silent.stop()
        self._discard_clips()
        self._playing = False
        self._speaking = False
        self._update_watchdog()

    def _speak(self, sentences: list[str]) -> None:
        self._generation += 1
        self._worker.current_generation = self._generation
        self._count = len(sentences)
        self._received = 0
        self._next = 0
        self._speaking = True
        self._playback = self._player
        wpm = RATES[self.rate()]
        texts = [_engine_text(s, self._reads_kanji) for s in sentences]
        self._worker.speak(self._generation, texts, wpm)
        self._update_watchdog()

    def save_wav(self, text: str, path: str | os.PathLike[str]) -> None:
        """Synthesise marked-up ``text`` into a WAV file; ``wav_saved`` reports the result."""
        if self._state == "unavailable":
            self.wav_saved.emit(str(path), -1.0, self._description)
            return
        self._worker.save(_engine_text(text, self._reads_kanji), str(path), RATES[self.rate()])

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop speech and let the worker release the engine (waits at most ``timeout`` s)."""
        self.stop()
        self._player.close()
        self._worker.request_shutdown()
        self._worker.join(timeout)
        if self._state != "unavailable":
            self._state = "unavailable"
            self._description = "speech was shut down"
        self._watchdog.stop()

    # Worker reports ----------------------------------------------------------------
    def _on_checked(self, available: bool, description: str, reads_kanji: bool) -> None:
        if self._state == "unavailable":
            return  # shut down meanwhile
        self._description = description
        self._reads_kanji = reads_kanji
        if available:
            self._state = "ready"
            self._update_watchdog()
            log.info("speech ready: %s", self.describe())
            self.availability_changed.emit(True)
        else:
            self._become_unavailable(description)

    def _on_broken(self, reason: str) -> None:
        if self._state != "unavailable":
            self._description = reason
            self._become_unavailable(reason)

    def _become_unavailable(self, reason: str) -> None:
        log.warning("speech unavailable: %s", reason)
        self.stop()
        self._state = "unavailable"
        self._watchdog.stop()
        self.availability_changed.emit(False)
        self.error.emit(reason)

    def _update_watchdog(self) -> None:
        waiting = self._state == "starting" or (
            self._state == "ready" and self._speaking and self._received < self._count
        )
        if waiting:
            # The worker waits ENGINE_START_DELAY_S before it opens the engine.
            extra = ENGINE_START_DELAY_S if self._state == "starting" else 0.0
            self._watchdog.setInterval(round((self._engine_timeout_s + extra) * 1000))
            self._watchdog.start()  # (re)starts the countdown
        else:
            self._watchdog.stop()

    def _on_engine_silent(self) -> None:
        seconds = self._watchdog.interval() / 1000
        if self._state == "starting":
            self._become_unavailable(f"the speech engine did not start within {seconds:g} s")
        elif self._state == "ready":
            self._on_broken(f"the speech engine stopped answering for {seconds:g} s")

    def _on_clip(self, generation: int, index: int, path: str, seconds: float) -> None:
        if generation != self._generation:
            _remove(path)  # a clip of an utterance that was stopped or replaced
            return
        self._clips[index] = (path, seconds)
        self._received += 1
        self._update_watchdog()
        if not self._playing:
            self._play_next()

    # Playback ----------------------------------------------------------------------
    def _play_next(self) -> None:
        if self._next >= self._count:
            self._speaking = False
            self.finished.emit()
            return
        clip = self._clips.get(self._next)
        if clip is None:
            return  # still being synthesised; _on_clip will call again
        self._playing = True
        self._playback.play(*clip)
        self.sentence_started.emit(self._next)

    def _on_clip_done(self) -> None:
        if not self._playing:
            return
        self._problem_solved()
        self._playing = False
        clip = self._clips.pop(self._next, None)
        if clip is not None:
            _remove(clip[0])
        self._next += 1
        self._play_next()

    def _on_player_failed(self, reason: str) -> None:
        if reason != self._player_problem:
            log.warning("speech playback failed, going on without sound: %s", reason)
            self._player_problem = reason
        self._playback = self._silent
        clip = self._clips.get(self._next)
        if self._playing and clip is not None:
            self._silent.play(*clip)

    def _problem_solved(self) -> None:
        if self._player_problem and self._playback is self._player:
            log.info("speech playback works again")
            self._player_problem = ""

    def _discard_clips(self) -> None:
        for path, _seconds in self._clips.values():
            _remove(path)
        self._clips.clear()


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


# --------------------------------------------------------------------------------------
# Blocking helpers for self-test and content tools (never call them on the GUI thread)


class _WaitingListener:
    def __init__(self) -> None:
        self.ready = threading.Event()
        self.saved = threading.Event()
        self.available = False
        self.description = ""
        self.seconds = -1.0
        self.error = ""

    def engine_checked(self, available: bool, description: str, reads_kanji: bool) -> None:
        self.available, self.description = available, description
        self.ready.set()

    def clip_ready(self, generation: int, index: int, path: str, seconds: float) -> None:
        pass

    def engine_broken(self, reason: str) -> None:
        self.error = self.error or reason
        self.saved.set()

    def file_saved(self, path: str, seconds: float, error: str) -> None:
        self.seconds, self.error = seconds, error
        self.saved.set()


def synthesize_to_wav(
    text: str,
    path: str | os.PathLike[str],
    rate: str = "ふつう",
    *,
    driver_name: str | None = None,
    timeout: float = _START_TIMEOUT_S,
) -> tuple[float, str]:
    """Read marked-up ``text`` into an audio file; return (seconds, engine description).

    Starts a worker of its own and blocks until the file is written. Raises
    ``SpeechUnavailable`` when there is no engine or Japanese voice or it fails.
    """
    listener = _WaitingListener()
    worker = SpeechWorker(listener, driver_name)
    worker.start()
    try:
        if not listener.ready.wait(timeout):
            raise SpeechUnavailable("the speech engine did not start in time")
        if not listener.available:
            raise SpeechUnavailable(listener.description)
        worker.save(live_kana(text), os.fspath(path), RATES[rate])
        if not listener.saved.wait(timeout):
            raise SpeechUnavailable("the speech engine did not finish in time")
        if listener.error:
            raise SpeechUnavailable(listener.error)
        return listener.seconds, listener.description
    finally:
        worker.request_shutdown()
        worker.join(timeout)


def probe_speech() -> tuple[bool, str]:
    """For ``kiosk self-test``: can this machine read Japanese aloud, with which engine and voice?"""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kiosk-speech-probe-") as tmp:
        try:
            seconds, description = synthesize_to_wav(
                "おんせいの テストです。", Path(tmp) / "probe.wav"
            )
        except SpeechUnavailable as exc:
            return False, str(exc)
        except Exception as exc:
            return False, f"speech engine failed: {type(exc).__name__}: {exc}"
    if sys.platform == "win32":
        audio = "winsound"
    else:
        command = find_player_command()
        audio = " ".join(command) if command else "none found (install pulseaudio-utils)"
    took = time.perf_counter() - started
    length = f"{seconds:.1f} s of speech" if seconds >= 0 else "audio"
    return True, f"{description}; test phrase gave {length} in {took:.2f} s; player: {audio}"
