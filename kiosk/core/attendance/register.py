"""The city-wide participant register: what one kiosk knows about each card, and how kiosks agree.

Every kiosk writes ``participants_<centre>_<kiosk>.json`` into the folder it
syncs its CSV to. The file holds one entry per card the kiosk has seen: the
card's age band, area and consent version (empty until the kiosk learns them),
where and when the learner first came, how often they came *to this kiosk*,
and what they completed here. No names. Entries of different kiosks merge
deterministically: completions are united (earliest date kept), visits add
up, the earliest first visit wins, and the attributes come from the earliest
kiosk that knows them.

A participant purged at one kiosk is listed under ``deleted`` as a salted
hash of the code with the purge's cutoff date, so every kiosk removes what it
holds about that card from before the cutoff.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.activity import ACTIVITY_KINDS
from kiosk.core.attendance.codes import is_valid_code, normalise_code

FORMAT_VERSION = 1
FILE_PREFIX = "participants_"
_HASH_SALT = b"kiosk-card-register\x1f"

# kind -> item id -> when it was first completed (ISO date-time)
Done = Mapping[str, Mapping[str, str]]


def register_file_name(centre_code: str, kiosk_id: str) -> str:
    """``participants_<centre>_<kiosk>.json``, beside ``attendance_<centre>_<kiosk>.csv``."""
    return f"{FILE_PREFIX}{centre_code}_{kiosk_id}.json"


def code_hash(code: str) -> str:
    """The tombstone form of a code: enough to recognise it, not to print it on a card."""
    return hashlib.sha256(_HASH_SALT + normalise_code(code).encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Entry:
    """What one kiosk (or the merge of several) knows about one card."""

    code: str
    age_band: str = ""
    area: str = ""
    consent_version: str = ""
    first_centre: str = ""
    # ISO date-times of the first and the latest visit known.
    first_visit: str = ""
    last_visit: str = ""
    visits: int = 0
    done: Done = field(default_factory=dict)

    @property
    def known(self) -> bool:
        """True once the card's age band and area are known (they arrive with the register)."""
        return bool(self.age_band)

    def completed(self, kind: str) -> tuple[str, ...]:
        """The items of ``kind`` completed, in the order they were first completed."""
        items = self.done.get(kind, {})
        return tuple(sorted(items, key=lambda item: (items[item], item)))


@dataclass(frozen=True)
class Tombstone:
    """A purged card: its hash, and the cutoff date before which its records were deleted."""

    code_hash: str
    cutoff: str


def _earliest(entries: list[Entry]) -> list[Entry]:
    # Empty first visits sort last; equal ones fall back to the attributes for a stable order.
    return sorted(
        entries,
        key=lambda e: (
            e.first_visit == "",
            e.first_visit,
            e.first_centre,
            e.age_band,
            e.area,
            e.consent_version,
        ),
    )


def merge(entries: Iterable[Entry]) -> Entry:
    """One entry from several kiosks' entries for the same code; the order given does not matter."""
    ordered = _earliest(list(entries))
    if not ordered:
        raise ValueError("nothing to merge")
    code = ordered[0].code
    if any(e.code != code for e in ordered):
        raise ValueError("entries of different codes")
    informed = next((e for e in ordered if e.known), ordered[0])
    done: dict[str, dict[str, str]] = {}
    for entry in ordered:
        for kind, items in entry.done.items():
            target = done.setdefault(kind, {})
            for item, day in items.items():
                if item not in target or day < target[item]:
                    target[item] = day
    first = ordered[0]
    return Entry(
        code=code,
        age_band=informed.age_band,
        area=informed.area,
        consent_version=informed.consent_version,
        first_centre=first.first_centre,
        first_visit=first.first_visit,
        last_visit=max(e.last_visit for e in ordered),
        visits=sum(e.visits for e in ordered),
        done=done,
    )


