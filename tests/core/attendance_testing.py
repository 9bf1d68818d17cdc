"""Helpers shared by the attendance tests (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

JST = timezone(timedelta(hours=9))


def jst(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A kiosk-local time in Japan."""
    return datetime(year, month, day, hour, minute, tzinfo=JST)
