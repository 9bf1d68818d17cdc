"""Keep the shared participant register: write this kiosk's file, read everyone else's.

The register lives in the folder the attendance CSV goes to. Writing and
reading are separate steps so that a kiosk whose folder is offline keeps
working from what it read last; cards it has never heard of check in as
returning visitors and get their details when the register arrives.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from kiosk.core.atomic import remove_stale_temp_files, write_atomic
from kiosk.core.attendance import register
from kiosk.core.attendance.codes import is_valid_code, normalise_code
from kiosk.core.attendance.models import Participant
from kiosk.core.attendance.register import Entry, RegisterFile, Tombstone
from kiosk.core.attendance.store import AttendanceStore
from kiosk.core.attendance.timeutil import iso

log = logging.getLogger(__name__)
# The other kiosks' register files as last read: (name, modification time in ns, size).
Signature = tuple[tuple[str, int, int], ...]
_REGISTER_COLUMNS = (
    "code, age_band, area, consent_version, first_centre, first_visit, last_visit, visits, done"
)

_LOCAL_QUERY = """
    SELECT p.code, p.age_band, p.area, p.consent_version, p.first_centre, p.registered_at,
           count(v.id), min(v.started_at), max(v.started_at)
    FROM participants p LEFT JOIN visits v ON v.participant_code = p.code
    {where}
    GROUP BY p.code ORDER BY p.code
"""
_DONE_QUERY = """
    SELECT v.participant_code, e.kind, e.item_id, min(e.recorded_at)
    FROM events e JOIN visits v ON v.id = e.visit_id
    WHERE e.completed = 1 AND v.participant_code IS NOT NULL {where}
    GROUP BY v.participant_code, e.kind, e.item_id
"""


def local_entries(store: AttendanceStore, code: str | None = None) -> list[Entry]:
    """What this kiosk itself knows: its participants, their visits here and completions here."""
    params: list[str] = [] if code is None else [code]
    done: dict[str, dict[str, dict[str, str]]] = {}
    rows = store.db.execute(
        _DONE_QUERY.format(where="" if code is None else "AND v.participant_code = ?"), params
    )
    for who, kind, item, moment in rows:
        done.setdefault(who, {}).setdefault(kind, {})[item] = moment
    centre = store.config.centre_code
    entries = []
    rows = store.db.execute(
        _LOCAL_QUERY.format(where="" if code is None else "WHERE p.code = ?"), params
    )
    for who, age, area, consent, first_centre, registered, visits, first, last in rows:
        issued_here = first_centre is None
        entries.append(
            Entry(
                code=who,
                age_band=age,
                area=area,
                consent_version=consent,
                first_centre=centre if issued_here else first_centre,
                first_visit=registered if issued_here or first is None else first,
                last_visit=last or registered,
                visits=int(visits),
                done=done.get(who, {}),
            )
        )
    return entries


def register_entry(store: AttendanceStore, code: str) -> Entry | None:
    """What the other kiosks' files said about ``code`` when they were last read."""
    row = store.db.execute(
        f"SELECT {_REGISTER_COLUMNS} FROM register WHERE code = ?", [code]
    ).fetchone()
    if row is None:
        return None
    code, age, area, consent, first_centre, first, last, visits, done = row
    return Entry(code, age, area, consent, first_centre, first, last, int(visits), json.loads(done))


def learner_entry(store: AttendanceStore, code: str) -> Entry | None:
    """Everything the city knows about a card: this kiosk's records merged with the register."""
    canonical = normalise_code(code)
    if not is_valid_code(canonical):
        return None
    found = [*local_entries(store, canonical)]
    remote = register_entry(store, canonical)
    if remote is not None:
        found.append(remote)
    return register.merge(found) if found else None


def all_entries(store: AttendanceStore) -> list[Entry]:
    """Every card known here or in the register, merged (for ``kiosk participants list``)."""
    groups: dict[str, list[Entry]] = {}
    for entry in local_entries(store):
        groups.setdefault(entry.code, []).append(entry)
    for row in store.db.execute("SELECT code FROM register"):
        remote = register_entry(store, row[0])
        if remote is not None:
            groups.setdefault(remote.code, []).append(remote)
    return [register.merge(found) for _, found in sorted(groups.items())]


def adopt_participant(
    store: AttendanceStore, code: str, *, now: datetime | None = None
) -> Participant | None:
    """Make a valid card issued at another kiosk known here, so that it can check in.

    Its details come from the register when this kiosk has read it; otherwise
    they stay empty until the register arrives. Returns None for an invalid code.
    """
    canonical = normalise_code(code)
    if not is_valid_code(canonical):
        return None
    stamp = iso(now)
    with store._write():
        exists = store.db.execute(
            "SELECT 1 FROM participants WHERE code = ?", [canonical]
        ).fetchone()
        if exists is None:
            remote = register_entry(store, canonical)
            first = remote.first_visit if remote and remote.first_visit else stamp
            store.db.table("participants").insert(
                {
                    "code": canonical,
                    "age_band": remote.age_band if remote else "",
                    "area": remote.area if remote else "",
                    "consent_version": remote.consent_version if remote else "",
                    "consented_at": first,
                    "registered_at": first,
                    "name": None,
                    "first_centre": remote.first_centre if remote else "",
                }
            )
    return store.find_participant(canonical)


