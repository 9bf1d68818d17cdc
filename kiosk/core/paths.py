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


# Names only the kiosk puts in a data folder: a folder holding one of them (or nothing) is
# the kiosk's own, and its permissions may be tightened.
_KIOSK_NAMES = ("kiosk.db", "staff_pin.json", "kiosk.toml", "logs")


def ensure_writable_dir(path: Path) -> None:
    """Create ``path`` if needed, make it private, prove it is writable (raises OSError if not)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(path)
    probe = path / ".write-test"
    probe.write_bytes(b"ok")
    probe.unlink()


def make_private(data_dir: Path) -> None:
    """Only this account may read the data folder: 0700 for folders, 0600 for files.

    POSIX only; on Windows the folder lies in the account's own ``%LOCALAPPDATA%``, which
    other (non-administrator) accounts cannot open. Files one level down (logs, export,
    prints) are included. A folder that is not the kiosk's own, such as a home folder given
    as ``--data-dir`` by mistake, is left as it is.
    """
    if os.name == "nt":
        return
    children = list(data_dir.iterdir())
    if children and not any((data_dir / name).exists() for name in _KIOSK_NAMES):
        return
    _chmod(data_dir, 0o700)
    for child in children:
        if child.is_symlink():
            continue
        if child.is_dir():
            _chmod(child, 0o700)
            for inner in child.iterdir():
                if inner.is_file() and not inner.is_symlink():
                    _chmod(inner, 0o600)
        elif child.is_file():
            _chmod(child, 0o600)


def _chmod(path: Path, mode: int) -> None:
    if path.stat().st_mode & 0o777 != mode and path.stat().st_uid == os.getuid():
        os.chmod(path, mode)
