"""The staff console as staff use it: today, classes, CSV sync and export, purge, KPI, lessons, settings."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from kiosk.core.attendance.consent import CONSENT_VERSION
from kiosk.core.attendance.csv_export import csv_file_name, export_csv_bytes
from kiosk.core.attendance.store import DB_FILE_NAME
from kiosk.core.config import CONFIG_FILE_NAME, Config, find_config_file, load_config
from kiosk.core.library import Library
from kiosk.core.pin import DEMO_PIN, StaffPin
from kiosk.core.runs.completion import Completion
from kiosk.speech.base import NO_PYTTSX3, NullSpeaker
from kiosk.ui import theme
from kiosk.ui.staff_console import TAB_KEYS, StaffConsoleScreen
from kiosk.ui.staff_console.classes import CHECKED
from kiosk.ui.staff_console.parts import ConfirmDialog


@pytest.fixture
def staff_kiosk(make_kiosk: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """``staff_kiosk(**make_kiosk_options)``: a kiosk; background work is finished at teardown."""
    built: list[Any] = []

    def build(**options: Any) -> Any:
        kiosk = make_kiosk(**options)
        built.append(kiosk)
        return kiosk

    yield build
    for kiosk in built:
        kiosk.tasks.wait()


def open_console(kiosk: Any, qtbot: Any) -> StaffConsoleScreen:
    """Enter the demo PIN on the pad, as staff do, and wait for the lessons to load."""
    kiosk.open_staff()
    pad = kiosk.window.current_screen()
    for digit in DEMO_PIN:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["けってい"], Qt.MouseButton.LeftButton)
    console = kiosk.window.current_screen()
    assert isinstance(console, StaffConsoleScreen)
    qtbot.waitUntil(lambda: console.content is not None, timeout=5000)
    return console


def click(qtbot: Any, button: QPushButton) -> None:
    assert button.isVisible(), f"{button.text()!r} is not on screen"
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_tab(qtbot: Any, console: StaffConsoleScreen, key: str) -> Any:
    click(qtbot, console.tab_buttons[key])
    tab = console.current_tab()
    assert tab.key == key
    assert tab.isVisible()
    return tab


def visible_text(widget: Any) -> str:
    """Every label a staff member can see under ``widget``, joined (path breaks removed)."""
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    return "\n".join(texts).replace("\u200b", "")


def type_text(edit: Any, text: str) -> None:
    """Type like a Japanese keyboard does: the input method commits the converted text."""
    edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def answer_dialog(button_text: str, seen: list[str]) -> None:
    """Press ``button_text`` in the next confirmation dialog; keep what the dialog said."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConfirmDialog):
            QTimer.singleShot(10, act)
            return
        seen.append(dialog.question_text())
        [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == button_text]
        assert button.isVisible()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)


