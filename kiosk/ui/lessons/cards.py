"""Shared pieces of the lesson screens: card buttons, choice buttons, tags and note boxes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.lessons import Lesson
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.lessons.illustration import Illustration
from kiosk.ui.memo import Memo
from kiosk.ui.ruby_text import RubyText

DONE_MARK = "✓ できました"
START_ACTION = "はじめる ▶"


def _frame(
    painter: QPainter, rect: QRectF, *, fill: str, border: str, width: int, dashed: bool = False
) -> None:
    pen = QPen(QColor(border), width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor(fill))
    inset = width / 2 + 1
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), 18, 18)


class Panel(QWidget):
    """A rounded, outlined box around a column of widgets (tips, feedback, tags)."""

    def __init__(
        self,
        *,
        fill: str = theme.SOFT_PAPER,
        border: str = theme.OUTLINE,
        border_px: int = 3,
        margin: int = 20,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.fill = fill
        self.border = border
        self.border_px = border_px
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(margin, margin - 4, margin, margin - 4)
        self.column.setSpacing(6)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _frame(
            painter, QRectF(self.rect()), fill=self.fill, border=self.border, width=self.border_px
        )
        painter.end()


class NoteBox(Panel):
    """A labelled note, e.g. 「ヒント」 with the step's tip, or the answer to a question."""

    def __init__(
        self,
        label: str,
        text: str = "",
        *,
        display: Display,
        label_role: str = "heading",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent=parent)
        self.label = RubyText(label, role=label_role, display=display)
        self.text = RubyText(text, display=display)
        self.column.addWidget(self.label)
        self.column.addWidget(self.text)
        self.column.addStretch(1)  # room kept for longer words stays under them

    def set_content(self, label: str, text: str) -> None:
        self.label.set_text(label)
        self.text.set_text(text)


class Tag(Panel):
    """A small outlined word such as 「✓ できました」: state said in words, not colour alone."""

    def __init__(self, text: str, parent: QWidget | None = None, *, display: Display) -> None:
        super().__init__(
            fill=theme.PAPER, border=theme.PRIMARY, border_px=3, margin=12, parent=parent
        )
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.text = RubyText(text, display=display)
        self.column.addWidget(self.text)


