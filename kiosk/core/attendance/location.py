"""Tell whether a folder is on a network share, where SQLite must not keep its database."""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

_DRIVE_REMOTE = 4


def _is_unc(text: str) -> bool:
    normalised = text.replace("/", "\\")
    if normalised.startswith("\\\\?\\") or normalised.startswith("\\\\.\\"):
        # Extended-length and device paths: only the UNC form is remote.
        return normalised[4:].upper().startswith("UNC\\")
    return normalised.startswith("\\\\")


def is_network_path(path: Path | str, platform: str = sys.platform) -> bool:
    """True for a UNC path (``\\\\server\\share\\...``) or, on Windows, a mapped network drive.

    Only cheap checks: no file-system access except one drive-type query on Windows.
    """
    text = str(path)
    if platform != "win32":
        # Posix never produces UNC paths, but a Windows-style path handed to us is still remote.
        return text.startswith("\\\\")
    if _is_unc(text):
        return True
    if sys.platform == "win32":  # keeps mypy from checking windll on other platforms
        import ctypes

        drive = PureWindowsPath(text).drive
        if drive:
            kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")
            return bool(kind == _DRIVE_REMOTE)
    return False
