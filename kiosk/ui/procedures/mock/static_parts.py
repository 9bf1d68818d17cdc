"""Parts of a mock screen that are not tapped: camera view, picture, notice, title bar."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import mock_elements as el
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.procedures.mock.style import (
    BAR_PAPER,
    LINE,
    SCREEN_PAPER,
    SOFT_LINE,
    pen,
    words,
)


class CameraFinder(QWidget):
    """A camera's view: corner marks around a QR code, or an oval for a face."""

    def __init__(self, element: el.Camera, text: str, target_px: int, *, display: Display) -> None:
        super().__init__()
        self.element = element
        self._view = round(target_px * 3)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, self._view + 8, 0, 0)
        layout.addWidget(words(text, center=True, display=display))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        view = QRectF(0, 0, self.width(), self._view)
        painter.fillRect(view, QColor("#3d4450"))
        side = min(view.width(), view.height()) * 0.7
        frame = QRectF(0, 0, side, side)
        frame.moveCenter(view.center())
        painter.setPen(pen("#ffffff", 6))
        if self.element.mode == "face":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(frame.adjusted(side * 0.15, 0, -side * 0.15, 0))
        else:
            arm = side * 0.22
            for corner, dx, dy in (
                (frame.topLeft(), 1, 1),
                (frame.topRight(), -1, 1),
                (frame.bottomLeft(), 1, -1),
                (frame.bottomRight(), -1, -1),
            ):
                painter.drawLine(corner, corner + QPointF(arm * dx, 0))
                painter.drawLine(corner, corner + QPointF(0, arm * dy))
            code = frame.adjusted(side * 0.25, side * 0.25, -side * 0.25, -side * 0.25)
            painter.fillRect(code, QColor("#ffffff"))
            cell = code.width() / 5
            for row, col in ((0, 0), (0, 4), (4, 0), (1, 2), (2, 1), (2, 3), (3, 2), (4, 4)):
                painter.fillRect(
                    QRectF(code.left() + col * cell, code.top() + row * cell, cell, cell),
                    QColor("#000000"),
                )
        painter.end()


class Picture(QWidget):
    """An SVG drawn for the project, as wide as the screen allows and keeping its shape."""

    def __init__(self, element: el.Image) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._renderer = QSvgRenderer(str(element.image_path), self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _ratio(self) -> float:
        size = self._renderer.defaultSize()
        return size.height() / size.width() if size.width() > 0 else 0.75

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * self._ratio())

    def sizeHint(self) -> QSize:
        return QSize(240, self.heightForWidth(240))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._renderer.render(painter, QRectF(self.rect()))
        painter.end()


class Notice(QWidget):
    """A boxed message; a warning has a thicker border and a '!' mark (not colour alone)."""

    def __init__(self, element: el.Notice, text: str, *, display: Display) -> None:
        super().__init__()
        self.element = element
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        left = 52 if element.style == "warning" else 14
        layout.setContentsMargins(left, 10, 14, 10)
        layout.addWidget(words(text, display=display))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        warning = self.element.style == "warning"
        painter.setBrush(QColor(theme.HIGHLIGHT if warning else theme.SOFT_PAPER))
        painter.setPen(QPen(QColor(LINE), 4 if warning else 2))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 10, 10)
        if warning:
            mark = QRectF(12, (self.height() - 30) / 2, 30, 30)
            painter.setBrush(QColor(LINE))
            painter.drawEllipse(mark)
            painter.setPen(QColor(SCREEN_PAPER))
            painter.setFont(theme.glyph_font(22, bold=True))
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "!")
        painter.end()


class TitleBar(QWidget):
    """The app's title bar at the top of the display."""

    def __init__(self, text: str, *, display: Display) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(words(text, center=True, display=display))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BAR_PAPER))
        painter.fillRect(QRect(0, self.height() - 2, self.width(), 2), QColor(SOFT_LINE))
        painter.end()
