"""Participants counted once across every kiosk and centre, in little memory.

A card works at any kiosk in the city, so one participant's rows may sit in the
CSVs of several kiosk databases. Each database is still merged on its own (in
a worker process where possible); what it learnt about each card is handed
over as sorted arrays of 64-bit integers, and the participant counts are made
once every database is in, by walking all the arrays in card order.

Per card and database (``cards``):
    key   the card code as a number
    value bits 0-1 the latest answer (0 none, 1 いいえ, 2 はい), bits 2-27 when it
          was given, bits 28-44 the month of the first visit (0 none), bits 45-62
          the card's (centre, age band, area) as an index into the chunk's list.
Per month, card and database (``months``):
    key   month << 45 | card key
    value when the latest answer of that month was given << 2 | that answer
          (the time is 0 when the database's latest answer is in another month).

That is 32 bytes per card and 16 per card-month, against several hundred in
dictionaries.
"""

from __future__ import annotations

import hashlib
import heapq
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import groupby, repeat
from operator import itemgetter
from typing import NamedTuple

from kiosk.core.attendance.codes import CODE_ALPHABET

YES = "はい".encode()

_ALPHABET = CODE_ALPHABET.encode()
_TO_DIGITS = bytes.maketrans(_ALPHABET, b"0123456789abcdefghijkl")
_CODE_BITS = 45
_OLD_OFFSET = 22**10  # city-wide codes (ten characters) come first
_ODD_OFFSET = _OLD_OFFSET + 22**8  # then old cards (eight), then anything else, hashed
_TIME_BITS = 26
_MONTH_BITS = 17
_TRIPLE_SHIFT = 2 + _TIME_BITS + _MONTH_BITS
_MONTH_SHIFT = 2 + _TIME_BITS
_TIME_MASK = (1 << _TIME_BITS) - 1
_MONTH_MASK = (1 << _MONTH_BITS) - 1

Triple = tuple[bytes, bytes, bytes]


class _Chunk(NamedTuple):
    """One kiosk database's cards and card-months, each as sorted keys with their values."""

    triples: list[Triple]
    card_keys: array[int]
    card_values: array[int]
    month_keys: array[int]
    month_values: array[int]


def card_key(code: bytes) -> int:
    """The card code as a number below 2**45; different codes give different numbers.

    A cell that is not a card code (a hand-edited file) is hashed to 40 bits.
    """
    if len(code) in (10, 8) and not code.translate(None, _ALPHABET):
        value = int(code.translate(_TO_DIGITS), 22)
        return value if len(code) == 10 else _OLD_OFFSET + value
    digest = hashlib.blake2b(code, digest_size=5).digest()
    return _ODD_OFFSET + int.from_bytes(digest, "big")


def month_index(month: bytes) -> int:
    """``b"2026-05"`` as a month count (year * 12 + month), 0 for nothing."""
    return int(month[:4]) * 12 + int(month[5:7])


def month_text(index: int) -> bytes:
    year, month = divmod(index - 1, 12)
    return f"{year:04d}-{month + 1:02d}".encode()


def time_ordinal(start: bytes) -> int:
    """An ISO start time as minutes in a calendar of 31-day months from 2000 (order kept)."""
    year, month, day = int(start[:4]) - 2000, int(start[5:7]) - 1, int(start[8:10]) - 1
    hour, minute = int(start[11:13] or 0), int(start[14:16] or 0)
    value = (((year * 12 + month) * 31 + day) * 24 + hour) * 60 + minute
    return min(max(value, 0), _TIME_MASK)


def _answer(used: bytes) -> int:
    return 2 if used == YES else 1


