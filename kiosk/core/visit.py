"""What the person at the kiosk has done since they arrived; cleared when the kiosk resets."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class VisitProgress:
    """Completions in this visit, for done marks on screen. Holds nothing personal."""

    completed_lessons: set[str] = field(default_factory=set)
    completed_procedures: set[str] = field(default_factory=set)
    practice_done: set[str] = field(default_factory=set)

    def clear(self) -> None:
        self.completed_lessons.clear()
        self.completed_procedures.clear()
        self.practice_done.clear()
