"""A rehearsal's opening and end come in parts that fit the window (つぎへ / まえへ),
so a learner never has to scroll to find words or the way on."""

from __future__ import annotations

from typing import Any

import pytest
from journey import PANELS, SIZES, Journey, Panel, settle
from PySide6.QtWidgets import QScrollArea, QWidget
from test_procedure_player import SHOP, click_target, open_player

from kiosk.core.config import Config
from kiosk.core.procedures import load_procedures
from kiosk.ui.paged import NEXT_PART, PREVIOUS_PART, PagedColumn, split_into_parts
from kiosk.ui.procedures import ProcedurePlayer


def test_blocks_are_cut_between_blocks_and_a_heading_stays_with_what_follows() -> None:
    assert split_into_parts([100, 100, 100], room=400, spacing=10) == [[0, 1, 2]]
    assert split_into_parts([100, 100, 100], room=250, spacing=10) == [[0, 1], [2]]
    # Block 1 is a heading: it goes to the next part with block 2 rather than end a part.
    assert split_into_parts([150, 40, 100], room=250, spacing=10, joined=[False, True]) == [
        [0],
        [1, 2],
    ]
    # A block taller than the room has a part of its own.
    assert split_into_parts([50, 500, 50], room=200, spacing=10) == [[0], [1], [2]]
    # A heading and its block that cannot share any part go apart.
    assert split_into_parts([50, 180, 50], room=200, spacing=10, joined=[True]) == [
        [0],
        [1],
        [2],
    ]


def _scroll_bar_shows(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert parent is not None
    return parent.verticalScrollBar().isVisible()


def _walk(journey: Journey, pager: PagedColumn) -> int:
    """Go through every part with つぎへ; each is seen whole, without scrolling."""
    screen = journey.screen()
    shown: set[int] = set()
    parts = 0
    while True:
        settle()
        parts += 1
        assert not _scroll_bar_shows(screen), f"{journey.tag}: part {parts} scrolls"
        journey.check()  # the way on (はじめる / いんさつ) in sight, no words cut off
        for index, block in enumerate(pager.blocks):
            if pager.is_on_screen(block) and not block.isHidden():
                assert block.isVisible(), (journey.tag, parts, index)
                assert journey.fully_visible(block), (journey.tag, parts, index)
                shown.add(index)
        if not journey.has(NEXT_PART):
            break
        journey.tap(NEXT_PART)
    hidden_by_the_page = {i for i, block in enumerate(pager.blocks) if not pager.is_shown(block)}
    assert shown | hidden_by_the_page == set(range(len(pager.blocks))), journey.tag
    assert parts == pager.part_count
    return parts


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
@pytest.mark.parametrize("size", SIZES)
def test_the_opening_and_the_end_fit_without_scrolling(
    make_kiosk: Any, qtbot: Any, panel: Panel, size: str
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height), config=Config(text_size=size))
    journey = Journey(kiosk, panel, tag=f"{panel.name} {size}")
    player = open_player(kiosk, qtbot, SHOP)
    parts = _walk(journey, player.intro.pager)
    if size == "特大" and panel.width == 1366:
        assert parts > 1  # the 持ち物 do not fit one screen there: they come in parts
    journey.tap("はじめる")
    while player.page == "step":
        click_target(player, qtbot)
    assert player.done_page.qr is not None
    settle()
    qr = player.done_page.qr
    assert qr.isVisible()  # the QR code as the end appears
    assert journey.fully_visible(qr)
    _walk(journey, player.done_page.pager)
    # What became of the print shows above いんさつ する: the parts make room for it.
    journey.tap("いんさつ する", feedback=player.done_page.print_result)
    player.done_page.pager.show_first()
    _walk(journey, player.done_page.pager)


def test_back_goes_to_the_part_before_and_each_part_is_read_aloud(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk(size=(1366, 768), config=Config(text_size="特大"))
    journey = Journey(kiosk, PANELS[1])
    player = open_player(kiosk, qtbot, SHOP)
    settle()
    pager = player.intro.pager
    assert pager.part_count > 1
    assert not journey.has(PREVIOUS_PART)  # nothing before the first part
    speaker = kiosk.services.speaker
    assert "コンビニ" in speaker.last_text()
    start = player.intro.start_button
    where = start.mapTo(kiosk.window, start.rect().topLeft())
    journey.tap(NEXT_PART)
    assert pager.part == 1
    # まえへ appears beside はじめる, which stays under the finger (the counter's digits
    # may move it a few pixels, far less than a finger's width).
    moved = start.mapTo(kiosk.window, start.rect().topLeft()) - where
    assert abs(moved.x()) <= 8
    assert moved.y() == 0
    first_block = next(b for b in pager.blocks if pager.is_on_screen(b))
    assert first_block is not player.intro.title
    assert "コンビニで" not in speaker.last_text()  # this part's words, not the title again
    journey.tap(PREVIOUS_PART)
    assert pager.part == 0
    journey.tap(NEXT_PART)
    journey.tap("もどる")  # the header's もどる: one page back, the part seen before
    assert player.page == "intro"
    assert pager.part == 0
    assert journey.screen() is player
    # A text-size switch keeps the learner's place.
    journey.tap(NEXT_PART)
    first = next(i for i, b in enumerate(pager.blocks) if pager.is_on_screen(b))
    journey.set_size("標準")
    settle()
    assert pager.is_on_screen(pager.blocks[first])


def test_the_opening_and_the_end_are_cut_for_the_room_the_window_gives(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk(size=(1366, 768), config=Config(text_size="特大"))
    procedure = next(p for p in load_procedures().procedures if p.id == SHOP)
    player = ProcedurePlayer(kiosk.services, kiosk.window, kiosk.sessions, procedure)
    qtbot.addWidget(player)
    pagers = (player.intro.pager, player.done_page.pager)
    player.fit_room(1366, 3000)
    assert [pager.part_count for pager in pagers] == [1, 1]
    player.fit_room(1366, 500)  # what the window says it shows, not the player's own size
    assert all(pager.part_count > 1 for pager in pagers)
