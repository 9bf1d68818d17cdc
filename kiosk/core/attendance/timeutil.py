"""Kiosk-local timestamps: ISO 8601 with the UTC offset, to the second."""

from __future__ import annotations

import calendar
from datetime import date, datetime


def local_now() -> datetime:
    """The current time in the kiosk's local time zone (offset-aware)."""
    return datetime.now().astimezone()


def as_local(moment: datetime | None) -> datetime:
    """``None`` means now; a naive time is taken as kiosk-local; an aware one is kept as given."""
    if moment is None:
        return local_now()
    if moment.tzinfo is None:
        return moment.astimezone()
    return moment


def iso(moment: datetime | None) -> str:
    """``2026-05-01T10:15:00+09:00``."""
    return as_local(moment).isoformat(timespec="seconds")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))
