"""Keys of a mock screen: the PIN pad's number keys and the keys of a TV remote."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import mock_elements as el
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.procedures.mock.buttons import LaidOutButton
from kiosk.ui.procedures.mock.style import (
    KEY_FILLS,
    LINE,
    SCREEN_PAPER,
    words,
)


class PinKey(QAbstractButton):
    """One key of the PIN pad."""

    def __init__(self, key: str, target_px: int) -> None:
        super().__init__()
        self.key = key
        self.setText(key)
        self.setAccessibleName(key)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(target_px, target_px)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._target_px = target_px

    def sizeHint(self) -> QSize:
        return QSize(self._target_px, self._target_px)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(theme.SOFT_PAPER if self.isDown() else SCREEN_PAPER))
        painter.setPen(QPen(QColor(LINE), 2))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 12, 12)
        painter.setPen(QColor(theme.INK))
        size = self.height() * (0.45 if self.key.isdigit() else 0.3)
        painter.setFont(theme.glyph_font(size, bold=self.key.isdigit()))
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.key)
        painter.end()


DELETE_KEY = "けす"


class PinPad(QWidget):
    """Dots for the digits typed so far and a 3×4 number pad; it reports each key."""

    key_pressed = Signal(str)

    def __init__(self, element: el.PinPad, target_px: int, spacing_px: int) -> None:
        super().__init__()
        self.element = element
        self.filled = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing_px)
        self._dots_height = 32
        layout.addSpacing(self._dots_height)
        grid = QGridLayout()
        grid.setSpacing(spacing_px)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", DELETE_KEY, "0"]
        self.keys: dict[str, PinKey] = {}
        for index, key in enumerate(keys):
            button = PinKey(key, target_px)
            button.clicked.connect(lambda _c=False, k=key: self.key_pressed.emit(k))
            self.keys[key] = button
            grid.addWidget(button, index // 3, index % 3)
        layout.addLayout(grid)

    def set_filled(self, count: int) -> None:
        """Show ``count`` digits as typed."""
        self.filled = max(0, min(count, self.element.length))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        count = self.element.length
        gap = 40.0
        x0 = self.width() / 2 - gap * (count - 1) / 2
        for i in range(count):
            centre = QPointF(x0 + i * gap, self._dots_height / 2)
            painter.setPen(QPen(QColor(LINE), 3))
            # Filled and larger once typed: shape, not colour alone.
            typed = i < self.filled
            painter.setBrush(QColor(LINE) if typed else Qt.BrushStyle.NoBrush)
            radius = 11.0 if typed else 9.0
            painter.drawEllipse(centre, radius, radius)
        painter.end()


class RemoteKey(LaidOutButton):
    """A key of the TV remote: a round face (coloured keys are also named) and its label."""

    element: el.Key

    def __init__(self, element: el.Key, label: str, target_px: int, *, display: Display) -> None:
        super().__init__(element, label, target_px)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._face = round(target_px * 0.85)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, self._face + 6, 2, 2)
        self.label = words(label, center=True, display=display)
        layout.addWidget(self.label)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = float(self._face)
        face = QRectF((self.width() - side) / 2, 2, side, side)
        fill = KEY_FILLS.get(self.element.colour or "", "#ffffff")
        colour = QColor(fill)
        painter.setBrush(colour.darker(130) if self.isDown() else colour)
        painter.setPen(QPen(QColor(LINE), 3))
        painter.drawEllipse(face)
        if not self.element.colour:
            painter.setPen(QColor(theme.INK))
            painter.setFont(
                theme.glyph_font(side * (0.5 if len(self.element.text) <= 1 else 0.3), bold=True)
            )
            painter.drawText(face, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()
