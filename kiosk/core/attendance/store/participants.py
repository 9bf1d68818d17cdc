"""Participants: registering a card, the codes it may get, and finding one again."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from kiosk.core.attendance import choices
from kiosk.core.attendance.codes import (
    code_parts,
    is_valid_code,
    issuer_for,
    make_code,
    normalise_code,
)
from kiosk.core.attendance.consent import KNOWN_CONSENT_VERSIONS
from kiosk.core.attendance.models import Participant
from kiosk.core.attendance.store.base import StoreBase, clean_text
from kiosk.core.attendance.timeutil import iso

_PARTICIPANT_COLUMNS = (
    "code, age_band, area, consent_version, consented_at, registered_at, name, first_centre"
)


class ParticipantRecords(StoreBase):
    """Registering participants and looking them up."""

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
            name = clean_text(name, "name")
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
