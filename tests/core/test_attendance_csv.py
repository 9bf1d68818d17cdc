"""The CSV staff open in Excel: exact format, formula safety, atomic and idempotent sync, failures."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from attendance_testing import jst

from benchmarks.plain_csv_export import plain_csv_bytes
from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore, CsvSync
from kiosk.core.attendance import csv_format as fmt
from kiosk.core.attendance.csv_export import export_csv_bytes, export_to_file
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.attendance.schema import connect
from kiosk.core.config import Config
from kiosk.core.excel_safe import FORMULA_TRIGGERS

HEADER = (
    '\ufeff"様式版","記録ID","センター","端末","日付","開始","終了","利用者コード","初回","年代",'
    '"地域","区分","教室ID","教室名","完了したレッスン","完了した手続き","ゆびの練習",'
    '"回答_市のサービス利用","回答_きょうの理解"\r\n'
)


def set_instance(store: AttendanceStore, instance: str = "abc123") -> None:
    store.db.execute("UPDATE meta SET value = ? WHERE key = 'instance_id'", [instance])


def parse(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == fmt.HEADER
    assert all(len(row) == fmt.COLUMN_COUNT for row in rows)
    return rows[1:]


def database_fingerprint(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    """The file's bytes (after a checkpoint) and every row: what "untouched" means."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rows = conn.execute("SELECT * FROM visits ORDER BY id").fetchall()
    conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest(), rows


def test_the_csv_text_is_exactly_what_excel_needs(store: AttendanceStore) -> None:
    set_instance(store)
    person = store.register_participant("70代", "小倉北区", CONSENT_VERSION, now=jst(2026, 5, 1, 9))
    visit = store.start_visit(person.code, now=jst(2026, 5, 1, 10))
    store.record_event(visit, "lesson", "camera")
    store.record_event(visit, "lesson", "maps")
    store.record_event(visit, "lesson", "camera")
    store.record_event(visit, "procedure", "mynaportal_login")
    store.record_event(visit, "practice", "tap")
    store.record_event(visit, "practice", "flick", {"completed": False})
    store.record_answers(visit, "はい", "すこし")
    store.end_visit(visit, now=jst(2026, 5, 1, 10, 40))
    store.start_class('スマホ, "入門"', "講師A", ["touch"], now=jst(2026, 5, 2, 9, 55))
    store.start_visit(None, now=jst(2026, 5, 2, 10))
    data, rows = export_csv_bytes(store.db_path)
    assert rows == 2
    assert data.decode("utf-8") == (
        HEADER
        + f'"1","KOKURA01-K1-abc123-1","KOKURA01","K1","2026-05-01","2026-05-01T10:00:00+09:00",'
        f'"2026-05-01T10:40:00+09:00","{person.code}","はい","70代","小倉北区","自習","","",'
        f'"camera;maps","mynaportal_login","tap","はい","すこし"\r\n'
        '"1","KOKURA01-K1-abc123-2","KOKURA01","K1","2026-05-02","2026-05-02T10:00:00+09:00",'
        '"","","","","","教室","1","スマホ, ""入門""","","","","",""\r\n'
    )


PAYLOADS = ("=1+1", "+81", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "＝1", "＋1", "－1", "＠x")


def inject(path: Path, payload: str, n: int) -> None:
    """Put ``payload`` in every text field that reaches the CSV, as an old or edited file might."""
    conn = sqlite3.connect(path)  # no foreign keys, no validation: the export must cope
    code = f"{payload}{n}"
    conn.execute(
        "INSERT INTO participants VALUES (?, ?, ?, 'v1', '2026-05-01', '2026-05-01', NULL, NULL)",
        [code, payload, payload],
    )
    class_id = conn.execute(
        "INSERT INTO classes (title, instructor, lessons, centre_code, kiosk_id, started_at)"
        " VALUES (?, 'x', '[]', 'C', 'K', '2026-05-01')",
        [payload],
    ).lastrowid
    visit = conn.execute(
        "INSERT INTO visits (participant_code, centre_code, kiosk_id, started_at, ended_at,"
        " first_visit, class_id, used_services, understood) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
        [code, payload, payload, payload, payload, class_id, payload, payload],
    ).lastrowid
    for kind in ("lesson", "procedure", "practice"):
        conn.execute(
            "INSERT INTO events (visit_id, kind, item_id, recorded_at) VALUES (?, ?, ?, 'x')",
            [visit, kind, payload],
        )
    conn.commit()
    conn.close()


