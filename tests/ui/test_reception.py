"""うけつけ as a learner meets it: card codes, scanner, first visit, anonymous use, おわる."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.core.attendance.codes import format_code, issuer_for, make_code
from kiosk.core.attendance.consent import CONSENT_VERSION
from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore
from kiosk.core.config import Config
from kiosk.core.runs.completion import Completion


def visits_table(data_dir: Path) -> list[sqlite3.Row]:
    connection = sqlite3.connect(data_dir / DB_FILE_NAME)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute("SELECT * FROM visits ORDER BY id").fetchall()
    finally:
        connection.close()


def events_table(data_dir: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(data_dir / DB_FILE_NAME)
    try:
        return connection.execute("SELECT kind, item_id FROM events ORDER BY id").fetchall()
    finally:
        connection.close()


def registered_code(data_dir: Path) -> str:
    with AttendanceStore.open(data_dir / DB_FILE_NAME, Config()) as store:
        return store.register_participant("70代", "戸畑区", CONSENT_VERSION).code


def open_reception(kiosk, qtbot):
    qtbot.mouseClick(kiosk.window.current_screen().tiles["reception"], Qt.MouseButton.LeftButton)
    screen = kiosk.window.current_screen()
    assert screen.screen_name == "reception"
    return screen


def test_typing_a_card_code_checks_in(make_kiosk, qtbot, data_dir: Path) -> None:
    code = registered_code(data_dir)
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    for ch in code:
        qtbot.mouseClick(screen.pad.keys[ch], Qt.MouseButton.LeftButton)
    assert screen.pad.display.text() == format_code(code)
    qtbot.mouseClick(screen.pad.keys["けってい"], Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen().screen_name == "returning"
    [visit] = visits_table(data_dir)
    assert visit["participant_code"] == code
    assert visit["first_visit"] == 1
    assert visit["ended_at"] is None


def test_a_scanner_typing_fast_anywhere_checks_in(make_kiosk, qtbot, data_dir: Path) -> None:
    code = registered_code(data_dir)
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    qtbot.mouseClick(screen.pad.keys["A"], Qt.MouseButton.LeftButton)  # touches keep the focus
    qtbot.mouseClick(kiosk.window.header.size_buttons["大"], Qt.MouseButton.LeftButton)
    target = kiosk.window.focusWidget()  # what has the focus whenever the window is active
    assert target is screen
    QTest.keyClicks(target, format_code(code).lower())
    QTest.keyClick(target, Qt.Key.Key_Return)
    assert kiosk.window.current_screen().screen_name == "returning"
    assert visits_table(data_dir)[0]["participant_code"] == code


def test_slow_typing_is_not_a_scan(make_kiosk, qtbot, data_dir: Path) -> None:
    code = registered_code(data_dir)
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    for ch in code:
        QTest.keyClick(screen, ch.lower())
        qtbot.wait(120)
    QTest.keyClick(screen, Qt.Key.Key_Return)
    assert kiosk.window.current_screen() is screen


def test_a_mistyped_code_gets_kind_words(make_kiosk, qtbot, data_dir: Path) -> None:
    code = registered_code(data_dir)
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    wrong_check = code[:-1] + ("2" if code[-1] != "2" else "3")
    screen.submit_code(wrong_check)
    assert "ちがうようです" in screen.message.plain()
    assert "ちがうようです" in kiosk.services.speaker.last_text()
    assert kiosk.window.current_screen() is screen
    assert visits_table(data_dir) == []


def test_a_card_from_another_kiosk_checks_in_as_a_returning_visitor(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    elsewhere = make_code(issuer_for("TOBATA", "K3"), 41)
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    screen.submit_code(format_code(elsewhere))
    assert kiosk.window.current_screen() is not screen
    [visit] = visits_table(data_dir)
    assert visit["participant_code"] == elsewhere
    assert visit["first_visit"] == 0


def test_first_visit_registers_without_a_name(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    age = kiosk.window.current_screen()
    assert age.screen_name == "first-visit-age"
    qtbot.mouseClick(age.buttons["80代"], Qt.MouseButton.LeftButton)
    area = kiosk.window.current_screen()
    assert list(area.buttons) == [*Config().areas, "市外", "こたえない"]
    qtbot.mouseClick(area.buttons["若松区"], Qt.MouseButton.LeftButton)
    consent = kiosk.window.current_screen()
    assert consent.screen_name == "first-visit-consent"
    assert "なまえは のこしません" in kiosk.services.speaker.last_text()
    qtbot.mouseClick(consent.yes_button, Qt.MouseButton.LeftButton)
    card = kiosk.window.current_screen()
    assert card.screen_name == "new-card"
    [visit] = visits_table(data_dir)
    code = visit["participant_code"]
    assert format_code(code) in card.code_label.text()
    connection = sqlite3.connect(data_dir / DB_FILE_NAME)
    row = connection.execute(
        "SELECT age_band, area, consent_version, name FROM participants"
    ).fetchone()
    connection.close()
    assert row == ("80代", "若松区", CONSENT_VERSION, None)


def test_saying_no_to_consent_keeps_nothing_personal(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.current_screen().buttons["60代"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.current_screen().buttons["門司区"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.current_screen().no_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen().screen_name == "first-visit-declined"
    [visit] = visits_table(data_dir)
    assert visit["participant_code"] is None
    connection = sqlite3.connect(data_dir / DB_FILE_NAME)
    assert connection.execute("SELECT COUNT(*) FROM participants").fetchone() == (0,)
    connection.close()


def test_using_the_kiosk_without_check_in_still_counts(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk()
    kiosk.sessions.current.report("lesson", "power-buttons", "started")
    kiosk.sessions.current.complete(Completion("lesson", "power-buttons", {"steps": 9}))
    kiosk.window.reset_session()  # idle reset ends the visit
    [visit] = visits_table(data_dir)
    assert visit["participant_code"] is None
    assert visit["ended_at"] is not None
    assert events_table(data_dir) == [("lesson", "power-buttons")]


def test_finishing_asks_two_questions_and_records_answers(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    screen = open_reception(kiosk, qtbot)
    qtbot.mouseClick(screen.anonymous_button, Qt.MouseButton.LeftButton)
    home = window.current_screen()
    assert home.finish_button.isVisible()
    qtbot.mouseClick(home.finish_button, Qt.MouseButton.LeftButton)
    question = window.current_screen()
    assert "{市|し}の サービス" in question.question
    qtbot.mouseClick(question.buttons["はい"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.current_screen().buttons["すこし"], Qt.MouseButton.LeftButton)
    thanks = window.current_screen()
    assert thanks.screen_name == "end-thanks"
    [visit] = visits_table(data_dir)
    assert (visit["used_services"], visit["understood"]) == ("はい", "すこし")
    assert visit["ended_at"] is not None
    with qtbot.waitSignal(window.session_reset):
        qtbot.mouseClick(thanks.done_button, Qt.MouseButton.LeftButton)
    assert not window.current_screen().finish_button.isVisible()


def test_questions_can_be_skipped(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk()
    kiosk.attendance.visits.check_in(None)
    kiosk.window.go_home()
    qtbot.mouseClick(kiosk.window.current_screen().finish_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.current_screen().buttons[""], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.current_screen().buttons[""], Qt.MouseButton.LeftButton)
    [visit] = visits_table(data_dir)
    assert (visit["used_services"], visit["understood"]) == (None, None)


def test_a_failing_database_loses_no_visit(make_kiosk, qtbot, data_dir: Path, monkeypatch) -> None:
    kiosk = make_kiosk()
    tracker = kiosk.attendance.visits
    store = tracker.store
    real_record = store.record_event

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "record_event", disk_full)
    kiosk.sessions.current.complete(Completion("practice", "tap", {"attempts": 5}))
    assert "失われていません" in tracker.problem
    assert tracker.unsaved_count() == 1
    monkeypatch.setattr(store, "record_event", real_record)
    tracker.flush()
    assert tracker.problem == ""
    assert events_table(data_dir) == [("practice", "tap")]


def test_ending_a_visit_writes_the_staff_csv(make_kiosk, qtbot, data_dir: Path) -> None:
    kiosk = make_kiosk()
    kiosk.sessions.current.complete(Completion("procedure", "convenience-store-copy"))
    with qtbot.waitSignal(kiosk.attendance.visits.sync_finished, timeout=10_000) as blocker:
        kiosk.window.reset_session()
    result = blocker.args[0]
    assert result.ok, result.message
    csv_text = result.path.read_bytes().decode("utf-8-sig")
    assert "convenience-store-copy" in csv_text
    assert result.path.parent == data_dir / "export"


def test_the_check_in_screen_takes_raw_keys_not_the_japanese_input_method(
    make_kiosk, qtbot
) -> None:
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    assert not screen.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def test_a_failed_sync_is_tried_again_by_itself(
    make_kiosk, qtbot, data_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the CSV folder should be")
    kiosk = make_kiosk(config=Config(csv_folder=str(blocker / "csv")))
    tracker = kiosk.attendance.visits
    tracker._sync_retry.setInterval(50)
    with qtbot.waitSignal(tracker.sync_finished, timeout=10_000) as first:
        kiosk.sessions.current.complete(Completion("lesson", "power-buttons"))
        kiosk.window.reset_session()
    assert not first.args[0].ok
    assert visits_table(data_dir)[0]["ended_at"] is not None, (
        "the database is untouched by the failure"
    )
    blocker.unlink()  # the shared folder is back
    (blocker / "csv").mkdir(parents=True)
    with qtbot.waitSignal(tracker.sync_finished, timeout=10_000) as retried:
        pass
    assert retried.args[0].ok
    assert "power-buttons" in retried.args[0].path.read_bytes().decode("utf-8-sig")


def test_visits_the_full_disk_refused_survive_the_exit(
    make_kiosk, qtbot, data_dir: Path, monkeypatch
) -> None:
    """Held in memory while the disk is full, written to the journal at exit, back at start."""
    kiosk = make_kiosk()
    tracker = kiosk.attendance.visits
    store = tracker.store

    def disk_full(*args, **kwargs):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13
        raise error

    monkeypatch.setattr(store, "start_visit", disk_full)
    kiosk.sessions.current.complete(Completion("practice", "tap", {"attempts": 5}))
    kiosk.sessions.current.complete(Completion("lesson", "camera-basics", {}))
    assert "ディスクが いっぱい" in tracker.problem
    tracker.shutdown()
    assert not tracker._retry.isActive(), "no retry after the exit"
    assert visits_table(data_dir) == []
    assert (data_dir / "unsaved_visits.jsonl").exists()

    monkeypatch.undo()
    restarted = make_kiosk()
    assert restarted.attendance.available
    assert not (data_dir / "unsaved_visits.jsonl").exists()
    [visit] = visits_table(data_dir)
    assert visit["ended_at"] is not None
    assert sorted(events_table(data_dir)) == [("lesson", "camera-basics"), ("practice", "tap")]


def test_card_entry_is_the_primary_way_in(make_kiosk, qtbot) -> None:
    screen = open_reception(make_kiosk(), qtbot)
    assert screen.pad.keys["けってい"].property("role") == "primary"
    assert not screen.new_button.primary  # returning visitors are the common case
    assert not screen.anonymous_button.primary


def test_a_mistype_keeps_the_code_and_says_which_character_looks_wrong(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    code = registered_code(data_dir)
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    for ch in code[:3]:
        qtbot.mouseClick(screen.pad.keys[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.pad.keys["けってい"], Qt.MouseButton.LeftButton)
    left = len(code) - 3
    assert (
        screen.message.plain()
        == f"ばんごうは {len(code)}もじ です。あと {left}もじ いれてください。"
    )
    alphabet = "23456789ACEFHKMNPRTWXY"
    wrong = alphabet[(alphabet.index(code[6]) + 1) % len(alphabet)]
    for ch in code[3:6] + wrong + code[7:]:
        qtbot.mouseClick(screen.pad.keys[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.pad.keys["けってい"], Qt.MouseButton.LeftButton)
    assert screen.pad.typed() == code[:6] + wrong + code[7:]  # nothing to type again
    assert screen.message.plain().startswith(f"7もじめの 「{wrong}」が ちがうようです。")
    assert kiosk.window.current_screen() is screen
    for _ in range(len(code) - 6):
        qtbot.mouseClick(screen.pad.keys["けす"], Qt.MouseButton.LeftButton)
    for ch in code[6:]:
        qtbot.mouseClick(screen.pad.keys[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.pad.keys["けってい"], Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen() is not screen  # checked in and welcomed


def test_the_area_question_offers_outside_the_city_and_no_answer(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    screen = open_reception(kiosk, qtbot)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    ages = kiosk.window.current_screen()
    qtbot.mouseClick(ages.buttons["70代"], Qt.MouseButton.LeftButton)
    areas = kiosk.window.current_screen()
    assert list(areas.buttons)[-2:] == ["市外", "こたえない"]
    qtbot.mouseClick(areas.buttons["こたえない"], Qt.MouseButton.LeftButton)
    consent = kiosk.window.current_screen()
    qtbot.mouseClick(consent.yes_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen().screen_name == "new-card"
