"""The end of a lesson: praise, a big check mark and the next lesson to try."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.lessons import Lesson
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.lessons.cards import LessonCard
from kiosk.ui.narration import Line
from kiosk.ui.paged import PagedColumn
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.widgets import big_button

PRAISE = "よく できました！"
NEXT_HEADING = "つぎの レッスンも やって みませんか？"
LAST_LESSON = "これが さいごの レッスンです。おつかれさまでした。"
TO_LIST = "レッスンの いちらんへ"
PRINT = "かみに いんさつ する"  # a push button: no furigana markup


def finished_message(lesson: Lesson) -> str:
    """「…」を さいごまで ならいました。 with the lesson title's furigana kept."""
    return f"「{lesson.title}」を さいごまで ならいました。"


class BigCheck(QWidget):
    """A large filled circle with a white check mark: the lesson is done."""

    def __init__(self, diameter: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(QSize(diameter, diameter))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("できました")

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = float(self.width())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PRIMARY))
        painter.drawEllipse(QRectF(2.0, 2.0, size - 4, size - 4))
        pen = QPen(QColor(theme.PRIMARY_INK), size * 0.1)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        path = QPainterPath(QPointF(size * 0.28, size * 0.52))
        path.lineTo(QPointF(size * 0.44, size * 0.68))
        path.lineTo(QPointF(size * 0.73, size * 0.35))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.end()


class FinishPage(QWidget):
    """Praise and what to do next; ``next_requested`` carries the suggested lesson."""

    next_requested = Signal(object)
    list_requested = Signal()
    print_requested = Signal()

    def __init__(
        self, spacing: int, check_px: int, parent: QWidget | None = None, *, display: Display
    ) -> None:
        super().__init__(parent)
        self._display = display
        # The check mark beside the praise keeps the page short; where it still does not
        # fit, the next lesson comes on a part of its own (つぎへ).
        self.praise_block = QWidget()
        top = QHBoxLayout(self.praise_block)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(spacing * 3)
        self.check_mark = BigCheck(check_px)
        top.addWidget(self.check_mark, 0, Qt.AlignmentFlag.AlignVCenter)
        words = QVBoxLayout()
        words.setSpacing(spacing)
        self.praise = RubyText(PRAISE, role="title", display=display)
        self.message = RubyText(display=display)
        words.addWidget(self.praise)
        words.addWidget(self.message)
        top.addLayout(words, 1)
        # The steps on paper to take home; what happened shows right beside the button.
        self.print_block = QWidget()
        print_row = QHBoxLayout(self.print_block)
        print_row.setContentsMargins(0, 0, 0, 0)
        print_row.setSpacing(spacing * 3)
        self.print_button = big_button(PRINT, self.print_requested.emit)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.print_result = RubyText(display=display)
        self.print_result.setVisible(False)
        print_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignVCenter)
        print_row.addWidget(self.print_result, 1, Qt.AlignmentFlag.AlignVCenter)
        self.next_block = QWidget()
        next_column = QVBoxLayout(self.next_block)
        next_column.setContentsMargins(0, 0, 0, 0)
        next_column.setSpacing(spacing * 2)
        self.next_heading = RubyText(NEXT_HEADING, role="heading", display=display)
        next_column.addWidget(self.next_heading)
        self.next_card: LessonCard | None = None
        row = QHBoxLayout()
        row.setSpacing(spacing * 3)
        self._card_slot = QVBoxLayout()
        row.addLayout(self._card_slot, 1)
        self.list_button = big_button(TO_LIST, self.list_requested.emit)
        self.list_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.addWidget(self.list_button, 0, Qt.AlignmentFlag.AlignVCenter)
        next_column.addLayout(row)
        self.pager = PagedColumn(
            [self.praise_block, self.print_block, self.next_block], spacing * 2, display=display
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pager)
        self.suggestion: Lesson | None = None

    def show_finish(self, lesson: Lesson, suggestion: Lesson | None, done: set[str]) -> None:
        """Praise for ``lesson``; offer ``suggestion`` (None after the last lesson)."""
        self.suggestion = suggestion
        self.pager.show_first()
        self.print_result.setVisible(False)
        message = finished_message(lesson)
        self.message.set_text(message if suggestion else f"{message}\n{LAST_LESSON}")
        if self.next_card is not None:
            self._card_slot.removeWidget(self.next_card)
            self.next_card.deleteLater()
            self.next_card = None
        self.next_heading.setVisible(suggestion is not None)
        if suggestion is not None:
            card = LessonCard(suggestion, display=self._display)
            card.set_done(suggestion.id in done)
            card.show_action(True)
            card.clicked.connect(lambda _c=False: self.next_requested.emit(suggestion))
            self._card_slot.addWidget(card)
            self.next_card = card
        # The next lesson is the thing to press; without one, going back to the list is.
        self.list_button.setProperty("role", "" if suggestion else "primary")
        self.list_button.style().unpolish(self.list_button)
        self.list_button.style().polish(self.list_button)

    def show_print_result(self, learner_text: str) -> None:
        """Say whether the sheet came out of the printer (or that staff can help)."""
        self.print_result.set_text(learner_text)
        self.print_result.setVisible(True)

    def lines(self) -> list[Line]:
        """Praise, the message and the suggestion, as read when the page (or its part on
        screen) appears."""
        lines = [Line(self.praise, PRAISE), Line(self.message, self.message.text())]
        if self.next_card is not None:
            lines.append(Line(self.next_heading, NEXT_HEADING))
            lines.append(Line(self.next_card.title_text, self.next_card.lesson.title))
        return [line for line in lines if line.widget and self.pager.is_on_screen(line.widget)]