def test_formula_payloads_in_every_field_come_out_as_text(store: AttendanceStore) -> None:
    set_instance(store)
    # Ordinary rows around the payloads, so both the whole-chunk and the careful path run.
    generate_demo_data(store, 300, seed=5, end=jst(2026, 4, 30))
    for n, payload in enumerate(PAYLOADS):
        inject(store.db_path, payload, n)
    generate_demo_data(store, 300, seed=6, end=jst(2026, 6, 30))
    rows = parse(export_csv_bytes(store.db_path)[0])
    injected = [row for row in rows if row[2] in {"'" + p for p in PAYLOADS}]
    assert len(injected) == len(PAYLOADS)
    for row, payload in zip(injected, PAYLOADS, strict=True):
        safe = "'" + payload
        assert row[1].startswith(safe + "-" + payload + "-abc123-")  # record id
        text_cells = [row[i] for i in (2, 3, 4, 5, 6, 9, 10, 13, 14, 15, 16, 17, 18)]
        assert text_cells == [safe] * len(text_cells), payload
        assert row[7] == safe + str(PAYLOADS.index(payload))  # participant code
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), row


def test_the_fast_export_equals_cell_by_cell_formatting(store: AttendanceStore) -> None:
    generate_demo_data(store, 9000, seed=8, end=jst(2026, 5, 1))
    inject(store.db_path, "=bad", 0)
    generate_demo_data(store, 3000, seed=9, end=jst(2026, 6, 1))
    data, rows = export_csv_bytes(store.db_path)
    conn = connect(store.db_path, query_only=True).conn
    params = {"instance": store.instance_id, "first": 0, "last": 10**9}
    cells = conn.execute(fmt.cells_query(), params).fetchall()
    conn.close()
    expected = (
        fmt.BOM
        + fmt.HEADER_LINE
        + fmt.NEWLINE
        + "".join(fmt.format_row(r) + fmt.NEWLINE for r in cells)
    )
    assert rows == 12001
    assert data == expected.encode("utf-8")


def test_a_plain_csv_writer_writes_the_same_bytes_as_the_fast_path(
    store: AttendanceStore,
) -> None:
    # The benchmark times this plain writer against the fast path: they must agree to the
    # byte, payloads with quotes, line breaks and formula signs included.
    set_instance(store)
    generate_demo_data(store, 5000, seed=11, end=jst(2026, 4, 30))
    for n, payload in enumerate((*PAYLOADS, 'say "hi"', "'quoted", "two\r\nlines", "")):
        inject(store.db_path, payload, n)
    generate_demo_data(store, 5000, seed=12, end=jst(2026, 6, 30))
    assert plain_csv_bytes(store.db_path) == export_csv_bytes(store.db_path)[0]


def test_sync_writes_once_and_leaves_an_unchanged_file_alone(
    store: AttendanceStore, data_dir: Path, attendance_config: Config
) -> None:
    sync = CsvSync(store, attendance_config, data_dir)
    assert sync.target == data_dir / "export" / "attendance_KOKURA01_K1.csv"
    store.end_visit(store.start_visit(None, now=jst(2026, 5, 1)), now=jst(2026, 5, 1, 11))
    first = sync.sync(now=jst(2026, 5, 1, 11))
    assert (first.ok, first.changed, first.fallback, first.rows) == (True, True, False, 1)
    before = sync.target.read_bytes()
    stamp = sync.target.stat().st_mtime_ns
    second = sync.sync(now=jst(2026, 5, 1, 12))
    assert (second.ok, second.changed) == (True, False)
    assert sync.target.read_bytes() == before
    assert sync.target.stat().st_mtime_ns == stamp
    store.start_visit(None, now=jst(2026, 5, 1, 13))
    third = sync.sync(now=jst(2026, 5, 1, 13))
    assert (third.changed, third.rows) == (True, 2)
    status = CsvSync(store, attendance_config, data_dir).status()  # a new instance reads it back
    assert status.last_success_at == "2026-05-01T13:00:00+09:00"
    assert status.last_rows == 2
    assert not status.pending
    assert status.last_error is None


