"""Disk and database failures as one plain Japanese line that staff can act on.

Used by every command and by the kiosk itself, so that a full disk, a read-only or
vanished folder, or a damaged database never shows a traceback.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26

DAMAGED = "damaged"
FULL = "full"
READ_ONLY = "read-only"
MISSING = "missing"
BUSY = "busy"
OTHER = "other"


def classify(exc: BaseException) -> str:
    """One of DAMAGED, FULL, READ_ONLY, MISSING, BUSY or OTHER."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(exc, sqlite3.Error) and isinstance(code, int):
        primary = code & 0xFF
        if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return DAMAGED
        if primary == _SQLITE_FULL:
            return FULL
        if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
            return READ_ONLY
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return BUSY
        return OTHER
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return READ_ONLY
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, getattr(errno, "ENODEV", errno.ENOENT)):
            return MISSING
    return OTHER


def damaged_message(path: Path | str, state: str = "こわれています") -> str:
    """The message for a damaged database: it is kept, and how to start afresh."""
    place = f"（{path}）" if path else ""
    return (
        f"データベース{place}が {state}。ファイルは そのまま 残して あります"
        "（上書きしません）。バックアップから もどすか、ファイルの 名前を かえてから "
        "もう いちど 起動すると、新しい データベースを 作ります。"
    )


def describe(exc: BaseException, path: Path | str | None = None) -> str:
    """A staff-readable message for ``exc``; ``path`` is the file or folder involved."""
    where = path if path is not None else getattr(exc, "filename", None) or ""
    place = f"（{where}）" if where else ""
    kind = classify(exc)
    if kind == DAMAGED:
        return damaged_message(where)
    if kind == FULL:
        return (
            f"ディスクが いっぱいで 保存できません{place}。"
            "いらない ファイルを 消して 空きを 作ってから、もう いちど ためしてください。"
        )
    if kind == READ_ONLY:
        return (
            f"フォルダ{place}に 書きこめません（読み取り専用か、書きこむ 権限が ありません）。"
            "フォルダの 設定を 確認してください。"
        )
    if kind == MISSING:
        return (
            f"フォルダ{place}が 見つかりません。USB メモリや ネットワークの ドライブが "
            "はずれて いないか 確認してください。"
        )
    if kind == BUSY:
        return (
            f"データベース{place}を ほかの プログラムが 使っています。"
            "しばらく 待ってから もう いちど ためしてください。"
        )
    detail = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return f"保存先で 問題が おきました{place}: {detail}"
