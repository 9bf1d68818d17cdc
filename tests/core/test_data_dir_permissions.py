"""The data folder is private to the kiosk's account: 0700 folders, 0600 files (Linux)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.paths import ensure_writable_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_is_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        ensure_writable_dir(tmp_path / "data")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "data") == 0o700


def test_an_open_data_folder_is_closed_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    for name in ("kiosk.db", "kiosk.db-wal", "staff_pin.json", "logs/kiosk.log"):
        (data / name).write_bytes(b"x")
        (data / name).chmod(0o644)
    data.chmod(0o755)
    (data / "logs").chmod(0o755)
    (data / "kiosk.toml").write_text('text_size = "巨大"\n', encoding="utf-8")
    (data / "kiosk.toml").chmod(0o666)

    assert main(["run", "--data-dir", str(data)]) == 2  # the bad setting stops it after the check

    assert _mode(data) == 0o700
    assert _mode(data / "logs") == 0o700
    for name in ("kiosk.db", "kiosk.db-wal", "staff_pin.json", "logs/kiosk.log", "kiosk.toml"):
        assert _mode(data / name) == 0o600, name


def test_a_folder_that_is_not_the_kiosks_is_left_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    (home / "notes.txt").chmod(0o644)
    home.chmod(0o755)
    ensure_writable_dir(home)
    assert _mode(home) == 0o755
    assert _mode(home / "notes.txt") == 0o644
