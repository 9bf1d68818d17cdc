"""Plain, immutable records the attendance store hands to the screens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Participant:
    """A registered learner, known only by the code on their card (a name only if staff enabled it)."""

    code: str
    age_band: str
    area: str
    consent_version: str
    consented_at: str
    registered_at: str
    name: str | None = None
    # None for a card issued at this kiosk; else the centre that issued it ("" until known).
    first_centre: str | None = None

    @property
    def known(self) -> bool:
        """False for a card from another kiosk whose details have not arrived yet."""
        return bool(self.age_band)


@dataclass(frozen=True)
class ClassInfo:
    """A class run by an instructor; check-ins join it while it is open."""

    id: int
    title: str
    instructor: str
    lessons: tuple[str, ...]
    started_at: str
    ended_at: str | None
    attendance: int

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class RosterEntry:
    """One check-in to a class (``participant_code`` is None for an anonymous visitor)."""

    visit_id: int
    participant_code: str | None
    started_at: str
    ended_at: str | None
    first_visit: bool | None
    age_band: str | None
    area: str | None
    name: str | None = None


@dataclass(frozen=True)
class ClassRoster:
    """Who came to a class; ``attendance`` is the 出席 count."""

    class_info: ClassInfo
    entries: tuple[RosterEntry, ...]

    @property
    def attendance(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class TodaySummary:
    """Today's figures for the staff console."""

    day: str
    visits: int
    first_time: int
    anonymous: int
    participants: int
    in_class: int
    open_now: int
    answered: int
    used_services_yes: int
    # Visits that completed at least one item of each kind ("lesson", "procedure", "practice").
    by_activity: dict[str, int] = field(default_factory=dict)
    # (kind, item_id, completions), most completed first.
    by_item: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class PurgeCounts:
    """What a purge removes: everything that started before ``cutoff``."""

    cutoff: date
    visits: int
    events: int
    participants: int
    classes: int
