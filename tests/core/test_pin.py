"""The staff PIN: scrypt hash only, five wrong tries lock for a minute, even across restarts.

The documented numbers (5 tries, 60 s, doubling up to one hour) are written here as
literals, not read from the module, so that changing them in the code fails these tests.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from kiosk.core.pin import LOCK_FILE, PIN_FILE, StaffPin


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
    assert wrong.tries_left == 4


@pytest.mark.parametrize("bad", ["123", "123456789", "12a4", "１２３４", ""])
def test_pin_format(data_dir: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="PIN must be 4 to 8 digits"):
        StaffPin(data_dir).set_pin(bad)


def test_five_wrong_tries_lock_and_the_lock_survives_a_restart(data_dir: Path) -> None:
    clock = Clock()
    StaffPin(data_dir, clock).set_pin("2468")
    pin = StaffPin(data_dir, clock)
    for _ in range(5):
        result = pin.check("0000")
    assert result.locked_seconds == 60

    restarted = StaffPin(data_dir, clock)
    assert restarted.locked_seconds() == 60
    assert not restarted.check("2468").accepted  # even the right PIN waits

    clock.now += 59
    assert restarted.locked_seconds() == 1
    clock.now += 1
    assert restarted.locked_seconds() == 0
    assert restarted.check("2468").accepted


def test_a_right_pin_resets_the_count(data_dir: Path) -> None:
    pin = StaffPin(data_dir)
    pin.set_pin("2468")
    for _ in range(4):
        pin.check("0000")
    assert pin.check("2468").accepted
    assert pin.check("0000").tries_left == 4


def test_corrupt_pin_file_never_accepts(data_dir: Path) -> None:
    (data_dir / PIN_FILE).write_text("{not json")
    pin = StaffPin(data_dir)
    assert not pin.check("1234").accepted


def _lock_out(pin: StaffPin, clock: Clock) -> int:
    """Five wrong tries after any lock has passed; returns the new lock's length."""
    clock.now += pin.locked_seconds()
    results = [pin.check("0000") for _ in range(5)]
    assert [r.tries_left for r in results[:4]] == [4, 3, 2, 1]
    assert all(r.locked_seconds == 0 for r in results[:4])
    return results[4].locked_seconds


