"""A small wordless picture of a mock screen for paper: where on the screen to press.

The mock screen is laid out as on the kiosk, then each element is drawn as a plain
shape (a button's outline, grey bars for words, a pad of keys), and the targets are
filled and ringed. It holds no words, so nothing on paper is too small to read; the
sheet prints the target's words next to it in large print.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core import mock_elements as el
from kiosk.core.procedures import MockScreen
from kiosk.ui import theme
from kiosk.ui.display import OwnDisplay
from kiosk.ui.procedures.mock import MockScreenView
from kiosk.ui.procedures.mock.highlight import HIGHLIGHT_RING
from kiosk.ui.procedures.mock.static_parts import TitleBar
from kiosk.ui.procedures.mock.style import (
    BAR_PAPER,
    KEY_FILLS,
    LINE,
    MACHINE_BODY,
    PHONE_BODY,
    PRIMARY_FILL,
    REMOTE_BODY,
    SCREEN_PAPER,
    TV_BODY,
)

WORDS_GREY = "#9aa1ab"
"""Bars that stand for words: visibly not text."""
TARGET_FILL = "#ffd9a8"
LINE_PX = 30
"""The height of one line of words on the mock screen, in the view's pixels."""


@dataclass(frozen=True)
class Shape:
    """One element of the screen: what it is and where, in the view's pixels."""

    element: el.Element
    rect: QRectF
    target: bool


@dataclass(frozen=True)
class ScreenOutline:
    """Everything the thumbnail draws, in the laid-out view's pixels."""

    device: str
    size: QSizeF
    display: QRectF
    bar: QRectF | None
    remote: QRectF | None
    shapes: tuple[Shape, ...]


def screen_outline(
    screen: MockScreen, targets: Sequence[str], fill: Callable[[str], str]
) -> ScreenOutline:
    """Lay ``screen`` out at the kiosk's standard size, with furigana, and keep the shapes
    of its elements (the same on every sheet, whatever size the visitor chose)."""
    standard = OwnDisplay()
    view = MockScreenView(screen, display=standard, fill=fill, targets=targets)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    try:
        view.show()
        width = view.device_width
        view.resize(width, max(view.heightForWidth(width), view.minimumSizeHint().height()))
        layout = view.layout()
        if layout is not None:
            layout.activate()

        def place(widget: QWidget) -> QRectF:
            top_left = widget.mapTo(view, QPoint(0, 0))
            return QRectF(top_left.x(), top_left.y(), widget.width(), widget.height())

        bars = view.display.findChildren(TitleBar)
        shapes = tuple(
            Shape(element, place(widget), bool(element.id) and element.id in targets)
            for element, widget in view.all_widgets
        )
        return ScreenOutline(
            screen.device,
            QSizeF(view.size()),
            place(view.display),
            place(bars[0]) if bars else None,
            place(view.remote) if view.remote is not None else None,
            shapes,
        )
    finally:
        view.close()
        view.deleteLater()


class ScreenThumbnail(QWidget):
    """Draws a ``ScreenOutline`` scaled to fit ``most`` (width, height) in page units."""

    def __init__(self, outline: ScreenOutline, most: QSizeF) -> None:
        super().__init__()
        self.outline = outline
        size = outline.size
        self.scale = min(most.width() / size.width(), most.height() / size.height())
        self.setFixedSize(round(size.width() * self.scale), round(size.height() * self.scale))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(self.scale, self.scale)
        self._paint_device(painter)
        for shape in self.outline.shapes:
            if not shape.target:
                _paint_shape(painter, shape, self.scale)
        # Targets last, so their rings lie above their neighbours.
        for shape in self.outline.shapes:
            if shape.target:
                _paint_shape(painter, shape, self.scale)
        painter.end()

    def _paint_device(self, painter: QPainter) -> None:
        outline = self.outline
        body = QRectF(0, 0, outline.size.width(), outline.size.height()).adjusted(2, 2, -2, -2)
        if outline.device == "tv":
            body = outline.display.adjusted(-14, -14, 14, 14)
        colour = {"phone": PHONE_BODY, "machine": MACHINE_BODY, "tv": TV_BODY}[outline.device]
        radius = 36 if outline.device == "phone" else 12
        painter.setPen(QPen(QColor(LINE), 2 / self.scale))
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(body, radius, radius)
        painter.fillRect(outline.display, QColor(SCREEN_PAPER))
        if outline.bar is not None:
            painter.fillRect(outline.bar, QColor(BAR_PAPER))
            _paint_words(painter, outline.bar.adjusted(14, 8, -14, -8), centre=True)
        if outline.remote is not None:
            painter.setPen(QPen(QColor(LINE), 3))
            painter.setBrush(QColor(REMOTE_BODY))
            painter.drawRoundedRect(outline.remote, 28, 28)


