"""スクロール drill: kinetic scrolling by touch and mouse drag, picking rows, coaching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScroller

from kiosk.core.drills import Drill
from kiosk.ui.practice.scroll import FOODS, WANTED, ScrollDrill
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts
from tests.speakers import FakeSpeaker

Finger = Any  # conftest.Finger


@pytest.fixture
def drill(parts: ScreenParts, window: KioskWindow, clock: Any, qtbot: Any) -> ScrollDrill:
    screen = ScrollDrill(*parts, clock=clock)
    parts.nav.open(screen)
    qtbot.waitUntil(lambda: screen.list.viewport().height() > 200)
    return screen


def row_centre(drill: ScrollDrill, name: str) -> QPointF:
    item = drill.list.item(FOODS.index(name))
    return QPointF(drill.list.visualItemRect(item).center())


def settle(drill: ScrollDrill, qtbot: Any) -> None:
    scroller = QScroller.scroller(drill.list.viewport())
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=5000)


def drag_up(drill: ScrollDrill, finger: Finger) -> None:
    viewport = drill.list.viewport()
    finger.swipe(
        QPointF(viewport.width() / 2, viewport.height() * 0.85),
        QPointF(viewport.width() / 2, viewport.height() * 0.1),
        duration_ms=300,
        steps=12,
    )


def test_touch_drag_scrolls_the_list_and_announces_the_item(
    drill: ScrollDrill, touch_finger: Callable[..., Finger], speaker: FakeSpeaker, qtbot: Any
) -> None:
    assert not drill.is_row_visible(FOODS.index(WANTED[0]))
    finger = touch_finger(drill.list.viewport())
    for _ in range(12):
        drag_up(drill, finger)
        settle(drill, qtbot)
        if drill.is_row_visible(FOODS.index(WANTED[0])):
            break
    assert drill.list.verticalScrollBar().value() > 0
    assert drill.is_row_visible(FOODS.index(WANTED[0]))
    assert drill.coach_box.message() == "◎ 「りんご」が みえました。さわりましょう。"
    assert speaker.last_text() == "「りんご」が みえました。さわりましょう。"
    assert drill.run.attempts == 0  # scrolling is not a pick


def test_mouse_drag_scrolls_the_list_too(drill: ScrollDrill, qtbot: Any) -> None:
    viewport = drill.list.viewport()
    bar = drill.list.verticalScrollBar()
    x = viewport.width() // 2
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(viewport, left, Qt.KeyboardModifier.NoModifier, QPoint(x, 500))
    for y in range(480, 100, -20):
        QTest.mouseMove(viewport, QPoint(x, y))
    # The list follows the held mouse, as it follows a finger.
    qtbot.waitUntil(lambda: bar.value() > 200)
    QTest.mouseRelease(viewport, left, Qt.KeyboardModifier.NoModifier, QPoint(x, 100))
    settle(drill, qtbot)
    assert bar.value() > 200
    assert drill.run.attempts == 0


def test_tapping_a_wrong_row_says_where_the_wanted_one_is(
    drill: ScrollDrill, finger_for: Callable[..., Finger], qtbot: Any
) -> None:
    finger_for(drill.list.viewport()).tap(row_centre(drill, "あじ"))
    qtbot.waitUntil(lambda: drill.run.attempts == 1)
    assert drill.coach_box.message() == (
        "それは 「あじ」です。「りんご」は もっと したです。指を うえへ うごかしましょう。"
    )
    assert drill.run.successes == 0


def test_finding_all_three_items_ends_on_praise(
    drill: ScrollDrill, finger_for: Callable[..., Finger], qtbot: Any
) -> None:
    finger = finger_for(drill.list.viewport())
    for name in WANTED:
        drill.list.scrollToItem(drill.list.item(FOODS.index(name)))
        settle(drill, qtbot)
        before = drill.run.successes
        finger.tap(row_centre(drill, name))
        qtbot.waitUntil(lambda before=before: drill.run.successes > before)
    qtbot.waitUntil(lambda: drill.run.finished)
    result = drill.run.result
    assert result.drill is Drill.SCROLL
    assert (result.attempts, result.successes) == (3, 3)
    assert drill.pages.currentWidget() is drill.praise
