"""Kiosks cloned from one disk image: found at sync, new instance id, earlier ids kept, staff told."""

from __future__ import annotations

import shutil
from pathlib import Path

from attendance_testing import jst

from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore, CsvSync
from kiosk.core.attendance.report import build_report
from kiosk.core.config import Config

AREAS = ("小倉北区", "戸畑区")


def config(kiosk_id: str, share: Path) -> Config:
    return Config(centre_code="KOKURA01", kiosk_id=kiosk_id, areas=AREAS, csv_folder=str(share))


def visits(store: AttendanceStore, count: int, day: int) -> None:
    person = store.register_participant("60代", "小倉北区", CONSENT_VERSION, now=jst(2026, 6, day))
    for n in range(count):
        visit = store.start_visit(person.code, now=jst(2026, 6, day, 10, n))
        store.record_answers(visit, "はい" if n % 2 else "いいえ", None)
        store.end_visit(visit, now=jst(2026, 6, day, 11, n))


def record_ids(path: Path) -> list[str]:
    lines = path.read_text("utf-8-sig").splitlines()[1:]
    return [line.split('","')[1] for line in lines]


def test_a_cloned_kiosk_takes_a_new_instance_id_and_keeps_its_earlier_record_ids(
    tmp_path: Path,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    image = tmp_path / "a" / "kiosk.db"
    with AttendanceStore.open(image, config("K1", share)) as store:
        visits(store, 2, 1)  # made while IT prepared the image
    shutil.copy(image, tmp_path / "b" / "kiosk.db")
    a = AttendanceStore.open(image, config("K1", share))
    b = AttendanceStore.open(tmp_path / "b" / "kiosk.db", config("K2", share))
    assert a.instance_id == b.instance_id
    shared = a.instance_id
    sync_a = CsvSync(a, a.config, tmp_path / "a")
    sync_b = CsvSync(b, b.config, tmp_path / "b")
    visits(a, 3, 2)
    visits(b, 4, 2)
    assert sync_a.sync().ok
    assert sync_a.status().clone_notice is None  # B has written nothing yet
    before = record_ids(share / "attendance_KOKURA01_K1.csv")

    assert sync_b.sync().ok
    notice = sync_b.status().clone_notice
    assert notice is not None
    assert "attendance_KOKURA01_K1.csv" in notice
    assert b.instance_id != shared
    b_ids = record_ids(share / "attendance_KOKURA01_K2.csv")
    # The image's visits and B's visits so far keep their ids; new visits use the new one.
    assert b_ids[:2] == before[:2]
    assert all(f"-{shared}-" in i for i in b_ids)
    visits(b, 1, 3)
    assert sync_b.sync().ok
    newest = record_ids(share / "attendance_KOKURA01_K2.csv")
    assert newest[:-1] == b_ids
    assert newest[-1] == f"KOKURA01-K2-{b.instance_id}-7"

    # B's newest row no longer uses the shared id: A keeps it, and nothing changes any more.
    assert sync_a.sync().ok
    assert sync_b.sync().ok
    assert (a.instance_id, sync_a.status().clone_notice) == (shared, None)
    assert record_ids(share / "attendance_KOKURA01_K1.csv") == before

    report = build_report([share])
    assert report.visits == 2 + 3 + 4 + 1
    assert report.duplicates == 2  # the image's two visits are in both files
    a.close()
    b.close()


def test_a_renamed_kiosk_and_its_own_dated_copies_are_not_clones(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    db = tmp_path / "kiosk.db"
    with AttendanceStore.open(db, config("K1", share)) as store:
        visits(store, 3, 1)
        instance = store.instance_id
        assert CsvSync(store, store.config, tmp_path).sync().ok
        shutil.copy(
            share / "attendance_KOKURA01_K1.csv", share / "attendance_KOKURA01_K1_20260601.csv"
        )
    # Staff renumber the kiosk: the old file stays in the folder.
    with AttendanceStore.open(db, config("K5", share)) as store:
        visits(store, 2, 2)
        sync = CsvSync(store, store.config, tmp_path)
        assert sync.sync().ok
        assert store.instance_id == instance
        assert sync.status().clone_notice is None
        store.purge_older_than(1, now=jst(2026, 8, 1))
        assert sync.sync().ok
        assert store.instance_id == instance
