"""Tappable elements of a mock screen: buttons (normal, primary, list row, link, app
icon, shutter, machine tile), input fields and check boxes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import mock_elements as el
from kiosk.ui import theme
from kiosk.ui.app_icons import paint_app_icon, tile_colour
from kiosk.ui.display import Display
from kiosk.ui.procedures.mock.style import (
    LINE,
    PRIMARY_FILL,
    PRIMARY_PRESSED_FILL,
    SCREEN_PAPER,
    SOFT_LINE,
    pen,
    plain,
    words,
)
from kiosk.ui.ruby_text import RubyText

TILE_HEIGHT = 1.6
"""A shop machine's menu tile is this many touch targets high."""


class AppName(RubyText):
    """An app's name under its icon: always one line, drawn smaller when the column is
    narrower than the name (as phones do), so no name is ever cut inside a word."""

    def __init__(self, text: str, *, display: Display) -> None:
        super().__init__(text, center=True, display=display)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def _available_width(self) -> float:
        return 1e6  # one line

    def heightForWidth(self, width: int) -> int:
        return super().heightForWidth(1_000_000)

    def minimumSizeHint(self) -> QSize:
        return QSize(8, super().minimumSizeHint().height())

    def shrink(self) -> float:
        """How much the name is scaled down to fit (1.0 when it fits at its size)."""
        lines = self._break_lines(self._available_width())
        natural = max((sum(w for _, w in line) for line in lines), default=0.0)
        return min(1.0, self.width() / natural) if natural else 1.0

    def paintEvent(self, _event: object) -> None:
        scale = self.shrink()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(0, self.height() * (1 - scale) / 2)
        painter.scale(scale, scale)
        self._paint(painter, self.width() / scale)
        painter.end()


class LaidOutButton(QAbstractButton):
    """A button whose contents are a layout of widgets (sizes come from the layout)."""

    def __init__(self, element: el.Element, text: str, target_px: int) -> None:
        super().__init__()
        self.element = element
        self.target_px = target_px
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(target_px)
        name = plain(text) or element.type
        self.setAccessibleName(name)
        self.setText(name)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(self.target_px, self.target_px)
        return hint.expandedTo(QSize(self.target_px, max(self.target_px, self.minimumHeight())))

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.minimumSize() if layout is not None else QSize(self.target_px, 0)
        return hint.expandedTo(QSize(self.target_px, self.target_px))


