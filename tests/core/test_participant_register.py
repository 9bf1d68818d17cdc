"""The shared participant register: kiosks with their own databases and one shared folder."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore
from kiosk.core.attendance.codes import code_parts, issuer_for, make_code
from kiosk.core.attendance.csv_export import CsvSync
from kiosk.core.attendance.register import Entry, Tombstone, code_hash, merge, merge_all
from kiosk.core.attendance.register_sync import RegisterSync, adopt_participant, learner_entry
from kiosk.core.config import Config

AREAS = ("小倉北区", "戸畑区")


class Kiosk:
    """One kiosk: its own data folder and database, syncing into ``shared``."""

    def __init__(
        self, root: Path, shared: Path, centre: str, kiosk: str, **settings: object
    ) -> None:
        self.data_dir = root / f"{centre}-{kiosk}"
        self.config = Config(
            centre_code=centre, kiosk_id=kiosk, areas=AREAS, csv_folder=str(shared), **settings
        )
        self.store = AttendanceStore.open(self.data_dir / "kiosk.db", self.config)
        self.sync = CsvSync(self.store, self.config, self.data_dir, retry_delays=())

    def visit(self, code: str, *done: str, day: int = 1) -> int:
        """A visit on 2026-05-<day> completing the lessons ``done``."""
        participant = self.store.find_participant(code) or adopt_participant(
            self.store, code, now=jst(2026, 5, day)
        )
        assert participant is not None
        visit = self.store.start_visit(participant.code, now=jst(2026, 5, day))
        for minute, lesson in enumerate(done, start=1):
            self.store.record_event(visit, "lesson", lesson, now=jst(2026, 5, day, 10, minute))
        self.store.end_visit(visit, now=jst(2026, 5, day, 11))
        return visit


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def kiosks(tmp_path: Path, shared: Path) -> Iterator[list[Kiosk]]:
    made = [
        Kiosk(tmp_path, shared, "KOKURA01", "K1"),
        Kiosk(tmp_path, shared, "KOKURA01", "K2"),
        Kiosk(tmp_path, shared, "TOBATA", "K1"),
    ]
    yield made
    for kiosk in made:
        kiosk.store.close()


def test_a_card_from_kiosk_a_checks_in_at_b_offline_then_gets_its_details(
    kiosks: list[Kiosk], shared: Path
) -> None:
    a, b, _c = kiosks
    person = a.store.register_participant("70代", "戸畑区", CONSENT_VERSION, now=jst(2026, 5, 1))
    a.visit(person.code, "camera-photos", "maps", day=1)
    assert a.sync.sync().ok

    # Kiosk B has never read the register: the card still checks in, as a returning visitor.
    adopted = adopt_participant(b.store, person.code, now=jst(2026, 5, 8))
    assert adopted is not None
    assert not adopted.known
    visit = b.visit(person.code, "maps", "messaging", day=8)
    first = b.store.db.execute("SELECT first_visit FROM visits WHERE id = ?", [visit]).fetchone()
    assert first == (0,)

    assert b.sync.sync().ok
    known = b.store.find_participant(person.code)
    assert known is not None
    assert (known.age_band, known.area, known.first_centre) == ("70代", "戸畑区", "KOKURA01")
    entry = learner_entry(b.store, person.code)
    assert entry is not None
    assert entry.visits == 2
    assert entry.first_visit == person.registered_at
    assert entry.completed("lesson") == ("camera-photos", "maps", "messaging")
    # B's CSV now carries the age band and area of the card it did not issue.
    csv_text = (shared / "attendance_KOKURA01_K2.csv").read_text(encoding="utf-8-sig")
    assert f'"{person.code}","いいえ","70代","戸畑区"' in csv_text

    # A learns of the visit to B when it syncs next.
    assert a.sync.sync().ok
    seen_at_a = learner_entry(a.store, person.code)
    assert seen_at_a == entry


def test_three_kiosks_agree_whatever_order_they_sync_in(kiosks: list[Kiosk]) -> None:
    a, b, c = kiosks
    person = a.store.register_participant("60代", "小倉北区", CONSENT_VERSION, now=jst(2026, 5, 1))
    a.visit(person.code, "maps", day=1)
    b.visit(person.code, "camera-photos", day=3)
    c.visit(person.code, "maps", "messaging", day=2)
    for kiosk in (c, b, a, c, b):
        assert kiosk.sync.sync().ok
    views = [learner_entry(k.store, person.code) for k in kiosks]
    assert views[0] == views[1] == views[2]
    merged = views[0]
    assert merged is not None
    assert merged.visits == 3
    assert merged.age_band == "60代"
    assert merged.first_centre == "KOKURA01"
    # "maps" counts from its earliest completion (day 1 at A, before C's day 2).
    assert merged.done["lesson"]["maps"].startswith("2026-05-01")
    assert merged.completed("lesson") == ("maps", "messaging", "camera-photos")


def test_merge_is_the_same_in_any_order() -> None:
    code = make_code("2345", 12)
    entries = [
        Entry(code, first_centre="X", first_visit="2026-05-03", last_visit="2026-05-03", visits=1,
              done={"lesson": {"a": "2026-05-03"}}),
        Entry(code, "70代", "戸畑区", "v1", "Y", "2026-05-01", "2026-05-09", 4,
              {"lesson": {"a": "2026-05-05", "b": "2026-05-01"}, "procedure": {"p": "2026-05-02"}}),
        Entry(code, "", "", "", "", "", "2026-05-04", 2, {"practice": {"tap": "2026-05-04"}}),
    ]  # fmt: skip
    results = set()
    for seed in range(10):
        shuffled = entries[:]
        random.Random(seed).shuffle(shuffled)
        result = merge(shuffled)
        results.add(repr(result))
        assert result.visits == 7
        assert (result.age_band, result.first_centre, result.first_visit) == (
            "70代",
            "Y",
            "2026-05-01",
        )
        assert result.last_visit == "2026-05-09"
        assert result.done == {
            "lesson": {"a": "2026-05-03", "b": "2026-05-01"},
            "procedure": {"p": "2026-05-02"},
            "practice": {"tap": "2026-05-04"},
        }
    assert len(results) == 1


def test_a_purged_card_is_removed_at_every_kiosk_on_the_next_sync(kiosks: list[Kiosk]) -> None:
    a, b, _c = kiosks
    gone = a.store.register_participant("70代", "戸畑区", CONSENT_VERSION, now=jst(2023, 1, 5))
    stays = a.store.register_participant("60代", "戸畑区", CONSENT_VERSION, now=jst(2023, 1, 5))
    for code in (gone.code, stays.code):
        visit = a.store.start_visit(code, now=jst(2023, 1, 5))
        a.store.end_visit(visit, now=jst(2023, 1, 5, 11))
    a.visit(stays.code, day=2)
    assert a.sync.sync().ok
    b.visit(gone.code, "maps", day=1)
    assert b.sync.sync().ok
    # A keeps one month: everything from before 2026-05-02 goes, B's visit of May 1 too.
    assert a.store.purge_older_than(1, now=jst(2026, 6, 2)) == 2
    assert a.store.find_participant(gone.code) is None
    assert a.sync.sync().ok
    file_text = (a.sync.folder / "participants_KOKURA01_K1.json").read_text(encoding="utf-8")
    assert gone.code not in file_text
    assert code_hash(gone.code) in file_text
    assert b.sync.sync().ok
    assert b.store.find_participant(gone.code) is None
    assert learner_entry(b.store, gone.code) is None
    assert learner_entry(b.store, stays.code) is not None


def test_a_tombstone_does_not_remove_visits_after_its_cutoff() -> None:
    code = make_code("2345", 1)
    recent = Entry(code, "70代", "戸畑区", "v1", "X", "2026-01-01", "2026-06-02", 3)
    old = Entry(code, "70代", "戸畑区", "v1", "X", "2026-01-01", "2026-03-02", 1)
    stone = Tombstone(code_hash(code), "2026-06-01")
    assert merge_all([[recent], [old]], [stone]) == [merge([recent])]
    assert merge_all([[old]], [stone]) == []


def test_a_replaced_database_never_reissues_a_code_the_register_knows(
    tmp_path: Path, shared: Path
) -> None:
    first = Kiosk(tmp_path / "old", shared, "KOKURA01", "K1")
    issued = {
        first.store.register_participant("70代", "戸畑区", CONSENT_VERSION).code for _ in range(5)
    }
    assert first.sync.sync().ok
    first.store.close()
    (shared / "participants_KOKURA01_K1.json").rename(shared / "participants_KOKURA01_K1-old.json")
    again = Kiosk(tmp_path / "new", shared, "KOKURA01", "K1")
    assert again.sync.sync().ok
    fresh = again.store.register_participant("70代", "戸畑区", CONSENT_VERSION).code
    again.store.close()
    assert fresh not in issued
    parts = code_parts(fresh)
    assert parts == (issuer_for("KOKURA01", "K1"), 5)


def test_the_register_file_holds_no_names_and_damaged_files_are_skipped(
    tmp_path: Path, shared: Path
) -> None:
    a = Kiosk(tmp_path, shared, "KOKURA01", "K1", record_names=True)
    b = Kiosk(tmp_path, shared, "KOKURA01", "K2")
    person = a.store.register_participant("70代", "戸畑区", CONSENT_VERSION, name="山田花子")
    (shared / "participants_BROKEN_K9.json").write_text("{not json", encoding="utf-8")
    (shared / "participants_NEWER_K9.json").write_text(json.dumps({"format": 99}), encoding="utf-8")
    assert a.sync.sync().ok
    assert b.sync.sync().ok
    text = (shared / "participants_KOKURA01_K1.json").read_text(encoding="utf-8")
    assert "山田" not in text
    assert person.code in text
    entry = learner_entry(b.store, person.code)
    assert entry is not None
    assert entry.area == "戸畑区"
    a.store.close()
    b.store.close()


def test_an_unchanged_register_file_is_not_rewritten(kiosks: list[Kiosk], shared: Path) -> None:
    a = kiosks[0]
    a.store.register_participant("70代", "戸畑区", CONSENT_VERSION)
    assert a.sync.sync().ok
    path = shared / "participants_KOKURA01_K1.json"
    before = path.stat().st_mtime_ns
    path.touch()
    touched = path.stat().st_mtime_ns
    assert a.sync.sync().ok
    assert path.stat().st_mtime_ns == touched
    assert touched >= before


def test_the_report_counts_a_card_used_at_three_kiosks_once(
    kiosks: list[Kiosk], shared: Path
) -> None:
    from kiosk.core.attendance.report import build_report

    a, b, c = kiosks
    person = a.store.register_participant("60代", "戸畑区", CONSENT_VERSION, now=jst(2026, 5, 1))
    a.visit(person.code, "maps", day=1)
    # C sees the card before A has written the register.
    c.visit(person.code, day=2)
    assert c.sync.sync().ok
    for kiosk in (a, b, c):
        assert kiosk.sync.sync().ok
    b.visit(person.code, day=3)
    visit = c.visit(person.code, day=4)
    c.store.record_answers(visit, "はい", None, now=jst(2026, 5, 4, 10, 50))
    first = b.visit(person.code, day=5)
    b.store.record_answers(first, "いいえ", None, now=jst(2026, 5, 5, 10, 50))
    for kiosk in (a, b, c):
        assert kiosk.sync.sync().ok
    other = a.store.register_participant("70代", "小倉北区", CONSENT_VERSION, now=jst(2026, 5, 6))
    a.visit(other.code, day=6)
    assert a.sync.sync().ok

    for jobs in (1, 3):
        report = build_report([shared], jobs=jobs)
        assert report.visits == 6
        assert report.participants == 2
        assert report.first_time == 2
        # The latest answer (いいえ at KOKURA01-K2 on May 5) is the one that counts.
        assert (report.answered, report.used_yes) == (1, 0)
        by_centre = {row.key: row.participants for row in report.by_centre}
        assert by_centre == {"KOKURA01": 2, "TOBATA": 1}
        by_age = {row.key: row.participants for row in report.by_age_band}
        assert by_age == {"60代": 1, "70代": 1}
        by_month = {row.key: (row.participants, row.answered) for row in report.by_month}
        assert by_month == {"2026-05": (2, 1)}


def test_unchanged_files_are_not_read_again_and_only_changes_are_written(
    kiosks: list[Kiosk], shared: Path
) -> None:
    a, b, _c = kiosks
    person = a.store.register_participant("70代", "戸畑区", CONSENT_VERSION, now=jst(2026, 5, 1))
    a.visit(person.code, "maps", day=1)
    assert a.sync.sync().ok
    register = RegisterSync(b.store, shared)
    seen = register.read()
    assert [name for name, _, _ in seen] == ["participants_KOKURA01_K1.json"]
    before = b.store.db.conn.total_changes
    assert register.read(seen) == seen
    assert b.store.db.conn.total_changes == before
    # A's next visit changes its file: B reads it and rewrites that one card only.
    a.visit(person.code, "camera-photos", day=2)
    a.store.register_participant("60代", "戸畑区", CONSENT_VERSION, now=jst(2026, 5, 2))
    assert a.sync.sync().ok
    assert register.read(seen) != seen
    assert b.store.db.conn.total_changes - before == 2
    entry = learner_entry(b.store, person.code)
    assert entry is not None
    assert entry.completed("lesson") == ("maps", "camera-photos")
