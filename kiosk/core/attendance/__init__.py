"""Attendance (うけつけ): participants, visits, classes, the CSV for staff and the KPI report.

The screens import from here; nothing in this package imports Qt.
"""

from kiosk.core.attendance.choices import (
    AGE_BAND_LABELS,
    AGE_BANDS,
    MODE_CLASS,
    MODE_SELF_STUDY,
    UNDERSTOOD_ANSWERS,
    UNDERSTOOD_QUESTION,
    USED_SERVICES_ANSWERS,
    USED_SERVICES_QUESTION,
)
from kiosk.core.attendance.codes import (
    CODE_ALPHABET,
    CODE_LENGTH,
    format_code,
    is_valid_code,
    normalise_code,
)
from kiosk.core.attendance.consent import CONSENT_VERSION, consent_text
from kiosk.core.attendance.csv_export import CsvSync, SyncResult, SyncStatus
from kiosk.core.attendance.errors import (
    AttendanceError,
    ClassNotFoundError,
    SchemaTooNewError,
    StoreLocationError,
    UnknownParticipantError,
    VisitNotFoundError,
)
from kiosk.core.attendance.models import (
    ClassInfo,
    ClassRoster,
    Participant,
    PurgeCounts,
    RosterEntry,
    TodaySummary,
)
from kiosk.core.attendance.store import DB_FILE_NAME, AttendanceStore

__all__ = [
    "AGE_BANDS",
    "AGE_BAND_LABELS",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "CONSENT_VERSION",
    "DB_FILE_NAME",
    "MODE_CLASS",
    "MODE_SELF_STUDY",
    "UNDERSTOOD_ANSWERS",
    "UNDERSTOOD_QUESTION",
    "USED_SERVICES_ANSWERS",
    "USED_SERVICES_QUESTION",
    "AttendanceError",
    "AttendanceStore",
    "ClassInfo",
    "ClassNotFoundError",
    "ClassRoster",
    "CsvSync",
    "Participant",
    "PurgeCounts",
    "RosterEntry",
    "SchemaTooNewError",
    "StoreLocationError",
    "SyncResult",
    "SyncStatus",
    "TodaySummary",
    "UnknownParticipantError",
    "VisitNotFoundError",
    "consent_text",
    "format_code",
    "is_valid_code",
    "normalise_code",
]
