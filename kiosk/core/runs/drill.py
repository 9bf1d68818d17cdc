"""One go at a finger-practice drill: tries, successes, time taken and the result."""

from __future__ import annotations

import time

from kiosk.core.drills import Drill, DrillResult
from kiosk.core.runs.completion import Clock, Completion


def monotonic_ms() -> float:
    """Milliseconds from a clock that never goes backwards."""
    return time.monotonic() * 1000.0


class DrillRun:
    """Counts the tries of one go at ``drill``; ``restart`` begins another go.

    ``clock`` gives milliseconds, as every touch and gesture in the drills is timed.
    """

    def __init__(self, drill: Drill, clock: Clock = monotonic_ms) -> None:
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

    def elapsed_ms(self) -> float:
        """Milliseconds since this go began."""
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
