"""The usage-rate KPI of one kiosk, counted straight from its SQLite database.

``kiosk report`` merges the CSVs of many kiosks; the staff console asks the same
question of this kiosk's own database, without writing a CSV and reading it back.
There is one set of rules for which visit counts and how (a finished copy wins over
an unfinished one, the period, who is a participant, which answer is a card's latest,
what a first visit is, the understanding answer): the report's ``Merger``. The
database's visit rows go to it as the cells the CSV export would write for them
(the export's own query, each value neutralised and quoted as in the file), so both
give the same figures for the same visits by construction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.clones import earlier_instances, instance_sql
from kiosk.core.attendance.report import Report, report_from_counts
from kiosk.core.attendance.report_merge import Merger
from kiosk.core.excel_safe import neutralise

_FETCH_ROWS = 4096


class _Cells(dict[str | int | None, bytes]):
    """Values as the CSV export writes them between the quotes (``report._text`` undoes
    this), each worked out once: centres, dates, ages, areas and items repeat on every row."""

    def __missing__(self, value: str | int | None) -> bytes:
        text = "" if value is None else str(value)
        cell = neutralise(text).replace('"', '""').encode()
        self[value] = cell
        return cell


def _visit_cells(conn: sqlite3.Connection) -> Iterator[list[bytes]]:
    """Every visit as the CSV cells the report's hot loop splits a line into.

    The first cell keeps the line's opening quote and the last its closing one.
    """
    instance = conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()[0]
    query = csv_format.raw_rows_query(instance_sql(earlier_instances(conn)))
    cursor = conn.execute(query, {"instance": instance})
    cells = _Cells()
    last = csv_format.COLUMN_COUNT - 1
    while rows := cursor.fetchmany(_FETCH_ROWS):
        for row in rows:
            parts = [cells[value] for value in row]
            parts[0] = b'"' + parts[0]
            parts[last] += b'"'
            yield parts


def kiosk_report(
    db_path: Path, month_from: str | None = None, month_to: str | None = None
) -> Report:
    """The ``kiosk report`` figures of the visits in the database at ``db_path``.

    Opens the database read-only, in one read transaction; safe in a worker thread.
    """
    merger = Merger(month_from, month_to)
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("BEGIN")
        merger.consume(_visit_cells(conn), lambda index: f"{db_path}: {index + 1}")
        conn.execute("COMMIT")
    finally:
        conn.close()
    merger.finish()
    report = report_from_counts(merger.partial, month_from, month_to)
    report.files = [str(db_path)]
    return report
