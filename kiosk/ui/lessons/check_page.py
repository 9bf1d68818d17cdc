"""A comprehension question: big choice buttons and gentle feedback that explains."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.core.lessons import MAX_CHOICES, Check
from kiosk.core.runs.lesson import CheckState
from kiosk.core.voice.catalogue import SPOKEN_NUMBERS
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.lessons.cards import ChoiceButton, NoteBox, Tag
from kiosk.ui.narration import Line
from kiosk.ui.paged import PagedColumn, block_height
from kiosk.ui.ruby_text import RubyText

QUESTION_LABEL = "もんだい"
ASK_LABEL = "えらんで ください"
ASK = "こたえを 1つ えらんで、おして ください。"
RIGHT = "せいかい です！"
# Kind words for a wrong answer: no "error", no cross; the explanation does the teaching.
CLOSE = "おしい！"
TRY_AGAIN = "もう いちど えらんで みましょう。"
# When the answer has a part of its own, the choices are on the part before it.
TRY_AGAIN_BEFORE = "「まえへ」を おして、もう いちど えらんで みましょう。"
WIDEST = 16777215  # no maximum width


def _invalidate(layout: QLayout) -> None:
    """Forget what ``layout`` and the layouts inside it measured."""
    layout.invalidate()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.layout() if item is not None else None
        if inner is not None:
            _invalidate(inner)


class CheckPage(QWidget):
    """Asks one question; ``chosen(number)`` fires when a choice is tapped.

    Whether the choice counts, and is right, is the lesson run's to say; the page then
    shows it with ``show_answer``.
    """

    chosen = Signal(int)

    def __init__(self, spacing: int, parent: QWidget | None = None, *, display: Display) -> None:
        super().__init__(parent)
        # 「もんだい」 as a tag beside the question, not a line of its own: at 特大 every
        # line counts.
        self.question_row = QWidget()
        top = QHBoxLayout(self.question_row)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(spacing * 2)
        self.label = Tag(QUESTION_LABEL, display=display)
        self.question = RubyText(role="heading", display=display)
        top.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.question, 1)
        # On an answer's part of its own, the question again, in body text: the learner
        # sees what the answer is about without going back.
        self.recap = QWidget()
        recap_row = QHBoxLayout(self.recap)
        recap_row.setContentsMargins(0, 0, 0, 0)
        recap_row.setSpacing(spacing * 2)
        self.recap_label = Tag(QUESTION_LABEL, display=display)
        self.recap_question = RubyText(display=display)
        recap_row.addWidget(self.recap_label, 0, Qt.AlignmentFlag.AlignTop)
        recap_row.addWidget(self.recap_question, 1)
        self.recap.setVisible(False)
        # Choices on the left, the words about the answer on the right, as one block that
        # is never cut: the answer shows beside the choice tapped, and nothing moves under
        # the finger when it appears. Where the two do not fit the window together, the
        # answer goes under the choices, on the next part if it must, and shows at the tap.
        self.answers = QWidget()
        self._row = row = QHBoxLayout(self.answers)
        row.setContentsMargins(0, 0, 0, 0)
        self._gap = spacing * 3
        row.setSpacing(self._gap)
        column = QVBoxLayout()
        column.setSpacing(spacing)
        self.choices: list[ChoiceButton] = []
        for number in range(1, MAX_CHOICES + 1):
            button = ChoiceButton(number, display=display)
            button.clicked.connect(lambda _c=False, n=number: self.choose(n))
            self.choices.append(button)
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.feedback = NoteBox(ASK_LABEL, ASK, display=display)
        row.addWidget(self.feedback, 1, Qt.AlignmentFlag.AlignTop)
        self.beside = True  # the answer beside the choices (else under them)
        self.apart = False  # the answer on a part of its own
        # When the question and the choices do not fit together, the question comes first
        # and the choices on the next part (つぎへ).
        self.pager = PagedColumn(
            [self.question_row, self.answers],
            spacing,
            keep_with_next=[self.question_row],
            display=display,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pager)
        self.check: Check | None = None
        self.state = CheckState()
        self._fitted: tuple[object, ...] | None = None

    def fit(self, width: int, height: int, size_name: str) -> None:
        """Cut the page into parts for a room of ``width`` × ``height`` at text size
        ``size_name``.

        The choices and the answer keep the room of their tallest look (every choice
        marked, the longest answer), so that an answer never pushes anything out of the
        window; what the learner tried does not change the parts, so a question cut for
        the same room and text keeps them (it was made ready before it showed).
        """
        check = self.check
        if check is None or width <= 0 or height <= 0:
            return
        key = (check, width, height, size_name, self.question.show_ruby())
        if key == self._fitted:
            return
        self._fitted = key
        keep = next((b for b in self.pager.blocks if self.pager.is_on_screen(b)), None)
        self._place_answer(beside=True)
        # Half the row each, whatever the words: the choices never narrow (and grow
        # taller) when another answer shows beside them.
        self.feedback.setFixedWidth((width - self._gap) // 2)
        tallest = self._tallest(width, lambda: self._height(self.answers, width))
        if tallest <= height:
            self.answers.setMinimumHeight(tallest)
        else:
            self._place_answer(beside=False)
            self.feedback.setMinimumWidth(0)
            self.feedback.setMaximumWidth(WIDEST)
            choices = self._tallest(width, lambda: self._height(self.answers, width))
            answer = self._tallest(width, lambda: self._height(self.feedback, width))
            self.answers.setMinimumHeight(choices)
            self.feedback.setMinimumHeight(answer)
        self.show_check(check, self.state)
        self.recap.setVisible(False)
        self.pager.fit(width, height, keep)
        self.apart = not self.beside and not self._on_one_part(self.answers, self.feedback)
        if self.apart:
            # The question again above the answer, where the two fit one part.
            self.recap.setVisible(True)
            self.pager.fit(width, height, keep)
            if not self._on_one_part(self.recap, self.feedback) or self._on_one_part(
                self.answers, self.feedback
            ):
                self.recap.setVisible(False)
                self.pager.fit(width, height, keep)
        self._show_feedback()

    def _on_one_part(self, first: QWidget, second: QWidget) -> bool:
        return any(first in part and second in part for part in self.pager.parts())

    def _tallest(self, width: int, measure: Callable[[], int]) -> int:
        """What ``measure`` gives at most: with every choice marked and each answer."""
        check = self.check
        assert check is not None
        self.answers.setMinimumHeight(0)
        self.feedback.setMinimumHeight(0)
        for button in self.choices[: len(check.choices)]:
            button.mark("tried")
        again = TRY_AGAIN if self.beside else TRY_AGAIN_BEFORE
        heights = []
        for label, words in ((CLOSE, f"{check.explanation}\n{again}"), (RIGHT, check.explanation)):
            self.feedback.set_content(label, words)
            heights.append(measure())
        return max(heights)

    def _place_answer(self, *, beside: bool) -> None:
        """The answer beside the choices, or under them as a block of its own."""
        if beside == self.beside:
            return
        self.beside = beside
        for button in self.choices:  # a full-width choice has room for its tag beside it
            button.place_tag(beside=not beside)
        if beside:
            self.pager.set_blocks([self.question_row, self.answers], [self.question_row])
            self._row.addWidget(self.feedback, 1, Qt.AlignmentFlag.AlignTop)
        else:
            self._row.removeWidget(self.feedback)
            # The question stays with the choices, the recap (when shown) with the answer.
            self.pager.set_blocks(
                [self.question_row, self.answers, self.recap, self.feedback],
                [self.question_row, self.recap],
            )
        self.feedback.setVisible(True)

    def _height(self, block: QWidget, width: int) -> int:
        # Layouts learn of a shown tag or new words one event-loop turn later: measure now.
        widgets = [block, *block.findChildren(QWidget)]
        for widget in widgets:
            widget.updateGeometry()  # what its parent's layout remembers of its size
        for widget in widgets:
            layout = widget.layout()
            if layout is not None:
                _invalidate(layout)
        return block_height(block, width)

    def show_check(self, check: Check, state: CheckState) -> None:
        """Ask ``check``; ``state`` says what was already tried, e.g. after paging back."""
        if check is not self.check:
            self.pager.show_first()
        self.check = check
        self.state = state
        self.question.set_text(check.question)
        self.recap_question.set_text(check.question)
        for button in self.choices:
            number = button.number
            if number > len(check.choices):
                button.setVisible(False)
                continue
            button.show_choice(check.choices[number - 1])
            button.setVisible(True)
            if state.solved and check.is_right(number):
                button.mark("right")
            elif number in state.tried:
                button.mark("tried")
            button.setEnabled(not state.solved and number not in state.tried)
        self._show_feedback()

    def choose(self, number: int) -> None:
        """The learner tapped choice ``number`` (from 1)."""
        if self.check is not None:
            self.chosen.emit(number)

    def show_answer(self, number: int, right: bool) -> None:
        """Mark choice ``number`` right or tried, and say so beside the choices."""
        button = self.choices[number - 1]
        if right:
            button.mark("right")
            for other in self.choices:
                other.setEnabled(False)
        else:
            button.mark("tried")
            button.setEnabled(False)
        self._show_feedback(right)

    def _show_feedback(self, right: bool | None = None) -> None:
        check = self.check
        assert check is not None
        if right is None:  # shown again after paging: say what was last true
            right = self.state.solved
            if not right and not self.state.tried:
                self.feedback.set_content(ASK_LABEL, ASK)
                self.feedback.border = theme.OUTLINE
                self.feedback.border_px = 3
                self.feedback.update()
                return
        if right:
            self.feedback.set_content(RIGHT, check.explanation)
            self.feedback.border = theme.PRIMARY
            self.feedback.border_px = 6
        else:
            again = TRY_AGAIN_BEFORE if self.apart else TRY_AGAIN
            self.feedback.set_content(CLOSE, f"{check.explanation}\n{again}")
            self.feedback.border = theme.OUTLINE
            self.feedback.border_px = 3
        self.feedback.update()

    def lines(self) -> list[Line]:
        """The question and each choice with its number, as read when the page appears
        (of them, what the part on screen shows)."""
        assert self.check is not None
        lines = [Line(self.question, self.check.question)]
        if not self.pager.is_on_screen(self.answers):
            return lines
        if not self.pager.is_on_screen(self.question):
            lines = []
        for button, choice, spoken_number in zip(
            self.choices, self.check.choices, SPOKEN_NUMBERS, strict=False
        ):
            lines.append(Line(button.choice_text, f"{spoken_number}、{choice}", shown=choice))
        if not self.has_answer():
            lines.append(Line(self.feedback.text, ASK))
        return lines

    def has_answer(self) -> bool:
        """True once a choice was tried, so the box beside the choices holds feedback."""
        return self.state.has_answer()

    def feedback_lines(self) -> list[Line]:
        """The words after an answer: praise or kind words, then the explanation."""
        return [
            Line(self.feedback.label, self.feedback.label.text()),
            Line(self.feedback.text, self.feedback.text.text()),
        ]
