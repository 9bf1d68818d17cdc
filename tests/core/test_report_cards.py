"""The card tally: each card counted once across kiosk databases, in compact arrays."""

from __future__ import annotations

from collections import Counter

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
