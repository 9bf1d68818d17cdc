"""One place where every screen reports what the learner did, for attendance to record."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

KINDS = ("lesson", "procedure", "practice")
STAGES = ("started", "step", "completed")


class ActivityLog(QObject):
    """Screens call ``report``; the attendance wiring listens to ``reported``.

    ``reported(kind, item_id, stage, detail)``: kind is lesson / procedure /
    practice, stage is started / step / completed, detail a small dict of
    plain values (step number, attempts, seconds...). Never anything personal.
    """

    reported = Signal(str, str, str, dict)

    def report(
        self, kind: str, item_id: str, stage: str, detail: dict[str, object] | None = None
    ) -> None:
        if kind not in KINDS or stage not in STAGES:
            raise ValueError(f"unknown activity {kind!r}/{stage!r}")
        self.reported.emit(kind, item_id, stage, dict(detail or {}))
