"""Journey: a card made at kiosk A checks in at kiosk B, first offline, then with the register.

Two real kiosk windows with their own data folders share one CSV folder. The
learner registers at A and finishes a lesson; B's share is offline when the
card first reaches it, so B welcomes a returning visitor it knows nothing about.
Once the share is back, B shows おかえりなさい with the lesson done at A, the
next lesson, and a stamp on the スタンプカード; the report counts one participant.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.core.attendance.report import build_report
from kiosk.core.attendance.store import DB_FILE_NAME
from kiosk.core.config import Config
from kiosk.core.runs.completion import Completion

AREAS = ("小倉北区", "戸畑区")


def kiosk_config(shared: Path, centre: str) -> Config:
    return Config(centre_code=centre, kiosk_id="K1", areas=AREAS, csv_folder=str(shared))


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_reception(kiosk, qtbot):
    kiosk.window.go_home()
    click(qtbot, kiosk.window.current_screen().tiles["reception"])
    screen = kiosk.window.current_screen()
    assert screen.screen_name == "reception"
    return screen


def type_code(kiosk, qtbot, code: str):
    screen = open_reception(kiosk, qtbot)
    for ch in code:
        click(qtbot, screen.pad.keys[ch])
    click(qtbot, screen.pad.keys["けってい"])
    return kiosk.window.current_screen()


def participant_row(folder: Path, code: str) -> tuple[str, str] | None:
    connection = sqlite3.connect(folder / DB_FILE_NAME)
    try:
        row = connection.execute(
            "SELECT age_band, area FROM participants WHERE code = ?", [code]
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else (row[0], row[1])


def end_visit_and_sync(kiosk, qtbot) -> None:
    """The idle reset ends the visit; wait for the background sync it starts."""
    results = []
    kiosk.attendance.visits.sync_finished.connect(results.append)
    kiosk.window.reset_session()
    qtbot.waitUntil(lambda: bool(results), timeout=15_000)
    kiosk.attendance.visits.sync_finished.disconnect(results.append)


def test_a_card_from_kiosk_a_is_welcomed_back_at_kiosk_b(make_kiosk, qtbot, tmp_path: Path) -> None:
    shared = tmp_path / "share"
    shared.mkdir()
    folder_a, folder_b = tmp_path / "a", tmp_path / "b"
    a = make_kiosk(config=kiosk_config(shared, "KOKURA01"), folder=folder_a)

    # At A: a first visit makes a card, and the learner finishes the first lesson.
    reception = open_reception(a, qtbot)
    click(qtbot, reception.new_button)
    click(qtbot, a.window.current_screen().buttons["70代"])
    click(qtbot, a.window.current_screen().buttons["戸畑区"])
    click(qtbot, a.window.current_screen().yes_button)
    card = a.window.current_screen()
    assert card.screen_name == "new-card"
    code = card.code
    assert len(code) == 10
    a.sessions.current.complete(Completion("lesson", "power-buttons"))
    end_visit_and_sync(a, qtbot)
    assert (shared / "participants_KOKURA01_K1.json").exists()

    # At B, with the share offline: the card is still welcomed, as a returning visitor.
    offline = tmp_path / "share-offline"
    shared.rename(offline)
    b = make_kiosk(config=kiosk_config(shared, "TOBATA"), folder=folder_b)
    welcome = type_code(b, qtbot, code)
    assert welcome.screen_name == "returning"
    assert "おかえりなさい" in b.services.speaker.last_text()
    assert welcome.later_note.isVisible()
    assert "あとで とどきます" in welcome.later_note.plain()
    assert participant_row(folder_b, code) == ("", "")
    end_visit_and_sync(b, qtbot)

    # The share is back: B's next sync brings the card's details and progress.
    offline.rename(shared)
    welcome = type_code(b, qtbot, code)
    end_visit_and_sync(b, qtbot)
    assert participant_row(folder_b, code) == ("70代", "戸畑区")

    welcome = type_code(b, qtbot, code)
    assert welcome.screen_name == "returning"
    assert "おかえりなさい" in b.services.speaker.last_text()
    assert "レッスンを 1つ" in welcome.summary.plain()
    assert "ボタン" in welcome.summary.plain()
    assert welcome.continue_button.isVisible()
    assert "つぎは" in welcome.next_text.plain()
    # The lesson list marks the lesson done at A.
    assert "power-buttons" in b.sessions.current.progress.completed_lessons

    click(qtbot, welcome.stamp_button)
    stamps = b.window.current_screen()
    assert stamps.screen_name == "stamp-card"
    stamped = [key for key, slot in stamps.slots.items() if slot.stamped]
    assert stamped == [("lesson", "power-buttons")]
    assert "スタンプは 1こ" in stamps.count_text.plain()

    # Both kiosks' CSVs in the shared folder: one participant, four visits.
    end_visit_and_sync(b, qtbot)
    report = build_report([shared], jobs=1)
    assert (report.visits, report.participants, report.first_time) == (4, 1, 1)
    assert {row.key: row.participants for row in report.by_centre} == {"KOKURA01": 1, "TOBATA": 1}
    assert [row.key for row in report.by_age_band if row.participants] == ["70代"]
