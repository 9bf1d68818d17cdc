"""The columnar fast path of ``kiosk report``: whole kiosk files counted with pyarrow.

pyarrow (optional; the kiosk and its bundle run without it) parses a kiosk's
files in C++ and the counting runs column by column. It only takes a group of
files (one kiosk database, see ``report.plan_groups``) that the row-by-row
engine in ``report_merge`` would count without a word: the kiosk's own layout
(every cell quoted, CRLF, no quote or line break inside a cell), known values,
well-formed record ids and dates, lines well under the length limit. Anything
else, or a group too big to hold in memory at once, returns None and goes whole
to the row-by-row engine, so every problem is still reported there as
``FILE:LINE: reason``.

The counts are the engine's to the last figure: the same copy of a visit wins
(the first finished copy, else the last unfinished one, counted after the
finished visits as ``Merger.finish`` does), a card's attributes come from its
first counted visit, its first-visit month from its last first visit, its
latest answer by start time (a tie goes to the later row) and each month's
answer state from the month's last answer, per kiosk database as
``InstanceState.count_into`` hands them to the ``CardTally``.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import Any

from kiosk.core.attendance import report_cards
from kiosk.core.attendance.report_arrow_pack import (
    card_keys,
    int64s,
    month_numbers,
    row_numbers,
    times,
)
from kiosk.core.attendance.report_arrow_read import RECORD, NotHere, load, read
from kiosk.core.attendance.report_merge import (
    MAX_PENDING,
    NO,
    YES,
)
from kiosk.core.attendance.report_partial import Partial

# A group whose files are bigger than this goes to the row-by-row engine, whose
# memory does not grow with the file: the parsed columns take about twice the text.
MAX_GROUP_BYTES = 32 << 20
# The cells the counts read (the record id, kiosk, end, class and version are done with).
_COUNTED = (
    "centre", "day", "start", "code", "first", "age", "area", "mode", "lessons", "procedures",
    "practice", "used", "understood",
)  # fmt: skip


def count_groups(
    plan: Sequence[tuple[frozenset[bytes], Sequence[Any]]],
    month_from: str | None,
    month_to: str | None,
    threads: int,
) -> Iterator[Partial | None] | None:
    """Count each group of files (``report.plan_groups``) in order; None where the engine must.

    Returns None when pyarrow is not installed. pyarrow lets go of the
    interpreter while it parses and groups, so threads share the work in one
    process: one copy of pyarrow in memory instead of one per worker process.
    Each group's counts are handed over as soon as they are ready, to be added
    up: a city's worth of them at once would not fit the memory budget.
    """
    pa = load()
    if pa is None:
        return None
    return _counted(pa, plan, month_from, month_to, threads)


def _counted(
    pa: Any,
    plan: Sequence[tuple[frozenset[bytes], Sequence[Any]]],
    month_from: str | None,
    month_to: str | None,
    threads: int,
) -> Iterator[Partial | None]:
    def count(group: tuple[frozenset[bytes], Sequence[Any]]) -> Partial | None:
        instances, infos = group
        return count_group(instances, [info.path for info in infos], month_from, month_to)

    if threads <= 1 or len(plan) <= 1:
        yield from map(count, plan)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            # At most two groups per thread ahead of the one being added up.
            pending: deque[Future[Partial | None]] = deque()
            for group in plan:
                pending.append(pool.submit(count, group))
                if len(pending) > 2 * threads:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    # The cards are counted next, in Python's memory: hand pyarrow's back first.
    pa.default_memory_pool().release_unused()


def count_group(
    instances: frozenset[bytes], paths: list[Path], month_from: str | None, month_to: str | None
) -> Partial | None:
    """Count one group of files (oldest export first); None if the engine must do it."""
    pa = load()
    if pa is None:
        return None
    try:
        if sum(path.stat().st_size for path in paths) > MAX_GROUP_BYTES:
            return None
        table = pa.concat_tables([read(pa, path) for path in paths])
        return _Counter(pa, table, instances, month_from, month_to).partial()
    except (NotHere, OSError, ValueError, pa.ArrowException):
        return None


def _bytes(values: Iterable[Any]) -> list[bytes]:
    return [v if v is not None else b"" for v in values]


class _Counter:
    """The counts of one group's rows (validated, in processing order)."""

    def __init__(
        self,
        pa: Any,
        table: Any,
        instances: frozenset[bytes],
        month_from: str | None,
        month_to: str | None,
    ) -> None:
        self.pa = pa
        self.pc = pa.compute
        self.instances = instances
        self.lo = month_from.encode() if month_from else b""
        self.hi = month_to.encode() if month_to else b"\xff"
        pc = self.pc
        self.rows = table.num_rows
        self.table = table.append_column("seq", row_numbers(pa, self.rows))
        self.duplicates = 0
        # The rows of one kiosk database (the usual group) are counted without an
        # instance column; rows of another database go to the engine's merge.
        only = next(iter(instances)) if len(instances) == 1 else b""
        if only.isalnum() and only.isascii():
            own = RECORD.replace("(?P<instance>[^-]+)", only.decode())
            if not pc.all(pc.match_substring_regex(table["record"], own)).as_py():
                raise NotHere
            self.single: bytes | None = only
            self.seen_instances = {only}
            self.keys = ["code"]
            return
        if not pc.all(pc.match_substring_regex(table["record"], RECORD)).as_py():
            raise NotHere
        parts = pc.extract_regex(table["record"], RECORD)
        instance = parts.combine_chunks().field("instance")
        seen = set(pc.unique(instance).to_pylist())
        if not seen <= instances:
            raise NotHere
        self.single = None
        self.seen_instances = seen
        self.keys = ["instance", "code"]
        self.table = self.table.append_column("instance", instance)

    def partial(self) -> Partial:
        partial = Partial(rows_read=self.rows)
        winners = self._winners()
        partial.duplicates = self.duplicates
        pc = self.pc
        # Only what is counted: every filter and sort copies the columns it is given.
        winners = winners.select([*_COUNTED, *self.keys[:-1]])
        month = pc.binary_slice(winners["day"], 0, 7)
        winners = winners.append_column("month", month).append_column(
            "ord", row_numbers(self.pa, winners.num_rows)
        )
        in_period = pc.and_(
            pc.greater_equal(month, self.pa.scalar(self.lo, self.pa.binary())),
            pc.less_equal(month, self.pa.scalar(self.hi, self.pa.binary())),
        )
        counted = winners if pc.all(in_period).as_py() else winners.filter(in_period)
        partial.out_of_period = winners.num_rows - counted.num_rows
        self._visits(partial, counted)
        self._cards(partial, counted)
        return partial

    # --- which copy of each visit counts ---------------------------------------------------

    def _winners(self) -> Any:
        """The counted copy of each visit: finished ones in file order, then the unfinished."""
        pa, pc, table = self.pa, self.pc, self.table
        unfinished = pc.equal(pc.binary_length(table["end"]), 0)
        waiting_count = pc.sum(unfinished).as_py()
        if waiting_count >= MAX_PENDING:
            # The engine stops keeping unfinished visits aside beyond this.
            raise NotHere
        if not waiting_count and pc.count_distinct(table["record"]).as_py() == table.num_rows:
            return table
        waiting = table.select(["record"]).filter(unfinished)
        involved = pc.unique(waiting["record"])
        mixed = pc.is_in(table["record"], value_set=involved)
        plain = table.filter(pc.invert(mixed))
        plain_winners = self._first_copies(plain)
        finished, leftovers = self._replay(table.filter(mixed))
        taken = pa.concat_arrays([plain_winners, pa.array(finished, pa.int64())])
        parts = [table.take(taken.take(pc.array_sort_indices(taken)))]
        if leftovers:
            parts.append(table.take(pa.array(self._leftover_order(leftovers), pa.int64())))
        return pa.concat_tables(parts)

    def _first_copies(self, plain: Any) -> Any:
        """Row numbers of the first copy of each visit whose copies are all finished."""
        pc = self.pc
        if pc.count_distinct(plain["record"]).as_py() == plain.num_rows:
            return plain["seq"].combine_chunks()
        firsts = plain.group_by("record").aggregate([("seq", "min")])
        self.duplicates += plain.num_rows - firsts.num_rows
        return firsts["seq_min"].combine_chunks()

    def _replay(self, rows: Any) -> tuple[list[int], list[tuple[int, int, bytes]]]:
        """Visits with an unfinished copy, row by row as ``Merger._take`` and ``finish`` do.

        Returns the rows of the finished winners, and for each visit left
        unfinished (first unfinished row, counted row, record id).
        """
        seen: set[bytes] = set()
        waiting: dict[bytes, tuple[int, int]] = {}
        finished: list[int] = []
        ends = self.pc.binary_length(rows["end"]).to_pylist()
        for seq, record, end in zip(
            rows["seq"].to_pylist(), rows["record"].to_pylist(), ends, strict=True
        ):
            if record in seen:
                self.duplicates += 1
            elif not end:
                first = waiting.get(record, (seq, seq))[0]
                waiting[record] = (first, seq)
            else:
                seen.add(record)
                finished.append(seq)
        leftovers = []
        for record, (first, last) in waiting.items():
            if record in seen:
                self.duplicates += 1
            else:
                leftovers.append((first, last, record))
        return finished, leftovers

    def _leftover_order(self, leftovers: list[tuple[int, int, bytes]]) -> list[int]:
        """``Merger.finish`` order: record prefixes as first seen, then first unfinished row."""
        pc = self.pc
        prefixes = self.pc.extract_regex(self.table["record"], RECORD).combine_chunks()
        prefix_column = prefixes.field("prefix")
        first_seen: dict[bytes, int] = {}
        keyed = []
        for first, last, record in leftovers:
            prefix = record[: len(record) - len(record.rpartition(b"-")[2])]
            if prefix not in first_seen:
                value = self.pa.scalar(prefix, self.pa.binary())
                first_seen[prefix] = pc.index(prefix_column, value).as_py()
            keyed.append((first_seen[prefix], first, last))
        return [last for _, _, last in sorted(keyed)]

    # --- visits ---------------------------------------------------------------------------

    def _visits(self, partial: Partial, counted: Any) -> None:
        """The summable visit counts (``InstanceState.count_into``'s first half)."""
        pc = self.pc
        for month, n in self._value_counts(counted["month"]):
            partial.visits_by_month[month] += n
        kinds = counted.group_by(["centre", "first", "mode", "used", "understood"]).aggregate(
            [("ord", "count")]
        )
        for centre, first, mode, used, understood, n in zip(
            *(
                _bytes(kinds[name].to_pylist())
                for name in ("centre", "first", "mode", "used", "understood")
            ),
            kinds["ord_count"].to_pylist(),
            strict=True,
        ):
            partial.visits_by_centre[centre] += n
            partial.understood[understood + b'"\r\n'] += n
            partial.visit_kinds[not first, mode, b"" if first else used] += n
        for name, counter in (
            ("lessons", partial.lessons),
            ("procedures", partial.procedures),
            ("practice", partial.practice),
        ):
            column = counted[name]
            # The counter is still empty here: Counter.update then copies the dict at C speed.
            counter.update(
                dict(self._value_counts(column.filter(pc.greater(pc.binary_length(column), 0))))
            )

    def _value_counts(self, column: Any) -> list[tuple[bytes, int]]:
        if not len(column):
            return []
        counts = self.pc.value_counts(column)
        return list(
            zip(
                _bytes(counts.field("values").to_pylist()),
                counts.field("counts").to_pylist(),
                strict=True,
            )
        )

    def _rows(self, table: Any, *names: str) -> Iterable[tuple[Any, ...]]:
        """The rows of ``table`` as tuples (the one database's id where there is no column)."""
        columns: list[Iterable[Any]] = [
            repeat(self.single)
            if name == "instance" and self.single is not None
            else table[name].to_pylist()
            for name in names
        ]
        return zip(*columns, strict=False)

    # --- cards ----------------------------------------------------------------------------

    def _cards(self, partial: Partial, counted: Any) -> None:
        """Each kiosk database's cards into the tally, as ``InstanceState.count_into`` adds them."""
        pc = self.pc
        keys = self.keys
        cards = counted.select([*keys, "centre", "age", "area", "first", "month", "used", "start"])
        cards = cards.append_column("ord", counted["ord"])
        cards = cards.filter(pc.greater(pc.binary_length(cards["code"]), 0))
        people = cards.group_by(keys, use_threads=False).aggregate(
            [("ord", "count"), ("centre", "first"), ("age", "first"), ("area", "first")]
        )
        yes = self.pa.scalar(YES, self.pa.binary())
        firsts = (
            cards.filter(pc.equal(cards["first"], yes))
            .group_by(keys, use_threads=False)
            .aggregate([("month", "last")])
        )
        answers = self.pa.array([YES, NO], self.pa.binary())
        answered = cards.select([*keys, "start", "used", "ord"])
        answered = answered.filter(pc.is_in(answered["used"], value_set=answers))
        latest = (
            answered.sort_by([("start", "ascending"), ("ord", "ascending")])
            .group_by(keys, use_threads=False)
            .aggregate([("start", "last"), ("used", "last")])
        )
        int8 = self.pa.int8()
        state = pc.if_else(
            pc.equal(cards["used"], yes),
            self.pa.scalar(2, int8),
            pc.if_else(
                pc.is_in(cards["used"], value_set=answers),
                self.pa.scalar(1, int8),
                self.pa.scalar(None, int8),
            ),
        )
        months = (
            cards.append_column("state", state)
            .group_by([*keys[:-1], "month", "code"], use_threads=False)
            .aggregate([("state", "last")])
        )
        if self.single is not None:
            self._one_database(partial, people, firsts, latest, months)
            return
        per_instance: dict[bytes, _Cards] = {name: _Cards() for name in self.seen_instances}
        for instance, code, n, centre, age, area in self._rows(
            people, "instance", "code", "ord_count", "centre_first", "age_first", "area_first"
        ):
            found = per_instance[instance]
            found.attrs[code] = triple = found.cache.setdefault(
                (centre, age, area), (centre, age, area)
            )
            partial.visits_by_person[triple[1:]] += n
        for instance, code, month in self._rows(firsts, "instance", "code", "month_last"):
            per_instance[instance].first_timers[code] = month
        for instance, code, start, used in self._rows(
            latest, "instance", "code", "start_last", "used_last"
        ):
            per_instance[instance].latest[code] = (start, used)
        for instance, month, code, value in self._rows(
            months, "instance", "month", "code", "state_last"
        ):
            per_instance[instance].months.setdefault(month, {})[code] = value or 0
        # In the engine's order of databases: the tally breaks some ties by it.
        for instance in self.instances:
            database = per_instance.get(instance)
            if database is not None:
                partial.cards.add(
                    database.attrs, database.first_timers, database.latest, database.months
                )

    def _one_database(
        self, partial: Partial, people: Any, firsts: Any, latest: Any, months: Any
    ) -> None:
        """The cards of the one database, packed column by column as ``CardTally.add`` packs them."""
        pa, pc = self.pa, self.pc
        int64 = pa.int64()
        order, numbers = self._triples(partial, people)
        codes = people["code"]
        keys = card_keys(pa, codes)
        values = pc.shift_left(numbers, report_cards.TRIPLE_SHIFT)
        first_month = month_numbers(pa, firsts["month_last"]).take(
            pc.index_in(codes, value_set=firsts["code"])
        )
        values = pc.bit_wise_or(
            values, pc.fill_null(pc.shift_left(first_month, report_cards.MONTH_SHIFT), 0)
        )
        when = times(pa, latest["start_last"])
        answer = pc.if_else(
            pc.equal(latest["used_last"], pa.scalar(YES, pa.binary())),
            pa.scalar(2, int64),
            pa.scalar(1, int64),
        )
        packed = pc.bit_wise_or(pc.shift_left(when, 2), answer)
        values = pc.bit_wise_or(
            values, pc.fill_null(packed.take(pc.index_in(codes, value_set=latest["code"])), 0)
        )
        # Per month and card: when the latest answer was given, if that was in this month.
        month_keys = pc.bit_wise_or(
            pc.shift_left(month_numbers(pa, months["month"]), report_cards.CODE_BITS),
            keys.take(pc.index_in(months["code"], value_set=codes)),
        )
        state = pc.fill_null(months["state_last"].cast(int64), 0)
        at = pc.index_in(months["code"], value_set=latest["code"])
        latest_month = pc.binary_slice(latest["start_last"], 0, 7).take(at)
        now = pc.and_(
            pc.fill_null(pc.equal(latest_month, months["month"]), False),
            pc.not_equal(state, 0),
        )
        month_values = pc.if_else(
            now, pc.bit_wise_or(pc.shift_left(when.take(at), 2), state), state
        )
        partial.cards.add_packed(
            order, self._by_key(keys, values), self._by_key(month_keys, month_values)
        )

    def _triples(self, partial: Partial, people: Any) -> tuple[list[report_cards.Triple], Any]:
        """The cards' (centre, age band, area) in sorted order, and each card's number in it.

        The cards' visits are added to ``partial.visits_by_person`` on the way.
        A card's triple is numbered from the dictionary numbers of its three
        cells, so Python sees each distinct triple once, not each card.
        """
        pa, pc = self.pa, self.pc
        int64 = pa.int64()
        names = ("centre_first", "age_first", "area_first")
        encoded = [
            pc.dictionary_encode(pc.fill_null(people[name].combine_chunks(), b"")) for name in names
        ]
        words = [column.dictionary.to_pylist() for column in encoded]
        combined = pa.scalar(0, int64)
        for column, dictionary in zip(encoded, words, strict=True):
            combined = pc.add(pc.multiply(combined, len(dictionary)), column.indices.cast(int64))
        visits = pa.table({"triple": combined, "visits": people["ord_count"]})
        per_triple = visits.group_by("triple", use_threads=False).aggregate([("visits", "sum")])
        found = per_triple["triple"].to_pylist()
        triples = []
        for number, n in zip(found, per_triple["visits_sum"].to_pylist(), strict=True):
            number, area = divmod(number, len(words[2]))
            centre, age = divmod(number, len(words[1]))
            triples.append((words[0][centre], words[1][age], words[2][area]))
            partial.visits_by_person[words[1][age], words[2][area]] += n
        order = sorted(triples)
        position = {triple: i for i, triple in enumerate(order)}
        positions = pa.array([position[triple] for triple in triples], int64)
        numbers = positions.take(pc.index_in(combined, value_set=per_triple["triple"]))
        return order, numbers

    def _by_key(self, keys: Any, values: Any) -> tuple[array[int], array[int]]:
        """Keys and values in key order (then value order, where two odd codes share a key)."""
        pc = self.pc
        if pc.count_distinct(keys).as_py() == len(keys):
            order = pc.sort_indices(keys)
        else:
            pair = self.pa.table({"key": keys, "value": values})
            order = pc.sort_indices(pair, sort_keys=[("key", "ascending"), ("value", "ascending")])
        return int64s(keys.take(order)), int64s(values.take(order))


class _Cards:
    """One kiosk database's cards, in the shapes ``CardTally.add`` takes."""

    def __init__(self) -> None:
        self.attrs: dict[bytes, tuple[bytes, bytes, bytes]] = {}
        self.cache: dict[tuple[bytes, bytes, bytes], tuple[bytes, bytes, bytes]] = {}
        self.first_timers: dict[bytes, bytes] = {}
        self.latest: dict[bytes, tuple[bytes, bytes]] = {}
        self.months: dict[bytes, dict[bytes, int]] = {}
