"""The kiosk filters the application's events once: only input goes on to its watchers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.input_watch import InputWatch


def test_input_reaches_every_watcher_in_order_until_one_swallows_it(qapp: Any) -> None:
    seen: list[tuple[str, QEvent.Type]] = []

    def watcher(name: str, swallows: bool) -> Any:
        def watch(_watched: QObject, event: QEvent) -> bool:
            seen.append((name, event.type()))
            return swallows

        return watch

    widget = QWidget()
    widget.resize(100, 100)
    watch = InputWatch([watcher("first", False), watcher("second", True), watcher("third", True)])
    QApplication.instance().installEventFilter(watch)  # type: ignore[union-attr]
    try:
        for kind in (QEvent.Type.FontChange, QEvent.Type.LayoutRequest):
            QApplication.sendEvent(widget, QEvent(kind))
        QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        QTest.keyClick(widget, Qt.Key.Key_A)
    finally:
        QApplication.instance().removeEventFilter(watch)  # type: ignore[union-attr]
    press, key = QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress
    kinds = {kind for _name, kind in seen}
    assert QEvent.Type.FontChange not in kinds
    assert QEvent.Type.LayoutRequest not in kinds
    assert [name for name, kind in seen if kind == press] == ["first", "second"]
    assert [name for name, kind in seen if kind == key] == ["first", "second"]


def test_the_kiosk_watches_input_with_one_application_filter(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk()
    fired: list[bool] = []
    kiosk.staff_corner.hold_ms = 50
    kiosk.staff_corner.activated.connect(lambda: fired.append(True))
    kiosk.idle.mark_clean()  # nobody there yet
    QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert not kiosk.idle._fired  # the press proved someone is at the kiosk
    qtbot.waitUntil(lambda: fired == [True], timeout=2000)  # and the corner was held
