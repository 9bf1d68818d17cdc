"""The usage-rate KPI of one kiosk, counted straight from its SQLite database.

``kiosk report`` merges the CSVs of many kiosks; the staff console asks the same
question of this kiosk's own database, without writing a CSV and reading it back.
Both put what they read into the same summable counts (``Partial``: visits,
completions, and each card's attributes, first visit and answers for the
``CardTally``) and turn them into a ``Report`` with ``report_from_counts``, so the
KPI (who is a participant, which answer counts, what a first visit is) is
defined in one place and both give the same figures for the same visits.

What is read row by row follows ``kiosk report``: a visit counts in the month it
started; a card's latest answer is the one of its latest visit start; a month's
answer is the last one given that month; unfinished visits come after finished
ones (the CSV merge keeps them waiting for a finished copy).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.choices import MODE_CLASS, MODE_SELF_STUDY
from kiosk.core.attendance.report import Report, report_from_counts
from kiosk.core.attendance.report_partial import Partial
from kiosk.core.excel_safe import neutralise

_YES = "はい"
_NO = "いいえ"

_ROWS = """
    WITH ev AS ({events})
    SELECT v.started_at, v.centre_code, v.participant_code, v.first_visit,
           p.age_band, p.area, v.class_id IS NOT NULL, v.used_services, v.understood,
           ev.lessons, ev.procedures, ev.practice
    FROM visits v
    LEFT JOIN participants p ON p.code = v.participant_code
    LEFT JOIN ev ON ev.visit_id = v.id
    ORDER BY v.ended_at IS NULL, v.id
"""


class _Cells(dict[str | None, bytes]):
    """Texts as ``kiosk report`` reads them from CSV cells (``report._text`` undoes this),
    each worked out once: centres, ages, areas and items repeat on every row."""

    def __missing__(self, text: str | None) -> bytes:
        cell = b"" if text is None else neutralise(text).replace('"', '""').encode()
        self[text] = cell
        return cell


def kiosk_report(
    db_path: Path, month_from: str | None = None, month_to: str | None = None
) -> Report:
    """The ``kiosk report`` figures of the visits in the database at ``db_path``.

    Opens the database read-only; safe in a worker thread.
    """
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(_ROWS.format(events=csv_format.EVENT_LISTS)).fetchall()
    finally:
        conn.close()
    partial = count_visits(rows, month_from, month_to)
    report = report_from_counts(partial, month_from, month_to)
    report.files = [str(db_path)]
    return report


def count_visits(
    rows: Sequence[tuple[Any, ...]], month_from: str | None, month_to: str | None
) -> Partial:
    """Visit rows (in the order of ``_ROWS``) as the counts ``kiosk report`` sums up."""
    lo, hi = month_from or "", month_to or "\uffff"
    partial = Partial(rows_read=len(rows))
    cells = _Cells()
    attrs: dict[bytes, tuple[bytes, bytes, bytes]] = {}
    first_timers: dict[bytes, bytes] = {}
    latest: dict[bytes, tuple[bytes, bytes]] = {}
    months: dict[bytes, dict[bytes, int]] = {}
    for (
        started, centre, code, first_visit, age, area, in_class, used, understood,
        lessons, procedures, practice,
    ) in rows:  # fmt: skip
        month_text = started[:7]
        if not lo <= month_text <= hi:
            partial.out_of_period += 1
            continue
        month = month_text.encode()
        centre_cell = cells[centre]
        used_cell = cells[used]
        partial.visits_by_month[month] += 1
        partial.visits_by_centre[centre_cell] += 1
        anonymous = first_visit is None
        mode = (MODE_CLASS if in_class else MODE_SELF_STUDY).encode()
        partial.visit_kinds[anonymous, mode, used_cell if anonymous else b""] += 1
        for counter, cell in (
            (partial.lessons, lessons),
            (partial.procedures, procedures),
            (partial.practice, practice),
        ):
            if cell:
                counter[cells[cell]] += 1
        partial.understood[cells[understood]] += 1
        if not code:
            continue
        key = cells[code]
        card = attrs.setdefault(key, (centre_cell, cells[age], cells[area]))
        partial.visits_by_person[card[1:]] += 1
        if first_visit == 1:
            first_timers[key] = month
        month_states = months.setdefault(month, {})
        if used in (_YES, _NO):
            month_states[key] = 2 if used == _YES else 1
            start = started.encode()
            previous = latest.get(key)
            if previous is None or previous[0] <= start:
                latest[key] = (start, used_cell)
        else:
            month_states.setdefault(key, 0)
    partial.cards.add(attrs, first_timers, latest, months)
    return partial
