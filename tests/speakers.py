"""A speaker for tests: records what would have been said, finishes when told to."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.core.ruby import spoken_text
from kiosk.speech.base import Speaker


class FakeSpeaker(Speaker):
    """Keeps every utterance as spoken kana; ``finish_all`` emits the signals a real engine would."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spoken: list[list[str]] = []
        self.stops = 0
        self.speaking = False

    def is_available(self) -> bool:
        return True

    def describe(self) -> str:
        return "fake speaker (tests)"

    def stop(self) -> None:
        self.stops += 1
        self.speaking = False

    def _speak(self, sentences: list[str]) -> None:
        self.spoken.append([spoken_text(s) for s in sentences])
        self.speaking = True
        self.sentence_started.emit(0)

    def last_text(self) -> str:
        return "".join(self.spoken[-1]) if self.spoken else ""

    def finish_all(self) -> None:
        if self.speaking:
            self.speaking = False
            self.finished.emit()
