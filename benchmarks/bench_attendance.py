"""Benchmark: check-in commit latency, CSV export against the sqlite3 tool, and ``kiosk report``.

Run from the repository root (the full run takes several minutes the first time,
mostly to generate the data; the data is kept in the work folder for later runs):

    .venv/bin/python benchmarks/bench_attendance.py [--quick] [--work DIR]

It prints:

1. the median and 95th-percentile time of one check-in (``start_visit``, one
   committed transaction with ``synchronous=FULL`` in WAL mode) on this disk;
2. ``kiosk export`` of 1,000,000 visits against the ``sqlite3`` command-line tool
   writing the same rows (same query) as CSV from the same database, as a ratio of
   wall-clock time and of CPU time (target: at most 1.5x); best of three runs. The
   plain way to write the same bytes (``csv.writer``, ``plain_csv_export.py``) runs
   in the same rounds, to show what the export's fast path is worth;
3. ``kiosk report`` over 5,000,000 rows in 130 kiosk files: wall-clock time (target
   at most 10 s) and peak memory (target at most 300 MB), read from the
   ``os.wait4`` resource usage of the report process; because the report may use
   worker processes, it also prints the peak of their summed memory, sampled
   from /proc, and the single-process run (``--jobs 1``) for comparison. With
   the ``bench`` extra installed (``pip install -e .[bench]``: DuckDB), DuckDB
   computes the same headline figures from the same files in the same run; the
   figures must be identical and the time ratio is printed (target: at most 1.0x).
   The report counts the kiosk files with pyarrow where it is installed (a package
   dependency; ``kiosk/core/attendance/report_arrow.py``), in threads of the one
   process; without it (as in the kiosk's bundle) the pure-Python engine runs alone.

``--quick`` uses 50,000 visits and 200,000 rows in 13 files for a smoke run;
``--export-only`` runs part 2 alone, ``--report-only`` part 3. Exits with status 1 when a target is missed
in a full run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.attendance import CONSENT_VERSION, AttendanceStore, csv_format
from kiosk.core.attendance.csv_export import csv_file_name, export_to_file
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.config import Config

ROOT = Path(__file__).resolve().parents[1]
PLAIN_EXPORT = Path(__file__).resolve().parent / "plain_csv_export.py"
EXPORT_RATIO_TARGET = 1.5
REPORT_SECONDS_TARGET = 10.0
REPORT_MB_TARGET = 300.0
DUCKDB_RATIO_TARGET = 1.0
# Every kiosk's data ends on the same day, so repeated runs reuse identical files.
DATA_END = datetime.fromisoformat("2026-03-31T18:00:00+09:00")


# Started fresh for every measurement: Linux folds the memory high-water mark of
# the process that forks into the child's ru_maxrss, so the command must be
# started by a small process, not by this one after it has generated data.
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
print(child.pid, flush=True)
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps({
    "wall": time.perf_counter() - start,
    "cpu": usage.ru_utime + usage.ru_stime,
    "maxrss_kb": usage.ru_maxrss,
    "exit": os.waitstatus_to_exitcode(status),
}))
"""