class CardButton(QAbstractButton):
    """A big outlined card that is one button; the words inside come from its layout.

    ``look`` says how the card is drawn: "plain", "done" (thicker dark-blue outline),
    "right" (dark-blue outline on soft paper), "tried" (dashed outline, soft paper) or
    "chosen" (filled dark blue, for the chosen tab; its words turn white).
    Every look also shows its meaning in words, so colour is never the only cue.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # A tap must not leave a focus ring that looks like a choice was marked.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.look = "plain"

    def _quiet(self, *widgets: QWidget) -> None:
        # Words inside the card must not swallow the learner's tap.
        for widget in widgets:
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_look(self, look: str) -> None:
        if look != self.look:
            self.look = look
            self.update()

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else QSize(300, 120)

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else QSize(200, 100)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = theme.SOFT_PAPER if self.isDown() or self.look in ("right", "tried") else theme.PAPER
        if self.look == "chosen":
            fill = theme.PRIMARY
        border = theme.PRIMARY if self.look in ("done", "right", "chosen") else theme.OUTLINE
        if self.hasFocus() and self.look == "plain":
            border = theme.FOCUS
        width = 6 if self.look in ("done", "right") else 4
        _frame(
            painter,
            QRectF(self.rect()),
            fill=fill,
            border=border,
            width=width,
            dashed=self.look == "tried",
        )
        painter.end()


def lesson_picture(lesson: Lesson) -> Path | None:
    """The lesson's first picture: it shows the card's subject at a glance."""
    return next((step.image_path for step in lesson.steps if step.image_path), None)


class LessonCard(CardButton):
    """A lesson in the list: its picture, title with furigana, 「やく 10ぷん」 and the done mark.

    The words about the lesson (its length, the done mark) go beside the title where that
    costs the title no line, in a row or one above the other; under the title otherwise.
    So a wide card is one line tall and a narrow card keeps its title whole.
    """

    # How the words about the lesson stand: (beside the title, one above the other).
    ROW_BESIDE = (True, False)
    COLUMN_BESIDE = (True, True)
    ROW_UNDER = (False, False)

    def __init__(
        self,
        lesson: Lesson,
        *,
        display: Display,
        picture_px: int = 128,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lesson = lesson
        self.setText(lesson.plain_title)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(20)
        self.picture = Illustration()
        self.picture.set_box(picture_px, picture_px)
        self.picture.set_image(lesson_picture(lesson))
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        self.title_text = RubyText(lesson.title, role="heading", display=display)
        self.minutes_text = RubyText(f"やく {lesson.minutes}ぷん", display=display)
        # In words, with the thicker outline: not colour alone.
        self.done_text = RubyText(DONE_MARK, display=display)
        # Only where the card stands alone (the next-lesson suggestion) does it say what a tap does.
        self.action_text = RubyText(START_ACTION, display=display)
        self.side = QWidget()
        self.side.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self._side = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.side)
        self._side.setContentsMargins(0, 0, 0, 0)
        for text in self._side_texts():
            text.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
            self._side.addWidget(text)
        self._head = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._head.setSpacing(2)
        self._head.addWidget(self.title_text)
        self._head.addWidget(self.side, 0, Qt.AlignmentFlag.AlignLeft)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addLayout(self._head)
        words.addStretch(1)
        layout.addLayout(words, 1)
        self._quiet(self.picture, self.title_text, self.side, *self._side_texts())
        self.done_text.setVisible(False)
        self.action_text.setVisible(False)
        self._measured: Memo[tuple[object, ...], tuple[tuple[bool, bool], int, bool]] = Memo(32)
        self.arrangement = (True, True)  # set for real just below
        self._arrange_as(self.ROW_UNDER)

    def _side_texts(self) -> tuple[RubyText, ...]:
        return (self.minutes_text, self.done_text, self.action_text)

    def show_action(self, shown: bool) -> None:
        """Show 「はじめる ▶」 on the card."""
        self.action_text.setVisible(shown)
        self._changed()

    def set_done(self, done: bool) -> None:
        """Show 「✓ できました」 (and a thicker outline) for a lesson finished in this visit."""
        self.done_text.setVisible(done)
        self.set_look("done" if done else "plain")
        self._changed()

    def is_done(self) -> bool:
        return not self.done_text.isHidden()

    # Measuring and arranging -------------------------------------------------------------
    def _around_words(self) -> int:
        """The card's width that is not the title's column (margins, the picture)."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        taken = margins.left() + margins.right()
        if not self.picture.isHidden():
            taken += self.picture.minimumWidth() + layout.spacing()
        return taken

    def _side_size(self, column: bool, hints: list[QSize]) -> QSize:
        """The size of the words about the lesson (``hints``), in a row or one above the other."""
        gap = self._side_gap(column) * (len(hints) - 1)
        if column:
            return QSize(max(h.width() for h in hints), sum(h.height() for h in hints) + gap)
        return QSize(sum(h.width() for h in hints) + gap, max(h.height() for h in hints))

    @staticmethod
    def _side_gap(column: bool) -> int:
        return 4 if column else 20

    def _measure(self, width: int) -> tuple[tuple[bool, bool], int, bool]:
        """How the card stands ``width`` pixels wide: the arrangement (``_arrangement_at``),
        its height, and whether the title breaks inside a word. Remembered per width
        until some words change size (layouts ask many times per pass)."""
        title_hint = self.title_text.sizeHint()
        hints = [text.sizeHint() for text in self._side_texts() if not text.isHidden()]
        key = (
            width,
            self.picture.isHidden(),
            *((h.width(), h.height()) for h in [title_hint, *hints]),
        )
        return self._measured.get(key, lambda: self._compute_measure(width, hints))

    def _compute_measure(
        self, width: int, hints: list[QSize]
    ) -> tuple[tuple[bool, bool], int, bool]:
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        words = width - self._around_words()
        title = self.title_text
        picture = 0 if self.picture.isHidden() else self.picture.minimumHeight()
        for arrangement in (self.ROW_BESIDE, self.COLUMN_BESIDE):
            side = self._side_size(arrangement[1], hints)
            beside = words - side.width() - self._head.spacing()
            if (
                beside > 0
                and title.heightForWidth(beside) <= title.heightForWidth(words)
                and not title.cuts_a_word(beside)
            ):
                height = max(title.heightForWidth(beside), side.height())
                return arrangement, margins.top() + margins.bottom() + max(picture, height), False
        side = self._side_size(False, hints)
        height = title.heightForWidth(words) + self._head.spacing() + side.height()
        cuts = title.cuts_a_word(words)
        return self.ROW_UNDER, margins.top() + margins.bottom() + max(picture, height), cuts

    def _arrangement_at(self, width: int) -> tuple[bool, bool]:
        """How the words about the lesson stand on a card ``width`` wide: beside the title
        (in a row, else one above the other) where the title keeps its lines there and
        breaks no word; under it otherwise."""
        return self._measure(width)[0]

    def cuts_a_word(self, width: int) -> bool:
        """Whether the title breaks inside a word on a card ``width`` pixels wide."""
        return self._measure(width)[2]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._measure(width)[1]

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the title's longest word with the words about it under it, as
        short as one line of title (the height comes from ``heightForWidth``)."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        hints = [text.sizeHint() for text in self._side_texts() if not text.isHidden()]
        side = self._side_size(False, hints).width()
        words = max(self.title_text.minimumSizeHint().width(), side)
        picture = 0 if self.picture.isHidden() else self.picture.minimumHeight()
        line = max(picture, self.title_text.sizeHint().height())
        return QSize(self._around_words() + words, margins.top() + margins.bottom() + line)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_as(self._arrangement_at(self.width()))

    def _changed(self) -> None:
        self._arrange_as(self._arrangement_at(self.width()))
        self.updateGeometry()

    def _arrange_as(self, arrangement: tuple[bool, bool]) -> None:
        if arrangement == self.arrangement:
            return
        self.arrangement = beside, column = arrangement
        self._head.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        self._head.setStretchFactor(self.title_text, 1 if beside else 0)
        self._head.setAlignment(
            self.side, Qt.AlignmentFlag.AlignVCenter if beside else Qt.AlignmentFlag.AlignLeft
        )
        self._side.setDirection(
            QBoxLayout.Direction.TopToBottom if column else QBoxLayout.Direction.LeftToRight
        )
        self._side.setSpacing(self._side_gap(column))
        for text in self._side_texts():
            self._side.setAlignment(
                text, Qt.AlignmentFlag.AlignLeft if column else Qt.AlignmentFlag.AlignVCenter
            )


