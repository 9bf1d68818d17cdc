"""One lesson step on screen: the picture beside the title, the text and the tip, in parts.

The picture stays on the left; the words beside it come a part at a time when they do
not fit the room (つぎへ / まえへ, ``kiosk.ui.paged``). The text and the tip are cut
only between sentences, and only when the whole does not fit one part.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.lessons import Step
from kiosk.core.ruby import split_sentences
from kiosk.ui.display import Display
from kiosk.ui.lessons.cards import NoteBox
from kiosk.ui.lessons.illustration import Illustration
from kiosk.ui.memo import Memo
from kiosk.ui.narration import Line
from kiosk.ui.paged import PagedColumn, block_height
from kiosk.ui.ruby_text import RubyText

TIP_LABEL = "ヒント"
# Share of the page's width the picture may take, per text size: larger text gets the room.
PICTURE_WIDTH = {"標準": 0.40, "大": 0.34, "特大": 0.28}
CUTS_KEPT = 12  # rooms and text sizes a step remembers its pieces for

Pieces = tuple[list[tuple[int, str]], list[tuple[int, str]]]
"""A step's text and tip in pieces: (number of the piece's first sentence, its words)."""


def cut_between_sentences(
    sentences: Sequence[str], measure: Callable[[str], int], first_room: int, room: int
) -> list[tuple[int, str]]:
    """``sentences`` joined into as few pieces as fit: the first within ``first_room``, the
    others within ``room`` (a sentence taller than that is a piece of its own).

    Each piece is (index of its first sentence, its text).
    """
    pieces: list[tuple[int, str]] = []
    start, current = 0, ""
    for index, sentence in enumerate(sentences):
        limit = room if pieces else first_room
        if current and measure(current + sentence) > limit:
            pieces.append((start, current))
            start, current = index, sentence
        else:
            current += sentence
    if current or not pieces:
        pieces.append((start, current))
    return pieces


class StepPage(QWidget):
    """Shows a ``Step``; the same widgets are reused for every step so paging is instant.

    ``fit`` cuts the words into parts for the room the page has; ``pager`` goes through them.
    """

    def __init__(self, spacing: int, parent: QWidget | None = None, *, display: Display) -> None:
        super().__init__(parent)
        self.spacing = spacing
        self._display = display
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(spacing * 3)
        self.picture = Illustration()
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        self.title = RubyText(role="heading", display=display)
        # The text and the tip, a widget per piece: most steps need one of each.
        self.texts: list[RubyText] = []
        self.tips: list[NoteBox] = []
        self._text_starts: list[int] = []
        self._tip_starts: list[int] = []
        # Tight enough that a step with a tip fits one part more often; the tip's outline
        # keeps it apart from the text.
        self.pager = PagedColumn([], spacing, display=display)
        row.addWidget(self.pager, 1)
        self.step: Step | None = None
        self._fitted: tuple[object, ...] | None = None
        #: The pieces cut for each room and text size (of this step), and those shown.
        self._cuts: Memo[tuple[object, ...], Pieces] = Memo(CUTS_KEPT)
        self._shown_pieces: Pieces | None = None

    @property
    def text(self) -> RubyText:
        """The (first piece of the) step's text."""
        return self._text_widget(0)

    @property
    def tip(self) -> NoteBox:
        """The (first piece of the) step's tip."""
        return self._tip_widget(0)

    def show_step(self, step: Step) -> None:
        """Put ``step`` on screen, whole, in one part until ``fit``; a missing or broken
        picture leaves just the words. The step already shown keeps its parts (made
        ready in advance, they are what ``fit`` would cut again) and turns to the first."""
        if step is self.step:
            self.pager.show_first()
            return
        self.step = step
        self._fitted = None
        self._cuts.clear()
        self.title.set_text(step.title)
        self.picture.set_image(step.image_path)
        self._show_pieces([(0, step.text)], [(0, step.tip)] if step.tip else [])

    # Fitting ---------------------------------------------------------------------------
    def fit(self, width: int, height: int, size_name: str, keep_last: bool = False) -> None:
        """Cut the words into parts for a page ``width`` × ``height`` at text size
        ``size_name``. The part shown holds what was shown first before (a text-size
        switch keeps the learner's place), or is the last (``keep_last``)."""
        step = self.step
        if step is None or width <= 0 or height <= 0:
            return
        self.picture.set_box(round(width * PICTURE_WIDTH.get(size_name, 0.4)), height)
        beside = self.picture.width() + self.spacing * 3 if self.picture.has_image() else 0
        column = width - beside
        key = (step, column, height, size_name, self.title.show_ruby())
        if key == self._fitted:
            if keep_last:
                self.pager.show_last()
            return
        self._fitted = key
        place = self._place()
        # A text-size switch back to a size seen before finds the words cut for it.
        pieces = self._cuts.get(key, lambda: self._cut(step, column, height))
        if pieces != self._shown_pieces:
            self._show_pieces(*pieces)
        self.pager.fit(column, height, None if keep_last else self._block_at(place))
        if keep_last:
            self.pager.show_last()

    def _cut(self, step: Step, column: int, height: int) -> Pieces:
        """The step's text and tip cut between sentences into pieces that fit ``column`` ×
        ``height`` (the title takes room from the first)."""
        title_room = block_height(self.title, column) + self.spacing
        texts = cut_between_sentences(
            split_sentences(step.text),
            lambda text: self._measure(self.text, text, column),
            height - title_room,
            height,
        )
        tips = (
            cut_between_sentences(
                split_sentences(step.tip),
                lambda text: self._measure(self.tip, text, column),
                height,
                height,
            )
            if step.tip
            else []
        )
        self._shown_pieces = None  # measuring put other words in the first text and tip
        return texts, tips

    def _show_pieces(self, texts: list[tuple[int, str]], tips: list[tuple[int, str]]) -> None:
        self._shown_pieces = (texts, tips)
        self._text_starts = [start for start, _text in texts]
        self._tip_starts = [start for start, _tip in tips]
        blocks: list[QWidget] = [self.title]
        for index, (_start, text) in enumerate(texts):
            widget = self._text_widget(index)
            widget.set_text(text)
            widget.setVisible(True)
            blocks.append(widget)
        for index, (_start, tip) in enumerate(tips):
            box = self._tip_widget(index)
            box.text.set_text(tip)
            box.setVisible(True)
            blocks.append(box)
        self.pager.set_blocks(blocks, keep_with_next=[self.title])

    def _measure(self, widget: QWidget, text: str, width: int) -> int:
        words = widget.text if isinstance(widget, NoteBox) else widget
        assert isinstance(words, RubyText)
        words.set_text(text)
        return block_height(widget, width)

    def _place(self) -> tuple[str, int]:
        """What shows first in the part on screen: ("title", 0), or ("text" / "tip", the
        number of its first sentence)."""
        for block in self.pager.blocks:
            if self.pager.is_on_screen(block) and self.pager.is_shown(block):
                for kind, widgets, starts in (
                    ("text", self.texts, self._text_starts),
                    ("tip", self.tips, self._tip_starts),
                ):
                    for widget, start in zip(widgets, starts, strict=False):
                        if widget is block:
                            return kind, start
                return "title", 0
        return "title", 0

    def _block_at(self, place: tuple[str, int]) -> QWidget:
        kind, sentence = place
        widgets, starts = (
            (self.texts, self._text_starts) if kind == "text" else (self.tips, self._tip_starts)
        )
        if kind == "title" or not starts:
            return self.title
        index = max(i for i, start in enumerate(starts) if start <= sentence or i == 0)
        return widgets[index]

    def _text_widget(self, index: int) -> RubyText:
        while len(self.texts) <= index:
            self.texts.append(RubyText(parent=self.pager, display=self._display))
        return self.texts[index]

    def _tip_widget(self, index: int) -> NoteBox:
        while len(self.tips) <= index:
            self.tips.append(
                NoteBox(TIP_LABEL, label_role="body", parent=self.pager, display=self._display)
            )
        return self.tips[index]

    # Speech ----------------------------------------------------------------------------
    def lines(self) -> list[Line]:
        """What is read aloud for the part on screen: the title and the text in it (or the
        same sentences of ``speech``); a part with neither reads its tip."""
        step = self.step
        assert step is not None
        shown = split_sentences(step.text)
        spoken = split_sentences(step.spoken)
        lines: list[Line] = []
        if self.pager.is_on_screen(self.title):
            lines.append(Line(self.title, step.title))
        ends = [*self._text_starts[1:], len(shown)]
        for widget, start, end in zip(self.texts, self._text_starts, ends, strict=False):
            if not self.pager.is_on_screen(widget):
                continue
            if len(spoken) == len(shown):  # the same sentences, or a speech one for one
                said = "".join(spoken[start:end])
            else:  # a speech of other sentences goes whole with the first piece
                said = step.spoken if start == 0 else ""
            lines.append(Line(widget, said, shown=widget.text() if step.speech else None))
        if not lines:
            lines = [
                Line(box.text, box.text.text()) for box in self.tips if self.pager.is_on_screen(box)
            ]
        return lines
