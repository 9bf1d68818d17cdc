"""The counting engine of ``kiosk report``: rows in, summable counts out.

Visit record ids are ``<centre>-<kiosk>-<instance>-<n>``. A visit is one
whole record id: two kiosks cloned from one disk image share an instance id
but not their centre and kiosk, so their visits never merge. The rows of one
kiosk database (instance) can be merged on their own: duplicates are found
with one byte per visit number and record prefix, and the counts of different
instances simply add up. A card works at every kiosk in the city, so
participants are not counted per instance: each instance hands what it learnt
about its cards to a ``CardTally`` (compact sorted arrays), which counts every
card once when all instances are in. That keeps memory bounded and lets
several processes share the work.

The hot loop works on raw bytes split at ``","`` (the exact format the kiosk
writes); ``report_files`` reads the files and re-encodes any other CSV into the
same shape. Splitting each line into cells and hashing the fresh cells cost most
of a row either way: counting column by column instead (one split per block of
lines, then ``Counter`` and ``dict.update`` over slices of the cells) was
measured at about a fifth more instructions per row than this loop (callgrind).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import zip_longest
from typing import Any, Protocol

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.report_partial import Partial

SEP = b'","'
COLUMNS = csv_format.COLUMN_COUNT
FIRST_CELL = b'"' + csv_format.SCHEMA_VERSION.encode()
YES = "はい".encode()
NO = "いいえ".encode()
CLASS_MODE = "教室".encode()
FIRST_VALUES = frozenset((YES, NO, b""))
MODE_VALUES = frozenset(a.encode() for a in ("自習", "教室"))
USED_VALUES = frozenset(a.encode() for a in ("はい", "いいえ", "わからない", ""))
# The last cell keeps its closing quote (and the line end) in the hot loop.
UNDERSTOOD_VALUES = frozenset(
    a.encode() + end for a in ("はい", "すこし", "いいえ", "") for end in (b'"', b'"\n', b'"\r\n')
)
# No kiosk reaches a billion visits: a bigger number is a broken record id.
MAX_VISIT_NUMBER = 999_999_999
# Bytes of duplicate marks (one per visit number) a merger keeps in arrays;
# numbers beyond it go to a set, so odd numbers cannot exhaust memory.
DENSE_BUDGET = 64 << 20
# Unfinished visits kept waiting for a finished copy; beyond this they count as they are.
MAX_PENDING = 100_000
# Month state of a card's answer (0: a visit without one).
_ANSWER_STATES = {YES: 2, NO: 1}
# Older than any start time.
_NO_ANSWER = (b"",)


# (centre, first visit, self-study or class, answer, understanding answer as written)
Kind = tuple[bytes, bytes, bytes, bytes, bytes]


class LineSink(Protocol):
    """Where the hot loop puts (row index, line) of rows it could not split into the right cells."""

    def append(self, item: tuple[int, bytes], /) -> None: ...

    def __len__(self) -> int: ...


class MixedInstancesError(Exception):
    """A row belongs to a kiosk database the current merger was not given (hand-merged files)."""


class ReportError(Exception):
    """The report cannot be made at all (unknown schema, unreadable file); text is for staff."""


class Records:
    """The visits seen so far under one record prefix (``<centre>-<kiosk>-<instance>-``)."""

    __slots__ = ("far", "pending", "seen")

    def __init__(self) -> None:
        # One byte per visit number; numbers beyond the merger's budget go to ``far``.
        self.seen = bytearray()
        self.far: set[int] = set()
        # visit number -> (row, where) for visits without an end time: a later
        # copy of the same visit, with its end and answers, is preferred.
        self.pending: dict[int, tuple[list[bytes], str]] = {}

    def has(self, n: int) -> bool:
        return bool(self.seen[n]) if n < len(self.seen) else n in self.far


class InstanceState:
    """What is known about the participants of one kiosk database until it is counted."""

    def __init__(self) -> None:
        self.records: dict[bytes, Records] = {}
        self.attrs: dict[bytes, tuple[bytes, bytes, bytes]] = {}
        self.attr_cache: dict[tuple[bytes, bytes, bytes], tuple[bytes, bytes, bytes]] = {}
        self.first_timers: dict[bytes, bytes] = {}
        self.visit_counts: dict[bytes, int] = {}
        # Visits and completions are counted per kiosk, then folded into the totals.
        # A visit's checked values (its kind) get a number; visits are counted per
        # month and kind number, so one look-up both checks and counts a plain row.
        self.kinds: dict[Kind, int] = {}
        self.kind_list: list[Kind] = []
        # The answer state of each kind (0 none, 1 いいえ, 2 はい).
        self.answer_of: list[int] = []
        self.visits: dict[bytes, list[int]] = {}
        self.lessons: dict[bytes, int] = {}
        self.procedures: dict[bytes, int] = {}
        self.practice: dict[bytes, int] = {}
        self.latest: dict[bytes, tuple[bytes, bytes]] = {}
        # month -> code -> 0 visited only, 1 latest answer いいえ, 2 latest answer はい
        self.months: dict[bytes, dict[bytes, int]] = {}

    def count_into(self, partial: Partial) -> None:
        """Add this kiosk's visits and completions to ``partial``, and its cards to the tally."""
        for month, tally in self.visits.items():
            if total := sum(tally):
                partial.visits_by_month[month] += total
        # Each kind's visits over all months (the month lists end at their last kind).
        by_kind = map(sum, zip_longest(*self.visits.values(), fillvalue=0))
        for (centre, first, mode, used, understood), count in zip(
            self.kind_list, by_kind, strict=False
        ):
            if count:
                partial.visits_by_centre[centre] += count
                partial.understood[understood] += count
                partial.visit_kinds[not first, mode, b"" if first else used] += count
        partial.lessons.update(self.lessons)
        partial.procedures.update(self.procedures)
        partial.practice.update(self.practice)
        by_person = partial.visits_by_person
        for code, visits in self.visit_counts.items():
            _, age, area = self.attrs[code]
            by_person[age, area] += visits
        partial.cards.add(self.attrs, self.first_timers, self.latest, self.months)


