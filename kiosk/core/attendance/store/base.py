"""The attendance database file: opening it, transactions and the checks on text that goes in."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlite_utils import Database

from kiosk.core.attendance.errors import DatabaseDamagedError, StoreLocationError
from kiosk.core.attendance.location import is_network_path
from kiosk.core.attendance.schema import connect, migrate
from kiosk.core.config import Config
from kiosk.core.storage_errors import DAMAGED, classify, damaged_message, describe

DB_FILE_NAME = "kiosk.db"
MAX_TEXT_LENGTH = 100


def clean_text(value: str, what: str) -> str:
    """Trimmed, non-empty, single-line text of reasonable length (titles, names, item ids)."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string")
    text = value.strip()
    if not text or len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"{what} must be 1-{MAX_TEXT_LENGTH} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise ValueError(f"{what} must not contain control characters")
    return text


def clean_item_id(value: str) -> str:
    item = clean_text(value, "item_id")
    if ";" in item or '"' in item:
        # ';' separates items in the CSV cell.
        raise ValueError("item_id must not contain ';' or '\"'")
    return item


class StoreBase:
    """The open database and its write transactions; ``AttendanceStore`` adds the records."""

    def __init__(self, db: Database, db_path: Path, config: Config) -> None:
        self.db = db
        self.db_path = db_path
        self.config = config
        self._write_depth = 0

    @classmethod
    def open(cls, db_path: Path, config: Config) -> Self:
        """Open (creating and upgrading as needed) the database at ``db_path``.

        Refuses a network share: SQLite's locking is unreliable there and a
        dropped connection can corrupt the file.
        """
        if is_network_path(db_path) or is_network_path(db_path.parent):
            raise StoreLocationError(
                f"データベース（{db_path}）がネットワーク上のフォルダにあります。"
                "記録が壊れるおそれがあるため、この PC のフォルダを使ってください。"
                "ネットワークのフォルダには CSV だけを保存できます。"
            )
        db_path.parent.mkdir(parents=True, exist_ok=True)
        if db_path.is_file() and db_path.stat().st_size == 0:
            # SQLite would quietly start a new database in it: a file emptied by a failing
            # disk must reach staff instead, untouched.
            raise DatabaseDamagedError(damaged_message(db_path, "空っぽ（0 バイト）です"))
        try:
            db = connect(db_path)
            try:
                migrate(db)
            except BaseException:
                db.close()
                raise
        except sqlite3.DatabaseError as exc:
            if classify(exc) == DAMAGED:
                raise DatabaseDamagedError(describe(exc, db_path)) from exc
            raise
        return cls(db, db_path, config)

    def close(self) -> None:
        """Close the connection (commits are already durable)."""
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so read-then-write steps
        # (first visit? open class?) cannot race another process.
        # A write inside another (a journal import) joins the outer transaction.
        conn = self.db.conn
        if self._write_depth:
            self._write_depth += 1
            try:
                yield
            finally:
                self._write_depth -= 1
            return
        conn.execute("BEGIN IMMEDIATE")
        self._write_depth = 1
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            self._write_depth = 0
        conn.execute("COMMIT")

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def instance_id(self) -> str:
        """Six hex digits unique to this database file; part of every CSV record id."""
        return str(self._one("SELECT value FROM meta WHERE key = 'instance_id'"))
