"""A comprehension question: big choice buttons and gentle feedback that explains."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.lessons import MAX_CHOICES, Check
from kiosk.core.runs.lesson import CheckState
from kiosk.core.voice.catalogue import SPOKEN_NUMBERS
from kiosk.ui import theme
from kiosk.ui.lessons.cards import ChoiceButton, NoteBox, Tag
from kiosk.ui.narration import Line
from kiosk.ui.ruby_text import RubyText

QUESTION_LABEL = "もんだい"
ASK_LABEL = "えらんで ください"
ASK = "こたえを 1つ えらんで、おして ください。"
RIGHT = "せいかい です！"
# Kind words for a wrong answer: no "error", no cross; the explanation does the teaching.
CLOSE = "おしい！"
TRY_AGAIN = "もう いちど えらんで みましょう。"


class CheckPage(QWidget):
    """Asks one question; ``chosen(number)`` fires when a choice is tapped.

    Whether the choice counts, and is right, is the lesson run's to say; the page then
    shows it with ``show_answer``.
    """

    chosen = Signal(int)

    def __init__(self, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing * 2)
        # 「もんだい」 as a tag beside the question, not a line of its own: at 特大 every
        # line counts on a 1280×800 panel.
        top = QHBoxLayout()
        top.setSpacing(spacing * 2)
        self.label = Tag(QUESTION_LABEL)
        self.question = RubyText(role="heading")
        top.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.question, 1)
        layout.addLayout(top)
        # Choices on the left, the words about the answer on the right: nothing moves under
        # the finger when feedback appears, and at 標準 both fit without scrolling.
        row = QHBoxLayout()
        row.setSpacing(spacing * 3)
        column = QVBoxLayout()
        column.setSpacing(spacing)
        self.choices: list[ChoiceButton] = []
        for number in range(1, MAX_CHOICES + 1):
            button = ChoiceButton(number)
            button.clicked.connect(lambda _c=False, n=number: self.choose(n))
            self.choices.append(button)
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.feedback = NoteBox(ASK_LABEL, ASK)
        feedback_column = QVBoxLayout()
        feedback_column.addWidget(self.feedback)
        feedback_column.addStretch(1)
        row.addLayout(feedback_column, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.check: Check | None = None
        self.state = CheckState()

    def show_check(self, check: Check, state: CheckState) -> None:
        """Ask ``check``; ``state`` says what was already tried, e.g. after paging back."""
        self.check = check
        self.state = state
        self.question.set_text(check.question)
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
            self.feedback.set_content(CLOSE, f"{check.explanation}\n{TRY_AGAIN}")
            self.feedback.border = theme.OUTLINE
            self.feedback.border_px = 3
        self.feedback.update()

    def lines(self) -> list[Line]:
        """The question and each choice with its number, as read when the page appears."""
        assert self.check is not None
        lines = [Line(self.question, self.check.question)]
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
