"""Gesture rules on recorded point sequences: classification, swipe measures and coaching."""

from __future__ import annotations

import math

import pytest

from kiosk.core.gestures import (
    LONG_PRESS_MENU_MS,
    LONG_PRESS_MS,
    SWIPE_MIN_MM,
    TAP_SLOP_MM,
    Direction,
    GestureKind,
    Mistake,
    Point,
    Target,
    classify,
    coach_list_pick,
    coach_long_press,
    coach_pinch,
    coach_swipe,
    coach_tap,
    miss_message,
    mm_to_px,
    pinch_scale,
    points_to_mm,
    px_to_mm,
    release_speed_mm_s,
)
from kiosk.core.ruby import plain_text


def stroke(
    start: tuple[float, float],
    end: tuple[float, float],
    duration_ms: float,
    step_ms: float = 16.0,
    t0: float = 1000.0,
) -> list[Point]:
    """A finger moving in a straight line at constant speed, sampled like a 60 Hz panel."""
    steps = max(1, round(duration_ms / step_ms))
    return [
        (
            t0 + duration_ms * i / steps,
            start[0] + (end[0] - start[0]) * i / steps,
            start[1] + (end[1] - start[1]) * i / steps,
        )
        for i in range(steps + 1)
    ]


def hold(
    x: float, y: float, duration_ms: float, jitter_mm: float = 0.0, t0: float = 1000.0
) -> list[Point]:
    """A finger resting on one spot, trembling by up to ``jitter_mm``."""
    points = stroke((x, y), (x, y), duration_ms, t0=t0)
    return [
        (t, px + jitter_mm * math.sin(i), py + jitter_mm * math.cos(i))
        for i, (t, px, py) in enumerate(points)
    ]


# A recorded tremor tap from a trial on a 96 dpi panel: px coordinates, 180 ms.
RECORDED_TREMOR_TAP_PX: list[Point] = [
    (0, 400, 300),
    (16, 401, 301),
    (33, 403, 300),
    (50, 404, 302),
    (66, 403, 303),
    (83, 402, 302),
    (100, 404, 301),
    (180, 404, 301),
]


def test_px_to_mm_round_trip_and_rejects_nonsense_dpi() -> None:
    assert px_to_mm(96, 96) == pytest.approx(25.4)
    assert mm_to_px(25.4, 160) == pytest.approx(160)
    assert px_to_mm(mm_to_px(15, 141), 141) == pytest.approx(15)
    with pytest.raises(ValueError, match="dpi must be positive"):
        px_to_mm(10, 0)


def test_points_to_mm_keeps_time_and_converts_positions() -> None:
    assert points_to_mm([(5.0, 96.0, 192.0)], 96) == [pytest.approx((5.0, 25.4, 50.8))]


def test_quick_touch_is_a_tap() -> None:
    gesture = classify(hold(10, 10, 120))
    assert gesture.kind is GestureKind.TAP
    assert gesture.direction is Direction.NONE
    assert gesture.duration_ms == pytest.approx(120)


def test_recorded_tremor_tap_is_still_a_tap() -> None:
    gesture = classify(points_to_mm(RECORDED_TREMOR_TAP_PX, 96))
    assert gesture.kind is GestureKind.TAP
    assert gesture.max_travel_mm < TAP_SLOP_MM


def test_single_point_is_a_tap() -> None:
    assert classify([(0.0, 1.0, 1.0)]).kind is GestureKind.TAP


def test_empty_recording_is_refused() -> None:
    with pytest.raises(ValueError, match="needs at least one point"):
        classify([])


def test_touch_held_past_the_long_press_time_is_a_long_press() -> None:
    assert classify(hold(10, 10, LONG_PRESS_MS - 20)).kind is GestureKind.TAP
    assert classify(hold(10, 10, LONG_PRESS_MS + 20, jitter_mm=1.0)).kind is (
        GestureKind.LONG_PRESS
    )


def test_slow_movement_is_a_drag_and_quick_long_movement_is_a_swipe() -> None:
    slow = classify(stroke((40, 50), (10, 50), 1500))
    assert slow.kind is GestureKind.DRAG
    quick = classify(stroke((40, 50), (10, 50), 200))
    assert quick.kind is GestureKind.SWIPE
    assert quick.direction is Direction.LEFT
    assert quick.length_mm == pytest.approx(30)
    assert quick.speed_mm_s == pytest.approx(150, rel=0.05)


def test_quick_but_short_movement_is_a_drag() -> None:
    gesture = classify(stroke((20, 20), (20 + SWIPE_MIN_MM - 3, 20), 60))
    assert gesture.kind is GestureKind.DRAG
    assert gesture.direction is Direction.RIGHT