def merge_all(groups: Iterable[Iterable[Entry]], tombstones: Iterable[Tombstone]) -> list[Entry]:
    """Merge the entries of several files by code, leaving out what tombstones deleted."""
    cutoffs = _cutoffs(tombstones)
    by_code: dict[str, list[Entry]] = {}
    for entries in groups:
        for entry in entries:
            cutoff = cutoffs.get(code_hash(entry.code))
            if cutoff is not None and entry.last_visit[:10] < cutoff:
                continue
            by_code.setdefault(entry.code, []).append(entry)
    return [merge(found) for _, found in sorted(by_code.items())]


def _cutoffs(tombstones: Iterable[Tombstone]) -> dict[str, str]:
    """Hash -> the latest cutoff any kiosk purged that card at."""
    result: dict[str, str] = {}
    for stone in tombstones:
        if stone.cutoff > result.get(stone.code_hash, ""):
            result[stone.code_hash] = stone.cutoff
    return result


# --- the file -------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFile:
    """One kiosk's register file."""

    centre_code: str
    kiosk_id: str
    entries: tuple[Entry, ...]
    tombstones: tuple[Tombstone, ...] = ()


def to_bytes(register: RegisterFile) -> bytes:
    """The file's JSON: stable key order, one entry per line, so unchanged data gives equal bytes."""
    lines = [
        "{",
        f'"format": {FORMAT_VERSION},',
        f'"centre": {json.dumps(register.centre_code)},',
        f'"kiosk": {json.dumps(register.kiosk_id)},',
        '"participants": [',
    ]
    rows = [
        json.dumps(_entry_json(e), ensure_ascii=False, sort_keys=True) for e in register.entries
    ]
    lines.append(",\n".join(rows))
    lines.append("],")
    stones = [{"hash": t.code_hash, "cutoff": t.cutoff} for t in register.tombstones]
    lines.append(f'"deleted": {json.dumps(stones, sort_keys=True)}')
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "code": entry.code,
        "age_band": entry.age_band,
        "area": entry.area,
        "consent_version": entry.consent_version,
        "first_centre": entry.first_centre,
        "first_visit": entry.first_visit,
        "last_visit": entry.last_visit,
        "visits": entry.visits,
        "done": {kind: dict(sorted(items.items())) for kind, items in entry.done.items() if items},
    }


class RegisterFormatError(ValueError):
    """A register file this kiosk cannot read (damaged, or from a newer kiosk)."""


def from_bytes(data: bytes) -> RegisterFile:
    """Parse a register file; raises ``RegisterFormatError`` for anything unexpected."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RegisterFormatError("not JSON") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_VERSION:
        raise RegisterFormatError("unknown register format")
    try:
        entries = tuple(_entry(item) for item in raw["participants"])
        stones = tuple(
            Tombstone(_text(item["hash"]), _text(item["cutoff"])) for item in raw["deleted"]
        )
        return RegisterFile(_text(raw["centre"]), _text(raw["kiosk"]), entries, stones)
    except (KeyError, TypeError, AttributeError) as exc:
        raise RegisterFormatError("missing or misshapen field") from exc


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _entry(item: Mapping[str, Any]) -> Entry:
    code = normalise_code(_text(item["code"]))
    if not is_valid_code(code):
        raise TypeError("not a card code")
    visits = item["visits"]
    if isinstance(visits, bool) or not isinstance(visits, int) or visits < 0:
        raise TypeError("visits must be a count")
    done: dict[str, dict[str, str]] = {}
    for kind, items in item["done"].items():
        if kind not in ACTIVITY_KINDS:
            continue
        done[kind] = {_text(k): _text(v) for k, v in items.items()}
    return Entry(
        code=code,
        age_band=_text(item["age_band"]),
        area=_text(item["area"]),
        consent_version=_text(item["consent_version"]),
        first_centre=_text(item["first_centre"]),
        first_visit=_text(item["first_visit"]),
        last_visit=_text(item["last_visit"]),
        visits=visits,
        done=done,
    )
