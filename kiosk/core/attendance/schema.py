"""The attendance database: connection settings and the schema, upgraded in place by ``user_version``."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from kiosk.core.attendance.errors import SchemaTooNewError

BUSY_TIMEOUT_SECONDS = 10.0


def connect(db_path: Path, *, query_only: bool = False) -> Database:
    """Open ``db_path`` with the settings every connection must have.

    WAL so the CSV export can read while a check-in writes; ``synchronous=FULL``
    so a committed visit survives a power cut; a busy timeout so two writers
    wait for each other instead of failing. ``query_only`` connections (the CSV
    export) cannot change the database even by mistake.
    """
    conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        db = Database(conn, execute_plugins=False)
        # Checked before switching to WAL, which would rewrite the file header.
        _refuse_newer(schema_version(db))
        if not query_only:
            db.enable_wal()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if query_only:
            conn.execute("PRAGMA query_only = ON")
        else:
            # Purged personal data is overwritten, not just unlinked from the b-tree.
            conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return db


# --- Migrations: MIGRATIONS[i] upgrades a database from version i to i + 1. ---
# Never edit a released step: add a new one. tests/core/test_attendance_migrations.py
# keeps a frozen copy of every earlier schema and upgrades each in place.


def _v1_participants_visits_events(db: Database) -> None:
    """First release: participants, visits and their lesson/procedure/practice events."""
    db.execute(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )
    db.table("meta").insert({"key": "instance_id", "value": secrets.token_hex(3)})
    db.execute(
        """
        CREATE TABLE participants (
            code TEXT PRIMARY KEY,
            age_band TEXT NOT NULL,
            area TEXT NOT NULL,
            consent_version TEXT NOT NULL,
            consented_at TEXT NOT NULL,
            registered_at TEXT NOT NULL,
            name TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_code TEXT REFERENCES participants(code),
            centre_code TEXT NOT NULL,
            kiosk_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            first_visit INTEGER CHECK (first_visit IN (0, 1)),
            used_services TEXT,
            answered_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            visit_id INTEGER NOT NULL REFERENCES visits(id),
            kind TEXT NOT NULL CHECK (kind IN ('lesson', 'procedure', 'practice')),
            item_id TEXT NOT NULL,
            completed INTEGER NOT NULL DEFAULT 1,
            detail TEXT,
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.table("events").create_index(["visit_id"], index_name="events_by_visit")


def _v2_classes(db: Database) -> None:
    """Class mode: classes, and the class a visit joined."""
    db.execute(
        """
        CREATE TABLE classes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            instructor TEXT NOT NULL,
            lessons TEXT NOT NULL,
            centre_code TEXT NOT NULL,
            kiosk_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT
        )
        """
    )
    # Plain ALTER TABLE: sqlite-utils' add_foreign_key would rebuild the table.
    db.execute("ALTER TABLE visits ADD COLUMN class_id INTEGER REFERENCES classes(id)")


def _v3_understood_and_indexes(db: Database) -> None:
    """The second end-of-visit question, and indexes for the staff console and purge."""
    db.table("visits").add_column("understood", str)
    db.table("visits").create_index(["started_at"], index_name="visits_by_start")
    db.table("visits").create_index(["participant_code"], index_name="visits_by_participant")
    db.table("visits").create_index(["class_id"], index_name="visits_by_class")


def _v4_city_register(db: Database) -> None:
    """City-wide cards: the shared participant register as last read, and deletions to pass on."""
    # The centre of a participant's first visit; NULL means this kiosk's own centre.
    db.execute("ALTER TABLE participants ADD COLUMN first_centre TEXT")
    # What the other kiosks' register files say about each code, merged ("done" is JSON).
    db.execute(
        """
        CREATE TABLE register (
            code TEXT PRIMARY KEY,
            age_band TEXT NOT NULL,
            area TEXT NOT NULL,
            consent_version TEXT NOT NULL,
            first_centre TEXT NOT NULL,
            first_visit TEXT NOT NULL,
            last_visit TEXT NOT NULL,
            visits INTEGER NOT NULL,
            done TEXT NOT NULL
        )
        """
    )
    # Participants purged here, by hashed code, so that the other kiosks remove them too.
    db.execute(
        """
        CREATE TABLE tombstones (
            code_hash TEXT PRIMARY KEY,
            cutoff TEXT NOT NULL,
            deleted_at TEXT NOT NULL
        )
        """
    )


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _v1_participants_visits_events,
    _v2_classes,
    _v3_understood_and_indexes,
    _v4_city_register,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    """The database's ``PRAGMA user_version`` (0 for a new, empty file)."""
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"このデータベースは新しい版のキオスク（形式 {version}）で作られています。"
            f"この版が読めるのは形式 {SCHEMA_VERSION} までです。キオスクを更新してください。"
        )


def migrate(db: Database, target: int = SCHEMA_VERSION) -> int:
    """Upgrade ``db`` in place to ``target``, one transaction per step; return the version reached.

    Raises ``SchemaTooNewError`` for a database from a newer kiosk instead of guessing.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"unknown schema version {target}")
    conn = db.conn
    while True:
        # BEGIN IMMEDIATE: a second process opening the same file waits, then
        # sees the upgraded version and skips the step.
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(db)
            _refuse_newer(current)
            if current >= target:
                conn.execute("COMMIT")
                return current
            MIGRATIONS[current](db)
            # user_version lives in the file header and commits with the step.
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
