"""``kiosk self-test``: prove on this PC that the kiosk can run, one line per check."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


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
        help="check fonts, data folder, database, lessons and speech (no display needed)",
    )
    parser.set_defaults(func=_self_test)


def _check_data_dir(data_dir: Path) -> CheckResult:
    from kiosk.core.paths import ensure_writable_dir

    try:
        ensure_writable_dir(data_dir)
    except OSError as exc:
        return CheckResult("data folder", False, f"{data_dir} is not writable ({exc.strerror})")
    return CheckResult("data folder", True, f"{data_dir} is writable")


def _check_database(data_dir: Path) -> CheckResult:
    from kiosk.core.attendance.errors import AttendanceError
    from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore
    from kiosk.core.config import Config

    path = data_dir / DB_FILE_NAME
    try:
        # Opening runs the schema migrations, as the kiosk itself would.
        with AttendanceStore.open(path, Config()) as store:
            connection = store.db.conn
            # BEGIN IMMEDIATE takes the write lock: proof that visits can be recorded.
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            (result,) = connection.execute("PRAGMA quick_check").fetchone()
    except (AttendanceError, sqlite3.Error, OSError) as exc:
        return CheckResult("database", False, f"{path}: {exc}")
    if result != "ok":
        return CheckResult("database", False, f"{path}: integrity problem: {result}")
    return CheckResult("database", True, f"{path} is writable")


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
    from kiosk.speech.factory import probe_speech

    works, detail = probe_speech()
    # Optional: the kiosk runs silently without speech, but staff should know.
    return CheckResult("speech", works, detail, required=False)


def _check_fonts_and_home(data_dir: Path) -> list[CheckResult]:
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.core.config import Config
    from kiosk.speech.base import NullSpeaker
    from kiosk.ui.theme import FONT_FAMILY

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    kiosk = Kiosk(app, Config(), data_dir, NullSpeaker("self-test"), demo=True)
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
    checks: list[Callable[[], list[CheckResult]]] = [
        lambda: [_check_data_dir(data_dir)],
        lambda: [_check_database(data_dir)],
        lambda: [_check_lessons()],
        lambda: _check_fonts_and_home(data_dir),
        lambda: [_check_speech()],
    ]
    results: list[CheckResult] = []
    for check in checks:
        for result in check():
            print(result.line(), flush=True)
            results.append(result)
        if results and not results[0].ok:
            break  # nothing else can work without a data folder
    failed = [r for r in results if r.required and not r.ok]
    print("self-test passed" if not failed else f"self-test FAILED ({len(failed)} problem(s))")
    return 0 if not failed else 1
