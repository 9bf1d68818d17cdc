"""``kiosk self-test``: prove on this PC that the kiosk can run, one line per check.

Self-test changes nothing in the data folder: the database is checked on a copy in a
temporary folder, and the home screen is built on an empty temporary folder, so the staff
PIN, the settings and the records stay byte for byte as they were.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.config import Config


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    required: bool = True

    def line(self) -> str:
        status = "ok  " if self.ok else ("FAIL" if self.required else "warn")
        return f"{status} {self.name}: {self.detail}"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "self-test",
        help="check settings, fonts, data folder, database, lessons and speech "
        "(changes nothing in the data folder; no display needed)",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="settings file (default: kiosk.toml in the data folder)"
    )
    parser.set_defaults(func=_self_test)


def _check_settings(cli_value: str | None, data_dir: Path) -> tuple[CheckResult, Config | None]:
    """Read the settings exactly as ``kiosk run`` does."""
    from kiosk.core.config import ConfigError, find_config_file, load_config

    path = find_config_file(cli_value, data_dir)
    try:
        config = load_config(path)
    except ConfigError as exc:
        detail = "the kiosk would not start:\n" + "\n".join(f"  {p}" for p in exc.problems)
        return CheckResult("settings", False, detail), None
    where = str(path) if path else "no settings file, the defaults are used"
    return CheckResult("settings", True, where), config


def _probe_writable(folder: Path) -> None:
    """Create and remove a uniquely named file in ``folder`` (raises OSError if not writable)."""
    fd, name = tempfile.mkstemp(prefix=".self-test-", dir=folder)
    os.close(fd)
    os.unlink(name)


def _check_data_dir(data_dir: Path) -> CheckResult:
    if data_dir.is_dir():
        try:
            _probe_writable(data_dir)
        except OSError as exc:
            return CheckResult("data folder", False, f"{data_dir} is not writable ({exc.strerror})")
        return CheckResult("data folder", True, f"{data_dir} is writable")
    # Not created yet (first start makes it): the nearest existing folder must take it.
    parent = data_dir.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    try:
        if not parent.is_dir():
            raise NotADirectoryError(20, "not a folder", str(parent))
        _probe_writable(parent)
    except OSError as exc:
        return CheckResult("data folder", False, f"{data_dir} cannot be created ({exc.strerror})")
    return CheckResult("data folder", True, f"{data_dir} will be created at the first start")


def _check_database(data_dir: Path, config: Config, work_dir: Path) -> CheckResult:
    """Open a copy of the database: the migrations and a write run on the copy only."""
    from kiosk.core.attendance.errors import AttendanceError
    from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore

    path = data_dir / DB_FILE_NAME
    copy = work_dir / DB_FILE_NAME
    if path.is_file() and path.stat().st_size == 0:
        from kiosk.core.storage_errors import damaged_message

        return CheckResult("database", False, damaged_message(path, "空っぽ（0 バイト）です"))
    try:
        if path.exists():
            # Read-only: no checkpoint, no journal, nothing written beside the real file.
            source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            if not os.access(path, os.W_OK):
                return CheckResult("database", False, f"{path} is read-only")
        # Opening runs the schema migrations, as the kiosk itself would.
        with AttendanceStore.open(copy, config) as store:
            connection = store.db.conn
            # BEGIN IMMEDIATE takes the write lock: proof that visits can be recorded.
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            (result,) = connection.execute("PRAGMA quick_check").fetchone()
    except AttendanceError as exc:
        return CheckResult("database", False, str(exc))
    except (sqlite3.Error, OSError) as exc:
        from kiosk.core.storage_errors import describe

        return CheckResult("database", False, describe(exc, path))
    if result != "ok":
        return CheckResult("database", False, f"{path}: integrity problem: {result}")
    if not path.exists():
        return CheckResult("database", True, f"{path} will be created at the first start")
    return CheckResult("database", True, f"{path} opens and can be written")


def _check_lessons() -> CheckResult:
    from kiosk.core.lessons import load_lessons

    loaded = load_lessons()
    if not loaded.lessons:
        return CheckResult(
            "lessons", False, f"no lesson could be loaded ({len(loaded.problems)} problem(s))"
        )
    detail = f"{len(loaded.lessons)} lessons loaded"
    if loaded.problems:
        # A broken lesson is skipped, the kiosk still runs: report it, don't fail.
        detail += f", {len(loaded.problems)} problem(s): run 'kiosk lessons check'"
    return CheckResult("lessons", True, detail)


def _check_speech() -> CheckResult:
    from kiosk.speech.base import staff_reason
    from kiosk.speech.factory import probe_speech

    works, detail = probe_speech()
    if not works:
        detail = f"{staff_reason(detail)} ({detail})"
    # Optional: the kiosk runs silently without speech, but staff should know.
    return CheckResult("speech", works, detail, required=False)


def _check_fonts_and_home(config: Config, work_dir: Path) -> list[CheckResult]:
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.speech.base import NullSpeaker
    from kiosk.ui.theme import FONT_FAMILY

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    # Demo mode on an empty folder of its own: the demo PIN never reaches the real data.
    home_dir = work_dir / "home"
    kiosk = Kiosk(app, config, home_dir, NullSpeaker("self-test"), demo=True)
    results = []
    font_ok = FONT_FAMILY in kiosk.fonts
    results.append(
        CheckResult(
            "fonts",
            font_ok,
            f"{FONT_FAMILY} loaded" if font_ok else f"{FONT_FAMILY} could not be loaded",
        )
    )
    window = kiosk.window
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    image = window.grab().toImage()
    home = window.current_screen()
    shown_family = QFontInfo(home.font()).family()
    painted = len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), 16)
            for y in range(0, image.height(), 16)
        }
    )
    home_ok = home.screen_name == "home" and painted > 2
    results.append(
        CheckResult(
            "home screen",
            home_ok,
            f"shown {image.width()}x{image.height()}, font {shown_family}"
            if home_ok
            else "the home screen did not paint",
        )
    )
    window.allow_close()
    window.close()
    return results


def _self_test(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.core.paths import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    settings, config = _check_settings(args.config, data_dir)
    results: list[CheckResult] = [settings]
    print(settings.line(), flush=True)
    if config is not None:
        with tempfile.TemporaryDirectory(
            prefix="kiosk-self-test-", ignore_cleanup_errors=True
        ) as work:
            work_dir = Path(work)
            checks: list[Callable[[], list[CheckResult]]] = [
                lambda: [_check_data_dir(data_dir)],
                lambda: [_check_database(data_dir, config, work_dir)],
                lambda: [_check_lessons()],
                lambda: _check_fonts_and_home(config, work_dir),
                lambda: [_check_speech()],
            ]
            for check in checks:
                for result in check():
                    print(result.line(), flush=True)
                    results.append(result)
                if not results[1].ok:
                    break  # nothing else can work without a data folder
    failed = [r for r in results if r.required and not r.ok]
    print("self-test passed" if not failed else f"self-test FAILED ({len(failed)} problem(s))")
    return 0 if not failed else 1