class CardTally:
    """What every kiosk database learnt about its cards, until ``count_into`` counts them once."""

    def __init__(self) -> None:
        self.chunks: list[_Chunk] = []

    def absorb(self, other: CardTally) -> None:
        """Take another tally's databases (from a worker process)."""
        self.chunks.extend(other.chunks)

    def add(
        self,
        attrs: Mapping[bytes, Triple],
        first_timers: Mapping[bytes, bytes],
        latest: Mapping[bytes, tuple[bytes, bytes]],
        months: Mapping[bytes, Mapping[bytes, int]],
    ) -> None:
        """One database's cards: attributes, first-visit months, latest answers, months seen."""
        triples = sorted(set(attrs.values()))
        position = {triple: i for i, triple in enumerate(triples)}
        keys = {code: card_key(code) for code in attrs}
        cards = []
        for code, key in keys.items():
            value = position[attrs[code]] << _TRIPLE_SHIFT
            first = first_timers.get(code)
            if first is not None:
                value |= month_index(first) << _MONTH_SHIFT
            answer = latest.get(code)
            if answer is not None:
                value |= time_ordinal(answer[0]) << 2 | _answer(answer[1])
            cards.append((key, value))
        cards.sort()
        seen = []
        for month, states in months.items():
            high = month_index(month) << _CODE_BITS
            for code, state in states.items():
                when = 0
                if state:
                    answer = latest.get(code)
                    if answer is not None and answer[0][:7] == month:
                        when = time_ordinal(answer[0])
                seen.append((high | keys[code], when << 2 | state))
        seen.sort()
        self.chunks.append(
            _Chunk(
                triples,
                array("q", map(itemgetter(0), cards)),
                array("q", map(itemgetter(1), cards)),
                array("q", map(itemgetter(0), seen)),
                array("q", map(itemgetter(1), seen)),
            )
        )

    @staticmethod
    def _merged(
        streams: Sequence[Iterator[tuple[int, int, int]]],
    ) -> Iterator[tuple[int, list[tuple[int, int, int]]]]:
        """(key, [(key, value, chunk number), ...]) for every key, in key order."""
        for key, group in groupby(heapq.merge(*streams), key=itemgetter(0)):
            yield key, list(group)

    def count_into(self, people: Counter[tuple[str, str, bytes]]) -> None:
        """Add every participant once to ``people`` (measure, dimension, value)."""
        chunks = self.chunks
        cards = [zip(c.card_keys, c.card_values, repeat(i)) for i, c in enumerate(chunks)]
        for _key, group in self._merged(cards):
            triples = [chunks[i].triples[value >> _TRIPLE_SHIFT] for _, value, i in group]
            known = [(age, area) for _, age, area in triples if age]
            age, area = min(known) if known else (triples[0][1], triples[0][2])
            centres = {centre for centre, _, _ in triples}
            self._person(people, "participants", centres, age, area)
            firsts = [
                (value >> _MONTH_SHIFT & _MONTH_MASK, triple[0])
                for (_, value, _), triple in zip(group, triples, strict=True)
                if value >> _MONTH_SHIFT & _MONTH_MASK
            ]
            if firsts:
                month, centre = min(firsts)
                self._person(people, "first_time", {centre}, age, area)
                people["first_time", "month", month_text(month)] += 1
            answers = [
                (value & ((1 << _MONTH_SHIFT) - 1), triple[0])
                for (_, value, _), triple in zip(group, triples, strict=True)
                if value & 3
            ]
            if answers:
                latest, centre = max(answers)
                self._person(people, "answered", {centre}, age, area)
                if latest & 3 == 2:
                    self._person(people, "used_yes", {centre}, age, area)
        months = [zip(c.month_keys, c.month_values, repeat(i)) for i, c in enumerate(chunks)]
        for key, group in self._merged(months):
            label = month_text(key >> _CODE_BITS)
            state = max(value for _, value, _ in group) & 3
            people["participants", "month", label] += 1
            if state:
                people["answered", "month", label] += 1
                if state == 2:
                    people["used_yes", "month", label] += 1

    @staticmethod
    def _person(
        people: Counter[tuple[str, str, bytes]],
        measure: str,
        centres: set[bytes],
        age: bytes,
        area: bytes,
    ) -> None:
        people[measure, "all", b""] += 1
        for centre in centres:
            people[measure, "centre", centre] += 1
        people[measure, "age", age] += 1
        people[measure, "area", area] += 1