def apply_register(
    store: AttendanceStore, entries: Iterable[Entry], tombstones: Iterable[Tombstone]
) -> None:
    """Replace the cached register with ``entries`` (the other kiosks' merged files).

    Cards issued elsewhere get their details filled in; serials seen in the
    register are never issued here; tombstoned cards lose what this kiosk
    holds about them from before the purge's cutoff.
    """
    stones = list(tombstones)
    rows = {e.code: _register_row(e) for e in entries}
    current = {
        row[0]: tuple(row) for row in store.db.execute(f"SELECT {_REGISTER_COLUMNS} FROM register")
    }
    # Only what changed is written, so the write lock is held briefly.
    changed = [row for code, row in rows.items() if current.get(code) != row]
    gone = [(code,) for code in current if code not in rows]
    with store._write():
        db = store.db
        db.conn.executemany("DELETE FROM register WHERE code = ?", gone)
        db.conn.executemany(
            f"INSERT OR REPLACE INTO register ({_REGISTER_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            changed,
        )
        # Cards issued elsewhere and seen here take their details from the register.
        db.conn.executemany(
            "UPDATE participants SET age_band = ?, area = ?, consent_version = ?, "
            "first_centre = ?, consented_at = min(consented_at, ?), "
            "registered_at = min(registered_at, ?) "
            "WHERE code = ? AND first_centre IS NOT NULL",
            [
                (age, area, consent, first_centre, first, first, code)
                for code, age, area, consent, first_centre, first, *_ in changed
                if age
            ],
        )
        store.note_codes_seen(str(row[0]) for row in changed)
        if stones:
            _bury(store, stones)


def _register_row(e: Entry) -> tuple[object, ...]:
    done = json.dumps(e.done, ensure_ascii=False, sort_keys=True)
    return (
        e.code,
        e.age_band,
        e.area,
        e.consent_version,
        e.first_centre,
        e.first_visit,
        e.last_visit,
        e.visits,
        done,
    )


def _bury(store: AttendanceStore, stones: list[Tombstone]) -> None:
    """Delete this kiosk's records of tombstoned cards from before each cutoff (inside a write)."""
    cutoffs = {s.code_hash: s.cutoff for s in sorted(stones, key=lambda s: s.cutoff)}
    db = store.db
    doomed = [
        (code, cutoffs[h])
        for (code,) in db.execute("SELECT code FROM participants")
        if (h := register.code_hash(code)) in cutoffs
    ]
    for code, cutoff in doomed:
        old_visits = "SELECT id FROM visits WHERE participant_code = ? AND started_at < ?"
        db.execute(f"DELETE FROM events WHERE visit_id IN ({old_visits})", [code, cutoff])
        db.execute(
            "DELETE FROM visits WHERE participant_code = ? AND started_at < ?", [code, cutoff]
        )
        db.execute(
            "DELETE FROM participants WHERE code = ? AND NOT EXISTS "
            "(SELECT 1 FROM visits WHERE participant_code = ?)",
            [code, code],
        )


class RegisterSync:
    """Writes ``participants_<centre>_<kiosk>.json`` and reads the other kiosks' files."""

    def __init__(self, store: AttendanceStore, folder: Path) -> None:
        self.store = store
        self.folder = folder
        config = store.config
        self.target = folder / register.register_file_name(config.centre_code, config.kiosk_id)

    def write(self) -> bool:
        """Write this kiosk's file if its content changed; True if it was written."""
        store = self.store
        stones = tuple(
            Tombstone(h, cutoff)
            for h, cutoff in store.db.execute(
                "SELECT code_hash, cutoff FROM tombstones ORDER BY code_hash"
            )
        )
        data = register.to_bytes(
            RegisterFile(
                store.config.centre_code,
                store.config.kiosk_id,
                tuple(local_entries(store)),
                stones,
            )
        )
        with contextlib.suppress(OSError):
            if self.target.read_bytes() == data:
                return False
        remove_stale_temp_files(self.target)
        write_atomic(self.target, data)
        return True

    def read(self, unless: Signature | None = None) -> Signature:
        """Read every other kiosk's file into the store; return what was read (names, times, sizes).

        Nothing is read when the files are exactly those described by
        ``unless`` (what the previous call returned). A damaged file or one
        from a newer kiosk is skipped (and logged, without its content); the
        others are still used.
        """
        found: list[tuple[Path, tuple[str, int, int]]] = []
        for path in sorted(self.folder.glob(f"{register.FILE_PREFIX}*.json")):
            if path.name == self.target.name:
                continue
            with contextlib.suppress(OSError):
                stat = path.stat()
                found.append((path, (path.name, stat.st_mtime_ns, stat.st_size)))
        signature = tuple(mark for _, mark in found)
        if signature == unless:
            return signature
        files: list[RegisterFile] = []
        for path, _ in found:
            try:
                files.append(register.from_bytes(path.read_bytes()))
            except (OSError, register.RegisterFormatError) as exc:
                log.warning("register file %s skipped: %s", path.name, exc)
        stones = [stone for one in files for stone in one.tombstones]
        merged = register.merge_all((one.entries for one in files), stones)
        apply_register(self.store, merged, stones)
        return signature
