"""The lesson list: one level per tab, each card with its picture, a level on one screen."""

from __future__ import annotations

from typing import Any

import pytest
from test_lesson_player import CLICK, finish_lesson, open_list

from kiosk.core.lessons import load_lessons
from kiosk.ui.lessons.cards import DONE_MARK, lesson_picture
from kiosk.ui.lessons.list_screen import LessonListScreen

LESSONS = load_lessons().lessons


def settle(qtbot: Any) -> None:
    qtbot.wait(50)


def shown_cards(listing: LessonListScreen) -> set[str]:
    return {lesson_id for lesson_id, card in listing.cards.items() if card.isVisible()}


def test_the_tabs_say_their_level_and_only_the_chosen_one_is_marked(make_kiosk, qtbot) -> None:
    listing = open_list(make_kiosk(), qtbot)
    basic, applied = listing.tabs["基本"], listing.tabs["応用"]
    count = {level: sum(lesson.level == level for lesson in LESSONS) for level in ("基本", "応用")}
    # Long where they fit on one line, short (the note under the tabs) where not.
    assert basic.text() in (
        f"基本 ─ はじめての 方に（{count['基本']}）",
        f"基本（{count['基本']}）",
    )
    assert applied.text() in (
        f"応用 ─ すこし なれてきた 方に（{count['応用']}）",
        f"応用（{count['応用']}）",
    )
    # The chosen tab: filled, with ✓ before its name, and 「えらんで います」 after it
    # where that fits on the same line: never a second line that makes the tabs tall.
    assert basic.isChecked()
    assert basic.mark.isVisible()
    assert basic.mark.plain() == "✓"
    assert basic.state.isVisible() == basic.words_fit
    assert not applied.isChecked()
    assert not applied.mark.isVisible()
    assert not applied.state.isVisible()
    qtbot.mouseClick(applied, CLICK)
    assert applied.isChecked()
    assert applied.mark.isVisible()
    assert applied.state.plain() == "えらんで います"
    assert applied.state.isVisible() == applied.words_fit
    assert not basic.isChecked()
    assert not basic.mark.isVisible()
    assert not basic.state.isVisible()
    for tab in (basic, applied):
        # Its name for screen readers is the name it shows (the state is the tab's own).
        assert tab.text() == tab.label.plain()
    assert {card.lesson.id for card in listing.grid.cards} == {
        lesson.id for lesson in LESSONS if lesson.level == "応用"
    }


def test_every_card_shows_its_lessons_picture(make_kiosk, qtbot) -> None:
    listing = open_list(make_kiosk(), qtbot)
    for level in listing.tabs:
        qtbot.mouseClick(listing.tabs[level], CLICK)
        for lesson_id in shown_cards(listing):
            card = listing.cards[lesson_id]
            assert card.picture.isVisible(), lesson_id
            assert card.picture.has_image(), lesson_id
            assert card.picture.width() >= listing.services.theme.target_px
    lesson = LESSONS[0]
    assert lesson_picture(lesson) == lesson.steps[0].image_path


@pytest.mark.parametrize("level", ["基本", "応用"])
def test_a_level_fits_one_1920x1080_screen_at_the_standard_size(make_kiosk, qtbot, level) -> None:
    kiosk = make_kiosk(size=(1920, 1080))
    listing = open_list(kiosk, qtbot)
    qtbot.mouseClick(listing.tabs[level], CLICK)
    settle(qtbot)
    window = kiosk.window
    assert listing.grid.part_count == 1
    assert shown_cards(listing) == {card.lesson.id for card in listing.grid.cards}
    for lesson_id in shown_cards(listing):
        card = listing.cards[lesson_id]
        bottom = card.mapTo(window, card.rect().bottomRight())
        assert bottom.y() < window.height(), lesson_id
        assert bottom.x() < window.width(), lesson_id


def test_on_a_smaller_panel_the_cards_page_unsqueezed(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(size=(1920, 1080))
    listing = open_list(kiosk, qtbot)
    settle(qtbot)
    assert listing.grid.part_count == 1
    kiosk.window.resize(1366, 768)
    settle(qtbot)
    assert listing.grid.part_count > 1
    for lesson_id in shown_cards(listing):
        card = listing.cards[lesson_id]
        assert card.width() >= card.minimumSizeHint().width(), lesson_id


@pytest.mark.parametrize("size", ["大", "特大"])
def test_at_larger_text_sizes_no_card_is_squeezed(make_kiosk, qtbot, size) -> None:
    kiosk = make_kiosk(size=(1366, 768))
    listing = open_list(kiosk, qtbot)
    kiosk.sessions.current.set_text_size(size)
    settle(qtbot)
    assert listing.grid.columns <= listing.grid.columns_for(listing.grid.width())
    for lesson_id in shown_cards(listing):
        card = listing.cards[lesson_id]
        assert card.width() >= card.minimumSizeHint().width(), lesson_id
        title = card.title_text
        assert title.mapTo(card, title.rect().topRight()).x() <= card.width(), lesson_id


def test_a_finished_lesson_shows_its_done_mark_on_the_list(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    listing = open_list(kiosk, qtbot)
    qtbot.mouseClick(listing.tabs["応用"], CLICK)
    qtbot.mouseClick(listing.cards["maps"], CLICK)
    player = kiosk.window.current_screen()
    finish_lesson(player, qtbot)
    qtbot.mouseClick(player.finish_page.list_button, CLICK)
    assert kiosk.window.current_screen() is listing
    # The list comes back on the learner's tab, with the mark on the card.
    assert listing.tabs["応用"].isChecked()
    card = listing.cards["maps"]
    assert card.isVisible()
    assert card.done_text.isVisible()
    assert card.done_text.plain() == DONE_MARK