class _Place:
    """Where the row-by-row loop is: the current record prefix and day, and what they lead to."""

    def __init__(self) -> None:
        self.prefix = b"\x00"  # matches no record id
        self.cut = 1
        self.records = Records()
        self.state = InstanceState()
        self.day: bytes | None = None
        self.month = b""
        self.in_period = False
        self.month_map: dict[bytes, int] = {}
        # The visit counts of the month (by kind number) and the row's kind number.
        self.tally: list[int] = []
        self.kind = 0
        self.number = 0

    def names(self) -> tuple[Any, ...]:
        """What the hot loop keeps in local names, in the order it unpacks them."""
        state = self.state
        return (
            self.prefix, self.cut, self.records.seen, len(self.records.seen), self.day,
            self.month, self.in_period, self.month_map, state.attrs, state.attr_cache,
            state.visit_counts, state.first_timers, state.latest, state.kinds, self.tally,
            state.answer_of, state.lessons, state.procedures, state.practice,
        )  # fmt: skip

    def move(self, prefix: bytes, records: Records, state: InstanceState) -> None:
        self.prefix, self.cut = prefix, len(prefix)
        self.records, self.state = records, state
        self.day = None
        self.tally = []

    def kind_of(self, parts: list[bytes]) -> None:
        """Number the row's (checked) kind; the month's tally keeps room for every number."""
        state = self.state
        kind = (parts[2], parts[8], parts[11], parts[17], parts[18])
        number = state.kinds.get(kind)
        if number is None:
            number = state.kinds[kind] = len(state.kind_list)
            state.kind_list.append(kind)
            state.answer_of.append(_ANSWER_STATES.get(parts[17], 0))
        self.kind = number
        self.make_room()

    def make_room(self) -> None:
        missing = len(self.state.kind_list) - len(self.tally)
        if missing > 0:
            self.tally.extend(bytes(missing))


def _count_row(place: _Place, parts: list[bytes]) -> None:
    """Count one new, finished, in-period row."""
    state, month_map, month = place.state, place.month_map, place.month
    (
        _version, _record, centre, _kiosk, _day, start, _end, code, first,
        age, area, _mode, _class_id, _title, lessons, procedures, practice,
        used, _understood,
    ) = parts  # fmt: skip
    for counted, cell in (
        (state.lessons, lessons),
        (state.procedures, procedures),
        (state.practice, practice),
    ):
        if cell:
            counted[cell] = counted.get(cell, 0) + 1
    place.tally[place.kind] += 1
    if not code:
        return
    if code not in state.visit_counts:
        triple = (centre, age, area)
        state.attrs[code] = state.attr_cache.setdefault(triple, triple)
    state.visit_counts[code] = state.visit_counts.get(code, 0) + 1
    if first == YES:
        state.first_timers[code] = month
    answer = _ANSWER_STATES.get(used)
    if answer is None:
        month_map.setdefault(code, 0)
    else:
        month_map[code] = answer
        if start >= state.latest.get(code, _NO_ANSWER)[0]:
            state.latest[code] = (start, used)


