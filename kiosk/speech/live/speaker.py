"""``Pyttsx3Speaker``: the live voice, synthesised in a worker thread and played on the GUI thread."""

from __future__ import annotations

import contextlib
import logging
import os
import weakref
from enum import Enum

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.core.voice.kana import hybrid_text, live_kana
from kiosk.speech.base import WORDS_PER_MINUTE, Speaker
from kiosk.speech.live.playback import Player, SilentPlayback, make_playback
from kiosk.speech.live.worker import ENGINE_START_DELAY_S, START_TIMEOUT_S, SpeechWorker

log = logging.getLogger(__name__)


class EngineState(Enum):
    """Where the engine is: starting in the worker, ready to speak, or unavailable for good."""

    STARTING = "starting"
    READY = "ready"
    UNAVAILABLE = "unavailable"


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
        engine_timeout_s: float = START_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self._state = EngineState.STARTING
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
        self._player = make_playback(player, self)
        self._silent = SilentPlayback("the player failed", self)
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
        return self._state is not EngineState.UNAVAILABLE

    def describe(self) -> str:
        if self._state is not EngineState.READY:
            return self._description
        audio = self._player.describe()
        if self._player_problem:
            audio += f" (last attempt failed: {self._player_problem})"
        return f"{self._description}; audio: {audio}"

    def reads_kanji(self) -> bool:
        return self._reads_kanji

    def is_starting(self) -> bool:
        """True until the worker has said whether the engine and a Japanese voice work."""
        return self._state is EngineState.STARTING

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
        wpm = WORDS_PER_MINUTE[self.rate()]
        texts = [_engine_text(s, self._reads_kanji) for s in sentences]
        self._worker.speak(self._generation, texts, wpm)
        self._update_watchdog()

    def save_wav(self, text: str, path: str | os.PathLike[str]) -> None:
        """Synthesise marked-up ``text`` into a WAV file; ``wav_saved`` reports the result."""
        if self._state is EngineState.UNAVAILABLE:
            self.wav_saved.emit(str(path), -1.0, self._description)
            return
        self._worker.save(
            _engine_text(text, self._reads_kanji), str(path), WORDS_PER_MINUTE[self.rate()]
        )

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop speech and let the worker release the engine (waits at most ``timeout`` s)."""
        self.stop()
        self._player.close()
        self._worker.request_shutdown()
        self._worker.join(timeout)
        if self._state is not EngineState.UNAVAILABLE:
            self._state = EngineState.UNAVAILABLE
            self._description = "speech was shut down"
        self._watchdog.stop()

    # Worker reports ----------------------------------------------------------------
    def _on_checked(self, available: bool, description: str, reads_kanji: bool) -> None:
        if self._state is EngineState.UNAVAILABLE:
            return  # shut down meanwhile
        self._description = description
        self._reads_kanji = reads_kanji
        if available:
            self._state = EngineState.READY
            self._update_watchdog()
            log.info("speech ready: %s", self.describe())
            self.availability_changed.emit(True)
        else:
            self._become_unavailable(description)

    def _on_broken(self, reason: str) -> None:
        if self._state is not EngineState.UNAVAILABLE:
            self._description = reason
            self._become_unavailable(reason)

    def _become_unavailable(self, reason: str) -> None:
        log.warning("speech unavailable: %s", reason)
        self.stop()
        self._state = EngineState.UNAVAILABLE
        self._watchdog.stop()
        self.availability_changed.emit(False)
        self.error.emit(reason)

    def _update_watchdog(self) -> None:
        waiting = self._state is EngineState.STARTING or (
            self._state is EngineState.READY and self._speaking and self._received < self._count
        )
        if waiting:
            # The worker waits ENGINE_START_DELAY_S before it opens the engine.
            extra = ENGINE_START_DELAY_S if self._state is EngineState.STARTING else 0.0
            self._watchdog.setInterval(round((self._engine_timeout_s + extra) * 1000))
            self._watchdog.start()  # (re)starts the countdown
        else:
            self._watchdog.stop()

    def _on_engine_silent(self) -> None:
        seconds = self._watchdog.interval() / 1000
        if self._state is EngineState.STARTING:
            self._become_unavailable(f"the speech engine did not start within {seconds:g} s")
        elif self._state is EngineState.READY:
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
