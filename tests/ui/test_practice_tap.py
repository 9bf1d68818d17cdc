"""タップ drill on a real window, with touch and with the mouse."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPointF

from kiosk.core.drills import TAP_TARGET_SIZES_MM, Drill, DrillResult
from kiosk.ui.practice.tap import TapDrill
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts
from tests.speakers import FakeSpeaker

Finger = Any  # the helper class lives in conftest.py
FakeClock = Any


@pytest.fixture
def drill(parts: ScreenParts, window: KioskWindow, clock: FakeClock, qtbot: object) -> TapDrill:
    screen = TapDrill(*parts, clock=clock)
    parts.nav.open(screen)
    qtbot.waitUntil(lambda: screen.pad.target is not None)  # type: ignore[attr-defined]
    return screen


def target_centre(drill: TapDrill) -> QPointF:
    return drill.pad.target_rect().center()


def beside(drill: TapDrill) -> QPointF:
    """A point 10 mm beside the mark, on whichever side of it the phone has room."""
    rect = drill.pad.target_rect()
    gap = drill.pad.mm_to_px(10)
    if rect.right() + gap < drill.pad.width() - 2:
        return QPointF(rect.right() + gap, rect.center().y())
    return QPointF(rect.left() - gap, rect.center().y())


def test_tap_on_the_mark_moves_to_a_smaller_one(
    drill: TapDrill, finger_for: Callable[..., Finger], speaker: FakeSpeaker
) -> None:
    first = drill.pad.target_rect()
    finger_for(drill.pad).tap(target_centre(drill))
    assert drill.run.successes == 1
    assert drill.progress_text.plain() == f"2 / {len(TAP_TARGET_SIZES_MM)}"
    assert drill.pad.target_rect().width() < first.width()
    assert drill.coach_box.message().startswith("◎")
    assert speaker.last_text().startswith("いいですね！")


def test_miss_to_the_left_says_a_little_more_right(
    drill: TapDrill, finger_for: Callable[..., Finger], speaker: FakeSpeaker
) -> None:
    rect = drill.pad.target_rect()
    point = QPointF(rect.left() - drill.pad.mm_to_px(4), rect.center().y())
    if point.x() < 2:  # the mark is at the left edge: miss on its right instead
        point = QPointF(rect.right() + drill.pad.mm_to_px(4), rect.center().y())
        expected = "もう すこし 左です。"
    else:
        expected = "もう すこし 右です。"
    finger_for(drill.pad).tap(point)
    assert drill.coach_box.message() == expected
    assert speaker.last_text() == expected.replace("右", "みぎ").replace("左", "ひだり")
    assert (drill.run.attempts, drill.run.successes, drill.run.index) == (1, 0, 0)


def test_held_too_long_is_coached(drill: TapDrill, finger_for: Callable[..., Finger]) -> None:
    finger_for(drill.pad).tap(target_centre(drill), hold_ms=900)
    assert drill.coach_box.message() == "すぐに 指を はなしましょう。"
    assert drill.run.index == 0


def test_sliding_finger_is_coached(drill: TapDrill, finger_for: Callable[..., Finger]) -> None:
    centre = target_centre(drill)
    finger = finger_for(drill.pad)
    finger.press(centre)
    finger.move(centre + QPointF(drill.pad.mm_to_px(6), 0))
    finger.release(centre + QPointF(drill.pad.mm_to_px(6), 0))
    assert "うごかさずに" in drill.coach_box.message()
    assert drill.run.index == 0


def test_finger_left_resting_hears_the_advice_while_still_down(
    drill: TapDrill, touch_finger: Callable[..., Finger], qtbot: object
) -> None:
    finger = touch_finger(drill.pad, timed=False)
    finger.press(target_centre(drill))
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: drill.coach_box.message() == "すぐに 指を はなしましょう。", timeout=3000
    )
    finger.release(target_centre(drill))


def test_all_marks_end_on_praise_and_report_the_result(
    drill: TapDrill, finger_for: Callable[..., Finger], clock: FakeClock, qtbot: object
) -> None:
    finger = finger_for(drill.pad)
    finger.tap(beside(drill))
    for _ in TAP_TARGET_SIZES_MM:
        clock.advance(1000)
        finger.tap(target_centre(drill))
    qtbot.waitUntil(lambda: drill.run.finished)
    result = drill.run.result
    assert isinstance(result, DrillResult)
    assert result.drill is Drill.TAP
    assert (result.attempts, result.successes) == (len(TAP_TARGET_SIZES_MM) + 1, 6)
    assert result.seconds >= 6.0
    assert drill.pages.currentWidget() is drill.praise
    assert drill.praise.title.plain() == "できました！"
    assert drill.praise.stars.count == 3


def test_the_hint_plays_and_gets_out_of_the_way_on_touch(
    drill: TapDrill, finger_for: Callable[..., Finger], qtbot: object
) -> None:
    qtbot.waitUntil(drill.hint.is_playing)  # type: ignore[attr-defined]
    finger = finger_for(drill.pad)
    finger.press(target_centre(drill))
    assert not drill.hint.isVisible()
    finger.release(target_centre(drill))


def test_again_restarts_from_the_first_mark(
    drill: TapDrill, touch_finger: Callable[..., Finger]
) -> None:
    finger = touch_finger(drill.pad)
    for _ in TAP_TARGET_SIZES_MM:
        finger.tap(target_centre(drill))
    assert drill.run.finished
    drill.praise.again_button.click()
    assert not drill.run.finished
    assert drill.pages.currentIndex() == 0
    assert drill.progress_text.plain() == f"1 / {len(TAP_TARGET_SIZES_MM)}"
