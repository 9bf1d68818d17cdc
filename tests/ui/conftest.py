"""Fixtures for the finger-practice screens: a real window, a fake clock and touch helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# The shared tests/conftest.py sets this too; kept here so these tests also run on their own.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.core.config import Config
from kiosk.ui.screen import Screen
from kiosk.ui.session import SessionDefaults, Sessions
from kiosk.ui.theme import Theme, load_fonts
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts, screen_parts
from tests.speakers import FakeSpeaker

SCREEN_SIZE = (1280, 800)


class FakeClock:
    """Milliseconds that only move when a test says so, to replay recorded timings."""

    def __init__(self, start: float = 10_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, ms: float) -> None:
        self.now += ms


@pytest.fixture(scope="session")
def fonts(qapp: object) -> list[str]:
    return load_fonts()


@pytest.fixture
def window(qapp: object, fonts: list[str], tmp_path: Path, qtbot: object) -> Iterator[KioskWindow]:
    """The real kiosk window at the size of a centre's touch panel, with an empty home."""
    theme = Theme()
    theme.apply()
    config = Config()
    sessions = Sessions(SessionDefaults(config.text_size, config.speech_enabled))
    win = KioskWindow(config, theme, FakeSpeaker(), sessions)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.replace_home(Screen(*screen_parts(win, config, tmp_path, theme)))
    win.resize(*SCREEN_SIZE)
    win.show()
    qtbot.waitExposed(win)  # type: ignore[attr-defined]
    yield win
    win.allow_close()
    theme.set_size("標準")


@pytest.fixture
def parts(window: KioskWindow) -> ScreenParts:
    """What the window's screens are built with."""
    home = window.current_screen()
    return ScreenParts(home.services, window, window.sessions)


@pytest.fixture
def speaker(parts: ScreenParts) -> FakeSpeaker:
    assert isinstance(parts.services.speaker, FakeSpeaker)
    return parts.services.speaker


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def touch_device() -> QPointingDevice:
    return QTest.createTouchDevice()


class Finger:
    """Drives touch sequences (or the mouse) on one widget, moving a fake clock between steps."""

    def __init__(
        self, widget: QWidget, device: QPointingDevice | None, clock: FakeClock | None
    ) -> None:
        self.widget = widget
        self.device = device
        self.clock = clock

    def _tick(self, ms: float) -> None:
        if self.clock is not None:
            self.clock.advance(ms)

    def press(self, pos: QPoint | QPointF, finger: int = 0) -> None:
        p = QPointF(pos).toPoint()
        if self.device is None:
            QTest.mousePress(
                self.widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
            )
        else:
            QTest.touchEvent(self.widget, self.device).press(finger, p, self.widget).commit()

    def move(self, pos: QPoint | QPointF, finger: int = 0, after_ms: float = 16) -> None:
        self._tick(after_ms)
        p = QPointF(pos).toPoint()
        if self.device is None:
            QTest.mouseMove(self.widget, p)
        else:
            QTest.touchEvent(self.widget, self.device).move(finger, p, self.widget).commit()

    def release(self, pos: QPoint | QPointF, finger: int = 0, after_ms: float = 16) -> None:
        self._tick(after_ms)
        p = QPointF(pos).toPoint()
        if self.device is None:
            QTest.mouseRelease(
                self.widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
            )
        else:
            QTest.touchEvent(self.widget, self.device).release(finger, p, self.widget).commit()

    def tap(self, pos: QPoint | QPointF, hold_ms: float = 80) -> None:
        self.press(pos)
        self.release(pos, after_ms=hold_ms)

    def swipe(
        self, start: QPoint | QPointF, end: QPoint | QPointF, duration_ms: float, steps: int = 8
    ) -> None:
        a, b = QPointF(start), QPointF(end)
        self.press(a)
        for i in range(1, steps + 1):
            self.move(a + (b - a) * (i / steps), after_ms=duration_ms / steps)
        self.release(b, after_ms=0)


@pytest.fixture(params=["touch", "mouse"])
def input_kind(request: pytest.FixtureRequest) -> str:
    """Run a test once with a touch screen and once with a mouse."""
    return str(request.param)


@pytest.fixture
def finger_for(input_kind: str, touch_device: QPointingDevice, clock: FakeClock) -> object:
    """``finger_for(widget)``: a Finger on ``widget`` using this test's input kind."""

    def make(widget: QWidget) -> Finger:
        return Finger(widget, touch_device if input_kind == "touch" else None, clock)

    return make


@pytest.fixture
def touch_finger(touch_device: QPointingDevice, clock: FakeClock) -> object:
    """``touch_finger(widget, timed=True)``: a touch-screen Finger; untimed ones leave the clock."""

    def make(widget: QWidget, timed: bool = True) -> Finger:
        return Finger(widget, touch_device, clock if timed else None)

    return make
