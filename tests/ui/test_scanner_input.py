"""The scanner reader on its own: fast bursts ending in Enter, with a bounded length."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from kiosk.ui.reception.scanner import MAX_GAP_S, MAX_LENGTH, ScannerInput


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _key(text: str) -> QKeyEvent:
    key = Qt.Key.Key_Return if text == "\r" else Qt.Key.Key_A
    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)


def _scan(scanner: ScannerInput, clock: Clock, text: str, gap: float = 0.01) -> str | None:
    result = None
    for ch in text + "\r":
        clock.now += gap
        result = scanner.feed(_key(ch))
    return result


def test_a_fast_burst_ending_in_enter_is_a_scan() -> None:
    clock = Clock()
    assert _scan(ScannerInput(clock), clock, "37KY-YTXW2Q") == "37KY-YTXW2Q"


def test_slow_keys_and_short_bursts_are_not_scans() -> None:
    clock = Clock()
    scanner = ScannerInput(clock)
    assert _scan(scanner, clock, "37KY-YTXW2Q", gap=MAX_GAP_S * 2) is None
    assert _scan(scanner, clock, "37K") is None


def test_an_overlong_burst_is_dropped_and_the_next_scan_still_works() -> None:
    clock = Clock()
    scanner = ScannerInput(clock)
    for _ in range(MAX_LENGTH * 100):
        clock.now += 0.01
        scanner.feed(_key("A"))
    assert len(scanner._buffer) == MAX_LENGTH
    clock.now += 0.01
    assert scanner.feed(_key("\r")) is None
    assert _scan(scanner, clock, "37KY-YTXW2Q") == "37KY-YTXW2Q"
