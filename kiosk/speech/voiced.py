"""The kiosk's speaker: pre-rendered clips where they exist, the live engine for the rest.

Each sentence is looked up by its clip key (text, rate and voice settings). A sentence
without a current clip (a lesson edited since the clips were rendered, a centre's own
name, a count) is handed to the live speaker, alone, and the next sentence waits for
its ``finished``. Sentence numbers and ``finished`` are this speaker's own, so screens
cannot tell which voice said what.
"""

from __future__ import annotations

import logging
from enum import Enum

from PySide6.QtCore import QObject, QTimer

from kiosk.core.voice.clips import ClipLibrary
from kiosk.speech.base import Speaker
from kiosk.speech.clip_player import ClipPlayer

log = logging.getLogger(__name__)


class Saying(Enum):
    """What the speaker is saying the current sentence with, if anything."""

    NOTHING = "nothing"
    CLIP = "clip"
    LIVE = "live"


class VoiceSpeaker(Speaker):
    """Says sentences from their clips through ``player``, the others through ``live``."""

    def __init__(
        self,
        live: Speaker,
        clips: ClipLibrary,
        player: ClipPlayer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._live = live
        self._clips = clips
        self._player = player if player is not None else ClipPlayer(self)
        self._player_problem = ""
        self._sentences: list[str] = []
        self._index = -1
        self._saying = Saying.NOTHING
        self._generation = 0
        self.clip_sentences = 0  # sentences said from clips / live, for self-test and logs
        self.live_sentences = 0
        live.set_enabled(True)  # this speaker decides; the live one only follows
        live.finished.connect(self._on_live_finished)
        live.availability_changed.connect(self.availability_changed)
        live.error.connect(self.error)
        self._player.done.connect(self._on_clip_done)
        self._player.failed.connect(self._on_player_failed)

    # Speaker interface -------------------------------------------------------------------
    def is_available(self) -> bool:
        return len(self._clips) > 0 or self._live.is_available()

    def problem(self) -> str:
        return "" if self.is_available() else self._live.problem()

    def reads_kanji(self) -> bool:
        return self._live.reads_kanji()

    def describe(self) -> str:
        audio = self._player_problem or self._player.describe()
        return (
            f"pre-rendered voice ({len(self._clips)} clips, {audio}); "
            f"live voice for the rest: {self._live.describe()}"
        )

    def set_rate(self, rate: str) -> None:
        super().set_rate(rate)
        self._live.set_rate(rate)

    def stop(self) -> None:
        self._generation += 1
        self._saying = Saying.NOTHING
        self._player.stop()
        self._live.stop()

    def shutdown(self) -> None:
        self.stop()
        self._player.close()
        self._live.shutdown()

    def _speak(self, sentences: list[str]) -> None:
        self._generation += 1
        self._sentences = sentences
        self._index = -1
        self._next()

    # Sentence by sentence ----------------------------------------------------------------
    def _next(self) -> None:
        self._index += 1
        if self._index >= len(self._sentences):
            self._saying = Saying.NOTHING
            self.finished.emit()
            return
        sentence = self._sentences[self._index]
        clip = None if self._player_problem else self._clips.path_for(sentence, self.rate())
        if clip is not None:
            self._saying = Saying.CLIP
            self.clip_sentences += 1
            self.sentence_started.emit(self._index)
            self._player.play(clip)
        else:
            self._say_live(sentence)

    def _say_live(self, sentence: str) -> None:
        self._saying = Saying.LIVE
        self.live_sentences += 1
        self.sentence_started.emit(self._index)
        if self._live.is_available():
            self._live.say(sentence)
        else:  # nobody can say it: go on with the next sentence
            generation = self._generation
            QTimer.singleShot(0, lambda: self._skip(generation))

    def _skip(self, generation: int) -> None:
        if generation == self._generation and self._saying is Saying.LIVE:
            self._next()

    def _on_clip_done(self) -> None:
        if self._saying is Saying.CLIP:
            self._next()

    def _on_live_finished(self) -> None:
        if self._saying is Saying.LIVE:
            self._next()

    def _on_player_failed(self, reason: str) -> None:
        log.warning("pre-rendered voice unavailable, using the live voice: %s", reason)
        self._player_problem = reason
        if self._saying is Saying.CLIP:
            self.clip_sentences -= 1
            self._say_live(self._sentences[self._index])
