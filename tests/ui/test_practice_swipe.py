"""スワイプ drill: pages follow the finger; short, slow, slanted or backwards swipes are coached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPointF

from kiosk.core.config import Config
from kiosk.core.drills import Drill
from kiosk.ui.practice.swipe import SwipeDrill
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts
from tests.ui.home_checks import check_home_page
from tests.ui.journey import PANELS, SIZES, Panel, settle

Finger = Any  # conftest.Finger


@pytest.fixture
def drill(parts: ScreenParts, window: KioskWindow, clock: Any, qtbot: Any) -> SwipeDrill:
    screen = SwipeDrill(*parts, clock=clock)
    parts.nav.open(screen)
    qtbot.waitUntil(lambda: screen.pad.width() > 200)
    return screen


def across(drill: SwipeDrill, left_to_right: bool) -> tuple[QPointF, QPointF]:
    w, h = drill.pad.width(), drill.pad.height()
    a, b = QPointF(w * 0.85, h * 0.5), QPointF(w * 0.15, h * 0.5)
    return (b, a) if left_to_right else (a, b)


def test_quick_swipe_left_shows_the_next_page(
    drill: SwipeDrill, finger_for: Callable[..., Finger]
) -> None:
    finger_for(drill.pad).swipe(*across(drill, left_to_right=False), duration_ms=200)
    assert drill.pad.page == 1
    assert drill.run.successes == 1
    assert drill.progress_text.plain() == "2 / 4"


def test_the_page_follows_the_finger_while_dragging(
    drill: SwipeDrill, finger_for: Callable[..., Finger]
) -> None:
    start, _ = across(drill, left_to_right=False)
    finger = finger_for(drill.pad)
    finger.press(start)
    finger.move(start - QPointF(60, 0))
    assert drill.pad.offset == pytest.approx(-60)
    finger.release(start - QPointF(60, 0))


def test_slow_swipe_is_coached_and_the_page_stays(
    drill: SwipeDrill, finger_for: Callable[..., Finger]
) -> None:
    finger_for(drill.pad).swipe(*across(drill, left_to_right=False), duration_ms=3000)
    assert drill.pad.page == 0
    assert drill.coach_box.message() == "もう すこし はやく、さっと はらいましょう。"


def test_short_swipe_is_coached(drill: SwipeDrill, finger_for: Callable[..., Finger]) -> None:
    start, _ = across(drill, left_to_right=False)
    finger_for(drill.pad).swipe(start, start - QPointF(drill.pad.mm_to_px(10), 0), 100)
    assert drill.coach_box.message() == "もう すこし ながく 指を うごかしましょう。"


def test_slanted_swipe_is_coached(drill: SwipeDrill, finger_for: Callable[..., Finger]) -> None:
    start, end = across(drill, left_to_right=False)
    finger_for(drill.pad).swipe(start, end + QPointF(0, 180), 200)
    assert drill.coach_box.message() == "まっすぐ よこに はらいましょう。"
    assert drill.pad.page == 0


def test_swipe_the_wrong_way_names_the_way(
    drill: SwipeDrill, finger_for: Callable[..., Finger]
) -> None:
    finger_for(drill.pad).swipe(*across(drill, left_to_right=True), duration_ms=200)
    assert drill.coach_box.message() == "ひだりに さっと はらいましょう。"
    assert drill.pad.page == 0


def test_four_swipes_there_and_back_end_on_praise(
    drill: SwipeDrill, finger_for: Callable[..., Finger], qtbot: Any
) -> None:
    finger = finger_for(drill.pad)
    for left_to_right in (False, False, True, True):
        finger.swipe(*across(drill, left_to_right), duration_ms=200)
    qtbot.waitUntil(lambda: drill.run.finished)
    assert drill.pad.page == 0
    result = drill.run.result
    assert result.drill is Drill.SWIPE
    assert (result.attempts, result.successes) == (4, 4)


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
@pytest.mark.parametrize("size", SIZES)
def test_app_names_on_every_page_are_body_size_on_both_panels(
    make_kiosk: Callable[..., Any], qtbot: Any, panel: Panel, size: str
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height), config=Config(text_size=size))
    drill = SwipeDrill(kiosk.services, kiosk.window, kiosk.sessions)
    kiosk.window.open(drill)
    settle()
    pad = drill.pad
    pages = [[app.name for app in apps] for apps in pad.home_pages if apps is not None]
    # Two pages of apps (and the clock's): what the next page holds is new to see.
    assert len(pad.home_pages) == 3
    assert len(pages) == 2
    assert not set(pages[0]) & set(pages[1])
    for names in pages:
        check_home_page(pad, panel, size, names)
