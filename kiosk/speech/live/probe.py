"""Blocking helpers for ``kiosk self-test`` and content tools (never call them on the GUI thread)."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from kiosk.core.voice.kana import live_kana
from kiosk.speech.base import WORDS_PER_MINUTE
from kiosk.speech.live.playback import find_player_command
from kiosk.speech.live.synth import SpeechUnavailable
from kiosk.speech.live.worker import START_TIMEOUT_S, SpeechWorker


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
    timeout: float = START_TIMEOUT_S,
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
        worker.save(live_kana(text), os.fspath(path), WORDS_PER_MINUTE[rate])
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
