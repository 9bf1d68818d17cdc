"""Reads a USB QR scanner that types like a keyboard: fast keystrokes ending with Enter."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

# A scanner types a whole code in well under a second; a person pressing keys is slower.
MAX_GAP_S = 0.08
MIN_LENGTH = 6
# A card's code is 11 characters; anything much longer is not a card (a stuck key, a scanner
# reading a web address), so the burst is dropped instead of growing without limit.
MAX_LENGTH = 64


class ScannerInput:
    """Collects key presses; returns the scanned text when Enter ends a fast burst.

    Keys typed slowly (a person at a keyboard) are dropped, so a stray key
    never checks someone in; so is a burst longer than MAX_LENGTH.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buffer: list[str] = []
        self._too_long = False
        self._last = 0.0

    def feed(self, event: QKeyEvent) -> str | None:
        """Take one key press; return the scanned text when this press completes a scan."""
        now = self._clock()
        if now - self._last > MAX_GAP_S:
            self._start_over()
        self._last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = "".join(self._buffer)
            too_long = self._too_long
            self._start_over()
            return text if len(text) >= MIN_LENGTH and not too_long else None
        if event.text() and event.text().isprintable():
            if len(self._buffer) < MAX_LENGTH:
                self._buffer.append(event.text())
            else:
                self._too_long = True
        return None

    def _start_over(self) -> None:
        self._buffer.clear()
        self._too_long = False
