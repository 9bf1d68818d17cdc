"""One go at a finger-practice drill: the steps it asks for, where the learner is, the result."""

from __future__ import annotations

import time
from collections.abc import Sequence
from enum import Enum
from typing import Generic, TypeVar

from kiosk.core.drills import Drill, DrillResult
from kiosk.core.runs.completion import Clock, Completion

StepT = TypeVar("StepT")


def monotonic_ms() -> float:
    """Milliseconds from a clock that never goes backwards."""
    return time.monotonic() * 1000.0


class Move(Enum):
    """Where a try left the learner."""

    STAY = "stay"
    """Not what was asked: the same step again."""
    NEXT = "next"
    """Done right: on to the next step."""
    DONE = "done"
    """Done right, and that was the last step."""


class DrillRun(Generic[StepT]):
    """One go at ``drill``: what it expects, step by step, and the tries, time and result.

    ``steps`` are what the drill asks for in order (a mark's size, a swipe's direction,
    an app to hold, a word to type); ``index`` is the step being practised and
    ``expected`` what it asks for now. ``answer`` counts a try and moves on when it did
    what was asked; ``restart`` begins another go. ``clock`` gives milliseconds, as every
    touch and gesture in the drills is timed.
    """

    def __init__(
        self, drill: Drill, steps: Sequence[StepT] = (), clock: Clock = monotonic_ms
    ) -> None:
        self.drill = drill
        self._clock = clock
        self.steps: tuple[StepT, ...] = tuple(steps)
        self.index = 0
        self.attempts = 0
        self.successes = 0
        self.result: DrillResult | None = None
        self._started_at = clock()

    @property
    def finished(self) -> bool:
        return self.result is not None

    @property
    def expected(self) -> StepT:
        """What the drill asks for now (``IndexError`` past the last step)."""
        return self.steps[self.index]

    def progress(self) -> str:
        """The step being practised out of all of them, like ``2 / 6``."""
        return f"{min(self.index + 1, len(self.steps))} / {len(self.steps)}"

    def restart(self, steps: Sequence[StepT] | None = None) -> None:
        """Begin another go from the first step (of ``steps``, when given)."""
        if steps is not None:
            self.steps = tuple(steps)
        self.index = 0
        self.attempts = 0
        self.successes = 0
        self.result = None
        self._started_at = self._clock()

    def elapsed_ms(self) -> float:
        """Milliseconds since this go began."""
        return self._clock() - self._started_at

    def count(self, ok: bool) -> None:
        """One try, and whether it did what was asked (the step stays as it is)."""
        self.attempts += 1
        if ok:
            self.successes += 1

    def advance(self, *, wrap: bool = False) -> Move:
        """On to the next step; after the last one ``DONE``, or (``wrap``) the first again."""
        self.index += 1
        if self.index < len(self.steps):
            return Move.NEXT
        if wrap and self.steps:
            self.index = 0
            return Move.NEXT
        return Move.DONE

    def answer(self, ok: bool) -> Move:
        """Count one try at the expected step, and move on when it did what was asked."""
        self.count(ok)
        return self.advance() if ok else Move.STAY

    def has_unfinished_work(self) -> bool:
        """Tries made and the drill not finished."""
        return self.attempts > 0 and not self.finished

    def finish(self) -> Completion:
        """End this go: ``result`` is kept, and the completion to record is returned."""
        result = DrillResult(
            self.drill,
            self.attempts,
            self.successes,
            round(max(0.0, self.elapsed_ms() / 1000.0), 1),
        )
        self.result = result
        return Completion(
            "practice",
            self.drill.value,
            {"attempts": result.attempts, "successes": result.successes, "seconds": result.seconds},
        )