def test_a_missing_share_folder_is_reported_and_the_next_sync_recovers(
    store: AttendanceStore, data_dir: Path, attendance_config: Config, tmp_path: Path
) -> None:
    share = tmp_path / "share" / "kiosk"
    config = replace(attendance_config, csv_folder=str(share))
    store.end_visit(store.start_visit(None))
    sync = CsvSync(store, config, data_dir)
    before = database_fingerprint(store.db_path)
    failed = sync.sync(now=jst(2026, 5, 1, 11))
    assert not failed.ok
    assert str(share) in failed.message
    assert "見つかりません" in failed.message
    assert not share.exists()  # not created: it would hide the file from staff
    assert database_fingerprint(store.db_path) == before
    status = sync.status()
    assert status.pending
    assert status.last_error == failed.message
    assert status.last_error_at == "2026-05-01T11:00:00+09:00"
    share.mkdir(parents=True)
    recovered = sync.sync(now=jst(2026, 5, 1, 11, 5))
    assert recovered.ok
    assert (share / "attendance_KOKURA01_K1.csv").exists()
    assert not sync.status().pending
    assert sync.status().last_error == failed.message  # kept for the staff screen


def test_a_folder_that_cannot_be_written_is_reported_without_touching_the_database(
    store: AttendanceStore, data_dir: Path, attendance_config: Config
) -> None:
    # Tests run as root, so chmod cannot block writing: a file where the folder should be can.
    (data_dir / "export").write_text("not a folder")
    store.end_visit(store.start_visit(None))
    sync = CsvSync(store, attendance_config, data_dir)
    before = database_fingerprint(store.db_path)
    failed = sync.sync()
    assert not failed.ok
    assert "フォルダではありません" in failed.message
    assert database_fingerprint(store.db_path) == before
    (data_dir / "export").unlink()
    assert sync.sync().ok


