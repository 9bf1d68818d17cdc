"""What the staff console asks of the database: today's figures and the retention purge."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import ClassVar

from kiosk.core.activity import ACTIVITY_KINDS
from kiosk.core.attendance.models import PurgeCounts, TodaySummary
from kiosk.core.attendance.register import code_hash
from kiosk.core.attendance.store.base import StoreBase
from kiosk.core.attendance.timeutil import as_local, iso, months_before

log = logging.getLogger(__name__)


class StaffRecords(StoreBase):
    """Today's summary, and deleting visits older than the retention period."""

    def today_summary(self, now: datetime | None = None) -> TodaySummary:
        """Visits, first-timers and activities of the day ``now`` falls on (kiosk-local)."""
        day = as_local(now).date()
        bounds = {"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()}
        row = self.db.execute(
            """
            SELECT count(*),
                   coalesce(sum(first_visit = 1), 0),
                   coalesce(sum(participant_code IS NULL), 0),
                   count(DISTINCT participant_code),
                   coalesce(sum(class_id IS NOT NULL), 0),
                   coalesce(sum(ended_at IS NULL), 0),
                   coalesce(sum(used_services IS NOT NULL), 0),
                   coalesce(sum(used_services = 'はい'), 0)
            FROM visits WHERE started_at >= :start AND started_at < :end
            """,
            bounds,
        ).fetchone()
        by_activity: dict[str, int] = dict.fromkeys(ACTIVITY_KINDS, 0)
        for kind, count in self.db.execute(
            """
            SELECT e.kind, count(DISTINCT e.visit_id)
            FROM events e JOIN visits v ON v.id = e.visit_id
            WHERE v.started_at >= :start AND v.started_at < :end AND e.completed = 1
            GROUP BY e.kind
            """,
            bounds,
        ):
            by_activity[kind] = int(count)
        by_item = tuple(
            (str(kind), str(item), int(count))
            for kind, item, count in self.db.execute(
                """
                SELECT e.kind, e.item_id, count(DISTINCT e.visit_id) AS n
                FROM events e JOIN visits v ON v.id = e.visit_id
                WHERE v.started_at >= :start AND v.started_at < :end AND e.completed = 1
                GROUP BY e.kind, e.item_id ORDER BY n DESC, e.kind, e.item_id
                """,
                bounds,
            )
        )
        return TodaySummary(
            day=day.isoformat(),
            visits=int(row[0]),
            first_time=int(row[1]),
            anonymous=int(row[2]),
            participants=int(row[3]),
            in_class=int(row[4]),
            open_now=int(row[5]),
            answered=int(row[6]),
            used_services_yes=int(row[7]),
            by_activity=by_activity,
            by_item=by_item,
        )

    _PURGE_WHERE: ClassVar[dict[str, str]] = {
        "visits": "started_at < :cutoff",
        "events": "visit_id IN (SELECT id FROM visits WHERE started_at < :cutoff)",
        # Registered before the cutoff and no visit on or after it.
        "participants": (
            "registered_at < :cutoff AND NOT EXISTS (SELECT 1 FROM visits "
            "WHERE visits.participant_code = participants.code AND visits.started_at >= :cutoff)"
        ),
        "classes": (
            "started_at < :cutoff AND NOT EXISTS (SELECT 1 FROM visits "
            "WHERE visits.class_id = classes.id AND visits.started_at >= :cutoff)"
        ),
    }

    @staticmethod
    def _cutoff(months: int, now: datetime | None) -> str:
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 1200:
            raise ValueError("months must be a whole number from 1 to 1200")
        return months_before(as_local(now).date(), months).isoformat()

    def count_older_than(self, months: int, now: datetime | None = None) -> PurgeCounts:
        """What ``purge_older_than`` would delete (for the confirmation dialog); changes nothing."""
        params = {"cutoff": self._cutoff(months, now)}
        counts = {
            table: int(self._one(f"SELECT count(*) FROM {table} WHERE {where}", params))
            for table, where in self._PURGE_WHERE.items()
        }
        return PurgeCounts(
            cutoff=datetime.fromisoformat(params["cutoff"]).date(),
            visits=counts["visits"],
            events=counts["events"],
            participants=counts["participants"],
            classes=counts["classes"],
        )

    def purge_older_than(self, months: int, now: datetime | None = None) -> int:
        """Delete visits (with their events) that started more than ``months`` months ago.

        Participants and classes left without any newer visit go too. Returns
        the number of visits deleted. Deleted data is overwritten on disk.
        """
        params = {"cutoff": self._cutoff(months, now)}
        where = self._PURGE_WHERE
        with self._write():
            self.db.execute(f"DELETE FROM events WHERE {where['events']}", params)
            # Classes and participants are judged while the old visits still
            # exist, then the visits go, then the rows nothing points to.
            doomed_classes = [
                r[0]
                for r in self.db.execute(f"SELECT id FROM classes WHERE {where['classes']}", params)
            ]
            doomed_people = [
                r[0]
                for r in self.db.execute(
                    f"SELECT code FROM participants WHERE {where['participants']}", params
                )
            ]
            deleted = self.db.execute(
                f"DELETE FROM visits WHERE {where['visits']}", params
            ).rowcount
            conn = self.db.conn
            conn.executemany("DELETE FROM classes WHERE id = ?", [(c,) for c in doomed_classes])
            conn.executemany(
                "DELETE FROM participants WHERE code = ?", [(c,) for c in doomed_people]
            )
            # The other kiosks delete these cards too when they next read the register.
            conn.executemany(
                "INSERT OR REPLACE INTO tombstones (code_hash, cutoff, deleted_at) VALUES (?, ?, ?)",
                [(code_hash(c), params["cutoff"], iso(now)) for c in doomed_people],
            )
            conn.executemany("DELETE FROM register WHERE code = ?", [(c,) for c in doomed_people])
        # Push the deleted pages out of the WAL file as well.
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("purged %d visits older than %s", deleted, params["cutoff"])
        return int(deleted)
