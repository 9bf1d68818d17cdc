"""The device around a mock screen: its size and the body painted around the display."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from kiosk.ui.procedures.mock.style import (
    LINE,
    MACHINE_BODY,
    PHONE_BODY,
    REMOTE_BODY,
    SCREEN_PAPER,
    TV_BODY,
)

DEVICE_WIDTH = {"phone": 440, "machine": 560, "tv": 560}
"""Mock device widths in px: a phone in portrait, a landscape shop machine, a TV."""
MACHINE_RATIO = 10 / 16
"""A shop machine's touch screen is landscape: at least this high for its width."""
PHONE_MIN_RATIO = 1.25
MACHINE_SHARE = 0.46
"""On a rehearsal page, a shop machine takes this share of the page's width, the
narration the rest: big tiles, and the words beside them still at the learner's size."""
LANDSCAPE_PX = 560
"""A machine at least this wide lays out its screen in two columns where it helps."""

# Body margins around the display, in px: left, top, right, bottom.
BEZEL = {"phone": (14, 34, 14, 30), "machine": (22, 22, 22, 26), "tv": (16, 16, 16, 16)}


def device_width(device: str, page_width: int) -> int:
    """How wide a device is drawn on a page ``page_width`` px wide: a phone or TV at its
    own size, a shop machine (a big landscape touch screen) at a share of the page."""
    if device != "machine":
        return DEVICE_WIDTH[device]
    return max(DEVICE_WIDTH["machine"], round(page_width * MACHINE_SHARE))


def paint_device(
    painter: QPainter, device: str, body: QRectF, display: QRectF, remote: QRectF | None
) -> None:
    """Paint a phone, shop machine or TV (with its remote) around ``display``."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if device == "tv":
        _paint_tv(painter, display, remote)
        return
    body = body.adjusted(2, 2, -2, -2)
    colour = PHONE_BODY if device == "phone" else MACHINE_BODY
    painter.setPen(QPen(QColor("#000000"), 2))
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(body, 36 if device == "phone" else 16, 36 if device == "phone" else 16)
    if device == "phone":
        slot = QRectF(0, 0, body.width() * 0.22, 8)
        slot.moveCenter(QPointF(body.center().x(), body.top() + 17))
        painter.setBrush(QColor("#555b66"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(slot, 4, 4)
    painter.fillRect(display, QColor(SCREEN_PAPER))


def _paint_tv(painter: QPainter, display: QRectF, remote: QRectF | None) -> None:
    body = display.adjusted(-14, -14, 14, 14)
    painter.setPen(QPen(QColor("#000000"), 2))
    painter.setBrush(QColor(TV_BODY))
    painter.drawRoundedRect(body, 10, 10)
    painter.fillRect(display, QColor(SCREEN_PAPER))
    if remote is not None:
        painter.setPen(QPen(QColor(LINE), 3))
        painter.setBrush(QColor(REMOTE_BODY))
        painter.drawRoundedRect(remote, 28, 28)
