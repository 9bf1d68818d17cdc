"""The columnar fast path of ``kiosk report`` (pyarrow) gives the row-by-row engine's report exactly.

Each test builds the report twice, with pyarrow and with pyarrow hidden, and
compares every figure, breakdown and problem line.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.core.attendance import AttendanceStore, report_arrow, report_arrow_pack, report_cards
from kiosk.core.attendance.codes import make_code
from kiosk.core.attendance.csv_export import export_to_file
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.attendance.report import Report, build_report
from kiosk.core.attendance.report_cards import card_key
from kiosk.core.config import Config

pytest.importorskip("pyarrow")

END = datetime.fromisoformat("2026-06-30T18:00:00+09:00")
AREAS = ("小倉北区", "戸畑区", "門司区")
PERIODS = [(None, None), ("2026-05", "2026-05"), ("2026-04", None), (None, "2026-03")]


def open_kiosk(db: Path, centre: str, kiosk_id: str = "K1") -> AttendanceStore:
    return AttendanceStore.open(db, Config(centre_code=centre, kiosk_id=kiosk_id, areas=AREAS))


def export(db: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    export_to_file(db, out)


def execute(db: Path, *statements: str) -> None:
    with sqlite3.connect(db) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """Kiosk files with the awkward cases: copies, unfinished visits, clones, odd cells."""
    share = tmp_path / "share"
    work = tmp_path / "db"
    work.mkdir()
    # A kiosk exported on two days: its second export finishes visits the first left open,
    # some stay open for good (with and without an answer).
    a = work / "a.db"
    with open_kiosk(a, "KOKURA01") as store:
        generate_demo_data(store, 1500, seed=1, end=END)
    execute(
        a,
        "UPDATE visits SET ended_at = NULL WHERE id % 17 = 0",
        "UPDATE participants SET area = '=1+1' WHERE rowid % 7 = 0",
        "UPDATE participants SET area = '''=1+1' WHERE rowid % 7 = 1",
        "UPDATE classes SET title = '-その他-' WHERE id % 2 = 0",
    )
    export(a, share / "2026-06-01" / "attendance_KOKURA01_K1.csv")
    execute(
        a,
        "UPDATE visits SET ended_at = started_at WHERE id % 34 = 0",
        "UPDATE visits SET used_services = 'はい' WHERE id % 51 = 0 AND ended_at IS NULL",
    )
    export(a, share / "2026-06-30" / "attendance_KOKURA01_K1.csv")
    # Two kiosks cloned from one disk image at two centres: one instance id, their cards
    # shared, each writing its own visits.
    image = work / "image.db"
    with open_kiosk(image, "TOBATA02") as store:
        generate_demo_data(store, 400, seed=2, end=datetime.fromisoformat("2026-03-31T18:00+09:00"))
    clone = work / "clone.db"
    shutil.copy(image, clone)
    for db, centre, seed in ((image, "TOBATA02", 3), (clone, "MOJI03", 4)):
        with open_kiosk(db, centre) as store:
            generate_demo_data(store, 700, seed=seed, end=END)
        execute(db, "UPDATE visits SET ended_at = NULL WHERE id % 23 = 0")
        export(db, share / centre / f"attendance_{centre}_K1.csv")
    # Another kiosk whose visitors carry cards issued by the first one.
    b = work / "b.db"
    with open_kiosk(b, "YAHATA04") as store:
        generate_demo_data(store, 900, seed=5, end=END)
    execute(
        b,
        f"ATTACH '{a}' AS a",
        "INSERT OR IGNORE INTO participants SELECT * FROM a.participants WHERE rowid % 3 = 0",
        "UPDATE visits SET participant_code = (SELECT code FROM a.participants"
        " WHERE rowid = visits.id % 200 + 1) WHERE id % 4 = 0 AND participant_code IS NOT NULL",
    )
    out = share / "attendance_YAHATA04_K1.csv"
    export(b, out)
    # Its database took a new instance id half way (as a clone does): two databases, one file.
    lines = out.read_bytes().split(b"\r\n")
    instance = lines[1].split(b'","')[1].split(b"-")[2]
    half = len(lines) // 2
    lines[half:] = [line.replace(b"-" + instance + b"-", b"-0abcde-", 1) for line in lines[half:]]
    out.write_bytes(b"\r\n".join(lines))
    return share


@pytest.fixture
def without_pyarrow(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hides pyarrow as if it were not installed (``import pyarrow`` raises ImportError)."""
    with monkeypatch.context() as patch:
        for name in ("pyarrow", "pyarrow.compute", "pyarrow.csv"):
            patch.setitem(sys.modules, name, None)
        yield


