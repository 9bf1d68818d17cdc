"""Reading a kiosk file for ``report_arrow``: pyarrow's columns, and whether the engine would agree.

The fast path takes only a file the row-by-row engine would count without a
word; ``read`` raises ``NotHere`` for any other, which then goes to the engine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.report_merge import MAX_VISIT_NUMBER

# Longest cell taken here: 19 of them stay far below report_files.MAX_LINE_BYTES.
MAX_CELL_BYTES = 32 << 10

_NAMES = (
    "version", "record", "centre", "kiosk", "day", "start", "end", "code", "first", "age",
    "area", "mode", "class_id", "title", "lessons", "procedures", "practice", "used",
    "understood",
)  # fmt: skip
_BOM = csv_format.BOM.encode()
_HEADER = csv_format.HEADER_LINE.encode() + b"\r\n"
_QUOTES_PER_ROW = 2 * csv_format.COLUMN_COUNT
# The visit number as the engine reads it, without leading zeros (one spelling per visit).
_DIGITS = len(str(MAX_VISIT_NUMBER))
RECORD = rf"^(?P<prefix>.*-.*-(?P<instance>[^-]+)-)(?:0|[1-9][0-9]{{0,{_DIGITS - 1}}})$"
_DAY = r"^[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}$"
# What ``report_cards.time_ordinal`` reads of a start time.
_START = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}.*)?$"
_VALUES = {
    "version": (csv_format.SCHEMA_VERSION,),
    "first": ("はい", "いいえ", ""),
    "mode": ("自習", "教室"),
    "used": ("はい", "いいえ", "わからない", ""),
    "understood": ("はい", "すこし", "いいえ", ""),
}


def load() -> Any | None:
    """The pyarrow modules this path needs, or None where pyarrow is not installed."""
    # pyarrow's default allocator (mimalloc) kept tens of MB more of freed memory than
    # jemalloc, which the report's 300 MB budget cannot spare. Read when pyarrow is first
    # imported. The Windows builds have no jemalloc (and would warn about it).
    if sys.platform != "win32":
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    try:
        import pyarrow
        import pyarrow.compute
        import pyarrow.csv
    except ImportError:
        return None
    return pyarrow


class NotHere(Exception):
    """The group needs the row-by-row engine."""


def read(pa: Any, path: Path) -> Any:
    """One file's rows as binary columns, if it is in the kiosk's exact layout.

    Two quotes per cell, and (``_check``) the cells' lengths add up to the
    file's: no cell holds a quote or a line break, every cell is quoted and
    every line ends in CRLF, so pyarrow and the engine see the same cells.
    """
    csv = pa.csv
    with pa.OSFile(str(path)) as handle:
        # In pyarrow's memory, which it hands back as soon as the table is built.
        data = handle.read_buffer()
    head = data[: len(_BOM) + len(_HEADER)].to_pybytes()
    start = len(_BOM) if head.startswith(_BOM) else 0
    if not head.startswith(_HEADER, start):
        raise NotHere
    body = data[start + len(_HEADER) :]
    table = csv.read_csv(
        body,
        read_options=csv.ReadOptions(column_names=_NAMES, use_threads=False),
        parse_options=csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
        convert_options=csv.ConvertOptions(
            column_types=dict.fromkeys(_NAMES, pa.binary()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            null_values=[],
        ),
    )
    octets = pa.Array.from_buffers(pa.uint8(), body.size, [None, body])
    quotes = pa.compute.sum(pa.compute.equal(octets, pa.scalar(ord('"'), pa.uint8()))).as_py()
    if (quotes or 0) != _QUOTES_PER_ROW * table.num_rows:
        raise NotHere
    _check(pa, table, body.size)
    return table


def _check(pa: Any, table: Any, size: int) -> None:
    """Every row is one the engine counts without a problem (else ``NotHere``)."""
    pc = pa.compute
    if not table.num_rows:
        raise NotHere
    # Quotes, commas and CRLF around the cells: a quote inside a cell (written
    # twice) makes the file longer, an unquoted cell shorter.
    cells = table.num_rows * (_QUOTES_PER_ROW + csv_format.COLUMN_COUNT - 1 + 2)
    for name in _NAMES:
        lengths = pc.binary_length(table[name])
        if pc.max(lengths).as_py() > MAX_CELL_BYTES:
            raise NotHere
        cells += pc.sum(lengths).as_py()
    if cells != size:
        raise NotHere
    for name, allowed in _VALUES.items():
        values = pa.array([a.encode() for a in allowed], pa.binary())
        if not pc.all(pc.is_in(table[name], value_set=values)).as_py():
            raise NotHere
    # A file holds a few hundred days: their distinct values are checked, not every row.
    # The record ids are checked by the counter, with the one database's id where it can.
    for cells, pattern in ((pc.unique(table["day"]), _DAY), (table["start"], _START)):
        if not pc.all(pc.match_substring_regex(cells, pattern)).as_py():
            raise NotHere