def _paint_words(painter: QPainter, area: QRectF, *, centre: bool = False) -> None:
    """Grey bars, one per line of words that fit ``area``."""
    lines = max(1, round(area.height() / LINE_PX))
    pitch = area.height() / lines
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(WORDS_GREY))
    for index in range(lines):
        width = area.width() * (0.6 if index == lines - 1 and lines > 1 else 0.85)
        left = area.center().x() - width / 2 if centre else area.left()
        bar = QRectF(left, area.top() + index * pitch + pitch * 0.3, width, pitch * 0.4)
        painter.drawRoundedRect(bar, bar.height() / 2, bar.height() / 2)
    painter.restore()


def _paint_shape(painter: QPainter, shape: Shape, scale: float) -> None:
    rect = shape.rect
    element = shape.element
    inner = rect.adjusted(10, 8, -10, -8)
    painter.save()
    painter.setPen(QPen(QColor(LINE), 2 / scale))
    painter.setBrush(QColor(TARGET_FILL if shape.target else SCREEN_PAPER))
    match element:
        case el.Text() | el.Heading():
            _paint_words(painter, rect)
        case el.Notice():
            painter.setBrush(QColor("#fff4cc" if element.style == "warning" else BAR_PAPER))
            painter.drawRoundedRect(rect, 8, 8)
            _paint_words(painter, inner)
        case el.Image():
            painter.setBrush(QColor("#e3e6ea"))
            painter.drawRoundedRect(rect, 8, 8)
        case el.Camera():
            painter.setBrush(QColor("#3a3f47"))
            painter.drawRect(rect)
        case el.PinPad():
            _paint_pad(painter, rect)
        case el.Key():
            if not shape.target and element.colour:
                painter.setBrush(QColor(KEY_FILLS[element.colour]))
            painter.drawEllipse(rect.adjusted(4, 4, -4, -4))
        case el.Checkbox():
            side = min(rect.height() - 16, 40)
            box = QRectF(rect.left() + 8, rect.center().y() - side / 2, side, side)
            painter.drawRoundedRect(box, 6, 6)
            _paint_words(
                painter,
                QRectF(
                    box.right() + 12, inner.top(), inner.right() - box.right() - 12, inner.height()
                ),
            )
        case el.Button() if element.style == "app":
            side = min(rect.width(), rect.height()) * 0.55
            icon = QRectF(rect.center().x() - side / 2, rect.top() + 6, side, side)
            if not shape.target:
                painter.setBrush(QColor("#c9d3e3"))
            painter.drawRoundedRect(icon, side * 0.22, side * 0.22)
            _paint_words(
                painter,
                QRectF(rect.left() + 6, icon.bottom() + 6, rect.width() - 12, LINE_PX),
                centre=True,
            )
        case el.Button() if element.style == "link":
            if shape.target:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(rect, 8, 8)
            _paint_words(painter, inner)
        case _:
            if (
                element.type == "button"
                and getattr(element, "style", "") == "primary"
                and not shape.target
            ):
                painter.setBrush(QColor(PRIMARY_FILL))
            painter.drawRoundedRect(rect, 10, 10)
            _paint_words(painter, inner, centre=element.type != "input")
    if shape.target:
        ring = rect.adjusted(-8, -8, 8, 8)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(HIGHLIGHT_RING, max(10.0, 1.6 / scale)))
        painter.drawRoundedRect(ring, 14, 14)
        painter.setPen(QPen(QColor(theme.INK), max(3.0, 0.5 / scale)))
        painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 10, 10)
    painter.restore()


def _paint_pad(painter: QPainter, rect: QRectF) -> None:
    """The dots row and a 3x4 grid of keys."""
    top = rect.top() + 40
    rows, columns, gap = 4, 3, 10
    width = (rect.width() - gap * (columns - 1)) / columns
    height = (rect.bottom() - top - gap * (rows - 1)) / rows
    for index in range(11):  # 1-9, けす, 0 as the kiosk's pad
        row, column = divmod(index, columns)
        key = QRectF(
            rect.left() + column * (width + gap), top + row * (height + gap), width, height
        )
        painter.drawRoundedRect(key, 8, 8)
