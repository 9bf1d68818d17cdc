"""Schema upgrades: a database from every earlier version opens, upgrades in place and keeps its data.

The DDL below is a frozen copy of each released version. It must never be
edited: if a migration step changes, the comparison test fails.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore, SchemaTooNewError
from kiosk.core.attendance.csv_export import export_csv_bytes
from kiosk.core.attendance.errors import DatabaseDamagedError
from kiosk.core.attendance.schema import SCHEMA_VERSION, connect, migrate, schema_version
from kiosk.core.config import Config

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('instance_id', 'a1b2c3');
CREATE TABLE participants (
    code TEXT PRIMARY KEY, age_band TEXT NOT NULL, area TEXT NOT NULL,
    consent_version TEXT NOT NULL, consented_at TEXT NOT NULL, registered_at TEXT NOT NULL,
    name TEXT
);
CREATE TABLE visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_code TEXT REFERENCES participants(code),
    centre_code TEXT NOT NULL, kiosk_id TEXT NOT NULL,
    started_at TEXT NOT NULL, ended_at TEXT,
    first_visit INTEGER CHECK (first_visit IN (0, 1)),
    used_services TEXT, answered_at TEXT
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    kind TEXT NOT NULL CHECK (kind IN ('lesson', 'procedure', 'practice')),
    item_id TEXT NOT NULL, completed INTEGER NOT NULL DEFAULT 1, detail TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX events_by_visit ON events (visit_id);
PRAGMA user_version = 1;
"""

V2 = """
CREATE TABLE classes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL, instructor TEXT NOT NULL, lessons TEXT NOT NULL,
    centre_code TEXT NOT NULL, kiosk_id TEXT NOT NULL,
    started_at TEXT NOT NULL, ended_at TEXT
);
ALTER TABLE visits ADD COLUMN class_id INTEGER REFERENCES classes(id);
PRAGMA user_version = 2;
"""

V3 = """
ALTER TABLE visits ADD COLUMN understood TEXT;
CREATE INDEX visits_by_start ON visits (started_at);
CREATE INDEX visits_by_participant ON visits (participant_code);
CREATE INDEX visits_by_class ON visits (class_id);
PRAGMA user_version = 3;
"""

V1_DATA = """
INSERT INTO participants VALUES
    ('ACEF2347', '70代', '小倉北区', 'v1', '2025-04-01T10:00:00+09:00', '2025-04-01T10:00:00+09:00', NULL);
INSERT INTO visits (participant_code, centre_code, kiosk_id, started_at, ended_at, first_visit,
                    used_services, answered_at)
VALUES ('ACEF2347', 'KOKURA01', 'K1', '2025-04-01T10:00:00+09:00', '2025-04-01T10:40:00+09:00', 1,
        'はい', '2025-04-01T10:39:00+09:00');
INSERT INTO events (visit_id, kind, item_id, completed, detail, recorded_at)
VALUES (1, 'lesson', 'camera', 1, NULL, '2025-04-01T10:20:00+09:00');
"""

V2_DATA = """
INSERT INTO classes (title, instructor, lessons, centre_code, kiosk_id, started_at, ended_at)
VALUES ('はじめてのスマホ', '講師A', '["touch"]', 'KOKURA01', 'K1',
        '2025-05-01T10:00:00+09:00', '2025-05-01T12:00:00+09:00');
INSERT INTO visits (participant_code, centre_code, kiosk_id, started_at, ended_at, first_visit, class_id)
VALUES ('ACEF2347', 'KOKURA01', 'K1', '2025-05-01T10:05:00+09:00', '2025-05-01T11:00:00+09:00', 0, 1);
"""

V3_DATA = """
UPDATE visits SET understood = 'はい' WHERE id = 2;
"""

FROZEN = {
    0: "",
    1: V1 + V1_DATA,
    2: V1 + V1_DATA + V2 + V2_DATA,
    3: V1 + V1_DATA + V2 + V2_DATA + V3 + V3_DATA,
}


