"""Read several texts aloud as one utterance, highlighting each sentence where it is shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject

from kiosk.core.procedures import fill_placeholders
from kiosk.core.ruby import SENTENCE_ENDS, split_sentences
from kiosk.speech.base import Speaker
from kiosk.ui.ruby_text import RubyText

Part = tuple[RubyText | None, str]
"""A widget showing the text (or None when it is only heard) and the text to speak."""


class Narrator(QObject):
    """Speaks parts in order and moves the sentence highlight from widget to widget.

    Each part is spoken as its own sentence(s): a part without a closing 。 gets one,
    so the speaker's sentence numbers map back to the widget that shows the sentence.
    """

    def __init__(self, speaker: Speaker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self._map: list[tuple[RubyText | None, int]] = []
        self._lit: RubyText | None = None
        # Several screens may hold a narrator; only the one that spoke last reacts.
        self._active = False
        speaker.sentence_started.connect(self._on_sentence)
        speaker.finished.connect(self.stop_highlight)

    def read(self, parts: Sequence[Part]) -> str:
        """Speak ``parts`` (texts with furigana markup); return what was handed to the speaker."""
        self.stop_highlight()
        spoken: list[str] = []
        mapping: list[tuple[RubyText | None, int]] = []
        for widget, text in parts:
            text = text.strip()
            if not text:
                continue
            if text[-1] not in SENTENCE_ENDS:
                text += "。"
            sentences = split_sentences(text)
            mapping.extend((widget, index) for index in range(len(sentences)))
            spoken.append(text)
        self._map = mapping
        utterance = "".join(spoken)
        if utterance:
            self._active = True
            self.speaker.say(utterance)
        return utterance

    def stop_highlight(self) -> None:
        """Forget the utterance and remove the highlight (speech ended or the screen left)."""
        self._active = False
        self._light(None, -1)

    def _light(self, widget: RubyText | None, index: int) -> None:
        try:
            if self._lit is not None and self._lit is not widget:
                self._lit.set_highlight(-1)
            if widget is not None:
                widget.set_highlight(index)
        except RuntimeError:  # the widget was closed with its screen
            pass
        self._lit = widget

    def _on_sentence(self, index: int) -> None:
        if self._active and 0 <= index < len(self._map):
            self._light(*self._map[index])


def filler(values: dict[str, str]) -> Callable[[str], str]:
    """A function that fills ``{{placeholders}}`` with ``values``."""
    return lambda text: fill_placeholders(text, values)
