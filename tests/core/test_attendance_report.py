"""``kiosk report``: merging the CSVs of many kiosks into the usage-rate KPI."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.cli import main
from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore, CsvSync
from kiosk.core.attendance import csv_format as fmt
from kiosk.core.attendance.csv_export import export_to_file
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.attendance.report import GroupRow, Report, ReportError, build_report
from kiosk.core.config import Config


def kiosk(folder: Path, centre: str, kiosk_id: str = "K1") -> AttendanceStore:
    config = Config(centre_code=centre, kiosk_id=kiosk_id, areas=("小倉北区", "戸畑区"))
    return AttendanceStore.open(folder / f"{centre}-{kiosk_id}.db", config)


def visit(
    store: AttendanceStore,
    code: str | None,
    when: tuple[int, int, int],
    used: str | None = None,
    lessons: tuple[str, ...] = (),
    procedures: tuple[str, ...] = (),
    end: bool = True,
) -> int:
    visit_id = store.start_visit(code, now=jst(*when))
    for lesson in lessons:
        store.record_event(visit_id, "lesson", lesson)
    for procedure in procedures:
        store.record_event(visit_id, "procedure", procedure)
    if used:
        store.record_answers(visit_id, used, None)
    if end:
        store.end_visit(visit_id, now=jst(*when, 11))
    return visit_id


@pytest.fixture
def centre_files(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """One kiosk's CSV with five participants whose answers change over two months."""
    out = tmp_path / "share"
    out.mkdir()
    with kiosk(tmp_path, "KOKURA01") as store:
        people = {
            name: store.register_participant(
                age, area, CONSENT_VERSION, now=jst(2026, 4, 1, 9)
            ).code
            for name, age, area in (
                ("a", "70代", "小倉北区"),
                ("b", "80代", "小倉北区"),
                ("c", "70代", "戸畑区"),
                ("d", "60代", "戸畑区"),
                ("e", "70代", "小倉北区"),
            )
        }
        visit(store, people["a"], (2026, 4, 1), "はい", ("camera", "maps"))
        visit(store, people["a"], (2026, 5, 7), "いいえ", ("camera",), ("mynaportal_login",))
        visit(store, people["b"], (2026, 4, 2), "いいえ")
        visit(store, people["b"], (2026, 5, 8), "はい", ("maps",))
        visit(store, people["c"], (2026, 4, 3), "わからない")
        visit(store, people["d"], (2026, 5, 9))
        visit(store, people["e"], (2026, 4, 10), "はい", procedures=("conveni_certificate",))
        visit(store, None, (2026, 5, 11), "はい", ("camera",))
        export_to_file(store.db_path, out / "attendance_KOKURA01_K1.csv")
    return out, people


def by_key(rows: list[GroupRow]) -> dict[str, tuple[int, int, int, int, int]]:
    return {r.key: (r.visits, r.participants, r.first_time, r.answered, r.used_yes) for r in rows}


def test_usage_rate_counts_each_participants_latest_answer(
    centre_files: tuple[Path, dict[str, str]],
) -> None:
    folder, _ = centre_files
    report = build_report([folder])
    assert (report.visits, report.anonymous_visits, report.participants, report.first_time) == (
        8,
        1,
        5,
        5,
    )
    # a: はい then いいえ; b: いいえ then はい; c: わからない only; d: no answer; e: はい.
    assert (report.answered, report.used_yes) == (3, 2)
    assert report.usage_rate == pytest.approx(2 / 3)
    assert (report.anonymous_answered, report.anonymous_yes) == (1, 1)
    assert by_key(report.by_month) == {
        "2026-04": (4, 4, 4, 3, 2),
        "2026-05": (4, 3, 1, 2, 1),
    }
    assert by_key(report.by_age_band) == {
        "60代": (1, 1, 1, 0, 0),
        "70代": (4, 3, 3, 2, 1),
        "80代": (2, 1, 1, 1, 1),
        "": (1, 0, 0, 0, 0),
    }
    assert by_key(report.by_area)["小倉北区"] == (5, 3, 3, 3, 2)
    assert by_key(report.by_centre) == {"KOKURA01": (8, 5, 5, 3, 2)}
    assert report.lessons == [("camera", 3), ("maps", 2)]
    assert report.procedures == [("conveni_certificate", 1), ("mynaportal_login", 1)]


