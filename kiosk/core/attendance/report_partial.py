"""The counts of one part of the report (a file, an instance, a process) that add up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kiosk.core.attendance.report_cards import CardTally

MAX_PROBLEMS_KEPT = 200


@dataclass
class Partial:
    """Counts that add up across kiosks (all keys are raw UTF-8 bytes from the files)."""

    rows_read: int = 0
    duplicates: int = 0
    out_of_period: int = 0
    malformed: int = 0
    problems: list[str] = field(default_factory=list)
    visits_by_month: Counter[bytes] = field(default_factory=Counter)
    visits_by_centre: Counter[bytes] = field(default_factory=Counter)
    # (anonymous, self-study or class, answer of an anonymous visit else b"")
    visit_kinds: Counter[tuple[bool, bytes, bytes]] = field(default_factory=Counter)
    # (age band, area) of the participant, for registered visits
    visits_by_person: Counter[tuple[bytes, bytes]] = field(default_factory=Counter)
    # Cells as written (items joined by ';'), split when the report is finished.
    lessons: Counter[bytes] = field(default_factory=Counter)
    procedures: Counter[bytes] = field(default_factory=Counter)
    practice: Counter[bytes] = field(default_factory=Counter)
    # With the closing quote and line end still on (stripped in the report).
    understood: Counter[bytes] = field(default_factory=Counter)
    # Each instance's cards, counted once across instances by ``CardTally.count_into``.
    cards: CardTally = field(default_factory=CardTally)

    def add(self, other: Partial) -> None:
        """Add another kiosk's counts to these."""
        self.rows_read += other.rows_read
        self.duplicates += other.duplicates
        self.out_of_period += other.out_of_period
        self.malformed += other.malformed
        room = MAX_PROBLEMS_KEPT - len(self.problems)
        self.problems.extend(other.problems[: max(room, 0)])
        self.visits_by_month.update(other.visits_by_month)
        self.visits_by_centre.update(other.visits_by_centre)
        self.visit_kinds.update(other.visit_kinds)
        self.visits_by_person.update(other.visits_by_person)
        self.lessons.update(other.lessons)
        self.procedures.update(other.procedures)
        self.practice.update(other.practice)
        self.understood.update(other.understood)
        self.cards.absorb(other.cards)

    def problem(self, where: str, message: str) -> None:
        self.malformed += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(f"{where}: {message}")
