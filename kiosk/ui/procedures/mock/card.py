"""The card-reading prompt of a mock screen: a My Number card held to a phone or laid on
a shop machine's reader."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QVBoxLayout,
)

from kiosk.core import mock_elements as el
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.procedures.mock.buttons import LaidOutButton
from kiosk.ui.procedures.mock.style import (
    LINE,
    MACHINE_BODY,
    PHONE_BODY,
    SOFT_LINE,
    pen,
    words,
)


class MockCard(LaidOutButton):
    """The card-reading prompt: a card held to the phone's back, or laid on the reader."""

    element: el.CardReader

    def __init__(
        self, element: el.CardReader, text: str, target_px: int, *, display: Display
    ) -> None:
        super().__init__(element, text, target_px)
        self._picture = round(target_px * 2.2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, self._picture + 12, 8, 8)
        self.label = words(text, center=True, display=display)
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
        painter.setPen(pen(theme.PRIMARY, 4, round_caps=True))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for radius in (10, 20, 30):
            painter.drawArc(
                QRectF(at.x() - radius, at.y() - radius, radius * 2, radius * 2), -30 * 16, 120 * 16
            )
