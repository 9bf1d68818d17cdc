"""``kiosk pin reset``: the documented recovery for a forgotten PIN or a damaged PIN file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.pin import LOCK_FILE, PIN_FILE, StaffPin


def _reset(data_dir: Path, typed: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    return main(["pin", "reset", "--data-dir", str(data_dir)])


def test_reset_recovers_a_damaged_pin_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / PIN_FILE).write_text("{not json", encoding="utf-8")
    assert StaffPin(tmp_path).is_damaged()
    assert _reset(tmp_path, "97531\n97531\n", monkeypatch) == 0
    out = capsys.readouterr().out
    assert f"{PIN_FILE}: damaged" in out
    assert "97531" not in out
    assert StaffPin(tmp_path).check("97531").accepted


def test_reset_lifts_a_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    StaffPin(tmp_path).set_pin("2468")
    lock = {"failures": 0, "locks": 7, "locked_until": 9e99}
    (tmp_path / LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")
    assert _reset(tmp_path, "1357\n1357\n", monkeypatch) == 0
    pin = StaffPin(tmp_path)
    assert pin.locked_seconds() == 0
    assert pin.check("1357").accepted
    assert not pin.check("2468").accepted


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("97531\n97532\n", "the two PINs differ"),
        ("123\n123\n", "4 to 8 digits"),
        ("97531\n", "cancelled"),
        ("", "cancelled"),
    ],
)
def test_reset_changes_nothing_without_a_confirmed_pin(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
    reason: str,
) -> None:
    StaffPin(tmp_path).set_pin("2468")
    before = (tmp_path / PIN_FILE).read_bytes()
    assert _reset(tmp_path, typed, monkeypatch) == 1
    assert reason in capsys.readouterr().err
    assert (tmp_path / PIN_FILE).read_bytes() == before


def test_reset_needs_an_existing_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _reset(tmp_path / "missing", "2468\n2468\n", monkeypatch) == 1
    assert "no data folder" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()
