"""Mock screens drawn from a procedure step's declarative spec, with the target pulsing.

Every element is a real widget (words are ``RubyText``, so they follow the text size
and the ふりがな switch); tappable ones are buttons that report their element id.
The device body (phone, shop machine, TV with its remote) is painted around them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEasingCurve,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import mock_elements as el
from kiosk.core.procedures import MockScreen
from kiosk.core.ruby import RubyError, plain_text
from kiosk.ui import theme
from kiosk.ui.app_icons import paint_app_icon, tile_colour
from kiosk.ui.ruby_text import RubyText, apply_scale, prepare_texts

MOCK_TEXT_RATIO = 0.8
"""Words on a mock screen are a little smaller than the kiosk's own, as on a phone."""

SCREEN_PAPER = "#ffffff"
BAR_PAPER = "#dde6f3"
LINE = "#1a1a1a"
SOFT_LINE = "#5c6470"
PHONE_BODY = "#20232a"
MACHINE_BODY = "#b9bec6"
TV_BODY = "#111111"
REMOTE_BODY = "#d7d9dd"
PRIMARY_FILL = "#d6e4fb"  # light, so the words on it keep the theme's dark ink (> 7:1)
PRIMARY_PRESSED_FILL = "#9db8e6"  # darker while pressed, still 7:1 under the dark ink
KEY_FILLS = {"blue": "#1f5fbf", "red": "#c62828", "green": "#2e7d32", "yellow": "#f2c100"}
HIGHLIGHT_RING = QColor(theme.FOCUS)
# Every colour a mock screen draws words on, with the words' colour (tests check 7:1).
TEXT_PAIRS = {
    "screen": (theme.INK, SCREEN_PAPER),
    "bar": (theme.INK, BAR_PAPER),
    "primary": (theme.INK, PRIMARY_FILL),
    "primary-pressed": (theme.INK, PRIMARY_PRESSED_FILL),
    "pressed": (theme.INK, theme.SOFT_PAPER),
    "notice": (theme.INK, theme.SOFT_PAPER),
    "warning": (theme.INK, theme.HIGHLIGHT),
    "warning-mark": (SCREEN_PAPER, LINE),
}
PULSE_MS = 1100

DEVICE_WIDTH = {"phone": 440, "machine": 560, "tv": 560}
"""Mock device widths in px: a phone in portrait, a landscape shop machine, a TV."""
MACHINE_RATIO = 10 / 16
"""A shop machine's touch screen is landscape: at least this high for its width."""
PHONE_MIN_RATIO = 1.25

# Body margins around the display, in px: left, top, right, bottom.
_BEZEL = {"phone": (14, 34, 14, 30), "machine": (22, 22, 22, 26), "tv": (16, 16, 16, 16)}


def _pen(colour: str | QColor, width: float, *, round_caps: bool = False) -> QPen:
    pen = QPen(QColor(colour), width)
    if round_caps:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _mock_font(px: float, *, bold: bool = False) -> QFont:
    font = QFont(theme.FONT_FAMILY)
    font.setPixelSize(max(8, round(px)))
    font.setBold(bold)
    return font


def _plain(text: str) -> str:
    """Text without furigana, or as written if its markup is broken (never raises)."""
    try:
        return plain_text(text)
    except RubyError:
        return text


def _label(text: str, *, center: bool = False, role: str = "body") -> RubyText:
    """Words inside a mock element: they never take the tap away from their element."""
    label = RubyText(text, role=role, center=center)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class AppName(RubyText):
    """An app's name under its icon: always one line, drawn smaller when the column is
    narrower than the name (as phones do), so no name is ever cut inside a word."""

    def __init__(self, text: str) -> None:
        super().__init__(text, center=True)
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


class _LaidOutButton(QAbstractButton):
    """A button whose contents are a layout of widgets (sizes come from the layout)."""

    def __init__(self, element: el.Element, text: str, target_px: int) -> None:
        super().__init__()
        self.element = element
        self.target_px = target_px
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(target_px)
        name = _plain(text) or element.type
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


