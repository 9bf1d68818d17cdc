"""Cold start of the kiosk against a bare PySide6 label, as ratios (wall time and peak memory).

Run from the repository root:

    .venv/bin/python benchmarks/bench_startup.py [--runs 7]

It alternates `kiosk run --demo --windowed --exit-when-ready` with
benchmarks/bare_qt.py (both offscreen, same interpreter), takes the median of
each, and prints the ratios against the targets: wall time <= 1.5x and peak
memory <= 1.6x of the bare script. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIME_TARGET = 1.5
MEMORY_TARGET = 1.6


def measure(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, peak RSS in MB) from wait4's rusage."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each program (median taken)")
    args = parser.parse_args()
    # Installed packages and the frozen bundle ship bytecode; compile ours the same way so
    # that PYTHONDONTWRITEBYTECODE in a developer shell does not turn this into a parse test.
    compileall.compile_dir(ROOT / "kiosk", quiet=1)
    with tempfile.TemporaryDirectory() as data_dir:
        kiosk = [
            sys.executable,
            "-m",
            "kiosk",
            "run",
            "--demo",
            "--windowed",
            "--exit-when-ready",
            "--data-dir",
            data_dir,
        ]
        bare = [sys.executable, str(ROOT / "benchmarks" / "bare_qt.py")]
        measure(kiosk)  # warm-up: first run sets the demo PIN and fills the OS file cache
        measure(bare)
        kiosk_runs, bare_runs = [], []
        for _ in range(args.runs):
            kiosk_runs.append(measure(kiosk))
            bare_runs.append(measure(bare))
    k_time = statistics.median(t for t, _ in kiosk_runs)
    b_time = statistics.median(t for t, _ in bare_runs)
    k_mem = statistics.median(m for _, m in kiosk_runs)
    b_mem = statistics.median(m for _, m in bare_runs)
    time_ratio, mem_ratio = k_time / b_time, k_mem / b_mem
    print(f"bare PySide6 label : {b_time * 1000:7.0f} ms  {b_mem:6.1f} MB  (median of {args.runs})")
    print(f"kiosk home screen  : {k_time * 1000:7.0f} ms  {k_mem:6.1f} MB")
    print(f"wall time ratio    : {time_ratio:.2f}x (target <= {TIME_TARGET}x)")
    print(f"peak memory ratio  : {mem_ratio:.2f}x (target <= {MEMORY_TARGET}x)")
    return 0 if time_ratio <= TIME_TARGET and mem_ratio <= MEMORY_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
