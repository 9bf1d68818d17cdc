"""Nothing recorded may be lost: a writer killed with SIGKILL at random moments loses no committed visit."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.attendance import AttendanceStore
from kiosk.core.config import Config

WRITER = """
import sys
from pathlib import Path
from kiosk.core.attendance import AttendanceStore
from kiosk.core.config import Config
store = AttendanceStore.open(Path(sys.argv[1]), Config())

def report(line):
    # One write per line: with PYTHONUNBUFFERED, print() writes each piece separately
    # and a kill between them would leave half a line.
    sys.stdout.write(line + "\\n")
    sys.stdout.flush()

report("ready")
while True:
    visit = store.start_visit(None)
    report(f"started {visit}")  # only after the commit returned
    store.record_event(visit, "lesson", "camera")
    store.record_answers(visit, "はい", None)
    store.end_visit(visit)
    report(f"ended {visit}")
"""

KILLS = 24


@pytest.mark.slow
def test_every_visit_reported_as_committed_survives_sigkill(data_dir: Path) -> None:
    db_path = data_dir / "kiosk.db"
    rng = random.Random(11)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    started: set[int] = set()
    ended: set[int] = set()
    for _ in range(KILLS):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True, env=env
        ) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
            # Let the loop finish one visit first, so that a slow, busy machine still
            # kills it mid-loop and not mid-start-up.
            lines = [writer.stdout.readline().strip() for _ in range(2)]
            # A random moment in the write loop; sleeping is the point of this test.
            time.sleep(rng.uniform(0.0, 0.08))
            writer.send_signal(signal.SIGKILL)
            assert writer.wait() == -signal.SIGKILL
            for line in lines + writer.stdout.read().splitlines():
                what, _, number = line.partition(" ")
                (started if what == "started" else ended).add(int(number))
    assert len(ended) >= KILLS  # the loop really ran between kills

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = dict(conn.execute("SELECT id, ended_at IS NOT NULL FROM visits").fetchall())
    conn.close()
    assert started <= rows.keys()
    assert all(rows[visit] for visit in ended)
    # The store opens again and carries on numbering after the survivors.
    with AttendanceStore.open(db_path, Config()) as store:
        assert store.start_visit(None) > max(rows)
        assert store.end_open_visits() >= 1
