"""「▼ したに つづきが あります」: a floating cue that words continue below, tap to scroll."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.ui import theme
from kiosk.ui.theme import Theme

CUE = "▼ したに つづきが あります"


class MoreBelowCue(QWidget):
    """Floats over the bottom of ``area`` while part of its content is below the fold.

    People who have never used a scroll bar do not know words are hidden below; the cue
    says so and scrolls when tapped. It is not a push button: it may overlap content.
    """

    def __init__(self, area: QScrollArea, kiosk_theme: Theme) -> None:
        super().__init__(area)
        self.area = area
        self.kiosk_theme = kiosk_theme
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(CUE)
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self.refresh)
        bar.rangeChanged.connect(self.refresh)
        area.installEventFilter(self)
        self.setVisible(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() == QEvent.Type.Resize:
            self.refresh()
        return False

    def _font(self) -> QFont:
        font = QFont(theme.FONT_FAMILY)
        # It covers a strip of the words: big enough to notice, never as big as 特大 text.
        font.setPointSizeF(min(self.kiosk_theme.body_pt(), theme.BODY_PT * 1.2))
        font.setBold(True)
        return font

    def refresh(self, *_args: object) -> None:
        """Show the cue (at the current text size) only while something is hidden below."""
        bar = self.area.verticalScrollBar()
        # A few pixels of margin or box outline below the fold hide no words: no cue then.
        hidden_below = bar.maximum() - bar.value() > 2 * self.kiosk_theme.spacing_px
        if hidden_below:
            metrics = QFontMetrics(self._font())
            pad = self.kiosk_theme.spacing_px * 2
            width = metrics.horizontalAdvance(CUE) + 2 * pad
            height = max(self.kiosk_theme.target_px, metrics.height() + pad)
            port = self.area.viewport().geometry()
            self.setGeometry(
                port.center().x() - width // 2, port.bottom() - height - 8, width, height
            )
            self.raise_()
        self.setVisible(hidden_below)

    def is_showing(self) -> bool:
        return not self.isHidden()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        bar = self.area.verticalScrollBar()
        bar.setValue(bar.value() + round(bar.pageStep() * 0.8))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PRIMARY))
        radius = self.height() / 2
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        painter.setPen(QColor(theme.PRIMARY_INK))
        painter.setFont(self._font())
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, CUE)
        painter.end()
