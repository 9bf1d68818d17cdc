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
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import and_, eq, itemgetter, lshift, or_, rshift, sub
from typing import Any, NamedTuple

from kiosk.core.attendance.codes import CODE_ALPHABET

YES = "はい".encode()

# How a card is packed into numbers (report_arrow packs whole columns the same way).
ALPHABET = CODE_ALPHABET.encode()
_TO_DIGITS = bytes.maketrans(ALPHABET, b"0123456789abcdefghijkl")
CODE_BITS = 45
OLD_OFFSET = 22**10  # city-wide codes (ten characters) come first
_ODD_OFFSET = OLD_OFFSET + 22**8  # then old cards (eight), then anything else, hashed
_TIME_BITS = 26
_MONTH_BITS = 17
TRIPLE_SHIFT = 2 + _TIME_BITS + _MONTH_BITS
MONTH_SHIFT = 2 + _TIME_BITS
TIME_MASK = (1 << _TIME_BITS) - 1
_MONTH_MASK = (1 << _MONTH_BITS) - 1
_ANSWER_MASK = (1 << MONTH_SHIFT) - 1
_LOW = (1 << 32) - 1
# Card entries counted at a time (``CardTally.count_into``).
PART_ENTRIES = 1 << 17

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
    if len(code) in (10, 8) and not code.translate(None, ALPHABET):
        value = int(code.translate(_TO_DIGITS), 22)
        return value if len(code) == 10 else OLD_OFFSET + value
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
    return min(max(_day_minutes(start[:10]) + _clock_minutes(start[11:16]), 0), TIME_MASK)


# Far fewer days and clock times than answers: each is worked out once.
@lru_cache(maxsize=1 << 12)
def _day_minutes(day: bytes) -> int:
    year, month, date = int(day[:4]) - 2000, int(day[5:7]) - 1, int(day[8:10]) - 1
    return ((year * 12 + month) * 31 + date) * 24 * 60


