"""A learner's progress against the loaded lessons: stamps, the next lesson, the 修了証."""

from __future__ import annotations

from kiosk.core.attendance.codes import make_code
from kiosk.core.attendance.register import Entry
from kiosk.core.learner import learner_progress
from kiosk.core.lessons import load_lessons
from kiosk.core.procedures import load_procedures

LESSONS = load_lessons().lessons
PROCEDURES = load_procedures().procedures
BASICS = [lesson.id for lesson in LESSONS if lesson.level == "基本"]
ADVANCED = [lesson.id for lesson in LESSONS if lesson.level == "応用"]


def entry(done: dict[str, dict[str, str]], visits: int = 3) -> Entry:
    return Entry(make_code("2345", 1), "70代", "戸畑区", "v1", "X", "2026-05-01", "2026-05-09",
                 visits, done)  # fmt: skip


def test_nothing_known_yet_suggests_the_first_basic_lesson() -> None:
    progress = learner_progress(None, LESSONS, PROCEDURES)
    assert progress.stamps == ()
    assert progress.visits == 0
    assert progress.next_lesson is not None
    assert progress.next_lesson.id == BASICS[0]
    assert not progress.basics_done


def test_stamps_come_in_the_order_they_were_earned_and_unknown_items_get_none() -> None:
    done = {
        "lesson": {ADVANCED[0]: "2026-05-02T10:00", BASICS[2]: "2026-05-01T10:00",
                   "a-lesson-this-centre-lacks": "2026-04-01T10:00"},
        "procedure": {PROCEDURES[0].id: "2026-05-01T11:00"},
        "practice": {"tap": "2026-05-01T09:00"},
    }  # fmt: skip
    progress = learner_progress(entry(done), LESSONS, PROCEDURES)
    assert [(s.kind, s.item_id, s.day) for s in progress.stamps] == [
        ("lesson", BASICS[2], "2026-05-01"),
        ("procedure", PROCEDURES[0].id, "2026-05-01"),
        ("lesson", ADVANCED[0], "2026-05-02"),
    ]
    assert progress.practice_done == {"tap"}
    assert progress.next_lesson is not None
    assert progress.next_lesson.id == BASICS[0]


def test_basics_before_advanced_and_the_certificate_once_all_basics_are_done() -> None:
    almost = {"lesson": dict.fromkeys(BASICS[:-1], "2026-05-01T10:00")}
    progress = learner_progress(entry(almost), LESSONS, PROCEDURES)
    assert progress.next_lesson is not None
    assert progress.next_lesson.id == BASICS[-1]
    assert not progress.basics_done
    done = {"lesson": dict.fromkeys(BASICS, "2026-05-01T10:00")}
    progress = learner_progress(entry(done), LESSONS, PROCEDURES)
    assert progress.basics_done
    assert progress.next_lesson is not None
    assert progress.next_lesson.id == ADVANCED[0]
    assert len(progress.basic_titles) == len(BASICS)
    everything = {"lesson": {lesson.id: "2026-05-01T10:00" for lesson in LESSONS}}
    assert learner_progress(entry(everything), LESSONS, PROCEDURES).next_lesson is None
