"""One go at a finger-practice drill: tries, successes, time taken and the result."""

from __future__ import annotations

from kiosk.core.drills import Drill, DrillResult
from kiosk.core.runs.completion import DEFAULT_CLOCK, Clock, Completion


class DrillRun:
    """Counts the tries of one go at ``drill``; ``restart`` begins another go."""

    def __init__(self, drill: Drill, clock: Clock = DEFAULT_CLOCK) -> None:
        self.drill = drill
        self._clock = clock
        self.attempts = 0
        self.successes = 0
        self.result: DrillResult | None = None
        self._started_at = clock()

    @property
    def finished(self) -> bool:
        return self.result is not None

    def restart(self) -> None:
        self.attempts = 0
        self.successes = 0
        self.result = None
        self._started_at = self._clock()

    def elapsed(self) -> float:
        """Seconds since this go began."""
        return self._clock() - self._started_at

    def count(self, ok: bool) -> None:
        """One try, and whether it did what was asked."""
        self.attempts += 1
        if ok:
            self.successes += 1

    def has_unfinished_work(self) -> bool:
        """Tries made and the drill not finished."""
        return self.attempts > 0 and not self.finished

    def finish(self) -> Completion:
        """End this go: ``result`` is kept, and the completion to record is returned."""
        result = DrillResult(
            self.drill, self.attempts, self.successes, round(max(0.0, self.elapsed()), 1)
        )
        self.result = result
        return Completion(
            "practice",
            self.drill.value,
            {"attempts": result.attempts, "successes": result.successes, "seconds": result.seconds},
        )