class Merger:
    """Feeds rows into per-instance state and summable counts."""

    def __init__(
        self,
        month_from: str | None,
        month_to: str | None,
        allowed: set[bytes] | None = None,
    ) -> None:
        self.lo = month_from.encode() if month_from else b""
        self.hi = month_to.encode() if month_to else b"\xff"
        self.allowed = allowed
        self.partial = Partial()
        self.instances: dict[bytes, InstanceState] = {}
        self.finished: set[bytes] = set()
        self.dense_bytes = 0
        self.pending_count = 0

    def _instance(self, instance: bytes) -> InstanceState:
        state = self.instances.get(instance)
        if state is None:
            if instance in self.finished or (
                self.allowed is not None and instance not in self.allowed
            ):
                raise MixedInstancesError(instance)
            state = self.instances[instance] = InstanceState()
        return state

    def records_for(self, record: bytes) -> tuple[Records, InstanceState] | None:
        """The records and instance of a record id's prefix; None if the id is not well formed."""
        prefix, dash, _ = record.rpartition(b"-")
        rest, dash2, instance = prefix.rpartition(b"-")
        if not (dash and dash2 and instance and rest.count(b"-") >= 1):
            return None
        state = self._instance(instance)
        key = prefix + dash
        found = state.records.get(key)
        if found is None:
            found = state.records[key] = Records()
        return found, state

    def make_room(self, records: Records, n: int) -> bool:
        """Make room for visit number ``n`` in ``records.seen`` if the budget allows."""
        size = len(records.seen)
        grow = max(n + 1, 2 * size, 1024) - size
        if self.dense_bytes + grow > DENSE_BUDGET:
            return False
        records.seen.extend(bytes(grow))
        self.dense_bytes += grow
        return True

    def consume(
        self,
        rows: Iterable[list[bytes]],
        where: Callable[[int], str],
        *,
        start: int = 0,
        defer_incomplete: bool = True,
        misshapen: LineSink | None = None,
    ) -> int:
        """Count every new, finished, in-period row; return the index after the last row.

        Rows with the wrong number of cells are reported, or only listed in
        ``misshapen`` (index and line) when the caller will parse them again.
        This is the hot loop: a plain row (same record prefix and day as the
        row before, a finished visit, known values) is counted here with local
        names only; any other row goes to ``_row``, which checks it step by
        step, reports its problem or counts it, and moves the loop's place.
        """
        place = _Place()
        partial = self.partial
        listed = len(misshapen) if misshapen is not None else 0
        first_cell, yes = FIRST_CELL, YES
        (
            prefix, cut, seen, limit, day_now, month, in_period, month_map, attrs, attr_cache,
            counts, first_timers, latest, kinds, tally, answer_of, lessons_n, procedures_n,
            practice_n,
        ) = place.names()  # fmt: skip
        index = start - 1
        n = 0
        duplicates = out_of_period = 0
        for index, parts in enumerate(rows, start):
            try:
                (
                    version, record, centre, _kiosk, day, start_time, end, code, first,
                    age, area, mode, _class_id, _title, lessons, procedures, practice,
                    used, understood,
                ) = parts  # fmt: skip
            except ValueError:
                self._misshapen(parts, index, where, misshapen)
                continue
            number = record[cut:]
            if not (
                day == day_now
                and record.startswith(prefix)
                and number.isdigit()
                and (n := int(number)) < limit
                and end
                and version == first_cell
                # Only kinds of checked rows have a number.
                and (kind := kinds.get((centre, first, mode, used, understood))) is not None
            ):
                self._row(place, parts, where, index, defer_incomplete)
                (
                    prefix, cut, seen, limit, day_now, month, in_period, month_map, attrs,
                    attr_cache, counts, first_timers, latest, kinds, tally, answer_of,
                    lessons_n, procedures_n, practice_n,
                ) = place.names()  # fmt: skip
                continue
            if seen[n]:
                duplicates += 1
                continue
            seen[n] = 1
            if not in_period:
                out_of_period += 1
                continue
            # Cells are counted as written ("a;b"): far fewer values than rows.
            if lessons:
                lessons_n[lessons] = lessons_n.get(lessons, 0) + 1
            if procedures:
                procedures_n[procedures] = procedures_n.get(procedures, 0) + 1
            if practice:
                practice_n[practice] = practice_n.get(practice, 0) + 1
            tally[kind] += 1
            if code:
                visits_so_far = counts.get(code)
                if visits_so_far is None:
                    triple = (centre, age, area)
                    attrs[code] = attr_cache.setdefault(triple, triple)
                    visits_so_far = 0
                counts[code] = visits_so_far + 1
                if first == yes:
                    first_timers[code] = month
                answer = answer_of[kind]
                if answer:
                    month_map[code] = answer
                    if start_time >= latest.get(code, _NO_ANSWER)[0]:
                        latest[code] = (start_time, used)
                else:
                    month_map.setdefault(code, 0)
        partial.duplicates += duplicates
        partial.out_of_period += out_of_period
        if misshapen is not None:
            listed = len(misshapen) - listed
        partial.rows_read += index + 1 - start - listed
        return index + 1

    def _misshapen(
        self,
        parts: list[bytes],
        index: int,
        where: Callable[[int], str],
        misshapen: LineSink | None,
    ) -> None:
        if misshapen is not None:
            misshapen.append((index, SEP.join(parts)))
        else:
            self.partial.problem(where(index), f"列の数が {COLUMNS} ではなく {len(parts)} です")

    def _row(
        self,
        place: _Place,
        parts: list[bytes],
        where: Callable[[int], str],
        index: int,
        defer_incomplete: bool,
    ) -> None:
        """Any row the hot loop does not take: check it step by step, then count or report it."""
        problem = self._check(place, parts)
        if problem is None:
            problem = self._take(place, parts, where, index, defer_incomplete)
        if problem is not None:
            self.partial.problem(where(index), problem)

    def _check(self, place: _Place, parts: list[bytes]) -> str | None:
        """What is wrong with a row's record id, values or date (None: nothing); moves ``place``."""
        record = parts[1]
        number = record[place.cut :]
        if not (record.startswith(place.prefix) and number.isdigit()):
            found = self.records_for(record)
            number = record.rpartition(b"-")[2]
            if found is None or not number.isdigit():
                return "記録IDの形が正しくありません"
            place.move(record[: len(record) - len(number)], *found)
        if (
            parts[0] != FIRST_CELL
            or parts[8] not in FIRST_VALUES
            or parts[11] not in MODE_VALUES
            or parts[17] not in USED_VALUES
            or parts[18] not in UNDERSTOOD_VALUES
        ):
            return "様式版・初回・区分・回答のどれかの値が正しくありません"
        place.kind_of(parts)
        day = parts[4]
        if day != place.day:
            if len(day) != 10 or day[4:5] != b"-":
                return "日付の形が正しくありません"
            place.day = day
            place.month = day[:7]
            place.in_period = self.lo <= place.month <= self.hi
            if place.in_period:
                place.month_map = place.state.months.setdefault(place.month, {})
                place.tally = place.state.visits.setdefault(place.month, [])
            else:
                place.tally = []
            place.make_room()
        place.number = int(number)
        return None

    def _take(
        self,
        place: _Place,
        parts: list[bytes],
        where: Callable[[int], str],
        index: int,
        defer_incomplete: bool,
    ) -> str | None:
        """Deduplicate a checked row, keep it waiting if unfinished, else count it."""
        records, n = place.records, place.number
        sparse = False
        if n >= len(records.seen):
            if n > MAX_VISIT_NUMBER:
                return "記録IDの番号が大きすぎます"
            sparse = not self.make_room(records, n)
        if records.has(n):
            self.partial.duplicates += 1
            return None
        if not parts[6] and defer_incomplete and self.pending_count < MAX_PENDING:
            if n not in records.pending:
                self.pending_count += 1
            records.pending[n] = (parts, where(index))
            return None
        if sparse:
            records.far.add(n)
        else:
            records.seen[n] = 1
        if place.in_period:
            _count_row(place, parts)
        else:
            self.partial.out_of_period += 1
        return None

    def finish(self, instance: bytes | None = None) -> None:
        """Count the leftover unfinished visits and the participants of one instance (or all)."""
        names = list(self.instances) if instance is None else [instance]
        for name in names:
            state = self.instances.get(name)
            if state is None:
                continue
            leftovers = []
            for records in state.records.values():
                waiting = list(records.pending.values())
                kept = [found for n, found in records.pending.items() if not records.has(n)]
                # The others were replaced by a finished copy of the same visit.
                self.partial.duplicates += len(waiting) - len(kept)
                self.pending_count -= len(waiting)
                records.pending.clear()
                leftovers += kept
            places = [where for _, where in leftovers]
            self.consume(
                (parts for parts, _ in leftovers), places.__getitem__, defer_incomplete=False
            )
            # They were counted as read when they were first deferred.
            self.partial.rows_read -= len(leftovers)
            state.count_into(self.partial)
            for records in state.records.values():
                self.dense_bytes -= len(records.seen)
            del self.instances[name]
            self.finished.add(name)