class MockButton(_LaidOutButton):
    """A button of the mock app: normal, primary, list row, link, app icon or shutter."""

    def __init__(
        self,
        element: el.Button,
        text: str,
        target_px: int,
        app_index: int = 0,
        style: str | None = None,
    ) -> None:
        super().__init__(element, text, target_px)
        self.style_name = style or element.style or "normal"
        self._app_colour = tile_colour(app_index)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        style = self.style_name
        center = style in ("normal", "primary", "app", "shutter", "tile")
        if style == "app":
            self.label: RubyText = AppName(text)
        else:
            self.label = _label(text, center=center)
        if style == "app":
            self._icon = target_px
            layout.setContentsMargins(4, self._icon + 8, 4, 4)
        elif style == "shutter":
            self._icon = round(target_px * 1.2)
            layout.setContentsMargins(8, self._icon + 10, 8, 4)
        elif style == "tile":  # a shop machine's big menu tile
            self.setMinimumHeight(round(target_px * 1.6))
            layout.setContentsMargins(16, 12, 16, 12)
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
        painter.setPen(_pen(LINE, 4, round_caps=True))
        painter.drawLine(QPointF(x - 6, y - 9), QPointF(x + 3, y))
        painter.drawLine(QPointF(x + 3, y), QPointF(x - 6, y + 9))


class MockInput(_LaidOutButton):
    """A labelled input field showing what is typed (dots for secrets)."""

    def __init__(self, element: el.Input, label: str, value: str, target_px: int) -> None:
        super().__init__(element, label, target_px)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(4)
        self.label = _label(label)
        shown = "●" * max(4, len(_plain(value))) if element.secret and value else value
        self.value = _label(shown or " ")
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


class MockCheckbox(_LaidOutButton):
    """A check box with its label; ``checked`` comes from the spec, never from a tap."""

    BOX = 34
    element: el.Checkbox

    def __init__(self, element: el.Checkbox, label: str, target_px: int) -> None:
        super().__init__(element, label, target_px)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self.BOX + 24, 8, 8, 8)
        self.label = _label(label)
        layout.addWidget(self.label)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(10, (self.height() - self.BOX) / 2, self.BOX, self.BOX)
        painter.setBrush(QColor(SCREEN_PAPER))
        painter.setPen(QPen(QColor(LINE), 3))
        painter.drawRoundedRect(box, 6, 6)
        if self.element.checked:
            painter.setPen(_pen(theme.PRIMARY, 6, round_caps=True))
            path = QPainterPath(QPointF(box.left() + 7, box.center().y()))
            path.lineTo(box.left() + 14, box.bottom() - 8)
            path.lineTo(box.right() - 6, box.top() + 7)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.end()


