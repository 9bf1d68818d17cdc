"""Fixtures for the attendance tests: a real store in the test's own data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore
from kiosk.core.config import Config


@pytest.fixture
def attendance_config() -> Config:
    return Config(centre_code="KOKURA01", kiosk_id="K1", areas=("小倉北区", "小倉南区", "戸畑区"))


@pytest.fixture
def store(data_dir: Path, attendance_config: Config) -> Iterator[AttendanceStore]:
    """A fresh attendance database in the test's data folder."""
    with AttendanceStore.open(data_dir / DB_FILE_NAME, attendance_config) as opened:
        yield opened
