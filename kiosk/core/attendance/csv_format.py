"""The attendance CSV, schema version 1: its columns, Excel-safe cells and the export query.

See docs/attendance.md for what each column means. The text is UTF-8 with a BOM
(so Japanese Excel detects the encoding), CRLF line ends and every field
quoted. A cell that Excel could run as a formula gets a leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from kiosk.core.excel_safe import neutralise

SCHEMA_VERSION: Final = "1"
BOM: Final = "\ufeff"
NEWLINE: Final = "\r\n"
ITEM_SEPARATOR: Final = ";"

# (header, SQL expression for the raw value). Aliases: v visits, p participants,
# c classes, ev the per-visit event lists; {instance} is the SQL for the visit's instance id.
_COLUMNS: Final = (
    ("様式版", f"'{SCHEMA_VERSION}'"),
    ("記録ID", "v.centre_code || '-' || v.kiosk_id || '-' || {instance} || '-' || v.id"),
    ("センター", "v.centre_code"),
    ("端末", "v.kiosk_id"),
    ("日付", "substr(v.started_at, 1, 10)"),
    ("開始", "v.started_at"),
    ("終了", "v.ended_at"),
    ("利用者コード", "v.participant_code"),
    ("初回", "CASE v.first_visit WHEN 1 THEN 'はい' WHEN 0 THEN 'いいえ' END"),
    ("年代", "p.age_band"),
    ("地域", "p.area"),
    ("区分", "CASE WHEN v.class_id IS NULL THEN '自習' ELSE '教室' END"),
    ("教室ID", "v.class_id"),
    ("教室名", "c.title"),
    ("完了したレッスン", "ev.lessons"),
    ("完了した手続き", "ev.procedures"),
    ("ゆびの練習", "ev.practice"),
    ("回答_市のサービス利用", "v.used_services"),
    ("回答_きょうの理解", "v.understood"),
)
HEADER: Final = tuple(name for name, _ in _COLUMNS)
COLUMN_COUNT: Final = len(HEADER)


def format_row(values: Iterable[str | int | None]) -> str:
    """One CSV line (without the line end): every cell neutralised and quoted."""
    cells = []
    for value in values:
        text = "" if value is None else str(value)
        cells.append('"' + neutralise(text).replace('"', '""') + '"')
    return ",".join(cells)


HEADER_LINE: Final = format_row(HEADER)


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_ASCII_RARE_TRIGGERS: Final = tuple(ch.encode() for ch in ("=", "@", "\t"))
# ＝＋－＠ in UTF-8 all start with these two bytes (as do other full-width signs).
_WIDE_LEAD: Final = b'"' + "＝".encode()[:2]


def join_plain_lines(lines: Sequence[bytes]) -> bytes | None:
    """UTF-8 lines built by ``lines_query`` (cells quoted, nothing escaped), CRLF after each.

    Returns None when some cell of the chunk might need escaping or
    neutralising; the caller then formats those rows with ``format_row``.
    The rows stay bytes from SQLite to the file and the checks run over the
    whole chunk as C-level searches: that keeps the export close to the speed
    of the ``sqlite3`` tool.
    """
    data = b"\r\n".join(lines) + b"\r\n"
    rows = len(lines)
    # Exactly two quotes per cell: no cell holds a quote, so '"' + c only
    # occurs where a cell begins with c. One CR and one LF per row: no cell
    # holds a line break (which would also start a cell after '"\r\n"').
    if (
        data.count(b'"') != 2 * COLUMN_COUNT * rows
        or data.count(b"\r") != rows
        or data.count(b"\n") != rows
        or b'"-' in data
        or b'"+' in data
        or b"\"'" in data
        or _WIDE_LEAD in data
        or any(ch in data for ch in _ASCII_RARE_TRIGGERS)
    ):
        return None
    return data


# Per visit and kind, the completed items in the order they were first completed.
EVENT_LISTS: Final = """
    SELECT visit_id,
           group_concat(CASE WHEN kind = 'lesson' THEN item_id END, ';') AS lessons,
           group_concat(CASE WHEN kind = 'procedure' THEN item_id END, ';') AS procedures,
           group_concat(CASE WHEN kind = 'practice' THEN item_id END, ';') AS practice
    FROM (
        SELECT visit_id, kind, item_id, min(id) AS first_id
        FROM events WHERE completed = 1
        GROUP BY visit_id, kind, item_id
        ORDER BY visit_id, first_id
    )
    GROUP BY visit_id
"""


def _query(select_list: str) -> str:
    return f"""
        WITH ev AS ({EVENT_LISTS})
        SELECT {select_list}
        FROM visits v
        LEFT JOIN participants p ON p.code = v.participant_code
        LEFT JOIN classes c ON c.id = v.class_id
        LEFT JOIN ev ON ev.visit_id = v.id
        ORDER BY v.id
    """


def _correlated(expression: str) -> str:
    """The same event list as the ``ev`` table, looked up for one visit (cheap for a few rows)."""
    for column, kind in (
        ("lessons", "lesson"),
        ("procedures", "procedure"),
        ("practice", "practice"),
    ):
        if expression == f"ev.{column}":
            return (
                "(SELECT group_concat(item_id, ';') FROM (SELECT item_id FROM events"
                f" WHERE visit_id = v.id AND kind = '{kind}' AND completed = 1"
                " GROUP BY item_id ORDER BY min(id)))"
            )
    return expression


def raw_rows_query(instance: str = ":instance") -> str:
    """The export rows as plain values (what the benchmark hands to the ``sqlite3`` tool).

    ``instance`` is the SQL for a visit's instance id (see ``clones.instance_sql``).
    """
    select = ", ".join(f"{expr} AS {_sql_literal(name)}" for name, expr in _COLUMNS)
    return _query(select).replace("{instance}", instance)


# Columns that are never NULL (NOT NULL in the schema, or built from such columns).
_NEVER_NULL: Final = frozenset(("様式版", "記録ID", "センター", "端末", "日付", "開始", "区分"))


def lines_query(instance: str = ":instance") -> str:
    """Rows of (visit id, the row as one CSV line with every cell quoted but nothing escaped)."""
    cells = (expr if name in _NEVER_NULL else f"ifnull({expr}, '')" for name, expr in _COLUMNS)
    line = " || '\",\"' || ".join(cells)
    return _query(f"v.id, '\"' || {line} || '\"'").replace("{instance}", instance)


def cells_query(instance: str = ":instance") -> str:
    """The rows with visit id from ``:first`` to ``:last`` as text cells, for ``format_row``."""
    cells = ", ".join(f"ifnull({_correlated(expr)}, '')" for _, expr in _COLUMNS)
    return f"""
        SELECT {cells}
        FROM visits v
        LEFT JOIN participants p ON p.code = v.participant_code
        LEFT JOIN classes c ON c.id = v.class_id
        WHERE v.id BETWEEN :first AND :last
        ORDER BY v.id
    """.replace("{instance}", instance)
