"""The attendance store: participants, visits, events, answers and classes in one local SQLite file.

``AttendanceStore`` is put together from one class per kind of record, each in its
own module on top of ``base.StoreBase`` (the connection and its transactions).
"""

from __future__ import annotations

from kiosk.core.attendance.store.base import DB_FILE_NAME, MAX_TEXT_LENGTH
from kiosk.core.attendance.store.participants import ParticipantRecords
from kiosk.core.attendance.store.staff import StaffRecords
from kiosk.core.attendance.store.visits import VisitRecords

__all__ = ["DB_FILE_NAME", "MAX_TEXT_LENGTH", "AttendanceStore"]


class AttendanceStore(ParticipantRecords, VisitRecords, StaffRecords):
    """Everything うけつけ records. One store per thread; every write commits before returning."""