class MockCard(_LaidOutButton):
    """The card-reading prompt: a card held to the phone's back, or laid on the reader."""

    element: el.CardReader

    def __init__(self, element: el.CardReader, text: str, target_px: int) -> None:
        super().__init__(element, text, target_px)
        self._picture = round(target_px * 2.2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, self._picture + 12, 8, 8)
        self.label = _label(text, center=True)
        layout.addWidget(self.label)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(0, 4, self.width(), self._picture)
        if self.element.place == "reader":
            self._paint_reader(painter, area)
        else:
            self._paint_phone(painter, area)
        painter.end()

    def _card(self, painter: QPainter, rect: QRectF) -> None:
        painter.setPen(QPen(QColor(LINE), 3))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PRIMARY))
        painter.drawRoundedRect(
            QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.2), 6, 6
        )
        face = QRectF(
            rect.right() - rect.width() * 0.32,
            rect.top() + rect.height() * 0.32,
            rect.width() * 0.24,
            rect.height() * 0.56,
        )
        painter.setBrush(QColor("#8a94a6"))
        painter.drawRoundedRect(face, 4, 4)
        painter.setPen(QPen(QColor(SOFT_LINE), 4))
        for i in range(3):
            y = rect.top() + rect.height() * (0.42 + 0.16 * i)
            painter.drawLine(
                QPointF(rect.left() + 12, y), QPointF(rect.left() + rect.width() * 0.55, y)
            )

    def _paint_phone(self, painter: QPainter, area: QRectF) -> None:
        height = area.height() * 0.92
        phone = QRectF(0, 0, height * 0.5, height)
        phone.moveCenter(QPointF(area.center().x() - area.width() * 0.1, area.center().y()))
        painter.setPen(QPen(QColor(LINE), 3))
        painter.setBrush(QColor(PHONE_BODY))
        painter.drawRoundedRect(phone, 12, 12)
        card = QRectF(0, 0, phone.width() * 1.6, phone.width() * 1.0)
        card.moveCenter(QPointF(phone.right() + card.width() * 0.18, phone.center().y() + 6))
        self._card(painter, card)
        self._waves(painter, QPointF(card.right() + 8, card.top() + 4))

    def _paint_reader(self, painter: QPainter, area: QRectF) -> None:
        tray = QRectF(0, 0, min(area.width() * 0.8, area.height() * 2.0), area.height() * 0.6)
        tray.moveCenter(QPointF(area.center().x(), area.center().y() + area.height() * 0.12))
        painter.setPen(QPen(QColor(LINE), 3))
        painter.setBrush(QColor(MACHINE_BODY))
        painter.drawRoundedRect(tray, 10, 10)
        card = QRectF(0, 0, tray.height() * 1.35, tray.height() * 0.85)
        card.moveCenter(QPointF(tray.center().x(), tray.center().y() - tray.height() * 0.35))
        self._card(painter, card)
        self._waves(painter, QPointF(card.right() + 8, card.top() + 4))

    def _waves(self, painter: QPainter, at: QPointF) -> None:
        painter.setPen(_pen(theme.PRIMARY, 4, round_caps=True))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for radius in (10, 20, 30):
            painter.drawArc(
                QRectF(at.x() - radius, at.y() - radius, radius * 2, radius * 2), -30 * 16, 120 * 16
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
        painter.setFont(_mock_font(size, bold=self.key.isdigit()))
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


class RemoteKey(_LaidOutButton):
    """A key of the TV remote: a round face (coloured keys are also named) and its label."""

    element: el.Key

    def __init__(self, element: el.Key, label: str, target_px: int) -> None:
        super().__init__(element, label, target_px)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._face = round(target_px * 0.85)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, self._face + 6, 2, 2)
        self.label = _label(label, center=True)
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
                _mock_font(side * (0.5 if len(self.element.text) <= 1 else 0.3), bold=True)
            )
            painter.drawText(face, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()


class CameraFinder(QWidget):
    """A camera's view: corner marks around a QR code, or an oval for a face."""

    def __init__(self, element: el.Camera, text: str, target_px: int) -> None:
        super().__init__()
        self.element = element
        self._view = round(target_px * 3)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, self._view + 8, 0, 0)
        layout.addWidget(_label(text, center=True))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        view = QRectF(0, 0, self.width(), self._view)
        painter.fillRect(view, QColor("#3d4450"))
        side = min(view.width(), view.height()) * 0.7
        frame = QRectF(0, 0, side, side)
        frame.moveCenter(view.center())
        painter.setPen(_pen("#ffffff", 6))
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
        self._renderer = QSvgRenderer(str(element.image.path), self)
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

    def __init__(self, element: el.Notice, text: str) -> None:
        super().__init__()
        self.element = element
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        left = 52 if element.style == "warning" else 14
        layout.setContentsMargins(left, 10, 14, 10)
        layout.addWidget(_label(text))

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
            painter.setFont(_mock_font(22, bold=True))
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "!")
        painter.end()


