"""Where the kiosk keeps writable data: a per-user folder on the local disk."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "DigitalSupportKiosk"
DATA_DIR_ENV = "KIOSK_DATA_DIR"


def default_data_dir(demo: bool = False) -> Path:
    """Return the per-user data folder (``demo/`` inside it for demo mode).

    Windows: ``%LOCALAPPDATA%\\DigitalSupportKiosk`` (local, never roaming, so
    the database stays on this PC). Elsewhere: ``$XDG_DATA_HOME`` or
    ``~/.local/share``.
    """
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    root = base / APP_FOLDER
    return root / "demo" if demo else root


def resolve_data_dir(cli_value: str | None, demo: bool = False) -> Path:
    """Pick the data dir: ``--data-dir`` first, then ``KIOSK_DATA_DIR``, then the default."""
    chosen = cli_value or os.environ.get(DATA_DIR_ENV)
    path = Path(chosen).expanduser() if chosen else default_data_dir(demo)
    return path.resolve()


def ensure_writable_dir(path: Path) -> None:
    """Create ``path`` if needed and prove it is writable (raises OSError if not)."""
    path.mkdir(parents=True, exist_ok=True)
    probe = path / ".write-test"
    probe.write_bytes(b"ok")
    probe.unlink()
