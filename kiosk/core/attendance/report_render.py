"""Print a ``Report`` for staff: an aligned table, an Excel-safe CSV, or JSON for other tools."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from kiosk.core.attendance import csv_format
from kiosk.core.attendance.report import GroupRow, Report

_NO_VALUE = "（登録なし）"
_BREAKDOWNS = (
    ("月別", "by_month"),
    ("センター別", "by_centre"),
    ("年代別", "by_age_band"),
    ("地域別", "by_area"),
)
_GROUP_HEADER = ("", "来館", "利用者", "はじめて", "回答者", "はい", "利用率")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: Sequence[Sequence[str]], numeric_from: int = 1) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i >= numeric_from else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return lines


def _group_cells(row: GroupRow) -> list[str]:
    return [
        row.key or _NO_VALUE,
        f"{row.visits:,}",
        f"{row.participants:,}",
        f"{row.first_time:,}",
        f"{row.answered:,}",
        f"{row.used_yes:,}",
        _percent(row.usage_rate),
    ]


def _period(report: Report) -> str:
    if not report.month_from and not report.month_to:
        return "全期間"
    return f"{report.month_from or 'はじめ'} 〜 {report.month_to or 'いま'}"


def render_table(report: Report) -> str:
    """A plain-text report for the terminal (Japanese labels, columns aligned)."""
    rate = report.usage_rate
    lines = [
        f"出席レポート　期間: {_period(report)}　"
        f"（ファイル {len(report.files):,} 件、{report.rows_read:,} 行）",
        "",
        f"市のサービス利用率: {_percent(rate)}"
        f"（はい {report.used_yes:,} 人 / はい・いいえ と答えた {report.answered:,} 人）"
        f"　目標 {report.target * 100:.0f}%",
    ]
    if rate is not None:
        gap = (report.target - rate) * 100
        lines.append(f"目標まで あと {gap:.1f} ポイント" if gap > 0 else "目標に とどいています")
    lines += [
        f"来館 {report.visits:,} 回（なまえなし {report.anonymous_visits:,} 回、"
        f"教室 {report.class_visits:,} 回）　利用者 {report.participants:,} 人　"
        f"はじめての人 {report.first_time:,} 人",
        f"なまえなしの来館での答え: はい {report.anonymous_yes:,} / "
        f"はい・いいえ {report.anonymous_answered:,}（利用率には入れていません）",
        f"重複して数えなかった行 {report.duplicates:,}　期間外 {report.out_of_period:,}　"
        f"読めなかった行 {report.malformed:,}",
    ]
    for title, attribute in _BREAKDOWNS:
        rows: list[GroupRow] = getattr(report, attribute)
        if not rows:
            continue
        header = [title, *_GROUP_HEADER[1:]]
        lines += ["", *_table([header, *(_group_cells(r) for r in rows)])]
    for title, items in (
        ("完了したレッスン", report.lessons),
        ("完了した手続きの練習", report.procedures),
        ("ゆびの練習", report.practice),
        ("きょうの れんしゅうは わかりましたか", report.understood),
    ):
        if items:
            lines += ["", *_table([[title, "回数"], *([k, f"{v:,}"] for k, v in items)])]
    return "\n".join(lines) + "\n"


def render_csv(report: Report) -> str:
    """The report as a CSV for Excel: BOM, CRLF, every cell quoted and formula-safe."""
    rows: list[list[str | int]] = [
        ["区分", "項目", "来館", "利用者", "はじめて", "回答者", "はい", "利用率"]
    ]
    rate = report.usage_rate
    rows.append(
        [
            "合計",
            _period(report),
            report.visits,
            report.participants,
            report.first_time,
            report.answered,
            report.used_yes,
            "" if rate is None else f"{rate:.4f}",
        ]
    )
    rows.append(["目標", "市のサービス利用率", "", "", "", "", "", f"{report.target:.2f}"])
    for title, attribute in _BREAKDOWNS:
        for row in getattr(report, attribute):
            rows.append(
                [
                    title,
                    row.key or _NO_VALUE,
                    row.visits,
                    row.participants,
                    row.first_time,
                    row.answered,
                    row.used_yes,
                    "" if row.usage_rate is None else f"{row.usage_rate:.4f}",
                ]
            )
    for title, items in (
        ("完了したレッスン", report.lessons),
        ("完了した手続き", report.procedures),
        ("ゆびの練習", report.practice),
        ("きょうの理解", report.understood),
    ):
        for key, count in items:
            rows.append([title, key, count, "", "", "", "", ""])
    body = csv_format.NEWLINE.join(csv_format.format_row(r) for r in rows)
    return csv_format.BOM + body + csv_format.NEWLINE


def _group_json(row: GroupRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "visits": row.visits,
        "participants": row.participants,
        "first_time": row.first_time,
        "answered": row.answered,
        "used_yes": row.used_yes,
        "usage_rate": row.usage_rate,
    }


def render_json(report: Report) -> str:
    """The report as JSON (UTF-8, keys in English) for other tools."""
    data: dict[str, Any] = {
        "period": {"from": report.month_from, "to": report.month_to},
        "files": report.files,
        "rows_read": report.rows_read,
        "duplicates": report.duplicates,
        "out_of_period": report.out_of_period,
        "malformed": report.malformed,
        "problems": report.problems,
        "visits": report.visits,
        "anonymous_visits": report.anonymous_visits,
        "class_visits": report.class_visits,
        "participants": report.participants,
        "first_time": report.first_time,
        "usage": {
            "answered": report.answered,
            "used_yes": report.used_yes,
            "rate": report.usage_rate,
            "target": report.target,
            "anonymous_answered": report.anonymous_answered,
            "anonymous_yes": report.anonymous_yes,
        },
        "by_month": [_group_json(r) for r in report.by_month],
        "by_centre": [_group_json(r) for r in report.by_centre],
        "by_age_band": [_group_json(r) for r in report.by_age_band],
        "by_area": [_group_json(r) for r in report.by_area],
        "lessons": dict(report.lessons),
        "procedures": dict(report.procedures),
        "practice": dict(report.practice),
        "understood": dict(report.understood),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