def run_measured(command: list[str]) -> tuple[float, float, float, float]:
    """Run ``command``; return wall seconds, CPU seconds, wait4 max RSS (MB), summed-RSS peak (MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as errors:
        launcher = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, *command],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            text=True,
        )
        assert launcher.stdout is not None
        pid = int(launcher.stdout.readline())
        peak = [0.0]
        done = threading.Event()
        sampler = threading.Thread(target=_sample_tree_rss, args=(pid, peak, done), daemon=True)
        sampler.start()
        result = json.loads(launcher.stdout.readline())
        launcher.wait()
        launcher.stdout.close()
        done.set()
        sampler.join()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if result["exit"] != 0:
        raise SystemExit(f"{' '.join(command[:4])}... failed ({result['exit']}):\n{stderr}")
    # Linux reports ru_maxrss in kilobytes.
    return result["wall"], result["cpu"], result["maxrss_kb"] / 1024, peak[0]


def _sample_tree_rss(pid: int, peak: list[float], done: threading.Event) -> None:
    """Peak of the summed resident memory of ``pid`` and all its descendants (Linux /proc)."""
    proc = Path("/proc")
    if not proc.exists():
        return
    while not done.is_set():
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for status in proc.glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
            this = int(fields.get("Pid", "0"))
            parents[this] = int(fields.get("PPid", "0"))
            rss[this] = int(fields.get("VmRSS", "0 kB").split()[0])
        tree = {pid}
        grew = True
        while grew:
            grew = False
            for child, parent in parents.items():
                if parent in tree and child not in tree:
                    tree.add(child)
                    grew = True
        peak[0] = max(peak[0], sum(rss.get(p, 0) for p in tree) / 1024)
        done.wait(0.05)


def count_lines(path: Path) -> int:
    """Line ends in a file, read in pieces so this process stays small."""
    total = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            total += chunk.count(b"\n")
    return total


# --- 1. check-in latency --------------------------------------------------------------


def bench_checkin(work: Path, count: int) -> None:
    folder = work / "checkin"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with AttendanceStore.open(folder / "kiosk.db", Config()) as store:
        codes = [
            store.register_participant("70代", "小倉北区", CONSENT_VERSION).code for _ in range(20)
        ]
        generate_demo_data(store, 20000, seed=1)  # a database that has been in use for a while
        times = []
        for i in range(count):
            start = time.perf_counter()
            visit = store.start_visit(codes[i % len(codes)])
            times.append(time.perf_counter() - start)
            store.end_visit(visit)
        sync = store.db.execute("PRAGMA synchronous").fetchone()[0]
        mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"check-in commit latency ({count} check-ins, journal_mode={mode}, synchronous={sync} (FULL)): "
        f"median {statistics.median(times) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"
    )


# --- 2. export against the sqlite3 tool ------------------------------------------------


def bench_export(work: Path, visits: int, repeats: int) -> bool:
    sqlite3_tool = shutil.which("sqlite3")
    data_dir = work / f"export-{visits}"
    db = data_dir / "kiosk.db"
    if not db.exists():
        print(f"generating {visits:,} visits ...", flush=True)
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        with AttendanceStore.open(db, Config()) as store:
            generate_demo_data(store, visits, seed=1, end=DATA_END)
    with AttendanceStore.open(db, Config()) as store:
        instance = store.instance_id
    ours_out, plain_out = data_dir / "ours.csv", data_dir / "plain.csv"
    tool_out = data_dir / "sqlite3.csv"
    commands = {
        "kiosk export": [
            *(sys.executable, "-m", "kiosk", "export"),
            *("--data-dir", str(data_dir), "--out", str(ours_out)),
        ],
        "csv.writer": [sys.executable, str(PLAIN_EXPORT), str(db), str(plain_out)],
    }
    if sqlite3_tool is not None:
        query = csv_format.raw_rows_query().replace(":instance", f"'{instance}'")
        script = data_dir / "export.sql"
        script.write_text(f".headers on\n.mode csv\n.once {tool_out}\n{query};\n", encoding="utf-8")
        commands["sqlite3 tool"] = [sqlite3_tool, str(db), f".read {script}"]
    # In rounds, so a change in the machine's load falls on all of them alike.
    runs: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            runs[name].append(run_measured(command))
    best = {name: (min(r[0] for r in got), min(r[1] for r in got)) for name, got in runs.items()}
    same = ours_out.read_bytes() == plain_out.read_bytes()
    print(
        f"export of {visits:,} visits ({count_lines(ours_out) - 1:,} rows), best of {repeats}:\n"
        + "".join(
            f"  {name:12} {wall:.2f} s wall, {cpu:.2f} s CPU, "
            f"{max(r[2] for r in runs[name]):.0f} MB\n"
            for name, (wall, cpu) in best.items()
        )
        + f"  csv.writer wrote {'the same bytes' if same else 'DIFFERENT bytes'}"
    )
    if sqlite3_tool is None:
        print("  the sqlite3 tool is not installed; no baseline")
        return same
    tool_wall, tool_cpu = best["sqlite3 tool"]
    for name in ("kiosk export", "csv.writer"):
        wall, cpu = best[name]
        print(
            f"  {name} / sqlite3 tool: {wall / tool_wall:.2f}x wall, {cpu / tool_cpu:.2f}x CPU "
            f"(target <= {EXPORT_RATIO_TARGET}x)"
        )
    return same and best["kiosk export"][0] / tool_wall <= EXPORT_RATIO_TARGET


# --- 3. report over many kiosk files ---------------------------------------------------


def _make_kiosk_file(job: tuple[Path, int, int]) -> None:
    folder, index, visits = job
    config = Config(centre_code=f"C{index:03d}", kiosk_id="K1")
    target = folder / csv_file_name(config)
    if target.exists():
        return
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        with AttendanceStore.open(scratch / "kiosk.db", config) as store:
            generate_demo_data(store, visits, seed=index, end=DATA_END)
        partial = target.with_suffix(".partial")
        export_to_file(scratch / "kiosk.db", partial)
        partial.replace(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# The headline figures of `kiosk report --format json`, computed by DuckDB from the CSV
# files: visits deduplicated by 記録ID (a finished copy wins), a participant is a card
# code counted once across kiosks, latest answer by start time.
DUCKDB_SCRIPT = """
import json, sys, duckdb
folder, out = sys.argv[1], sys.argv[2]
names = ["version", "record", "centre", "kiosk", "day", "start", "finish", "code", "first",
         "age", "area", "mode", "class_id", "title", "lessons", "procedures", "practice",
         "used", "understood"]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
