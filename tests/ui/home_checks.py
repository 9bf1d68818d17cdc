"""What both home-screen drills (long press, swipe) promise about their phone's apps."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFontMetricsF

from kiosk.ui.practice.home import HomeView
from kiosk.ui.theme import BODY_PT, SPACING_MM, TARGET_MM, TEXT_SCALES
from tests.ui.journey import Panel


def check_home_page(pad: HomeView, panel: Panel, size: str, names: Sequence[str]) -> None:
    """The apps ``names`` of one home page, in cell order, read and press easily."""
    font = pad.label_font()
    # The names read as easily as the words beside the phone.
    assert font.pointSizeF() >= BODY_PT * TEXT_SCALES[size]
    metrics = QFontMetricsF(font)
    cells = pad.cells()
    for index, name in enumerate(names):
        cell = cells[index]
        # The name stays inside its own cell, clear of the next one's.
        assert metrics.horizontalAdvance(name) <= cell.width() - panel.mm(SPACING_MM), name
        assert min(cell.width(), cell.height()) >= panel.mm(TARGET_MM), name
        # The picture is big enough to tell what the app is.
        assert pad.icon_rect(index).width() >= panel.mm(TARGET_MM), name
        # The whole page fits the phone's screen.
        assert pad.rect().toRectF().contains(cell), name
