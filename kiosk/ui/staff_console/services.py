"""What the staff console needs from the running kiosk, and the lesson content it looks up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.drills import DRILL_TITLES, Drill
from kiosk.core.lessons import LessonLoad, load_lessons
from kiosk.core.pin import StaffPin
from kiosk.core.procedures import ProcedureLoad, load_procedures
from kiosk.core.resources import lessons_dir
from kiosk.core.ruby import plain_text
from kiosk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from kiosk.ui.visits import VisitTracker


@dataclass
class StaffServices:
    """Built by ``kiosk.app`` when staff enter the PIN.

    ``visits`` is None when the attendance database could not be opened;
    ``attendance_problem`` then says why. ``lessons_folder`` /
    ``procedures_folder`` default to the bundled content.
    """

    staff_pin: StaffPin
    tasks: TaskRunner
    quit_app: Callable[[], None]
    config_path: Path
    visits: VisitTracker | None = None
    attendance_problem: str = ""
    lessons_folder: Path | None = None
    procedures_folder: Path | None = None


@dataclass(frozen=True)
class Content:
    """The lessons and procedures as the kiosk loads them, with every problem found."""

    lessons: LessonLoad
    procedures: ProcedureLoad
    lessons_folder: Path

    def title(self, kind: str, item_id: str) -> str:
        """The plain title staff recognise for a recorded item id (the id if unknown)."""
        if kind == "lesson":
            lesson = self.lessons.get(item_id)
            return lesson.plain_title if lesson is not None else item_id
        if kind == "procedure":
            procedure = self.procedures.get(item_id)
            return procedure.plain_title if procedure is not None else item_id
        if kind == "practice":
            try:
                return plain_text(DRILL_TITLES[Drill(item_id)])
            except (ValueError, KeyError):
                return item_id
        return item_id

    def lesson_title(self, item_id: str) -> str:
        """The plain title of a lesson id (the id if it is not loaded)."""
        return self.title("lesson", item_id)


def load_content(lessons_folder: Path | None, procedures_folder: Path | None) -> Content:
    """Load lessons and procedures like the learner screens do (plain data; runs in a worker)."""
    return Content(
        lessons=load_lessons(lessons_folder),
        procedures=load_procedures(procedures_folder),
        lessons_folder=lessons_folder or lessons_dir(),
    )
