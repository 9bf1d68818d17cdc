"""The idle watcher on an injected clock, and a reset that leaves nothing of the last visitor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent

from kiosk.ui.idle import IdleWatcher


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _touch(watcher: IdleWatcher) -> None:
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    watcher.eventFilter(QObject(), press)


def test_no_prompt_when_nobody_used_the_kiosk(qapp) -> None:
    clock = Clock()
    watcher = IdleWatcher(60_000, clock=clock)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    clock.now += 3600
    watcher.check()
    assert fired == []  # nobody came: nothing to reset

    _touch(watcher)
    clock.now += 59
    watcher.check()
    assert fired == []
    clock.now += 1
    watcher.check()
    watcher.check()
    assert fired == [True]  # once per idle period

    _touch(watcher)
    watcher.mark_clean()  # the kiosk was reset: the touch belonged to the last visitor
    clock.now += 3600
    watcher.check()
    assert fired == [True]


def test_the_reset_forgets_every_choice_of_the_last_visitor(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    header = window.header
    qtbot.mouseClick(window.current_screen().tiles["practice"], Qt.MouseButton.LeftButton)
    for button in (header.size_buttons["特大"], header.ruby_button, header.speech_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not kiosk.services.speaker.is_enabled()
    assert header.speech_button.text() == "おんせい なし"
    kiosk.sessions.current.progress.practice_done.add("tap")

    window.ask_still_there()
    window.idle_prompt.timed_out.emit()

    assert window.depth() == 1
    assert kiosk.theme.size_name == "標準"
    assert header.size_buttons["標準"].isChecked()
    assert header.ruby_button.isChecked()
    assert kiosk.services.speaker.is_enabled()  # おんせい なし was one person's choice
    assert header.speech_button.text() == "おんせい あり"
    assert not kiosk.sessions.current.progress.practice_done
    assert not window.idle_prompt.isVisible()
