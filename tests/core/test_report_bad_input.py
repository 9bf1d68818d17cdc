"""``kiosk report`` on real-world files: clones, broken files and rows, unknown layouts, apostrophes.

Every bad file or row is reported as FILE:LINE and skipped, the rest is
counted, memory stays bounded, and the exit status says there were problems.
"""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.cli import main
from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore
from kiosk.core.attendance.csv_export import export_to_file
from kiosk.core.attendance.report import ReportError, build_report
from kiosk.core.config import Config, ConfigError, config_from_mapping
from kiosk.core.excel_safe import FORMULA_TRIGGERS, input_problem, neutralise, unneutralise

AREAS = ("小倉北区", "戸畑区")


def open_kiosk(db: Path, centre: str = "KOKURA01", kiosk_id: str = "K1") -> AttendanceStore:
    return AttendanceStore.open(db, Config(centre_code=centre, kiosk_id=kiosk_id, areas=AREAS))


def add_visits(store: AttendanceStore, count: int, day: int = 1) -> None:
    person = store.register_participant("70代", "戸畑区", CONSENT_VERSION, now=jst(2026, 5, day, 9))
    for n in range(count):
        visit = store.start_visit(person.code if n % 2 else None, now=jst(2026, 5, day, 10, n))
        store.record_answers(visit, "はい", "すこし")
        store.end_visit(visit, now=jst(2026, 5, day, 11, n))


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    """A kiosk's CSV with 20 finished visits (lines 2-21)."""
    with open_kiosk(tmp_path / "good.db") as store:
        add_visits(store, 20)
    out = tmp_path / "share" / "attendance_KOKURA01_K1.csv"
    out.parent.mkdir()
    export_to_file(tmp_path / "good.db", out)
    return out


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\r\n")[:-1]


def write_lines(path: Path, lines: list[bytes], end: bytes = b"\r\n") -> None:
    path.write_bytes(end.join(lines) + end)


def test_cloned_kiosks_sharing_an_instance_id_are_counted_separately(tmp_path: Path) -> None:
    # IT prepares one disk image and copies it to two PCs: one instance id, two kiosks.
    with open_kiosk(tmp_path / "image.db"):
        pass
    shutil.copy(tmp_path / "image.db", tmp_path / "b.db")
    share = tmp_path / "share"
    share.mkdir()
    for db, kiosk_id in ((tmp_path / "image.db", "K1"), (tmp_path / "b.db", "K2")):
        with open_kiosk(db, kiosk_id=kiosk_id) as store:
            add_visits(store, 30)
        export_to_file(db, share / f"attendance_KOKURA01_{kiosk_id}.csv")
    report = build_report([share])
    assert report.visits == 60
    assert report.duplicates == 0
    assert report.participants == 2
    assert {r.key: r.visits for r in report.by_centre} == {"KOKURA01": 60}


def test_a_row_of_another_kiosk_with_the_same_visit_number_is_not_a_duplicate(
    good_file: Path,
) -> None:
    lines = lines_of(good_file)
    copy = lines[1].replace(b"KOKURA01-K1-", b"KOKURA01-K9-", 1)
    write_lines(good_file, [*lines, copy])
    assert build_report([good_file]).visits == 21


def test_cr_only_line_ends_are_read(good_file: Path) -> None:
    expected = build_report([good_file])
    write_lines(good_file, lines_of(good_file), b"\r")
    report = build_report([good_file])
    assert (report.visits, report.participants, report.malformed) == (expected.visits, 1, 0)


def test_a_cell_over_the_csv_modules_field_limit(good_file: Path, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(good_file.read_text("utf-8-sig"), newline="")))
    lines = lines_of(good_file)
    # In the kiosk's own format the long class title is simply not needed.
    cells = lines[3].split(b'","')
    cells[13] = "長".encode() * 200_000
    lines[3] = b'","'.join(cells)
    write_lines(good_file, lines)
    assert build_report([good_file]).visits == 20
    # Re-saved by Excel (no quotes), the csv module reads it: that row is reported.
    rows[3][13] = "長" * 200_000
    excel = tmp_path / "excel" / "attendance_KOKURA01_K1.csv"
    excel.parent.mkdir()
    with excel.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    report = build_report([excel])
    assert report.visits == 19
    assert report.problems == [f'{excel}:4: セルが長すぎるか、引用符（"）が閉じていません']