class TitleBar(QWidget):
    """The app's title bar at the top of the display."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(_label(text, center=True))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BAR_PAPER))
        painter.fillRect(QRect(0, self.height() - 2, self.width(), 2), QColor(SOFT_LINE))
        painter.end()


class _Highlight(QWidget):
    """Draws the pulsing rings around the target elements, above everything else."""

    def __init__(self, view: MockScreenView) -> None:
        super().__init__(view)
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event: QPaintEvent) -> None:
        rects = self.view.target_rects()
        if not rects:
            return
        painter = QPainter(self)
        paint_rings(painter, rects, self.view.pulse)
        painter.end()


def paint_rings(painter: QPainter, rects: Sequence[QRectF], pulse: float) -> None:
    """Thick rings around ``rects`` that grow and shrink with ``pulse`` (0..1).

    Two lines, dark inside and orange outside, so the ring shows on light and dark
    backgrounds; its thickness and movement, not its colour, carry the meaning.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    outer = 6.0 + 6.0 * pulse
    for rect in rects:
        ring = rect.adjusted(-3 - outer / 2, -3 - outer / 2, 3 + outer / 2, 3 + outer / 2)
        painter.setPen(QPen(HIGHLIGHT_RING, outer))
        painter.drawRoundedRect(ring, 14, 14)
        painter.setPen(QPen(QColor(LINE), 3))
        painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 12, 12)
    painter.restore()


