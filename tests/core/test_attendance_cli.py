"""The attendance commands staff and scripts run: demo-data, export, sync, purge."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.attendance import AttendanceStore
from kiosk.core.attendance import csv_format as fmt
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.config import Config


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))[1:]


def test_demo_data_export_and_sync(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["demo-data", "--data-dir", str(data_dir), "--visits", "250", "--seed", "4"]) == 0
    assert "250" in capsys.readouterr().out
    out = tmp_path / "出席.csv"
    assert main(["export", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    assert len(rows_of(out)) == 250
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--data-dir", str(data_dir)]) == 0
    assert (tmp_path / "attendance_DEMO_K1.csv").read_bytes() == out.read_bytes()
    assert main(["sync", "--data-dir", str(data_dir)]) == 0
    assert "250件" in capsys.readouterr().out
    synced = data_dir / "export" / "attendance_DEMO_K1.csv"
    assert synced.read_bytes() == out.read_bytes()
    assert main(["sync", "--data-dir", str(data_dir)]) == 0
    assert "そのまま" in capsys.readouterr().out


def test_the_same_seed_gives_the_same_demo_data(tmp_path: Path) -> None:
    exports = []
    for name in ("one", "two"):
        data_dir = tmp_path / name
        assert (
            main(["demo-data", "--data-dir", str(data_dir), "--visits", "120", "--seed", "9"]) == 0
        )
        exports.append([row[2:] for row in _export(data_dir, tmp_path / f"{name}.csv")])
    assert exports[0] == exports[1]


def _export(data_dir: Path, out: Path) -> list[list[str]]:
    assert main(["export", "--data-dir", str(data_dir), "--out", str(out)]) == 0
    return rows_of(out)


def test_demo_data_looks_like_a_real_centre(tmp_path: Path) -> None:
    with AttendanceStore.open(tmp_path / "kiosk.db", Config()) as store:
        made = generate_demo_data(store, 4000, seed=2)
        db = store.db
        anonymous = db.execute("SELECT avg(participant_code IS NULL) FROM visits").fetchone()[0]
        firsts = db.execute(
            "SELECT count(*), count(DISTINCT participant_code) FROM visits WHERE first_visit = 1"
        ).fetchone()
        open_visits = db.execute("SELECT count(*) FROM visits WHERE ended_at IS NULL").fetchone()[0]
        hours = {r[0] for r in db.execute("SELECT substr(started_at, 12, 2) FROM visits")}
        answers = {r[0] for r in db.execute("SELECT DISTINCT used_services FROM visits")}
        in_class = db.execute("SELECT count(*) FROM visits WHERE class_id IS NOT NULL").fetchone()[
            0
        ]
        twice_a_day = db.execute(
            "SELECT count(*) FROM (SELECT participant_code, substr(started_at, 1, 10) AS d"
            " FROM visits WHERE participant_code IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1)"
        ).fetchone()[0]
    assert made.visits == 4000
    assert 0.2 < anonymous < 0.3
    assert firsts == (made.participants, made.participants)
    assert open_visits == 0
    assert hours <= {"09", "10", "11", "12", "13", "14", "15", "16", "17"}
    assert answers == {None, "はい", "いいえ", "わからない"}
    assert 0 < in_class < 4000
    assert twice_a_day == 0


def test_purge_deletes_old_visits_then_syncs(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with AttendanceStore.open(data_dir / "kiosk.db", Config()) as store:
        generate_demo_data(store, 900, seed=1)  # about 45 opening days back
        old = store.count_older_than(1)
    assert 0 < old.visits < 900
    assert main(["purge", "--data-dir", str(data_dir), "--older-than-months", "1"]) == 0
    out = capsys.readouterr().out
    assert f"来館 {old.visits:,} 件" in out
    rows = rows_of(data_dir / "export" / "attendance_DEMO_K1.csv")
    assert len(rows) == 900 - old.visits
    assert min(row[4] for row in rows) >= str(old.cutoff)
    with AttendanceStore.open(data_dir / "kiosk.db", Config()) as store:
        assert store.count_older_than(1).visits == 0


def test_purge_reports_a_failed_sync_with_exit_status_1(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "kiosk.toml").write_text(
        f'csv_folder = "{data_dir / "offline"}"\n', encoding="utf-8"
    )
    assert main(["purge", "--data-dir", str(data_dir), "--older-than-months", "12"]) == 1
    assert "CSV を更新できませんでした" in capsys.readouterr().err
    assert main(["sync", "--data-dir", str(data_dir)]) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["demo-data"],
        ["demo-data", "--visits", "-3"],
        ["purge"],
        ["purge", "--older-than-months", "0"],
        ["report"],
        ["report", "--format", "xml", "x"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_a_database_from_a_newer_kiosk_fails_with_one_message(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(data_dir / "kiosk.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert main(["sync", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "新しい版" in err[0]


def test_export_to_stdout_is_the_exact_csv(
    data_dir: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["demo-data", "--data-dir", str(data_dir), "--visits", "30", "--seed", "1"]) == 0
    capfdbinary.readouterr()
    assert main(["export", "--data-dir", str(data_dir), "--out", "-"]) == 0
    data = capfdbinary.readouterr().out
    assert data.startswith((fmt.BOM + fmt.HEADER_LINE + "\r\n").encode())
    assert data.count(b"\r\n") == 31
