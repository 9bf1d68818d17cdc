"""The attendance store on a real SQLite file: check-ins, classes, answers, the console, retention."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.core.attendance import (
    AGE_BANDS,
    CONSENT_VERSION,
    AttendanceStore,
    ClassNotFoundError,
    StoreLocationError,
    UnknownParticipantError,
    VisitNotFoundError,
    format_code,
)
from kiosk.core.attendance.consent import consent_text
from kiosk.core.attendance.location import is_network_path
from kiosk.core.attendance.schema import BUSY_TIMEOUT_SECONDS, connect
from kiosk.core.attendance.store import DB_FILE_NAME
from kiosk.core.config import Config


def pragmas(conn: sqlite3.Connection) -> tuple[str, int, int]:
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    sync = conn.execute("PRAGMA synchronous").fetchone()[0]
    busy = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    return mode, sync, busy


def test_every_connection_uses_wal_full_sync_and_a_busy_timeout(store: AttendanceStore) -> None:
    full = 2
    assert pragmas(store.db.conn) == ("wal", full, int(BUSY_TIMEOUT_SECONDS * 1000))
    reader = connect(store.db_path, query_only=True)
    try:
        assert pragmas(reader.conn) == ("wal", full, int(BUSY_TIMEOUT_SECONDS * 1000))
        with pytest.raises(sqlite3.OperationalError):
            reader.conn.execute("DELETE FROM visits")
    finally:
        reader.close()


def test_registration_keeps_only_what_the_consent_text_names(store: AttendanceStore) -> None:
    person = store.register_participant("70代", "小倉北区", CONSENT_VERSION, now=jst(2026, 5, 1))
    assert person.name is None
    assert person.consented_at == "2026-05-01T10:00:00+09:00"
    assert store.find_participant(person.code) == person
    row = store.db.execute("SELECT * FROM participants").fetchone()
    assert None in row  # no name column value
    text = consent_text(36)
    for kept in (
        "{年代|ねんだい}",
        "{地域|ちいき}",
        "{来|き}た{日|ひ}",
        "アンケート",
        "3{年|ねん}",
    ):
        assert kept in text
    assert "なまえは のこしません" in text


def test_names_are_refused_unless_staff_turned_them_on(
    data_dir: Path, store: AttendanceStore, attendance_config: Config
) -> None:
    with pytest.raises(ValueError, match="record_names"):
        store.register_participant("60代", "戸畑区", CONSENT_VERSION, name="山田 花子")
    assert store.db.execute("SELECT count(*) FROM participants").fetchone()[0] == 0
    store.close()
    named = replace(attendance_config, record_names=True)
    with AttendanceStore.open(data_dir / DB_FILE_NAME, named) as with_names:
        person = with_names.register_participant(
            "60代", "戸畑区", CONSENT_VERSION, name=" 山田 花子 "
        )
        assert with_names.find_participant(person.code) == person
        assert person.name == "山田 花子"


@pytest.mark.parametrize(
    ("age", "area", "consent", "problem"),
    [
        ("65歳", "小倉北区", CONSENT_VERSION, "unknown age band"),
        ("70代", "東京都", CONSENT_VERSION, "not one of the configured areas"),
        ("70代", "戸畑区", "v0", "unknown consent version"),
    ],
)
def test_registration_rejects_values_the_screens_never_offer(
    store: AttendanceStore, age: str, area: str, consent: str, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        store.register_participant(age, area, consent)


def test_a_card_typed_in_any_width_or_case_finds_the_participant(store: AttendanceStore) -> None:
    person = store.register_participant("80代", "小倉南区", CONSENT_VERSION)
    typed = "".join(chr(ord(ch) + 0xFEE0) for ch in format_code(person.code).lower())
    assert store.find_participant(typed) == person
    mistyped = person.code[:-1] + ("2" if person.code[-1] != "2" else "3")
    assert store.find_participant(mistyped) is None
    with pytest.raises(UnknownParticipantError):
        store.start_visit(mistyped)


def test_first_visit_is_recorded_once_per_participant(store: AttendanceStore) -> None:
    person = store.register_participant("70代", "小倉北区", CONSENT_VERSION)
    first = store.start_visit(person.code, now=jst(2026, 5, 1))
    second = store.start_visit(format_code(person.code), now=jst(2026, 5, 8))
    anonymous = store.start_visit(None, now=jst(2026, 5, 8))
    flags = dict(store.db.execute("SELECT id, first_visit FROM visits").fetchall())
    assert flags == {first: 1, second: 0, anonymous: None}
    row = store.db.execute(
        "SELECT centre_code, kiosk_id, started_at FROM visits WHERE id = ?", [second]
    ).fetchone()
    assert row == ("KOKURA01", "K1", "2026-05-08T10:00:00+09:00")


def test_events_answers_and_end_attach_to_the_visit(store: AttendanceStore) -> None:
    visit = store.start_visit(None, now=jst(2026, 5, 1, 10))
    store.record_event(visit, "lesson", "camera", {"score": 3}, now=jst(2026, 5, 1, 10, 5))
    store.record_event(visit, "practice", "flick", {"completed": False})
    store.record_answers(visit, "はい", "すこし", now=jst(2026, 5, 1, 10, 30))
    assert store.end_visit(visit, now=jst(2026, 5, 1, 10, 31)) is True
    assert store.end_visit(visit, now=jst(2026, 5, 1, 11)) is False
    ended, used, understood = store.db.execute(
        "SELECT ended_at, used_services, understood FROM visits WHERE id = ?", [visit]
    ).fetchone()
    assert (ended, used, understood) == ("2026-05-01T10:31:00+09:00", "はい", "すこし")
    events = store.db.execute("SELECT kind, item_id, completed, detail FROM events").fetchall()
    assert events == [
        ("lesson", "camera", 1, json.dumps({"score": 3})),
        ("practice", "flick", 0, json.dumps({"completed": False})),
    ]


def test_bad_calls_from_a_screen_fail_loudly(store: AttendanceStore) -> None:
    visit = store.start_visit(None)
    with pytest.raises(ValueError, match="kind must be one of"):
        store.record_event(visit, "quiz", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="item_id must not contain"):
        store.record_event(visit, "lesson", "a;b")
    with pytest.raises(ValueError, match="used_services must be one of"):
        store.record_answers(visit, "たぶん", None)
    with pytest.raises(VisitNotFoundError):
        store.record_event(visit + 100, "lesson", "camera")
    with pytest.raises(VisitNotFoundError):
        store.end_visit(visit + 100)
    with pytest.raises(VisitNotFoundError):
        store.record_answers(visit + 100, None, None)


def test_check_ins_join_todays_open_class_until_it_ends(store: AttendanceStore) -> None:
    person = store.register_participant("70代", "小倉北区", CONSENT_VERSION)
    class_id = store.start_class(
        "はじめてのスマホ", "講師A", ["power_buttons", "touch"], now=jst(2026, 5, 1, 9, 55)
    )
    info = store.open_class(now=jst(2026, 5, 1, 10))
    assert info is not None
    assert info.id == class_id
    assert info.lessons == ("power_buttons", "touch")
    joined = store.start_visit(person.code, now=jst(2026, 5, 1, 10))
    anonymous = store.start_visit(None, now=jst(2026, 5, 1, 10, 2))
    roster = store.class_roster(class_id)
    assert roster.attendance == 2
    assert [e.visit_id for e in roster.entries] == [joined, anonymous]
    assert roster.entries[0].participant_code == person.code
    assert roster.entries[0].first_visit is True
    assert roster.entries[1].participant_code is None
    # A class left open overnight is not joined the next day.
    next_day = store.start_visit(None, now=jst(2026, 5, 2, 10))
    assert store.db.execute("SELECT class_id FROM visits WHERE id = ?", [next_day]).fetchone() == (
        None,
    )
    assert store.open_class(now=jst(2026, 5, 2, 10)) is None
    assert store.end_class(class_id, now=jst(2026, 5, 1, 12)) is True
    assert store.end_class(class_id) is False
    after = store.start_visit(None, now=jst(2026, 5, 1, 12, 5))
    assert store.db.execute("SELECT class_id FROM visits WHERE id = ?", [after]).fetchone() == (
        None,
    )
    with pytest.raises(ClassNotFoundError):
        store.class_roster(999)


def test_starting_a_class_ends_the_one_still_open(store: AttendanceStore) -> None:
    first = store.start_class("LINE", "講師A", [], now=jst(2026, 5, 1, 10))
    second = store.start_class("地図", "講師B", ["maps"], now=jst(2026, 5, 1, 13))
    past = store.past_classes(5)
    assert [c.id for c in past] == [second, first]
    assert past[1].ended_at == "2026-05-01T13:00:00+09:00"
    assert past[0].is_open
    assert not past[1].is_open
    assert store.open_class(now=jst(2026, 5, 1, 14)) == past[0]


def test_today_summary_counts_what_the_staff_console_shows(store: AttendanceStore) -> None:
    old = store.register_participant("60代", "戸畑区", CONSENT_VERSION, now=jst(2026, 4, 1))
    store.end_visit(store.start_visit(old.code, now=jst(2026, 4, 1)), now=jst(2026, 4, 1, 11))
    new = store.register_participant("80代", "小倉北区", CONSENT_VERSION, now=jst(2026, 5, 1, 9))
    store.start_class("スマホ", "講師A", ["camera"], now=jst(2026, 5, 1, 9, 30))
    a = store.start_visit(new.code, now=jst(2026, 5, 1, 10))
    b = store.start_visit(old.code, now=jst(2026, 5, 1, 10, 5))
    c = store.start_visit(None, now=jst(2026, 5, 1, 10, 10))
    store.record_event(a, "lesson", "camera")
    store.record_event(a, "lesson", "maps")
    store.record_event(b, "lesson", "camera")
    store.record_event(c, "procedure", "mynaportal_login")
    store.record_event(c, "practice", "tap", {"completed": False})
    store.record_answers(a, "はい", None)
    store.record_answers(b, "いいえ", "はい")
    store.end_visit(a, now=jst(2026, 5, 1, 11))
    summary = store.today_summary(jst(2026, 5, 1, 15))
    assert summary.day == "2026-05-01"
    assert (summary.visits, summary.first_time, summary.anonymous, summary.participants) == (
        3,
        1,
        1,
        2,
    )
    assert (summary.in_class, summary.open_now, summary.answered, summary.used_services_yes) == (
        3,
        2,
        2,
        1,
    )
    assert summary.by_activity == {"lesson": 2, "procedure": 1, "practice": 0}
    assert summary.by_item == (
        ("lesson", "camera", 2),
        ("lesson", "maps", 1),
        ("procedure", "mynaportal_login", 1),
    )


def test_open_visits_end_at_exit_or_at_their_last_activity_after_a_crash(
    store: AttendanceStore,
) -> None:
    yesterday = store.start_visit(None, now=jst(2026, 5, 1, 15))
    store.record_event(yesterday, "lesson", "camera", now=jst(2026, 5, 1, 15, 20))
    today = store.start_visit(None, now=jst(2026, 5, 2, 9))
    assert store.end_open_visits(now=jst(2026, 5, 2, 9, 30)) == 2
    ends = dict(store.db.execute("SELECT id, ended_at FROM visits").fetchall())
    assert ends == {yesterday: "2026-05-01T15:20:00+09:00", today: "2026-05-02T09:30:00+09:00"}
    assert store.end_open_visits(now=jst(2026, 5, 2, 10)) == 0


def test_purge_removes_old_records_and_counts_them_first(store: AttendanceStore) -> None:
    gone = store.register_participant("90〜", "戸畑区", CONSENT_VERSION, now=jst(2023, 1, 10))
    kept = store.register_participant("70代", "小倉北区", CONSENT_VERSION, now=jst(2023, 1, 10))
    old_class = store.start_class("古い教室", "講師A", [], now=jst(2023, 1, 10, 9))
    for person in (gone, kept):
        visit = store.start_visit(person.code, now=jst(2023, 1, 10))
        store.record_event(visit, "lesson", "camera", now=jst(2023, 1, 10, 10, 5))
        store.end_visit(visit, now=jst(2023, 1, 10, 11))
    store.end_class(old_class, now=jst(2023, 1, 10, 12))
    recent = store.start_visit(kept.code, now=jst(2026, 4, 1))
    now = jst(2026, 5, 1)
    counts = store.count_older_than(36, now=now)
    assert (counts.visits, counts.events, counts.participants, counts.classes) == (2, 2, 1, 1)
    assert str(counts.cutoff) == "2023-05-01"
    assert store.db.execute("SELECT count(*) FROM visits").fetchone()[0] == 3  # nothing yet
    assert store.purge_older_than(36, now=now) == 2
    assert [r[0] for r in store.db.execute("SELECT id FROM visits")] == [recent]
    assert store.find_participant(gone.code) is None
    assert store.find_participant(kept.code) is not None
    assert store.past_classes(10) == []
    assert store.db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert store.count_older_than(36, now=now).visits == 0
    with pytest.raises(ValueError, match="months must be a whole number"):
        store.purge_older_than(0, now=now)


def test_purged_text_does_not_linger_in_the_database_file(store: AttendanceStore) -> None:
    person = store.register_participant("70代", "小倉北区", CONSENT_VERSION, now=jst(2020, 1, 1))
    visit = store.start_visit(person.code, now=jst(2020, 1, 1))
    store.record_event(visit, "lesson", "very_distinctive_lesson_id_x9", now=jst(2020, 1, 1))
    store.purge_older_than(12, now=jst(2026, 1, 1))
    store.close()
    raw = store.db_path.read_bytes()
    wal = store.db_path.with_name(store.db_path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert b"very_distinctive_lesson_id_x9" not in raw
    assert person.code.encode() not in raw


def test_every_age_band_can_be_registered(store: AttendanceStore) -> None:
    for band in AGE_BANDS:
        assert store.register_participant(band, "戸畑区", CONSENT_VERSION).age_band == band


@pytest.mark.parametrize(
    "path",
    [
        r"\\fileserver\share\kiosk\kiosk.db",
        "//fileserver/share/kiosk/kiosk.db",
        r"\\?\UNC\srv\s\k.db",
    ],
)
def test_a_database_on_a_windows_share_is_refused(path: str) -> None:
    assert is_network_path(path, platform="win32")
    assert not is_network_path(r"C:\Users\kiosk\AppData\Local\k.db", platform="win32")
    assert not is_network_path(r"\\?\C:\Users\kiosk\k.db", platform="win32")


def test_opening_a_store_on_a_unc_path_fails_with_a_staff_message(tmp_path: Path) -> None:
    unc = Path(r"\\fileserver\share\kiosk.db")
    with pytest.raises(StoreLocationError, match="ネットワーク"):
        AttendanceStore.open(unc, Config())
