"""The finger-practice drills: their names, results, stars, tap targets and the text-size check."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.gestures import Target


class Drill(StrEnum):
    """The six drills (and the optional size check); the value is what attendance records."""

    TAP = "tap"
    LONG_PRESS = "long_press"
    SWIPE = "swipe"
    SCROLL = "scroll"
    PINCH = "pinch"
    FLICK = "flick"
    SIZE_CHECK = "size_check"


# Names shown to learners, in the order of the practice menu.
DRILL_TITLES: dict[Drill, str] = {
    Drill.TAP: "タップ",
    Drill.LONG_PRESS: "ながおし",
    Drill.SWIPE: "スワイプ",
    Drill.SCROLL: "スクロール",
    Drill.PINCH: "ピンチ",
    Drill.FLICK: "フリック{入力|にゅうりょく}",
    Drill.SIZE_CHECK: "{文字|もじ}の おおきさ チェック",
}

# One line under each title on the menu: what the finger does.
DRILL_SUMMARIES: dict[Drill, str] = {
    Drill.TAP: "ちょんと さわる",
    Drill.LONG_PRESS: "じっと おしつづける",
    Drill.SWIPE: "{横|よこ}に さっと はらう",
    Drill.SCROLL: "{上|うえ}や {下|した}に うごかす",
    Drill.PINCH: "2ほんの {指|ゆび}で ひろげる",
    Drill.FLICK: "{文字|もじ}を うつ",
    Drill.SIZE_CHECK: "30{秒|びょう}で ためす",
}

PRACTICE_DRILLS: tuple[Drill, ...] = (
    Drill.TAP,
    Drill.LONG_PRESS,
    Drill.SWIPE,
    Drill.SCROLL,
    Drill.PINCH,
    Drill.FLICK,
)


@dataclass(frozen=True)
class DrillResult:
    """What one finished drill reports for attendance: tries, successes and time taken."""

    drill: Drill
    attempts: int
    successes: int
    seconds: float

    def __post_init__(self) -> None:
        if self.attempts < 0 or self.successes < 0 or self.seconds < 0:
            raise ValueError("a drill result cannot be negative")
        if self.successes > self.attempts:
            raise ValueError("a drill cannot have more successes than attempts")


def stars(result: DrillResult) -> int:
    """Stars for the praise screen, 1 to 3: finishing always earns at least one."""
    if result.attempts == 0:
        return 1
    share = result.successes / result.attempts
    if share >= 0.8:
        return 3
    if share >= 0.5:
        return 2
    return 1


# Tap targets shrink from a big friendly square to the size of a real phone's buttons.
TAP_TARGET_SIZES_MM: tuple[float, ...] = (30.0, 22.0, 16.0, 12.0, 9.0, 7.0)


def tap_targets(
    area_width_mm: float,
    area_height_mm: float,
    sizes_mm: Sequence[float] = TAP_TARGET_SIZES_MM,
    rng: random.Random | None = None,
) -> list[Target]:
    """Square targets of ``sizes_mm`` placed inside the area, each away from the previous one.

    Consecutive targets never overlap, so every new target asks the finger to move.
    """
    rng = rng or random.Random()
    targets: list[Target] = []
    for size in sizes_mm:
        if size > area_width_mm or size > area_height_mm:
            raise ValueError(f"a {size} mm target does not fit in the practice area")
        for _ in range(50):
            cx = rng.uniform(size / 2, area_width_mm - size / 2)
            cy = rng.uniform(size / 2, area_height_mm - size / 2)
            if not targets or _apart(targets[-1], cx, cy, size):
                break
        targets.append(Target(cx, cy, size, size))
    return targets


def _apart(previous: Target, cx: float, cy: float, size: float) -> bool:
    gap_x = abs(cx - previous.cx) - (size + previous.width) / 2
    gap_y = abs(cy - previous.cy) - (size + previous.height) / 2
    return gap_x > 0 or gap_y > 0


# The size check shows targets of these sizes; small ones are what a phone's keyboard and
# links need, medium ones are a phone's icons.
SIZE_CHECK_SECONDS = 30
SIZE_CHECK_SIZES_MM: tuple[float, ...] = (6.0, 8.0, 10.0, 12.0)
SMALL_TARGET_MM = 8.0
MEDIUM_TARGET_MM = 12.0
MISS_SHARE_FOR_LARGER_TEXT = 0.34
MIN_TAPS_PER_GROUP = 3


def suggest_text_size(taps: Sequence[tuple[float, bool]]) -> str | None:
    """Suggest 大 or 特大 from (target size mm, hit) taps; None when 標準 suits the learner.

    Missing medium targets (phone icons) points to 特大, missing only small ones to 大.
    Too few taps in a group say nothing about it.
    """

    def miss_share(low: float, high: float) -> float | None:
        hits = [hit for size, hit in taps if low < size <= high]
        if len(hits) < MIN_TAPS_PER_GROUP:
            return None
        return hits.count(False) / len(hits)

    medium = miss_share(SMALL_TARGET_MM, MEDIUM_TARGET_MM)
    small = miss_share(0.0, SMALL_TARGET_MM)
    if medium is not None and medium >= MISS_SHARE_FOR_LARGER_TEXT:
        return "特大"
    if small is not None and small >= MISS_SHARE_FOR_LARGER_TEXT:
        return "大"
    return None
