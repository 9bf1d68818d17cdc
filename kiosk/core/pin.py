"""The staff PIN: stored only as a salted scrypt hash, with a lockout that survives restarts.

Five wrong tries in a row lock the pad for a minute; each further five double the lock,
up to an hour. A correct PIN ends the streak. The lock lives in a file in the data folder,
so only the folder's permissions protect it (see docs/security.md).
"""

from __future__ import annotations

import json
import logging
import math
import secrets
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.atomic import write_atomic

log = logging.getLogger(__name__)

PIN_FILE = "staff_pin.json"
LOCK_FILE = "staff_pin_lock.json"
MAX_TRIES = 5
LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 3600
DEMO_PIN = "1234"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
# Both files are a few hundred bytes; anything bigger is not ours.
_MAX_FILE_BYTES = 4096
# Locks counted past this change nothing (the cap is reached after 7).
_MAX_LOCKS = 64


@dataclass(frozen=True)
class PinCheck:
    """The outcome of one PIN attempt."""

    accepted: bool
    tries_left: int
    locked_seconds: int


def lock_seconds_for(lock_number: int) -> int:
    """How long the ``lock_number``-th lock of a streak lasts: 60 s, doubled each time, capped."""
    doublings = max(0, min(lock_number, _MAX_LOCKS) - 1)
    return int(min(LOCK_SECONDS * 2**doublings, MAX_LOCK_SECONDS))


@dataclass(frozen=True)
class _LockState:
    failures: int = 0  # wrong tries since the last lock or correct PIN
    locks: int = 0  # locks in the current streak of wrong tries
    locked_until: float = 0.0


def _read_small(path: Path) -> bytes:
    # Checked before opening: a FIFO in its place would block the pad for ever.
    if not stat.S_ISREG(path.stat().st_mode):
        raise ValueError(f"{path.name} is not a regular file")
    with path.open("rb") as handle:
        data = handle.read(_MAX_FILE_BYTES + 1)
    if len(data) > _MAX_FILE_BYTES:
        raise ValueError(f"{path.name} is too big")
    return data


def is_valid_pin_format(pin: str) -> bool:
    """A PIN is 4 to 8 ASCII digits."""
    return 4 <= len(pin) <= 8 and pin.isascii() and pin.isdigit()


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib  # imported on first use: the kiosk only needs it when staff type a PIN

    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