def db_rows(data_dir: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(data_dir / DB_FILE_NAME)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def register_and_answer(kiosk: Any, answer: str | None) -> str:
    """A first-time visitor registers, answers the end-of-visit question and leaves."""
    participant = kiosk.attendance.visits.register("70代", "戸畑区", CONSENT_VERSION)
    kiosk.attendance.visits.answer(answer, None)
    kiosk.attendance.visits.finish()
    return participant.code


# The console itself --------------------------------------------------------


def test_pin_opens_the_console_with_every_tab_and_the_ways_out(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    assert console.screen_name == "staff-menu"
    assert [console.tab_buttons[k].text() for k in TAB_KEYS] == [
        "今日",
        "クラス",
        "データ",
        "利用率",
        "レッスン",
        "設定",
    ]
    for key in TAB_KEYS:
        tab = open_tab(qtbot, console, key)
        assert console.tab_buttons[key].isChecked()
        others = [t for k, t in console.tabs.items() if k != key]
        assert not any(t.isVisible() for t in others)
        assert tab.title in visible_text(tab)
    click(qtbot, console.back_button)
    assert kiosk.window.current_screen().screen_name == "home"


def test_about_credits_the_voice_and_shows_the_licence_texts(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    click(qtbot, open_tab(qtbot, console, "settings").about_button)
    about = kiosk.window.current_screen()
    assert about.screen_name == "staff-about"
    shown = visible_text(about)
    assert "HTS Voice「Mei」" in shown
    assert "CC BY 3.0" in shown
    assert "名古屋工業大学" in shown
    assert not about.notice.isVisible()
    click(qtbot, about.notice_button)
    notice = about.notice.toPlainText()
    assert about.notice.isVisible()
    assert about.notice.isReadOnly()
    # The full texts: Mei's CC BY 3.0, the dictionary's and hts_engine's BSD licences.
    assert "Creative Commons Attribution 3.0" in notice
    assert "Nara Institute of Science and Technology" in notice
    assert "The hts_engine API and Open JTalk are released under the Modified BSD" in notice
    assert "Redistributions in binary form must reproduce" in notice
    click(qtbot, about.notice_button)
    assert not about.notice.isVisible()
    click(qtbot, about.back_button)
    assert kiosk.window.current_screen() is console
    assert console.current_key == "settings"


def test_the_idle_reset_logs_staff_out(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    open_console(kiosk, qtbot)
    kiosk.window.idle_prompt.timed_out.emit()  # what the idle countdown does when it runs out
    assert kiosk.window.current_screen().screen_name == "home"
    assert kiosk.window.depth() == 1


def test_quit_asks_first_then_closes_the_kiosk(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    seen: list[str] = []
    answer_dialog("やめる", seen)
    click(qtbot, console.quit_button)
    assert "アプリを 終了すると" in seen[0]
    assert kiosk.window.isVisible()
    answer_dialog("終了する", seen)
    click(qtbot, console.quit_button)
    assert len(seen) == 2
    assert not kiosk.window.isVisible()


def _fill_of(button: QPushButton) -> str:
    """The colour most of ``button`` is drawn in, as rendered."""
    image = button.grab().toImage()
    counts = Counter(
        image.pixelColor(x, y).name() for y in range(image.height()) for x in range(image.width())
    )
    return counts.most_common(1)[0][0]


def test_quit_draws_the_safe_answer_filled_and_enter_chooses_it(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    seen: list[dict[str, Any]] = []

    def look_and_press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConfirmDialog):
            QTimer.singleShot(10, look_and_press_enter)
            return
        stay, leave = dialog.no_button, dialog.yes_button
        seen.append(
            {
                "labels": (stay.text(), leave.text()),
                "roles": (stay.property("role"), leave.property("role")),
                "fills": (_fill_of(stay), _fill_of(leave)),
                "default": (stay.isDefault(), leave.isDefault()),
                "focus": dialog.focusWidget() is stay,
            }
        )
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, look_and_press_enter)
    click(qtbot, console.quit_button)
    [what] = seen
    assert what["labels"] == ("やめる", "終了する")
    # The safe answer is the filled, primary button; 終了する is drawn as a plain one.
    assert what["roles"] == ("primary", None)
    assert what["fills"] == (theme.PRIMARY, theme.PAPER)
    assert what["default"] == (True, False)
    assert what["focus"]
    assert kiosk.window.isVisible()  # Enter answered やめる


def test_the_console_tells_staff_how_often_the_pad_locked(staff_kiosk, qtbot, data_dir) -> None:
    import time

    kiosk = staff_kiosk()
    now = [time.time() - 1000]  # three locks that have all run out by now
    pin = StaffPin(data_dir, clock=lambda: now[0])
    for wait in (0, 60, 120):
        now[0] += wait
        for _ in range(5):
            pin.check("0000")
    console = open_console(kiosk, qtbot)
    assert console.lock_banner.isVisible()
    assert "暗証番号の まちがいで 3回 ロックされました" in console.lock_banner.text()
    kiosk.window.go_home()
    again = open_console(kiosk, qtbot)
    assert not again.lock_banner.isVisible()


def _fill_the_disk(kiosk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two finished visits that the database refuses, as on a full disk."""

    def disk_full(*args: Any, **kwargs: Any) -> int:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(kiosk.attendance.visits.store, "start_visit", disk_full)
    for drill in ("tap", "swipe"):
        kiosk.sessions.current.complete(Completion("practice", drill, {"attempts": 1}))
        kiosk.window.reset_session()
    assert kiosk.attendance.visits.unsaved_count() == 2


def test_quit_warns_of_unsaved_visits_and_can_wait(staff_kiosk, qtbot, monkeypatch) -> None:
    kiosk = staff_kiosk()
    _fill_the_disk(kiosk, monkeypatch)
    console = open_console(kiosk, qtbot)
    assert "ディスクが いっぱい" in console.problem_banner.text()
    seen: list[str] = []
    answer_dialog("待つ", seen)
    click(qtbot, console.quit_button)
    assert "保存できていない 記録が 2件 あります" in seen[0]
    assert kiosk.window.isVisible()
    # Space is freed: the next 終了 saves them first and asks only the usual question.
    monkeypatch.undo()
    answer_dialog("終了する", seen)
    click(qtbot, console.quit_button)
    assert len(seen) == 2
    assert "保存できていない" not in seen[1]
    assert not kiosk.window.isVisible()
    assert len(db_rows(kiosk.services.data_dir, "SELECT id FROM visits")) == 2


def test_quit_anyway_keeps_unsaved_visits_in_the_journal(
    staff_kiosk, qtbot, monkeypatch, data_dir
) -> None:
    kiosk = staff_kiosk()
    _fill_the_disk(kiosk, monkeypatch)
    console = open_console(kiosk, qtbot)
    seen: list[str] = []
    answer_dialog("終了する", seen)
    click(qtbot, console.quit_button)
    assert not kiosk.window.isVisible()
    kiosk.attendance.visits.shutdown()  # what the application's aboutToQuit runs
    assert (data_dir / "unsaved_visits.jsonl").exists()
    monkeypatch.undo()
    restarted = staff_kiosk()
    assert restarted.attendance.available
    assert len(db_rows(data_dir, "SELECT id FROM visits")) == 2


# 今日 ------------------------------------------------------------------------


def test_today_counts_visits_first_timers_and_activities(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    kiosk.attendance.visits.check_in(None)
    kiosk.sessions.current.complete(Completion("lesson", "power-buttons", {}))
    kiosk.attendance.visits.finish()
    register_and_answer(kiosk, "はい")
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "today")
    rows = dict(tab.summary.rows)
    assert rows["来館"] == "2件"
    assert rows["初めての 方"] == "1人"
    assert rows["カードなし"] == "1件"
    assert rows["スマホ教室（レッスン）"] == "1件"
    assert tab.items_table.rows == [("スマホ教室（レッスン）: 電源と ボタン", "1回")]
    assert "いま 開いている 教室は ありません" in visible_text(tab)


# クラス ----------------------------------------------------------------------


def test_instructor_starts_a_class_that_check_ins_join(staff_kiosk, qtbot, data_dir) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "classes")
    type_text(tab.title_edit, "スマホ はじめて 教室")
    type_text(tab.instructor_edit, "山田 花子")
    click(qtbot, tab.lesson_buttons["power-buttons"])
    click(qtbot, tab.lesson_buttons["touch-basics"])
    assert tab.lesson_buttons["power-buttons"].text().startswith(CHECKED)
    click(qtbot, tab.start_button)

    assert tab.open_box.isVisible()
    assert not tab.start_box.isVisible()
    info = dict(tab.open_info.rows)
    assert info["教室"] == "スマホ はじめて 教室"
    assert info["講師"] == "山田 花子"
    assert info["レッスン"] == "電源と ボタン、タッチの 操作（タップ・スワイプ）"
    assert tab.attendance_text() == "出席 0人"
    assert tab.past.rows[0][1:3] == ("0人", "スマホ はじめて 教室（実施中）")

    # Two learners check in at the うけつけ while the class runs: the roster grows live.
    kiosk.attendance.visits.check_in(None)
    code = kiosk.attendance.visits.register("80代", "小倉北区", CONSENT_VERSION).code
    assert tab.attendance_text() == "出席 2人"
    cards = [row[1] for row in tab.roster.rows]
    assert cards[0] == "カードなし"
    assert cards[1].replace("-", "") == code
    assert tab.roster.rows[1][2:] == ("はい", "80代・小倉北区")

    # 今日 shows the same class and roster.
    today = open_tab(qtbot, console, "today")
    assert "スマホ はじめて 教室（講師: 山田 花子）" in today.class_label.text()
    assert "出席 2人" in today.class_label.text()
    assert len(today.roster.rows) == 2

    tab = open_tab(qtbot, console, "classes")
    click(qtbot, tab.end_button)
    assert tab.start_box.isVisible()
    assert "「スマホ はじめて 教室」を 終わりました（出席 2人）" in tab.start_message.text()
    assert tab.past.rows[0][1:] == ("2人", "スマホ はじめて 教室", "山田 花子")

    # After the end, a check-in is self-study again.
    kiosk.attendance.visits.check_in(None)
    class_ids = [row[0] for row in db_rows(data_dir, "SELECT class_id FROM visits ORDER BY id")]
    assert class_ids[0] is not None
    assert class_ids[0] == class_ids[1]
    assert class_ids[2] is None


def test_a_class_needs_a_title_and_an_instructor(staff_kiosk, qtbot, data_dir) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "classes")
    type_text(tab.instructor_edit, "山田")
    click(qtbot, tab.start_button)
    assert "教室の 名前を 入れてください" in tab.start_message.text()
    assert "講師" not in tab.start_message.text()
    assert db_rows(data_dir, "SELECT count(*) FROM classes") == [(0,)]
    assert tab.start_box.isVisible()


# データ ----------------------------------------------------------------------


def test_sync_now_writes_the_csv_and_shows_the_success(staff_kiosk, qtbot, tmp_path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    kiosk = staff_kiosk(config=Config(csv_folder=str(share)))
    kiosk.attendance.visits.check_in(None)
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "data")
    status = dict(tab.status_table.rows)
    assert status["保存先"].replace("\u200b", "") == str(share / "attendance_DEMO_K1.csv")
    assert status["最後に 保存"] == "まだ 一度も 保存していません"

    click(qtbot, tab.sync_button)
    qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=10_000)
    assert "出席データを保存しました（1件）" in tab.sync_message.text()
    target = share / "attendance_DEMO_K1.csv"
    assert target.read_bytes() == export_csv_bytes(kiosk.attendance.visits.store.db_path)[0]
    status = dict(tab.status_table.rows)
    assert status["最後に 保存"].startswith(f"{datetime.now().year}年")
    assert status["最後に 保存"].endswith("（1件）")
    assert status["いまの 状態"] == "CSV は 最新です。"


def test_a_missing_sync_folder_is_explained_and_kept_for_later(
    staff_kiosk, qtbot, tmp_path
) -> None:
    missing = tmp_path / "usb-stick-not-plugged-in"
    kiosk = staff_kiosk(config=Config(csv_folder=str(missing)))
    kiosk.attendance.visits.check_in(None)
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "data")
    click(qtbot, tab.sync_button)
    qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=10_000)
    assert "同期できませんでした" in tab.sync_message.text()
    assert "見つかりません" in tab.sync_message.text()
    status = dict(tab.status_table.rows)
    assert "見つかりません" in status["最後の エラー"]
    assert "次の 同期で 保存します" in status["いまの 状態"]
    assert db_rows(kiosk.services.data_dir, "SELECT count(*) FROM visits") == [(1,)]


def test_export_to_a_chosen_folder_writes_the_whole_csv(
    staff_kiosk, qtbot, tmp_path, monkeypatch
) -> None:
    usb = tmp_path / "USB"
    usb.mkdir()
    kiosk = staff_kiosk()
    kiosk.attendance.visits.check_in(None)
    kiosk.attendance.visits.finish()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "data")
    # The folder dialog is the system's; the test plays the staff member choosing the stick.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(usb))
    click(qtbot, tab.export_button)
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=10_000)
    written = usb / csv_file_name(kiosk.services.config)
    assert "書き出しました（1件）" in tab.export_message.text()
    assert str(written) in tab.export_message.text().replace("\u200b", "")
    assert written.read_bytes() == export_csv_bytes(kiosk.attendance.visits.store.db_path)[0]


def test_a_stick_pulled_out_before_export_is_explained(
    staff_kiosk, qtbot, tmp_path, monkeypatch
) -> None:
    usb = tmp_path / "USB"
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "data")
    # Chosen in the dialog, then pulled out before the export ran.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(usb))
    click(qtbot, tab.export_button)
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=10_000)
    assert "書き出しました" not in tab.export_message.text()
    assert "USBメモリが ささっているか たしかめてください" in tab.export_message.text()
    assert not usb.exists()  # never re-created on the kiosk's own disk


def add_old_visits(kiosk: Any, count: int, years_ago: int = 4) -> None:
    store = kiosk.attendance.visits.store
    when = datetime.now().astimezone() - timedelta(days=365 * years_ago)
    for _ in range(count):
        visit = store.start_visit(None, now=when)
        store.record_event(visit, "lesson", "power-buttons", None, now=when)
        store.end_visit(visit, now=when)


def test_purge_states_the_count_and_cancel_keeps_everything(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    add_old_visits(kiosk, 2)
    kiosk.attendance.visits.check_in(None)
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "data")
    assert tab.months.value() == 36  # the configured retention period
    seen: list[str] = []
    answer_dialog("やめる", seen)
    click(qtbot, tab.purge_button)
    [question] = seen
    assert "来館の 記録: 2件" in question
    assert "レッスンなどの 記録: 2件" in question
    assert "もとに もどせません" in question
    assert "やめました" in tab.purge_message.text()
    assert db_rows(kiosk.services.data_dir, "SELECT count(*) FROM visits") == [(3,)]


def test_purge_confirmed_deletes_old_records_then_syncs(staff_kiosk, qtbot, tmp_path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    kiosk = staff_kiosk(config=Config(csv_folder=str(share)))
    add_old_visits(kiosk, 2)
    kiosk.attendance.visits.check_in(None)
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "data")
    seen: list[str] = []
    answer_dialog("消す", seen)
    click(qtbot, tab.purge_button)
    assert "来館の 記録 2件を 消しました" in tab.purge_message.text()
    assert db_rows(kiosk.services.data_dir, "SELECT count(*) FROM visits") == [(1,)]
    qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=10_000)
    csv_lines = (share / "attendance_DEMO_K1.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(csv_lines) == 2  # the header and today's visit

    # Nothing older is left: a second purge needs no dialog.
    click(qtbot, tab.purge_button)
    assert "より 前の 記録は ありません" in tab.purge_message.text()


def test_an_idle_reset_during_the_question_deletes_nothing(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    add_old_visits(kiosk, 2)
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "data")
    dialogs: list[ConfirmDialog] = []

    def time_out() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConfirmDialog):
            QTimer.singleShot(10, time_out)
            return
        dialogs.append(dialog)
        kiosk.window.idle_prompt.timed_out.emit()  # nobody touched the kiosk for minutes

    QTimer.singleShot(0, time_out)
    click(qtbot, tab.purge_button)
    assert dialogs
    assert QApplication.activeModalWidget() is None
    assert kiosk.window.current_screen().screen_name == "home"
    assert db_rows(kiosk.services.data_dir, "SELECT count(*) FROM visits") == [(2,)]


def test_an_unusable_database_is_explained(staff_kiosk, qtbot, data_dir) -> None:
    (data_dir / DB_FILE_NAME).mkdir()  # a folder where the database file should be
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    assert not kiosk.attendance.available
    for key in ("data", "today", "classes", "usage"):
        tab = open_tab(qtbot, console, key)
        text = visible_text(tab)
        assert "データベースを ひらけません" in text, key
    assert not open_tab(qtbot, console, "classes").start_box.isVisible()


# 利用率 ----------------------------------------------------------------------


def test_kpi_tab_shows_the_usage_rate_against_the_target(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    for answer in ("はい", "はい", "いいえ", "はい"):
        register_and_answer(kiosk, answer)
    register_and_answer(kiosk, "わからない")  # not counted, like kiosk report
    kiosk.attendance.visits.check_in(None)
    kiosk.sessions.current.complete(Completion("lesson", "power-buttons", {}))
    kiosk.attendance.visits.answer("いいえ", None)  # anonymous: shown apart, not in the rate
    kiosk.attendance.visits.finish()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "usage")
    qtbot.waitUntil(lambda: tab.report is not None, timeout=10_000)

    assert "利用率（全期間）: 75%" in tab.total_label.text()
    assert "4人中 3人が「はい」" in tab.total_label.text()
    assert "目標 80%・目標まで あと 5ポイント" in tab.total_label.text()
    month = f"{datetime.now().month}月"
    assert [b.label for b in tab.rate_chart.bars] == [month]
    assert tab.rate_chart.value_texts() == ["75%"]
    assert tab.rate_chart.bars[0].note == "3/4"
    assert tab.rate_chart.target == (0.8, "目標 80%")
    assert tab.visits_chart.value_texts() == ["6"]
    assert "カードなしの 方の 回答" in tab.anonymous_label.text()
    lessons = {b.label: b.value_text for b in tab.lessons_chart.bars}
    assert lessons["電源と ボタン"] == "1回"
    assert lessons["カメラで 写真を とる"] == "0回"  # lessons nobody finished are listed too
    # The chart is really drawn, with its numbers in words.
    assert "75%" in tab.rate_chart.accessibleDescription()
    assert not tab.rate_chart.grab().isNull()


def test_kpi_tab_agrees_with_kiosk_report(staff_kiosk, qtbot, capsys) -> None:
    from kiosk.cli import main

    kiosk = staff_kiosk()
    for answer in ("はい", "いいえ", "いいえ"):
        register_and_answer(kiosk, answer)
    kiosk.tasks.wait()
    result = kiosk.attendance.visits.csv_sync.sync()
    assert result.ok
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "usage")
    qtbot.waitUntil(lambda: tab.report is not None, timeout=10_000)
    capsys.readouterr()
    assert main(["report", "--format", "json", str(result.path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["usage"]["rate"] == pytest.approx(1 / 3)
    assert tab.report.usage_rate == pytest.approx(printed["usage"]["rate"])
    assert "利用率（全期間）: 33%" in tab.total_label.text()
    assert [b.value_text for b in tab.rate_chart.bars] == [
        f"{row['used_yes'] / row['answered'] * 100:.0f}%" for row in printed["by_month"]
    ]
    assert [b.value_text for b in tab.visits_chart.bars] == [
        str(row["visits"]) for row in printed["by_month"]
    ]


def test_the_staff_console_writes_the_monthly_report(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    for answer in ("はい", "いいえ", "はい"):
        register_and_answer(kiosk, answer)
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "usage")
    qtbot.waitUntil(lambda: tab.report is not None, timeout=10_000)
    click(qtbot, tab.pdf_button)
    saved = sorted((kiosk.services.data_dir / "prints").glob("monthly-report-*.pdf"))
    assert len(saved) == 1
    assert str(saved[0]) in tab.print_status.text().replace("\u200b", "")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(saved[0]), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "市のサービス利用率66.7%" in re.sub(r"\s+", "", text)


def test_kpi_tab_without_answers_says_so(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    kiosk.attendance.visits.check_in(None)
    kiosk.attendance.visits.finish()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "usage")
    qtbot.waitUntil(lambda: tab.report is not None, timeout=10_000)
    assert "まだ 回答が ありません（目標 80%）" in tab.total_label.text()
    assert tab.rate_chart.value_texts() == ["―"]


# レッスン --------------------------------------------------------------------


def test_lessons_tab_counts_the_bundled_content(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "lessons")
    content = console.content
    assert content is not None
    lessons, procedures = len(content.lessons.lessons), len(content.procedures.procedures)
    assert lessons > 0
    assert procedures > 0
    assert tab.counts_label.text() == (
        f"使える レッスン: {lessons}本　使える 手続きの 練習: {procedures}本"
    )


def test_lessons_tab_lists_every_problem_of_a_broken_folder(staff_kiosk, qtbot, tmp_path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01_broken.toml").write_text(
        'format = 1\nid = "broken"\ntitle = "こわれた"\n', encoding="utf-8"
    )
    (folder / "02_bad_toml.toml").write_text('format = 1\ntitle = "閉じていない\n', "utf-8")
    kiosk = staff_kiosk()
    services = replace(kiosk.services, library=Library(lessons_folder=folder))
    console = StaffConsoleScreen(services, kiosk.window, kiosk.sessions, kiosk.staff_services())
    kiosk.window.open(console)
    qtbot.waitUntil(lambda: console.content is not None, timeout=5000)
    tab = open_tab(qtbot, console, "lessons")
    text = tab.problems_text()
    assert tab.counts_label.text().startswith("使える レッスン: 0本")
    assert "2個の ファイルに、直す ところが" in text
    assert "ファイル: lessons/01_broken.toml" in text
    assert "ファイル: lessons/02_bad_toml.toml" in text
    for problem in console.content.lessons.problems:
        assert (problem.message_ja or problem.message) in text
    # The common mistakes are explained in Japanese a volunteer understands.
    assert "「level」の 行が ありません" in text
    assert "ファイルの 書き方が くずれています" in text
    # A volunteer fixes one file and checks again without restarting.
    (folder / "02_bad_toml.toml").unlink()
    click(qtbot, tab.recheck_button)
    qtbot.waitUntil(lambda: "02_bad_toml" not in tab.problems_text(), timeout=5000)
    assert "1個の ファイルに" in tab.problems_text()


# 設定 ------------------------------------------------------------------------


def set_text(qtbot: Any, edit: Any, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(edit, text)


def test_settings_are_saved_and_persist_after_restart(staff_kiosk, qtbot, data_dir) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    set_text(qtbot, tab.editors["centre_name"], '戸畑 "本館" センター')
    set_text(qtbot, tab.editors["centre_code"], "TOBATA01")
    tab.editors["areas"].setPlainText("戸畑区\n\n小倉北区\n")
    click(qtbot, tab.editors["idle_timeout_seconds"].plus)
    click(qtbot, tab.editors["text_size"].buttons["大"])
    click(qtbot, tab.editors["speech_rate"].buttons["ゆっくり"])
    click(qtbot, tab.save_button)

    assert "再起動すると反映されます" in tab.message.text()
    path = data_dir / CONFIG_FILE_NAME
    assert path.exists()
    # Text size and speed apply at once; the rest waits for the restart.
    assert kiosk.theme.size_name == "大"
    assert kiosk.services.speaker.rate() == "ゆっくり"
    assert kiosk.services.config.centre_code == "DEMO"

    kiosk.window.reset_session()  # the next learner starts at the new default size
    assert kiosk.theme.size_name == "大"

    restarted = staff_kiosk(config=load_config(find_config_file(None, data_dir)))
    config = restarted.services.config
    assert config.centre_name == '戸畑 "本館" センター'
    assert config.centre_code == "TOBATA01"
    assert config.areas == ("戸畑区", "小倉北区")
    assert config.idle_timeout_seconds == 360
    assert config.text_size == "大"
    assert config.speech_rate == "ゆっくり"
    assert restarted.theme.size_name == "大"
    console = open_console(restarted, qtbot)
    tab = open_tab(qtbot, console, "settings")
    assert tab.editors["centre_name"].text() == '戸畑 "本館" センター'
    assert tab.editors["areas"].toPlainText() == "戸畑区\n小倉北区"
    assert tab.editors["idle_timeout_seconds"].label.text() == "6分"
    assert tab.editors["text_size"].buttons["大"].isChecked()


def test_a_second_save_before_restart_keeps_the_first(staff_kiosk, qtbot, data_dir) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    set_text(qtbot, tab.editors["centre_code"], "KOKURA01")
    click(qtbot, tab.save_button)
    click(qtbot, console.back_button)

    console = open_console(kiosk, qtbot)  # the kiosk still runs with the old values
    tab = open_tab(qtbot, console, "settings")
    assert tab.editors["centre_code"].text() == "KOKURA01"
    set_text(qtbot, tab.editors["kiosk_id"], "K2")
    click(qtbot, tab.save_button)
    saved = load_config(data_dir / CONFIG_FILE_NAME)
    assert (saved.centre_code, saved.kiosk_id) == ("KOKURA01", "K2")


def test_a_broken_settings_file_is_explained(staff_kiosk, qtbot, data_dir) -> None:
    kiosk = staff_kiosk()
    (data_dir / CONFIG_FILE_NAME).write_text("idle_timeout_seconds = 5\n", encoding="utf-8")
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    text = visible_text(tab)
    assert "設定ファイルに 問題が ある" in text
    assert "「最初の 画面に もどるまでの 時間」: 120〜3600秒に してください。" in text
    assert tab.editors["idle_timeout_seconds"].label.text() == "5分"  # the running values are shown
    click(qtbot, tab.save_button)
    assert load_config(data_dir / CONFIG_FILE_NAME).idle_timeout_seconds == 300


def test_settings_problems_are_shown_in_plain_words_and_nothing_is_saved(
    staff_kiosk, qtbot, data_dir
) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    set_text(qtbot, tab.editors["centre_code"], "小倉 01")
    set_text(qtbot, tab.editors["centre_name"], "   ")
    tab.editors["areas"].setPlainText("戸畑区\n戸畑区")
    click(qtbot, tab.save_button)
    message = tab.message.text()
    assert message.startswith("保存できませんでした。")
    assert "「センターの 記号」: 半角の 英字・数字" in message
    assert "「センターの 名前」: 空には できません。" in message
    assert "「地域」: 1行に 1つずつ" in message
    assert "centre_code" not in message  # no file jargon for staff
    assert not (data_dir / CONFIG_FILE_NAME).exists()


def test_settings_save_into_an_existing_config_file(staff_kiosk, qtbot, tmp_path) -> None:
    path = tmp_path / "elsewhere" / "centre.toml"
    path.parent.mkdir()
    path.write_text(
        'centre_name = "まえの 名前"\nretention_months = 24\n'
        '[service_urls]\n"ward-office-booking" = "https://www.city.example.lg.jp/yoyaku/"\n',
        encoding="utf-8",
    )
    kiosk = staff_kiosk(config=load_config(path))
    kiosk.config_path = path  # as run_kiosk does for --config
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    assert str(path) in visible_text(tab)
    set_text(qtbot, tab.editors["kiosk_id"], "K7")
    click(qtbot, tab.save_button)
    saved = load_config(path)
    assert saved.kiosk_id == "K7"
    assert saved.centre_name == "まえの 名前"
    assert saved.retention_months == 24  # settings the form does not show are kept
    assert saved.service_url("ward-office-booking") == "https://www.city.example.lg.jp/yoyaku/"


def test_a_missing_printer_is_shown_and_can_be_turned_off(staff_kiosk, qtbot, data_dir) -> None:
    kiosk = staff_kiosk(config=Config(printer="Old Printer 2000"))
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    missing = tab.editors["printer"].buttons["Old Printer 2000（いまは 見つかりません）"]
    assert missing.isChecked()
    click(qtbot, tab.editors["printer"].buttons["なし（PDF を 保存します）"])
    assert not missing.isChecked()
    click(qtbot, tab.save_button)
    assert load_config(data_dir / CONFIG_FILE_NAME).printer == ""


def test_without_a_voice_the_settings_say_why_in_japanese(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk(speaker=NullSpeaker(NO_PYTTSX3))
    tab = open_tab(qtbot, open_console(kiosk, qtbot), "settings")
    shown = tab.voice_label.text()
    assert shown.startswith("いまは 声が 出ません。読み上げの ソフトが 入っていません。")
    assert NO_PYTTSX3 in shown  # the cause, for whoever installs the kiosk
    click(qtbot, tab.try_button)
    assert tab.voice_label.text() == shown


def test_speech_test_button_reads_a_sample_at_the_chosen_speed(staff_kiosk, qtbot) -> None:
    kiosk = staff_kiosk()
    speaker = kiosk.services.speaker
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    assert "使っている 声: fake speaker (tests)" in tab.voice_label.text()
    click(qtbot, tab.editors["speech_rate"].buttons["はやい"])
    click(qtbot, tab.try_button)
    assert speaker.rate() == "はやい"
    assert "このはやさでよみあげます" in speaker.last_text().replace(" ", "")
    # Not saved: leaving the console puts the saved speed back.
    click(qtbot, console.back_button)
    assert speaker.rate() == "ふつう"


def test_staff_change_the_pin_from_settings(staff_kiosk, qtbot, data_dir) -> None:
    kiosk = staff_kiosk()
    console = open_console(kiosk, qtbot)
    tab = open_tab(qtbot, console, "settings")
    click(qtbot, tab.change_pin_button)
    pad = kiosk.window.current_screen()
    assert pad.screen_name == "staff-pin"
    assert pad.mode == "set"
    pad.enter("97531")
    pad.enter("97531")
    assert kiosk.window.current_screen() is console
    assert console.current_tab() is tab
    assert tab.pin_message.text() == "暗証番号を かえました。"
    assert StaffPin(data_dir).check("97531").accepted


def test_the_data_tab_tells_staff_about_a_cloned_disk(qapp) -> None:
    from kiosk.core.attendance.csv_export import SyncStatus
    from kiosk.ui.staff_console.data import status_rows

    notice = "この 端末の データは、attendance_KOKURA01_K1.csv の 端末と 同じ ディスクから…"
    status = SyncStatus(
        target_path=Path("attendance_KOKURA01_K2.csv"),
        last_success_at="2026-06-01T10:00:00+09:00",
        last_success_path=Path("attendance_KOKURA01_K2.csv"),
        last_rows=3,
        last_error_at=None,
        last_error=None,
        pending=False,
        clone_notice=notice,
        clone_notice_at="2026-06-01T10:00:00+09:00",
    )
    rows = dict(status_rows(status))
    assert rows["お知らせ"].endswith(notice)
    assert "6月1日 10:00" in rows["お知らせ"]
    assert "お知らせ" not in dict(status_rows(replace(status, clone_notice=None)))
