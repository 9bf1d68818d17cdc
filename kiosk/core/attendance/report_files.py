"""Reading attendance CSV files for ``kiosk report``: bounded memory, never stopping on bad input.

A file in the kiosk's own format goes line by line (``readline`` with a
length limit) straight into the merger's hot loop. The few lines that do not
split into the right cells are read again by the ``csv`` module (a quoted line
break, lone carriage returns) or skipped (a line over ``MAX_LINE_BYTES``). Any
other file (re-saved by Excel, Shift_JIS, CR-only line ends) is read by the
``csv`` module in blocks of about 1 MB cut at line ends. A cell over the
``csv`` module's field limit, an unclosed quote, undecodable text or a row
with the wrong number of cells is reported as ``FILE:LINE: reason`` and
skipped; memory stays bounded whatever the file holds.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from pathlib import Path

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.report_merge import COLUMNS, SEP, Merger, ReportError
from kiosk.core.attendance.report_partial import Partial

BLOCK_BYTES = 1 << 20
MAX_LINE_BYTES = 1 << 20
# Misshapen lines of one file kept to be read again by the csv module.
MAX_KEPT_BYTES = 8 << 20
_LONG_LINE_MESSAGE = f"行が長すぎます（{MAX_LINE_BYTES >> 20} MB をこえています）"
BOM = csv_format.BOM.encode("utf-8")
HEADER_BYTES = csv_format.HEADER_LINE.encode("utf-8")
_VERSION = csv_format.SCHEMA_VERSION.encode()


def _line_ends(data: bytes) -> int:
    """Lines ended in ``data``: CRLF, LF and a lone CR each end one line."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _first_line_end(data: bytes) -> int:
    """Index just after the first line end in ``data`` (-1 if none)."""
    ends = [i for i in (data.find(b"\n"), data.find(b"\r")) if i >= 0]
    if not ends:
        return -1
    end = min(ends)
    return end + (2 if data[end : end + 2] == b"\r\n" else 1)


@dataclass(frozen=True)
class _LongLine:
    """A line over ``MAX_LINE_BYTES`` that was skipped (it counts as one line)."""


_LONG_LINE = _LongLine()


def _blocks(handle: io.BufferedReader) -> Iterator[bytes | _LongLine]:
    """The file (after its header) as pieces of whole lines; an over-long line as ``_LONG_LINE``."""
    carry = b""
    skipping = False
    while chunk := handle.read(BLOCK_BYTES):
        if skipping:
            end = _first_line_end(chunk)
            if end < 0:
                continue
            skipping = False
            yield _LONG_LINE
            chunk = chunk[end:]
        data = carry + chunk
        cut = data.rfind(b"\n") + 1 or data.rfind(b"\r") + 1
        if cut == 0:
            if len(data) > MAX_LINE_BYTES:
                skipping, carry = True, b""
            else:
                carry = data
            continue
        carry = data[cut:]
        yield data[:cut]
    if skipping:
        yield _LONG_LINE
    elif carry:
        yield carry


# --- the first look at a file -----------------------------------------------------------


@dataclass(frozen=True)
class FileInfo:
    """What the planner learns from a file's first and last rows."""

    path: Path
    encoding: str
    # Instance ids (kiosk databases) of the first and last rows.
    instances: frozenset[bytes]
    newest_start: bytes


def _encoding(head: bytes) -> str:
    """UTF-8 if the start of the file decodes as UTF-8, else cp932 (Excel's plain "CSV")."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp932"
    return "utf-8"


def _cells(line: bytes, encoding: str) -> list[bytes]:
    """The cells of one line in the fast path's shape (``"`` kept on the first and last)."""
    cells = line.rstrip(b"\r\n").split(SEP)
    if len(cells) == COLUMNS:
        return cells
    try:
        parsed = next(csv.reader(io.StringIO(line.decode(encoding))), [])
    except (UnicodeDecodeError, csv.Error):
        return []
    return _shape(parsed)


def _shape(cells: list[str]) -> list[bytes]:
    """Cells read by the ``csv`` module, re-encoded as the hot loop sees the kiosk's own lines."""
    parts = [c.replace('"', '""').encode("utf-8") for c in cells]
    if parts:
        parts[0] = b'"' + parts[0]
        parts[-1] = parts[-1] + b'"'
    return parts


def _instance(record: bytes) -> bytes:
    return record.rpartition(b"-")[0].rpartition(b"-")[2]


