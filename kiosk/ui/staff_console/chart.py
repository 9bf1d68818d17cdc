"""Bar charts drawn with QPainter: every bar carries its number in words, so no colour is needed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui import theme

MIN_CHART_PT = 14.0  # below this the numbers on a crowded chart stop being readable
MIN_NOTE_PT = 12.0  # month names and counts under the bars, on the most crowded chart
NO_DATA = "―"


@dataclass(frozen=True)
class Bar:
    """One bar: its label under the axis, its value (None: no data) and the text drawn on it."""

    label: str
    value: float | None
    value_text: str
    note: str = ""
    group: str = ""  # e.g. the year, drawn once where it changes


class _ChartBase(QWidget):
    def __init__(self, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._description = description
        self.bars: list[Bar] = []
        self.notes_drawn = False
        self._point_size: float = theme.BODY_PT
        self.setAccessibleName(description)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_point_size(self, points: float) -> None:
        """Follow the text size (the theme's body size)."""
        self._point_size = points
        self._resize()

    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Show ``bars`` (also described in words for screen readers)."""
        self.bars = list(bars)
        summary = "、".join(f"{b.group}{b.label} {b.value_text}" for b in self.bars)
        self.setAccessibleDescription(f"{self._description}: {summary}")
        self._resize()
        self.update()

    def value_texts(self) -> list[str]:
        """The numbers written on the chart, in order (what a reader sees)."""
        return [b.value_text for b in self.bars]

    def _font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(theme.FONT_FAMILY)
        font.setPointSizeF(max(MIN_CHART_PT, self._point_size * scale))
        font.setBold(bold)
        return font

    def _resize(self) -> None:
        self.setFixedHeight(math.ceil(self._wanted_height()))
        self.updateGeometry()

    def _wanted_height(self) -> float:
        raise NotImplementedError

    def sizeHint(self) -> QSize:
        return QSize(400, math.ceil(self._wanted_height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, math.ceil(self._wanted_height()))


class ColumnChart(_ChartBase):
    """Vertical bars (one per month) with an optional labelled target line.

    ``maximum`` fixes the top of the scale (1.0 for a rate); without it the
    scale fits the largest bar.
    """

    def __init__(
        self,
        description: str,
        *,
        maximum: float | None = None,
        target: tuple[float, str] | None = None,
        percent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(description, parent)
        self.maximum = maximum
        self.target = target
        self.percent = percent
        self.value_rows = 1  # rows of numbers under the bars: two when they are crowded
        self._resize()

    def _line(self) -> float:
        return QFontMetricsF(self._font()).height()

    def _wanted_height(self) -> float:
        line = self._line()
        # the plot, then month, number, count and year under it
        return line * 12

    def _scale_top(self) -> float:
        if self.maximum is not None:
            return self.maximum
        largest = max((b.value or 0.0 for b in self.bars), default=0.0)
        if largest <= 0:
            return 1.0
        magnitude = 10 ** math.floor(math.log10(largest))
        for step in (1, 2, 2.5, 5, 10):
            if largest <= step * magnitude:
                return float(step * magnitude)
        return largest

    def _tick_text(self, value: float) -> str:
        return f"{value * 100:.0f}%" if self.percent else f"{value:g}"

    def _fitting_font(self, base: QFont, texts: list[str], width: float, floor: float) -> QFont:
        """``base`` made smaller, never below ``floor`` pt, until every text fits ``width``."""
        widest = max((QFontMetricsF(base).horizontalAdvance(t) for t in texts), default=0.0)
        font = QFont(base)
        if widest > width > 0:
            font.setPointSizeF(max(floor, base.pointSizeF() * width / widest))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.PAPER))
        ink = QColor(theme.INK)
        font = self._font()
        metrics = QFontMetricsF(font)
        line = metrics.height()
        top_value = self._scale_top()
        ticks = [0.0, top_value / 2, top_value]
        axis_width = max(metrics.horizontalAdvance(self._tick_text(t)) for t in ticks) + line * 0.4
        # The target's label sits right of the plot, level with its line, clear of every bar.
        bold = self._font(bold=True)
        target_width = 0.0
        if self.target is not None:
            target_width = QFontMetricsF(bold).horizontalAdvance(self.target[1]) + line * 0.8
        plot_left = axis_width
        plot_width = self.width() - axis_width - target_width - line * 0.3
        slot = plot_width / max(1, len(self.bars))

        # Crowded charts (many months at 特大) shrink the text under and over the bars,
        # numbers and labels separately, rather than letting them run into each other.
        value_font = self._fitting_font(
            bold, [b.value_text or NO_DATA for b in self.bars], slot * 0.85, MIN_CHART_PT
        )
        label_font = self._fitting_font(
            font, [b.label for b in self.bars], slot * 0.85, MIN_NOTE_PT
        )
        notes = [b.note for b in self.bars if b.note]
        note_font = self._fitting_font(label_font, notes, slot * 0.85, MIN_NOTE_PT)
        # Notes too long for their bar even at the smallest size are left to the table
        # under the chart rather than drawn on top of each other.
        self.notes_drawn = bool(notes) and all(
            QFontMetricsF(note_font).horizontalAdvance(n) <= slot for n in notes
        )
        value_line = QFontMetricsF(value_font).height()
        label_line = QFontMetricsF(label_font).height()
        # Numbers still too wide at the smallest size (a year of 4-digit counts on A4) take
        # two rows, every other bar's on the second: each then has two bars' width.
        widest = max(
            (
                QFontMetricsF(value_font).horizontalAdvance(b.value_text or NO_DATA)
                for b in self.bars
            ),
            default=0.0,
        )
        self.value_rows = 2 if widest > slot * 0.9 else 1
        # Under the axis, one row each: month, number(s), (note), (year). The numbers live
        # there rather than on the bars, so the target line is never hidden behind them.
        has_group = any(b.group for b in self.bars)
        under = label_line * (1 + self.notes_drawn + has_group) + value_line * self.value_rows + 8
        top = line * 0.7
        plot = QRectF(plot_left, top, plot_width, self.height() - top - under)

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * min(value, top_value) / top_value

        # Scale: three labelled grid lines.
        painter.setFont(font)
        for tick in ticks:
            y = y_of(tick)
            painter.setPen(QPen(QColor(theme.SOFT_PAPER).darker(140), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            painter.drawText(
                QRectF(0, y - line / 2, axis_width - line * 0.3, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._tick_text(tick),
            )

        # A group (year) is named under the bar where it starts; a name that would run
        # into the next one is left out (the next group's name shows where it starts).
        starts = [
            i
            for i, b in enumerate(self.bars)
            if b.group and (i == 0 or b.group != self.bars[i - 1].group)
        ]
        label_metrics = QFontMetricsF(label_font)
        named: set[int] = set()
        for n, i in enumerate(starts):
            room = (starts[n + 1] - i) * slot if n + 1 < len(starts) else self.width()
            if label_metrics.horizontalAdvance(self.bars[i].group) < room - 4:
                named.add(i)

        centre = Qt.AlignmentFlag.AlignCenter
        for index, bar in enumerate(self.bars):
            x = plot.left() + slot * index
            if bar.value is not None:
                y = y_of(bar.value)
                width = slot * 0.6
                painter.setPen(QPen(ink, 2))
                painter.setBrush(QColor(theme.PRIMARY))
                painter.drawRect(QRectF(x + (slot - width) / 2, y, width, plot.bottom() - y))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(ink)
            below = plot.bottom() + 4
            painter.setFont(label_font)
            painter.drawText(QRectF(x, below, slot, label_line), centre, bar.label)
            below += label_line
            painter.setFont(value_font)
            rows, row = self.value_rows, index % self.value_rows
            place = QRectF(
                x - slot * (rows - 1) / 2, below + value_line * row, slot * rows, value_line
            )
            painter.drawText(place, centre, bar.value_text or NO_DATA)
            below += value_line * self.value_rows
            if bar.note and self.notes_drawn:
                painter.setFont(note_font)
                painter.drawText(QRectF(x, below, slot, label_line), centre, bar.note)
            if self.notes_drawn:
                below += label_line
            if index in named:
                painter.setFont(label_font)
                painter.drawText(
                    QRectF(x, below, self.width() - x, label_line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    bar.group,
                )

        # Axis line.
        painter.setPen(QPen(ink, 2))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

        if self.target is not None:
            value, label = self.target
            y = y_of(value)
            painter.setPen(QPen(QColor(theme.FOCUS), 4, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setFont(bold)
            box = QRectF(plot.right() + line * 0.3, y - line * 0.6, target_width, line * 1.2)
            painter.setPen(QPen(ink, 2))
            painter.drawRect(box)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class RowChart(_ChartBase):
    """Horizontal bars, one per row with its name on the left and its count on the right.

    When a name would take more than ``LABEL_SHARE`` of the width (a rehearsal's long
    title), every name gets its own line above its bar instead of being cut short.
    ``maximum`` fixes the full length of a bar (1.0 for a rate); without it the
    longest bar fills the space.
    """

    LABEL_SHARE = 0.45

    def __init__(
        self, description: str, *, maximum: float | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(description, parent)
        self.maximum = maximum

    def _row_height(self) -> float:
        return QFontMetricsF(self._font()).height() * 1.4

    def _label_space(self, metrics: QFontMetricsF) -> float:
        return max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0.0) + (
            self._row_height() * 0.4
        )

    def stacked(self) -> bool:
        """True when the names are too long to sit beside their bars at this width."""
        metrics = QFontMetricsF(self._font())
        return self._label_space(metrics) > self.width() * self.LABEL_SHARE

    def _wanted_height(self) -> float:
        lines = max(1, len(self.bars)) * (2 if self.bars and self.stacked() else 1)
        return self._row_height() * lines + 4

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize()  # a narrower chart may need the names above their bars

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.PAPER))
        ink = QColor(theme.INK)
        font = self._font()
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        row = self._row_height()
        if not self.bars:
            painter.setPen(ink)
            painter.drawText(
                QRectF(0, 0, self.width(), row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "まだ ありません。",
            )
            painter.end()
            return
        stacked = self.stacked()
        label_width = 0.0 if stacked else self._label_space(metrics)
        value_width = max(metrics.horizontalAdvance(b.value_text) for b in self.bars) + row * 0.4
        bar_space = max(10.0, self.width() - label_width - value_width)
        largest = self.maximum or max((b.value or 0.0 for b in self.bars), default=0.0) or 1.0
        for index, bar in enumerate(self.bars):
            painter.setPen(ink)
            if stacked:
                y = index * row * 2
                painter.drawText(
                    QRectF(0, y, self.width(), row),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    bar.label,
                )
                y += row
            else:
                y = index * row
                painter.drawText(
                    QRectF(0, y, label_width - row * 0.4, row),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    bar.label,
                )
            length = bar_space * (bar.value or 0.0) / largest
            if length > 0:
                painter.setPen(QPen(ink, 2))
                painter.setBrush(QColor(theme.PRIMARY))
                painter.drawRect(QRectF(label_width, y + row * 0.2, length, row * 0.6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(ink)
            painter.drawText(
                QRectF(label_width + length + row * 0.2, y, value_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.value_text,
            )
        painter.end()