def test_each_further_five_wrong_tries_double_the_lock_up_to_an_hour(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    caplog.set_level(logging.WARNING, logger="kiosk.core.pin")
    locks = [_lock_out(pin, clock) for _ in range(9)]
    assert locks == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    # Every lock is logged for staff, with its length.
    logged = [r.getMessage() for r in caplog.records if "locked for" in r.getMessage()]
    assert len(logged) == 9
    assert "locked for 120 s" in logged[1]
    assert "10 wrong tries" in logged[1]
    # The escalation survives a restart.
    clock.now += 3600
    assert _lock_out(StaffPin(data_dir, clock), clock) == 3600


def test_a_right_pin_ends_the_escalation(data_dir: Path) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    assert [_lock_out(pin, clock) for _ in range(3)] == [60, 120, 240]
    clock.now += 240
    assert pin.check("2468").accepted
    assert _lock_out(pin, clock) == 60


def test_patient_tapping_at_a_four_digit_pin_takes_months(data_dir: Path) -> None:
    """Trying all 10,000 four-digit PINs: 2,000 locks, nearly all of one hour."""
    total = sum(min(60 * 2**i, 3600) for i in range(2000))
    assert total / 86400 > 80


@pytest.mark.parametrize(
    "content",
    [
        '{"failures": 0, "locks": 1, "locked_until": NaN}',
        '{"failures": 0, "locks": 1, "locked_until": Infinity}',
        '{"failures": 0, "locks": 1, "locked_until": -Infinity}',
        '{"failures": 0, "locks": 1, "locked_until": 1e308}',
        '{"failures": 0, "locks": 1, "locked_until": 1e400}',
        '{"failures": 0, "locks": 1, "locked_until": 99999999999}',
        '{"failures": "x", "locks": 1, "locked_until": 0}',
        '{"failures": 1e999, "locks": 1, "locked_until": 0}',
        "[1, 2, 3]",
        "garbage\x00\xff",
        "",
        "{" * 100_000,
        " " * 10_000_000,
    ],
    ids=[
        "nan",
        "infinity",
        "minus-infinity",
        "1e308",
        "1e400",
        "far-future",
        "text-count",
        "huge-count",
        "list",
        "garbage",
        "empty",
        "deep-nesting",
        "ten-megabytes",
    ],
)
def test_a_hostile_lock_file_locks_for_at_most_the_cap(data_dir: Path, content: str) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    (data_dir / LOCK_FILE).write_text(content, encoding="utf-8", errors="surrogateescape")
    restarted = StaffPin(data_dir, clock)
    assert restarted.locked_seconds() == 3600
    clock.now += 1800
    # Clamped once: the wait counts down, it does not start again on every read.
    assert StaffPin(data_dir, clock).locked_seconds() == 1800
    assert not StaffPin(data_dir, clock).check("2468").accepted
    clock.now += 1800
    assert StaffPin(data_dir, clock).check("2468").accepted


def test_negative_counts_and_a_past_lock_are_harmless(data_dir: Path) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    (data_dir / LOCK_FILE).write_text('{"failures": -1000, "locks": -5, "locked_until": -1}')
    assert pin.locked_seconds() == 0
    assert pin.check("0000").tries_left == 4


def test_a_lock_file_from_before_the_escalation_still_locks(data_dir: Path) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    (data_dir / LOCK_FILE).write_text(json.dumps({"failures": 0, "locked_until": clock.now + 30}))
    assert pin.locked_seconds() == 30


def test_deleting_the_lock_file_does_not_lift_a_lock_in_the_running_kiosk(data_dir: Path) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    _lock_out(pin, clock)
    (data_dir / LOCK_FILE).unlink()
    assert pin.locked_seconds() == 60


def test_a_full_disk_does_not_crash_the_pad(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk.core.pin.write_atomic", disk_full)
    results = [pin.check("0000") for _ in range(5)]
    assert results[-1].locked_seconds == 60  # remembered in memory for this run
    assert pin.locked_seconds() == 60


def test_a_lock_file_that_cannot_be_read_or_written_locks_once(data_dir: Path) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    (data_dir / LOCK_FILE).unlink()
    (data_dir / LOCK_FILE).mkdir()
    assert pin.locked_seconds() == 3600
    clock.now += 3600
    assert pin.locked_seconds() == 0
    assert pin.check("2468").accepted


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "",
        '{"scheme": "scrypt", "salt": "zz", "hash": "00", "n": 16384, "r": 8, "p": 1}',
        '{"scheme": "scrypt", "salt": "00", "hash": "00", "n": 1099511627776, "r": 8, "p": 1}',
        "[]",
    ],
)
def test_a_damaged_pin_file_is_reported(data_dir: Path, content: str) -> None:
    (data_dir / PIN_FILE).write_text(content)
    pin = StaffPin(data_dir)
    assert pin.is_set()
    assert pin.is_damaged()
    assert not pin.check("1234").accepted


def test_a_good_pin_file_is_not_damaged(data_dir: Path) -> None:
    pin = StaffPin(data_dir)
    assert not pin.is_damaged()
    pin.set_pin("2468")
    assert not pin.is_damaged()


def test_remove_forgets_the_pin_and_the_lock(data_dir: Path) -> None:
    clock = Clock()
    pin = StaffPin(data_dir, clock)
    pin.set_pin("2468")
    _lock_out(pin, clock)
    pin.remove()
    assert not pin.is_set()
    assert not (data_dir / LOCK_FILE).exists()
    assert pin.locked_seconds() == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifos_in_place_of_the_files_never_block_the_pad(data_dir: Path) -> None:
    clock = Clock()
    os.mkfifo(data_dir / PIN_FILE)
    os.mkfifo(data_dir / LOCK_FILE)
    pin = StaffPin(data_dir, clock)
    assert pin.is_damaged()
    assert pin.locked_seconds() == 3600  # an unreadable lock file: the cap, once
    assert not pin.check("1234").accepted
