"""The home screen is the first thing a visitor sees: it never needs scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea

from kiosk.ui.home import HomeScreen
from tests.ui.journey import PANELS, SIZES, Panel


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
def test_home_fits_the_window_at_every_text_size(
    make_kiosk: Any, qtbot: Any, panel: Panel, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height))
    home = kiosk.window.findChildren(HomeScreen)[0]
    area = home.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    shown: dict[tuple[bool, str], bool] = {}
    for visit_open in (False, True):  # with a visit open, おわる is there too
        monkeypatch.setattr(kiosk.services.attendance, "visit_open", lambda v=visit_open: v)
        home.on_shown()
        for size in (*SIZES, SIZES[0]):
            kiosk.sessions.current.set_text_size(size)
            qtbot.wait(20)
            tag = f"{panel.name} {size} visit={visit_open}"
            assert area.verticalScrollBar().maximum() == 0, tag
            seen = QRect(
                area.viewport().mapToGlobal(area.viewport().rect().topLeft()),
                area.viewport().size(),
            )
            widgets = [*home.tiles.values(), home.greeting]
            if visit_open:
                widgets.append(home.finish_button)
            for widget in widgets:
                box = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
                assert seen.contains(box), f"{tag}: {widget.accessibleName()} is cut off"
            shown[visit_open, size] = home.explanations_shown()
    # The explanations go only where there is no room for them, and come back after.
    assert shown[False, "標準"]
    if panel.width == 1920:
        assert all(shown.values())
    else:
        assert not shown[False, "特大"]
