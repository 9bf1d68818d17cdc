"""One meaning of もどる (the page before), and はじめに もどる asks before it throws work away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

CLICK = Qt.MouseButton.LeftButton


def _open_first_lesson(kiosk, qtbot):
    qtbot.mouseClick(kiosk.window.current_screen().tiles["lessons"], CLICK)
    listing = kiosk.window.current_screen()
    qtbot.mouseClick(next(iter(listing.cards.values())), CLICK)
    return listing, kiosk.window.current_screen()


def test_there_is_one_back_button_and_it_goes_one_page_back(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    listing, player = _open_first_lesson(kiosk, qtbot)
    labels = [b.text() for b in player.findChildren(QAbstractButton) if b.isVisible()]
    assert not [label for label in labels if "もどる" in label], labels
    qtbot.mouseClick(player.next_button, CLICK)
    qtbot.mouseClick(player.next_button, CLICK)
    assert player.run.index == 2
    qtbot.mouseClick(window.header.back_button, CLICK)
    assert window.current_screen() is player
    assert player.run.index == 1
    qtbot.mouseClick(window.header.back_button, CLICK)
    qtbot.mouseClick(window.header.back_button, CLICK)
    assert window.current_screen() is listing


def test_home_asks_before_throwing_a_lesson_away(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    _listing, player = _open_first_lesson(kiosk, qtbot)
    qtbot.mouseClick(player.next_button, CLICK)
    qtbot.mouseClick(window.header.home_button, CLICK)
    confirm = window.home_confirm
    assert confirm.isVisible()
    assert window.current_screen() is player
    qtbot.mouseClick(confirm.stay_button, CLICK)  # つづける: nothing lost
    assert not confirm.isVisible()
    assert window.current_screen() is player
    assert player.run.index == 1
    qtbot.mouseClick(window.header.home_button, CLICK)
    qtbot.mouseClick(confirm.go_button, CLICK)
    assert window.depth() == 1


def test_home_goes_straight_home_when_nothing_would_be_lost(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    _open_first_lesson(kiosk, qtbot)  # on the first page: nothing done yet
    qtbot.mouseClick(window.header.home_button, CLICK)
    assert not window.home_confirm.isVisible()
    assert window.depth() == 1


def test_the_idle_reset_closes_the_question(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    _listing, player = _open_first_lesson(kiosk, qtbot)
    qtbot.mouseClick(player.next_button, CLICK)
    qtbot.mouseClick(window.header.home_button, CLICK)
    window.reset_session()
    assert not window.home_confirm.isVisible()
    assert window.depth() == 1
