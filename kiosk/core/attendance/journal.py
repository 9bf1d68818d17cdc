"""A fallback for visits the database could not take (disk full, folder gone): an append-only
journal written at exit, imported at the next start, so no attendance record is lost.

Each line is one visit as JSON with its own ``record_id``. The import writes a visit and
the mark that its record id was imported in one transaction, so a crash between the
import and the deletion of the journal never counts a visit twice.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.attendance.errors import AttendanceError
from kiosk.core.config import Config

if TYPE_CHECKING:
    from kiosk.core.attendance.store import AttendanceStore

log = logging.getLogger(__name__)

JOURNAL_FILE = "unsaved_visits.jsonl"
_MAX_JOURNAL_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class JournalVisit:
    """What is not in the database yet of one visit (times as ISO 8601 text).

    ``visit_id`` is set when the visit itself reached the database and only later
    writes (events, answers, the end) did not.
    """

    participant_code: str | None
    started: str
    visit_id: int | None = None
    events: tuple[tuple[str, str, dict[str, Any], str], ...] = ()
    answers: tuple[str | None, str | None] | None = None
    ended: str | None = None
    record_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalVisit:
        """Raises KeyError, TypeError or ValueError for a line that is not a journal visit."""
        events = tuple(
            (str(kind), str(item), dict(detail), str(at))
            for kind, item, detail, at in data["events"]
        )
        answers = data["answers"]
        return cls(
            participant_code=None
            if data["participant_code"] is None
            else str(data["participant_code"]),
            started=str(data["started"]),
            visit_id=None if data["visit_id"] is None else int(data["visit_id"]),
            events=events,
            answers=None if answers is None else (answers[0], answers[1]),
            ended=None if data["ended"] is None else str(data["ended"]),
            record_id=str(data["record_id"]),
        )


def journal_locations(data_dir: Path, config: Config) -> list[Path]:
    """Where a journal may be: the data folder, the CSV folder, the system's temporary folder.

    Tried in this order when writing, so that a full or vanished data folder still leaves
    a second place; all of them are read at the next start.
    """
    import hashlib  # only when attendance opens

    name = f"{JOURNAL_FILE[:-6]}_{config.centre_code}_{config.kiosk_id}.jsonl"
    # Two data folders (the demo one, tests) never share the temporary journal.
    folder_id = hashlib.sha256(str(data_dir).encode()).hexdigest()[:12]
    places = [
        data_dir / JOURNAL_FILE,
        config.csv_folder_path(data_dir) / f".{name}",
        Path(tempfile.gettempdir()) / "DigitalSupportKiosk" / f"{folder_id}_{name}",
    ]
    return list(dict.fromkeys(places))


def write_journal(visits: Sequence[JournalVisit], locations: Iterable[Path]) -> Path | None:
    """Append ``visits`` to the first location that takes them; None if none did."""
    if not visits:
        return None
    text = "".join(json.dumps(asdict(v), ensure_ascii=False) + "\n" for v in visits).encode()
    for path in locations:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("ab") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            log.exception("could not write the visit journal to %s", path)
            continue
        log.warning("%d unsaved visit(s) written to the journal %s", len(visits), path)
        return path
    log.error("%d visit(s) could not be saved anywhere", len(visits))
    return None


def read_journal(path: Path) -> list[JournalVisit]:
    """The visits in one journal file; damaged lines (a cut-off last line) are skipped."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the start
            log.warning("journal %s is not a regular file and was not read", path)
            return []
        with path.open("rb") as handle:
            raw = handle.read(_MAX_JOURNAL_BYTES)
    except FileNotFoundError:
        return []
    visits = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            visits.append(JournalVisit.from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("journal %s line %d is damaged and was skipped", path, number)
    return visits


def import_journals(store: AttendanceStore, locations: Iterable[Path]) -> int:
    """Write every journal's visits into ``store`` and delete the journals; return how many.

    A journal whose visits cannot all be written (the disk is still full) is kept for
    the next start; the visits already imported are skipped then.
    """
    imported = 0
    for path in locations:
        if not path.is_file():
            continue
        visits = read_journal(path)
        for visit in visits:
            try:
                if store.import_journal_visit(visit):
                    imported += 1
            except (ValueError, TypeError, AttendanceError, sqlite3.IntegrityError):
                # One impossible line must not keep the others, or the kiosk, from starting.
                log.exception("journal %s: visit %s could not be imported", path, visit.record_id)
        path.unlink(missing_ok=True)
        log.info("visit journal %s imported (%d visit(s))", path, len(visits))
    return imported
