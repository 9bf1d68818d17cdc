"""Classes (教室): starting and ending one, and who joined it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kiosk.core.attendance.errors import ClassNotFoundError
from kiosk.core.attendance.models import ClassInfo, ClassRoster, RosterEntry
from kiosk.core.attendance.store.base import StoreBase, clean_item_id, clean_text
from kiosk.core.attendance.timeutil import as_local, iso
from kiosk.core.excel_safe import input_problem


class ClassRecords(StoreBase):
    """The classes held at this kiosk."""

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
        clean_title = clean_text(title, "title")
        if input_problem(clean_title):
            raise ValueError("title must not start with = + - @ or ' (see docs/attendance.md)")
        clean_instructor = clean_text(instructor, "instructor")
        if isinstance(lessons, str):
            raise TypeError("lessons must be a list of lesson ids")
        clean_lessons = [clean_item_id(lesson) for lesson in lessons]
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
