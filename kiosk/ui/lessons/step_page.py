"""One lesson step on screen: the picture beside the title, the text and the tip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.lessons import Step
from kiosk.ui.lessons.cards import NoteBox
from kiosk.ui.lessons.illustration import Illustration
from kiosk.ui.narration import Line
from kiosk.ui.ruby_text import RubyText

TIP_LABEL = "ヒント"


class StepPage(QWidget):
    """Shows a ``Step``; the same widgets are reused for every step so paging is instant."""

    def __init__(self, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(spacing * 3)
        self.picture = Illustration()
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        # Tight enough that at 大 a step with a tip still fits a 1280×800 panel; the tip's
        # outline keeps it apart from the text.
        column.setSpacing(spacing)
        self.title = RubyText(role="heading")
        self.text = RubyText()
        self.tip = NoteBox(TIP_LABEL, label_role="body")
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addWidget(self.tip)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.step: Step | None = None

    def show_step(self, step: Step) -> None:
        """Put ``step`` on screen; a missing or broken picture leaves just the words."""
        self.step = step
        self.title.set_text(step.title)
        self.text.set_text(step.text)
        self.tip.text.set_text(step.tip or "")
        self.tip.setVisible(step.tip is not None)
        self.picture.set_image(step.image_path)

    def lines(self) -> list[Line]:
        """What is read aloud for the step: its title, then its text (or ``speech``)."""
        assert self.step is not None
        step = self.step
        spoken = Line(self.text, step.spoken, shown=step.text if step.speech else None)
        return [Line(self.title, step.title), spoken]
