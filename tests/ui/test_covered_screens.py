"""A screen covered by another waits for the text size until it shows again.

A text-size switch changes what the learner sees at once; the screens under it (the
lesson list under a lesson) take the new size, and cut their pages again, only when
they come back on screen, looking as if they had followed all along.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from kiosk.ui.lessons import LessonListScreen, LessonPlayerScreen
from tests.ui.journey import settle

CLICK = Qt.MouseButton.LeftButton


def test_the_list_under_a_lesson_takes_the_new_size_when_it_shows_again(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk(size=(1366, 768))
    window, theme = kiosk.window, kiosk.theme
    qtbot.mouseClick(window.current_screen().tiles["lessons"], CLICK)
    settle()
    listing = window.current_screen()
    assert isinstance(listing, LessonListScreen)
    qtbot.mouseClick(listing.cards[listing.lessons[0].id], CLICK)
    settle()
    player = window.current_screen()
    assert isinstance(player, LessonPlayerScreen)
    body_before = theme.body_pt()

    kiosk.sessions.current.set_text_size("特大")
    qtbot.wait(20)
    settle()
    assert player.replay_button.font().pointSizeF() == theme.body_pt() > body_before
    # Under the lesson, nobody sees the list: its buttons keep the size they had.
    assert listing.grid.previous_button.font().pointSizeF() == body_before

    window.back()
    settle()
    assert window.current_screen() is listing
    for button in (listing.grid.previous_button, *listing.tabs.values()):
        assert button.font().pointSizeF() == theme.body_pt(), button.text()
    # Cut for 特大, as a list opened at 特大 is.
    parts = listing.grid.part_count
    window.back()
    settle()
    qtbot.mouseClick(window.current_screen().tiles["lessons"], CLICK)
    settle()
    fresh = window.current_screen()
    assert isinstance(fresh, LessonListScreen)
    assert fresh.grid.part_count == parts > 1
