"""Damaged databases, full disks, read-only and vanished folders: every command prints one
plain message (never a traceback), and a damaged database file is never overwritten."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.attendance import AttendanceStore
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.config import Config
from kiosk.core.storage_errors import DAMAGED, FULL, MISSING, READ_ONLY, classify, describe


def _good_db(folder: Path) -> bytes:
    with AttendanceStore.open(folder / "kiosk.db", Config()) as store:
        generate_demo_data(store, 40, 3)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (folder / "kiosk.db").read_bytes()


def _zero(folder: Path) -> None:
    (folder / "kiosk.db").write_bytes(b"")


def _garbage(folder: Path) -> None:
    (folder / "kiosk.db").write_bytes(b"this is not a database\n" * 400)


def _truncated(folder: Path) -> None:
    whole = _good_db(folder)
    for leftover in folder.glob("kiosk.db-*"):
        leftover.unlink()
    (folder / "kiosk.db").write_bytes(whole[: len(whole) // 3])


def _newer(folder: Path) -> None:
    _good_db(folder)
    with sqlite3.connect(folder / "kiosk.db") as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "zero bytes": _zero,
    "not a database": _garbage,
    "truncated": _truncated,
    "newer schema": _newer,
}
COMMANDS = [
    ["export", "--out", "OUT"],
    ["sync"],
    ["demo-data", "--visits", "3"],
    ["purge", "--older-than-months", "12"],
    ["participants", "list"],
]


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_damaged_database_gets_a_plain_message_and_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str, command: list[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    DAMAGE[damage](data)
    before = (data / "kiosk.db").read_bytes()
    argv = [arg.replace("OUT", str(tmp_path / "out.csv")) for arg in command]
    status = main([*argv, "--data-dir", str(data)])
    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err
    assert "sqlite3." not in err
    (line,) = err.strip().splitlines()
    assert line.startswith(f"kiosk {command[0]}: ")
    if damage == "newer schema":
        assert "新しい版の キオスク" in line.replace("版のキオスク", "版の キオスク")
    else:
        assert "データベース" in line
        assert "上書きしません" in line
    assert (data / "kiosk.db").read_bytes() == before, "the damaged file was changed"


@pytest.mark.parametrize("damage", ["zero bytes", "not a database", "truncated"])
def test_self_test_names_a_damaged_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    from kiosk.commands.selftest import _check_database

    DAMAGE[damage](tmp_path)
    before = (tmp_path / "kiosk.db").read_bytes()
    work = tmp_path / "work"
    work.mkdir()
    result = _check_database(tmp_path, Config(), work)
    assert not result.ok
    assert "上書きしません" in result.detail
    assert (tmp_path / "kiosk.db").read_bytes() == before


def _raise(exc: BaseException) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


def _sqlite_error(code: int, text: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (_sqlite_error(13, "database or disk is full"), "ディスクが いっぱい"),
        (OSError(errno.ENOSPC, "No space left on device"), "ディスクが いっぱい"),
        (_sqlite_error(8, "attempt to write a readonly database"), "書きこめません"),
        (OSError(errno.EROFS, "Read-only file system"), "書きこめません"),
        (OSError(errno.EACCES, "Permission denied"), "書きこめません"),
        (OSError(errno.ENOENT, "No such file or directory"), "見つかりません"),
    ],
    ids=["sqlite-full", "enospc", "sqlite-readonly", "erofs", "eacces", "enoent"],
)
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_disk_failures_get_a_plain_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
    expected: str,
    command: list[str],
) -> None:
    # Running as an administrator ignores folder permissions, so the failure is injected
    # where the database is opened, as the operating system would report it.
    monkeypatch.setattr(AttendanceStore, "open", _raise(exc))
    argv = [arg.replace("OUT", str(tmp_path / "out.csv")) for arg in command]
    assert main([*argv, "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert expected in line


def test_a_real_full_database_is_classified(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "small.db")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    conn.close()
    assert classify(caught.value) == FULL
    assert "ディスクが いっぱい" in describe(caught.value, tmp_path)


def test_classify_reads_real_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.db").write_bytes(b"x" * 5000)
    with pytest.raises(sqlite3.Error) as caught:
        sqlite3.connect(tmp_path / "bad.db").execute("SELECT 1 FROM sqlite_master")
    assert classify(caught.value) == DAMAGED
    with pytest.raises(FileNotFoundError) as missing:
        (tmp_path / "gone" / "x").write_text("x")
    assert classify(missing.value) == MISSING
    assert classify(OSError(errno.EROFS, "ro")) == READ_ONLY


def test_a_vanished_csv_folder_is_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _good_db(data)
    share = tmp_path / "usb" / "csv"
    (data / "kiosk.toml").write_text(f'csv_folder = "{share.as_posix()}"\n', encoding="utf-8")
    assert main(["sync", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip()
