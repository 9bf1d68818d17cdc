"""The ``Speaker`` interface every part of the kiosk talks to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.config import SPEECH_RATES
from kiosk.core.ruby import split_sentences

# Words per minute handed to pyttsx3 for each of the settings' SPEECH_RATES. Chosen for older
# listeners: with espeak-ng's Japanese voice they give about 4, 5 and 6.5 morae per second
# (everyday speech is 7-8); pyttsx3 maps them to SAPI5 Rate -3, -1 and +1, i.e. a calm Haruka
# by default.
WORDS_PER_MINUTE = dict(zip(SPEECH_RATES, (110, 140, 175), strict=True))

# The English causes that tell staff something different (the log keeps the cause itself).
NO_PYTTSX3 = "pyttsx3 is not installed"
NO_JAPANESE_VOICE = "no Japanese voice"


def staff_reason(cause: str) -> str:
    """Why the kiosk cannot speak, in Japanese for staff, from the English ``cause``."""
    if cause.startswith(NO_PYTTSX3):
        return "読み上げの ソフトが 入っていません。キオスクを 入れなおしてください。"
    if cause.startswith(NO_JAPANESE_VOICE):
        return (
            "この パソコンには 使える 日本語の 声が ありません。"
            "パソコンの 設定で 日本語の 音声を 追加してください。"
        )
    return "読み上げの しくみが 動きません。キオスクを 起動しなおしてください。"


class Speaker(QObject):
    """Reads text aloud sentence by sentence without blocking the GUI thread.

    ``say`` takes text with furigana markup; the backend decides whether to
    speak readings or the original text. ``sentence_started`` carries the
    index into ``split_sentences(text)`` so screens can highlight it.
    """

    sentence_started = Signal(int)
    finished = Signal()
    error = Signal(str)
    # Real engines start in the background, so whether speech works is known a moment
    # after the speaker is created; screens refresh the speech button on this signal.
    availability_changed = Signal(bool)

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
        """Turn speech on or off (the header switch); turning it off stops speech at once."""
        self._enabled = enabled
        if not enabled:
            self.stop()

    def is_enabled(self) -> bool:
        return self._enabled

    def set_rate(self, rate: str) -> None:
        """Choose ゆっくり / ふつう / はやい; it applies from the next ``say``."""
        if rate not in SPEECH_RATES:
            raise ValueError(f"unknown speech rate {rate!r}")
        self._rate = rate

    def rate(self) -> str:
        return self._rate

    def is_available(self) -> bool:
        return False

    def describe(self) -> str:
        """One line for staff and ``kiosk self-test``: engine and voice, or why there is none."""
        return "no speech engine"

    def problem(self) -> str:
        """Why no voice works, in Japanese for staff ("" while one does).

        The speaker is always there, even when it cannot speak: then it is unavailable
        with this reason, and ``describe`` (and the log) has the English cause.
        """
        return "" if self.is_available() else staff_reason(self.describe())

    def reads_kanji(self) -> bool:
        """Whether the engine reads kanji itself (SAPI5 / macOS Japanese voices) or only kana.

        The strict lesson check and ``describe`` use it; the text handed to the engine is
        always the furigana reading form (``spoken_text``) either way.
        """
        return False

    def shutdown(self) -> None:
        """Stop speaking and release the engine (called once when the app exits)."""
        self.stop()

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
