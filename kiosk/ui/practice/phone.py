"""The practice phone: a phone body with real proportions and a simulated home screen."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui import theme
from kiosk.ui.app_icons import paint_app_icon, tile_colour

# A typical 6.1-inch phone: 71.5 mm × 147 mm, with a thin bezel around the display.
BODY_RATIO = 71.5 / 147.0
SIDE_BEZEL = 0.045  # of the body width
TOP_BEZEL = 0.045  # of the body height
BOTTOM_BEZEL = 0.035
CORNER = 0.14  # body corner radius, of the body width

BODY_COLOUR = "#20232a"
SCREEN_BACKGROUND = "#eef3fb"
STATUS_INK = "#1a1a1a"
PHONE_FONT_SCALE = 0.8  # phone text is smaller than the kiosk's own text, as on a phone
# App names under the icons never shrink below this to fit their cell.
MIN_LABEL_PT = 12.0


def phone_font(size_pt: float, *, bold: bool = False) -> QFont:
    """The kiosk font at ``size_pt`` (callers scale it with the learner's text size)."""
    font = QFont(theme.FONT_FAMILY)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


class PhoneFrame(QWidget):
    """Draws a phone as tall as the space allows and places ``display`` on its screen.

    Drill content goes into ``display`` (a plain widget the drill fills with a layout).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.display = QWidget(self)
        self.display.setObjectName("PhoneDisplay")
        self.display.setAutoFillBackground(True)
        palette = self.display.palette()
        palette.setColor(self.display.backgroundRole(), QColor(SCREEN_BACKGROUND))
        self.display.setPalette(palette)

    # Small hints: the phone takes whatever height the screen has (the layout gives it the
    # rest), and a large hint would make the screen's scroll holder think it must scroll.
    def sizeHint(self) -> QSize:
        return QSize(round(420 * BODY_RATIO), 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(round(400 * BODY_RATIO), 400)

    def body_rect(self) -> QRectF:
        """The phone body: full height, width from the real ratio, centred."""
        height = float(self.height())
        width = min(float(self.width()), height * BODY_RATIO)
        height = width / BODY_RATIO
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def display_rect(self) -> QRect:
        body = self.body_rect()
        side = body.width() * SIDE_BEZEL
        top = body.height() * TOP_BEZEL
        bottom = body.height() * BOTTOM_BEZEL
        return body.adjusted(side, top, -side, -bottom).toRect()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.display.setGeometry(self.display_rect())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        body = self.body_rect()
        radius = body.width() * CORNER
        painter.setPen(QPen(QColor("#000000"), 2))
        painter.setBrush(QColor(BODY_COLOUR))
        painter.drawRoundedRect(body.adjusted(1, 1, -1, -1), radius, radius)
        # Earpiece and camera, so the phone reads as a phone and its top is obvious.
        top = body.top() + body.height() * TOP_BEZEL / 2
        slot = QRectF(0, 0, body.width() * 0.22, body.height() * 0.008 + 2)
        slot.moveCenter(QPointF(body.center().x(), top))
        painter.setBrush(QColor("#555b66"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(slot, slot.height() / 2, slot.height() / 2)
        camera = body.width() * 0.03
        painter.drawEllipse(QPointF(slot.right() + camera * 2, top), camera, camera)
        painter.end()


@dataclass(frozen=True)
class AppIcon:
    """One simulated app on the home screen; its picture comes from ``kiosk.ui.app_icons``."""

    name: str
    colour: str


def _apps(*names: str, first_colour: int = 0) -> tuple[AppIcon, ...]:
    return tuple(AppIcon(name, tile_colour(first_colour + i)) for i, name in enumerate(names))


# Six apps in two columns, as a phone's simple mode shows them: big icons, and names of
# three kana at most, narrow enough to read at the kiosk's body size in their cell on
# every panel and at every text size (はさみ, three wide kana, is not: 132 px of 131 at
# 特大 on the 1366×768 panel).
SIMPLE_HOME = _apps("でんわ", "メール", "カメラ", "ちず", "てんき", "とけい")
# The simple home's next page, for the swipe drill: six other apps, so the change shows.
SIMPLE_MORE = _apps("ラジオ", "ゲーム", "ほん", "おふろ", "いえ", "はた", first_colour=6)
SIMPLE_COLUMNS = 2
SIMPLE_ROWS = 3


def draw_status_bar(painter: QPainter, width: float, height: float, scale: float) -> None:
    """The time and battery strip at the top of a phone screen."""
    painter.setPen(QColor(STATUS_INK))
    painter.setFont(phone_font(12 * scale, bold=True))
    painter.drawText(QRectF(12, 0, width / 2, height), Qt.AlignmentFlag.AlignVCenter, "10:00")
    battery = QRectF(width - 46, height / 2 - 7, 30, 14)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(STATUS_INK), 2))
    painter.drawRoundedRect(battery, 3, 3)
    painter.fillRect(battery.adjusted(3, 3, -9, -3), QColor(STATUS_INK))


@cache
def label_font(scale: float, cell_width: float, names: tuple[str, ...], points: float) -> QFont:
    """The font of the app names under the icons: ``points`` at 標準, larger with the text
    size, but never so large that the longest of ``names`` runs into the next icon's."""
    size = points * scale
    while True:
        font = phone_font(size, bold=True)
        metrics = QFontMetricsF(font)
        if size <= MIN_LABEL_PT or max(map(metrics.horizontalAdvance, names)) <= cell_width:
            return font
        size -= 0.5


def icon_square(cell: QRectF, label: QFont) -> QRectF:
    """Where the icon of the app in ``cell`` is drawn (its name, in ``label``, goes below,
    clear of the icon of the row under it)."""
    side = min(cell.width() * 0.72, cell.height() - _label_height(label) - 16)
    icon = QRectF(0, 0, side, side)
    icon.moveCenter(QPointF(cell.center().x(), cell.top() + 4 + side / 2))
    return icon


def _label_height(label: QFont) -> float:
    return QFontMetricsF(label).height() + 4


def draw_app_icon(
    painter: QPainter, cell: QRectF, app: AppIcon, label: QFont, *, pressed: bool = False
) -> QRectF:
    """Draw one app icon with its name in ``label`` centred in ``cell``; return the icon square."""
    icon = icon_square(cell, label)
    paint_app_icon(painter, icon, app.name, app.colour, pressed=pressed)
    painter.setPen(QColor(theme.INK))
    painter.setFont(label)
    box = QRectF(cell.left() - 4, icon.bottom() + 2, cell.width() + 8, _label_height(label))
    painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, app.name)
    return icon


def home_cells(
    width: float,
    height: float,
    top: float,
    columns: int,
    rows: int,
    *,
    dots: bool = True,
) -> list[QRectF]:
    """The grid cells of a home page below a status strip of height ``top`` (and above
    the page dots, where there are ``dots``)."""
    cell_w = width / columns
    cell_h = (height - top) / (rows + (0.6 if dots else 0.2))
    return [
        QRectF(c * cell_w, top + 8 + r * cell_h, cell_w, cell_h)
        for r in range(rows)
        for c in range(columns)
    ]


def status_height(scale: float) -> float:
    return 30.0 * max(1.0, scale * 0.9)
