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
same shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.report_cards import CardTally

MAX_PROBLEMS_KEPT = 200

SEP = b'","'
COLUMNS = csv_format.COLUMN_COUNT
_FIRST_CELL = b'"' + csv_format.SCHEMA_VERSION.encode()
YES = "はい".encode()
NO = "いいえ".encode()
CLASS_MODE = "教室".encode()
_FIRST_VALUES = frozenset((YES, NO, b""))
_MODE_VALUES = frozenset(a.encode() for a in ("自習", "教室"))
_USED_VALUES = frozenset(a.encode() for a in ("はい", "いいえ", "わからない", ""))
# The last cell keeps its closing quote (and the line end) in the hot loop.
_UNDERSTOOD_VALUES = frozenset(
    a.encode() + end for a in ("はい", "すこし", "いいえ", "") for end in (b'"', b'"\n', b'"\r\n')
)
# No kiosk reaches a billion visits: a bigger number is a broken record id.
MAX_VISIT_NUMBER = 999_999_999
# Bytes of duplicate marks (one per visit number) a merger keeps in arrays;
# numbers beyond it go to a set, so odd numbers cannot exhaust memory.
DENSE_BUDGET = 64 << 20
# Unfinished visits kept waiting for a finished copy; beyond this they count as they are.
MAX_PENDING = 100_000


# (month, centre, first visit, self-study or class, answer); first visit is "" when anonymous.
VisitKey = tuple[bytes, bytes, bytes, bytes, bytes]


class LineSink(Protocol):
    """Where the hot loop puts (row index, line) of rows it could not split into the right cells."""

    def append(self, item: tuple[int, bytes], /) -> None: ...

    def __len__(self) -> int: ...


class MixedInstancesError(Exception):
    """A row belongs to a kiosk database the current merger was not given (hand-merged files)."""


class ReportError(Exception):
    """The report cannot be made at all (unknown schema, unreadable file); text is for staff."""


@dataclass
class Partial:
    """Counts that add up across kiosks (all keys are raw UTF-8 bytes from the files)."""

    rows_read: int = 0
    duplicates: int = 0
    out_of_period: int = 0
    malformed: int = 0
    problems: list[str] = field(default_factory=list)
    visits_by_month: Counter[bytes] = field(default_factory=Counter)
    visits_by_centre: Counter[bytes] = field(default_factory=Counter)
    # (anonymous, self-study or class, answer of an anonymous visit else b"")
    visit_kinds: Counter[tuple[bool, bytes, bytes]] = field(default_factory=Counter)
    # (age band, area) of the participant, for registered visits
    visits_by_person: Counter[tuple[bytes, bytes]] = field(default_factory=Counter)
    # Cells as written (items joined by ';'), split when the report is finished.
    lessons: Counter[bytes] = field(default_factory=Counter)
    procedures: Counter[bytes] = field(default_factory=Counter)
    practice: Counter[bytes] = field(default_factory=Counter)
    # With the closing quote and line end still on (stripped in the report).
    understood: Counter[bytes] = field(default_factory=Counter)
    # Each instance's cards, counted once across instances by ``CardTally.count_into``.
    cards: CardTally = field(default_factory=CardTally)

    def add(self, other: Partial) -> None:
        """Add another kiosk's counts to these."""
        self.rows_read += other.rows_read
        self.duplicates += other.duplicates
        self.out_of_period += other.out_of_period
        self.malformed += other.malformed
        room = MAX_PROBLEMS_KEPT - len(self.problems)
        self.problems.extend(other.problems[: max(room, 0)])
        self.visits_by_month.update(other.visits_by_month)
        self.visits_by_centre.update(other.visits_by_centre)
        self.visit_kinds.update(other.visit_kinds)
        self.visits_by_person.update(other.visits_by_person)
        self.lessons.update(other.lessons)
        self.procedures.update(other.procedures)
        self.practice.update(other.practice)
        self.understood.update(other.understood)
        self.cards.absorb(other.cards)

    def problem(self, where: str, message: str) -> None:
        self.malformed += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(f"{where}: {message}")


class _Records:
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


