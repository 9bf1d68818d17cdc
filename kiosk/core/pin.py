"""The staff PIN: stored only as a salted scrypt hash, with a lockout that survives restarts."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.atomic import write_atomic

PIN_FILE = "staff_pin.json"
LOCK_FILE = "staff_pin_lock.json"
MAX_TRIES = 5
LOCK_SECONDS = 60
DEMO_PIN = "1234"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class PinCheck:
    """The outcome of one PIN attempt."""

    accepted: bool
    tries_left: int
    locked_seconds: int


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

    def is_set(self) -> bool:
        return self._pin_path.exists()

    def set_pin(self, pin: str) -> None:
        """Store a new PIN (4-8 digits) and clear any lockout."""
        if not is_valid_pin_format(pin):
            raise ValueError("PIN must be 4 to 8 digits")
        salt = secrets.token_bytes(16)
        digest = _hash(pin, salt, **_SCRYPT)
        record = {"scheme": "scrypt", "salt": salt.hex(), "hash": digest.hex(), **_SCRYPT}
        write_atomic(self._pin_path, json.dumps(record).encode())
        self._save_lock(failures=0, locked_until=0.0)

    def locked_seconds(self) -> int:
        """Seconds until the pad accepts tries again (0 when not locked)."""
        _, locked_until = self._load_lock()
        return max(0, int(locked_until - self._clock() + 0.999))

    def check(self, pin: str) -> PinCheck:
        """Try ``pin``; five wrong tries in a row lock the pad for a minute."""
        failures, locked_until = self._load_lock()
        now = self._clock()
        if locked_until > now:
            return PinCheck(False, 0, int(locked_until - now + 0.999))
        if self._matches(pin):
            self._save_lock(failures=0, locked_until=0.0)
            return PinCheck(True, MAX_TRIES, 0)
        failures += 1
        if failures >= MAX_TRIES:
            self._save_lock(failures=0, locked_until=now + LOCK_SECONDS)
            return PinCheck(False, 0, LOCK_SECONDS)
        self._save_lock(failures=failures, locked_until=0.0)
        return PinCheck(False, MAX_TRIES - failures, 0)

    def _matches(self, pin: str) -> bool:
        try:
            record = json.loads(self._pin_path.read_text(encoding="utf-8"))
            salt = bytes.fromhex(record["salt"])
            expected = bytes.fromhex(record["hash"])
            digest = _hash(pin, salt, int(record["n"]), int(record["r"]), int(record["p"]))
        except (OSError, ValueError, KeyError, TypeError):
            return False
        import hmac  # see _hash: only when staff type a PIN

        return hmac.compare_digest(digest, expected)

    def _load_lock(self) -> tuple[int, float]:
        try:
            state = json.loads(self._lock_path.read_text(encoding="utf-8"))
            return int(state["failures"]), float(state["locked_until"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def _save_lock(self, failures: int, locked_until: float) -> None:
        state = {"failures": failures, "locked_until": locked_until}
        write_atomic(self._lock_path, json.dumps(state).encode())
