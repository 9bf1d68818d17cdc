"""Playing the synthesised WAV files on the GUI thread, one at a time; ``stop`` is immediate.

``winsound`` on Windows; elsewhere the first of ``pw-play``, ``paplay``, ``aplay``,
``afplay`` found, as a child process that ``stop()`` kills; silently at speaking pace
when there is neither.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

Player = str | Sequence[str]
"""``"auto"``, ``"silent"``, or a command that plays the WAV path appended to it."""

_PLAYER_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("pw-play",),
    ("paplay",),
    ("aplay", "-q"),
    ("afplay",),
)


class Playback(QObject):
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


class SilentPlayback(Playback):
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


class _ProcessPlayback(Playback):
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


class _WinSoundPlayback(Playback):
    """Windows' own asynchronous WAV playback; the clip length tells when it is done."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        import winsound

        # Its type stubs exist only on Windows; mypy checks this module on every platform.
        self._winsound: Any = winsound
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


def make_playback(player: Player, parent: QObject) -> Playback:
    if isinstance(player, str):
        if player == "silent":
            return SilentPlayback("requested", parent)
        if player != "auto":
            raise ValueError(f"unknown player {player!r}: use 'auto', 'silent' or a command")
        if sys.platform == "win32":
            return _WinSoundPlayback(parent)
        command = find_player_command()
        if command is None:
            return SilentPlayback("no audio player: pw-play, paplay or aplay", parent)
        return _ProcessPlayback(command, parent)
    return _ProcessPlayback(player, parent)
