"""QR codes for the learner's own phone: made with ``qrcode`` (no PIL), drawn crisp by Qt."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4
"""Modules of white border around the code, as the QR standard asks."""
MIN_SCALE = 8
"""Pixels per module at least: big enough for old phone cameras from arm's length."""

Matrix = list[list[bool]]


def qr_matrix(text: str) -> Matrix:
    """The modules of a QR code for ``text`` (error correction M), quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


def qr_image(text: str, scale: int = MIN_SCALE) -> QImage:
    """The QR code as a black-on-white image, ``scale`` pixels per module (at least 8)."""
    if scale < MIN_SCALE:
        raise ValueError(f"a QR module must be at least {MIN_SCALE} px, not {scale}")
    matrix = qr_matrix(text)
    side = len(matrix) * scale
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    draw_matrix(painter, QRectF(0, 0, side, side), matrix)
    painter.end()
    return image


def draw_matrix(painter: QPainter, rect: QRectF, matrix: Matrix) -> None:
    """Paint ``matrix`` into the square ``rect``: white background, black modules.

    Runs of dark modules in a row are one rectangle, so a PDF holds a few hundred
    shapes instead of thousands and printers draw no hairlines between modules.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(rect, QColor("#ffffff"))
    count = len(matrix)
    module = min(rect.width(), rect.height()) / count
    black = QColor("#000000")
    for y, row in enumerate(matrix):
        x = 0
        while x < count:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < count and row[x]:
                x += 1
            painter.fillRect(
                QRectF(
                    rect.left() + start * module,
                    rect.top() + y * module,
                    (x - start) * module,
                    module,
                ),
                black,
            )
    painter.restore()


class QrCodeView(QWidget):
    """Shows a QR code at a whole number of pixels per module (never blurred by scaling)."""

    def __init__(self, text: str, *, scale: int = MIN_SCALE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._scale = max(MIN_SCALE, scale)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        """Show a QR code for ``text``."""
        self._text = text
        self._image = qr_image(text, self._scale)
        self.setFixedSize(self._image.size())
        self.update()

    def text(self) -> str:
        """What the code holds (the URL)."""
        return self._text

    def image(self) -> QImage:
        """The code exactly as drawn on screen."""
        return self._image

    def module_px(self) -> int:
        """Pixels per module."""
        return self._scale

    def sizeHint(self) -> QSize:
        return self._image.size()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(0, 0, self._image)
        painter.end()
