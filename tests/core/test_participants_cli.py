"""``kiosk participants show`` and ``list``: what the register knows, from two kiosks' data folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.cli import main
from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore
from kiosk.core.attendance.codes import format_code
from kiosk.core.attendance.csv_export import CsvSync
from kiosk.core.config import Config, save_config


def kiosk_folder(root: Path, shared: Path, centre: str) -> tuple[Path, Config]:
    folder = root / centre
    folder.mkdir()
    config = Config(centre_code=centre, kiosk_id="K1", csv_folder=str(shared))
    save_config(config, folder / "kiosk.toml")
    return folder, config


@pytest.fixture
def card_seen_at_two_kiosks(tmp_path: Path) -> tuple[str, Path]:
    """A card issued at KOKURA01, used there and at TOBATA; returns (code, TOBATA's folder)."""
    shared = tmp_path / "share"
    shared.mkdir()
    folder_a, config_a = kiosk_folder(tmp_path, shared, "KOKURA01")
    folder_b, config_b = kiosk_folder(tmp_path, shared, "TOBATA")
    with AttendanceStore.open(folder_a / "kiosk.db", config_a) as a:
        person = a.register_participant("70代", "戸畑区", CONSENT_VERSION, now=jst(2026, 5, 1))
        visit = a.start_visit(person.code, now=jst(2026, 5, 1))
        a.record_event(visit, "lesson", "power-buttons", now=jst(2026, 5, 1, 10, 5))
        a.record_event(visit, "procedure", "ward-office-booking", now=jst(2026, 5, 1, 10, 9))
        assert CsvSync(a, config_a, folder_a).sync().ok
    with AttendanceStore.open(folder_b / "kiosk.db", config_b) as b:
        from kiosk.core.attendance.register_sync import adopt_participant

        adopt_participant(b, person.code, now=jst(2026, 5, 9))
        visit = b.start_visit(person.code, now=jst(2026, 5, 9))
        b.record_event(visit, "practice", "tap", now=jst(2026, 5, 9, 10, 1))
    return person.code, folder_b


def test_show_prints_what_every_kiosk_knows(
    card_seen_at_two_kiosks: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, folder_b = card_seen_at_two_kiosks
    typed = format_code(code).lower()
    assert main(["participants", "show", typed, "--data-dir", str(folder_b)]) == 0
    out = capsys.readouterr().out
    assert f"カード: {format_code(code)}" in out
    assert "年代: 70代" in out
    assert "地域: 戸畑区" in out
    assert "はじめて来た日: 2026-05-01（KOKURA01）" in out
    assert "来館: 2 回" in out
    assert "完了したレッスン: power-buttons" in out
    assert "完了した手続き: ward-office-booking" in out
    assert "ゆびの練習: tap" in out

    assert main(["participants", "show", code, "--json", "--data-dir", str(folder_b)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["visits"] == 2
    assert data["age_band"] == "70代"
    assert data["lessons"] == ["power-buttons"]
    assert data["practice"] == ["tap"]


def test_list_has_one_line_per_card(
    card_seen_at_two_kiosks: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, folder_b = card_seen_at_two_kiosks
    assert main(["participants", "list", "--data-dir", str(folder_b)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert lines[1].split("\t") == [
        format_code(code),
        "70代",
        "戸畑区",
        "2026-05-01",
        "2",
        "1",
        "1",
        "1",
    ]
    assert "1 人" in captured.err


def test_unknown_and_mistyped_codes_fail_with_a_message(
    card_seen_at_two_kiosks: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, folder_b = card_seen_at_two_kiosks
    wrong = code[:-1] + ("2" if code[-1] != "2" else "3")
    assert main(["participants", "show", wrong, "--data-dir", str(folder_b)]) == 1
    assert "カードの番号ではありません" in capsys.readouterr().err


def test_an_offline_share_shows_what_was_read_last(
    card_seen_at_two_kiosks: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, folder_b = card_seen_at_two_kiosks
    assert main(["participants", "show", code, "--data-dir", str(folder_b)]) == 0
    capsys.readouterr()
    shared = folder_b.parent / "share"
    shared.rename(folder_b.parent / "away")
    assert main(["participants", "show", code, "--data-dir", str(folder_b)]) == 0
    captured = capsys.readouterr()
    assert "共有フォルダを読めませんでした" in captured.err
    assert "年代: 70代" in captured.out
