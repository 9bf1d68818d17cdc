"""The worker thread that owns the pyttsx3 engine.

The GUI thread sends it commands through a ``queue.Queue``; it answers through a
``WorkerListener`` (the speaker's bridge of queued Qt signals, or the probe's events),
so the GUI thread never waits for the engine.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.speech.live.synth import ENGINE_LOCK, SpeechUnavailable, Synthesizer, never, open_engine

# How long an engine may take to start, or to synthesise the next sentence, before it
# counts as broken.
START_TIMEOUT_S = 20.0


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
        self._synth: Synthesizer | None = None
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
            with ENGINE_LOCK:
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
            self._engine, self._synth = open_engine(self._driver_name)
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
        assert self._synth is not None
        assert self._clip_dir is not None
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
        result = self._synth.synthesize(command.text, command.wpm, Path(command.path), never)
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