row = con.execute(
    \"\"\"
    WITH raw AS (
        SELECT * FROM read_csv(?, header = true, all_varchar = true, names = ?)
    ),
    visits AS (
        SELECT DISTINCT ON (record) *, coalesce(first, '') = '' AS anonymous
        FROM raw
        ORDER BY record, coalesce(finish, '') = ''
    ),
    latest AS (
        SELECT code, arg_max(used, start) AS used
        FROM visits
        WHERE coalesce(code, '') <> '' AND used IN ('はい', 'いいえ')
        GROUP BY code
    )
    SELECT
        (SELECT count(*) FROM visits),
        (SELECT count(*) FROM visits WHERE anonymous),
        (SELECT count(*) FROM visits WHERE mode = '教室'),
        (SELECT count(DISTINCT code) FROM visits WHERE coalesce(code, '') <> ''),
        (SELECT count(DISTINCT code) FROM visits WHERE first = 'はい'),
        (SELECT count(*) FROM latest),
        (SELECT count(*) FROM latest WHERE used = 'はい'),
        (SELECT count(*) FROM visits WHERE anonymous AND used IN ('はい', 'いいえ')),
        (SELECT count(*) FROM visits WHERE anonymous AND used = 'はい')
    \"\"\",
    [folder + "/**/attendance_*.csv", names],
).fetchone()
json.dump(list(row), open(out, "w"))
"""
HEADLINE = (
    "visits",
    "anonymous_visits",
    "class_visits",
    "participants",
    "first_time",
    "answered",
    "used_yes",
    "anonymous_answered",
    "anonymous_yes",
)


def headline(report: dict[str, object]) -> list[object]:
    """The headline figures of ``kiosk report --format json``, in ``HEADLINE`` order."""
    usage = report["usage"]
    assert isinstance(usage, dict)
    return [usage[key] if key in usage else report[key] for key in HEADLINE]


def _per_row(cpu: float, rows: int) -> str:
    """CPU time per row: on a shared machine the load stretches wall time far more than this."""
    return f"{cpu / rows * 1e6:.1f} us CPU per row"


def bench_report(work: Path, rows: int, files: int) -> bool:
    folder = work / f"report-{rows}-{files}"
    folder.mkdir(parents=True, exist_ok=True)
    per_file, extra = divmod(rows, files)
    jobs = [(folder, i, per_file + (1 if i < extra else 0)) for i in range(files)]
    missing = [job for job in jobs if not (folder / f"attendance_C{job[1]:03d}_K1.csv").exists()]
    if missing:
        print(f"generating {len(missing)} kiosk files ({rows:,} rows in all) ...", flush=True)
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_make_kiosk_file, missing))
    size = sum(p.stat().st_size for p in folder.glob("attendance_*.csv"))
    out = work / "report.json"
    command = [sys.executable, "-m", "kiosk", "report", "--format", "json", str(folder)]
    wall, cpu, maxrss, tree = run_measured(["sh", "-c", f'"$@" > {out}', "sh", *command])
    ours = headline(json.loads(out.read_text(encoding="utf-8")))
    one_wall, one_cpu, one_rss, _ = run_measured([*command, "--jobs", "1"])
    print(
        f"kiosk report over {rows:,} rows in {files} files ({size / 1e6:.0f} MB of CSV):\n"
        f"  {wall:.2f} s wall, {cpu:.2f} s CPU (target <= {REPORT_SECONDS_TARGET:.0f} s), "
        f"peak memory {maxrss:.0f} MB by wait4 (target <= {REPORT_MB_TARGET:.0f} MB), "
        f"{tree:.0f} MB summed over its processes, {_per_row(cpu, rows)}\n"
        f"  one process (--jobs 1): {one_wall:.2f} s wall, {one_cpu:.2f} s CPU, {one_rss:.0f} MB, "
        f"{_per_row(one_cpu, rows)}"
    )
    ok = wall <= REPORT_SECONDS_TARGET and max(maxrss, tree) <= REPORT_MB_TARGET
    try:
        import duckdb
    except ImportError:
        print("  DuckDB is not installed (pip install -e .[bench]): no baseline")
        return ok
    duck_out = work / "duckdb.json"
    duck_wall, duck_cpu, duck_rss, duck_tree = run_measured(
        [sys.executable, "-c", DUCKDB_SCRIPT, str(folder), str(duck_out)]
    )
    theirs = json.loads(duck_out.read_text(encoding="utf-8"))
    ratio = wall / duck_wall
    print(
        f"  DuckDB {duckdb.__version__}, same files and figures: {duck_wall:.2f} s wall, "
        f"{duck_cpu:.2f} s CPU, {max(duck_rss, duck_tree):.0f} MB, {_per_row(duck_cpu, rows)}\n"
        f"  ratio kiosk report / DuckDB: {ratio:.2f}x wall (target <= {DUCKDB_RATIO_TARGET}x), "
        f"{cpu / duck_cpu:.2f}x CPU\n"
        f"  figures {'identical' if ours == theirs else 'DIFFERENT'}: "
        + ", ".join(f"{k} {v:,}" for k, v in zip(HEADLINE, ours, strict=True))
    )
    if ours != theirs:
        print(f"  DuckDB's figures: {theirs}")
    return ok and ours == theirs and ratio <= DUCKDB_RATIO_TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--export-only", action="store_true", help="run the export part alone")
    parser.add_argument("--report-only", action="store_true", help="run the report part alone")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kiosk-bench-attendance",
        help="folder for the generated data (kept for later runs)",
    )
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder: {work}   CPUs: {os.cpu_count()}   load: {os.getloadavg()[0]:.2f}")
    if args.quick:
        if args.export_only:
            bench_export(work, 50_000, 1)
            return 0
        if not args.report_only:
            bench_checkin(work, 50)
            bench_export(work, 50_000, 1)
        bench_report(work, 200_000, 13)
        return 0
    if args.export_only:
        return 0 if bench_export(work, 1_000_000, 3) else 1
    if args.report_only:
        ok = bench_report(work, 5_000_000, 130)
        print(f"load at the end: {os.getloadavg()[0]:.2f}")
        return 0 if ok else 1
    bench_checkin(work, 300)
    ok = bench_export(work, 1_000_000, 3)
    ok = bench_report(work, 5_000_000, 130) and ok
    print(f"load at the end: {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