def test_rest_then_quick_swipe_counts_by_release_speed() -> None:
    points = hold(40, 40, 800) + stroke((40, 40), (40, 10), 150, t0=1800)
    gesture = classify(points)
    assert gesture.kind is GestureKind.SWIPE
    assert gesture.direction is Direction.UP


def test_swipe_that_stops_before_lifting_is_a_drag() -> None:
    points = stroke((10, 40), (40, 40), 150) + hold(40, 40, 400, t0=1150)[1:]
    assert release_speed_mm_s(points) == pytest.approx(0)
    assert classify(points).kind is GestureKind.DRAG


def test_release_speed_with_two_samples_only() -> None:
    # Mouse events may give just a press and a release.
    assert release_speed_mm_s([(0, 0, 0), (100, 10, 0)]) == pytest.approx(100)
    assert release_speed_mm_s([(0, 0, 0), (0, 10, 0)]) == math.inf


@pytest.mark.parametrize(
    ("end", "direction"),
    [((70, 50), Direction.RIGHT), ((30, 50), Direction.LEFT), ((50, 20), Direction.UP),
     ((50, 80), Direction.DOWN)],
)  # fmt: skip
def test_swipe_direction_uses_screen_coordinates(
    end: tuple[float, float], direction: Direction
) -> None:
    assert classify(stroke((50, 50), end, 150)).direction is direction


def test_diagonal_measure() -> None:
    straight = classify(stroke((0, 0), (30, 2), 150))
    assert not straight.is_diagonal
    assert straight.off_axis_degrees == pytest.approx(math.degrees(math.atan(2 / 30)))
    slanted = classify(stroke((0, 0), (30, 25), 150))
    assert slanted.is_diagonal
    assert slanted.off_axis_degrees == pytest.approx(math.degrees(math.atan(25 / 30)))


def test_a_slide_that_comes_back_still_counts_as_travel() -> None:
    points = stroke((10, 10), (18, 10), 80) + stroke((18, 10), (10, 10), 80, t0=1080)[1:]
    gesture = classify(points)
    assert gesture.max_travel_mm == pytest.approx(8)
    assert gesture.length_mm == pytest.approx(0)
    assert gesture.kind is GestureKind.DRAG


# --- taps --------------------------------------------------------------------------------

TARGET = Target(cx=30, cy=40, width=10, height=10)


def test_tap_on_target_is_ok() -> None:
    feedback = coach_tap(hold(32, 38, 100), TARGET)
    assert feedback.ok
    assert feedback.message == ""


@pytest.mark.parametrize(
    ("x", "y", "said"),
    [
        (20, 40, "もう すこし 右です。"),
        (40, 41, "もう すこし 左です。"),
        (31, 50, "もう すこし 上です。"),
        (29, 30, "もう すこし 下です。"),
        (22, 48, "もう すこし 右上です。"),
        (38, 31, "もう すこし 左下です。"),
    ],
)
def test_missed_tap_says_which_way_the_target_is(x: float, y: float, said: str) -> None:
    feedback = coach_tap(hold(x, y, 100), TARGET)
    assert not feedback.ok
    assert feedback.mistake is Mistake.TAP_MISSED
    assert plain_text(feedback.message) == said


def test_miss_message_carries_furigana_for_speech() -> None:
    assert miss_message(-8, 0) == "もう すこし {右|みぎ}です。"
    assert miss_message(0, 0) == "もう いちど、まんなかを さわりましょう。"


def test_tap_held_too_long_is_coached_to_let_go() -> None:
    feedback = coach_tap(hold(30, 40, 900), TARGET)
    assert feedback.mistake is Mistake.HELD_TOO_LONG
    assert plain_text(feedback.message) == "すぐに 指を はなしましょう。"


def test_finger_sliding_during_a_tap_is_coached() -> None:
    feedback = coach_tap(stroke((28, 40), (34, 41), 120), TARGET)
    assert feedback.mistake is Mistake.SLID_DURING_TAP
    assert "うごかさずに" in feedback.message


# --- long press --------------------------------------------------------------------------


def test_long_press_held_long_enough_is_ok() -> None:
    assert coach_long_press(hold(30, 40, LONG_PRESS_MENU_MS + 50, jitter_mm=0.8), TARGET).ok


def test_long_press_released_too_soon() -> None:
    feedback = coach_long_press(hold(30, 40, 400), TARGET)
    assert feedback.mistake is Mistake.RELEASED_TOO_SOON
    assert "おしつづけましょう" in feedback.message


def test_long_press_that_slides_is_coached() -> None:
    points = hold(30, 40, 600) + stroke((30, 40), (30, 48), 300, t0=1600)[1:]
    feedback = coach_long_press(points, TARGET)
    assert feedback.mistake is Mistake.SLID_DURING_LONG_PRESS


