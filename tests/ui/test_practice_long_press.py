"""ながおし drill: the menu opens after about a second of holding; early lifts and slides coached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPointF

from kiosk.core.config import Config
from kiosk.core.drills import Drill
from kiosk.core.runs.drill import monotonic_ms
from kiosk.ui.practice.long_press import LongPressDrill
from kiosk.ui.theme import BODY_PT, TEXT_SCALES
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts
from tests.speakers import FakeSpeaker
from tests.ui.home_checks import check_home_page
from tests.ui.journey import PANELS, SIZES, Panel, settle

Finger = Any  # conftest.Finger


@pytest.fixture
def drill(parts: ScreenParts, window: KioskWindow, clock: Any, qtbot: Any) -> LongPressDrill:
    screen = LongPressDrill(*parts, clock=clock)
    parts.nav.open(screen)
    qtbot.waitUntil(lambda: screen.pad.height() > 300)
    return screen


def icon_centre(drill: LongPressDrill, name: str) -> QPointF:
    return drill.pad.icon_rect(drill.pad.cell_of(name)).center()


def hold(finger: Finger, clock: Any, at: QPointF, ms: float) -> None:
    """Press, let ``ms`` pass with the finger still (one tiny tremor sample), lift."""
    finger.press(at)
    clock.advance(ms)
    finger.move(at + QPointF(1, 0), after_ms=0)
    finger.release(at + QPointF(1, 0), after_ms=0)


def test_holding_the_icon_opens_its_menu_while_the_finger_is_down(
    drill: LongPressDrill, finger_for: Callable[..., Finger], clock: Any, speaker: FakeSpeaker
) -> None:
    at = icon_centre(drill, "カメラ")
    finger = finger_for(drill.pad)
    finger.press(at)
    clock.advance(1100)
    finger.move(at + QPointF(1, 1), after_ms=0)
    assert drill.pad.menu_cell == drill.pad.cell_of("カメラ")
    assert drill.run.successes == 1
    assert drill.progress_text.plain() == "2 / 3"
    assert speaker.last_text().startswith("いいですね！メニューが でました。")
    finger.release(at + QPointF(1, 1), after_ms=0)
    assert drill.run.successes == 1  # lifting after the menu opened is not a second try


def test_real_time_hold_with_touch_opens_the_menu(
    drill: LongPressDrill, touch_finger: Callable[..., Finger], qtbot: Any
) -> None:
    drill.clock = monotonic_ms  # the real clock: this test waits for the real timer
    at = icon_centre(drill, "カメラ")
    finger = touch_finger(drill.pad, timed=False)
    finger.press(at)
    assert drill.pad.menu_cell is None
    qtbot.waitUntil(lambda: drill.pad.menu_cell is not None, timeout=4000)
    finger.release(at)
    assert drill.run.successes == 1


def test_lifting_too_soon_is_coached(
    drill: LongPressDrill, finger_for: Callable[..., Finger], clock: Any
) -> None:
    hold(finger_for(drill.pad), clock, icon_centre(drill, "カメラ"), 300)
    assert drill.pad.menu_cell is None
    assert drill.coach_box.message() == "指を はなさずに、もう すこし おしつづけましょう。"
    assert (drill.run.attempts, drill.run.successes) == (1, 0)


def test_sliding_cancels_the_long_press_and_is_coached(
    drill: LongPressDrill, finger_for: Callable[..., Finger], clock: Any
) -> None:
    at = icon_centre(drill, "カメラ")
    finger = finger_for(drill.pad)
    finger.press(at)
    finger.move(at + QPointF(drill.pad.mm_to_px(8), 0), after_ms=200)
    clock.advance(1200)
    finger.move(at + QPointF(drill.pad.mm_to_px(8), 0), after_ms=0)
    assert drill.pad.menu_cell is None
    finger.release(at + QPointF(drill.pad.mm_to_px(8), 0), after_ms=0)
    assert drill.coach_box.message() == "指を うごかさずに、じっと おしつづけましょう。"


def test_holding_another_icon_still_praises_the_long_press_and_names_the_right_one(
    drill: LongPressDrill, finger_for: Callable[..., Finger], clock: Any
) -> None:
    hold(finger_for(drill.pad), clock, icon_centre(drill, "でんわ"), 1100)
    assert (
        drill.coach_box.message() == "ながおし できました。つぎは 「カメラ」で やってみましょう。"
    )
    assert drill.run.successes == 0


def test_three_icons_end_on_praise(
    drill: LongPressDrill, finger_for: Callable[..., Finger], clock: Any, qtbot: Any
) -> None:
    finger = finger_for(drill.pad)
    for name in LongPressDrill.APPS:
        hold(finger, clock, icon_centre(drill, name), 1200)
    qtbot.waitUntil(lambda: drill.run.finished)
    result = drill.run.result
    assert result.drill is Drill.LONG_PRESS
    assert (result.attempts, result.successes) == (3, 3)
    assert drill.praise.isVisible()


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
@pytest.mark.parametrize("size", SIZES)
def test_app_names_are_body_size_on_finger_sized_icons_on_both_panels(
    make_kiosk: Callable[..., Any], qtbot: Any, panel: Panel, size: str
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height), config=Config(text_size=size))
    drill = LongPressDrill(kiosk.services, kiosk.window, kiosk.sessions)
    kiosk.window.open(drill)
    settle()
    pad = drill.pad
    home = pad.home_pages[0]
    assert home is not None
    names = [app.name for app in home]
    assert set(LongPressDrill.APPS) <= set(names)
    check_home_page(pad, panel, size, names)
    # The menu a long press opens reads at the body size too, whole on the phone's screen.
    assert pad.menu_font().pointSizeF() >= BODY_PT * TEXT_SCALES[size]
    for name in LongPressDrill.APPS:
        assert pad.rect().toRectF().contains(pad.menu_rect(pad.cell_of(name))), name
