"""A returning learner: done marks from earlier visits, the スタンプカード and the 修了証."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.core.attendance.consent import CONSENT_VERSION
from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore
from kiosk.core.config import Config
from kiosk.core.lessons import load_lessons

BASICS = tuple(lesson.id for lesson in load_lessons().lessons if lesson.level == "基本")


def earlier_visit(
    data_dir: Path, config: Config, lessons: tuple[str, ...], name: str | None = None
) -> str:
    """A card whose holder finished ``lessons`` and one rehearsal on an earlier day."""
    with AttendanceStore.open(data_dir / DB_FILE_NAME, config) as store:
        person = store.register_participant("70代", "戸畑区", CONSENT_VERSION, name)
        visit = store.start_visit(person.code)
        for lesson in lessons:
            store.record_event(visit, "lesson", lesson)
        store.record_event(visit, "procedure", "ward-office-booking")
        store.end_visit(visit)
        return person.code


def check_in(kiosk, qtbot, code: str):
    qtbot.mouseClick(kiosk.window.current_screen().tiles["reception"], Qt.MouseButton.LeftButton)
    kiosk.window.current_screen().submit_code(code)
    screen = kiosk.window.current_screen()
    assert screen.screen_name == "returning"
    return screen


def test_done_marks_from_an_earlier_visit_show_in_the_lesson_list(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    code = earlier_visit(data_dir, Config(), ("power-buttons", "maps"))
    kiosk = make_kiosk()
    welcome = check_in(kiosk, qtbot, code)
    assert "レッスンを 2つ" in welcome.summary.plain()
    assert not welcome.later_note.isVisible()
    # つづきから opens the first unfinished 基本 lesson.
    qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
    player = kiosk.window.current_screen()
    assert player.screen_name == "lesson-player"
    assert player.lesson.id == BASICS[1]
    kiosk.window.back()
    listing = kiosk.window.current_screen()
    assert listing.screen_name == "lesson-list"
    assert listing.cards["power-buttons"].is_done()
    assert listing.cards["maps"].is_done()
    assert not listing.cards[BASICS[1]].is_done()
    # The next learner starts with no marks.
    kiosk.window.reset_session()
    kiosk.window.go_home()
    qtbot.mouseClick(kiosk.window.current_screen().tiles["lessons"], Qt.MouseButton.LeftButton)
    assert not kiosk.window.current_screen().cards["power-buttons"].is_done()


def test_the_stamp_card_has_a_stamp_per_lesson_and_rehearsal(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    code = earlier_visit(data_dir, Config(), ("power-buttons",))
    kiosk = make_kiosk()
    qtbot.mouseClick(check_in(kiosk, qtbot, code).stamp_button, Qt.MouseButton.LeftButton)
    card = kiosk.window.current_screen()
    assert card.screen_name == "stamp-card"
    assert {key for key, slot in card.slots.items() if slot.stamped} == {
        ("lesson", "power-buttons"),
        ("procedure", "ward-office-booking"),
    }
    assert "スタンプは 2こ" in card.count_text.plain()
    assert not card.certificate_button.isVisible()
    assert all(
        slot.accessibleName().endswith(("できました", "まだ")) for slot in card.slots.values()
    )


def test_every_basic_lesson_done_offers_a_certificate_without_a_name(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    config = Config(record_names=True)
    code = earlier_visit(data_dir, config, BASICS, name="山田花子")
    off = make_kiosk()  # record_names off: the name stays off the paper
    qtbot.mouseClick(check_in(off, qtbot, code).stamp_button, Qt.MouseButton.LeftButton)
    card = off.window.current_screen()
    assert card.certificate_button.isVisible()
    qtbot.mouseClick(card.certificate_button, Qt.MouseButton.LeftButton)
    certificate = off.window.current_screen()
    assert certificate.screen_name == "certificate"
    assert "山田" not in certificate.preview.plain()
    assert "デモ市民センター" in certificate.preview.plain()
    qtbot.mouseClick(certificate.print_button, Qt.MouseButton.LeftButton)
    assert "スタッフに" in certificate.outcome.plain()
    assert list((data_dir / "prints").glob("certificate-*.pdf"))


def test_the_certificate_names_the_learner_where_names_are_recorded(
    make_kiosk, qtbot, data_dir: Path
) -> None:
    config = Config(record_names=True)
    code = earlier_visit(data_dir, config, BASICS, name="山田花子")
    kiosk = make_kiosk(config=config)
    qtbot.mouseClick(check_in(kiosk, qtbot, code).stamp_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.current_screen().certificate_button, Qt.MouseButton.LeftButton)
    assert "山田花子 様" in kiosk.window.current_screen().preview.plain()