class SkippedFile(Exception):
    """A file that cannot be read at all; the report goes on without it (text is for staff)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}:1: {reason}")
        self.where = f"{path}:1"
        self.reason = reason


def inspect_file(path: Path) -> FileInfo:
    """Check the header and the first row's layout.

    Raises ``ReportError`` for a layout this kiosk does not know (the report
    stops), ``SkippedFile`` for a file that is empty, unreadable or not an
    attendance CSV (the report goes on without it).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 4096))
            tail = handle.read()
    except OSError as exc:
        raise SkippedFile(path, f"読めません（{exc.strerror or exc}）") from exc
    body = head[len(BOM) :] if head.startswith(BOM) else head
    lines = body.splitlines()
    if not lines:
        raise SkippedFile(path, "空のファイルです")
    encoding = _encoding(body)
    if lines[0] != HEADER_BYTES:
        try:
            header = next(csv.reader(io.StringIO(lines[0].decode(encoding))), [])
        except (UnicodeDecodeError, csv.Error):
            header = []
        if tuple(header) != csv_format.HEADER:
            if header and header[0] == csv_format.HEADER[0]:
                raise ReportError(
                    f"{path}: この CSV の様式はこの版の kiosk では読めません"
                    f"（列が {len(header)} 個、見出しがちがいます）。kiosk を新しくしてください。"
                )
            raise SkippedFile(
                path, "出席 CSV ではありません（1 行目に「様式版」などの見出しがありません）"
            )
    instances: set[bytes] = set()
    first = _cells(lines[1], encoding) if len(lines) > 1 else []
    if first:
        version = first[0].lstrip(b'"')
        if version != _VERSION and version.isdigit():
            raise ReportError(
                f"{path}:2: この CSV は様式版 {version.decode()} で、この版の kiosk では"
                f"読めません（読めるのは様式版 {csv_format.SCHEMA_VERSION}）。"
                "kiosk を新しくしてください。"
            )
        if len(first) == COLUMNS:
            instances.add(_instance(first[1]))
    newest = b""
    tail_lines = [line for line in tail.splitlines() if line]
    if tail_lines and size > len(head):
        last = _cells(tail_lines[-1], encoding)
        if len(last) == COLUMNS:
            instances.add(_instance(last[1]))
            newest = last[5]
    elif len(lines) > 1:
        last = _cells(lines[-1], encoding)
        if len(last) == COLUMNS:
            newest = last[5]
    return FileInfo(path, encoding, frozenset(instances), newest)


# --- reading rows -------------------------------------------------------------------------


def merge_file(merger: Merger, info: FileInfo) -> None:
    """Feed every readable row of one file to ``merger``; report the others."""
    path = info.path
    reader = _FileReader(merger, str(path), info.encoding)
    try:
        with path.open("rb") as handle:
            if handle.read(len(BOM)) != BOM:
                handle.seek(0)
            start = handle.tell()
            if handle.readline(MAX_LINE_BYTES) == HEADER_BYTES + b"\r\n":
                reader.read_fast(handle)
            else:
                handle.seek(start)
                reader.read_careful(handle)
    except OSError as exc:
        merger.partial.problem(f"{path}:1", f"読めません（{exc.strerror or exc}）")


class _Misshapen:
    """Lines the fast path could not split into the right cells, kept to be read again.

    The hot loop calls ``append`` only for such lines, so the checks here cost
    nothing on good files. A piece of a line longer than ``MAX_LINE_BYTES``
    (``readline`` returns it in pieces) is skipped with the rest of that line;
    ``extra`` counts those pieces so that later line numbers stay right.
    """

    def __init__(self, reader: _FileReader) -> None:
        self.reader = reader
        self.runs: list[list[tuple[int, bytes]]] = []
        self.kept_bytes = 0
        self.count = 0
        self.extra = 0
        self.in_long_line = False

    def __len__(self) -> int:
        return self.count

    def append(self, item: tuple[int, bytes]) -> None:
        self.count += 1
        index, line = item
        number = index + 2 - self.extra
        if self.in_long_line:
            self.extra += 1
            self.in_long_line = not line.endswith(b"\n")
            return
        if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
            self.in_long_line = True
            self.reader.problem(number, _LONG_LINE_MESSAGE)
            return
        if self.kept_bytes + len(line) > MAX_KEPT_BYTES:
            self.reader.problem(number, "列の数が正しくありません")
            return
        self.kept_bytes += len(line)
        if self.runs and self.runs[-1][-1][0] == number - 1:
            self.runs[-1].append((number, line))
        else:
            self.runs.append([(number, line)])

    def line_of(self, index: int) -> int:
        return index + 2 - self.extra


