"""The ``Speaker`` interface every part of the kiosk talks to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.ruby import split_sentences

RATES = {"ゆっくり": 120, "ふつう": 160, "はやい": 200}  # words per minute for pyttsx3


class Speaker(QObject):
    """Reads text aloud sentence by sentence without blocking the GUI thread.

    ``say`` takes text with furigana markup; the backend decides whether to
    speak readings or the original text. ``sentence_started`` carries the
    index into ``split_sentences(text)`` so screens can highlight it.
    """

    sentence_started = Signal(int)
    finished = Signal()
    error = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled = True
        self._rate = "ふつう"

    # What screens call -------------------------------------------------
    def say(self, text: str) -> None:
        """Stop anything playing and read ``text`` aloud (if speech is on and available)."""
        self.stop()
        if not self._enabled or not self.is_available():
            return
        sentences = split_sentences(text)
        if sentences:
            self._speak(sentences)

    def stop(self) -> None:
        """Stop speaking at once (screens call this when they change)."""

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if not enabled:
            self.stop()

    def is_enabled(self) -> bool:
        return self._enabled

    def set_rate(self, rate: str) -> None:
        if rate not in RATES:
            raise ValueError(f"unknown speech rate {rate!r}")
        self._rate = rate

    def rate(self) -> str:
        return self._rate

    def is_available(self) -> bool:
        return False

    def describe(self) -> str:
        """One line for staff and ``kiosk self-test``: engine and voice, or why there is none."""
        return "no speech engine"

    # What backends implement -------------------------------------------
    def _speak(self, sentences: list[str]) -> None:
        raise NotImplementedError


class NullSpeaker(Speaker):
    """Used when no engine or no Japanese voice exists: the kiosk goes on silently."""

    def __init__(self, reason: str = "no speech engine", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = reason

    def describe(self) -> str:
        return self._reason

    def _speak(self, sentences: list[str]) -> None:  # pragma: no cover - never available
        pass
