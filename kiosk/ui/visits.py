"""Records the current visit: check-in, activities, answers, the end, and the CSV sync after it.

Every write goes to SQLite at once. If a write fails (disk full, database
locked by a backup program...) the visit is kept in memory and written again
by a retry timer, so no attendance record is lost while the kiosk runs.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.attendance.csv_export import CsvSync, SyncResult
from kiosk.core.attendance.errors import AttendanceError
from kiosk.core.attendance.journal import JournalVisit, write_journal
from kiosk.core.attendance.models import Participant
from kiosk.core.attendance.register import Entry
from kiosk.core.attendance.register_sync import adopt_participant, learner_entry
from kiosk.core.attendance.store import AttendanceStore
from kiosk.core.attendance.timeutil import as_local
from kiosk.core.storage_errors import describe
from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
RETRY_MS = 30_000
SYNC_RETRY_MS = 5 * 60_000  # a failed CSV sync (folder gone, file open in Excel) is tried again
_STORE_ERRORS = (sqlite3.Error, OSError)


@dataclass
class _VisitDraft:
    """A visit as the learner lived it; the ``*_written`` marks say what is safely on disk."""

    participant: Participant | None
    started: datetime
    visit_id: int | None = None
    events: list[tuple[str, str, dict[str, Any], datetime]] = field(default_factory=list)
    events_written: int = 0
    answers: tuple[str | None, str | None] | None = None
    answers_written: bool = False
    ended: datetime | None = None
    ended_written: bool = False

    @property
    def fully_written(self) -> bool:
        return (
            self.visit_id is not None
            and self.events_written == len(self.events)
            and (self.answers is None or self.answers_written)
            and (self.ended is None or self.ended_written)
        )


class VisitTracker(QObject):
    """The one object screens use to record attendance.

    ``problem_changed(str)`` carries a plain Japanese message for staff ("" when
    all is well); ``sync_finished(SyncResult)`` follows every background sync.
    """

    problem_changed = Signal(str)
    sync_finished = Signal(object)
    visit_changed = Signal()

    def __init__(
        self,
        store: AttendanceStore,
        csv_sync: CsvSync,
        tasks: TaskRunner,
        parent: QObject | None = None,
        *,
        journal: Sequence[Path] = (),
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        """Where visits still unsaved at exit go (see ``kiosk.core.attendance.journal``)."""
        self.store = store
        self.csv_sync = csv_sync
        self.tasks = tasks
        self._current: _VisitDraft | None = None
        self._unsaved: list[_VisitDraft] = []
        self.problem = ""
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self._sync_retry = QTimer(self)
        self._sync_retry.setSingleShot(True)
        self._sync_retry.setInterval(SYNC_RETRY_MS)
        self._sync_retry.timeout.connect(self.sync_now)

    # Questions screens ask ----------------------------------------------
    @property
    def participant(self) -> Participant | None:
        return self._current.participant if self._current else None

    def has_visit(self) -> bool:
        return self._current is not None

    def find_participant(self, code: str) -> Participant | None:
        """The card with this code, or None for a mistyped one.

        A valid card this kiosk has not seen (issued at another kiosk) is taken
        in: its details come from the register now or with the next sync, which
        starts at once. Raises AttendanceError/sqlite3.Error if the database is
        unreadable.
        """
        participant = self.store.find_participant(code) or adopt_participant(self.store, code)
        if participant is not None and not participant.known:
            self.sync_now()
        return participant

    def learner(self, code: str) -> Entry | None:
        """What this kiosk and the register know about a card (None if nothing, or unreadable)."""
        try:
            return learner_entry(self.store, code)
        except _STORE_ERRORS:
            log.exception("could not read a learner's progress")
            return None

    # Recording -------------------------------------------------------------
    def check_in(self, participant: Participant | None) -> None:
        """Start a visit for ``participant`` (None: anonymous), ending any visit still open."""
        self.finish()
        self._current = _VisitDraft(participant, as_local(None))
        self._unsaved.append(self._current)
        self.flush()
        self.visit_changed.emit()

    def register(self, age_band: str, area: str, consent_version: str) -> Participant:
        """Issue a new card code (first-time visitor) and start their visit."""
        participant = self.store.register_participant(age_band, area, consent_version)
        self.check_in(participant)
        return participant

    def record_activity(self, kind: str, item_id: str, stage: str, detail: dict[str, Any]) -> None:
        """Listen to the activity log: using any part of the kiosk counts as a visit."""
        if self._current is None:
            self.check_in(None)
        if stage == "completed":
            assert self._current is not None
            self._current.events.append((kind, item_id, detail, as_local(None)))
            self.flush()

    def answer(self, used_services: str | None, understood: str | None) -> None:
        """The end-of-visit answers (None = skipped)."""
        if self._current is None:
            return
        self._current.answers = (used_services, understood)
        self._current.answers_written = False
        self.flush()

    def finish(self) -> None:
        """End the current visit (おわる, idle reset, exit) and sync the CSV in the background."""
        draft, self._current = self._current, None
        if draft is None:
            return
        draft.ended = as_local(None)
        self.flush()
        self.visit_changed.emit()
        self.sync_now()

    # Writing -----------------------------------------------------------------
    def flush(self) -> None:
        """Write whatever is not on disk yet; keep it in memory if the database refuses."""
        for draft in list(self._unsaved):
            try:
                self._write(draft)
            except _STORE_ERRORS as exc:
                log.exception("could not record the visit yet; will retry")
                self._set_problem(
                    f"来館の記録を 書きこめませんでした。{describe(exc, self.store.db_path)}"
                    "記録は 失われていません。自動で やりなおします。"
                )
                self._retry.start()
                return
            if draft.fully_written and draft is not self._current:
                self._unsaved.remove(draft)
        self._retry.stop()
        self._set_problem("")

    def _write(self, draft: _VisitDraft) -> None:
        store = self.store
        if draft.visit_id is None:
            code = draft.participant.code if draft.participant else None
            try:
                draft.visit_id = store.start_visit(code, now=draft.started)
            except AttendanceError:
                # The card vanished from the database (purged meanwhile): still count the visit.
                log.warning("participant %s not found; recording an anonymous visit", code)
                draft.participant = None
                draft.visit_id = store.start_visit(None, now=draft.started)
        while draft.events_written < len(draft.events):
            kind, item_id, detail, moment = draft.events[draft.events_written]
            store.record_event(draft.visit_id, kind, item_id, detail, now=moment)  # type: ignore[arg-type]
            draft.events_written += 1
        if draft.answers is not None and not draft.answers_written:
            store.record_answers(draft.visit_id, *draft.answers)
            draft.answers_written = True
        if draft.ended is not None and not draft.ended_written:
            store.end_visit(draft.visit_id, now=draft.ended)
            draft.ended_written = True

    def unsaved_count(self) -> int:
        return sum(1 for d in self._unsaved if not d.fully_written)

    # CSV -----------------------------------------------------------------------
    def sync_now(self) -> None:
        """Write the staff CSV in the background; the result arrives as ``sync_finished``."""
        sync = self.csv_sync
        self.tasks.run(sync.sync, self._on_synced, self._on_sync_error)

    def _on_synced(self, result: SyncResult) -> None:
        if result.ok:
            self._sync_retry.stop()
        else:
            # Retried by itself even if nobody else visits today; staff see the error meanwhile.
            log.warning("CSV sync failed: %s", result.message)
            self._sync_retry.start()
        self.sync_finished.emit(result)

    def _on_sync_error(self, error: BaseException) -> None:
        log.error("CSV sync crashed: %s", error)
        self._sync_retry.start()

    def _set_problem(self, message: str) -> None:
        if message != self.problem:
            self.problem = message
            self.problem_changed.emit(message)

    def shutdown(self) -> None:
        """At exit: end the visit, write everything, wait for the last sync.

        Visits the database still refuses go to the fallback journal, which the next
        start imports.
        """
        self.finish()
        self.tasks.wait()
        # Nothing is tried again after this: what is left goes to the journal.
        self._retry.stop()
        self._sync_retry.stop()
        unsaved = [draft for draft in self._unsaved if not draft.fully_written]
        if unsaved and write_journal([_journal_visit(d) for d in unsaved], self.journal):
            for draft in unsaved:
                self._unsaved.remove(draft)


def _journal_visit(draft: _VisitDraft) -> JournalVisit:
    """What of ``draft`` is not in the database yet."""
    return JournalVisit(
        participant_code=draft.participant.code if draft.participant else None,
        started=draft.started.isoformat(),
        visit_id=draft.visit_id,
        events=tuple(
            (kind, item_id, detail, moment.isoformat())
            for kind, item_id, detail, moment in draft.events[draft.events_written :]
        ),
        answers=None if draft.answers_written else draft.answers,
        ended=draft.ended.isoformat() if draft.ended and not draft.ended_written else None,
    )
