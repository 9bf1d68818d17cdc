"""The staff console behind the PIN: today, classes, data, the KPI chart, lesson problems, settings."""

from kiosk.ui.staff_console.console import TAB_KEYS, StaffConsoleScreen
from kiosk.ui.staff_console.services import StaffServices

__all__ = ["TAB_KEYS", "StaffConsoleScreen", "StaffServices"]
