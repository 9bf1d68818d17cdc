"""ピンチ drill: two-finger zoom, one-finger and wrong-way coaching, ＋／－ and Ctrl+wheel."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPointingDevice, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core.drills import Drill
from kiosk.ui.practice.pinch import MOUSE_ADVICE, WHEEL_ADVICE, PinchDrill
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts
from tests.speakers import FakeSpeaker


@pytest.fixture
def drill(parts: ScreenParts, window: KioskWindow, clock: Any, qtbot: Any) -> PinchDrill:
    screen = PinchDrill(*parts, clock=clock)
    parts.nav.open(screen)
    qtbot.waitUntil(lambda: screen.pad.width() > 200)
    return screen


def pinch(drill: PinchDrill, device: QPointingDevice, start_gap: float, end_gap: float) -> None:
    """Two fingers placed ``start_gap`` px apart about the centre, moved to ``end_gap``."""
    pad = drill.pad
    c = QPointF(pad.width() / 2, pad.height() / 2)

    def pair(gap: float) -> tuple[QPoint, QPoint]:
        return (c - QPointF(gap / 2, 0)).toPoint(), (c + QPointF(gap / 2, 0)).toPoint()

    a, b = pair(start_gap)
    QTest.touchEvent(pad, device).press(0, a, pad).press(1, b, pad).commit()
    for i in range(1, 6):
        a, b = pair(start_gap + (end_gap - start_gap) * i / 5)
        QTest.touchEvent(pad, device).move(0, a, pad).move(1, b, pad).commit()
    QTest.touchEvent(pad, device).release(0, a, pad).release(1, b, pad).commit()


def test_spreading_two_fingers_zooms_in_live(
    drill: PinchDrill, touch_device: QPointingDevice
) -> None:
    pad = drill.pad
    c = QPointF(pad.width() / 2, pad.height() / 2)
    a, b = (c - QPointF(40, 0)).toPoint(), (c + QPointF(40, 0)).toPoint()
    QTest.touchEvent(pad, touch_device).press(0, a, pad).press(1, b, pad).commit()
    a2, b2 = (c - QPointF(100, 0)).toPoint(), (c + QPointF(100, 0)).toPoint()
    QTest.touchEvent(pad, touch_device).move(0, a2, pad).move(1, b2, pad).commit()
    assert drill.pad.zoom == pytest.approx(2.5, rel=0.03)
    QTest.touchEvent(pad, touch_device).release(0, a2, pad).release(1, b2, pad).commit()
    assert drill.run.successes == 1
    assert drill.progress_text.plain() == "2 / 2"


def test_zoom_in_then_out_with_two_fingers_ends_on_praise(
    drill: PinchDrill, touch_device: QPointingDevice, qtbot: Any
) -> None:
    pinch(drill, touch_device, 80, 200)
    pinch(drill, touch_device, 200, 70)
    qtbot.waitUntil(lambda: drill.run.finished)
    assert drill.pad.zoom == pytest.approx(1.0)
    result = drill.run.result
    assert result.drill is Drill.PINCH
    assert (result.attempts, result.successes) == (2, 2)


def test_pinching_the_wrong_way_is_coached(
    drill: PinchDrill, touch_device: QPointingDevice
) -> None:
    drill.pad.set_zoom(1.5)
    pinch(drill, touch_device, 200, 120)
    assert drill.coach_box.message() == "指と 指の あいだを ひろげましょう。"
    assert drill.progress_text.plain() == "1 / 2"


def test_not_far_enough_encourages(drill: PinchDrill, touch_device: QPointingDevice) -> None:
    pinch(drill, touch_device, 100, 150)
    assert drill.coach_box.message() == "その ちょうしです。もう すこし ひろげましょう。"


def test_one_finger_is_asked_for_two(
    drill: PinchDrill, touch_device: QPointingDevice, speaker: FakeSpeaker
) -> None:
    c = drill.pad.rect().center()
    QTest.touchEvent(drill.pad, touch_device).press(0, c, drill.pad).commit()
    QTest.touchEvent(drill.pad, touch_device).release(0, c, drill.pad).commit()
    assert drill.coach_box.message() == "2ほんの 指で いっしょに さわりましょう。"
    assert speaker.last_text() == "2ほんの ゆびで いっしょに さわりましょう。"
    assert drill.run.attempts == 1


def test_mouse_on_the_photo_points_to_the_buttons(drill: PinchDrill, qtbot: Any) -> None:
    qtbot.mouseClick(drill.pad, Qt.MouseButton.LeftButton, pos=drill.pad.rect().center())
    assert drill.coach_box.message() == MOUSE_ADVICE
    assert drill.run.attempts == 0


def test_plus_and_minus_buttons_complete_the_drill(drill: PinchDrill, qtbot: Any) -> None:
    for _ in range(4):
        qtbot.mouseClick(drill.bigger_button, Qt.MouseButton.LeftButton)
    assert drill.progress_text.plain() == "2 / 2"
    for _ in range(4):
        qtbot.mouseClick(drill.smaller_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drill.run.finished)
    assert drill.run.result.successes == 2


def test_ctrl_wheel_zooms_and_a_plain_wheel_explains(drill: PinchDrill) -> None:
    pos = drill.pad.rect().center()
    global_pos = drill.pad.mapToGlobal(pos)

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            QPointF(pos), QPointF(global_pos), QPoint(), QPoint(0, 120),
            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(drill.pad, event)

    wheel(Qt.KeyboardModifier.NoModifier)
    assert drill.coach_box.message() == WHEEL_ADVICE
    assert drill.pad.zoom == pytest.approx(1.0)
    wheel(Qt.KeyboardModifier.ControlModifier)
    assert drill.pad.zoom == pytest.approx(1.25)
