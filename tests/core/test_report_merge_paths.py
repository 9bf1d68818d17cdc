"""The report's hot loop and its step-by-step path give the same counts on any rows."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import fields
from typing import Any

import pytest

from kiosk.core.attendance.report_merge import FIRST_CELL, NO, YES, Merger

DONT_KNOW = "わからない".encode()


def _random_rows(rng: random.Random, count: int) -> list[list[bytes]]:
    """Rows as the kiosk writes them, with duplicates, unfinished visits and some bad values."""
    rows = []
    for row in range(count):
        # Runs of rows of one kiosk and day, as in the kiosk's files.
        if row % 40 == 0:
            prefix = rng.choice((b"C1-K1-aaa-", b"C2-K1-aaa-", b"C1-K2-bbb-"))
            day = b"2026-%02d-%02d" % (rng.randint(3, 6), rng.randint(1, 3))
        number = b"%d" % rng.randint(1, 300) if rng.random() < 0.98 else b"x1"
        start = day + b"T10:%02d:00+09:00" % rng.randint(0, 3)
        code = rng.choice((b"", b"ACEF2347", b"ACEF2348", b"2222222A", b"H4325FNF"))
        rows.append(
            [
                FIRST_CELL if rng.random() < 0.98 else b'"2',
                prefix + number,
                prefix[:2],
                prefix[3:5],
                day if rng.random() < 0.99 else b"2026/04/01",
                start,
                start if rng.random() < 0.8 else b"",
                code,
                rng.choice((b"", YES, NO)) if code else b"",
                rng.choice((b"", b"60", b"70")) if code else b"",
                rng.choice((b"", b"X", b"Y")) if code else b"",
                rng.choice(("自習", "教室")).encode(),
                b"",
                b"",
                rng.choice((b"", b"a", b"a;b")),
                rng.choice((b"", b"p")),
                rng.choice((b"", b"q")),
                rng.choice((b"", YES, NO, DONT_KNOW)),
                rng.choice(("はい", "すこし", "いいえ", "")).encode() + b'"\r\n',
            ]
        )
    return rows


def _counts(rows: list[list[bytes]], one_by_one: bool) -> tuple[dict[str, object], Counter]:
    merger = Merger("2026-04", "2026-05")

    def where(index: int) -> str:
        return f"f.csv:{index + 2}"

    if one_by_one:
        # A row alone in its call is never taken by the hot loop.
        for index, parts in enumerate(rows):
            merger.consume([parts], where, start=index)
    else:
        merger.consume(rows, where)
    merger.finish()
    partial = merger.partial
    people: Counter[tuple[str, str, bytes]] = Counter()
    partial.cards.count_into(people)
    totals = {f.name: getattr(partial, f.name) for f in fields(partial) if f.name != "cards"}
    return totals, people


def test_the_hot_loop_counts_as_the_step_by_step_path() -> None:
    rows = _random_rows(random.Random(11), 4000)
    hot, hot_people = _counts(rows, one_by_one=False)
    step, step_people = _counts(rows, one_by_one=True)
    assert hot == step
    assert hot_people == step_people
    # The rows hold every case the paths must agree on.
    assert hot["duplicates"]
    assert hot["out_of_period"]
    assert hot["malformed"]
    assert hot_people["used_yes", "all", b""]


def test_most_rows_of_a_plain_run_take_the_hot_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _random_rows(random.Random(11), 4000)
    taken: list[int] = []
    step_by_step = Merger._row

    def counted(self: Merger, *args: Any) -> None:
        taken.append(1)
        step_by_step(self, *args)

    monkeypatch.setattr(Merger, "_row", counted)
    _counts(rows, one_by_one=False)
    assert 0 < len(taken) < len(rows) / 3
