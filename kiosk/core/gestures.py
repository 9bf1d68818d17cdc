"""Gesture rules for finger practice: classify recorded touches and coach by error type."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

# A recorded touch: (milliseconds since any fixed origin, x in mm, y in mm), y grows downwards
# as on the screen. Screens convert pixels with ``px_to_mm`` before calling these rules.
Point = tuple[float, float, float]

MM_PER_INCH = 25.4

# Thresholds. Phones use about 1-2 mm of "slop"; a little more forgives a trembling finger
# without hiding a real slide, which is exactly the habit the coaching must point out.
TAP_SLOP_MM = 3.0
LONG_PRESS_MS = 500.0  # the press length at which iOS and Android switch from tap to long press
LONG_PRESS_MENU_MS = 1000.0  # the long-press drill asks for "about one second"
SWIPE_MIN_MM = 15.0
SWIPE_MIN_SPEED_MM_S = 60.0
# Speed is measured over the last part of the movement, as phones do (release velocity), so
# resting before a quick swipe still counts as a swipe.
SPEED_WINDOW_MS = 150.0
DIAGONAL_DEGREES = 30.0
# A miss is named by two directions (右上) when the smaller offset is at least this share of the
# larger one; otherwise only the main direction is named.
TWO_WAY_MISS_RATIO = 0.6


class GestureKind(Enum):
    """What a single-finger touch was, as a phone would understand it."""

    TAP = "tap"
    LONG_PRESS = "long_press"
    DRAG = "drag"
    SWIPE = "swipe"


class Direction(Enum):
    """A screen direction; ``NONE`` for a touch that did not travel."""

    NONE = "none"
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


class Mistake(Enum):
    """The kinds of mistakes the coaching explains."""

    TAP_MISSED = "tap_missed"
    HELD_TOO_LONG = "held_too_long"
    SLID_DURING_TAP = "slid_during_tap"
    RELEASED_TOO_SOON = "released_too_soon"
    SLID_DURING_LONG_PRESS = "slid_during_long_press"
    SWIPE_TOO_SHORT = "swipe_too_short"
    SWIPE_TOO_SLOW = "swipe_too_slow"
    SWIPE_DIAGONAL = "swipe_diagonal"
    SWIPE_WRONG_DIRECTION = "swipe_wrong_direction"
    NOT_A_SWIPE = "not_a_swipe"
    FLICK_WRONG_DIRECTION = "flick_wrong_direction"
    FLICK_WRONG_KEY = "flick_wrong_key"
    FLICK_NEEDS_MODIFIER = "flick_needs_modifier"
    WRONG_ITEM = "wrong_item"
    PINCH_ONE_FINGER = "pinch_one_finger"
    PINCH_WRONG_WAY = "pinch_wrong_way"
    PINCH_NOT_ENOUGH = "pinch_not_enough"


# Plain words for directions, for learners (hiragana, so no furigana is needed).
DIRECTION_WORDS = {
    Direction.LEFT: "ひだり",
    Direction.RIGHT: "みぎ",
    Direction.UP: "うえ",
    Direction.DOWN: "した",
}

# The coaching messages (やさしい日本語, furigana markup). Each one says what to do, never
# that something was wrong.
MESSAGES: dict[Mistake, str] = {
    Mistake.HELD_TOO_LONG: "すぐに {指|ゆび}を はなしましょう。",
    Mistake.SLID_DURING_TAP: "{指|ゆび}を うごかさずに、ちょんと さわりましょう。",
    Mistake.RELEASED_TOO_SOON: "{指|ゆび}を はなさずに、もう すこし おしつづけましょう。",
    Mistake.SLID_DURING_LONG_PRESS: "{指|ゆび}を うごかさずに、じっと おしつづけましょう。",
    Mistake.SWIPE_TOO_SHORT: "もう すこし ながく {指|ゆび}を うごかしましょう。",
    Mistake.SWIPE_TOO_SLOW: "もう すこし はやく、さっと はらいましょう。",
    Mistake.NOT_A_SWIPE: "{指|ゆび}を つけたまま、{横|よこ}に さっと うごかしましょう。",
    Mistake.PINCH_ONE_FINGER: "2ほんの {指|ゆび}で いっしょに さわりましょう。",
}


@dataclass(frozen=True)
class Target:
    """A rectangular touch target in millimetres: centre and full width / height."""

    cx: float
    cy: float
    width: float
    height: float

    def contains(self, x: float, y: float) -> bool:
        """True when (x, y) lies inside the target (edges included)."""
        return abs(x - self.cx) <= self.width / 2 and abs(y - self.cy) <= self.height / 2


@dataclass(frozen=True)
class Gesture:
    """The measured shape of one single-finger touch."""

    kind: GestureKind
    duration_ms: float
    start: tuple[float, float]
    end: tuple[float, float]
    # Largest distance from the starting point at any moment (a slide that came back counts).
    max_travel_mm: float
    # Straight-line distance from start to end.
    length_mm: float
    direction: Direction
    speed_mm_s: float
    # Angle between the movement and the nearest screen axis: 0 is straight, 45 fully diagonal.
    off_axis_degrees: float

    @property
    def is_diagonal(self) -> bool:
        """True when the movement leans too far from horizontal or vertical."""
        return self.off_axis_degrees > DIAGONAL_DEGREES


@dataclass(frozen=True)
class Feedback:
    """The verdict on one attempt: ``message`` is coaching (furigana markup), "" when ok."""

    ok: bool
    mistake: Mistake | None = None
    message: str = ""


OK = Feedback(ok=True)


def px_to_mm(px: float, dpi: float) -> float:
    """Convert a length in pixels to millimetres on a screen of ``dpi`` dots per inch."""
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    return px * MM_PER_INCH / dpi


def mm_to_px(mm: float, dpi: float) -> float:
    """Convert a length in millimetres to pixels on a screen of ``dpi`` dots per inch."""
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    return mm * dpi / MM_PER_INCH


def points_to_mm(points_px: Sequence[Point], dpi: float) -> list[Point]:
    """Convert a recorded sequence from (t_ms, x_px, y_px) to (t_ms, x_mm, y_mm)."""
    return [(t, px_to_mm(x, dpi), px_to_mm(y, dpi)) for t, x, y in points_px]


def max_travel_mm(points: Sequence[Point]) -> float:
    """The farthest the finger got from where it first touched."""
    if not points:
        return 0.0
    _, x0, y0 = points[0]
    return max(math.hypot(x - x0, y - y0) for _, x, y in points)


def direction_of(dx: float, dy: float) -> Direction:
    """The main screen direction of a movement (y grows downwards); NONE for no movement."""
    if dx == 0 and dy == 0:
        return Direction.NONE
    if abs(dx) >= abs(dy):
        return Direction.RIGHT if dx > 0 else Direction.LEFT
    return Direction.DOWN if dy > 0 else Direction.UP


def off_axis_degrees(dx: float, dy: float) -> float:
    """Angle in degrees between a movement and the nearest axis (0 straight .. 45 diagonal)."""
    if dx == 0 and dy == 0:
        return 0.0
    return math.degrees(math.atan2(min(abs(dx), abs(dy)), max(abs(dx), abs(dy))))


def release_speed_mm_s(points: Sequence[Point], window_ms: float = SPEED_WINDOW_MS) -> float:
    """Finger speed just before lifting, in mm per second, over the last ``window_ms``."""
    if len(points) < 2:
        return 0.0
    t_end, x_end, y_end = points[-1]
    # Anchor on the last sample at or before the window start, so a sparse recording (mouse
    # events, slow machines) still measures over at least one real interval.
    anchor = points[0]
    for point in points:
        if point[0] <= t_end - window_ms:
            anchor = point
        else:
            break
    t0, x0, y0 = anchor
    elapsed = t_end - t0
    if elapsed <= 0:
        # Several samples in the same millisecond: treat as an instant (very fast) movement.
        return math.inf if (x_end, y_end) != (x0, y0) else 0.0
    return math.hypot(x_end - x0, y_end - y0) / elapsed * 1000.0


def classify(points: Sequence[Point]) -> Gesture:
    """Classify one finger's recorded points as tap, long press, drag or swipe.

    A touch that stays within ``TAP_SLOP_MM`` is a tap when shorter than ``LONG_PRESS_MS``
    and a long press otherwise. A touch that travels is a swipe when it covers
    ``SWIPE_MIN_MM`` and is still moving at ``SWIPE_MIN_SPEED_MM_S`` when lifted, else a drag.
    """
    if not points:
        raise ValueError("a gesture needs at least one point")
    t0, x0, y0 = points[0]
    t1, x1, y1 = points[-1]
    duration = max(0.0, t1 - t0)
    travel = max_travel_mm(points)
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    speed = release_speed_mm_s(points)
    if travel <= TAP_SLOP_MM:
        kind = GestureKind.TAP if duration < LONG_PRESS_MS else GestureKind.LONG_PRESS
        direction = Direction.NONE
    else:
        is_swipe = length >= SWIPE_MIN_MM and speed >= SWIPE_MIN_SPEED_MM_S
        kind = GestureKind.SWIPE if is_swipe else GestureKind.DRAG
        direction = direction_of(dx, dy)
    return Gesture(
        kind=kind,
        duration_ms=duration,
        start=(x0, y0),
        end=(x1, y1),
        max_travel_mm=travel,
        length_mm=length,
        direction=direction,
        speed_mm_s=speed,
        off_axis_degrees=off_axis_degrees(dx, dy),
    )


_MISS_WORDS = {
    ("みぎ", ""): "{右|みぎ}",
    ("ひだり", ""): "{左|ひだり}",
    ("", "うえ"): "{上|うえ}",
    ("", "した"): "{下|した}",
    ("みぎ", "うえ"): "{右上|みぎうえ}",
    ("みぎ", "した"): "{右下|みぎした}",
    ("ひだり", "うえ"): "{左上|ひだりうえ}",
    ("ひだり", "した"): "{左下|ひだりした}",
}


def miss_message(dx: float, dy: float) -> str:
    """Coaching for a tap that landed (dx, dy) mm away from the target centre.

    The message names where the target is as seen from the finger, so a touch to the left of
    the target gives 「もう すこし 右です」.
    """
    big, small = max(abs(dx), abs(dy)), min(abs(dx), abs(dy))
    if big == 0:
        return "もう いちど、まんなかを さわりましょう。"
    side = "みぎ" if dx < 0 else "ひだり"
    height = "うえ" if dy > 0 else "した"
    if small >= big * TWO_WAY_MISS_RATIO:
        word = _MISS_WORDS[(side, height)]
    else:
        word = _MISS_WORDS[(side, "")] if abs(dx) > abs(dy) else _MISS_WORDS[("", height)]
    return f"もう すこし {word}です。"


def coach_tap(points: Sequence[Point], target: Target) -> Feedback:
    """Judge a tap aimed at ``target``: held too long, slid, missed (with direction) or ok."""
    gesture = classify(points)
    if gesture.kind in (GestureKind.DRAG, GestureKind.SWIPE):
        return Feedback(False, Mistake.SLID_DURING_TAP, MESSAGES[Mistake.SLID_DURING_TAP])
    x, y = gesture.start
    if not target.contains(x, y):
        return Feedback(False, Mistake.TAP_MISSED, miss_message(x - target.cx, y - target.cy))
    if gesture.kind is GestureKind.LONG_PRESS:
        return Feedback(False, Mistake.HELD_TOO_LONG, MESSAGES[Mistake.HELD_TOO_LONG])
    return OK


def coach_long_press(
    points: Sequence[Point], target: Target, hold_ms: float = LONG_PRESS_MENU_MS
) -> Feedback:
    """Judge a long press on ``target`` that must be held ``hold_ms`` without sliding."""
    gesture = classify(points)
    x, y = gesture.start
    if not target.contains(x, y):
        return Feedback(False, Mistake.TAP_MISSED, miss_message(x - target.cx, y - target.cy))
    if gesture.max_travel_mm > TAP_SLOP_MM:
        return Feedback(
            False, Mistake.SLID_DURING_LONG_PRESS, MESSAGES[Mistake.SLID_DURING_LONG_PRESS]
        )
    if gesture.duration_ms < hold_ms:
        return Feedback(False, Mistake.RELEASED_TOO_SOON, MESSAGES[Mistake.RELEASED_TOO_SOON])
    return OK


def swipe_direction_message(expected: Direction) -> str:
    """Coaching that names the direction to swipe in: 「ひだりに さっと はらいましょう。」."""
    return f"{DIRECTION_WORDS[expected]}に さっと はらいましょう。"


def diagonal_message(expected: Direction | None, gesture: Gesture) -> str:
    """Coaching for a slanted swipe: 「まっすぐ よこに はらいましょう。」 or たてに."""
    axis_of = expected if expected is not None else gesture.direction
    axis = "たて" if axis_of in (Direction.UP, Direction.DOWN) else "よこ"
    return f"まっすぐ {axis}に はらいましょう。"


def coach_swipe(points: Sequence[Point], expected: Direction | None = None) -> Feedback:
    """Judge a swipe: too short, too slow, diagonal, wrong direction, or ok.

    ``expected`` is the direction the drill asks for; ``None`` accepts any straight swipe.
    """
    gesture = classify(points)
    if gesture.kind in (GestureKind.TAP, GestureKind.LONG_PRESS):
        return Feedback(False, Mistake.NOT_A_SWIPE, MESSAGES[Mistake.NOT_A_SWIPE])
    too_short = Feedback(False, Mistake.SWIPE_TOO_SHORT, MESSAGES[Mistake.SWIPE_TOO_SHORT])
    if gesture.length_mm < SWIPE_MIN_MM / 2:
        # Too little movement to tell its direction or slant reliably.
        return too_short
    if gesture.is_diagonal:
        return Feedback(False, Mistake.SWIPE_DIAGONAL, diagonal_message(expected, gesture))
    if expected is not None and gesture.direction is not expected:
        return Feedback(False, Mistake.SWIPE_WRONG_DIRECTION, swipe_direction_message(expected))
    if gesture.length_mm < SWIPE_MIN_MM:
        return too_short
    if gesture.speed_mm_s < SWIPE_MIN_SPEED_MM_S:
        return Feedback(False, Mistake.SWIPE_TOO_SLOW, MESSAGES[Mistake.SWIPE_TOO_SLOW])
    return OK


def pinch_scale(
    start_a: tuple[float, float],
    start_b: tuple[float, float],
    now_a: tuple[float, float],
    now_b: tuple[float, float],
) -> float:
    """The zoom factor two fingers ask for: current distance over starting distance."""
    start = math.dist(start_a, start_b)
    if start <= 0:
        return 1.0
    return math.dist(now_a, now_b) / start


# Two fingers must change the zoom by at least this factor to count as a pinch at all.
PINCH_MIN_CHANGE = 1.08


def coach_pinch(start_scale: float, end_scale: float, goal_scale: float) -> Feedback:
    """Judge one two-finger pinch that took the zoom from ``start_scale`` to ``end_scale``.

    ``goal_scale`` above the start asks to zoom in (spread the fingers), below it to zoom
    out (bring them together). Reaching the goal is ok; otherwise say which way or how far.
    """
    zoom_in = goal_scale > start_scale
    if (zoom_in and end_scale >= goal_scale) or (not zoom_in and end_scale <= goal_scale):
        return OK
    spread = "{指|ゆび}と {指|ゆび}の あいだを ひろげましょう。"
    close = "{指|ゆび}と {指|ゆび}を ちかづけましょう。"
    change = end_scale / start_scale if start_scale > 0 else 1.0
    went_in, went_out = change >= PINCH_MIN_CHANGE, change <= 1 / PINCH_MIN_CHANGE
    if (zoom_in and went_out) or (not zoom_in and went_in):
        return Feedback(False, Mistake.PINCH_WRONG_WAY, spread if zoom_in else close)
    return Feedback(
        False,
        Mistake.PINCH_NOT_ENOUGH,
        "その ちょうしです。もう すこし "
        + ("ひろげましょう。" if zoom_in else "ちかづけましょう。"),
    )


def coach_list_pick(items: Sequence[str], picked: int, wanted: int) -> Feedback:
    """Judge a tap on row ``picked`` of a list when row ``wanted`` was asked for.

    A wrong row is named, and the message says where the wanted one is and which way
    to move the finger (the list moves with the finger, so "further down" means "finger up").
    """
    if picked == wanted:
        return OK
    below = wanted > picked
    where = "した" if below else "うえ"
    message = f"それは 「{items[picked]}」です。「{items[wanted]}」は "
    if abs(wanted - picked) <= 2:
        message += f"すぐ {where}です。"
    else:
        finger = "うえ" if below else "した"
        message += f"もっと {where}です。{{指|ゆび}}を {finger}へ うごかしましょう。"
    return Feedback(False, Mistake.WRONG_ITEM, message)
