"""The staff console's KPI, counted from the database, gives ``kiosk report``'s figures."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore
from kiosk.core.attendance.csv_export import export_to_file
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.attendance.kpi import kiosk_report
from kiosk.core.attendance.report import Report, build_report
from kiosk.core.config import Config


def figures(report: Report) -> dict[str, object]:
    """Everything a report says except where it was read from."""
    values = dataclasses.asdict(report)
    del values["files"]
    return values


def csv_report(db: Path, tmp_path: Path, *period: str | None) -> Report:
    out = tmp_path / "attendance_export.csv"
    export_to_file(db, out)
    return build_report([out], *period, jobs=1)


@pytest.fixture
def odd_cases(tmp_path: Path) -> Path:
    """Visits where the KPI's rules decide: changed answers, unfinished visits, classes."""
    db = tmp_path / "kiosk.db"
    config = Config(centre_code="TOBATA01", areas=("戸畑区", "=若松区"))
    with AttendanceStore.open(db, config) as store:
        a = store.register_participant("70代", "戸畑区", CONSENT_VERSION, now=jst(2026, 3, 30)).code
        b = store.register_participant("80代", "=若松区", CONSENT_VERSION, now=jst(2026, 4, 2)).code

        def visit(
            code: str | None,
            when: datetime,
            used: str | None = None,
            items: tuple[str, ...] = (),
            *,
            end: bool = True,
        ) -> None:
            visit_id = store.start_visit(code, now=when)
            for item in items:
                store.record_event(visit_id, "lesson", item, now=when)
            store.record_event(visit_id, "practice", "tap", now=when)
            if used:
                store.record_answers(visit_id, used, "すこし", now=when)
            if end:
                store.end_visit(visit_id, now=when.replace(hour=15))

        visit(a, jst(2026, 3, 30), "いいえ", ("camera",))
        visit(a, jst(2026, 4, 6), "はい", ("camera", "maps"))
        visit(a, jst(2026, 4, 9), "いいえ")  # the latest answer of April counts
        visit(b, jst(2026, 4, 2), "わからない")
        # Never finished, answered all the same: it comes after the finished visits, so it
        # is May's last answer, while the latest answer is the one of the later start.
        visit(b, jst(2026, 5, 20), "はい", end=False)
        visit(b, jst(2026, 5, 21), "いいえ", ("'apostrophe",))
        visit(None, jst(2026, 4, 3), "はい", ("maps",))
        visit(None, jst(2026, 5, 8))
        store.start_class("スマホ きょうしつ", "山田", ("camera",), now=jst(2026, 5, 7, 9))
        visit(a, jst(2026, 5, 7, 10), "はい", ("camera",))
    return db


@pytest.mark.parametrize(
    "period", [(None, None), ("2026-04", None), ("2026-04", "2026-04"), (None, "2026-03")]
)
def test_the_database_gives_the_figures_of_kiosk_report(
    odd_cases: Path, tmp_path: Path, period: tuple[str | None, str | None]
) -> None:
    direct = kiosk_report(odd_cases, *period)
    assert figures(direct) == figures(csv_report(odd_cases, tmp_path, *period))
    assert direct.files == [str(odd_cases)]


def test_the_odd_cases_count_as_the_kpi_says(odd_cases: Path) -> None:
    report = kiosk_report(odd_cases, "2026-04", None)
    assert report.out_of_period == 1
    assert (report.visits, report.anonymous_visits, report.class_visits) == (8, 2, 1)
    # a's latest answer is はい (May, in class), b's いいえ (May 21).
    assert (report.participants, report.answered, report.used_yes) == (2, 2, 1)
    april, may = (
        next(row for row in report.by_month if row.key == m) for m in ("2026-04", "2026-05")
    )
    assert (april.participants, april.answered, april.used_yes) == (2, 1, 0)
    assert (may.participants, may.answered, may.used_yes) == (2, 2, 2)
    assert ("'apostrophe", 1) in report.lessons
    assert ("=若松区", 3) in [(row.key, row.visits) for row in report.by_area]
    assert report.anonymous_answered == report.anonymous_yes == 1


def test_a_year_of_demo_visits_gives_the_same_figures(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    with AttendanceStore.open(db, Config(areas=("小倉北区", "戸畑区", "八幡西区"))) as store:
        generate_demo_data(store, 3000, seed=17, end=jst(2026, 6, 30, 17))
    direct = kiosk_report(db)
    assert direct.visits == 3000
    assert direct.answered > 100
    assert figures(direct) == figures(csv_report(db, tmp_path))
    assert figures(kiosk_report(db, "2026-03", "2026-05")) == figures(
        csv_report(db, tmp_path, "2026-03", "2026-05")
    )


def test_a_value_the_report_refuses_is_refused_on_the_database_too(
    odd_cases: Path, tmp_path: Path
) -> None:
    # An answer no kiosk writes (a database edited by hand): the report names the row
    # and leaves the visit out; the KPI counted from the database does the same.
    assert kiosk_report(odd_cases).visits == 9
    with sqlite3.connect(odd_cases) as conn:
        conn.execute("UPDATE visits SET used_services = 'たぶん' WHERE id = 2")
    direct = kiosk_report(odd_cases)
    from_csv = csv_report(odd_cases, tmp_path)
    assert direct.visits == from_csv.visits == 8
    assert len(direct.problems) == len(from_csv.problems) == 1
    assert figures(direct) | {"problems": []} == figures(from_csv) | {"problems": []}
