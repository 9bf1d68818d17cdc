"""``kiosk warehouse-sql``: PostgreSQL for loading every kiosk's CSV into the city's database."""

from __future__ import annotations

import argparse
import sys

_PARTS = ("all", "tables", "load", "kpi")


def _month(text: str) -> str:
    from kiosk.core.attendance.report import parse_month

    try:
        return parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-04") from None


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "warehouse-sql",
        help="print PostgreSQL to load the attendance CSVs and compute the KPI",
        description="Prints the table definitions, the psql load script (one CSV file on "
        "standard input, keyed on 記録ID, safe to run again) and the KPI query. "
        "See docs/warehouse.md.",
    )
    parser.add_argument("--part", choices=_PARTS, default="all", help="what to print")
    parser.add_argument("--from", dest="month_from", type=_month, metavar="YYYY-MM")
    parser.add_argument("--to", dest="month_to", type=_month, metavar="YYYY-MM")
    parser.set_defaults(func=_warehouse_sql)


def _warehouse_sql(args: argparse.Namespace) -> int:
    from kiosk.core.attendance.warehouse import TABLES_SQL, kpi_sql, load_sql

    if args.month_from and args.month_to and args.month_from > args.month_to:
        print("kiosk warehouse-sql: error: --from is after --to", file=sys.stderr)
        return 2
    parts = {
        "tables": TABLES_SQL,
        "load": load_sql(),
        "kpi": kpi_sql(args.month_from, args.month_to),
    }
    chosen = list(parts) if args.part == "all" else [args.part]
    text = "\n".join(parts[name] for name in chosen)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0
