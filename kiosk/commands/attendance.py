"""Attendance commands: ``demo-data``, ``export``, ``sync``, ``report`` and ``purge``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.attendance.report import Report
    from kiosk.core.attendance.store import AttendanceStore
    from kiosk.core.config import Config

_FORMATS = ("table", "csv", "json")


def _month(text: str) -> str:
    from kiosk.core.attendance.report import parse_month

    try:
        return parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-04") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _kiosk_options(parser: argparse.ArgumentParser, demo_help: str) -> None:
    parser.add_argument("--demo", action="store_true", help=demo_help)
    parser.add_argument(
        "--config", metavar="FILE", help="settings file (default: kiosk.toml in the data folder)"
    )


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = subparsers.add_parser(
        "demo-data",
        help="fill the database with believable demo visits",
        description="Add realistic participants, classes, lessons and answers. Without "
        "--data-dir this writes to the demo data folder, never to the kiosk's real records.",
    )
    demo.add_argument("--config", metavar="FILE", help="settings file for centre code and areas")
    demo.add_argument("--visits", type=_count, required=True, metavar="N", help="visits to add")
    demo.add_argument("--seed", type=int, default=None, metavar="S", help="repeatable data")
    demo.set_defaults(func=_guarded(_demo_data))

    export = subparsers.add_parser(
        "export", help="write the attendance CSV once to a file of your choice"
    )
    _kiosk_options(export, "use the demo data folder")
    export.add_argument(
        "--out",
        metavar="FILE",
        help="where to write (default: attendance_<centre>_<kiosk>.csv here; '-' for stdout)",
    )
    export.set_defaults(func=_guarded(_export))

    sync = subparsers.add_parser(
        "sync", help="update the attendance CSV in the configured folder now"
    )
    _kiosk_options(sync, "use the demo data folder")
    sync.set_defaults(func=_guarded(_sync))

    report = subparsers.add_parser(
        "report",
        help="merge attendance CSVs of many kiosks into the usage-rate KPI",
        description="Files or folders (folders: every attendance_*.csv below them).",
    )
    report.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    report.add_argument("--from", dest="month_from", type=_month, metavar="YYYY-MM")
    report.add_argument("--to", dest="month_to", type=_month, metavar="YYYY-MM")
    report.add_argument("--format", choices=_FORMATS, default="table")
    report.add_argument(
        "--jobs", type=_positive, default=None, metavar="N", help="workers (default: CPUs)"
    )
    report.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help="also write the monthly report for the PDCA meeting as an A4 PDF",
    )
    report.set_defaults(func=_guarded(_report))

    purge = subparsers.add_parser(
        "purge", help="delete records older than the retention period, then sync the CSV"
    )
    _kiosk_options(purge, "use the demo data folder")
    purge.add_argument(
        "--older-than-months", type=_positive, required=True, metavar="N", dest="months"
    )
    purge.set_defaults(func=_guarded(_purge))


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the expected failures into one plain message, never a traceback.

    Exit status 2 for a settings problem (as ``kiosk run``), 1 for everything else: a
    damaged database, a full disk, a read-only or vanished folder.
    """

    def run(args: argparse.Namespace) -> int:
        import sqlite3

        from kiosk.core.attendance.errors import AttendanceError
        from kiosk.core.attendance.report_merge import ReportError
        from kiosk.core.config import ConfigError
        from kiosk.core.storage_errors import describe

        try:
            return handler(args)
        except ConfigError as exc:
            print(f"kiosk {args.command}: {exc}", file=sys.stderr)
            return 2
        except (AttendanceError, ReportError) as exc:
            print(f"kiosk {args.command}: {exc}", file=sys.stderr)
        except (sqlite3.Error, OSError) as exc:
            print(f"kiosk {args.command}: {describe(exc)}", file=sys.stderr)
        return 1

    return run


def _open(args: argparse.Namespace, *, demo: bool) -> tuple[AttendanceStore, Config, Path]:
    from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore
    from kiosk.core.config import find_config_file, load_config
    from kiosk.core.paths import ensure_writable_dir, resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None), demo=demo)
    config = load_config(find_config_file(args.config, data_dir))
    ensure_writable_dir(data_dir)
    return AttendanceStore.open(data_dir / DB_FILE_NAME, config), config, data_dir


