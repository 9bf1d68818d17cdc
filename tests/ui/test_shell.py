"""The kiosk shell as a learner and staff meet it: home, navigation, idle reset, staff PIN."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from test_staff_console import answer_dialog

from kiosk.app import _windowed_size
from kiosk.core.config import Config
from kiosk.core.pin import DEMO_PIN, StaffPin
from kiosk.ui.home import HOME_TILES
from kiosk.ui.placeholder import ComingSoonScreen
from kiosk.ui.theme import FONT_FAMILY


def test_home_renders_japanese_in_the_bundled_font(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    home = kiosk.window.current_screen()
    assert home.screen_name == "home"
    assert FONT_FAMILY in kiosk.fonts
    assert QFontInfo(home.greeting.font()).family() == FONT_FAMILY
    assert home.greeting.plain() == "きょうは なにを しますか？"
    assert [tile.title_text.plain() for tile in home.tiles.values()] == [
        "スマホ教室",
        "ゆびの れんしゅう",
        "てつづきの れんしゅう",
        "うけつけ",
    ]
    image = kiosk.window.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)
    }
    assert len(colours) > 10, "the home screen looks blank"
    assert len(HOME_TILES) == 4


def test_tiles_open_screens_and_back_returns(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    home = window.current_screen()
    assert not window.header.back_button.isEnabled()
    opened = {}
    for name, tile in home.tiles.items():
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        opened[name] = window.current_screen().screen_name
        assert window.header.back_button.isEnabled()
        qtbot.mouseClick(window.header.back_button, Qt.MouseButton.LeftButton)
        assert window.current_screen() is home
    assert opened == {
        "lessons": "lesson-list",
        "practice": "practice",
        "procedures": "procedures",
        "reception": "reception",
    }
    window.back()  # nothing above home: stays put
    assert window.current_screen() is home


def test_coming_soon_page_is_kind_and_leads_home(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.window.open(ComingSoonScreen(kiosk.services, kiosk.window, kiosk.sessions, "うけつけ"))
    assert "じゅんびちゅう" in kiosk.services.speaker.last_text()
    page = kiosk.window.current_screen()
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "はじめに もどる")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert kiosk.window.depth() == 1


def test_home_button_closes_every_screen(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    kiosk.window.open("lessons")
    kiosk.window.open("practice")
    assert window.depth() == 3
    stops_before = kiosk.services.speaker.stops
    qtbot.mouseClick(window.header.home_button, Qt.MouseButton.LeftButton)
    assert window.depth() == 1
    assert window.current_screen().screen_name == "home"
    assert kiosk.services.speaker.stops > stops_before, "speech must stop when the screen changes"


def test_text_size_switch_applies_everywhere_at_once(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    home = kiosk.window.current_screen()
    before = home.greeting.heightForWidth(600)
    sheet = kiosk.app.styleSheet()
    qtbot.mouseClick(kiosk.window.header.size_buttons["特大"], Qt.MouseButton.LeftButton)
    assert kiosk.theme.size_name == "特大"
    assert home.greeting.heightForWidth(600) > before
    # Only fonts change: setting the style sheet again would restyle every widget.
    assert kiosk.app.styleSheet() == sheet
    assert kiosk.app.font().pointSizeF() == 33.0  # body text 22 pt × 1.5
    tile = home.tiles["lessons"]
    assert tile.font().pointSizeF() == 33.0
    # The header keeps one size, so its buttons never move under a finger.
    assert kiosk.window.header.home_button.font().pointSizeF() == 22.0


def test_screens_opened_after_a_switch_have_its_fonts(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.theme.set_size("大")
    kiosk.window.open("reception")
    screen = kiosk.window.current_screen()
    assert screen.pad.display.font().pointSizeF() == 50.0  # a title: 40 pt × 1.25
    assert screen.pad.keys["A"].font().pointSizeF() == 27.5
    kiosk.theme.set_size("標準")
    assert screen.pad.display.font().pointSizeF() == 40.0
    assert screen.pad.keys["A"].font().pointSizeF() == 22.0


def test_speech_switch(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    button = kiosk.window.header.speech_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not kiosk.services.speaker.is_enabled()
    assert button.text() == "おんせい なし"
    spoken = len(kiosk.services.speaker.spoken)
    kiosk.window.open(ComingSoonScreen(kiosk.services, kiosk.window, kiosk.sessions, "うけつけ"))
    assert len(kiosk.services.speaker.spoken) == spoken, "nothing is spoken while speech is off"


def test_idle_prompt_speaks_counts_down_and_resets(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(idle_countdown_s=2)
    window = kiosk.window
    kiosk.idle.timeout_ms = 200
    kiosk.sessions.current.set_text_size("特大")
    qtbot.mouseClick(window.current_screen().tiles["lessons"], Qt.MouseButton.LeftButton)
    assert window.depth() == 2
    qtbot.waitUntil(window.idle_prompt.isVisible, timeout=3000)
    assert kiosk.services.speaker.last_text() == "まだ つづけますか？"
    assert "あと 2 びょうで" in window.idle_prompt.countdown_label.plain()
    with qtbot.waitSignal(window.session_reset, timeout=5000):
        pass
    assert window.depth() == 1
    assert kiosk.theme.size_name == "標準"
    assert not window.idle_prompt.isVisible()


def test_keep_going_cancels_the_reset(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(idle_countdown_s=30)
    window = kiosk.window
    kiosk.idle.timeout_ms = 200
    kiosk.window.open("lessons")
    QTest.mouseMove(window, QPoint(400, 400))
    qtbot.waitUntil(window.idle_prompt.isVisible, timeout=3000)
    qtbot.mouseClick(window.idle_prompt.keep_button, Qt.MouseButton.LeftButton)
    assert not window.idle_prompt.isVisible()
    assert window.depth() == 2, "つづける keeps the learner where they were"


def test_learner_cannot_close_the_window(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    assert not window.close()
    assert window.isVisible()
    window.allow_close()
    assert window.close()


def test_demo_pin_opens_the_staff_menu_from_the_corner(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    kiosk.staff_corner.hold_ms = 100
    QTest.mousePress(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    qtbot.waitUntil(lambda: window.current_screen().screen_name == "staff-pin", timeout=2000)
    QTest.mouseRelease(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    pad = window.current_screen()
    assert f"{DEMO_PIN}" in pad.message.text()
    for digit in DEMO_PIN:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["けってい"], Qt.MouseButton.LeftButton)
    assert window.current_screen().screen_name == "staff-menu"


def test_a_short_press_in_the_corner_does_nothing(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.staff_corner.hold_ms = 300
    QTest.mouseClick(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )
    qtbot.wait(500)
    assert kiosk.window.current_screen().screen_name == "home"


def test_key_chord_opens_the_pin_pad(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.window.activateWindow()
    qtbot.waitActive(kiosk.window)
    QTest.keyClick(
        kiosk.window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert kiosk.window.current_screen().screen_name == "staff-pin"


def test_first_start_asks_staff_to_set_a_pin(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk(demo=False)
    pad = kiosk.window.current_screen()
    assert pad.screen_name == "staff-pin"
    assert pad.mode == "set"
    pad.enter("2468")
    assert "もう いちど" in pad.message.text()
    pad.enter("2468")
    assert kiosk.window.current_screen().screen_name == "home"
    assert kiosk.window.depth() == 1
    assert StaffPin(data_dir).check("2468").accepted
    # From now on the home screen is the real one: going home no longer leads to the pad.
    qtbot.mouseClick(kiosk.window.current_screen().tiles["practice"], Qt.MouseButton.LeftButton)
    kiosk.window.reset_session()
    assert kiosk.window.current_screen().screen_name == "home"


def test_the_first_start_pin_set_up_cannot_be_skipped(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk(demo=False)
    window = kiosk.window
    pad = window.current_screen()
    assert pad.screen_name == "staff-pin"
    assert pad.mode == "set"
    assert window.depth() == 1
    # はじめに もどる and もどる have nowhere to go, and are shown as such.
    assert not window.header.home_button.isEnabled()
    assert not window.header.back_button.isEnabled()
    window.go_home()
    window.back()
    window.reset_session()  # the idle reset, too
    assert window.current_screen() is pad
    kiosk.open_staff()  # the corner or Ctrl+Alt+S
    assert window.current_screen() is pad
    assert window.depth() == 1
    assert not StaffPin(data_dir).is_set()


def test_a_damaged_pin_file_tells_staff_how_to_recover(make_kiosk, qtbot, data_dir: Path) -> None:
    (data_dir / "staff_pin.json").write_text("{not json", encoding="utf-8")
    kiosk = make_kiosk(demo=False)
    assert kiosk.window.current_screen().screen_name == "home"
    kiosk.open_staff()
    pad = kiosk.window.current_screen()
    assert pad.mode == "check"
    assert "kiosk pin reset" in pad.message.text()
    assert not pad.keys["けってい"].isEnabled()


def test_the_pad_shows_long_locks_in_minutes(make_kiosk, qtbot, data_dir: Path) -> None:
    import json
    import time

    StaffPin(data_dir).set_pin("2468")
    lock = {"failures": 0, "locks": 7, "locked_until": time.time() + 3600}
    (data_dir / "staff_pin_lock.json").write_text(json.dumps(lock), encoding="utf-8")
    kiosk = make_kiosk(demo=False)
    kiosk.open_staff()
    pad = kiosk.window.current_screen()
    assert "あと 60分 まってください" in pad.message.text()


def test_wrong_pins_lock_the_pad_even_after_restart(make_kiosk, qtbot, data_dir: Path) -> None:
    StaffPin(data_dir).set_pin("2468")
    kiosk = make_kiosk(demo=False)
    kiosk.open_staff()
    pad = kiosk.window.current_screen()
    pad.enter("1111")
    assert "あと 4 かい" in pad.message.text()
    for _ in range(4):
        pad.enter("1111")
    assert pad.message.text() == "まちがいが 5回 つづきました。あと 60 びょう まってください。"
    assert not pad.keys["1"].isEnabled()

    restarted = make_kiosk(demo=False)
    restarted.open_staff()
    pad2 = restarted.window.current_screen()
    assert not pad2.keys["けってい"].isEnabled()
    assert "まってください" in pad2.message.text()


def test_staff_menu_quits_the_kiosk(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.open_staff()
    kiosk.window.current_screen().enter(DEMO_PIN)
    menu = kiosk.window.current_screen()
    quit_calls = []
    kiosk.app.aboutToQuit.connect(lambda: quit_calls.append(True))
    answer_dialog("終了する", [])
    qtbot.mouseClick(menu.quit_button, Qt.MouseButton.LeftButton)
    assert not kiosk.window.isVisible()


def test_staff_can_change_the_pin(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk()
    kiosk.open_staff()
    kiosk.window.current_screen().enter(DEMO_PIN)
    settings = kiosk.window.current_screen().show_tab("settings")
    qtbot.mouseClick(settings.change_pin_button, Qt.MouseButton.LeftButton)
    pad = kiosk.window.current_screen()
    pad.enter("97531")
    pad.enter("97531")
    assert kiosk.window.current_screen().screen_name == "staff-menu"
    assert StaffPin(data_dir).check("97531").accepted


def test_unexpected_error_shows_a_calm_page_and_returns_home(make_kiosk, qtbot, caplog) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    kiosk.window.open("lessons")
    try:
        raise RuntimeError("lesson file vanished")
    except RuntimeError:
        kiosk.handle_exception(*sys.exc_info())
    qtbot.waitUntil(window.error_overlay.isVisible, timeout=1000)
    assert "lesson file vanished" in caplog.text
    with qtbot.waitSignal(window.session_reset, timeout=1000):
        qtbot.mouseClick(window.error_overlay.ok_button, Qt.MouseButton.LeftButton)
    assert window.depth() == 1


def test_configured_text_size_is_the_reset_default(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(config=Config(text_size="大"))
    assert kiosk.theme.size_name == "大"
    kiosk.sessions.current.set_text_size("特大")
    kiosk.window.reset_session()
    assert kiosk.theme.size_name == "大"


def test_a_windowed_kiosk_fits_a_screen_smaller_than_its_usual_size(qapp) -> None:
    available = qapp.primaryScreen().availableGeometry().size()
    size = _windowed_size(qapp)
    assert size == QSize(min(1280, available.width()), min(800, available.height()))
    assert size.width() <= available.width()
    assert size.height() <= available.height()
