"""One place where every screen reports what the learner did, for attendance to record."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.runs.completion import Completion
from kiosk.core.visit import VisitProgress

KINDS = ("lesson", "procedure", "practice")
STAGES = ("started", "step", "completed")


class ActivityLog(QObject):
    """Screens call ``report``; the attendance wiring listens to ``reported``.

    ``reported(kind, item_id, stage, detail)``: kind is lesson / procedure /
    practice, stage is started / step / completed, detail a small dict of
    plain values (step number, attempts, seconds...). Never anything personal.
    Completions go through ``record_completion``, never straight to ``report``.
    """

    reported = Signal(str, str, str, dict)

    def report(
        self, kind: str, item_id: str, stage: str, detail: dict[str, object] | None = None
    ) -> None:
        if kind not in KINDS or stage not in STAGES:
            raise ValueError(f"unknown activity {kind!r}/{stage!r}")
        self.reported.emit(kind, item_id, stage, dict(detail or {}))


def record_completion(
    progress: VisitProgress, activity: ActivityLog, completion: Completion
) -> None:
    """The one way a finished lesson, rehearsal or drill is recorded: its done mark for
    this visit first (screens listening to the log see it), then the attendance event."""
    progress.add(completion)
    activity.report(completion.kind, completion.item_id, "completed", dict(completion.detail))
