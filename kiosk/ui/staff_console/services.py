"""What the staff console needs from the running kiosk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.pin import StaffPin


@dataclass
class StaffServices:
    """What only staff use, built by ``kiosk.app`` when staff enter the PIN; the console
    works with the kiosk's ``Services`` (attendance, tasks, the library) like every screen.
    """

    staff_pin: StaffPin
    quit_app: Callable[[], None]
    config_path: Path
