"""Screens outside a whole kiosk: a window with services whose attendance is unavailable."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from kiosk.core.config import Config
from kiosk.core.library import Library
from kiosk.ui.services import Attendance, AttendanceUnavailable, Services
from kiosk.ui.session import Sessions
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.theme import Theme
from kiosk.ui.visits import VisitTracker
from kiosk.ui.window import KioskWindow

NO_DATABASE = "この テストには 来館記録の データベースが ありません。"


class ScreenParts(NamedTuple):
    """What a screen is built with (``Screen(*parts)``)."""

    services: Services
    nav: KioskWindow
    sessions: Sessions


def _no_database() -> VisitTracker:
    raise AttendanceUnavailable(NO_DATABASE)


def screen_parts(window: KioskWindow, config: Config, data_dir: Path, theme: Theme) -> ScreenParts:
    """Services for screens shown in ``window``; attendance is unavailable (``NO_DATABASE``)."""
    services = Services(
        config=config,
        data_dir=data_dir,
        speaker=window.speaker,
        theme=theme,
        tasks=TaskRunner(window),
        attendance=Attendance(_no_database),
        library=Library(),
    )
    return ScreenParts(services, window, window.sessions)
