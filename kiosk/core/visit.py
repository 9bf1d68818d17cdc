"""What the person at the kiosk has done since they arrived; cleared when the kiosk resets."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.runs.completion import Completion


@dataclass
class VisitProgress:
    """Completions in this visit, for done marks on screen. Holds nothing personal."""

    completed_lessons: set[str] = field(default_factory=set)
    completed_procedures: set[str] = field(default_factory=set)
    practice_done: set[str] = field(default_factory=set)

    def add(self, completion: Completion) -> None:
        """Mark the finished lesson, rehearsal or drill as done for the rest of the visit."""
        done = {
            "lesson": self.completed_lessons,
            "procedure": self.completed_procedures,
            "practice": self.practice_done,
        }
        done[completion.kind].add(completion.item_id)

    def clear(self) -> None:
        self.completed_lessons.clear()
        self.completed_procedures.clear()
        self.practice_done.clear()
