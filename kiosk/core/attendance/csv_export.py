"""Write the attendance CSV for staff: whole, atomically, retried while Excel holds it open.

Why the export has a fast path (``csv_format.join_plain_lines``, with ``lines_query``
and ``cells_query``) instead of a plain ``csv.writer``: the export target is at most
1.5x the time of the ``sqlite3`` tool writing the same rows from the same database
(``benchmarks/bench_attendance.py --export-only``, 1,000,000 visits). The plain way
(``benchmarks/plain_csv_export.py``) writes the same bytes, a test checks, but misses
the target. Measured in the same run over 1,000,000 visits, best of three, on a
shared 2-core machine (CPU time, as wall-clock time there depended on the other work):
the ``sqlite3`` tool 25.4 s, this export 30.8 s (1.22x), the plain ``csv.writer``
44.6 s (1.76x, and 830 MB of memory against 481 MB). The query itself is most of each: the tool
runs it too. Keep the fast path
while the plain way misses the target; measure again before changing either.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.atomic import remove_stale_temp_files, write_atomic
from kiosk.core.attendance import csv_format
from kiosk.core.attendance.clones import (
    earlier_instances,
    find_clone,
    instance_sql,
    regenerate_instance,
)
from kiosk.core.attendance.register_sync import RegisterSync, Signature
from kiosk.core.attendance.schema import connect
from kiosk.core.attendance.store import AttendanceStore
from kiosk.core.attendance.timeutil import as_local, iso
from kiosk.core.config import Config

log = logging.getLogger(__name__)

STATUS_FILE_NAME = "attendance_sync.json"
# About 7.5 s in all: long enough for Excel to be closed by a nearby staff member,
# short enough that a sync started at the end of a visit finishes soon after.
RETRY_DELAYS_SECONDS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)
_FETCH_ROWS = 4096


def csv_file_name(config: Config) -> str:
    """``attendance_<centre>_<kiosk>.csv``."""
    return f"attendance_{config.centre_code}_{config.kiosk_id}.csv"


def export_csv_bytes(db_path: Path) -> tuple[bytes, int]:
    """The whole CSV for the database at ``db_path`` and its number of visit rows.

    Reads through its own query-only connection inside one read transaction,
    so the file is a consistent snapshot and the database cannot be changed.

    Rows come as ready-made lines (``join_plain_lines``) unless a chunk has a cell that
    needs escaping (see the module docstring for why).
    """
    if not db_path.exists():
        raise FileNotFoundError(db_path)
    db = connect(db_path, query_only=True)
    chunks = [(csv_format.BOM + csv_format.HEADER_LINE + csv_format.NEWLINE).encode("utf-8")]
    count = 0
    try:
        conn = db.conn
        conn.execute("BEGIN")
        row = conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()
        instance = row[0]
        # Visits recorded before a clone was found keep their instance id.
        instance_expr = instance_sql(earlier_instances(conn))
        # Lines stay UTF-8 bytes from SQLite to the file: no decoding and re-encoding.
        conn.text_factory = bytes
        cursor = conn.execute(csv_format.lines_query(instance_expr), {"instance": instance})
        while rows := cursor.fetchmany(_FETCH_ROWS):
            count += len(rows)
            data = csv_format.join_plain_lines([r[1] for r in rows])
            if data is None:
                # Some cell needs quoting or a leading apostrophe: format these rows cell by cell.
                params = {"instance": instance, "first": rows[0][0], "last": rows[-1][0]}
                conn.text_factory = str
                careful = conn.execute(csv_format.cells_query(instance_expr), params).fetchall()
                conn.text_factory = bytes
                text = "".join(csv_format.format_row(r) + csv_format.NEWLINE for r in careful)
                data = text.encode("utf-8")
            chunks.append(data)
        conn.execute("COMMIT")
    finally:
        db.close()
    return b"".join(chunks), count


@dataclass(frozen=True, kw_only=True)
class SyncResult:
    """The outcome of one sync; ``message`` is plain Japanese for the staff screen."""

    ok: bool
    path: Path
    rows: int
    changed: bool
    fallback: bool
    message: str


@dataclass(frozen=True)
class SyncStatus:
    """What the staff screen shows about the CSV file."""

    target_path: Path
    last_success_at: str | None
    last_success_path: Path | None
    last_rows: int | None
    last_error_at: str | None
    last_error: str | None
    # True while the newest data is not in the target file yet (a retry is due).
    pending: bool
    # Set once this kiosk found it was cloned from another one's disk (plain Japanese).
    clone_notice: str | None = None
    clone_notice_at: str | None = None


class CsvSync:
    """Keeps ``attendance_<centre>_<kiosk>.csv`` and the participant register file up to date.

    Safe to call from a worker thread: it opens its own connections each time,
    a read-only one for the CSV; the database changes only when the other
    kiosks' register files bring news about cards. Calls are serialised.
    """

    def __init__(
        self,
        store: AttendanceStore | Path,
        config: Config,
        data_dir: Path,
        *,
        retry_delays: Sequence[float] = RETRY_DELAYS_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db_path = store.db_path if isinstance(store, AttendanceStore) else store
        self.config = config
        self.data_dir = data_dir
        self.folder = config.csv_folder_path(data_dir)
        self.target = self.folder / csv_file_name(config)
        self.status_path = data_dir / STATUS_FILE_NAME
        self._retry_delays = tuple(retry_delays)
        self._sleep = sleep
        self._lock = threading.Lock()
        # The other kiosks' register files as last read (nothing is read while they stay so).
        self._register_seen: Signature | None = None

    # --- status ----------------------------------------------------------------

    def status(self) -> SyncStatus:
        """The last success and the last error, as kept in the data dir."""
        data = self._read_status()

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and value else None

        success_path = text("last_success_path")
        rows = data.get("last_rows")
        return SyncStatus(
            target_path=self.target,
            last_success_at=text("last_success_at"),
            last_success_path=Path(success_path) if success_path else None,
            last_rows=rows if isinstance(rows, int) else None,
            last_error_at=text("last_error_at"),
            last_error=text("last_error"),
            pending=bool(data.get("pending", False)),
            clone_notice=text("clone_notice"),
            clone_notice_at=text("clone_notice_at"),
        )

    def _read_status(self) -> dict[str, object]:
        try:
            data = json.loads(self.status_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save_status(self, **changes: object) -> None:
        data = self._read_status()
        data.update(changes)
        try:
            payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
            write_atomic(self.status_path, payload)
        except OSError:
            # The CSV outcome matters more than its bookkeeping; it is logged either way.
            log.exception("could not save the sync status to %s", self.status_path)

    # --- syncing ----------------------------------------------------------------

    def sync(self, *, now: datetime | None = None) -> SyncResult:
        """Write the CSV if it changed; on failure record the error and leave the database alone."""
        with self._lock:
            moment = as_local(now)
            try:
                # The register first: cards issued elsewhere get their details into this CSV.
                self._sync_register()
                result = self._sync(moment)
            except (OSError, sqlite3.Error) as exc:
                message = self._explain(exc)
                log.warning("attendance CSV sync failed: %r", exc)
                self._save_status(last_error_at=iso(moment), last_error=message, pending=True)
                return SyncResult(
                    ok=False,
                    path=self.target,
                    rows=0,
                    changed=False,
                    fallback=False,
                    message=message,
                )
            if result.fallback:
                self._save_status(
                    last_success_at=iso(moment),
                    last_success_path=str(result.path),
                    last_rows=result.rows,
                    last_error_at=iso(moment),
                    last_error=result.message,
                    pending=True,
                )
            else:
                self._save_status(
                    last_success_at=iso(moment),
                    last_success_path=str(result.path),
                    last_rows=result.rows,
                    pending=False,
                )
            return result

    def _sync(self, moment: datetime) -> SyncResult:
        self._prepare_folder()
        self._check_clone(moment)
        data, rows = export_csv_bytes(self.db_path)
        remove_stale_temp_files(self.target)
        if _same_content(self.target, data):
            return SyncResult(
                ok=True,
                path=self.target,
                rows=rows,
                changed=False,
                fallback=False,
                message=f"新しい記録はありません。ファイルはそのままです（{rows}件）。",
            )
        try:
            self._write_with_retries(self.target, data)
        except PermissionError:
            if not _folder_is_writable(self.folder):
                raise
            fallback = self.folder / (
                f"attendance_{self.config.centre_code}_{self.config.kiosk_id}_{moment:%Y%m%d}.csv"
            )
            write_atomic(fallback, data)
            return SyncResult(
                ok=True,
                path=fallback,
                rows=rows,
                changed=True,
                fallback=True,
                message=f"{self.target.name} がほかのアプリ（Excel など）で開かれていたため、"
                f"{fallback.name} に保存しました（{rows}件）。"
                "Excel を閉じると、次の同期でもとのファイルに保存されます。",
            )
        return SyncResult(
            ok=True,
            path=self.target,
            rows=rows,
            changed=True,
            fallback=False,
            message=f"出席データを保存しました（{rows}件）。",
        )

    def _sync_register(self) -> None:
        """Write this kiosk's participant register file and read the other kiosks' files."""
        if not self.db_path.exists():
            raise FileNotFoundError(self.db_path)
        self._prepare_folder()
        with AttendanceStore.open(self.db_path, self.config) as store:
            register = RegisterSync(store, self.folder)
            register.write()
            self._register_seen = register.read(unless=self._register_seen)

    def _check_clone(self, moment: datetime) -> None:
        """Take a new instance id if another kiosk's CSV shows this database's (a cloned disk)."""
        if not self.db_path.exists():
            return
        own = {self.target}
        own.update(self.folder.glob(f"{self.target.stem}_[0-9]*.csv"))
        other = find_clone(self.db_path, self.folder, own)
        if other is None:
            return
        new = regenerate_instance(self.db_path)
        log.warning("database instance id also used by %s: now %s", other.name, new)
        notice = (
            f"この 端末の データは、{other.name} の 端末と 同じ ディスクから "
            "作られていました。記録の 番号が 重ならないように、これからは 新しい 番号を "
            "使います。これまでの 記録も 正しく 数えられます。"
        )
        self._save_status(clone_notice=notice, clone_notice_at=iso(moment))

    def _prepare_folder(self) -> None:
        if self.config.csv_folder:
            # A configured folder that is missing is usually a share or USB drive
            # that is offline: creating it here would hide the files from staff.
            if not self.folder.is_dir():
                raise FileNotFoundError(2, "folder not found", str(self.folder))
        else:
            self.folder.mkdir(parents=True, exist_ok=True)

    def _write_with_retries(self, path: Path, data: bytes) -> None:
        """``write_atomic``, retried with backoff while the target is locked (Excel on Windows)."""
        delays = list(self._retry_delays)
        while True:
            try:
                write_atomic(path, data)
                return
            except PermissionError:
                if not delays or not _folder_is_writable(self.folder):
                    raise
                self._sleep(delays.pop(0))

    def _explain(self, exc: OSError | sqlite3.Error) -> str:
        """Plain Japanese for staff; the technical detail goes to the log."""
        keep = "記録はこの端末に残っています。次の同期でもう一度保存します。"
        if isinstance(exc, sqlite3.Error):
            return f"出席データベースを読めませんでした（{exc}）。{keep}"
        if isinstance(exc, FileNotFoundError) and not self.db_path.exists():
            return "出席データベースが見つかりません。キオスクを一度起動してください。"
        if isinstance(exc, (FileExistsError, NotADirectoryError)) or (
            self.folder.exists() and not self.folder.is_dir()
        ):
            return (
                f"保存先 {self.folder} はフォルダではありません（同じ名前のファイルがあります）。"
                f"設定の保存先をたしかめてください。{keep}"
            )
        if isinstance(exc, FileNotFoundError):
            return (
                f"保存先のフォルダ {self.folder} が見つかりません。"
                f"ネットワークや USB メモリのつながりをたしかめてください。{keep}"
            )
        if isinstance(exc, PermissionError):
            return (
                f"保存先のフォルダ {self.folder} に書き込めません。"
                f"フォルダの権限をたしかめてください。{keep}"
            )
        if exc.errno is not None and exc.errno == 28:
            return f"保存先のディスクがいっぱいです。{keep}"
        return f"出席ファイルを保存できませんでした（{exc.strerror or exc}）。{keep}"


def _same_content(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _folder_is_writable(folder: Path) -> bool:
    """Tell a read-only folder from a locked target file: can a new file be made beside it?"""
    try:
        fd, name = tempfile.mkstemp(prefix=".probe.", suffix=".tmp", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def export_to_file(db_path: Path, out: Path) -> int:
    """Write the CSV once to ``out`` (``kiosk export``); return the number of rows."""
    data, rows = export_csv_bytes(db_path)
    write_atomic(out, data)
    return rows
