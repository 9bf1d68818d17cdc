"""Demo data names real content, so demo reports and charts show the lessons staff know."""

from __future__ import annotations

from kiosk.core.attendance.demo_data import DEMO_LESSONS, DEMO_PRACTICE, DEMO_PROCEDURES
from kiosk.core.drills import Drill
from kiosk.core.lessons import load_lessons
from kiosk.core.procedures import load_procedures


def test_demo_ids_are_the_bundled_ones() -> None:
    assert set(DEMO_LESSONS) == {lesson.id for lesson in load_lessons().lessons}
    assert set(DEMO_PROCEDURES) == {p.id for p in load_procedures().procedures}
    assert set(DEMO_PRACTICE) <= {drill.value for drill in Drill}
