"""文字の おおきさ チェック: 30 seconds of marks, then a text-size suggestion the learner may take."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt

from kiosk.core.drills import Drill
from kiosk.ui.practice.size_check import SizeCheckDrill
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts

Finger = Any  # conftest.Finger


@pytest.fixture
def drill(parts: ScreenParts, window: KioskWindow, clock: Any, qtbot: Any) -> SizeCheckDrill:
    screen = SizeCheckDrill(*parts, clock=clock)
    parts.nav.open(screen)
    qtbot.waitUntil(lambda: screen.pad.target is not None)
    return screen


def miss(drill: SizeCheckDrill, finger: Finger) -> None:
    rect = drill.pad.target_rect()
    beside = rect.center() + QPointF(rect.width() / 2 + drill.pad.mm_to_px(3), 0)
    if beside.x() > drill.pad.width() - 2:
        beside = rect.center() - QPointF(rect.width() / 2 + drill.pad.mm_to_px(3), 0)
    finger.tap(beside)


def test_countdown_shows_the_seconds_left(drill: SizeCheckDrill, clock: Any, qtbot: Any) -> None:
    assert drill.progress_text.plain() == "のこり 30秒"
    clock.advance(12_000)
    qtbot.waitUntil(lambda: drill.progress_text.plain() == "のこり 18秒")


def test_many_misses_suggest_larger_text_and_yes_applies_it(
    drill: SizeCheckDrill,
    finger_for: Callable[..., Finger],
    parts: ScreenParts,
    clock: Any,
    qtbot: Any,
) -> None:
    finger = finger_for(drill.pad)
    for _ in range(16):
        miss(drill, finger)
        clock.advance(500)
    clock.advance(30_000)
    qtbot.waitUntil(lambda: drill.yes_button.isVisible())
    assert drill.suggestion == "特大"
    assert "「特大」" in drill.instruction.plain()
    qtbot.mouseClick(drill.yes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drill.run.finished)
    assert parts.services.theme.size_name == "特大"
    assert drill.run.result.drill is Drill.SIZE_CHECK
    assert drill.run.result.successes == 0


def test_steady_hits_keep_the_current_size(
    drill: SizeCheckDrill,
    finger_for: Callable[..., Finger],
    parts: ScreenParts,
    clock: Any,
    qtbot: Any,
) -> None:
    finger = finger_for(drill.pad)
    for _ in range(16):
        finger.tap(drill.pad.target_rect().center())
        clock.advance(500)
    clock.advance(30_000)
    qtbot.waitUntil(lambda: drill.run.finished)
    assert parts.services.theme.size_name == "標準"
    assert drill.praise.message.plain() == "いまの 文字の おおきさで だいじょうぶです。"


def test_no_thanks_keeps_the_size(
    drill: SizeCheckDrill,
    touch_finger: Callable[..., Finger],
    parts: ScreenParts,
    clock: Any,
    qtbot: Any,
) -> None:
    finger = touch_finger(drill.pad)
    for _ in range(16):
        miss(drill, finger)
    clock.advance(31_000)
    qtbot.waitUntil(lambda: drill.no_button.isVisible())
    qtbot.mouseClick(drill.no_button, Qt.MouseButton.LeftButton)
    assert parts.services.theme.size_name == "標準"
    assert drill.run.finished
