"""Every service is always there: one that cannot work says why instead of being None."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.core.attendance.store import DB_FILE_NAME
from kiosk.ui.placeholder import ComingSoonScreen
from kiosk.ui.services import Attendance, AttendanceUnavailable
from kiosk.ui.visits import VisitTracker


def test_attendance_opens_once_and_says_why_it_cannot_work() -> None:
    tries: list[int] = []

    def vanished_disk() -> VisitTracker:
        tries.append(1)
        raise AttendanceUnavailable("E: ドライブが 見つかりません")

    attendance = Attendance(vanished_disk)
    assert not attendance.visit_open()  # asking never opens the database
    assert attendance.opened() is None
    assert tries == []
    assert not attendance.available
    assert attendance.problem == "E: ドライブが 見つかりません"
    with pytest.raises(AttendanceUnavailable, match="ドライブ"):
        _ = attendance.visits
    assert not attendance.available
    assert tries == [1]


def test_a_kiosk_whose_database_cannot_open_still_teaches(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    (data_dir / DB_FILE_NAME).mkdir()  # where the database file should be, a folder
    kiosk = make_kiosk()
    services = kiosk.services
    assert services.attendance is kiosk.attendance
    assert not services.attendance.available
    assert "データベースを ひらけません" in services.attendance.problem
    home = kiosk.window.current_screen()
    qtbot.mouseClick(home.tiles["reception"], Qt.MouseButton.LeftButton)
    assert isinstance(kiosk.window.current_screen(), ComingSoonScreen)
    kiosk.window.go_home()
    qtbot.mouseClick(home.tiles["lessons"], Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen().screen_name == "lesson-list"
    # A finished lesson has nowhere to be recorded; the visit goes on all the same.
    kiosk.sessions.current.report("lesson", "power-buttons", "started")


def test_screens_are_built_from_services_a_navigator_and_the_sessions(make_kiosk) -> None:
    kiosk = make_kiosk()
    home = kiosk.window.current_screen()
    assert home.services is kiosk.services
    assert home.nav is kiosk.window
    assert home.sessions is kiosk.sessions
    assert not hasattr(home, "ctx")
