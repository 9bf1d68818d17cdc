"""App icons of the simulated phones: a dark tile with a white picture drawn from SVG.

The pictures are SVG files in ``assets/icons/apps`` rather than symbols from a font,
so they look the same on every computer (a fallback font may show ✉ or ⚙ as colour
emoji, or not at all). White on every tile colour is at least 7:1.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

from kiosk.core.resources import resource_path
from kiosk.ui import theme

ICON_FOLDER = "assets/icons/apps"

APP_ICONS = {
    "でんわ": "phone",
    "メール": "mail",
    "カメラ": "camera",
    "しゃしん": "photos",
    "ちず": "map",
    "てんき": "weather",
    "おんがく": "music",
    "とけい": "clock",
    "でんたく": "calculator",
    "メモ": "memo",
    "ニュース": "news",
    "せってい": "settings",
    "ラジオ": "radio",
    "カレンダー": "calendar",
    "ゲーム": "game",
    "ほん": "book",
    "おふろ": "bath",
    "りょこう": "travel",
    "けんこう": "health",
    "はさみ": "scissors",
    "にこにこ": "smile",
    "いえ": "home",
    "はた": "flag",
    "でんぴょう": "receipt",
    "マイナポータル": "mynaportal",
}
"""App name (as shown under the icon) → picture file name without ``.svg``."""

TILE_COLOURS = (
    "#0b3d91",
    "#14532d",
    "#7c2d12",
    "#581c87",
    "#3d4450",
    "#8b1a1a",
    "#004d40",
    "#6d3a00",
    "#880e4f",
    "#1a237e",
)
"""Tile colours; white on each is at least 7:1."""
TILE_INK = "#ffffff"


@cache
def _renderer(key: str) -> QSvgRenderer | None:
    renderer = QSvgRenderer(str(resource_path(f"{ICON_FOLDER}/{key}.svg")))
    return renderer if renderer.isValid() else None


def has_picture(name: str) -> bool:
    """Whether the app ``name`` has its own picture (else its first character is shown)."""
    key = APP_ICONS.get(name)
    return key is not None and _renderer(key) is not None


def tile_colour(index: int) -> str:
    """The colour of the ``index``-th tile on a home screen."""
    return TILE_COLOURS[index % len(TILE_COLOURS)]


def paint_app_icon(
    painter: QPainter, tile: QRectF, name: str, colour: str, *, pressed: bool = False
) -> None:
    """A rounded tile of ``colour`` with the app's white picture (or its first character)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(tile.width(), tile.height())
    fill = QColor(colour).darker(140) if pressed else QColor(colour)
    painter.setPen(QPen(QColor(theme.INK), 4) if pressed else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(tile, side * 0.22, side * 0.22)
    key = APP_ICONS.get(name)
    renderer = _renderer(key) if key is not None else None
    if renderer is not None:
        inset = side * 0.16
        renderer.render(painter, tile.adjusted(inset, inset, -inset, -inset))
    else:
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(max(6, round(side * 0.45)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(TILE_INK))
        painter.drawText(tile, Qt.AlignmentFlag.AlignCenter, name[:1])
    painter.restore()
