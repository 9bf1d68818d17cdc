"""The shop's multi-copy machine in a rehearsal: a landscape touch screen with big tiles."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from test_procedure_player import SHOP, open_player

from kiosk.ui.procedures.mock import MACHINE_RATIO, MockButton


@pytest.mark.parametrize("size", ["標準", "特大"])
def test_the_machine_is_landscape_with_menu_tiles_two_to_a_row(
    make_kiosk: Any, qtbot: Any, size: str
) -> None:
    kiosk = make_kiosk()
    kiosk.sessions.current.set_text_size(size)
    player = open_player(kiosk, qtbot, SHOP)
    player.go_to_step(0)
    qtbot.wait(20)
    view = player.view
    assert view is not None
    assert view.mock_screen.device == "machine"
    display = view.display
    assert display.width() > display.height() >= display.width() * MACHINE_RATIO - 1
    tiles = [w for _, w in view.all_widgets if isinstance(w, MockButton)]
    assert [t.style_name for t in tiles] == ["tile", "tile", "tile"]
    first, second, third = tiles
    if size == "標準":
        assert first.y() == second.y()
        assert first.x() < second.x()
        assert third.y() > first.y()
    else:  # at 特大 the words need the whole width: one tile to a row
        assert first.x() == second.x() == third.x()
        assert first.y() < second.y() < third.y()
    for tile, other in pairwise(tiles):
        assert not tile.geometry().intersects(other.geometry())
    target = kiosk.theme.target_px
    for tile in tiles:
        assert tile.height() >= round(target * 1.6)
        label = tile.label
        # The words inside the tile, never narrower than their longest unbreakable word.
        assert label.x() >= 0
        assert label.x() + label.width() <= tile.width()
        assert label.width() >= label.minimumSizeHint().width()


def test_a_text_size_switch_rearranges_the_tiles(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot, SHOP)
    player.go_to_step(0)
    view = player.view
    assert view is not None
    first, second, _ = [w for _, w in view.all_widgets if isinstance(w, MockButton)]
    qtbot.wait(20)
    assert first.y() == second.y()
    kiosk.sessions.current.set_text_size("特大")
    qtbot.wait(20)
    assert first.x() == second.x()
    assert first.y() < second.y()