def fast_groups(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, per group of files, whether the fast path counted it."""
    taken: list[bool] = []
    count_group = report_arrow.count_group

    def recording(*args: object, **kwargs: object) -> object:
        result = count_group(*args, **kwargs)  # type: ignore[arg-type]
        taken.append(result is not None)
        return result

    monkeypatch.setattr(report_arrow, "count_group", recording)
    return taken


def pure_report(
    paths: list[Path], month_from: str | None = None, month_to: str | None = None
) -> Report:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("pyarrow", "pyarrow.compute", "pyarrow.csv"):
            patch.setitem(sys.modules, name, None)
        assert report_arrow.load() is None
        return build_report(paths, month_from, month_to, jobs=1)


@pytest.mark.parametrize(("month_from", "month_to"), PERIODS)
def test_the_fast_path_gives_the_engines_report(
    city: Path, monkeypatch: pytest.MonkeyPatch, month_from: str | None, month_to: str | None
) -> None:
    expected = pure_report([city], month_from, month_to)
    taken = fast_groups(monkeypatch)
    report = build_report([city], month_from, month_to, jobs=1)
    assert taken == [True, True, True]
    assert report == expected
    assert (expected.participants > 0, expected.malformed) == (True, 0)
    if month_from is None and month_to is None:
        # The data holds what the fast path must get right.
        assert expected.duplicates > 0
        assert {"=1+1", "'=1+1"} <= {row.key for row in expected.by_area}


def test_worker_processes_give_the_same_report(city: Path) -> None:
    assert build_report([city], jobs=2) == pure_report([city])


def test_a_file_with_one_bad_row_goes_to_the_engine_with_its_line(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = city / "attendance_YAHATA04_K1.csv"
    lines = path.read_bytes().split(b"\r\n")
    lines[7] = lines[7].replace(lines[7].split(b'","')[1], b"YAHATA04-K1-12", 1)
    lines[9] = lines[9].replace(b'"1","', b'"2","', 1)
    path.write_bytes(b"\r\n".join(lines))
    expected = pure_report([city])
    assert [p.split(": ")[0] for p in expected.problems] == [f"{path}:8", f"{path}:10"]
    taken = fast_groups(monkeypatch)
    report = build_report([city], jobs=1)
    assert report == expected
    assert taken.count(False) == 1


@pytest.mark.parametrize(
    "damage",
    ["cr_only", "unclosed_quote_sjis", "long_cell", "quote_inside", "leading_zero", "blank_line"],
)
def test_files_pyarrow_would_read_differently_are_left_to_the_engine(
    city: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = city / "attendance_YAHATA04_K1.csv"
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    if damage == "cr_only":
        data = data.replace(b"\r\n", b"\r")
    elif damage == "unclosed_quote_sjis":
        lines[3] = lines[3][:-1]
        data = b"\r\n".join(lines).decode("utf-8-sig").encode("cp932", "replace")
    elif damage == "long_cell":
        lines[4] = lines[4].replace(b'","', b'","' + b"x" * (128 << 10), 1)
        data = b"\r\n".join(lines)
    elif damage == "quote_inside":
        lines[5] = lines[5].replace(b'","', b'","a""b', 1)
        data = b"\r\n".join(lines)
    elif damage == "leading_zero":
        record = lines[3].split(b'","')[1]
        lines[3] = lines[3].replace(record, record.rpartition(b"-")[0] + b"-0012", 1)
        data = b"\r\n".join(lines)
    elif damage == "blank_line":
        lines.insert(6, b"")
        data = b"\r\n".join(lines)
    path.write_bytes(data)
    expected = pure_report([city])
    taken = fast_groups(monkeypatch)
    assert build_report([city], jobs=1) == expected
    assert taken.count(False) == 1


def test_without_pyarrow_the_engine_reports_alone(city: Path, without_pyarrow: None) -> None:
    assert report_arrow.load() is None
    report = build_report([city])
    assert report.visits > 0
    assert report.malformed == 0


def test_a_group_too_big_for_memory_goes_to_the_engine(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = pure_report([city])
    monkeypatch.setattr(report_arrow, "MAX_GROUP_BYTES", 1000)
    taken = fast_groups(monkeypatch)
    assert build_report([city], jobs=1) == expected
    assert taken == [False, False, False]


def test_card_keys_are_computed_by_column_as_the_tally_computes_them() -> None:
    pa = report_arrow.load()
    new = [make_code("2345", n).encode() for n in range(300)]
    old = [b"ACEF2347", b"2222222A", b"YYYYYYYY"]
    odd = [b"", b"hand-edited", b"ACEF234", b"ACEF2347AB1", b"acef2347", "ｶｰﾄﾞ".encode()]
    codes = new + old + odd
    column = pa.chunked_array([pa.array(codes[:100], pa.binary()), pa.array(codes[100:])])
    assert report_arrow_pack.card_keys(pa, column).to_pylist() == [card_key(c) for c in codes]
    assert report_arrow_pack.card_keys(pa, pa.array(new, pa.binary())).to_pylist() == [
        card_key(c) for c in new
    ]


def test_the_largest_score_per_key_is_the_same_with_pyarrow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    keys = [rng.choice([rng.randrange(2**62), rng.randrange(40)]) for _ in range(5000)]
    scores = [rng.randrange(2**44) for _ in keys]
    assert report_arrow.load() is not None
    with_arrow = report_cards._largest(iter(keys), iter(scores), 44)
    monkeypatch.setitem(sys.modules, "pyarrow.compute", None)
    assert report_cards._pyarrow_if_loaded() is None
    alone = report_cards._largest(iter(keys), iter(scores), 44)
    assert list(with_arrow.items()) == list(alone.items())