@pytest.fixture
def excel_lock(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Files "open in Excel": replacing them fails like it does on Windows."""
    locked: set[Path] = set()
    real_replace = os.replace

    def replace_unless_locked(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) in locked:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_unless_locked)
    return locked


def test_a_file_open_in_excel_gets_retries_then_a_dated_copy(
    store: AttendanceStore, data_dir: Path, attendance_config: Config, excel_lock: set[Path]
) -> None:
    waits: list[float] = []
    sync = CsvSync(
        store, attendance_config, data_dir, retry_delays=(0.5, 1.0, 2.0), sleep=waits.append
    )
    store.end_visit(store.start_visit(None))
    assert sync.sync(now=jst(2026, 5, 1, 10)).ok
    old = sync.target.read_bytes()
    store.end_visit(store.start_visit(None))
    excel_lock.add(sync.target)
    before = database_fingerprint(store.db_path)
    result = sync.sync(now=jst(2026, 5, 1, 11))
    assert waits == [0.5, 1.0, 2.0]
    assert result.ok
    assert result.fallback
    assert result.path == data_dir / "export" / "attendance_KOKURA01_K1_20260501.csv"
    assert "Excel" in result.message
    assert result.path.name in result.message
    assert len(parse(result.path.read_bytes())) == 2
    assert sync.target.read_bytes() == old
    assert database_fingerprint(store.db_path) == before
    status = sync.status()
    assert status.pending
    assert status.last_success_path == result.path
    excel_lock.clear()  # Excel closed
    again = sync.sync(now=jst(2026, 5, 1, 12))
    assert again.ok
    assert not again.fallback
    assert again.changed
    assert len(parse(sync.target.read_bytes())) == 2
    assert not sync.status().pending


def test_a_short_lock_is_waited_out(
    store: AttendanceStore, data_dir: Path, attendance_config: Config, excel_lock: set[Path]
) -> None:
    sync = CsvSync(store, attendance_config, data_dir)
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            excel_lock.clear()

    sync = CsvSync(store, attendance_config, data_dir, sleep=wait)
    excel_lock.add(sync.target)
    result = sync.sync()
    assert waits == [0.5, 1.0]
    assert result.ok
    assert not result.fallback
    assert result.path == sync.target


def test_sync_without_a_database_reports_it_and_creates_nothing(
    data_dir: Path, attendance_config: Config
) -> None:
    sync = CsvSync(data_dir / "kiosk.db", attendance_config, data_dir)
    result = sync.sync()
    assert not result.ok
    assert "データベースが見つかりません" in result.message
    assert not (data_dir / "kiosk.db").exists()


def test_export_to_any_file(store: AttendanceStore, tmp_path: Path) -> None:
    store.start_visit(None)
    out = tmp_path / "usb" / "出席.csv"
    assert export_to_file(store.db_path, out) == 1
    assert len(parse(out.read_bytes())) == 1


SYNC_LOOP = """
import os, random, signal, sys
from pathlib import Path
from kiosk.core.attendance import AttendanceStore, CsvSync
from kiosk.core.config import Config
from kiosk.core.excel_safe import FORMULA_TRIGGERS

# Besides the parent's kill at a random time, this process may kill itself
# just before a temp file is flushed to disk or just before it is renamed:
# the moments where a careless writer would leave half a file behind.
rng = random.Random(int(sys.argv[2]))
real_fsync, real_replace = os.fsync, os.replace
def maybe_die():
    if rng.random() < 0.15:
        os.kill(os.getpid(), signal.SIGKILL)
def fsync(fd):
    maybe_die()
    real_fsync(fd)
def replace(src, dst):
    maybe_die()
    real_replace(src, dst)
os.fsync, os.replace = fsync, replace

data_dir = Path(sys.argv[1])
store = AttendanceStore.open(data_dir / "kiosk.db", Config())
sync = CsvSync(store, Config(), data_dir)
while True:
    store.end_visit(store.start_visit(None))
    print(sync.sync().rows, flush=True)
"""


@pytest.mark.slow
def test_a_sync_killed_mid_write_never_leaves_a_truncated_file(data_dir: Path) -> None:
    with AttendanceStore.open(data_dir / "kiosk.db", Config()) as store:
        generate_demo_data(store, 5000, seed=1)
    target = data_dir / "export" / "attendance_DEMO_K1.csv"
    rng = random.Random(4)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    seen_rows = 0
    for run in range(12):
        with subprocess.Popen(
            [sys.executable, "-c", SYNC_LOOP, str(data_dir), str(run)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        ) as child:
            assert child.stdout is not None
            child.stdout.readline()
            # A random moment inside the next syncs; sleeping is the point of this test.
            time.sleep(rng.uniform(0.0, 0.2))
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stdout.read()
        if not target.exists():
            continue
        # Whatever moment the kill hit, the file is one complete export: the
        # first N visits exactly as a fresh export writes them, never fewer
        # than an earlier sync wrote, never a cut line.
        data = target.read_bytes()
        rows = parse(data)
        fresh = export_csv_bytes(data_dir / "kiosk.db")[0]
        assert fresh.startswith(data)
        assert fresh[len(data) :][:5] in (b"", b'"1","')
        assert len(rows) >= seen_rows
        seen_rows = len(rows)
    assert seen_rows > 5000
    # Proof that some kills landed between creating a temp file and renaming it.
    assert list(target.parent.glob(".attendance_DEMO_K1.csv.*.tmp"))
