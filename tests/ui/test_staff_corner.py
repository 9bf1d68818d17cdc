"""The staff corner overlaps no learner control, and a press on a button never opens it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton


def test_no_learner_control_is_in_or_near_the_corner(make_kiosk) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    gap = kiosk.theme.spacing_px
    corner = QRect(0, 0, kiosk.staff_corner.corner_px + gap, kiosk.staff_corner.corner_px + gap)
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            assert not rect.intersects(corner), f"{button.text()!r} is in the staff corner"


def test_a_press_held_on_back_never_opens_the_pin_pad(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    qtbot.mouseClick(window.current_screen().tiles["lessons"], Qt.MouseButton.LeftButton)
    back = window.header.back_button
    # Even a corner grown over もどる ignores a press that starts on the button.
    kiosk.staff_corner.corner_px = back.mapTo(window, QPoint(0, 0)).x() + back.width()
    kiosk.staff_corner.hold_ms = 50
    opened: list[bool] = []
    kiosk.staff_corner.activated.connect(lambda: opened.append(True))
    QTest.mousePress(back, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    qtbot.wait(150)
    QTest.mouseRelease(
        back, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    assert opened == []
    assert window.current_screen().screen_name == "home"  # the tap was もどる, as meant
