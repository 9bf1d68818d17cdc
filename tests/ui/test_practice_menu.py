"""The practice menu: opens each drill, relays results, marks drills done, fits the screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QScrollArea

from kiosk.core.drills import PRACTICE_DRILLS, Drill, DrillResult
from kiosk.ui.practice import DRILL_SCREENS, FingerPracticeScreen
from kiosk.ui.practice.tap import TapDrill
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts
from tests.speakers import FakeSpeaker


@pytest.fixture
def menu(parts: ScreenParts, window: KioskWindow) -> FingerPracticeScreen:
    screen = FingerPracticeScreen(*parts)
    parts.nav.open(screen)
    return screen


def test_menu_speaks_its_intro_and_shows_six_drills(
    menu: FingerPracticeScreen, speaker: FakeSpeaker
) -> None:
    assert speaker.last_text() == FingerPracticeScreen.INTRO
    assert list(menu.tiles) == list(PRACTICE_DRILLS)
    assert [t.title_text.plain() for t in menu.tiles.values()] == [
        "タップ", "ながおし", "スワイプ", "スクロール", "ピンチ", "フリック入力",
    ]  # fmt: skip


@pytest.mark.parametrize("drill", list(Drill))
def test_each_tile_opens_its_drill_and_speaks_the_instruction(
    menu: FingerPracticeScreen, window: KioskWindow, speaker: FakeSpeaker, drill: Drill, qtbot: Any
) -> None:
    if drill is Drill.SIZE_CHECK:
        qtbot.mouseClick(menu.size_check_button, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(menu.tiles[drill], Qt.MouseButton.LeftButton)
    screen = window.current_screen()
    assert isinstance(screen, DRILL_SCREENS[drill])  # type: ignore[arg-type]
    assert screen.instruction.text()
    assert speaker.last_text() != FingerPracticeScreen.INTRO
    window.back()
    assert window.current_screen() is menu


def test_a_finished_drill_keeps_its_result_and_is_marked_done(
    menu: FingerPracticeScreen, window: KioskWindow, touch_finger: Any, qtbot: Any
) -> None:
    drill = menu.open_drill(Drill.TAP)
    assert isinstance(drill, TapDrill)
    qtbot.waitUntil(lambda: drill.pad.target is not None)
    finger = touch_finger(drill.pad)
    while not drill.run.finished:
        finger.tap(QPointF(drill.pad.target_rect().center()))
    result = drill.run.result
    assert isinstance(result, DrillResult)
    assert result.drill is Drill.TAP
    qtbot.mouseClick(drill.praise.other_button, Qt.MouseButton.LeftButton)
    assert window.current_screen() is menu
    assert menu.tiles[Drill.TAP].done_text.isVisible()
    assert not menu.tiles[Drill.SWIPE].done_text.isVisible()


def test_drills_report_start_and_completion_to_the_activity_log(
    menu: FingerPracticeScreen, parts: ScreenParts, touch_finger: Any, qtbot: Any
) -> None:
    reports: list[tuple[str, str, str, dict[str, object]]] = []
    parts.sessions.current.reported.connect(lambda *args: reports.append(args))
    drill = menu.open_drill(Drill.TAP)
    assert isinstance(drill, TapDrill)
    qtbot.waitUntil(lambda: drill.pad.target is not None)
    finger = touch_finger(drill.pad)
    while not drill.run.finished:
        finger.tap(QPointF(drill.pad.target_rect().center()))
    assert reports[0][:3] == ("practice", "tap", "started")
    kind, item, stage, detail = reports[-1]
    assert (kind, item, stage) == ("practice", "tap", "completed")
    assert detail["attempts"] == 6
    assert detail["successes"] == 6
    assert "tap" in parts.sessions.current.progress.practice_done


def test_done_marks_come_from_this_visit_and_clear_with_it(
    parts: ScreenParts, window: KioskWindow
) -> None:
    parts.sessions.current.progress.practice_done.add("pinch")
    menu = FingerPracticeScreen(*parts)
    parts.nav.open(menu)
    assert menu.tiles[Drill.PINCH].done_text.isVisible()
    parts.sessions.current.progress.clear()
    menu.on_shown()
    assert not menu.tiles[Drill.PINCH].done_text.isVisible()


@pytest.mark.parametrize("size", ["標準", "特大"])
def test_menu_tiles_are_big_and_never_cut_off(
    menu: FingerPracticeScreen, parts: ScreenParts, window: KioskWindow, size: str, qtbot: Any
) -> None:
    parts.sessions.current.set_text_size(size)
    qtbot.wait(20)
    assert menu.grid.columns <= menu.grid.columns_for(menu.grid.width())

    def right_edge() -> int:
        shown = [t for t in menu.tiles.values() if t.isVisible()]  # the others on a later page
        return max((t.mapTo(window, t.rect().topRight()).x() for t in shown), default=0)

    # Fails (times out) if any tile ends beyond the window's right edge.
    qtbot.waitUntil(lambda: 0 < right_edge() <= window.width(), timeout=2000)
    for tile in [t for t in menu.tiles.values() if t.isVisible()]:
        assert tile.height() >= parts.services.theme.target_px
        assert tile.width() >= tile.minimumSizeHint().width()
        for text in (tile.title_text, tile.summary_text):
            assert text.geometry().right() <= tile.width()


@pytest.mark.parametrize("drill", list(Drill))
def test_every_drill_fits_the_screen_at_the_largest_text(
    parts: ScreenParts, window: KioskWindow, drill: Drill, qtbot: Any
) -> None:
    """The window scrolls a too-tall screen by touch drags; a drill must never need that."""
    parts.sessions.current.set_text_size("特大")
    screen = DRILL_SCREENS[drill](*parts)
    parts.nav.open(screen)
    holder = screen.parentWidget().parentWidget()
    assert isinstance(holder, QScrollArea)
    qtbot.waitUntil(lambda: screen.phone.display.height() > 400)
    assert holder.verticalScrollBar().maximum() == 0
    assert screen.hint_button.mapTo(window, screen.hint_button.rect().bottomRight()).y() <= (
        window.height()
    )
    assert screen.phone.body_rect().height() >= holder.viewport().height() * 0.8
