"""Write a file so that readers see either the old or the new content, never a torn one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

# A temp file older than this was left by a writer that was killed half-way.
STALE_TEMP_SECONDS = 600


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then ``os.replace`` it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def remove_stale_temp_files(path: Path) -> None:
    """Delete the temp files of ``path`` left by a write that was killed half-way.

    Only files older than STALE_TEMP_SECONDS go, so another process's live temp file stays.
    """
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable where the OS allows it (not on Windows)."""
    if os.name == "nt":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
