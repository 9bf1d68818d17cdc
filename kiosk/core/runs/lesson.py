"""One lesson taken: its pages (steps and questions), the place, the answers and the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kiosk.core.lessons import Check, Lesson, Step
from kiosk.core.runs.completion import DEFAULT_CLOCK, Clock, Completion

PageKind = Literal["step", "check"]
Page = tuple[PageKind, int]
"""("step", i) or ("check", i): what a page shows, with the index of its step."""


def lesson_pages(lesson: Lesson) -> list[Page]:
    """Every step, each followed by its question page when it has one."""
    pages: list[Page] = []
    for index, step in enumerate(lesson.steps):
        pages.append(("step", index))
        if step.check is not None:
            pages.append(("check", index))
    return pages


@dataclass
class CheckState:
    """What the learner has tried on one question; kept when they page back and forth."""

    tried: set[int] = field(default_factory=set)
    solved: bool = False

    def choose(self, check: Check, number: int) -> bool | None:
        """Try choice ``number`` (from 1): True when right, False when not, None when it
        cannot be chosen (the question is solved, or that choice was already tried)."""
        if self.solved or number in self.tried:
            return None
        if check.is_right(number):
            self.solved = True
            return True
        self.tried.add(number)
        return False

    def has_answer(self) -> bool:
        """True once a choice was tried, so there is feedback to show."""
        return self.solved or bool(self.tried)


class LessonRun:
    """One pass through ``lesson`` from its first page, started when made."""

    def __init__(self, lesson: Lesson, clock: Clock = DEFAULT_CLOCK) -> None:
        self.lesson = lesson
        self.pages = lesson_pages(lesson)
        self.index = 0
        self.checks: dict[int, CheckState] = {}
        self.mistakes = 0
        self.completed = False
        self._clock = clock
        self._started_at = clock()

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    @property
    def step(self) -> Step:
        """The step of the current page (a question page belongs to its step)."""
        return self.lesson.steps[self.page[1]]

    def check_state(self, step_index: int) -> CheckState:
        """What was tried on the question of step ``step_index``."""
        return self.checks.setdefault(step_index, CheckState())

    def can_go_next(self) -> bool:
        """On from a step at once; on from a question once it is answered right."""
        if self.completed:
            return False
        kind, step_index = self.page
        state = self.checks.get(step_index)
        return kind == "step" or (state is not None and state.solved)

    def is_last_page(self) -> bool:
        return self.index + 1 >= len(self.pages)

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            raise IndexError(f"page {index} of a lesson with {len(self.pages)} pages")
        self.index = index

    def answer(self, number: int) -> bool | None:
        """The learner picked choice ``number`` on the question shown now.

        True when right, False when not (one mistake more), None when the pick counts for
        nothing (not a question page, already solved, or that choice tried before).
        """
        kind, step_index = self.page
        check = self.step.check
        if kind != "check" or check is None:
            return None
        right = self.check_state(step_index).choose(check, number)
        if right is False:
            self.mistakes += 1
        return right

    def has_unfinished_work(self) -> bool:
        """Past the first page, or a question tried, and not finished: the place would be lost."""
        tried = any(state.has_answer() for state in self.checks.values())
        return not self.completed and (self.index > 0 or tried)

    def finish(self) -> Completion | None:
        """End the lesson; the completion to record, or None when it was already recorded."""
        if self.completed:
            return None
        self.completed = True
        return Completion(
            "lesson",
            self.lesson.id,
            {
                "steps": len(self.lesson.steps),
                "mistakes": self.mistakes,
                "seconds": round(self._clock() - self._started_at),
            },
        )
