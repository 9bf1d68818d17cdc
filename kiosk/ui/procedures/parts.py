"""Small widgets the procedure screens share: cards, 持ち物 rows, the hint box, icons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.ruby import plain_text
from kiosk.ui import theme
from kiosk.ui.card_grid import words_width
from kiosk.ui.display import Display
from kiosk.ui.ruby_text import RubyText


def _quiet(text: RubyText) -> RubyText:
    text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return text


def paint_check(painter: QPainter, box: QRectF, checked: bool) -> None:
    """A square check box, with a thick tick when ``checked`` (shape, not colour)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(theme.PAPER))
    painter.setPen(QPen(QColor(theme.OUTLINE), 4))
    painter.drawRoundedRect(box, 8, 8)
    if checked:
        pen = QPen(QColor(theme.PRIMARY), max(5.0, box.width() * 0.14))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(QPointF(box.left() + box.width() * 0.22, box.center().y()))
        path.lineTo(box.left() + box.width() * 0.43, box.bottom() - box.height() * 0.22)
        path.lineTo(box.right() - box.width() * 0.18, box.top() + box.height() * 0.22)
        painter.drawPath(path)
    painter.restore()


class SvgIcon(QWidget):
    """A fixed-size SVG picture (a 持ち物 icon)."""

    def __init__(self, path: Path, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(str(path), self)
        self.setFixedSize(side, side)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._renderer.render(painter, QRectF(self.rect()))
        painter.end()


class _ContentButton(QAbstractButton):
    """A button whose look is painted and whose words are child widgets in a layout."""

    def __init__(self) -> None:
        super().__init__()
        # A touch kiosk has no keyboard: a focus frame would only look like a selection.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else QSize(200, 80)

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else QSize(120, 64)


class ItemRow(_ContentButton):
    """One thing to bring: a box to tick, its icon, its name and an optional note."""

    BOX = 44

    def __init__(self, name: str, note: str, icon: Path, icon_px: int, *, display: Display) -> None:
        super().__init__()
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setText(plain_text(name))
        self.setMinimumHeight(icon_px + 16)
        row = QHBoxLayout(self)
        row.setContentsMargins(self.BOX + 28, 8, 16, 8)
        row.setSpacing(16)
        self.icon_view = SvgIcon(icon, icon_px)
        row.addWidget(self.icon_view, 0, Qt.AlignmentFlag.AlignVCenter)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.name_text = _quiet(RubyText(name, role="heading", display=display))
        words.addStretch(1)
        words.addWidget(self.name_text)
        self.note_text = _quiet(RubyText(note, display=display)) if note else None
        if self.note_text is not None:
            words.addWidget(self.note_text)
        words.addStretch(1)
        row.addLayout(words, 1)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(theme.SOFT_PAPER if self.isDown() else theme.PAPER))
        border = theme.FOCUS if self.hasFocus() else theme.OUTLINE
        painter.setPen(QPen(QColor(border), 3))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 16, 16)
        box = QRectF(16, (self.height() - self.BOX) / 2, self.BOX, self.BOX)
        paint_check(painter, box, self.isChecked())
        painter.end()


class ProcedureCard(_ContentButton):
    """A big card in the procedure list: title, length, and a done mark once practised."""

    DONE = "✓ できました"

    def __init__(self, title: str, minutes: int, *, display: Display) -> None:
        super().__init__()
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setText(plain_text(title))
        self.done = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(16)
        words = QVBoxLayout()
        words.setSpacing(6)
        self.title_text = _quiet(RubyText(title, role="heading", display=display))
        self.length_text = _quiet(RubyText(f"やく {minutes}ぷん", display=display))
        self.done_text = _quiet(RubyText(self.DONE, role="heading", display=display))
        self.done_text.setVisible(False)
        words.addWidget(self.title_text)
        words.addWidget(self.length_text)
        words.addWidget(self.done_text)
        layout.addLayout(words, 1)

    def set_done(self, done: bool) -> None:
        """Show or hide the done mark (words and a thick border, not colour alone)."""
        self.done = done
        self.done_text.setVisible(done)
        self.update()

    def cuts_a_word(self, width: int) -> bool:
        """Whether the title breaks inside a word on the card ``width`` pixels wide."""
        return self.title_text.cuts_a_word(words_width(self, width))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(theme.SOFT_PAPER if self.isDown() else theme.PAPER))
        border = theme.FOCUS if self.hasFocus() else (theme.PRIMARY if self.done else theme.OUTLINE)
        painter.setPen(QPen(QColor(border), 7 if self.done else 4))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(4, 4, -4, -4), 22, 22)
        painter.end()


class HintBox(QWidget):
    """A boxed hint under the narration, hidden until the learner needs it."""

    def __init__(self, parent: QWidget | None = None, *, display: Display) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        self.text = RubyText("", display=display)
        layout.addWidget(self.text)

    def show_hint(self, text: str) -> None:
        """Show ``text`` (markup) in the box."""
        self.text.set_text(text)
        self.setVisible(True)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Soft paper, so the highlight of the sentence being read still stands out.
        painter.setBrush(QColor(theme.SOFT_PAPER))
        painter.setPen(QPen(QColor(theme.OUTLINE), 4))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 16, 16)
        painter.end()
