"""The card tally: each card counted once across kiosk databases, in compact arrays."""

from __future__ import annotations

import random
import sys
from collections import Counter

import pytest

from kiosk.core.attendance import report_cards
from kiosk.core.attendance.codes import make_code
from kiosk.core.attendance.report_cards import CardTally, card_key, month_index, month_text

YES, NO = "はい".encode(), "いいえ".encode()


def test_card_keys_differ_for_different_codes_of_every_kind() -> None:
    new = [make_code("2345", n).encode() for n in range(500)]
    old = [b"ACEF2347", b"ACEF2348", b"2222222A"]
    odd = [b"", b"hand-edited", b"ACEF234", "ｶｰﾄﾞ".encode()]
    keys = [card_key(code) for code in new + old + odd]
    assert len(set(keys)) == len(keys)
    assert all(0 <= key < 2**45 for key in keys)
    assert month_text(month_index(b"2026-05")) == b"2026-05"
    assert month_text(month_index(b"2026-12")) == b"2026-12"


def test_a_card_seen_by_two_databases_counts_once_with_the_known_attributes() -> None:
    code = make_code("2345", 7).encode()
    alone = make_code("2345", 8).encode()
    tally, elsewhere = CardTally(), CardTally()
    tally.add(
        {code: (b"A", b"70\xe4\xbb\xa3", b"X"), alone: (b"A", b"60", b"X")},
        {code: b"2026-04", alone: b"2026-05"},
        {code: (b"2026-04-02T10:00:00+09:00", YES)},
        {b"2026-04": {code: 2}, b"2026-05": {alone: 0}},
    )
    # The second kiosk met the card before the register told it the age band.
    elsewhere.add(
        {code: (b"B", b"", b"")},
        {},
        {code: (b"2026-05-09T10:00:00+09:00", NO)},
        {b"2026-05": {code: 1}},
    )
    tally.absorb(elsewhere)
    people: Counter[tuple[str, str, bytes]] = Counter()
    tally.count_into(people)
    assert people["participants", "all", b""] == 2
    assert people["participants", "centre", b"A"] == 2
    assert people["participants", "centre", b"B"] == 1
    assert people["participants", "age", b""] == 0
    assert people["first_time", "all", b""] == 2
    assert people["first_time", "month", b"2026-04"] == 1
    # The latest answer overall is the いいえ given at B in May.
    assert people["answered", "all", b""] == 1
    assert people["used_yes", "all", b""] == 0
    assert people["answered", "centre", b"B"] == 1
    assert people["participants", "month", b"2026-05"] == 2
    assert people["used_yes", "month", b"2026-04"] == 1
    assert people["answered", "month", b"2026-05"] == 1


def _reference(databases: list[tuple]) -> Counter[tuple[str, str, bytes]]:
    """The tally's rules card by card, in plain Python (what ``count_into`` must give)."""
    from kiosk.core.attendance.report_cards import time_ordinal

    entries: dict[bytes, list[tuple]] = {}
    months: dict[tuple[bytes, bytes], list[tuple[int, int]]] = {}
    for number, (attrs, firsts, latest, seen) in enumerate(databases):
        for code, triple in attrs.items():
            answer = latest.get(code)
            entries.setdefault(code, []).append((triple, firsts.get(code), answer, number))
        for month, states in seen.items():
            for code, state in states.items():
                answer = latest.get(code)
                answered = state and answer and answer[0][:7] == month
                when = time_ordinal(answer[0]) if answered else 0
                months.setdefault((month, code), []).append((when, state))
    people: Counter[tuple[str, str, bytes]] = Counter()

    def person(measure: str, centres: set[bytes], age: bytes, area: bytes) -> None:
        people[measure, "all", b""] += 1
        for centre in centres:
            people[measure, "centre", centre] += 1
        people[measure, "age", age] += 1
        people[measure, "area", area] += 1

    for found in entries.values():
        known = [triple[1:] for triple, *_ in found if triple[1]]
        # Without a known age band: the entry whose database lists the card first.
        plain = min(found, key=lambda e: (sorted(databases[e[3]][0].values()).index(e[0]), e[3]))
        age, area = min(known) if known else plain[0][1:]
        person("participants", {triple[0] for triple, *_ in found}, age, area)
        firsts = [(first, triple[0]) for triple, first, _, _ in found if first]
        if firsts:
            month, centre = min(firsts)
            person("first_time", {centre}, age, area)
            people["first_time", "month", month] += 1
        answers = [
            (time_ordinal(answer[0]), answer[1] == YES, triple[0])
            for triple, _, answer, _ in found
            if answer
        ]
        if answers:
            _, yes, centre = max(answers)
            person("answered", {centre}, age, area)
            if yes:
                person("used_yes", {centre}, age, area)
    for (month, _), states in months.items():
        state = max(states)[1]
        people["participants", "month", month] += 1
        if state:
            people["answered", "month", month] += 1
            if state == 2:
                people["used_yes", "month", month] += 1
    return people


@pytest.mark.parametrize("arrow", [True, False])
@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("part_entries", [1 << 17, 7])
def test_the_tally_matches_the_rules_card_by_card_on_random_databases(
    part_entries: int, shared: bool, arrow: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 7: the cards are counted in many small ranges of card keys.
    monkeypatch.setattr(report_cards, "PART_ENTRIES", part_entries)
    # The report's fast path loads pyarrow, and the tally then reduces with it.
    if arrow:
        pytest.importorskip("pyarrow.compute")
    else:
        monkeypatch.setitem(sys.modules, "pyarrow.compute", None)
    assert (report_cards._pyarrow_if_loaded() is not None) == arrow
    rng = random.Random(5)
    codes = [make_code("2345", n).encode() for n in range(150)]
    ages, areas = (b"", b"60", b"70"), (b"", b"X", b"Y")
    databases = []
    for number, centre in enumerate((b"A", b"B", b"C", b"B", b"A")):
        # Shared: most cards were used at several kiosks; else each at one only.
        mine = rng.sample(codes[:60], 30) if shared else codes[number * 30 : number * 30 + 30]
        attrs = {code: (centre, rng.choice(ages), rng.choice(areas)) for code in mine}
        firsts = {code: b"2026-0%d" % rng.randint(4, 6) for code in mine if rng.random() < 0.5}
        # Few distinct times, so that ties between databases are common.
        latest = {
            code: (b"2026-0%d-01T10:0%d:00+09:00" % (rng.randint(4, 6), rng.randint(0, 1)),
                   rng.choice((YES, NO)))
            for code in mine
            if rng.random() < 0.6
        }  # fmt: skip
        seen: dict[bytes, dict[bytes, int]] = {}
        for code in mine:
            for month in (b"2026-04", b"2026-05", b"2026-06"):
                if rng.random() < 0.5:
                    answer = latest.get(code)
                    state = (2 if answer[1] == YES else 1) if answer and rng.random() < 0.7 else 0
                    seen.setdefault(month, {})[code] = state
        databases.append((attrs, firsts, latest, seen))
    tally = CardTally()
    for database in databases:
        part = CardTally()
        part.add(*database)
        tally.absorb(part)
    people: Counter[tuple[str, str, bytes]] = Counter()
    tally.count_into(people)
    assert +people == +_reference(databases)