class MockScreenView(QWidget):
    """A device showing one mock screen; taps on its elements come out as ``tapped(id)``.

    ``fill`` turns file text into display text (placeholders filled). Taps on words or
    empty parts of the screen are not accepted, so they reach the parent as mouse events.
    """

    tapped = Signal(str)
    pin_key = Signal(str, str)  # (pad id, key)

    def __init__(
        self,
        screen: MockScreen,
        *,
        fill: Callable[[str], str],
        targets: Sequence[str] = (),
        target_px: int = 64,
        spacing_px: int = 12,
        text_scale: float = MOCK_TEXT_RATIO,
        width: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.mock_screen = screen
        # The width the owner gives the view: grids of tiles are fitted to it.
        self.device_width = width or DEVICE_WIDTH[screen.device]
        self.targets = tuple(targets)
        self.pulse = 0.5
        self.kiosk_scale = text_scale  # read by the RubyText widgets inside
        self.element_widgets: dict[str, QWidget] = {}
        self.all_widgets: list[tuple[el.Element, QWidget]] = []
        self._target_px = target_px
        self._spacing = spacing_px
        self._grids: list[tuple[QGridLayout, list[MockButton], int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

        left, top, right, bottom = _BEZEL[screen.device]
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(left, top, right, bottom)
        outer.setSpacing(0)
        self.display = QWidget()
        self.display.setObjectName("MockDisplay")
        outer.addWidget(self.display, 1)
        column = QVBoxLayout(self.display)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if screen.bar:
            column.addWidget(TitleBar(fill(screen.bar)))
        content = QVBoxLayout()
        content.setContentsMargins(spacing_px, spacing_px, spacing_px, spacing_px)
        content.setSpacing(spacing_px)
        column.addLayout(content)
        column.addStretch(1)

        self.remote: QWidget | None = None
        keys = [e for e in screen.elements if isinstance(e, el.Key)]
        # Runs of app icons make a phone's home grid; runs of menu rows on a shop machine
        # make its grid of big tiles.
        grouped = {"app", "list"} if screen.device == "machine" else {"app"}
        run: list[el.Button] = []
        for element in screen.elements:
            if isinstance(element, el.Key):
                continue
            style = element.style if isinstance(element, el.Button) else None
            if run and style != run[0].style:
                content.addLayout(self._grid(run, fill))
                run = []
            if isinstance(element, el.Button) and style in grouped:
                run.append(element)
            else:
                content.addWidget(self._build(element, fill))
        if run:
            content.addLayout(self._grid(run, fill))
        if screen.device == "phone":
            # However little it shows, a phone stays taller than wide.
            self.setMinimumHeight(round(DEVICE_WIDTH["phone"] * PHONE_MIN_RATIO))
        if screen.device == "machine":
            self.display.setMinimumHeight(
                round((DEVICE_WIDTH["machine"] - left - right) * MACHINE_RATIO)
            )
        if screen.device == "tv":
            # A TV picture is wide: at least 16:9 whatever little it shows.
            self.display.setMinimumHeight(round((DEVICE_WIDTH["tv"] - left - right) * 9 / 16))
        if keys:
            outer.addSpacing(spacing_px * 2)
            self.remote = self._remote(keys, fill)
            outer.addWidget(self.remote)

        self._highlight = _Highlight(self)
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setKeyValueAt(0.5, 1.0)
        self._animation.setEndValue(0.0)
        self._animation.setDuration(PULSE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._animation.setLoopCount(-1)
        self._animation.valueChanged.connect(self._on_pulse)

    # Building -------------------------------------------------------------------------
    def _register(self, element: el.Element, widget: QWidget) -> QWidget:
        self.all_widgets.append((element, widget))
        if element.id:
            self.element_widgets[element.id] = widget
        if isinstance(widget, QAbstractButton):
            widget.clicked.connect(lambda _c=False, e=element.id: self.tapped.emit(e))
        return widget

    def _build(self, element: el.Element, fill: Callable[[str], str]) -> QWidget:
        px = self._target_px
        widget: QWidget
        match element:
            case el.Text(text=text):
                widget = _label(fill(text))
            case el.Heading(text=text):
                widget = _label(fill(text), role="heading")
            case el.Notice():
                widget = Notice(element, fill(element.text))
            case el.Image():
                widget = Picture(element)
            case el.Camera():
                widget = CameraFinder(element, fill(element.text), px)
            case el.Button():
                widget = MockButton(element, fill(element.text), px)
            case el.Input():
                widget = MockInput(element, fill(element.text), fill(element.value), px)
            case el.Checkbox():
                widget = MockCheckbox(element, fill(element.text), px)
            case el.CardReader():
                widget = MockCard(element, fill(element.text), px)
            case el.PinPad():
                pad = PinPad(element, px, self._spacing)
                pad.key_pressed.connect(lambda key, e=element.id: self.pin_key.emit(e, key))
                widget = pad
            case _:  # keys go on the remote control, below the screen
                raise ValueError(f"no widget for a mock {element.type!r} on the screen")
        return self._register(element, widget)

    def _grid(self, run: list[el.Button], fill: Callable[[str], str]) -> QGridLayout:
        """App icons three to a row, like a phone's home screen, or a machine's menu tiles
        two to a row (one when their words need the width); columns are equal."""
        app = run[0].style == "app"
        buttons = [
            MockButton(
                element,
                fill(element.text),
                self._target_px,
                app_index=index,
                style=None if app else "tile",
            )
            for index, element in enumerate(run)
        ]
        for element, button in zip(run, buttons, strict=True):
            self._register(element, button)
            prepare_texts(button, self.kiosk_scale, None)  # measured before it is shown
        grid = QGridLayout()
        grid.setSpacing(self._spacing)
        self._grids.append((grid, buttons, 3 if app else 2))
        self._arrange(grid, buttons, 3 if app else 2)
        return grid

    def _arrange(self, grid: QGridLayout, buttons: list[MockButton], most: int) -> None:
        left, _, right, _ = _BEZEL[self.mock_screen.device]
        width = self.device_width - left - right - 2 * self._spacing
        widest = max(button.minimumSizeHint().width() for button in buttons)
        columns = max(1, min(most, (width + self._spacing) // (widest + self._spacing)))
        for button in buttons:
            grid.removeWidget(button)
        for column in range(most):
            grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, button in enumerate(buttons):
            grid.addWidget(button, index // columns, index % columns)

    def _remote(self, keys: list[el.Key], fill: Callable[[str], str]) -> QWidget:
        remote = QWidget()
        remote.setObjectName("MockRemote")
        grid = QGridLayout(remote)
        grid.setContentsMargins(
            self._spacing * 2, self._spacing * 2, self._spacing * 2, self._spacing * 2
        )
        grid.setSpacing(self._spacing)
        columns = 3
        for index, element in enumerate(keys):
            key = RemoteKey(element, fill(element.text), self._target_px)
            grid.addWidget(self._register(element, key), index // columns, index % columns)
        return remote

    # Display --------------------------------------------------------------------------
    def set_text_scale(self, scale: float) -> None:
        """Follow the learner's text size (``scale`` already includes ``MOCK_TEXT_RATIO``)."""
        apply_scale(self, scale)
        for grid, buttons, most in self._grids:
            self._arrange(grid, buttons, most)

    def pin_pad(self, element_id: str) -> PinPad | None:
        """The PIN pad with this id, if the screen has one."""
        widget = self.element_widgets.get(element_id)
        return widget if isinstance(widget, PinPad) else None

    def target_rects(self) -> list[QRectF]:
        """Where the targets are, in this view's coordinates."""
        rects: list[QRectF] = []
        for target in self.targets:
            widget = self.element_widgets.get(target)
            if widget is None or not widget.isVisibleTo(self):
                continue
            top_left = widget.mapTo(self, widget.rect().topLeft())
            rects.append(QRectF(QRect(top_left, widget.size())))
        return rects

    def start_pulse(self) -> None:
        """Make the targets pulse until ``stop_pulse``."""
        if self.targets and self._animation.state() != QVariantAnimation.State.Running:
            self._animation.start()

    def stop_pulse(self) -> None:
        """Stop pulsing (the rings stay, half-grown)."""
        self._animation.stop()
        self.pulse = 0.5
        self._highlight.update()

    def is_pulsing(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def _on_pulse(self, value: object) -> None:
        self.pulse = float(value) if isinstance(value, (int, float)) else 0.0
        self._highlight.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._highlight.setGeometry(self.rect())
        self._highlight.raise_()

    def display_rect(self) -> QRectF:
        return QRectF(self.display.geometry())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        device = self.mock_screen.device
        display = self.display_rect()
        if device == "tv":
            self._paint_tv(painter, display)
        else:
            body = QRectF(self.rect()).adjusted(2, 2, -2, -2)
            colour = PHONE_BODY if device == "phone" else MACHINE_BODY
            painter.setPen(QPen(QColor("#000000"), 2))
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(
                body, 36 if device == "phone" else 16, 36 if device == "phone" else 16
            )
            if device == "phone":
                slot = QRectF(0, 0, body.width() * 0.22, 8)
                slot.moveCenter(QPointF(body.center().x(), body.top() + 17))
                painter.setBrush(QColor("#555b66"))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(slot, 4, 4)
            painter.fillRect(display, QColor(SCREEN_PAPER))
        painter.end()

    def _paint_tv(self, painter: QPainter, display: QRectF) -> None:
        body = display.adjusted(-14, -14, 14, 14)
        painter.setPen(QPen(QColor("#000000"), 2))
        painter.setBrush(QColor(TV_BODY))
        painter.drawRoundedRect(body, 10, 10)
        painter.fillRect(display, QColor(SCREEN_PAPER))
        if self.remote is not None:
            remote = QRectF(self.remote.geometry()).adjusted(0, 0, 0, 0)
            painter.setPen(QPen(QColor(LINE), 3))
            painter.setBrush(QColor(REMOTE_BODY))
            painter.drawRoundedRect(remote, 28, 28)
