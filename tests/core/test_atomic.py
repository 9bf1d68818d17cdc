"""Atomic writes and the sweep of temp files left by a writer killed half-way."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kiosk.core.atomic import STALE_TEMP_SECONDS, remove_stale_temp_files, write_atomic


def test_write_atomic_replaces_the_whole_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "folder" / "data.csv"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["data.csv"]


def test_only_old_temp_files_of_the_same_file_are_swept(tmp_path: Path) -> None:
    target = tmp_path / "data.csv"
    old = tmp_path / ".data.csv.abc123.tmp"
    live = tmp_path / ".data.csv.def456.tmp"
    other = tmp_path / ".other.csv.abc123.tmp"
    for path in (old, live, other):
        path.write_bytes(b"half")
    long_ago = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    remove_stale_temp_files(target)
    assert not old.exists()
    assert live.exists(), "a temp file another process may still be writing stays"
    assert other.exists(), "another file's temp file stays"
