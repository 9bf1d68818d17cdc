"""The streaming engine of ``kiosk report``: CSV files in, summable counts out.

Visit record ids are ``<centre>-<kiosk>-<instance>-<n>``, so the rows of one
kiosk database (instance) can be merged on their own: duplicates are found
with one byte per visit number and the counts of different instances simply
add up. A card works at every kiosk in the city, so participants are not
counted per instance: each instance hands what it learnt about its cards to a
``CardTally`` (compact sorted arrays), which counts every card once when all
instances are in. That keeps memory bounded and lets several processes share
the work.

The hot loop works on raw bytes split at ``","`` (the exact format the kiosk
writes); any other CSV (re-saved by Excel, hand-edited) goes through the
``csv`` module and is re-encoded into the same shape.
"""

from __future__ import annotations

import csv
import gc
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.report_cards import CardTally

MAX_PROBLEMS_KEPT = 200

SEP = b'","'
BOM = csv_format.BOM.encode("utf-8")
HEADER_BYTES = csv_format.HEADER_LINE.encode("utf-8")
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


# (month, centre, first visit, self-study or class, answer); first visit is "" when anonymous.
VisitKey = tuple[bytes, bytes, bytes, bytes, bytes]


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
    # Each instance's cards, counted once across instances by ``count_people``.
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


class _Instance:
    """What is known about the participants of one kiosk database until it is counted."""

    def __init__(self) -> None:
        self.seen = bytearray()
        # visit number -> (row, where) for visits without an end time: a later
        # copy of the same visit, with its end and answers, is preferred.
        self.pending: dict[int, tuple[list[bytes], str]] = {}
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

    def _instance(self, instance: bytes) -> _Instance:
        state = self.instances.get(instance)
        if state is None:
            if instance in self.finished or (
                self.allowed is not None and instance not in self.allowed
            ):
                raise MixedInstancesError(instance)
            state = self.instances[instance] = _Instance()
        return state

    def consume(
        self,
        rows: Iterable[list[bytes]],
        where: Callable[[int], str],
        *,
        defer_incomplete: bool = True,
        misshapen: list[tuple[int, bytes]] | None = None,
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
        state = _Instance()
        seen, pending = state.seen, state.pending
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
                new_prefix, dash, number = record.rpartition(b"-")
                if not dash or not number.isdigit():
                    partial.problem(where(index), "記録IDの形が正しくありません")
                    continue
                prefix = new_prefix + dash
                cut = len(prefix)
                state = self._instance(new_prefix.rpartition(b"-")[2])
                seen, pending = state.seen, state.pending
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
            if n >= limit:
                seen.extend(bytes(n + 65536 - limit))
                limit = len(seen)
            elif seen[n]:
                duplicates += 1
                continue
            if not end and defer_incomplete:
                pending[n] = (parts, where(index))
                continue
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
            leftovers = [
                found
                for n, found in state.pending.items()
                if not (n < len(state.seen) and state.seen[n])
            ]
            # The others were replaced by a finished copy of the same visit.
            self.partial.duplicates += len(state.pending) - len(leftovers)
            state.pending.clear()
            places = [where for _, where in leftovers]
            self.consume(
                (parts for parts, _ in leftovers), places.__getitem__, defer_incomplete=False
            )
            # They were counted as read when they were first deferred.
            self.partial.rows_read -= len(leftovers)
            state.count_into(self.partial)
            del self.instances[name]
            self.finished.add(name)


# --- reading files -------------------------------------------------------------------


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), or cp932 as written by Excel's plain "CSV" save."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as exc:
        raise ReportError(
            f"{path}: 文字コードが UTF-8 ではありません。Excel では「CSV UTF-8」で保存してください。"
        ) from exc


@dataclass(frozen=True)
class FileInfo:
    """What the planner learns from a file's first and last rows."""

    path: Path
    instance: bytes
    newest_start: bytes


