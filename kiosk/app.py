"""Wiring in one place: build the QApplication, services and window, and connect the signals."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.config import (
    CONFIG_FILE_NAME,
    Config,
    ConfigError,
    find_config_file,
    load_config,
)
from kiosk.core.library import Library
from kiosk.core.logs import setup_logging
from kiosk.core.paths import ensure_writable_dir, resolve_data_dir
from kiosk.core.pin import DEMO_PIN, StaffPin
from kiosk.speech.base import Speaker
from kiosk.speech.factory import create_speaker
from kiosk.ui.collector import collect_on_gui_thread
from kiosk.ui.home import HomeScreen
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.input_watch import InputWatch
from kiosk.ui.placeholder import ComingSoonScreen
from kiosk.ui.screen import Screen
from kiosk.ui.services import Attendance, AttendanceUnavailable, Services
from kiosk.ui.session import SessionDefaults, Sessions, VisitSession
from kiosk.ui.staff import PinPadScreen
from kiosk.ui.staff_corner import StaffCorner
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.theme import Theme, load_fonts
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.ui.staff_console import StaffServices
    from kiosk.ui.visits import VisitTracker

log = logging.getLogger(__name__)
# Opening the attendance database (sqlite-utils, migrations) waits until the home screen is
# up and the learner can look at it; a screen that needs it earlier opens it at once.
ATTENDANCE_DELAY_MS = 300


class Kiosk:
    """The running kiosk: services, window, idle watcher and staff entry, wired together."""

    def __init__(
        self,
        app: QApplication,
        config: Config,
        data_dir: Path,
        speaker: Speaker,
        *,
        demo: bool = False,
        idle_countdown_s: int = 30,
        config_path: Path | None = None,
    ) -> None:
        self.app = app
        # Before any thread starts: cycles holding widgets are only ever freed on this thread.
        collect_on_gui_thread(app)
        # Where the staff console saves settings (the file read at start, if any).
        self.config_path = config_path or data_dir / CONFIG_FILE_NAME
        self.fonts = load_fonts()
        self.theme = Theme(config.text_size)
        self.theme.apply()
        speaker.set_rate(config.speech_rate)
        self.sessions = Sessions(SessionDefaults(config.text_size, config.speech_enabled))
        self.window = KioskWindow(
            config, self.theme, speaker, self.sessions, countdown_s=idle_countdown_s
        )
        self.tasks = TaskRunner(app)
        self.attendance = Attendance(lambda: self._open_attendance(config, data_dir))
        self.services = Services(
            config=config,
            data_dir=data_dir,
            speaker=speaker,
            theme=self.theme,
            tasks=self.tasks,
            attendance=self.attendance,
            library=Library(),
            demo=demo,
        )
        self.services.library.start()  # read lessons and procedures while the window opens
        self.staff_pin = StaffPin(data_dir)
        if demo and not self.staff_pin.is_set():
            self.staff_pin.set_pin(DEMO_PIN)
        self._register_screens()
        # First start on a real kiosk: until staff choose the PIN, the PIN set-up is the only
        # screen (no way back from it), so the next person at the corner cannot choose it.
        home = (
            HomeScreen(*self._screen_parts())
            if self.staff_pin.is_set()
            else self._first_pin_screen()
        )
        self.window.replace_home(home)

        self.idle = IdleWatcher(config.idle_timeout_seconds * 1000, self.window)
        self.idle.idle.connect(self.window.ask_still_there)
        self.window.session_reset.connect(self.idle.mark_clean)

        # Every screen's activity counts; a reset or exit ends the visit and syncs the CSV.
        self.sessions.current.reported.connect(self._record_activity)
        self.sessions.replaced.connect(self._follow_session)
        self.window.session_reset.connect(self._end_visit)
        app.aboutToQuit.connect(self._shut_down_attendance)
        QTimer.singleShot(ATTENDANCE_DELAY_MS, lambda: self.attendance.available)

        self.staff_corner = StaffCorner(self.window, corner_px=self.theme.target_px)
        self.staff_corner.activated.connect(self.open_staff)
        # Input proves someone is there (idle) before the corner may swallow a release.
        watch = InputWatch([self.idle.eventFilter, self.staff_corner.eventFilter], self.window)
        app.installEventFilter(watch)

    def _screen_parts(self) -> tuple[Services, KioskWindow, Sessions]:
        """What every screen is built with: the services, the navigator and the sessions."""
        return self.services, self.window, self.sessions

    def _first_pin_screen(self) -> Screen:
        def chosen() -> None:
            log.info("staff PIN chosen at first start")
            self.window.replace_home(HomeScreen(*self._screen_parts()))

        return PinPadScreen(
            *self._screen_parts(),
            self.staff_pin,
            "set",
            chosen,
            title="はじめに、職員用の 暗証番号を 決めてください",
        )

    def _register_screens(self) -> None:
        # Screen modules are imported when first opened: start-up only pays for home.
        def lessons() -> Screen:
            from kiosk.ui.lessons import LessonListScreen

            return LessonListScreen(*self._screen_parts())

        def practice() -> Screen:
            from kiosk.ui.practice import FingerPracticeScreen

            return FingerPracticeScreen(*self._screen_parts())

        def procedures() -> Screen:
            from kiosk.ui.procedures import ProcedureListScreen

            return ProcedureListScreen(*self._screen_parts())

        screens: dict[str, Callable[[], Screen]] = {
            "lessons": lessons,
            "practice": practice,
            "procedures": procedures,
            "reception": self._reception_screen,
        }
        self.window.screens.update(screens)

    def _follow_session(self, session: VisitSession) -> None:
        session.reported.connect(self._record_activity)

    def _record_activity(self, kind: str, item_id: str, stage: str, detail: dict[str, Any]) -> None:
        if self.attendance.available:
            self.attendance.visits.record_activity(kind, item_id, stage, detail)

    def _end_visit(self) -> None:
        visits = self.attendance.opened()
        if visits is not None:
            visits.finish()

    def _shut_down_attendance(self) -> None:
        visits = self.attendance.opened()
        if visits is not None:
            visits.shutdown()

    def _open_attendance(self, config: Config, data_dir: Path) -> VisitTracker:
        """Open the attendance database; without it the kiosk still teaches, and staff are told
        (``AttendanceUnavailable`` says why)."""
        from kiosk.core.attendance.csv_export import CsvSync
        from kiosk.core.attendance.errors import AttendanceError
        from kiosk.core.attendance.journal import import_journals, journal_locations
        from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore
        from kiosk.core.storage_errors import describe
        from kiosk.ui.visits import VisitTracker

        journal = journal_locations(data_dir, config)
        try:
            store = AttendanceStore.open(data_dir / DB_FILE_NAME, config)
        except AttendanceError as exc:
            log.exception("attendance database unavailable")
            raise AttendanceUnavailable(f"来館記録の データベースを ひらけません: {exc}") from exc
        except (sqlite3.Error, OSError) as exc:
            log.exception("attendance database unavailable")
            message = f"来館記録の データベースを ひらけません: {describe(exc)}"
            raise AttendanceUnavailable(message) from exc
        try:
            # Visits the last run could not write (disk full) come first, with their own ends.
            recovered = import_journals(store, journal)
            closed = store.end_open_visits()  # visits left open by a crash or power cut
        except (sqlite3.Error, OSError):
            log.exception("could not finish the last run's visits yet; the journal is kept")
            recovered = closed = 0
        if recovered:
            log.warning("%d visit(s) recovered from the journal of the last run", recovered)
        if closed:
            log.info("closed %d visit(s) left open by the previous run", closed)
        return VisitTracker(store, CsvSync(store, config, data_dir), self.tasks, journal=journal)

    def _reception_screen(self) -> Screen:
        if not self.attendance.available:
            return ComingSoonScreen(*self._screen_parts(), "うけつけ")
        from kiosk.ui.reception.checkin import ReceptionScreen

        return ReceptionScreen(*self._screen_parts())

    # Staff ---------------------------------------------------------------
    def open_staff(self) -> None:
        """Show the PIN pad (or, with no PIN yet, ask staff to set one), then the staff menu."""
        if self.window.current_screen().screen_name.startswith("staff"):
            return
        mode = "check" if self.staff_pin.is_set() else "set"
        self.window.open(
            PinPadScreen(*self._screen_parts(), self.staff_pin, mode, self._show_staff_menu)
        )

    def _show_staff_menu(self) -> None:
        from kiosk.ui.staff_console import StaffConsoleScreen

        self.window.back()
        self.window.open(StaffConsoleScreen(*self._screen_parts(), self.staff_services()))

    def staff_services(self) -> StaffServices:
        """What only the staff console works with: the PIN, the settings file, exit."""
        from kiosk.ui.staff_console import StaffServices

        return StaffServices(
            staff_pin=self.staff_pin, quit_app=self.quit, config_path=self.config_path
        )

    def quit(self) -> None:
        """Close the kiosk (staff menu, or ``--exit-when-ready``)."""
        log.info("kiosk closing")
        self.window.allow_close()
        self.window.close()
        self.app.quit()

    # Errors --------------------------------------------------------------
    def handle_exception(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """Log an unexpected error and show the calm error page instead of dying."""
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        QTimer.singleShot(0, self.window.show_error)


class _FirstPaint(QObject):
    """Calls ``then`` right after the watched widget has been painted once."""

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self._then = then
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._then)
        return False


def run_kiosk(args: argparse.Namespace) -> int:
    """``kiosk run``: returns the process exit status."""
    # Every file the kiosk makes (database, logs, PIN, PDFs) is for this account only.
    previous_umask = os.umask(0o077) if os.name != "nt" else None
    try:
        return _run_kiosk(args)
    finally:
        if previous_umask is not None:
            os.umask(previous_umask)


def _run_kiosk(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir, demo=args.demo)
    try:
        ensure_writable_dir(data_dir)
    except OSError as exc:
        print(f"kiosk: cannot write to the data folder {data_dir}: {exc.strerror}", file=sys.stderr)
        return 1
    config_path = find_config_file(args.config, data_dir)
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        print(
            "kiosk: the settings file has a problem, so the kiosk did not start:", file=sys.stderr
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    setup_logging(data_dir)
    log.info("starting kiosk (demo=%s) with data in %s", args.demo, data_dir)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("DigitalSupportKiosk")
    speaker = create_speaker(config.speech_enabled, config.speech_rate)
    app.aboutToQuit.connect(speaker.shutdown)
    kiosk = Kiosk(app, config, data_dir, speaker, demo=args.demo, config_path=config_path)
    previous_hook = sys.excepthook
    sys.excepthook = kiosk.handle_exception
    try:
        if args.windowed:
            kiosk.window.resize(_windowed_size(app))
            kiosk.window.show()
        else:
            kiosk.window.showFullScreen()
        if args.exit_when_ready:
            watcher = _FirstPaint(kiosk.quit)
            kiosk.window.current_screen().installEventFilter(watcher)
        app.exec()
    finally:
        sys.excepthook = previous_hook
    return 0


def _windowed_size(app: QApplication) -> QSize:
    """1280x800, or less where the screen is smaller, so no part of the window is off-screen."""
    wanted = QSize(1280, 800)
    screen = app.primaryScreen()
    if screen is None:
        return wanted
    return wanted.boundedTo(screen.availableGeometry().size())