def test_the_period_keeps_the_latest_answer_within_it(
    centre_files: tuple[Path, dict[str, str]],
) -> None:
    folder, _ = centre_files
    may = build_report([folder], month_from="2026-05", month_to="2026-05")
    assert (may.visits, may.out_of_period, may.participants, may.first_time) == (4, 4, 3, 1)
    assert (may.answered, may.used_yes) == (2, 1)
    april = build_report([folder], month_to="2026-04")
    assert (april.answered, april.used_yes, april.first_time) == (3, 2, 4)


def test_copies_of_the_same_file_are_counted_once_and_a_finished_copy_wins(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "share"
    with kiosk(tmp_path, "TOBATA02") as store:
        person = store.register_participant("80代", "戸畑区", CONSENT_VERSION)
        visit(store, person.code, (2026, 6, 1), "いいえ")
        unfinished = visit(store, person.code, (2026, 6, 2), end=False)
        export_to_file(store.db_path, shared / "2026-06-02" / "attendance_TOBATA02_K1.csv")
        store.record_answers(unfinished, "はい", "はい")
        store.end_visit(unfinished, now=jst(2026, 6, 2, 12))
        export_to_file(store.db_path, shared / "2026-06-03" / "attendance_TOBATA02_K1.csv")
    for order in ([shared], [shared / "2026-06-03", shared / "2026-06-02"]):
        report = build_report(order)
        assert (report.visits, report.duplicates, report.rows_read) == (2, 2, 4)
        assert (report.answered, report.used_yes) == (1, 1)
        assert report.understood == [("はい", 1)]


def test_files_with_or_without_bom_and_re_saved_by_excel_give_the_same_report(
    centre_files: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, _ = centre_files
    original = folder / "attendance_KOKURA01_K1.csv"
    expected = build_report([original])
    no_bom = tmp_path / "attendance_no_bom.csv"
    no_bom.write_bytes(original.read_bytes()[3:])
    # Excel's plain "CSV" save: Shift_JIS, quotes only where needed, apostrophes kept.
    rows = list(csv.reader(io.StringIO(original.read_text(encoding="utf-8-sig"), newline="")))
    excel = tmp_path / "attendance_excel.csv"
    with excel.open("w", encoding="cp932", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    for path in (no_bom, excel):
        report = build_report([path])
        assert (report.visits, report.answered, report.used_yes) == (8, 3, 2)
        assert report.by_month == expected.by_month
        assert report.by_age_band == expected.by_age_band
        assert report.lessons == expected.lessons
        assert report.malformed == 0


def test_an_unknown_schema_is_rejected_before_anything_is_counted(
    centre_files: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, _ = centre_files
    newer = folder / "attendance_NEW_K1.csv"
    header = [*fmt.HEADER, "新しい列"]
    newer.write_text(fmt.BOM + fmt.format_row(header) + "\r\n", encoding="utf-8")
    with pytest.raises(ReportError, match="様式") as caught:
        build_report([folder])
    assert str(newer) in str(caught.value)
    other = tmp_path / "budget.csv"
    other.write_text("項目,金額\r\n", encoding="utf-8")
    report = build_report([other, folder / "attendance_KOKURA01_K1.csv"])
    assert report.visits == 8
    assert report.problems == [
        f"{other}:1: 出席 CSV ではありません（1 行目に「様式版」などの見出しがありません）"
    ]


def test_a_folder_yields_only_attendance_files(
    centre_files: tuple[Path, dict[str, str]],
) -> None:
    folder, _ = centre_files
    (folder / "予算.csv").write_text("項目,金額\r\n", encoding="utf-8")
    assert build_report([folder]).visits == 8


def test_malformed_rows_are_listed_as_file_and_line_and_skipped(
    centre_files: tuple[Path, dict[str, str]],
) -> None:
    folder, _ = centre_files
    path = folder / "attendance_KOKURA01_K1.csv"
    lines = path.read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b'"1","KOKURA01', b'"9","KOKURA01', 1)  # unknown row version
    lines[4] = lines[4].rsplit(b",", 1)[0]  # a column short
    lines[6] = re.sub(rb'-\d+",', b'-x",', lines[6], count=1)  # broken record id
    path.write_bytes(b"\r\n".join(lines))
    report = build_report([folder])
    assert report.malformed == 3
    assert report.visits == 5
    places = {p.split(": ")[0]: p for p in report.problems}
    assert sorted(places) == [f"{path}:3", f"{path}:5", f"{path}:7"]
    assert "様式版" in places[f"{path}:3"]
    assert "列の数" in places[f"{path}:5"]
    assert "記録ID" in places[f"{path}:7"]


def test_a_quoted_line_break_in_a_cell_is_read_correctly(tmp_path: Path) -> None:
    with kiosk(tmp_path, "WAKA03") as store:
        class_id = store.start_class("スマホ 入門", "講師A", [], now=jst(2026, 6, 1, 9))
        visit(store, None, (2026, 6, 1), "はい")
        visit(store, None, (2026, 6, 1), "いいえ")
    conn = sqlite3.connect(store.db_path)
    conn.execute("UPDATE classes SET title = ? WHERE id = ?", ['スマホ\r\n"入門", 午前', class_id])
    conn.commit()
    conn.close()
    out = tmp_path / "attendance_WAKA03_K1.csv"
    export_to_file(store.db_path, out)
    assert b'"\xe3\x82\xb9\xe3\x83\x9e\xe3\x83\x9b\r\n""' in out.read_bytes()
    report = build_report([out])
    assert (report.visits, report.class_visits, report.malformed) == (2, 2, 0)
    assert (report.anonymous_answered, report.anonymous_yes) == (2, 1)


def many_kiosks(tmp_path: Path) -> Path:
    out = tmp_path / "share"
    for n, centre in enumerate(("A01", "B02", "C03", "D04")):
        with kiosk(tmp_path, centre) as store:
            generate_demo_data(store, 400 + 50 * n, seed=n, end=jst(2026, 6, 30))
            CsvSync(store, store.config, tmp_path / centre).sync()
            export_to_file(store.db_path, out / f"attendance_{centre}_K1.csv")
    return out


def same(a: Report, b: Report) -> None:
    for attribute in ("visits", "participants", "first_time", "answered", "used_yes", "duplicates"):
        assert getattr(a, attribute) == getattr(b, attribute), attribute
    for attribute in ("by_month", "by_centre", "by_age_band", "by_area", "lessons", "procedures"):
        assert getattr(a, attribute) == getattr(b, attribute), attribute


def test_worker_processes_give_the_same_report(tmp_path: Path) -> None:
    folder = many_kiosks(tmp_path)
    one = build_report([folder], jobs=1)
    assert one.visits == 400 + 450 + 500 + 550
    assert len(one.by_centre) == 4
    same(build_report([folder], jobs=2), one)


def test_rows_of_several_kiosks_copied_into_one_file_are_still_counted_once(tmp_path: Path) -> None:
    folder = many_kiosks(tmp_path)
    expected = build_report([folder])
    files = sorted(folder.glob("*.csv"))
    merged = folder / "attendance_merged_by_hand.csv"
    body = b"".join(path.read_bytes().split(b"\r\n", 1)[1] for path in files)
    merged.write_bytes(files[0].read_bytes().split(b"\r\n", 1)[0] + b"\r\n" + body)
    report = build_report([folder], jobs=2)
    assert report.duplicates == expected.visits
    same_totals = (report.visits, report.participants, report.answered, report.used_yes)
    assert same_totals == (
        expected.visits,
        expected.participants,
        expected.answered,
        expected.used_yes,
    )
    assert report.by_month == expected.by_month


def test_kiosk_report_prints_table_csv_and_json(
    centre_files: tuple[Path, dict[str, str]], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    folder, _ = centre_files
    assert main(["report", str(folder)]) == 0
    table = capsysbinary.readouterr().out.decode()
    assert "市のサービス利用率: 66.7%" in table
    assert "目標 80%" in table
    assert "2026-04" in table
    assert "camera" in table
    assert main(["report", "--format", "csv", "--from", "2026-05", str(folder)]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8")
    assert text.startswith(fmt.BOM + '"区分","項目","来館","利用者"')
    assert '"合計","2026-05 〜 いま","4","3","1","2","1","0.5000"\r\n' in text
    assert main(["report", "--format", "json", str(folder)]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert data["usage"] == {
        "answered": 3,
        "used_yes": 2,
        "rate": pytest.approx(2 / 3),
        "target": 0.8,
        "anonymous_answered": 1,
        "anonymous_yes": 1,
    }


def test_kiosk_report_exit_codes(
    centre_files: tuple[Path, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, _ = centre_files
    assert main(["report", "--from", "2026-06", "--to", "2026-05", str(folder)]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["report", "--from", "2026-13", str(folder)])
    assert exited.value.code == 2
    assert main(["report", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert "見つかりません" in err
    bad = tmp_path / "attendance_bad.csv"
    shutil.copy(folder / "attendance_KOKURA01_K1.csv", bad)
    bad.write_bytes(bad.read_bytes() + b'"1","x"\r\n')
    assert main(["report", "--format", "json", str(bad)]) == 3
    assert f"{bad}:10:" in capsys.readouterr().err