def inspect_file(path: Path) -> FileInfo:
    """Check the header (raising ``ReportError`` for an unknown schema) and peek at the rows."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 4096))
            tail = handle.read()
    except OSError as exc:
        raise ReportError(f"{path}: 読めません（{exc.strerror or exc}）。") from exc
    body = head[len(BOM) :] if head.startswith(BOM) else head
    lines = body.splitlines()
    if not lines:
        raise ReportError(f"{path}: 空のファイルです。")
    if lines[0] != HEADER_BYTES:
        text = decode(lines[0] + b"\n", path)
        header = next(csv.reader(io.StringIO(text)), [])
        if tuple(header) != csv_format.HEADER:
            if header and header[0] == csv_format.HEADER[0]:
                raise ReportError(
                    f"{path}: この CSV の様式はこの版の kiosk では読めません"
                    f"（列が {len(header)} 個、見出しがちがいます）。kiosk を新しくしてください。"
                )
            raise ReportError(
                f"{path}: 出席 CSV ではありません（1 行目に「様式版」などの見出しがありません）。"
            )
    instance = b""
    if len(lines) > 1:
        cells = lines[1].split(SEP)
        if len(cells) == 1:
            # Not quoted the kiosk's way (re-saved by Excel): read the line properly.
            parsed = next(csv.reader(io.StringIO(decode(lines[1], path))), [])
            cells = [cell.encode() for cell in parsed]
        if len(cells) > 1:
            instance = cells[1].rpartition(b"-")[0].rpartition(b"-")[2]
    newest = b""
    tail_lines = [line for line in tail.splitlines() if line]
    if tail_lines:
        cells = tail_lines[-1].split(SEP)
        if len(cells) == COLUMNS:
            newest = cells[5]
    return FileInfo(path, instance, newest)


def _slow_rows(text: str, line: list[int]) -> Iterator[list[bytes]]:
    """Any CSV dialect Excel writes, re-encoded to the shape of the fast path's rows.

    ``line[0]`` follows the line the current row starts on (rows may span lines).
    """
    reader = csv.reader(io.StringIO(text))
    next(reader, None)
    start = reader.line_num + 1
    for cells in reader:
        line[0] = start
        start = reader.line_num + 1
        if not cells:
            continue
        parts = [c.replace('"', '""').encode("utf-8") for c in cells]
        parts[0] = b'"' + parts[0]
        parts[-1] = parts[-1] + b'"'
        yield parts


def merge_file(merger: Merger, path: Path) -> None:
    """Feed one CSV file to ``merger``."""
    label = str(path)
    try:
        with path.open("rb") as handle:
            header = handle.readline()
            if header.startswith(BOM):
                header = header[len(BOM) :]
            if header.rstrip(b"\r\n") == HEADER_BYTES:
                misshapen: list[tuple[int, bytes]] = []
                # Line by line straight from the file buffer: the cheapest way
                # to get each row's cells as bytes objects.
                merger.consume(
                    map(bytes.split, handle, repeat(SEP)),
                    lambda i: f"{label}:{i + 2}",
                    misshapen=misshapen,
                )
                if misshapen:
                    # A quoted cell with a line break or a '","' inside: let the
                    # csv module read those lines (joined with their neighbours).
                    _reparse(merger, label, misshapen, path)
                return
            data = header + handle.read()
    except OSError as exc:
        raise ReportError(f"{path}: 読めません（{exc.strerror or exc}）。") from exc
    # Not the kiosk's own format (re-saved by Excel, for example): the csv module reads it.
    text = decode(data, path)
    del data
    line = [0]
    merger.consume(_slow_rows(text, line), lambda _i: f"{label}:{line[0]}")


def _reparse(merger: Merger, label: str, bad: list[tuple[int, bytes]], path: Path) -> None:
    runs: list[list[tuple[int, bytes]]] = []
    for item in bad:
        if runs and runs[-1][-1][0] == item[0] - 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        first_line = run[0][0] + 2
        text = "".join(decode(line, path) for _, line in run)
        reader = csv.reader(io.StringIO(text))
        rows: list[list[bytes]] = []
        places: list[str] = []
        start = 1
        for cells in reader:
            places.append(f"{label}:{first_line + start - 1}")
            start = reader.line_num + 1
            parts = [c.replace('"', '""').encode("utf-8") for c in cells]
            if parts:
                parts[0] = b'"' + parts[0]
                parts[-1] = parts[-1] + b'"'
            rows.append(parts)
        merger.consume(rows, places.__getitem__)


def merge_group(
    job: tuple[list[tuple[bytes, list[Path]]], str | None, str | None],
) -> Partial:
    """Merge the files of some kiosk databases; runs in a worker process or in-line.

    Raises ``MixedInstancesError`` when a file holds rows of a database that is
    not in ``job`` (the caller then merges everything in one pass).
    """
    groups, month_from, month_to = job
    merger = Merger(month_from, month_to, allowed={instance for instance, _ in groups})
    with _no_cycle_collection():
        for instance, paths in groups:
            for path in paths:
                merge_file(merger, path)
            merger.finish(instance)
        merger.finish()
    return merger.partial


def merge_everything(paths: list[Path], month_from: str | None, month_to: str | None) -> Partial:
    """One pass over all files with no assumption about which rows each file holds."""
    merger = Merger(month_from, month_to)
    with _no_cycle_collection():
        for path in paths:
            merge_file(merger, path)
        merger.finish()
    return merger.partial


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Millions of short tuples would trigger cycle collections that find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