class MockButton(LaidOutButton):
    """A button of the mock app: normal, primary, list row, link, app icon or shutter."""

    def __init__(
        self,
        element: el.Button,
        text: str,
        target_px: int,
        app_index: int = 0,
        style: str | None = None,
        *,
        display: Display,
    ) -> None:
        super().__init__(element, text, target_px)
        self.style_name = style or element.style or "normal"
        self._app_colour = tile_colour(app_index)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        style = self.style_name
        center = style in ("normal", "primary", "app", "shutter", "tile")
        if style == "app":
            self.label: RubyText = AppName(text, display=display)
        else:
            self.label = words(text, center=center, display=display)
        if style == "app":
            self._icon = target_px
            layout.setContentsMargins(4, self._icon + 8, 4, 4)
        elif style == "shutter":
            self._icon = round(target_px * 1.2)
            layout.setContentsMargins(8, self._icon + 10, 8, 4)
        elif style == "tile":  # a shop machine's big menu tile
            self.setMinimumHeight(round(target_px * TILE_HEIGHT))
            layout.setContentsMargins(12, 12, 12, 12)
        elif style == "list":
            layout.setContentsMargins(16, 8, 44, 8)
        elif style == "link":
            layout.setContentsMargins(8, 8, 36, 10)
        else:
            layout.setContentsMargins(18, 8, 18, 8)
        if style in ("app", "shutter"):
            layout.addWidget(self.label)
        else:
            # Words in the middle of the button's height, as on a real screen.
            layout.addStretch(1)
            layout.addWidget(self.label)
            layout.addStretch(1)

    def heightForWidth(self, width: int) -> int:
        # Layouts that ask for the height at a width must still get the minimum height.
        return max(super().heightForWidth(width), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.style_name == "app":
            return QSize(self._icon + 8, hint.height())
        return hint

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        down = self.isDown()
        style = self.style_name
        if style == "primary":
            painter.setBrush(QColor(PRIMARY_PRESSED_FILL if down else PRIMARY_FILL))
            painter.setPen(QPen(QColor(theme.PRIMARY), 4))
            painter.drawRoundedRect(rect, 14, 14)
        elif style in ("normal", "tile"):
            painter.setBrush(QColor(theme.SOFT_PAPER if down else SCREEN_PAPER))
            painter.setPen(QPen(QColor(LINE), 3 if style == "tile" else 2))
            painter.drawRoundedRect(rect, 14, 14)
        elif style == "list":
            painter.setBrush(QColor(theme.SOFT_PAPER if down else SCREEN_PAPER))
            painter.setPen(QPen(QColor(SOFT_LINE), 2))
            painter.drawRoundedRect(rect, 8, 8)
            self._chevron(painter, rect)
        elif style == "link":
            painter.setPen(QPen(QColor(theme.PRIMARY), 3))
            label = QRectF(self.label.geometry())
            painter.drawLine(
                QPointF(label.left(), label.bottom() + 2),
                QPointF(label.right(), label.bottom() + 2),
            )
            self._chevron(painter, rect)
        elif style == "app":
            side = float(self._icon)
            icon = QRectF((self.width() - side) / 2, 4, side, side)
            paint_app_icon(painter, icon, self.text(), self._app_colour, pressed=down)
        elif style == "shutter":
            side = float(self._icon)
            circle = QRectF((self.width() - side) / 2, 4, side, side)
            painter.setPen(QPen(QColor(LINE), 5))
            painter.setBrush(QColor(theme.SOFT_PAPER if down else SCREEN_PAPER))
            painter.drawEllipse(circle)
            painter.setBrush(QColor(LINE))
            painter.drawEllipse(circle.adjusted(side * 0.2, side * 0.2, -side * 0.2, -side * 0.2))
        painter.end()

    def _chevron(self, painter: QPainter, rect: QRectF) -> None:
        x = rect.right() - 22
        y = rect.center().y()
        painter.setPen(pen(LINE, 4, round_caps=True))
        painter.drawLine(QPointF(x - 6, y - 9), QPointF(x + 3, y))
        painter.drawLine(QPointF(x + 3, y), QPointF(x - 6, y + 9))


class MockInput(LaidOutButton):
    """A labelled input field showing what is typed (dots for secrets)."""

    def __init__(
        self, element: el.Input, label: str, value: str, target_px: int, *, display: Display
    ) -> None:
        super().__init__(element, label, target_px)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(4)
        self.label = words(label, display=display)
        shown = "●" * max(4, len(plain(value))) if element.secret and value else value
        self.value = words(shown or " ", display=display)
        field = QWidget()
        field.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        field.setMinimumHeight(round(target_px * 0.8))
        inner = QVBoxLayout(field)
        inner.setContentsMargins(14, 8, 14, 8)
        inner.addWidget(self.value)
        self.field = field
        layout.addWidget(self.label)
        layout.addWidget(field)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.field.geometry()).adjusted(1, 1, -1, -1)
        painter.setBrush(QColor(theme.SOFT_PAPER if self.isDown() else SCREEN_PAPER))
        painter.setPen(QPen(QColor(SOFT_LINE), 2))
        painter.drawRoundedRect(box, 8, 8)
        painter.end()


class MockCheckbox(LaidOutButton):
    """A check box with its label; ``checked`` comes from the spec, never from a tap."""

    BOX = 34
    element: el.Checkbox

    def __init__(
        self, element: el.Checkbox, label: str, target_px: int, *, display: Display
    ) -> None:
        super().__init__(element, label, target_px)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self.BOX + 24, 8, 8, 8)
        self.label = words(label, display=display)
        layout.addWidget(self.label)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(10, (self.height() - self.BOX) / 2, self.BOX, self.BOX)
        painter.setBrush(QColor(SCREEN_PAPER))
        painter.setPen(QPen(QColor(LINE), 3))
        painter.drawRoundedRect(box, 6, 6)
        if self.element.checked:
            painter.setPen(pen(theme.PRIMARY, 6, round_caps=True))
            path = QPainterPath(QPointF(box.left() + 7, box.center().y()))
            path.lineTo(box.left() + 14, box.bottom() - 8)
            path.lineTo(box.right() - 6, box.top() + 7)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.end()
