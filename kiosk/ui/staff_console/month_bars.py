"""The usage rate and visits by month as chart bars, for the 利用率 tab and the PDF report."""

from __future__ import annotations

from kiosk.core.attendance.report import GroupRow
from kiosk.ui.staff_console.chart import NO_DATA, Bar


def percent(rate: float | None) -> str:
    """0.75 → "75%"; None → the no-data mark."""
    return NO_DATA if rate is None else f"{rate * 100:.0f}%"


def month_label(key: str) -> tuple[str, str]:
    """``2026-04`` → ("4月", "2026年")."""
    year, month = key.split("-")
    return f"{int(month)}月", f"{year}年"


def rate_bars(rows: list[GroupRow]) -> list[Bar]:
    """One bar per month: the rate, with "3/4" (はい / answered people) under the month."""
    bars = []
    for row in rows:
        label, year = month_label(row.key)
        note = f"{row.used_yes}/{row.answered}" if row.answered else "0/0"
        bars.append(Bar(label, row.usage_rate, percent(row.usage_rate), note, year))
    return bars


def visit_bars(rows: list[GroupRow]) -> list[Bar]:
    """One bar per month: the number of visits."""
    bars = []
    for row in rows:
        label, year = month_label(row.key)
        bars.append(Bar(label, float(row.visits), f"{row.visits}", "", year))
    return bars
