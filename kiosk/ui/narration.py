"""Reading parts of a screen aloud while the sentence being spoken is highlighted on screen.

Lessons and rehearsals both narrate through ``Narrator``: a list of ``Line``s, each the
text to say and the widget that shows it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from kiosk.core.ruby import SENTENCE_ENDS
from kiosk.core.voice.catalogue import as_sentence
from kiosk.speech.base import Speaker
from kiosk.ui.ruby_text import RubyText


@dataclass(frozen=True)
class Line:
    """A piece of an utterance and where it is shown.

    ``spoken`` is read aloud (furigana markup allowed). ``widget`` shows it, or None when
    it is shown nowhere. ``shown`` is the widget's text when it differs from what is
    spoken (a step's ``speech`` override, a choice read with its number): its sentences
    are highlighted one for one when both have as many, else none are.
    """

    widget: RubyText | None
    spoken: str
    shown: str | None = None


def sentence_indices(marked: str) -> list[int]:
    """For each sentence ``split_sentences(marked)`` yields, the index ``RubyText`` gives it.

    Both split after 。！？ outside ruby braces, but ``split_sentences`` drops blank pieces
    (``？！`` gives one sentence and an empty one), so the two numberings can drift apart;
    this walks the text the same way and keeps the widget's numbering.
    """
    indices: list[int] = []
    depth = 0
    ends_seen = 0
    start = 0
    for position, ch in enumerate(marked):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in SENTENCE_ENDS:
            if marked[start : position + 1].strip():
                indices.append(ends_seen)
            ends_seen += 1
            start = position + 1
    if marked[start:].strip():
        indices.append(ends_seen)
    return indices


def compose(lines: Sequence[Line]) -> tuple[str, list[tuple[RubyText | None, int]]]:
    """One utterance from ``lines`` and, per spoken sentence, the widget and index to highlight."""
    utterance: list[str] = []
    where: list[tuple[RubyText | None, int]] = []
    for line in lines:
        text = as_sentence(line.spoken)
        if not text:
            continue
        utterance.append(text)
        indices = sentence_indices(text)
        widget = line.widget
        if line.shown is not None:
            shown = sentence_indices(line.shown)
            if len(shown) == len(indices):
                indices = shown
            else:
                widget = None
        where.extend((widget, index) for index in indices)
    return "".join(utterance), where


class Narrator(QObject):
    """Says screen parts with the kiosk's speaker and highlights what is being read.

    Connected to the speaker only while its screen is visible (``attach`` / ``detach``),
    because other screens share the speaker and their sentences are not ours to mark.
    """

    def __init__(self, speaker: Speaker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self._where: list[tuple[RubyText | None, int]] = []
        self._lit: RubyText | None = None
        self._attached = False

    def attach(self) -> None:
        """Start following the speaker's sentence signals."""
        if not self._attached:
            self.speaker.sentence_started.connect(self._on_sentence)
            self.speaker.finished.connect(self._clear)
            self._attached = True

    def detach(self) -> None:
        """Stop following the speaker and remove any highlight."""
        if self._attached:
            self.speaker.sentence_started.disconnect(self._on_sentence)
            self.speaker.finished.disconnect(self._clear)
            self._attached = False
        self._where = []
        self._clear()

    def read(self, lines: Sequence[Line]) -> None:
        """Stop whatever is being said and read ``lines`` in order (if speech is on)."""
        self.stop()
        text, self._where = compose(lines)
        if text:
            self.speaker.say(text)

    def stop(self) -> None:
        """Silence at once and drop the highlight (paging must not wait for the sentence end)."""
        self.speaker.stop()
        self._clear()

    def _on_sentence(self, index: int) -> None:
        self._clear()
        if 0 <= index < len(self._where):
            widget, local = self._where[index]
            if widget is not None:
                widget.set_highlight(local)
                self._lit = widget

    def _clear(self) -> None:
        lit, self._lit = self._lit, None
        if lit is not None:
            with contextlib.suppress(RuntimeError):  # the widget was closed with its screen
                lit.set_highlight(-1)
