"""The staff PIN: scrypt hash only, five wrong tries lock for a minute, even across restarts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.core.pin import LOCK_SECONDS, MAX_TRIES, PIN_FILE, StaffPin


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_pin_is_stored_only_as_a_salted_hash(data_dir: Path) -> None:
    StaffPin(data_dir).set_pin("2468")
    record = json.loads((data_dir / PIN_FILE).read_text())
    assert record["scheme"] == "scrypt"
    assert "2468" not in (data_dir / PIN_FILE).read_text()
    StaffPin(data_dir).set_pin("2468")
    assert json.loads((data_dir / PIN_FILE).read_text())["salt"] != record["salt"]


def test_right_and_wrong_pin(data_dir: Path) -> None:
    pin = StaffPin(data_dir)
    assert not pin.is_set()
    pin.set_pin("2468")
    assert pin.check("2468").accepted
    wrong = pin.check("1111")
    assert not wrong.accepted
    assert wrong.tries_left == MAX_TRIES - 1


@pytest.mark.parametrize("bad", ["123", "123456789", "12a4", "１２３４", ""])
def test_pin_format(data_dir: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        StaffPin(data_dir).set_pin(bad)


def test_five_wrong_tries_lock_and_the_lock_survives_a_restart(data_dir: Path) -> None:
    clock = Clock()
    StaffPin(data_dir, clock).set_pin("2468")
    pin = StaffPin(data_dir, clock)
    for _ in range(MAX_TRIES):
        result = pin.check("0000")
    assert result.locked_seconds == LOCK_SECONDS

    restarted = StaffPin(data_dir, clock)
    assert restarted.locked_seconds() == LOCK_SECONDS
    assert not restarted.check("2468").accepted  # even the right PIN waits

    clock.now += LOCK_SECONDS - 1
    assert restarted.locked_seconds() == 1
    clock.now += 1
    assert restarted.locked_seconds() == 0
    assert restarted.check("2468").accepted


def test_a_right_pin_resets_the_count(data_dir: Path) -> None:
    pin = StaffPin(data_dir)
    pin.set_pin("2468")
    for _ in range(MAX_TRIES - 1):
        pin.check("0000")
    assert pin.check("2468").accepted
    assert pin.check("0000").tries_left == MAX_TRIES - 1


def test_corrupt_pin_file_never_accepts(data_dir: Path) -> None:
    (data_dir / PIN_FILE).write_text("{not json")
    pin = StaffPin(data_dir)
    assert not pin.check("1234").accepted
