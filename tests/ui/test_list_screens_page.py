"""The lesson list, the rehearsal list and the drill menu never scroll: cards page.

On both panels and at every text size, each list shows as many whole cards as fit and
the rest on later pages reached with つぎへ; ◀ まえへ and the header's もどる go back a
page; the lesson list's tabs switch levels, start at page 1 and stay finger-sized.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.ui.card_grid import CardListScreen
from kiosk.ui.paged import NEXT_PART, PREVIOUS_PART
from kiosk.ui.theme import BODY_PT, HEADING_PT, SPACING_MM, TEXT_SCALES
from tests.ui.journey import PANELS, SIZES, Panel, accessible_name, settle

CLICK = Qt.MouseButton.LeftButton
LISTS = ("lessons", "procedures", "practice")


def open_list(kiosk: Any, qtbot: Any, tile: str) -> CardListScreen:
    qtbot.mouseClick(kiosk.window.current_screen().tiles[tile], CLICK)
    qtbot.wait(20)
    settle()
    screen = kiosk.window.current_screen()
    assert isinstance(screen, CardListScreen)
    return screen


def area_of(screen: QWidget) -> QScrollArea:
    area = screen.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    return area


def inside(outer: QWidget, widget: QWidget) -> bool:
    seen = QRect(outer.mapToGlobal(outer.rect().topLeft()), outer.size())
    return seen.contains(QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size()))


def levels(screen: CardListScreen) -> list[str | None]:
    return list(getattr(screen, "tabs", {})) or [None]


def go_through_pages(screen: CardListScreen, qtbot: Any, tag: str) -> list[QWidget]:
    """Every card shown, page by page, checking each page as a person would see it."""
    area, grid, window = area_of(screen), screen.grid, screen.window()
    assert grid.part == 0, tag
    shown: list[QWidget] = []
    for part in range(grid.part_count):
        page = f"{tag} page {part + 1}/{grid.part_count}"
        assert area.verticalScrollBar().maximum() == 0, f"{page}: the list scrolls"
        cards = [card for card in grid.cards if card.isVisible()]
        assert cards, page
        for card in cards:
            assert inside(area.viewport(), card), f"{page}: {accessible_name(card)!r} is cut off"
            # A title broken inside a word is hard to read: fewer columns instead.
            title = card.title_text  # type: ignore[attr-defined]
            assert not title.cuts_a_word(), f"{page}: {title.plain()!r} is broken mid-word"
        shown += cards
        if grid.part_count > 1:
            assert grid.counter.plain() == f"{part + 1} / {grid.part_count}", page
            for button in (grid.previous_button, grid.next_button):
                if button.isVisible():
                    assert inside(window, button), page
                    assert accessible_name(button) in (PREVIOUS_PART, NEXT_PART)
        assert grid.next_button.isVisible() == (part + 1 < grid.part_count), page
        assert grid.previous_button.isVisible() == (part > 0), page
        if part + 1 < grid.part_count:
            qtbot.mouseClick(grid.next_button, CLICK)
            qtbot.wait(10)
            settle()
            assert grid.part == part + 1, page
    return shown


@pytest.mark.parametrize("tile", LISTS)
@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
def test_each_list_shows_every_card_once_on_pages_without_scrolling(
    make_kiosk: Any, qtbot: Any, panel: Panel, tile: str
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height))
    screen = open_list(kiosk, qtbot, tile)
    pages: dict[str, int] = {}
    for size in (*SIZES, SIZES[0]):
        kiosk.sessions.current.set_text_size(size)
        qtbot.wait(20)
        settle()
        for level in levels(screen):
            tag = f"{tile} {panel.name} {size} {level or ''}"
            if level is not None:
                qtbot.mouseClick(screen.tabs[level], CLICK)  # type: ignore[attr-defined]
                qtbot.wait(10)
                settle()
            shown = go_through_pages(screen, qtbot, tag)
            assert len(shown) == len(set(shown)) == len(screen.grid.cards), tag
            assert set(shown) == set(screen.grid.cards), tag
            # Back, page by page, to the first (◀ まえへ and the header's もどる alike).
            while screen.grid.part > 0:
                before = screen.grid.part
                if before % 2:
                    qtbot.mouseClick(screen.grid.previous_button, CLICK)
                else:
                    kiosk.window.back()
                qtbot.wait(10)
                settle()
                assert screen.grid.part == before - 1, tag
                assert kiosk.window.current_screen() is screen, tag
            pages[f"{size} {level}"] = screen.grid.part_count
    if panel.width == 1920 and tile == "lessons":
        # A whole level on one screen at the standard size.
        assert pages["標準 基本"] == pages["標準 応用"] == 1
    if panel.width == 1366:
        # The largest text does not fit one screen: the test must have turned pages.
        assert max(count for key, count in pages.items() if key.startswith("特大")) > 1
    kiosk.window.back()  # on page 1, もどる leaves the list
    assert kiosk.window.current_screen().screen_name == "home"


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
def test_lesson_tabs_switch_levels_from_page_one_and_stay_finger_sized(
    make_kiosk: Any, qtbot: Any, panel: Panel
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height))
    listing = open_list(kiosk, qtbot, "lessons")
    for size in SIZES:
        kiosk.sessions.current.set_text_size(size)
        qtbot.wait(20)
        settle()
        for level, other in (("基本", "応用"), ("応用", "基本")):
            tag = f"{panel.name} {size} {level}"
            qtbot.mouseClick(listing.tabs[level], CLICK)
            qtbot.wait(10)
            settle()
            if listing.grid.part_count > 1:
                qtbot.mouseClick(listing.grid.next_button, CLICK)
                assert listing.grid.part == 1, tag
            qtbot.mouseClick(listing.tabs[other], CLICK)
            qtbot.wait(10)
            settle()
            assert listing.grid.part == 0, tag
            assert listing.grid.cards == listing.levels[other], tag
            for tab in listing.tabs.values():
                assert min(tab.width(), tab.height()) >= panel.mm(15), tag
                assert accessible_name(tab) == tab.label.plain(), tag
                # The tab's words on one line: no tab grows tall with wrapped words.
                label = tab.label
                assert label.heightForWidth(label.width()) <= label.heightForWidth(100000), tag
                # The chosen tab says so on the same line (✓, and words where they fit).
                assert tab.mark.isVisible() == tab.isChecked() == (tab.level == other), tag
                margins = tab.layout().contentsMargins()
                one_line = label.heightForWidth(100000) + margins.top() + margins.bottom()
                # As tall as one line of its words (or the title beside it), not two.
                assert tab.height() <= max(one_line, listing.title.height()), tag
                for words in (tab.mark, tab.state):
                    if words.isVisible():
                        assert words.geometry().top() >= label.geometry().top(), tag
                        assert words.geometry().bottom() <= label.geometry().bottom(), tag
    # At 特大 on the smaller panel the tabs say the level and count only.
    if panel.width == 1366:
        assert listing.short_tabs
        assert listing.tabs["基本"].text().startswith("基本（")


@pytest.mark.parametrize("done", [False, True], ids=["new", "done"])
def test_lesson_cards_come_three_a_page_at_the_largest_text_on_the_small_panel(
    make_kiosk: Any, qtbot: Any, done: bool
) -> None:
    panel = PANELS[1]
    assert panel.width == 1366
    kiosk = make_kiosk(size=(panel.width, panel.height))
    listing = open_list(kiosk, qtbot, "lessons")
    kiosk.sessions.current.set_text_size("特大")
    for card in listing.cards.values():
        card.set_done(done)
    qtbot.wait(20)
    settle()
    for level in listing.tabs:
        qtbot.mouseClick(listing.tabs[level], CLICK)
        qtbot.wait(10)
        settle()
        cards = listing.levels[level]
        grid = listing.grid
        width = next(card for card in cards if card.isVisible()).width()
        one_line = min(card.heightForWidth(width) for card in cards)
        for page in range(grid.part_count):
            shown = [card for card in cards if card.isVisible()]
            later = cards[cards.index(shown[-1]) + 1 :]
            # Three cards a page, unless a card there (or the next) has taller words.
            taller = any(card.heightForWidth(width) > one_line for card in shown + later[:1])
            assert len(shown) >= 3 or not later or taller, f"{level} page {page + 1}"
            # Closer than on a roomy screen, but still apart enough for a finger.
            for above, below in itertools.pairwise(shown):
                gap = below.geometry().top() - above.geometry().bottom() - 1
                assert gap >= panel.mm(SPACING_MM), level
            if later:
                qtbot.mouseClick(grid.next_button, CLICK)
                settle()
        if not done:
            assert grid.part_count <= (len(cards) + 2) // 3, level
        for card in cards:
            # Shorter cards, not smaller words: the length is body text at 特大.
            assert card.minutes_text._fonts()[0].pointSizeF() >= BODY_PT * TEXT_SCALES["特大"]
            assert card.title_text._fonts()[0].pointSizeF() >= HEADING_PT * TEXT_SCALES["特大"]
            assert card.is_done() == done


def test_a_text_size_switch_keeps_the_card_in_sight(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk(size=(1366, 768))
    listing = open_list(kiosk, qtbot, "procedures")
    kiosk.sessions.current.set_text_size("特大")
    qtbot.wait(20)
    settle()
    grid = listing.grid
    while grid.part + 1 < grid.part_count:
        qtbot.mouseClick(grid.next_button, CLICK)
    last = grid.cards[-1]
    assert last.isVisible()
    kiosk.sessions.current.set_text_size("標準")
    qtbot.wait(20)
    settle()
    assert last.isVisible()
    assert inside(area_of(listing).viewport(), last)