NUMBERS = ("1", "2", "3", "4")


class ChoiceButton(CardButton):
    """One answer to a question: its number, its words, and after a try a word about it."""

    def __init__(self, number: int, parent: QWidget | None = None, *, display: Display) -> None:
        super().__init__(parent)
        self.number = number
        self._row = layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(20)
        self.number_text = RubyText(NUMBERS[number - 1], role="heading", display=display)
        self.number_text.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.choice_text = RubyText(display=display)
        self.result_tag = Tag("", display=display)
        self._words = words = QVBoxLayout()
        words.setSpacing(8)
        words.addWidget(self.choice_text)
        # Below the words, not beside them: on a narrow button a side tag would squeeze
        # the answer (see ``place_tag``).
        words.addWidget(self.result_tag, 0, Qt.AlignmentFlag.AlignLeft)
        self.tag_beside = False
        layout.addWidget(self.number_text, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(words, 1)
        self._quiet(self.number_text, self.choice_text, self.result_tag)
        self.result_tag.setVisible(False)

    def place_tag(self, *, beside: bool) -> None:
        """The word about a try beside the answer (a wide button: no taller when it shows)
        or under it (a narrow one)."""
        if beside == self.tag_beside:
            return
        self.tag_beside = beside
        shown = not self.result_tag.isHidden()
        if beside:
            self._words.removeWidget(self.result_tag)
            self._row.addWidget(self.result_tag, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            self._row.removeWidget(self.result_tag)
            self._words.addWidget(self.result_tag, 0, Qt.AlignmentFlag.AlignLeft)
        self.result_tag.setVisible(shown)

    def show_choice(self, marked: str) -> None:
        """A fresh, untried choice."""
        self.choice_text.set_text(marked)
        self.setText(f"{self.number} {self.choice_text.plain()}")
        self.result_tag.setVisible(False)
        self.set_look("plain")
        self.setEnabled(True)

    def mark(self, verdict: str) -> None:
        """After a try: "right" shows 「✓ せいかい」, "tried" shows 「これでは ありません」."""
        self.result_tag.text.set_text("✓ せいかい" if verdict == "right" else "これでは ありません")
        self.result_tag.setVisible(True)
        self.set_look(verdict)

    def verdict(self) -> str:
        return self.look
