"""``kiosk warehouse-sql`` against a real, throwaway PostgreSQL server (Debian's ``postgresql``).

The server runs from a temporary folder (initdb, pg_ctl) as a normal user
(``runuser`` to ``nobody`` when the tests run as root, since PostgreSQL refuses
root). The test is skipped only when the PostgreSQL programs are not installed;
scripts/setup.sh installs them for ``scripts/test.sh`` and ``.ci/run``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from attendance_testing import jst

from kiosk.cli import main
from kiosk.core.attendance import AttendanceStore
from kiosk.core.attendance.csv_export import export_to_file
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.config import Config

pytestmark = pytest.mark.slow


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return versions[-1].parent if versions else None


class Postgres:
    def __init__(self, bin_dir: Path, root: Path, port: int, user: str | None) -> None:
        self.bin_dir = bin_dir
        self.root = root
        self.port = port
        self.user = user

    def run_as_owner(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def psql(self, sql_file: Path, stdin: Path | None = None) -> str:
        command = [
            str(self.bin_dir / "psql"),
            "-h",
            str(self.root),
            "-p",
            str(self.port),
            "-U",
            "kiosk",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-X",
            "-q",
            "-A",
            "-t",
            "-f",
            str(sql_file),
        ]
        with (stdin or Path(os.devnull)).open("rb") as handle:
            done = subprocess.run(command, stdin=handle, capture_output=True, timeout=120)
        if done.returncode != 0:
            raise AssertionError(done.stderr.decode())
        return done.stdout.decode()


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    bin_dir = _pg_bin()
    if bin_dir is None or not (bin_dir / "initdb").exists() or not (bin_dir / "psql").exists():
        pytest.skip("PostgreSQL is not installed (Debian package postgresql: scripts/setup.sh)")
    user = "nobody" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    if user:
        shutil.chown(root, user)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Postgres(bin_dir, root, port, user)
    data = root / "data"
    try:
        server.run_as_owner(
            "initdb", "-D", str(data), "-U", "kiosk", "--auth=trust", "-E", "UTF8", "--no-sync"
        )
        options = f"-k {root} -p {port} -c listen_addresses='' -c fsync=off"
        server.run_as_owner(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"
        )
        yield server
    finally:
        if (data / "postmaster.pid").exists():
            server.run_as_owner("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def sql_part(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    assert main(["warehouse-sql", *args]) == 0
    name = "-".join(a.strip("-") for a in args)
    out = tmp_path / f"{name}.sql"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    return out


def kiosk_files(tmp_path: Path) -> tuple[Path, list[Path]]:
    """Three kiosks; one file also as an older copy with unfinished visits, one with an apostrophe."""
    share = tmp_path / "share"
    share.mkdir()
    files = []
    for n, centre in enumerate(("A01", "B02", "C03")):
        config = Config(centre_code=centre, kiosk_id="K1", areas=("小倉北区", "戸畑区"))
        db = tmp_path / f"{centre}.db"
        with AttendanceStore.open(db, config) as store:
            generate_demo_data(store, 300 + 40 * n, seed=n, end=jst(2026, 5, 31))
            if n == 0:
                # Typed before areas were checked at input: exported as ''=1+1.
                with store.db.conn:
                    store.db.execute("UPDATE participants SET area = '''=1+1'")
            # Two visits still going on when the first copy is written.
            open_ids = [store.start_visit(None, now=jst(2026, 6, 1, 10 + h)) for h in range(2)]
            early = share / f"attendance_{centre}_K1_20260601.csv"
            export_to_file(db, early)
            files.append(early)
            for visit in open_ids[:1]:
                store.record_answers(visit, "はい", "すこし")
                store.end_visit(visit, now=jst(2026, 6, 1, 12))
            generate_demo_data(store, 50, seed=10 + n, end=jst(2026, 6, 30))
        final = share / f"attendance_{centre}_K1.csv"
        export_to_file(db, final)
        files.append(final)
    return share, files


HEADLINE = (
    "visits",
    "anonymous_visits",
    "class_visits",
    "participants",
    "first_time",
    "answered",
    "used_yes",
    "rate",
    "target",
    "anonymous_answered",
    "anonymous_yes",
)


def report_headline(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    main(["report", "--format", "json", *args])
    data = json.loads(capsys.readouterr().out)
    usage = data["usage"]
    flat = {**data, **usage}
    return {key: flat[key] for key in HEADLINE}


def kpi(server: Postgres, query: Path) -> dict[str, object]:
    values = server.psql(query).strip().split("|")
    assert len(values) == len(HEADLINE)
    result: dict[str, object] = {}
    for key, value in zip(HEADLINE, values, strict=True):
        result[key] = float(value) if key in ("rate", "target") else int(value)
    return result


def test_the_kpi_query_gives_the_reports_figures_and_the_load_is_idempotent(
    postgres: Postgres, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = sql_part(tmp_path, capsys, "--part", "tables")
    load = sql_part(tmp_path, capsys, "--part", "load")
    query = sql_part(tmp_path, capsys, "--part", "kpi")
    may = sql_part(tmp_path, capsys, "--part", "kpi", "--from", "2026-05", "--to", "2026-05")
    share, files = kiosk_files(tmp_path)
    postgres.psql(tables)
    postgres.psql(tables)  # safe to run again
    # Newest copies first: the older, unfinished copies loaded later must not win.
    for path in reversed(files):
        postgres.psql(load, stdin=path)
    expected = report_headline(capsys, str(share))
    got = kpi(postgres, query)
    assert got == pytest.approx(expected)
    assert expected["visits"] == 3 * 2 + 300 + 340 + 380 + 150
    assert report_headline(capsys, "--from", "2026-05", "--to", "2026-05", str(share)) == (
        pytest.approx(kpi(postgres, may))
    )

    table = tmp_path / "table.sql"
    table.write_text("SELECT * FROM kiosk_visits ORDER BY record_id;\n", encoding="utf-8")
    before = postgres.psql(table)
    for path in files:
        postgres.psql(load, stdin=path)
    assert postgres.psql(table) == before
    check = tmp_path / "check.sql"
    check.write_text(
        "SELECT count(*) FILTER (WHERE area = '''=1+1'),"
        " count(*) FILTER (WHERE area LIKE '''''%'),"
        " count(*) FILTER (WHERE lessons = '' OR ended_at IS NULL AND used_services = ''),"
        " count(*) FILTER (WHERE ended_at IS NULL)"
        " FROM kiosk_visits;\n",
        encoding="utf-8",
    )
    typed, doubled, empty, unfinished = postgres.psql(check).strip().split("|")
    assert int(typed) > 0
    assert (doubled, empty) == ("0", "0")
    assert unfinished == "3"  # one of each kiosk's two open visits ended in the newer copy


def test_a_file_in_another_layout_loads_nothing(
    postgres: Postgres, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = sql_part(tmp_path, capsys, "--part", "tables")
    load = sql_part(tmp_path, capsys, "--part", "load")
    postgres.psql(tables)
    _, files = kiosk_files(tmp_path)
    lines = files[1].read_bytes().split(b"\r\n")
    lines[1:-1] = [b'"2' + line[2:] for line in lines[1:-1]]
    other = tmp_path / "attendance_X_K1.csv"
    other.write_bytes(b"\r\n".join(lines))
    count = tmp_path / "count.sql"
    count.write_text("SELECT count(*) FROM kiosk_visits;\n", encoding="utf-8")
    before = postgres.psql(count)
    with pytest.raises(AssertionError, match="様式版"):
        postgres.psql(load, stdin=other)
    assert postgres.psql(count) == before