class _Instance:
    """What is known about the participants of one kiosk database until it is counted."""

    def __init__(self) -> None:
        self.records: dict[bytes, _Records] = {}
        self.attrs: dict[bytes, tuple[bytes, bytes, bytes]] = {}
        self.attr_cache: dict[tuple[bytes, bytes, bytes], tuple[bytes, bytes, bytes]] = {}
        self.first_timers: dict[bytes, bytes] = {}
        self.visit_counts: dict[bytes, int] = {}
        # Visits and completions are counted per kiosk, then folded into the totals.
        self.visits: dict[VisitKey, int] = {}
        self.lessons: dict[bytes, int] = {}
        self.procedures: dict[bytes, int] = {}
        self.practice: dict[bytes, int] = {}
        self.understood: dict[bytes, int] = {}
        self.latest: dict[bytes, tuple[bytes, bytes]] = {}
        # month -> code -> 0 visited only, 1 latest answer いいえ, 2 latest answer はい
        self.months: dict[bytes, dict[bytes, int]] = {}

    def count_into(self, partial: Partial) -> None:
        """Add this kiosk's visits and completions to ``partial``, and its cards to the tally."""
        for (month, centre, first, mode, used), count in self.visits.items():
            partial.visits_by_month[month] += count
            partial.visits_by_centre[centre] += count
            partial.visit_kinds[not first, mode, b"" if first else used] += count
        partial.lessons.update(self.lessons)
        partial.procedures.update(self.procedures)
        partial.practice.update(self.practice)
        partial.understood.update(self.understood)
        by_person = partial.visits_by_person
        for code, visits in self.visit_counts.items():
            _, age, area = self.attrs[code]
            by_person[age, area] += visits
        partial.cards.add(self.attrs, self.first_timers, self.latest, self.months)


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
        self.instances: dict[bytes, _Instance] = {}
        self.finished: set[bytes] = set()
        self.dense_bytes = 0
        self.pending_count = 0

    def _instance(self, instance: bytes) -> _Instance:
        state = self.instances.get(instance)
        if state is None:
            if instance in self.finished or (
                self.allowed is not None and instance not in self.allowed
            ):
                raise MixedInstancesError(instance)
            state = self.instances[instance] = _Instance()
        return state

    def _records(self, record: bytes) -> tuple[_Records, _Instance] | None:
        """The records and instance of a record id's prefix; None if the id is not well formed."""
        prefix, dash, _ = record.rpartition(b"-")
        rest, dash2, instance = prefix.rpartition(b"-")
        if not (dash and dash2 and instance and rest.count(b"-") >= 1):
            return None
        state = self._instance(instance)
        key = prefix + dash
        found = state.records.get(key)
        if found is None:
            found = state.records[key] = _Records()
        return found, state

    def _grow(self, records: _Records, n: int) -> bool:
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
        defer_incomplete: bool = True,
        misshapen: LineSink | None = None,
    ) -> None:
        """Count every new, finished, in-period row. This is the hot loop: keep it lean.

        Rows with the wrong number of cells are reported, or only listed in
        ``misshapen`` (index and line) when the caller will parse them again.
        Rows arrive mostly in time order, so the month work is done only when
        the date changes, and reused objects keep their cached hashes.
        """
        partial = self.partial
        lo, hi, yes, no = self.lo, self.hi, YES, NO
        first_cell = _FIRST_CELL
        first_values, mode_values, used_values, understood_values = (
            _FIRST_VALUES,
            _MODE_VALUES,
            _USED_VALUES,
            _UNDERSTOOD_VALUES,
        )
        prefix = b"\x00"  # matches no record id
        cut = 1
        records = _Records()
        seen, far, pending = records.seen, records.far, records.pending
        state = _Instance()
        attrs, attr_cache, counts = state.attrs, state.attr_cache, state.visit_counts
        first_timers, latest, months = state.first_timers, state.latest, state.months
        visits, latest_get, counts_get = state.visits, latest.get, counts.get
        visits_get = visits.get
        lessons_n, procedures_n = state.lessons, state.procedures
        practice_n, understood_n = state.practice, state.understood
        lessons_get, procedures_get = lessons_n.get, procedures_n.get
        practice_get, understood_get = practice_n.get, understood_n.get
        limit = 0
        day_now = None
        month = b""
        in_period = False
        month_map: dict[bytes, int] = {}
        index = -1
        duplicates = out_of_period = 0
        for index, parts in enumerate(rows):
            try:
                (
                    version, record, centre, _kiosk, day, start, end, code, first,
                    age, area, mode, _class_id, _title, lessons, procedures, practice,
                    used, understood,
                ) = parts  # fmt: skip
            except ValueError:
                if misshapen is not None:
                    misshapen.append((index, SEP.join(parts)))
                else:
                    partial.problem(where(index), f"列の数が {COLUMNS} ではなく {len(parts)} です")
                continue
            number = record[cut:]
            if not (record.startswith(prefix) and number.isdigit()):
                found = self._records(record)
                number = record.rpartition(b"-")[2]
                if found is None or not number.isdigit():
                    partial.problem(where(index), "記録IDの形が正しくありません")
                    continue
                records, state = found
                prefix = record[: len(record) - len(number)]
                cut = len(prefix)
                seen, far, pending = records.seen, records.far, records.pending
                attrs, attr_cache, counts = state.attrs, state.attr_cache, state.visit_counts
                first_timers, latest, months = state.first_timers, state.latest, state.months
                visits, latest_get, counts_get = state.visits, latest.get, counts.get
                visits_get = visits.get
                lessons_n, procedures_n = state.lessons, state.procedures
                practice_n, understood_n = state.practice, state.understood
                lessons_get, procedures_get = lessons_n.get, procedures_n.get
                practice_get, understood_get = practice_n.get, understood_n.get
                limit = len(seen)
                day_now = None
            if (
                version != first_cell
                or first not in first_values
                or mode not in mode_values
                or used not in used_values
                or understood not in understood_values
            ):
                partial.problem(
                    where(index), "様式版・初回・区分・回答のどれかの値が正しくありません"
                )
                continue
            if day != day_now:
                if len(day) != 10 or day[4:5] != b"-":
                    partial.problem(where(index), "日付の形が正しくありません")
                    continue
                day_now = day
                month = day[:7]
                in_period = lo <= month <= hi
                if in_period:
                    month_map = months.setdefault(month, {})
            n = int(number)
            sparse = False
            if n >= limit:
                if n > MAX_VISIT_NUMBER:
                    partial.problem(where(index), "記録IDの番号が大きすぎます")
                    continue
                if self._grow(records, n):
                    limit = len(seen)
                elif n in far:
                    duplicates += 1
                    continue
                else:
                    sparse = True
            elif seen[n]:
                duplicates += 1
                continue
            if not end and defer_incomplete and self.pending_count < MAX_PENDING:
                if n not in pending:
                    self.pending_count += 1
                pending[n] = (parts, where(index))
                continue
            if sparse:
                far.add(n)
            else:
                seen[n] = 1
            if not in_period:
                out_of_period += 1
                continue
            # Cells are counted as written ("a;b"): far fewer values than rows.
            if lessons:
                lessons_n[lessons] = lessons_get(lessons, 0) + 1
            if procedures:
                procedures_n[procedures] = procedures_get(procedures, 0) + 1
            if practice:
                practice_n[practice] = practice_get(practice, 0) + 1
            understood_n[understood] = understood_get(understood, 0) + 1
            visit = (month, centre, first, mode, used)
            visits[visit] = visits_get(visit, 0) + 1
            if code:
                visits_so_far = counts_get(code)
                if visits_so_far is None:
                    triple = (centre, age, area)
                    attrs[code] = attr_cache.setdefault(triple, triple)
                    counts[code] = 1
                else:
                    counts[code] = visits_so_far + 1
                if first == yes:
                    first_timers[code] = month
                if used in (yes, no):
                    month_map[code] = 2 if used == yes else 1
                    previous = latest_get(code)
                    if previous is None or previous[0] <= start:
                        latest[code] = (start, used)
                elif code not in month_map:
                    month_map[code] = 0
        partial.rows_read += index + 1 - (len(misshapen) if misshapen else 0)
        partial.duplicates += duplicates
        partial.out_of_period += out_of_period

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