def test_a_50_mb_line_is_skipped_in_little_memory(good_file: Path) -> None:
    lines = lines_of(good_file)
    lines.insert(5, b'"1","' + b"x" * 50_000_000 + b'"')
    write_lines(good_file, lines)
    tracemalloc.start()
    try:
        report = build_report([good_file], jobs=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.visits == 20
    assert report.problems == [f"{good_file}:6: 行が長すぎます（1 MB をこえています）"]
    assert peak < 20_000_000


def test_an_unclosed_quote_in_a_shift_jis_file(good_file: Path, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(good_file.read_text("utf-8-sig"), newline="")))
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    lines = text.getvalue().split("\r\n")
    lines[18] = lines[18].replace(",すこし", ',"すこし')  # opened, never closed
    sjis = tmp_path / "sjis" / "attendance_KOKURA01_K1.csv"
    sjis.parent.mkdir()
    sjis.write_bytes("\r\n".join(lines).encode("cp932"))
    report = build_report([sjis])
    # Lines 2-18 are counted; the row opened on line 19 swallows the rest and is reported.
    assert report.visits == 17
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"{sjis}:19: ")


def test_a_huge_or_negative_visit_number_is_reported(good_file: Path) -> None:
    lines = lines_of(good_file)
    lines[2] = lines[2].replace(b'-2","', b'--999999999999","', 1)
    lines[3] = lines[3].replace(b'-3","', b'-999999999999","', 1)
    write_lines(good_file, lines)
    report = build_report([good_file])
    assert report.visits == 18
    assert [p.split(": ")[0] for p in report.problems] == [f"{good_file}:3", f"{good_file}:4"]
    assert "記録IDの形" in report.problems[0]
    assert "大きすぎます" in report.problems[1]


def test_thousands_of_instance_ids_stay_in_little_memory(good_file: Path) -> None:
    lines = lines_of(good_file)
    template = lines[1]
    record = template.split(b'","')[1]
    many = [
        template.replace(record, f"KOKURA01-K1-{n:06x}-{1000 + n}".encode(), 1) for n in range(3000)
    ]
    write_lines(good_file, [lines[0], *many])
    tracemalloc.start()
    try:
        report = build_report([good_file], jobs=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.visits == 3000
    assert peak < 40_000_000


def test_the_exit_status_says_there_were_problems(
    good_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(good_file)]) == 0
    lines = lines_of(good_file)
    lines[4] = b'"1","broken"'
    write_lines(good_file, lines)
    capsys.readouterr()
    assert main(["report", str(good_file)]) == 3
    assert f"kiosk report: {good_file}:5: 列の数が" in capsys.readouterr().err


def test_a_file_whose_rows_are_in_an_unknown_layout_stops_the_report(
    good_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = lines_of(good_file)
    write_lines(good_file, [lines[0], *(b'"2' + line[2:] for line in lines[1:])])
    with pytest.raises(ReportError, match="様式版 2"):
        build_report([good_file])
    assert main(["report", str(good_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{good_file}:2:" in err


@pytest.mark.parametrize("text", ["'=1+1", "=1+1", "''", "'", "'-その他-", "-その他-", "＝", "a'b"])
def test_neutralising_round_trips_exactly(text: str) -> None:
    assert unneutralise(neutralise(text)) == text
    assert not neutralise(text).startswith(FORMULA_TRIGGERS)


def test_an_area_typed_with_an_apostrophe_is_not_merged_with_the_formula(tmp_path: Path) -> None:
    with open_kiosk(tmp_path / "k.db") as store:
        add_visits(store, 2)
        add_visits(store, 4, day=2)
    conn = sqlite3.connect(tmp_path / "k.db")
    codes = [row[0] for row in conn.execute("SELECT code FROM participants ORDER BY code")]
    # Written by an older kiosk or by hand: validation now refuses both at input.
    conn.execute("UPDATE participants SET area = ? WHERE code = ?", ["'=1+1", codes[0]])
    conn.execute("UPDATE participants SET area = ? WHERE code = ?", ["=1+1", codes[1]])
    conn.commit()
    conn.close()
    out = tmp_path / "attendance_KOKURA01_K1.csv"
    export_to_file(tmp_path / "k.db", out)
    assert "\"''=1+1\"" in out.read_text("utf-8-sig")
    areas = {r.key: r.participants for r in build_report([out]).by_area}
    assert areas == {"'=1+1": 1, "=1+1": 1, "": 0}


def test_areas_and_class_titles_are_checked_at_input(tmp_path: Path) -> None:
    assert input_problem("-その他-")
    assert input_problem("'北区")
    assert input_problem("＝A")
    assert input_problem("小倉北区") is None
    assert input_problem("その他") is None
    with pytest.raises(ConfigError, match="areas"):
        config_from_mapping({"areas": ["小倉北区", "-その他-"]})
    with open_kiosk(tmp_path / "k.db") as store, pytest.raises(ValueError, match="title"):
        store.start_class("=HYPERLINK(1)", "講師", [])