def test_long_press_beside_the_icon_says_where_it_is() -> None:
    feedback = coach_long_press(hold(30, 60, 1200), TARGET)
    assert plain_text(feedback.message) == "もう すこし 上です。"


# --- swipes ------------------------------------------------------------------------------


def test_good_swipe_left() -> None:
    assert coach_swipe(stroke((50, 50), (20, 51), 200), Direction.LEFT).ok


def test_any_straight_swipe_when_no_direction_is_asked() -> None:
    assert coach_swipe(stroke((50, 50), (50, 90), 200)).ok


def test_swipe_too_short() -> None:
    feedback = coach_swipe(stroke((50, 50), (40, 50), 100), Direction.LEFT)
    assert feedback.mistake is Mistake.SWIPE_TOO_SHORT


def test_tiny_slanted_movement_is_called_short_not_diagonal() -> None:
    feedback = coach_swipe(stroke((50, 50), (45, 45), 100), Direction.LEFT)
    assert feedback.mistake is Mistake.SWIPE_TOO_SHORT


def test_swipe_too_slow() -> None:
    feedback = coach_swipe(stroke((50, 50), (20, 50), 2000), Direction.LEFT)
    assert feedback.mistake is Mistake.SWIPE_TOO_SLOW
    assert "はやく" in feedback.message


def test_diagonal_swipe_asks_for_a_straight_sideways_move() -> None:
    feedback = coach_swipe(stroke((50, 50), (20, 25), 200), Direction.LEFT)
    assert feedback.mistake is Mistake.SWIPE_DIAGONAL
    assert feedback.message == "まっすぐ よこに はらいましょう。"


def test_diagonal_vertical_swipe_asks_for_straight_up_or_down() -> None:
    feedback = coach_swipe(stroke((50, 50), (30, 20), 200), Direction.UP)
    assert feedback.message == "まっすぐ たてに はらいましょう。"


def test_swipe_in_the_wrong_direction_names_the_right_one() -> None:
    feedback = coach_swipe(stroke((20, 50), (50, 50), 200), Direction.LEFT)
    assert feedback.mistake is Mistake.SWIPE_WRONG_DIRECTION
    assert feedback.message == "ひだりに さっと はらいましょう。"


def test_tap_in_a_swipe_drill_explains_swiping() -> None:
    feedback = coach_swipe(hold(50, 50, 100), Direction.RIGHT)
    assert feedback.mistake is Mistake.NOT_A_SWIPE


# --- pinch -------------------------------------------------------------------------------


def test_pinch_scale_is_the_ratio_of_finger_distances() -> None:
    assert pinch_scale((0, 0), (10, 0), (-5, 0), (15, 0)) == pytest.approx(2.0)
    assert pinch_scale((0, 0), (10, 0), (2, 0), (7, 0)) == pytest.approx(0.5)
    assert pinch_scale((3, 3), (3, 3), (0, 0), (9, 9)) == 1.0


def test_pinch_reaching_the_goal_is_ok_both_ways() -> None:
    assert coach_pinch(1.0, 2.3, 2.0).ok
    assert coach_pinch(2.3, 1.0, 1.05).ok


def test_pinch_the_wrong_way_says_spread_or_close() -> None:
    feedback = coach_pinch(1.0, 0.8, 2.0)
    assert feedback.mistake is Mistake.PINCH_WRONG_WAY
    assert plain_text(feedback.message) == "指と 指の あいだを ひろげましょう。"
    closing = coach_pinch(2.0, 2.5, 1.05)
    assert plain_text(closing.message) == "指と 指を ちかづけましょう。"


def test_pinch_in_the_right_direction_but_short_encourages() -> None:
    feedback = coach_pinch(1.0, 1.5, 2.0)
    assert feedback.mistake is Mistake.PINCH_NOT_ENOUGH
    assert feedback.message == "その ちょうしです。もう すこし ひろげましょう。"


FOODS = ["あじ", "いちご", "うどん", "えび", "おもち", "かき", "きゅうり", "くり"]


def test_list_pick_of_the_wanted_row_is_ok() -> None:
    assert coach_list_pick(FOODS, 6, 6).ok


def test_list_pick_far_above_tells_finger_to_move_up() -> None:
    feedback = coach_list_pick(FOODS, 1, 7)
    assert feedback.mistake is Mistake.WRONG_ITEM
    assert plain_text(feedback.message) == (
        "それは 「いちご」です。「くり」は もっと したです。指を うえへ うごかしましょう。"
    )


def test_list_pick_near_says_just_above() -> None:
    assert (
        coach_list_pick(FOODS, 4, 3).message == "それは 「おもち」です。「えび」は すぐ うえです。"
    )
