"""The shop's multi-copy machine in a rehearsal: a landscape touch screen with big tiles."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from journey import PANELS, Journey, Panel, settle
from test_procedure_player import SHOP, click_target, open_player

from kiosk.core.config import Config
from kiosk.ui.procedures.mock import MACHINE_RATIO, MockButton
from kiosk.ui.procedures.mock.buttons import TILE_HEIGHT
from kiosk.ui.procedures.mock.keys import PinKey
from kiosk.ui.theme import SPACING_MM, TARGET_MM


def _tiles(player: Any) -> list[MockButton]:
    view = player.view
    assert view is not None
    return [w for _, w in view.all_widgets if isinstance(w, MockButton)]


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
@pytest.mark.parametrize("size", ["標準", "大", "特大"])
def test_every_machine_screen_is_a_wide_landscape_panel_with_big_tiles(
    make_kiosk: Any, qtbot: Any, panel: Panel, size: str
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height), config=Config(text_size=size))
    journey = Journey(kiosk, panel)
    player = open_player(kiosk, qtbot, SHOP)
    player.start()
    smallest, gap = panel.mm(TARGET_MM), panel.mm(SPACING_MM)
    while player.page == "step":
        settle()
        view = player.view
        assert view is not None
        assert view.mock_screen.device == "machine"
        display = view.display
        where = f"{panel.name} {size} step {player.run.step_index + 1}"
        # Landscape, as the real machine, and most of the page wide (not a small device).
        assert display.width() > display.height() >= display.width() * MACHINE_RATIO - 1, where
        assert view.width() >= player.width() * 0.4, where
        keys = [*view.findChildren(PinKey), *_tiles(player)]
        for key in keys:
            assert min(key.width(), key.height()) >= smallest, (where, key.text())
        for tile in _tiles(player):  # the words of a tile on one line, never cut in a word
            label = tile.label
            assert label.heightForWidth(label.width()) == label.heightForWidth(10_000), (
                where,
                tile.text(),
            )
        for one, other in pairwise(keys):
            a, b = one.geometry(), other.geometry()
            if one.parentWidget() is other.parentWidget():
                apart = max(b.left() - a.right(), a.left() - b.right(), b.top() - a.bottom())
                apart = max(apart, a.top() - b.bottom()) - 1
                assert apart >= gap, (where, one.text(), other.text(), apart)
        # The whole machine is in sight: no scrolling to reach a tile.
        assert journey.fully_visible(view), (where, journey.visible_rect(view), view.size())
        click_target(player, qtbot)


def test_menu_tiles_stand_side_by_side_as_on_the_real_machine(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk(size=(1920, 1080))
    player = open_player(kiosk, qtbot, SHOP)
    player.go_to_step(0)
    settle()
    tiles = _tiles(player)
    assert [t.style_name for t in tiles] == ["tile", "tile", "tile"]
    assert len({t.y() for t in tiles}) == 1  # one row of three
    assert [t.x() for t in tiles] == sorted(t.x() for t in tiles)
    target = kiosk.theme.target_px
    for tile in tiles:
        assert tile.height() >= round(target * TILE_HEIGHT)
        label = tile.label
        assert label.x() >= 0
        assert label.x() + label.width() <= tile.width()
        assert label.width() >= label.minimumSizeHint().width()


def test_the_pin_pad_stands_beside_the_words(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk(size=(1366, 768), config=Config(text_size="特大"))
    player = open_player(kiosk, qtbot, SHOP)
    player.start()
    while player.current_step is not None and player.current_step.pin_pad is None:
        click_target(player, qtbot)
    settle()
    view = player.view
    assert view is not None
    step = player.current_step
    assert step is not None
    assert step.pin_pad is not None
    pad = view.pin_pad(step.pin_pad.id)
    assert pad is not None
    text = next(w for e, w in view.all_widgets if e.type == "text")
    assert text.geometry().right() < pad.mapTo(text.parentWidget(), pad.rect().topLeft()).x()


def test_a_text_size_switch_rearranges_the_tiles(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk(size=(1920, 1080))
    player = open_player(kiosk, qtbot, SHOP)
    player.go_to_step(7)  # which certificate: three long names
    settle()
    tiles = _tiles(player)
    assert len(tiles) == 3
    assert len({t.y() for t in tiles}) == 1
    kiosk.sessions.current.set_text_size("特大")
    settle()
    assert len({t.y() for t in tiles}) > 1  # the bigger words need more room
    for tile, other in pairwise(tiles):
        assert not tile.geometry().intersects(other.geometry())
    for tile in tiles:
        label = tile.label
        assert label.heightForWidth(label.width()) == label.heightForWidth(10_000)