@lru_cache(maxsize=1 << 11)
def _clock_minutes(clock: bytes) -> int:
    return int(clock[:2] or 0) * 60 + int(clock[3:5] or 0)


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
        position = {triple: i << TRIPLE_SHIFT for i, triple in enumerate(triples)}
        month_numbers = {month: month_index(month) for month in {*first_timers.values(), *months}}
        keys = dict(zip(attrs, map(card_key, attrs), strict=True))
        values = dict(zip(attrs, map(position.__getitem__, attrs.values()), strict=True))
        for code, first in first_timers.items():
            values[code] |= month_numbers[first] << MONTH_SHIFT
        # Per month, the cards whose latest answer was given in it, and when.
        answered_in: dict[bytes, dict[bytes, int]] = {}
        for code, (start, used) in latest.items():
            when = time_ordinal(start)
            answered_in.setdefault(start[:7], {})[code] = when
            values[code] |= when << 2 | _answer(used)
        card_keys, card_values = _sorted_by_key(keys.values(), values.values())
        month_keys: list[int] = []
        month_values: list[int] = []
        for month, states in months.items():
            high = month_numbers[month] << CODE_BITS
            month_keys.extend(map(or_, repeat(high), map(keys.__getitem__, states)))
            # When the card gave its latest answer, if that was in this month.
            answered_now = answered_in.get(month)
            if answered_now:
                states = dict(states)
                for code, when in answered_now.items():
                    state = states.get(code)
                    if state:
                        states[code] = when << 2 | state
            month_values.extend(states.values())
        self.chunks.append(
            _Chunk(triples, card_keys, card_values, *_sorted_by_key(month_keys, month_values))
        )

    def add_packed(
        self,
        triples: list[Triple],
        cards: tuple[array[int], array[int]],
        months: tuple[array[int], array[int]],
    ) -> None:
        """One database's cards already packed and sorted as ``add`` packs them (keys, values)."""
        self.chunks.append(_Chunk(triples, *cards, *months))

    def count_into(self, people: Counter[tuple[str, str, bytes]]) -> None:
        """Add every participant once to ``people`` (measure, dimension, value).

        Each card's entries (one per database) are reduced with sorts and dict
        updates over arrays of numbers, not one Python object per card (with
        pyarrow's group-bys where the report's fast path has loaded it). Cards
        that only one database saw, the usual case, are tallied by kind. The
        cards are counted one range of card keys at a time (every entry of a
        card falls in the same range), so the Python objects of the reduction
        stay at about ``PART_ENTRIES`` entries however many cards there are.
        """
        for chunks in self._key_ranges():
            self._count_cards(people, chunks)
        for month, (cards, answered, yes) in self._month_tallies():
            label = month_text(month)
            people["participants", "month", label] += cards
            people["answered", "month", label] += answered
            people["used_yes", "month", label] += yes

    def _key_ranges(self) -> Iterator[list[_Chunk]]:
        """The chunks, cut into ranges of card keys of about ``PART_ENTRIES`` entries each."""
        total = sum(len(chunk.card_keys) for chunk in self.chunks)
        parts = -(-total // PART_ENTRIES)
        if parts <= 1:
            yield self.chunks
            return
        step = max(1, total // (parts * 64))
        sample = sorted(key for chunk in self.chunks for key in chunk.card_keys[::step])
        bounds = sorted({sample[len(sample) * i // parts] for i in range(1, parts)})
        starts = [0] * len(self.chunks)
        for bound in [*bounds, None]:
            part = []
            for i, chunk in enumerate(self.chunks):
                keys = chunk.card_keys
                end = len(keys) if bound is None else bisect_left(keys, bound)
                part.append(
                    chunk._replace(
                        card_keys=keys[starts[i] : end],
                        card_values=chunk.card_values[starts[i] : end],
                    )
                )
                starts[i] = end
            yield part

    def _count_cards(self, people: Counter[tuple[str, str, bytes]], chunks: list[_Chunk]) -> None:
        """Count the cards of ``chunks`` (all the entries of each card, in database order)."""
        triples = sorted({triple for chunk in chunks for triple in chunk.triples})
        all_keys = array("q")
        for chunk in chunks:
            all_keys.extend(chunk.card_keys)
        if len(set(all_keys)) == len(all_keys):
            self._count_single_entries(people, chunks, triples)
            return
        centres = sorted({centre for centre, _, _ in triples})
        pairs = sorted({(age, area) for _, age, area in triples})
        triple_no = {triple: i for i, triple in enumerate(triples)}
        centre_no = {centre: i for i, centre in enumerate(centres)}
        pair_no = {pair: i for i, pair in enumerate(pairs)}
        keys, values, entry_triples = array("q"), array("q"), array("q")
        for chunk in chunks:
            local = [triple_no[triple] for triple in chunk.triples]
            keys.extend(chunk.card_keys)
            values.extend(chunk.card_values)
            entry_triples.extend(map(local.__getitem__, _bits(chunk.card_values, TRIPLE_SHIFT)))
        centre_of = [centre_no[centre] for centre, _, _ in triples]
        entry_centres = array("q", map(centre_of.__getitem__, entry_triples))

        pair_of = [pair_no[triple[1:]] for triple in triples]
        person = self._person_pairs(chunks, keys, values, entry_triples, triples, pair_of)
        self._people(people, "participants", person.values(), pairs)
        shift = len(centres).bit_length()
        last = (1 << shift) - 1
        card_centres = set(map(or_, map(lshift, keys, repeat(shift)), entry_centres))
        by_centre = Counter(map(and_, card_centres, repeat(last)))
        for centre, n in by_centre.items():
            people["participants", "centre", centres[centre]] += n

        # First visit: the earliest month, then the smallest centre code.
        months = list(_bits(values, MONTH_SHIFT, _MONTH_MASK))
        firsts = _largest(
            compress(keys, months),
            map(
                or_,
                map(lshift, map(sub, repeat(_MONTH_MASK), compress(months, months)), repeat(shift)),
                map(sub, repeat(last), compress(entry_centres, months)),
            ),
            _MONTH_BITS + shift,
        )
        self._people(people, "first_time", map(person.__getitem__, firsts), pairs)
        for score, n in Counter(firsts.values()).items():
            people["first_time", "centre", centres[last - (score & last)]] += n
            people["first_time", "month", month_text(_MONTH_MASK - (score >> shift))] += n

        # Latest answer: the latest time (then はい before いいえ), then the largest centre code.
        chosen = list(_bits(values, 0, 3))
        answers = _largest(
            compress(keys, chosen),
            map(
                or_,
                map(lshift, _bits(compress(values, chosen), 0, _ANSWER_MASK), repeat(shift)),
                compress(entry_centres, chosen),
            ),
            MONTH_SHIFT + shift,
        )
        yes = list(map(eq, _bits(answers.values(), shift, 3), repeat(2)))
        for measure, cards in (
            ("answered", list(answers)),
            ("used_yes", list(compress(answers, yes))),
        ):
            self._people(people, measure, map(person.__getitem__, cards), pairs)
            scores = map(answers.__getitem__, cards)
            for centre, n in Counter(_bits(scores, 0, last)).items():
                people[measure, "centre", centres[centre]] += n

    @staticmethod
    def _count_single_entries(
        people: Counter[tuple[str, str, bytes]], chunks: list[_Chunk], triples: list[Triple]
    ) -> None:
        """Count cards that each have one entry (one database saw them): the usual case.

        With nothing to choose between, a card is counted by its entry's
        (centre, age band, area), first-visit month and latest answer: the
        entries are tallied by those and each tally is counted at once.
        """
        triple_no = {triple: i for i, triple in enumerate(triples)}
        local = [[triple_no[triple] for triple in chunk.triples] for chunk in chunks]
        card_values = [chunk.card_values for chunk in chunks]
        pyarrow = _pyarrow_if_loaded()
        if pyarrow is not None:
            from kiosk.core.attendance import report_cards_arrow

            tallies = report_cards_arrow.single_tallies(
                pyarrow, card_values, local, (TRIPLE_SHIFT, MONTH_SHIFT, _MONTH_MASK)
            )
        else:
            tallies = _single_tallies(card_values, local)
        by_answer, firsts, first_months = tallies

        def count(measure: str, triple: int, n: int) -> None:
            centre, age, area = triples[triple]
            people[measure, "all", b""] += n
            people[measure, "age", age] += n
            people[measure, "area", area] += n
            people[measure, "centre", centre] += n

        for kind, n in by_answer.items():
            triple, answer = kind >> 2, kind & 3
            count("participants", triple, n)
            if answer:
                count("answered", triple, n)
            if answer == 2:
                count("used_yes", triple, n)
        for triple, n in firsts.items():
            count("first_time", triple, n)
        for month, n in first_months.items():
            people["first_time", "month", month_text(month)] += n

    @staticmethod
    def _person_pairs(
        chunks: list[_Chunk],
        keys: array[int],
        values: array[int],
        entry_triples: array[int],
        triples: list[Triple],
        pair_of: list[int],
    ) -> dict[int, int]:
        """Each card's (age band, area) number when some cards have several entries.

        The smallest known (age, area), else those of the entry with the smallest
        value (then the earliest database). Scores end in the pair number.
        """
        chunk_of = chain.from_iterable(repeat(i, len(c.card_keys)) for i, c in enumerate(chunks))
        pair_count = len(set(pair_of))
        low = 63 + len(chunks).bit_length()
        top = 1 << low
        known = [pair if triple[1] else -1 for pair, triple in zip(pair_of, triples, strict=True)]
        ranks = (
            (top | pair_count - known[t]) << 32 | known[t]
            if known[t] >= 0
            else (top - 1 - value * len(chunks) - chunk) << 32 | pair_of[t]
            for t, value, chunk in zip(entry_triples, values, chunk_of, strict=True)
        )
        return {key: rank & _LOW for key, rank in _largest(keys, ranks, low + 33).items()}

    def _month_tallies(self) -> Iterator[tuple[int, tuple[int, int, int]]]:
        """Per month, its cards, those that answered and those that said はい (one month in memory).

        A card's answer in the month is its largest month value over the databases.
        """
        parts: dict[int, list[tuple[_Chunk, int, int]]] = {}
        for chunk in self.chunks:
            sorted_keys, low = chunk.month_keys, 0
            while low < len(sorted_keys):
                month = sorted_keys[low] >> CODE_BITS
                high = bisect_left(sorted_keys, (month + 1) << CODE_BITS, low)
                parts.setdefault(month, []).append((chunk, low, high))
                low = high
        for month in sorted(parts):
            keys, values = array("q"), array("q")
            for chunk, low, high in parts[month]:
                keys.extend(chunk.month_keys[low:high])
                values.extend(chunk.month_values[low:high])
            pyarrow = _pyarrow_if_loaded()
            if pyarrow is not None:
                from kiosk.core.attendance import report_cards_arrow

                yield month, report_cards_arrow.month_tally(pyarrow, keys, values)
                continue
            states = _largest(keys, values, MONTH_SHIFT)
            tally = Counter(map(and_, states.values(), repeat(3)))
            yield month, (len(states), tally[1] + tally[2], tally[2])

    @staticmethod
    def _people(
        people: Counter[tuple[str, str, bytes]],
        measure: str,
        chosen_pairs: Iterable[int],
        pairs: Sequence[tuple[bytes, bytes]],
    ) -> None:
        """Count participants (given by their (age band, area) numbers) in all, by age and by area."""
        for pair, n in Counter(chosen_pairs).items():
            age, area = pairs[pair]
            people[measure, "all", b""] += n
            people[measure, "age", age] += n
            people[measure, "area", area] += n


def _bits(values: Iterable[int], shift: int, mask: int = -1) -> Iterator[int]:
    """``value >> shift & mask`` of each value."""
    return map(and_, map(rshift, values, repeat(shift)), repeat(mask))


def _sorted_by_key(keys: Collection[int], values: Collection[int]) -> tuple[array[int], array[int]]:
    """Keys and their values as two arrays in key order (sorting the keys alone is quicker)."""
    by_key = dict(zip(keys, values, strict=True))
    if len(by_key) == len(keys):
        order = sorted(by_key)
        return array("q", order), array("q", map(by_key.__getitem__, order))
    # Two odd codes hashed to one key: keep both entries.
    pairs = sorted(zip(keys, values, strict=True))
    return array("q", map(itemgetter(0), pairs)), array("q", map(itemgetter(1), pairs))


def _largest(keys: Iterable[int], scores: Iterable[int], bits: int) -> dict[int, int]:
    """The largest score of each key (scores are below ``2**bits``), in key order.

    Key and score are packed into one number and sorted: the arrays come in
    sorted runs, which the sort merges cheaply, and the last of each key wins.
    Where the report's fast path has loaded pyarrow, a group-by does it.
    """
    pyarrow = _pyarrow_if_loaded()
    if pyarrow is not None and bits < 63:
        from kiosk.core.attendance import report_cards_arrow

        return report_cards_arrow.largest(pyarrow, keys, scores)
    packed = sorted(map(or_, map(lshift, keys, repeat(bits)), scores))
    mask = (1 << bits) - 1
    return dict(
        zip(map(rshift, packed, repeat(bits)), map(and_, packed, repeat(mask)), strict=True)
    )


# Entries of single-entry cards, tallied: by ``triple << 2 | answer``, by the triple
# of those with a first visit, by the month of that first visit (triples numbered in
# the key range's list).
_SingleTallies = tuple[dict[int, int], dict[int, int], dict[int, int]]


def _single_tallies(card_values: list[array[int]], local: list[list[int]]) -> _SingleTallies:
    """``_count_single_entries``' tallies in plain Python."""
    by_answer: Counter[int] = Counter()
    firsts: Counter[int] = Counter()
    first_months: Counter[int] = Counter()
    for values, numbers in zip(card_values, local, strict=True):
        kinds = Counter(
            map(or_, map(lshift, _bits(values, TRIPLE_SHIFT), repeat(2)), _bits(values, 0, 3))
        )
        for kind, n in kinds.items():
            by_answer[numbers[kind >> 2] << 2 | kind & 3] += n
        for kind, n in Counter(_bits(values, MONTH_SHIFT)).items():
            month = kind & _MONTH_MASK
            if month:
                firsts[numbers[kind >> _MONTH_BITS]] += n
                first_months[month] += n
    return by_answer, firsts, first_months


def _pyarrow_if_loaded() -> Any | None:
    """pyarrow, if the report's fast path has imported it; this module never imports it.

    Without it (the kiosk's bundle, the pure engine alone) the same figures come
    from Python's sort.
    """
    if sys.modules.get("pyarrow.compute") is None:
        return None
    return sys.modules.get("pyarrow")
