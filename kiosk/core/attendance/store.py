"""The attendance store: participants, visits, events, answers and classes in one local SQLite file."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from sqlite_utils import Database

from kiosk.core.activity import ACTIVITY_KINDS, ActivityKind
from kiosk.core.attendance import choices
from kiosk.core.attendance.codes import (
    code_parts,
    is_valid_code,
    issuer_for,
    make_code,
    normalise_code,
)
from kiosk.core.attendance.consent import KNOWN_CONSENT_VERSIONS
from kiosk.core.attendance.errors import (
    ClassNotFoundError,
    DatabaseDamagedError,
    StoreLocationError,
    UnknownParticipantError,
    VisitNotFoundError,
)
from kiosk.core.attendance.journal import JournalVisit
from kiosk.core.attendance.location import is_network_path
from kiosk.core.attendance.models import (
    ClassInfo,
    ClassRoster,
    Participant,
    PurgeCounts,
    RosterEntry,
    TodaySummary,
)
from kiosk.core.attendance.register import code_hash
from kiosk.core.attendance.schema import connect, migrate
from kiosk.core.attendance.timeutil import as_local, iso, months_before
from kiosk.core.config import Config
from kiosk.core.excel_safe import input_problem
from kiosk.core.storage_errors import DAMAGED, classify, damaged_message, describe

log = logging.getLogger(__name__)

DB_FILE_NAME = "kiosk.db"
MAX_TEXT_LENGTH = 100
_PARTICIPANT_COLUMNS = (
    "code, age_band, area, consent_version, consented_at, registered_at, name, first_centre"
)


def _clean_text(value: str, what: str) -> str:
    """Trimmed, non-empty, single-line text of reasonable length (titles, names, item ids)."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string")
    text = value.strip()
    if not text or len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"{what} must be 1-{MAX_TEXT_LENGTH} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise ValueError(f"{what} must not contain control characters")
    return text


def _clean_item_id(value: str) -> str:
    item = _clean_text(value, "item_id")
    if ";" in item or '"' in item:
        # ';' separates items in the CSV cell.
        raise ValueError("item_id must not contain ';' or '\"'")
    return item