class _FileReader:
    """Feeds one file's rows to the merger and reports what it cannot read, by line number."""

    def __init__(self, merger: Merger, label: str, encoding: str) -> None:
        self.merger = merger
        self.label = label
        self.encoding = encoding

    def where(self, line: int) -> str:
        return f"{self.label}:{line}"

    def problem(self, line: int, message: str) -> None:
        self.merger.partial.problem(self.where(line), message)

    def read_fast(self, handle: io.BufferedReader) -> None:
        """The kiosk's own format, line by line straight from the file buffer (the hot path)."""
        misshapen = _Misshapen(self)
        lines = iter(partial(handle.readline, MAX_LINE_BYTES), b"")
        self.merger.consume(
            map(bytes.split, lines, repeat(SEP)),
            lambda i: self.where(misshapen.line_of(i)),
            misshapen=misshapen,
        )
        # A quoted cell with a line break or a '","' inside: consecutive
        # misshapen lines are read together by the csv module.
        for run in misshapen.runs:
            data = b"".join(line for _, line in run)
            self._careful(data, run[0][0])

    def read_careful(self, handle: io.BufferedReader) -> None:
        """Any other file (re-saved by Excel, Shift_JIS, CR-only line ends), block by block."""
        line = 1
        header_done = False
        for block in _blocks(handle):
            if isinstance(block, _LongLine):
                self.problem(line, _LONG_LINE_MESSAGE)
                line += 1
                header_done = True
                continue
            if not header_done:
                # inspect_file checked the header; skip it here.
                header_done = True
                end = _first_line_end(block)
                line += 1
                block = block[end:] if end >= 0 else b""
                if not block:
                    continue
            self._careful(block, line)
            line += _line_ends(block) + (0 if block.endswith((b"\n", b"\r")) else 1)

    def _careful(self, block: bytes, start: int) -> None:
        """Read ``block`` (lines from ``start`` on) with the csv module; report what cannot be read."""
        text = self._decode(block, start)
        places: list[int] = []
        self.merger.consume(
            _csv_rows(text, start, places, self.problem),
            lambda i: self.where(places[i]),
        )

    def _decode(self, block: bytes, start: int) -> str:
        try:
            return block.decode(self.encoding)
        except UnicodeDecodeError:
            pass
        # Keep the line count: an undecodable line becomes an empty one.
        lines = []
        for number, line in enumerate(block.splitlines(keepends=True), start):
            try:
                lines.append(line.decode(self.encoding))
            except UnicodeDecodeError:
                self.problem(number, "文字コードが正しくありません")
                lines.append("\n")
        return "".join(lines)


def _csv_rows(
    text: str, start: int, places: list[int], problem: Callable[[int, str], None]
) -> Iterator[list[bytes]]:
    """Rows of ``text`` (lines from ``start`` on) in the hot loop's shape; ``places`` gets each row's line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = start
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problem(line, 'セルが長すぎるか、引用符（"）が閉じていません')
            line = start + reader.line_num
            continue
        row_line, line = line, start + reader.line_num
        if not cells:
            continue
        places.append(row_line)
        yield _shape(cells)


# --- merging groups of files ----------------------------------------------------------------

# The files of some kiosk databases (their instance ids), oldest export first.
Group = tuple[frozenset[bytes], list[FileInfo]]


def merge_group(job: tuple[list[Group], str | None, str | None]) -> Partial:
    """Merge the files of some kiosk databases; runs in a worker process or in-line.

    Raises ``MixedInstancesError`` when a file holds rows of a database that is
    not in ``job`` (the caller then merges everything in one pass).
    """
    groups, month_from, month_to = job
    allowed = {instance for instances, _ in groups for instance in instances}
    merger = Merger(month_from, month_to, allowed=allowed)
    with _no_cycle_collection():
        for instances, infos in groups:
            for info in infos:
                merge_file(merger, info)
            for instance in instances:
                merger.finish(instance)
        merger.finish()
    return merger.partial


def merge_everything(
    infos: list[FileInfo], month_from: str | None, month_to: str | None
) -> Partial:
    """One pass over all files with no assumption about which rows each file holds."""
    merger = Merger(month_from, month_to)
    with _no_cycle_collection():
        for info in infos:
            merge_file(merger, info)
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