def build(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(FROZEN[version])
    if version == 0:
        # A real database file with no tables yet: a file of 0 bytes is refused as damaged.
        conn.executescript("CREATE TABLE t (x); DROP TABLE t;")
    conn.close()


def shape(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Tables with their columns (name, type, not null, pk) and indexes, ignoring SQL layout."""
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    result: dict[str, list[tuple[object, ...]]] = {}
    for table in tables:
        result[table] = [
            (c[1], c[2], c[3], c[5]) for c in conn.execute(f"PRAGMA table_info({table})")
        ]
        result[table + " indexes"] = sorted(
            (i[1], i[2]) for i in conn.execute(f"PRAGMA index_list({table})")
        )
    return result


@pytest.mark.parametrize("version", [1, 2, 3])
def test_each_frozen_schema_matches_what_the_migrations_built_then(
    tmp_path: Path, version: int
) -> None:
    frozen, fresh = tmp_path / "frozen.db", tmp_path / "fresh.db"
    build(frozen, version)
    db = connect(fresh)
    assert migrate(db, target=version) == version
    db.close()
    with sqlite3.connect(frozen) as a, sqlite3.connect(fresh) as b:
        shape_a, shape_b = shape(a), shape(b)
        shape_a.pop("sqlite_sequence", None), shape_b.pop("sqlite_sequence", None)
        assert shape_a == shape_b


@pytest.mark.parametrize("version", sorted(FROZEN))
def test_an_old_database_upgrades_in_place_and_keeps_every_record(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "kiosk.db"
    build(path, version)
    config = Config(centre_code="KOKURA01", kiosk_id="K1", areas=("小倉北区",))
    with AttendanceStore.open(path, config) as store:
        assert schema_version(store.db) == SCHEMA_VERSION
        if version >= 1:
            person = store.find_participant("ACEF2347")
            assert person is not None
            assert person.age_band == "70代"
            # A card from before city-wide codes stays issued here; new cards get new codes.
            assert person.first_centre is None
            assert len(store.register_participant("60代", "小倉北区", CONSENT_VERSION).code) == 10
            assert store.instance_id == "a1b2c3"
            # The upgraded file takes every new kind of record.
            visit = store.start_visit(person.code, now=jst(2026, 5, 1))
            assert store.db.execute(
                "SELECT first_visit FROM visits WHERE id = ?", [visit]
            ).fetchone() == (0,)
        class_id = store.start_class("LINE", "講師B", ["messaging"], now=jst(2026, 5, 1, 9))
        joined = store.start_visit(None, now=jst(2026, 5, 1, 9, 30))
        store.record_answers(joined, "いいえ", "はい")
        assert store.class_roster(class_id).attendance == 1
    text = export_csv_bytes(path)[0].decode("utf-8-sig")
    if version >= 1:
        assert '"KOKURA01-K1-a1b2c3-1","KOKURA01","K1","2025-04-01"' in text
        assert '"camera","","","はい",""' in text
    if version >= 2:
        assert '"教室","1","はじめてのスマホ"' in text
    if version >= 3:
        assert '"教室","1","はじめてのスマホ","","","","","はい"' in text
    visits = {0: 1, 1: 3, 2: 4, 3: 4}[version]
    assert text.count("\r\n") == 1 + visits


def test_a_database_from_a_newer_kiosk_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    build(path, 2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="新しい版"):
        AttendanceStore.open(path, Config())
    assert path.read_bytes() == before


def test_a_failing_step_leaves_the_database_at_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    build(path, 2)
    conn = sqlite3.connect(path)
    # A stray index with the name step 3 wants makes that step fail half-way.
    conn.execute("CREATE INDEX visits_by_class ON visits (class_id)")
    conn.close()
    with pytest.raises(sqlite3.OperationalError):
        AttendanceStore.open(path, Config())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    columns = [c[1] for c in conn.execute("PRAGMA table_info(visits)")]
    assert "understood" not in columns
    conn.close()


def test_registration_still_works_after_upgrading_a_database_without_tables(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kiosk.db"
    build(path, 0)
    with AttendanceStore.open(path, Config()) as store:
        person = store.register_participant("60代", "戸畑区", CONSENT_VERSION)
        assert store.find_participant(person.code) == person


def test_a_file_of_0_bytes_is_refused_and_kept(tmp_path: Path) -> None:
    """SQLite would quietly start afresh in it; staff must learn their records are gone."""
    path = tmp_path / "kiosk.db"
    path.touch()
    with pytest.raises(DatabaseDamagedError, match="0 バイト"):
        AttendanceStore.open(path, Config())
    assert path.read_bytes() == b""
