"""The shared input pad and phone parts: touch and mouse give the same strokes; hints; fonts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.core.gestures import GestureKind, classify
from kiosk.ui.practice.hint import FingerHint, HintKind
from kiosk.ui.practice.phone import BODY_RATIO, PhoneFrame
from kiosk.ui.practice.touch import MOUSE_ID, TouchPad, Trace


class RecordingPad(TouchPad):
    def __init__(self, clock: Any) -> None:
        super().__init__(clock=clock)
        self.events: list[tuple[str, int, int]] = []
        self.finished: list[Trace] = []

    def finger_down(self, trace: Trace) -> None:
        self.events.append(("down", trace.finger, len(trace.samples)))

    def finger_moved(self, trace: Trace) -> None:
        self.events.append(("move", trace.finger, len(trace.samples)))

    def finger_up(self, trace: Trace) -> None:
        self.events.append(("up", trace.finger, len(trace.samples)))
        self.finished.append(trace)


@pytest.fixture
def pad(qtbot: Any, clock: Any) -> RecordingPad:
    widget = RecordingPad(clock)
    qtbot.addWidget(widget)
    widget.resize(400, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_touch_and_mouse_strokes_classify_the_same(
    pad: RecordingPad, finger_for: Any, input_kind: str
) -> None:
    finger = finger_for(pad)
    finger.swipe(QPointF(300, 200), QPointF(100, 200), duration_ms=160)
    trace = pad.finished[-1]
    assert (trace.finger == MOUSE_ID) == (input_kind == "mouse")
    gesture = classify(trace.in_mm(pad.dpi()))
    assert gesture.kind is GestureKind.SWIPE
    assert gesture.duration_ms == pytest.approx(160)
    assert [e[0] for e in pad.events] == ["down"] + ["move"] * 8 + ["up"]


def test_two_touch_points_are_two_fingers(pad: RecordingPad, touch_device: QPointingDevice) -> None:
    QTest.touchEvent(pad, touch_device).press(0, QPoint(100, 100), pad).press(
        1, QPoint(200, 200), pad
    ).commit()
    assert set(pad.traces) == {0, 1}
    QTest.touchEvent(pad, touch_device).release(0, QPoint(100, 100), pad).release(
        1, QPoint(200, 200), pad
    ).commit()
    assert pad.traces == {}
    assert sorted(t.finger for t in pad.finished) == [0, 1]


def test_right_button_is_ignored(pad: RecordingPad, qtbot: Any) -> None:
    qtbot.mouseClick(pad, Qt.MouseButton.RightButton, pos=QPoint(10, 10))
    assert pad.events == []


def test_phone_keeps_real_proportions_and_fills_the_height(qtbot: Any) -> None:
    frame = PhoneFrame()
    qtbot.addWidget(frame)
    frame.resize(900, 700)
    frame.show()
    body = frame.body_rect()
    assert body.height() == pytest.approx(700)
    assert body.width() / body.height() == pytest.approx(BODY_RATIO)
    assert body.contains(QPointF(frame.display.geometry().center()))


def test_hint_plays_over_the_phone_and_lets_touches_through(qtbot: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(300, 600)
    hint = FingerHint(host)
    host.show()
    hint.play(HintKind.SWIPE, QPointF(250, 300), QPointF(50, 300))
    assert hint.is_playing()
    assert hint.isVisible()
    assert hint.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert hint.geometry() == host.rect()
    qtbot.waitUntil(lambda: hint.progress > 0.3)
    hint.stop()
    assert not hint.isVisible()