def _demo_data(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.demo_data import generate_demo_data

    store, _, data_dir = _open(args, demo=True)
    with store:
        made = generate_demo_data(store, args.visits, args.seed)
    print(
        f"デモデータを追加しました: 来館 {made.visits:,} 件、利用者 {made.participants:,} 人、"
        f"教室 {made.classes:,} 回（{data_dir}）"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.csv_export import csv_file_name, export_csv_bytes, export_to_file

    store, config, _ = _open(args, demo=args.demo)
    store.close()
    if args.out == "-":
        data, _rows = export_csv_bytes(store.db_path)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    out = Path(args.out) if args.out else Path.cwd() / csv_file_name(config)
    rows = export_to_file(store.db_path, out)
    print(f"出席データを書き出しました（{rows:,} 件）: {out}")
    return 0


def _sync(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.csv_export import CsvSync

    store, config, data_dir = _open(args, demo=args.demo)
    with store:
        result = CsvSync(store, config, data_dir).sync()
    stream = sys.stdout if result.ok else sys.stderr
    print(f"{result.message}\n{result.path}", file=stream)
    return 0 if result.ok else 1


def _report(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.report import build_report
    from kiosk.core.attendance.report_render import render_csv, render_json, render_table

    if args.month_from and args.month_to and args.month_from > args.month_to:
        print("kiosk report: error: --from is after --to", file=sys.stderr)
        return 2
    report = build_report(args.paths, args.month_from, args.month_to, jobs=args.jobs)
    render = {"table": render_table, "csv": render_csv, "json": render_json}[args.format]
    sys.stdout.buffer.write(render(report).encode("utf-8"))
    sys.stdout.flush()
    if args.pdf:
        pages = _write_pdf(report, args.pdf, args)
        print(
            f"kiosk report: {args.pdf}: A4 {pages} ページの レポートを 書きました", file=sys.stderr
        )
    for problem in report.problems:
        print(f"kiosk report: {problem}", file=sys.stderr)
    hidden = report.malformed - len(report.problems)
    if hidden > 0:
        print(f"kiosk report: ほかに読めなかった行が {hidden:,} 行あります", file=sys.stderr)
    # 3: the report was made, but some files or rows could not be read.
    return 3 if report.malformed else 0


def _report_config(args: argparse.Namespace) -> Config | None:
    """This kiosk's settings, to name the town hall in titles as learners saw them; None
    (the default names) where there are none or they cannot be read."""
    from kiosk.core.config import ConfigError, find_config_file, load_config
    from kiosk.core.paths import resolve_data_dir

    try:
        return load_config(find_config_file(None, resolve_data_dir(args.data_dir, demo=False)))
    except (ConfigError, OSError):
        return None


def _write_pdf(report: Report, path: Path, args: argparse.Namespace) -> int:
    """Render the report with Qt (off screen where there is no display); return its pages."""
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.core.library import load_content
    from kiosk.ui.report_pdf import write_report_pdf
    from kiosk.ui.theme import load_fonts

    app = QApplication.instance() or QApplication([])
    load_fonts()
    config = _report_config(args)
    content = load_content(None, None)
    pages = write_report_pdf(report, path, lambda kind, item: content.title(kind, item, config))
    del app
    return pages


def _purge(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.csv_export import CsvSync

    store, config, data_dir = _open(args, demo=args.demo)
    with store:
        counts = store.count_older_than(args.months)
        deleted = store.purge_older_than(args.months)
        result = CsvSync(store, config, data_dir).sync()
    print(
        f"{counts.cutoff} より前の記録を消しました: 来館 {deleted:,} 件、"
        f"利用者 {counts.participants:,} 人、教室 {counts.classes:,} 回"
    )
    if not result.ok:
        print(f"kiosk purge: CSV を更新できませんでした: {result.message}", file=sys.stderr)
        return 1
    print(result.message)
    return 0
