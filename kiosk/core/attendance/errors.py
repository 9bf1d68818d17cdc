"""Errors of the attendance layer; their text is plain Japanese that staff can act on."""

from __future__ import annotations


class AttendanceError(Exception):
    """Base class: ``str(error)`` is a message that can be shown to staff as it is."""


class StoreLocationError(AttendanceError):
    """The database would be on a network share, where SQLite can lose data."""


class SchemaTooNewError(AttendanceError):
    """The database was written by a newer version of the kiosk."""


class UnknownParticipantError(AttendanceError, LookupError):
    """A code that is mistyped or was not issued by this kiosk."""


class VisitNotFoundError(AttendanceError, LookupError):
    """No visit with that id (it may have been purged)."""


class ClassNotFoundError(AttendanceError, LookupError):
    """No class with that id."""


class DatabaseDamagedError(AttendanceError):
    """The database file is damaged (empty, truncated, not a database); it is left as it is."""