class AttendanceStore:
    """Everything うけつけ records. One store per thread; every write commits before returning."""

    def __init__(self, db: Database, db_path: Path, config: Config) -> None:
        self.db = db
        self.db_path = db_path
        self.config = config
        self._write_depth = 0

    # --- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, db_path: Path, config: Config) -> AttendanceStore:
        """Open (creating and upgrading as needed) the database at ``db_path``.

        Refuses a network share: SQLite's locking is unreliable there and a
        dropped connection can corrupt the file.
        """
        if is_network_path(db_path) or is_network_path(db_path.parent):
            raise StoreLocationError(
                f"データベース（{db_path}）がネットワーク上のフォルダにあります。"
                "記録が壊れるおそれがあるため、この PC のフォルダを使ってください。"
                "ネットワークのフォルダには CSV だけを保存できます。"
            )
        db_path.parent.mkdir(parents=True, exist_ok=True)
        if db_path.is_file() and db_path.stat().st_size == 0:
            # SQLite would quietly start a new database in it: a file emptied by a failing
            # disk must reach staff instead, untouched.
            raise DatabaseDamagedError(damaged_message(db_path, "空っぽ（0 バイト）です"))
        try:
            db = connect(db_path)
            try:
                migrate(db)
            except BaseException:
                db.close()
                raise
        except sqlite3.DatabaseError as exc:
            if classify(exc) == DAMAGED:
                raise DatabaseDamagedError(describe(exc, db_path)) from exc
            raise
        return cls(db, db_path, config)

    def close(self) -> None:
        """Close the connection (commits are already durable)."""
        self.db.close()

    def __enter__(self) -> AttendanceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so read-then-write steps
        # (first visit? open class?) cannot race another process.
        # A write inside another (a journal import) joins the outer transaction.
        conn = self.db.conn
        if self._write_depth:
            self._write_depth += 1
            try:
                yield
            finally:
                self._write_depth -= 1
            return
        conn.execute("BEGIN IMMEDIATE")
        self._write_depth = 1
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            self._write_depth = 0
        conn.execute("COMMIT")

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def instance_id(self) -> str:
        """Six hex digits unique to this database file; part of every CSV record id."""
        return str(self._one("SELECT value FROM meta WHERE key = 'instance_id'"))

    # --- participants --------------------------------------------------------------

    def register_participant(
        self,
        age_band: str,
        area: str,
        consent_version: str,
        name: str | None = None,
        *,
        now: datetime | None = None,
    ) -> Participant:
        """Register a first-time visitor who said はい to the consent text; return their new card code.

        ``name`` is refused unless the centre turned ``record_names`` on.
        """
        if age_band not in choices.AGE_BANDS:
            raise ValueError(f"unknown age band {age_band!r}")
        if area not in choices.area_choices(self.config.areas):
            raise ValueError(f"{area!r} is not one of the configured areas")
        if consent_version not in KNOWN_CONSENT_VERSIONS:
            raise ValueError(f"unknown consent version {consent_version!r}")
        if name is not None:
            if not self.config.record_names:
                raise ValueError("names are not recorded at this centre (record_names is off)")
            name = _clean_text(name, "name")
        stamp = iso(now)
        with self._write():
            code = self._next_code()
            self.db.table("participants").insert(
                {
                    "code": code,
                    "age_band": age_band,
                    "area": area,
                    "consent_version": consent_version,
                    "consented_at": stamp,
                    "registered_at": stamp,
                    "name": name,
                }
            )
        return Participant(code, age_band, area, consent_version, stamp, stamp, name)

    @property
    def issuer(self) -> str:
        """The issuer symbols this kiosk puts into the codes it hands out."""
        return issuer_for(self.config.centre_code, self.config.kiosk_id)

    def _next_code(self) -> str:
        """A code no card known here carries: this kiosk's next serial (call inside a write)."""
        serial = int(self._one("SELECT value FROM meta WHERE key = 'next_serial'") or 0)
        while True:
            code = make_code(self.issuer, serial)
            serial += 1
            if (
                self._one("SELECT 1 FROM participants WHERE code = ?", [code]) is None
                and self._one("SELECT 1 FROM register WHERE code = ?", [code]) is None
            ):
                break
        self._save_next_serial(serial)
        return code

    def _save_next_serial(self, serial: int) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES ('next_serial', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [str(serial)],
        )

    def note_codes_seen(self, codes: Iterable[str]) -> None:
        """Never issue a serial at or below one of ``codes`` from this issuer (call inside a write).

        A kiosk whose database was replaced, or another kiosk whose issuer
        symbols happen to be the same, learns this way which serials are taken.
        """
        serial = int(self._one("SELECT value FROM meta WHERE key = 'next_serial'") or 0)
        start = serial
        for code in codes:
            parts = code_parts(code)
            if parts is not None and parts[0] == self.issuer and parts[1] >= serial:
                serial = parts[1] + 1
        if serial != start:
            self._save_next_serial(serial)

    def find_participant(self, code: str) -> Participant | None:
        """The participant with this code (typed, scanned, any width or case), or None."""
        canonical = normalise_code(code)
        if not is_valid_code(canonical):
            return None
        row = self.db.execute(
            f"SELECT {_PARTICIPANT_COLUMNS} FROM participants WHERE code = ?", [canonical]
        ).fetchone()
        return None if row is None else Participant(*row)

    # --- visits --------------------------------------------------------------------

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
        item = _clean_item_id(item_id)
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

    # --- classes -------------------------------------------------------------------

    def _open_class_id(self, moment: datetime) -> int | None:
        # A class left open on an earlier day is ignored, not joined.
        value = self._one(
            "SELECT id FROM classes WHERE ended_at IS NULL AND started_at >= ? "
            "ORDER BY id DESC LIMIT 1",
            [moment.date().isoformat()],
        )
        return None if value is None else int(value)

    def start_class(
        self,
        title: str,
        instructor: str,
        lessons: Sequence[str],
        *,
        now: datetime | None = None,
    ) -> int:
        """Start a class (ending any class still open) and return its id; check-ins join it."""
        clean_title = _clean_text(title, "title")
        if input_problem(clean_title):
            raise ValueError("title must not start with = + - @ or ' (see docs/attendance.md)")
        clean_instructor = _clean_text(instructor, "instructor")
        if isinstance(lessons, str):
            raise TypeError("lessons must be a list of lesson ids")
        clean_lessons = [_clean_item_id(lesson) for lesson in lessons]
        stamp = iso(now)
        with self._write():
            self.db.execute("UPDATE classes SET ended_at = ? WHERE ended_at IS NULL", [stamp])
            table = self.db.table("classes")
            table.insert(
                {
                    "title": clean_title,
                    "instructor": clean_instructor,
                    "lessons": json.dumps(clean_lessons, ensure_ascii=False),
                    "centre_code": self.config.centre_code,
                    "kiosk_id": self.config.kiosk_id,
                    "started_at": stamp,
                    "ended_at": None,
                }
            )
            class_id = table.last_pk
        assert isinstance(class_id, int)
        return class_id

    def end_class(self, class_id: int, *, now: datetime | None = None) -> bool:
        """End the class; True if this call ended it, False if it had already ended."""
        with self._write():
            cursor = self.db.execute(
                "UPDATE classes SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                [iso(now), class_id],
            )
            if cursor.rowcount == 0:
                if self._one("SELECT 1 FROM classes WHERE id = ?", [class_id]) is None:
                    raise ClassNotFoundError(f"教室 {class_id} が見つかりません。")
                return False
        return True

    _CLASS_SELECT = (
        "SELECT c.id, c.title, c.instructor, c.lessons, c.started_at, c.ended_at, "
        "(SELECT count(*) FROM visits v WHERE v.class_id = c.id) FROM classes c"
    )

    @staticmethod
    def _class_info(row: Sequence[Any]) -> ClassInfo:
        lessons = tuple(str(x) for x in json.loads(row[3]))
        return ClassInfo(int(row[0]), row[1], row[2], lessons, row[4], row[5], int(row[6]))

    def open_class(self, *, now: datetime | None = None) -> ClassInfo | None:
        """Today's open class, or None (check-ins are then self-study)."""
        class_id = self._open_class_id(as_local(now))
        if class_id is None:
            return None
        row = self.db.execute(f"{self._CLASS_SELECT} WHERE c.id = ?", [class_id]).fetchone()
        return self._class_info(row)

    def class_roster(self, class_id: int) -> ClassRoster:
        """Who checked in to the class, in check-in order."""
        row = self.db.execute(f"{self._CLASS_SELECT} WHERE c.id = ?", [class_id]).fetchone()
        if row is None:
            raise ClassNotFoundError(f"教室 {class_id} が見つかりません。")
        entries = tuple(
            RosterEntry(
                visit_id=int(r[0]),
                participant_code=r[1],
                started_at=r[2],
                ended_at=r[3],
                first_visit=None if r[4] is None else bool(r[4]),
                age_band=r[5],
                area=r[6],
                name=r[7],
            )
            for r in self.db.execute(
                """
                SELECT v.id, v.participant_code, v.started_at, v.ended_at, v.first_visit,
                       p.age_band, p.area, p.name
                FROM visits v LEFT JOIN participants p ON p.code = v.participant_code
                WHERE v.class_id = ? ORDER BY v.id
                """,
                [class_id],
            )
        )
        return ClassRoster(self._class_info(row), entries)

    def past_classes(self, limit: int = 20) -> list[ClassInfo]:
        """The most recent classes first (the open one included), with their 出席 counts."""
        rows = self.db.execute(
            f"{self._CLASS_SELECT} ORDER BY c.started_at DESC, c.id DESC LIMIT ?", [limit]
        )
        return [self._class_info(r) for r in rows]

    # --- staff console ----------------------------------------------------------------

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

    # --- retention -------------------------------------------------------------------

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
