"""What the staff console needs from the running kiosk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.pin import StaffPin
from kiosk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from kiosk.ui.visits import VisitTracker


@dataclass
class StaffServices:
    """Built by ``kiosk.app`` when staff enter the PIN.

    ``visits`` is None when the attendance database could not be opened;
    ``attendance_problem`` then says why.
    """

    staff_pin: StaffPin
    tasks: TaskRunner
    quit_app: Callable[[], None]
    config_path: Path
    visits: VisitTracker | None = None
    attendance_problem: str = ""
