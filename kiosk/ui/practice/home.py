"""The simulated phone home screen: pages of large app icons, page dots and a long-press menu."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.core.gestures import Target
from kiosk.core.runs.completion import Clock
from kiosk.ui import theme
from kiosk.ui.practice.phone import (
    SIMPLE_COLUMNS,
    SIMPLE_ROWS,
    AppIcon,
    draw_app_icon,
    draw_status_bar,
    home_cells,
    icon_square,
    label_font,
    phone_font,
    status_height,
)
from kiosk.ui.practice.touch import TouchPad

# What the long-press menu offers, as on a real phone (painted only: the drill is about the
# press, not the menu).
MENU_ITEMS = ("ひらく", "おくる", "うごかす")
RING_COLOUR = QColor(11, 61, 145)

# A page is a list of apps, or None for the page with the big clock and the weather.
Page = Sequence[AppIcon] | None


class HomeView(TouchPad):
    """Paints home pages side by side; ``offset`` slides them while a finger drags."""

    # A phone's simple mode: six big apps a page, their names at the learner's body size.
    columns = SIMPLE_COLUMNS
    rows = SIMPLE_ROWS
    label_pt = theme.BODY_PT

    def __init__(self, pages: Sequence[Page], clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent, clock=clock)
        self.home_pages = list(pages)
        self._names = tuple(app.name for apps in pages if apps is not None for app in apps)
        self.page = 0
        self.offset = 0.0
        self.scale = 1.0
        self.pressed_cell: int | None = None
        self.menu_cell: int | None = None
        self.hold_point: QPointF | None = None
        self.hold_progress = 0.0

    # Geometry --------------------------------------------------------------------------
    def cells(self) -> list[QRectF]:
        return home_cells(
            float(self.width()),
            float(self.height()),
            status_height(self.scale),
            self.columns,
            self.rows,
            dots=len(self.home_pages) > 1,
        )

    def label_font(self) -> QFont:
        """The font of the app names: as large as asked, as long as each fits its cell."""
        width = round(self.width() / self.columns) - 6
        return label_font(self.scale, width, self._names, self.label_pt)

    def cell_at(self, pos: QPointF) -> int | None:
        """The index of the app cell under ``pos`` on the current page, if any."""
        apps = self.home_pages[self.page]
        for i, cell in enumerate(self.cells()):
            if apps is not None and i < len(apps) and cell.contains(pos):
                return i
        return None

    def cell_of(self, name: str) -> int:
        """The cell index of the app called ``name`` on the current page."""
        apps = self.home_pages[self.page] or ()
        return [app.name for app in apps].index(name)

    def icon_rect(self, index: int) -> QRectF:
        return icon_square(self.cells()[index], self.label_font())

    def cell_target(self, index: int) -> Target:
        """The app's cell in millimetres, for the core rules (a phone reacts to the whole cell)."""
        cell = self.cells()[index]
        return Target(
            self.px_to_mm(cell.center().x()),
            self.px_to_mm(cell.center().y()),
            self.px_to_mm(cell.width()),
            self.px_to_mm(cell.height()),
        )

    # Painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = float(self.width())
        draw_status_bar(painter, width, status_height(self.scale), self.scale)
        for index in (self.page - 1, self.page, self.page + 1):
            if 0 <= index < len(self.home_pages):
                x = (index - self.page) * width + self.offset
                if -width < x < width:
                    painter.save()
                    painter.translate(x, 0)
                    self._paint_page(painter, index)
                    painter.restore()
        self._paint_dots(painter)
        if self.hold_point is not None and self.hold_progress > 0:
            self._paint_hold_ring(painter)
        if self.menu_cell is not None:
            self._paint_menu(painter, self.menu_cell)
        painter.end()

    def _paint_page(self, painter: QPainter, index: int) -> None:
        apps = self.home_pages[index]
        if apps is None:
            self._paint_clock_page(painter)
            return
        label = self.label_font()
        for i, (cell, app) in enumerate(zip(self.cells(), apps, strict=False)):
            pressed = index == self.page and i == self.pressed_cell
            draw_app_icon(painter, cell, app, label, pressed=pressed)

    def _paint_clock_page(self, painter: QPainter) -> None:
        top = status_height(self.scale)
        area = QRectF(0, top, self.width(), (self.height() - top) * 0.45)
        painter.setPen(QColor(theme.INK))
        painter.setFont(phone_font(44 * min(self.scale, 1.2), bold=True))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "10:00")
        below = QRectF(0, area.bottom(), self.width(), area.height() * 0.5)
        font = phone_font(18 * self.scale)
        painter.setFont(font)
        words = "きょうは はれ"
        metrics = QFontMetricsF(font)
        sun = metrics.height()
        width = metrics.horizontalAdvance(words) + sun * 1.5
        left = below.center().x() - width / 2
        painter.drawText(
            QRectF(left, below.top(), width - sun * 1.5, below.height()),
            Qt.AlignmentFlag.AlignCenter,
            words,
        )
        # The sun is drawn, not a ☀ from a font (Windows may show that as a colour emoji).
        _paint_sun(painter, QPointF(left + width - sun / 2, below.center().y()), sun / 2)

    def _paint_dots(self, painter: QPainter) -> None:
        count = len(self.home_pages)
        if count < 2:
            return
        radius = 7.0
        gap = 26.0
        y = self.height() - 22.0
        x0 = self.width() / 2 - gap * (count - 1) / 2
        for i in range(count):
            centre = QPointF(x0 + i * gap, y)
            painter.setPen(QPen(QColor(theme.INK), 2))
            # Filled and bigger for the page shown: shape, not colour alone.
            current = i == self.page
            painter.setBrush(QColor(theme.INK) if current else Qt.BrushStyle.NoBrush)
            r = radius * 1.3 if current else radius
            painter.drawEllipse(centre, r, r)

    def _paint_hold_ring(self, painter: QPainter) -> None:
        assert self.hold_point is not None
        radius = self.mm_to_px(8)
        rect = QRectF(
            self.hold_point.x() - radius, self.hold_point.y() - radius, radius * 2, radius * 2
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(RING_COLOUR.red(), RING_COLOUR.green(), 145, 70), 8))
        painter.drawEllipse(rect)
        painter.setPen(QPen(RING_COLOUR, 8))
        painter.drawArc(rect, 90 * 16, -round(360 * 16 * min(1.0, self.hold_progress)))

    def menu_font(self) -> QFont:
        """The menu's font: the body size of the learner's text size (the menu is what a
        learner reads once the press worked), smaller only if a line would be wider
        than the phone."""
        size = theme.BODY_PT * self.scale
        font = phone_font(size)
        while size > 9 and self._menu_text_width(font) + 40 > self.width() - 16:
            size -= 1
            font = phone_font(size)
        return font

    @staticmethod
    def _menu_text_width(font: QFont) -> float:
        metrics = QFontMetricsF(font)
        return max(metrics.horizontalAdvance(item) for item in MENU_ITEMS)

    def menu_rect(self, index: int) -> QRectF:
        """Where the long-press menu opens: under the icon, or above it near the bottom."""
        icon = self.icon_rect(index)
        font = self.menu_font()
        row = QFontMetricsF(font).height() * 1.7
        height = row * len(MENU_ITEMS) + 16
        width = min(self.width() - 16.0, self._menu_text_width(font) + 40)
        left = min(max(8.0, icon.center().x() - width / 2), self.width() - width - 8)
        top = icon.bottom() + 8
        if top + height > self.height() - 8:
            top = icon.top() - height - 8
        return QRectF(left, top, width, height)

    def _paint_menu(self, painter: QPainter, index: int) -> None:
        rect = self.menu_rect(index)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 60))
        painter.drawRoundedRect(rect.translated(4, 5), 14, 14)
        painter.setPen(QPen(QColor(theme.INK), 2))
        painter.setBrush(QColor(theme.PAPER))
        painter.drawRoundedRect(rect, 14, 14)
        painter.setFont(self.menu_font())
        row = (rect.height() - 16) / len(MENU_ITEMS)
        for i, item in enumerate(MENU_ITEMS):
            line = QRectF(rect.left() + 16, rect.top() + 8 + i * row, rect.width() - 24, row)
            painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, item)
            if i:
                painter.setPen(QPen(QColor("#8a8a8a"), 1))
                painter.drawLine(
                    QPointF(rect.left() + 8, line.top()), QPointF(rect.right() - 8, line.top())
                )
                painter.setPen(QPen(QColor(theme.INK), 2))


def _paint_sun(painter: QPainter, centre: QPointF, radius: float) -> None:
    """A sun of ``radius``: a disc and eight rays, in the ink colour."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor(theme.INK)
    painter.setBrush(ink)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(centre, radius * 0.45, radius * 0.45)
    ray = QPen(ink, max(1.5, radius * 0.14))
    ray.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(ray)
    for step in range(8):
        painter.save()
        painter.translate(centre)
        painter.rotate(step * 45)
        painter.drawLine(QPointF(radius * 0.65, 0), QPointF(radius, 0))
        painter.restore()
    painter.restore()
