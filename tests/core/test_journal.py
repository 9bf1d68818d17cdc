"""The fallback journal: visits the database refused at exit come back at the next start,
exactly once, even when the kiosk dies between the import and the journal's deletion."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kiosk.core.attendance import AttendanceStore
from kiosk.core.attendance.journal import (
    JOURNAL_FILE,
    JournalVisit,
    import_journals,
    journal_locations,
    read_journal,
    write_journal,
)
from kiosk.core.config import Config

START = "2026-04-01T10:00:00+09:00"
END = "2026-04-01T10:20:00+09:00"


def _visit(**changes: object) -> JournalVisit:
    fields: dict[str, object] = {
        "participant_code": None,
        "started": START,
        "events": (("lesson", "camera", {"steps": 5}, "2026-04-01T10:10:00+09:00"),),
        "answers": ("はい", "すこし"),
        "ended": END,
    }
    fields.update(changes)
    return JournalVisit(**fields)  # type: ignore[arg-type]


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_journal_round_trips_and_imports_once(tmp_path: Path) -> None:
    journal = tmp_path / JOURNAL_FILE
    visits = [_visit(), _visit(participant_code=None, events=(), answers=None)]
    assert write_journal(visits, [journal]) == journal
    assert read_journal(journal) == visits
    with AttendanceStore.open(tmp_path / "kiosk.db", Config()) as store:
        assert import_journals(store, [journal]) == 2
    assert not journal.exists()
    rows = _rows(tmp_path / "kiosk.db", "SELECT started_at, ended_at, used_services FROM visits")
    assert sorted(rows, key=str) == sorted([(START, END, "はい"), (START, END, None)], key=str)
    assert _rows(tmp_path / "kiosk.db", "SELECT kind, item_id FROM events") == [
        ("lesson", "camera")
    ]


def test_importing_again_after_a_crash_before_the_delete_adds_nothing(tmp_path: Path) -> None:
    journal = tmp_path / JOURNAL_FILE
    write_journal([_visit(), _visit()], [journal])
    kept = journal.read_bytes()
    with AttendanceStore.open(tmp_path / "kiosk.db", Config()) as store:
        assert import_journals(store, [journal]) == 2
        journal.write_bytes(kept)  # as if the kiosk had died before deleting it
        assert import_journals(store, [journal]) == 0
    assert _rows(tmp_path / "kiosk.db", "SELECT COUNT(*) FROM visits") == [(2,)]
    assert _rows(tmp_path / "kiosk.db", "SELECT COUNT(*) FROM events") == [(2,)]


def test_a_visit_and_its_mark_commit_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure half-way through one visit leaves neither the visit nor its mark."""
    journal = tmp_path / JOURNAL_FILE
    write_journal([_visit()], [journal])
    with AttendanceStore.open(tmp_path / "kiosk.db", Config()) as store:

        def disk_full(*args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(store, "end_visit", disk_full)
        with pytest.raises(sqlite3.OperationalError):
            import_journals(store, [journal])
        assert journal.exists(), "kept for the next start"
        monkeypatch.undo()
        assert _rows(tmp_path / "kiosk.db", "SELECT COUNT(*) FROM visits") == [(0,)]
        assert import_journals(store, [journal]) == 1
    assert _rows(tmp_path / "kiosk.db", "SELECT COUNT(*), COUNT(ended_at) FROM visits") == [(1, 1)]


def test_a_partly_written_visit_is_completed_not_doubled(tmp_path: Path) -> None:
    with AttendanceStore.open(tmp_path / "kiosk.db", Config()) as store:
        from datetime import datetime

        visit_id = store.start_visit(None, now=datetime.fromisoformat(START))
        journal = tmp_path / JOURNAL_FILE
        write_journal([_visit(visit_id=visit_id)], [journal])
        assert import_journals(store, [journal]) == 1
    assert _rows(tmp_path / "kiosk.db", "SELECT id, ended_at, used_services FROM visits") == [
        (visit_id, END, "はい")
    ]


def test_damaged_lines_are_skipped_and_the_rest_imported(tmp_path: Path) -> None:
    journal = tmp_path / JOURNAL_FILE
    write_journal([_visit()], [journal])
    with journal.open("ab") as handle:
        handle.write(b'{"record_id": "x", "started": \n[1, 2]\n{"participant_code": nul')
    write_journal([_visit(events=(("bogus", "x", {}, START),))], [journal])
    write_journal([_visit()], [journal])
    with AttendanceStore.open(tmp_path / "kiosk.db", Config()) as store:
        assert import_journals(store, [journal]) == 2
    assert _rows(tmp_path / "kiosk.db", "SELECT COUNT(*) FROM visits") == [(2,)]


def test_the_journal_falls_back_to_a_second_place(tmp_path: Path) -> None:
    data = tmp_path / "data"
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    share = tmp_path / "share"
    config = Config(csv_folder=str(share))
    places = journal_locations(blocker, config)
    assert places[0] == blocker / JOURNAL_FILE
    assert places[1].parent == share
    written = write_journal([_visit()], places)
    assert written == places[1]
    data.mkdir()
    with AttendanceStore.open(data / "kiosk.db", config) as store:
        assert import_journals(store, journal_locations(data, config)) == 1
    assert not written.exists()


def test_nothing_to_write_writes_nothing(tmp_path: Path) -> None:
    assert write_journal([], [tmp_path / JOURNAL_FILE]) is None
    assert not (tmp_path / JOURNAL_FILE).exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_the_journal_never_blocks_the_start(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / JOURNAL_FILE)
    with AttendanceStore.open(tmp_path / "kiosk.db", Config()) as store:
        assert import_journals(store, [tmp_path / JOURNAL_FILE]) == 0
    assert read_journal(tmp_path / JOURNAL_FILE) == []
