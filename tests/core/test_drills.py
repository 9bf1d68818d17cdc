"""Drill results, praise stars, tap-target placement and the text-size suggestion."""

from __future__ import annotations

import itertools
import random

import pytest

from kiosk.core.drills import (
    DRILL_SUMMARIES,
    DRILL_TITLES,
    PRACTICE_DRILLS,
    TAP_TARGET_SIZES_MM,
    Drill,
    DrillResult,
    stars,
    suggest_text_size,
    tap_targets,
)


def test_result_records_the_drill_as_plain_text() -> None:
    result = DrillResult(Drill.FLICK, attempts=12, successes=10, seconds=95.5)
    assert result.drill == "flick"
    assert str(result.drill) == "flick"


def test_result_refuses_impossible_numbers() -> None:
    with pytest.raises(ValueError, match="more successes than attempts"):
        DrillResult(Drill.TAP, attempts=2, successes=3, seconds=1)
    with pytest.raises(ValueError, match="cannot be negative"):
        DrillResult(Drill.TAP, attempts=-1, successes=0, seconds=1)


@pytest.mark.parametrize(
    ("attempts", "successes", "expected"),
    [(6, 6, 3), (10, 8, 3), (10, 6, 2), (10, 2, 1), (0, 0, 1)],
)
def test_stars_never_fall_below_one(attempts: int, successes: int, expected: int) -> None:
    assert stars(DrillResult(Drill.TAP, attempts, successes, 10)) == expected


def test_every_drill_has_a_title_and_summary() -> None:
    assert len(PRACTICE_DRILLS) == 6
    for drill in Drill:
        assert DRILL_TITLES[drill]
        assert DRILL_SUMMARIES[drill]


def test_tap_targets_shrink_stay_inside_and_move_each_time() -> None:
    targets = tap_targets(60, 110, rng=random.Random(4))
    assert [t.width for t in targets] == list(TAP_TARGET_SIZES_MM)
    for t in targets:
        assert t.width / 2 <= t.cx <= 60 - t.width / 2
        assert t.height / 2 <= t.cy <= 110 - t.height / 2
    for before, after in itertools.pairwise(targets):
        assert not before.contains(after.cx, after.cy)


def test_tap_targets_refuse_an_area_too_small() -> None:
    with pytest.raises(ValueError, match="does not fit in the practice area"):
        tap_targets(20, 20, sizes_mm=(30,))


def test_size_suggestion() -> None:
    steady = [(6.0, True)] * 5 + [(10.0, True)] * 5
    assert suggest_text_size(steady) is None
    small_misses = [(6.0, False)] * 2 + [(8.0, True)] * 3 + [(10.0, True)] * 5
    assert suggest_text_size(small_misses) == "大"
    medium_misses = [(6.0, False)] * 4 + [(10.0, False)] * 2 + [(12.0, True)] * 3
    assert suggest_text_size(medium_misses) == "特大"


def test_size_suggestion_needs_enough_taps() -> None:
    assert suggest_text_size([(6.0, False), (6.0, False)]) is None
