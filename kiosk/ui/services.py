"""What screens use besides navigation and the visitor's session: the kiosk's services.

``Services`` is built once in ``kiosk.app``: the settings, the speaker, background tasks,
the content library and attendance. Every service is always there: one that cannot
work says so, with a reason staff can act on, instead of being missing.
The speaker tells with ``is_available`` and ``problem`` (no Japanese voice on the
PC, for one); attendance with ``Attendance.available`` and ``Attendance.problem`` (a
database on a disk that has gone, for one). Each problem is Japanese for staff; the
log has the English cause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.config import Config
from kiosk.core.library import Library
from kiosk.speech.base import Speaker
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.theme import Theme

if TYPE_CHECKING:
    from kiosk.ui.visits import VisitTracker


class AttendanceUnavailable(Exception):
    """The attendance database cannot be used; the message says why, for staff."""


class Attendance:
    """The attendance records, opened on first use.

    ``open_visits`` opens the database and returns its ``VisitTracker``, or raises
    ``AttendanceUnavailable``: attendance then stays unavailable, with that reason.
    """

    def __init__(self, open_visits: Callable[[], VisitTracker]) -> None:
        self._open_visits = open_visits
        self._tried = False
        self._visits: VisitTracker | None = None
        self._problem = ""

    def _open(self) -> None:
        if not self._tried:
            self._tried = True
            try:
                self._visits = self._open_visits()
            except AttendanceUnavailable as exc:
                self._problem = str(exc)

    @property
    def available(self) -> bool:
        """True when visits can be recorded (opens the database if nothing did yet)."""
        self._open()
        return self._visits is not None

    @property
    def problem(self) -> str:
        """Why attendance is unavailable ("" while it works)."""
        self._open()
        return self._problem

    @property
    def visits(self) -> VisitTracker:
        """The visit records; ask ``available`` first."""
        self._open()
        if self._visits is None:
            raise AttendanceUnavailable(self._problem)
        return self._visits

    def opened(self) -> VisitTracker | None:
        """The visit records if something opened them already; never opens the database."""
        return self._visits

    def visit_open(self) -> bool:
        """True while someone's visit is open; never opens the database just to ask."""
        return self._visits is not None and self._visits.has_visit()


@dataclass(frozen=True)
class Services:
    """The kiosk's services, shared by every screen and the staff console."""

    config: Config
    data_dir: Path
    speaker: Speaker
    theme: Theme
    tasks: TaskRunner
    attendance: Attendance
    #: The lessons and procedures, read once (``kiosk.app`` starts it in the background).
    library: Library
    demo: bool = False