class StaffPin:
    """Reads and checks the staff PIN kept in the data dir."""

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time) -> None:
        self._pin_path = data_dir / PIN_FILE
        self._lock_path = data_dir / LOCK_FILE
        # Wall-clock time, not monotonic, so that a lock survives a restart.
        self._clock = clock
        # The last state saved, kept in case the file cannot be written (disk full).
        self._remembered = _LockState()
        self._clamped_once = False
        self._save_failed = False
        self.locks_before_entry = 0
        """How often the pad locked between the last two correct PINs (shown to staff)."""

    def is_set(self) -> bool:
        return self._pin_path.exists()

    def is_damaged(self) -> bool:
        """True when a PIN file exists but cannot be read: no PIN can match until reset."""
        return self.is_set() and self._record() is None

    def set_pin(self, pin: str) -> None:
        """Store a new PIN (4-8 digits) and clear any lockout."""
        if not is_valid_pin_format(pin):
            raise ValueError("PIN must be 4 to 8 digits")
        salt = secrets.token_bytes(16)
        digest = _hash(pin, salt, **_SCRYPT)
        record = {"scheme": "scrypt", "salt": salt.hex(), "hash": digest.hex(), **_SCRYPT}
        write_atomic(self._pin_path, json.dumps(record).encode())
        self._save_lock(_LockState())

    def locked_seconds(self) -> int:
        """Seconds until the pad accepts tries again (0 when not locked)."""
        return self._seconds_left(self._load_lock(), self._clock())

    def check(self, pin: str) -> PinCheck:
        """Try ``pin``; every fifth wrong try in a row locks the pad (see ``lock_seconds_for``)."""
        state = self._load_lock()
        now = self._clock()
        if self._seconds_left(state, now):
            return PinCheck(False, 0, self._seconds_left(state, now))
        if self._matches(pin):
            if state.locks:
                log.info("staff PIN accepted after %d lock(s) of the pad", state.locks)
            self.locks_before_entry = state.locks
            self._save_lock(_LockState())
            return PinCheck(True, MAX_TRIES, 0)
        failures = state.failures + 1
        if failures < MAX_TRIES:
            self._save_lock(_LockState(failures, state.locks, 0.0))
            return PinCheck(False, MAX_TRIES - failures, 0)
        locks = min(state.locks + 1, _MAX_LOCKS)
        seconds = lock_seconds_for(locks)
        log.warning(
            "staff PIN pad locked for %d s: %d wrong tries in a row (lock %d of this streak)",
            seconds,
            MAX_TRIES * locks,
            locks,
        )
        self._save_lock(_LockState(0, locks, now + seconds))
        return PinCheck(False, 0, seconds)

    @staticmethod
    def _seconds_left(state: _LockState, now: float) -> int:
        return max(0, math.ceil(state.locked_until - now))

    def _record(self) -> dict[str, object] | None:
        try:
            record = json.loads(_read_small(self._pin_path).decode("utf-8"))
            salt = bytes.fromhex(record["salt"])
            digest = bytes.fromhex(record["hash"])
            n, r, p = (record[key] for key in ("n", "r", "p"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        # Costs scrypt can compute in the kiosk's memory; anything else is not a file we wrote.
        sane = (
            len(salt) >= 8
            and len(digest) == 32
            and all(type(v) is int for v in (n, r, p))
            and 2 <= n <= 2**20
            and n & (n - 1) == 0
            and 1 <= r <= 32
            and 1 <= p <= 16
        )
        return record if sane else None

    def _matches(self, pin: str) -> bool:
        record = self._record()
        if record is None:
            return False
        try:
            salt = bytes.fromhex(str(record["salt"]))
            expected = bytes.fromhex(str(record["hash"]))
            n, r, p = (int(str(record[key])) for key in ("n", "r", "p"))
            digest = _hash(pin, salt, n, r, p)
        except ValueError:  # scrypt refuses costs beyond its memory limit
            return False
        import hmac  # see _hash: only when staff type a PIN

        return hmac.compare_digest(digest, expected)

    def _load_lock(self) -> _LockState:
        """The saved lock, made safe: damaged or impossible content locks for the cap, once."""
        now = self._clock()
        if self._save_failed:
            return self._remembered  # the file holds an older state than this run's
        try:
            raw = json.loads(_read_small(self._lock_path).decode("utf-8"))
            # "locks" is absent from files written before the lock escalated.
            state = _LockState(
                int(raw["failures"]), int(raw.get("locks", 0)), float(raw["locked_until"])
            )
        except FileNotFoundError:
            # Deleting the file must not lift a lock this process has seen.
            return self._remembered
        except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError):
            log.warning("staff PIN lock file unreadable: the pad waits the longest lock once")
            return self._clamped(now)
        if not math.isfinite(state.locked_until) or state.locked_until > now + MAX_LOCK_SECONDS:
            log.warning("staff PIN lock file ends too late: the pad waits the longest lock once")
            return self._clamped(now)
        return _LockState(
            min(max(state.failures, 0), MAX_TRIES - 1),
            min(max(state.locks, 0), _MAX_LOCKS),
            max(state.locked_until, 0.0),
        )

    def _clamped(self, now: float) -> _LockState:
        if self._clamped_once:
            # Still unreadable (the save failed): count down the lock already given.
            return self._remembered
        self._clamped_once = True
        state = _LockState(0, self._remembered.locks, now + MAX_LOCK_SECONDS)
        self._save_lock(state)
        return state

    def _save_lock(self, state: _LockState) -> None:
        self._remembered = state
        record = {
            "failures": state.failures,
            "locks": state.locks,
            "locked_until": state.locked_until,
        }
        try:
            write_atomic(self._lock_path, json.dumps(record).encode())
        except OSError:
            # Kept in memory for this run; the pad must not crash on a full or read-only disk.
            log.exception("staff PIN lock could not be saved")
            self._save_failed = True
        else:
            self._save_failed = False

    def remove(self) -> None:
        """Forget the PIN and any lock (``kiosk pin reset``); the next start asks for a new PIN."""
        for path in (self._pin_path, self._lock_path):
            path.unlink(missing_ok=True)
        self._remembered = _LockState()
