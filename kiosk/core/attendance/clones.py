"""Cloned kiosks: two PCs set up from one disk image share the database's instance id.

Their record ids still differ (the centre and kiosk are part of them), so the
report counts both; but the instance id should name one database. At each CSV
sync the kiosk looks at the first and last rows of the other kiosks' files in
the shared folder. A row with this database's instance id that this database
did not write (no such visit, or that visit has another centre or kiosk) means
a clone: the kiosk takes a new instance id for its new visits, keeps the ids
of its earlier visits exactly as they were (so no copy of the CSV is counted
twice), and tells staff.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from pathlib import Path

from kiosk.core.attendance.schema import connect

EARLIER_INSTANCES_KEY = "earlier_instances"
_SEP = b'","'
_HEAD_BYTES = 65536
_TAIL_BYTES = 4096


def earlier_instances(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(instance id, last visit id written under it), oldest first; empty for most databases."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [EARLIER_INSTANCES_KEY]).fetchone()
    if row is None:
        return []
    value = row[0].decode() if isinstance(row[0], bytes) else row[0]
    return [(str(instance), int(last)) for instance, last in json.loads(value)]


def _record_ids(path: Path) -> list[bytes]:
    """The record ids of a CSV file's first and last rows (as written by a kiosk)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - _TAIL_BYTES))
            tail = handle.read()
    except OSError:
        return []
    lines = head.splitlines()[1:2] + tail.splitlines()[-1:]
    ids = []
    for line in lines:
        cells = line.split(_SEP)
        if len(cells) > 2 and cells[0].endswith(b"1"):
            ids.append(cells[1])
    return ids


def instance_sql(earlier: list[tuple[str, int]]) -> str:
    """The SQL for a visit's instance id in its record id (``v`` is the visit, ``:instance`` the current)."""
    if not earlier:
        return ":instance"
    # Instance ids are six hex digits written by this module: safe as literals.
    cases = " ".join(f"WHEN v.id <= {int(last)} THEN '{instance}'" for instance, last in earlier)
    return f"(CASE {cases} ELSE :instance END)"


def find_clone(db_path: Path, folder: Path, own_files: set[Path]) -> Path | None:
    """Another kiosk's CSV in ``folder`` with rows of this database's instance id, if any."""
    try:
        candidates = sorted(p for p in folder.glob("attendance_*.csv") if p not in own_files)
    except OSError:
        return None
    if not candidates:
        return None
    db = connect(db_path, query_only=True)
    try:
        conn = db.conn
        instance = str(
            conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()[0]
        )
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'visits'").fetchone()
        issued = int(row[0]) if row else 0
        for path in candidates:
            for record in _record_ids(path):
                prefix, _, number = record.decode("utf-8", "replace").rpartition("-")
                if not prefix.endswith("-" + instance) or not number.isdigit():
                    continue
                mine = conn.execute(
                    "SELECT centre_code || '-' || kiosk_id FROM visits WHERE id = ?", [int(number)]
                ).fetchone()
                if mine is None:
                    # A number this database issued and then purged is its own old row.
                    if int(number) > issued:
                        return path
                elif f"{mine[0]}-{instance}" != prefix:
                    return path
    finally:
        db.close()
    return None


def regenerate_instance(db_path: Path) -> str:
    """Give the database a new instance id for new visits; earlier visits keep their ids."""
    db = connect(db_path)
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            old = str(
                conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()[0]
            )
            earlier = earlier_instances(conn)
            last = conn.execute("SELECT coalesce(max(id), 0) FROM visits").fetchone()[0]
            used = {old, *(instance for instance, _ in earlier)}
            new = old
            while new in used:
                new = secrets.token_hex(3)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [EARLIER_INSTANCES_KEY, json.dumps([*earlier, (old, last)])],
            )
            conn.execute("UPDATE meta SET value = ? WHERE key = 'instance_id'", [new])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        db.close()
    return new
