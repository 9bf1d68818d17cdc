"""Visits: their start and end, the events recorded in them and the end-of-visit answers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from kiosk.core.activity import ACTIVITY_KINDS, ActivityKind
from kiosk.core.attendance import choices
from kiosk.core.attendance.codes import is_valid_code, normalise_code
from kiosk.core.attendance.errors import UnknownParticipantError, VisitNotFoundError
from kiosk.core.attendance.journal import JournalVisit
from kiosk.core.attendance.store.base import clean_item_id
from kiosk.core.attendance.store.classes import ClassRecords
from kiosk.core.attendance.timeutil import as_local, iso


class VisitRecords(ClassRecords):
    """Visits, their events and answers; a visit started during a class joins it."""

    def start_visit(self, participant_code: str | None, *, now: datetime | None = None) -> int:
        """Record a check-in (anonymous when ``participant_code`` is None) and return the visit id.

        The visit joins today's open class, if any, and remembers whether it is
        the participant's first visit. Raises ``UnknownParticipantError`` for a
        code that is mistyped or unknown here.
        """
        moment = as_local(now)
        code: str | None = None
        with self._write():
            first: int | None = None
            if participant_code is not None:
                code = normalise_code(participant_code)
                if (
                    not is_valid_code(code)
                    or self._one("SELECT 1 FROM participants WHERE code = ?", [code]) is None
                ):
                    raise UnknownParticipantError(
                        "このカードの番号が見つかりません。番号をたしかめてください。"
                    )
                earlier = self._one(
                    "SELECT 1 FROM visits WHERE participant_code = ? LIMIT 1", [code]
                )
                # A card issued elsewhere is never a first visit here.
                issued_here = self._one(
                    "SELECT first_centre IS NULL FROM participants WHERE code = ?", [code]
                )
                first = 1 if issued_here and not earlier else 0
            open_class = self._open_class_id(moment)
            table = self.db.table("visits")
            table.insert(
                {
                    "participant_code": code,
                    "centre_code": self.config.centre_code,
                    "kiosk_id": self.config.kiosk_id,
                    "started_at": iso(moment),
                    "first_visit": first,
                    "class_id": open_class,
                }
            )
            visit_id = table.last_pk
        assert isinstance(visit_id, int)
        return visit_id

    def import_journal_visit(self, visit: JournalVisit) -> bool:
        """Write a visit kept in the fallback journal; False if it was imported before.

        The visit and the mark of its ``record_id`` commit together, so importing the
        same journal again (after a crash before it was deleted) adds nothing.
        """
        mark = f"journal:{visit.record_id}"
        with self._write():
            if self._one("SELECT 1 FROM meta WHERE key = ?", [mark]) is not None:
                return False
            visit_id = visit.visit_id
            if (
                visit_id is None
                or self._one("SELECT 1 FROM visits WHERE id = ?", [visit_id]) is None
            ):
                started = datetime.fromisoformat(visit.started)
                try:
                    visit_id = self.start_visit(visit.participant_code, now=started)
                except UnknownParticipantError:
                    visit_id = self.start_visit(None, now=started)  # the card was purged
            for kind, item_id, detail, at in visit.events:
                if kind not in ACTIVITY_KINDS:
                    raise ValueError(f"unknown event kind {kind!r}")
                self.record_event(
                    visit_id,
                    kind,
                    item_id,
                    detail,
                    now=datetime.fromisoformat(at),
                )
            if visit.answers is not None:
                self.record_answers(visit_id, *visit.answers)
            if visit.ended is not None:
                self.end_visit(visit_id, now=datetime.fromisoformat(visit.ended))
            self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [mark, iso(None)])
        return True

    def _require_visit(self, visit_id: int) -> None:
        if self._one("SELECT 1 FROM visits WHERE id = ?", [visit_id]) is None:
            raise VisitNotFoundError(f"来館記録 {visit_id} が見つかりません。")

    def record_event(
        self,
        visit_id: int,
        kind: ActivityKind,
        item_id: str,
        detail: dict[str, Any] | None = None,
        *,
        now: datetime | None = None,
    ) -> int:
        """Attach a lesson, procedure or practice result to a visit; return the event id.

        ``detail`` is free JSON for the screen's own use; ``{"completed": False}``
        marks an attempt that should not count as a completion in the CSV.
        """
        if kind not in ACTIVITY_KINDS:
            raise ValueError(f"kind must be one of {ACTIVITY_KINDS}, not {kind!r}")
        item = clean_item_id(item_id)
        detail_json = None
        completed = 1
        if detail is not None:
            if not isinstance(detail, dict):
                raise TypeError("detail must be a dict")
            detail_json = json.dumps(detail, ensure_ascii=False, sort_keys=True)
            completed = 1 if detail.get("completed", True) else 0
        with self._write():
            self._require_visit(visit_id)
            table = self.db.table("events")
            table.insert(
                {
                    "visit_id": visit_id,
                    "kind": kind,
                    "item_id": item,
                    "completed": completed,
                    "detail": detail_json,
                    "recorded_at": iso(now),
                }
            )
            event_id = table.last_pk
        assert isinstance(event_id, int)
        return event_id

    def record_answers(
        self,
        visit_id: int,
        used_services: str | None,
        understood: str | None,
        *,
        now: datetime | None = None,
    ) -> None:
        """Store the end-of-visit answers (None = skipped); a later call replaces an earlier one."""
        if used_services is not None and used_services not in choices.USED_SERVICES_ANSWERS:
            raise ValueError(f"used_services must be one of {choices.USED_SERVICES_ANSWERS}")
        if understood is not None and understood not in choices.UNDERSTOOD_ANSWERS:
            raise ValueError(f"understood must be one of {choices.UNDERSTOOD_ANSWERS}")
        with self._write():
            cursor = self.db.execute(
                "UPDATE visits SET used_services = ?, understood = ?, answered_at = ? WHERE id = ?",
                [used_services, understood, iso(now), visit_id],
            )
            if cursor.rowcount == 0:
                raise VisitNotFoundError(f"来館記録 {visit_id} が見つかりません。")

    def end_visit(self, visit_id: int, *, now: datetime | None = None) -> bool:
        """Mark the visit ended; True if this call ended it, False if it had already ended."""
        with self._write():
            cursor = self.db.execute(
                "UPDATE visits SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                [iso(now), visit_id],
            )
            if cursor.rowcount == 0:
                self._require_visit(visit_id)
                return False
        return True

    def end_open_visits(self, *, now: datetime | None = None) -> int:
        """End every visit still open (at exit, or after a crash); return how many.

        A visit from an earlier day ends at its last recorded activity rather
        than now, so an overnight power cut does not make a 20-hour visit.
        """
        moment = as_local(now)
        stamp = iso(moment)
        today = moment.date().isoformat()
        with self._write():
            cursor = self.db.execute(
                """
                UPDATE visits SET ended_at = CASE
                    WHEN started_at >= :today THEN :now
                    ELSE max(
                        started_at,
                        coalesce(answered_at, started_at),
                        coalesce(
                            (SELECT max(recorded_at) FROM events WHERE visit_id = visits.id),
                            started_at
                        )
                    )
                END
                WHERE ended_at IS NULL
                """,
                {"today": today, "now": stamp},
            )
            return cursor.rowcount
