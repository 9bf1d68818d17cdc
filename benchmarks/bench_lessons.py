"""Benchmark: load and validate 500 generated lessons (≤ 2 ms of CPU each) and the procedures.

Run from the repository root (a git checkout, for the baseline):

    .venv/bin/python benchmarks/bench_lessons.py [--lessons 500] [--repeat 5] [--baseline REV]

It writes 500 realistic lesson files (8 steps with furigana, a picture per step,
three check questions; about 5 KB each, like the bundled ones) and their pictures
(SVG and PNG) into a temporary folder, then times ``load_lessons`` (normal and
``strict``) and prints the median milliseconds per lesson, wall clock and CPU.

It also times ``load_procedures`` on the bundled rehearsals, each copied
``--procedure-copies`` times (30: 270 files) with ids of their own, so the mock screens'
elements are timed too; for them the only limit is the baseline.

Target: 2 ms of CPU per lesson, normal and strict (the kiosk reads its lessons on a
background thread as it starts; 3.5 ms on a quiet 2-core machine before the schema
work). The loader is single-threaded, so on a quiet machine CPU and wall clock agree;
on a shared one the CPU time is the steadier figure, and it decides the exit status.

Baseline, measured in the same run on the same files: the loader of ``BASELINE_REV``
(the code as it was before lesson and procedure files were read through declared
schemas), taken out of git with ``git archive`` into a temporary folder. Each round
runs the current code and the baseline in fresh processes, one after the other (the
order alternates from round to round), so both meet the same load of the machine; a
process loads once to warm up, then times one normal and one strict load. Without git
the baseline is left out and said so.

Floor, also in the same run: parsing the same files with the standard library's
``tomllib`` and nothing else; the ratio says how many such parses one full load with
every check costs, whatever the machine's speed.

Exit status 1 when the current code is over the target (lessons) or more than
``SLOWER_LIMIT`` slower than the baseline (lessons or procedures) (5 %: below that is the noise of a shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TARGET_MS = 2.0
BASELINE_REV = "14ff28d"
"""main before lesson and procedure files were read through declared schemas."""
SLOWER_LIMIT = 1.05

SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
    + "".join(
        f'<rect x="{10 * i}" y="{5 * i}" width="120" height="80" fill="#222" stroke="#fff"/>'
        for i in range(40)
    )
    + "</svg>\n"
)
# A valid 1x1 PNG; the loader only looks at the first bytes anyway.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)

HEADER = """format = 1
id = "lesson-{n:03d}"
title = "{{電源|でんげん}}と ボタン {n}"
level = "{level}"
theme = "{{基本|きほん}}の {{操作|そうさ}} {theme}"
minutes = 10
summary = "{summary}"
"""

STEP = """
[[steps]]
title = "{{電源|でんげん}}を {{入|い}}れる {k}"
text = "{text}"
image = "assets/img/lessons/l{n:03d}_s{k}.{ext}"
tip = "{{画面|がめん}}が でるまで すこし {{時間|じかん}}が かかります。ゆっくり まちましょう。"
"""

CHECK = """
[steps.check]
question = "{電源|でんげん}ボタンを みじかく 1{回|かい} おすと、どう なりますか？"
choices = ["{画面|がめん}が {消|き}える", "スマホが こわれる", "{電話|でんわ}が かかる"]
answer = 1
explanation = "{画面|がめん}が {消|き}えるだけです。もう {一度|いちど} おすと、また つきます。"
"""

SUMMARY = "スマホの {電源|でんげん}の {入|い}れ{方|かた}と {切|き}り{方|かた}を ならいます。"
STEP_TEXT = (
    "{電源|でんげん}ボタンを 3びょうほど {長|なが}く おします。"
    "{画面|がめん}が {明|あか}るく なったら、{指|ゆび}を はなします。"
    "{暗証番号|あんしょうばんごう}を きかれたら、"
    "{自分|じぶん}で きめた {数字|すうじ}を {入|い}れます。"
)
STEPS_PER_LESSON = 8


def write_lessons(root: Path, count: int) -> Path:
    """Write ``count`` lessons and their pictures under ``root``; return the lessons folder."""
    lessons = root / "lessons"
    images = root / "assets" / "img" / "lessons"
    lessons.mkdir(parents=True)
    images.mkdir(parents=True)
    for n in range(1, count + 1):
        level = "基本" if n % 3 else "応用"
        parts = [HEADER.format(n=n, level=level, theme=n % 7, summary=SUMMARY)]
        for k in range(1, STEPS_PER_LESSON + 1):
            ext = "png" if k % 4 == 0 else "svg"
            parts.append(STEP.format(n=n, k=k, ext=ext, text=STEP_TEXT))
            if k % 3 == 0:
                parts.append(CHECK)
            picture = images / f"l{n:03d}_s{k}.{ext}"
            if ext == "svg":
                picture.write_text(SVG, encoding="utf-8")
            else:
                picture.write_bytes(PNG)
        (lessons / f"{n:03d}_lesson.toml").write_text("".join(parts), encoding="utf-8")
    return lessons


def write_procedures(root: Path, copies: int) -> Path:
    """Copy each bundled procedure ``copies`` times under ``root`` with ids of their own,
    with the pictures they use; return the procedures folder."""
    folder = root / "lessons" / "procedures"
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "assets" / "img" / "procedures", root / "assets" / "img" / "procedures")
    bundled = sorted((ROOT / "lessons" / "procedures").glob("[0-9]*.toml"))
    for copy in range(copies):
        for number, path in enumerate(bundled, copy * len(bundled) + 1):
            text = re.sub(
                r'^id = "([^"]+)"',
                rf'id = "\g<1>-{copy}"',
                path.read_text(encoding="utf-8"),
                count=1,
                flags=re.MULTILINE,
            )
            name = path.name.split("_", 1)[1]
            (folder / f"{number:03d}_{name}").write_text(text, encoding="utf-8")
    return folder


# Run in a fresh process with the code under test first on sys.path: for lessons, then
# procedures, one warm-up load, then one timed normal and one timed strict load. Prints
# the CPU and wall milliseconds per file.
_CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import kiosk
from kiosk.core.lessons import load_lessons
from kiosk.core.procedures import load_procedures
if not kiosk.__file__.startswith(sys.argv[1]):
    sys.exit(f"imported {kiosk.__file__} instead of the code in {sys.argv[1]}")
result = {}
for name, load_files, folder, count in (
    ("", load_lessons, Path(sys.argv[2]), int(sys.argv[3])),
    ("procedures ", load_procedures, Path(sys.argv[4]), int(sys.argv[5])),
):
    load_files(folder)
    for strict in (False, True):
        start, start_cpu = time.perf_counter(), time.process_time()
        load = load_files(folder, strict=strict)
        cpu = (time.process_time() - start_cpu) * 1000 / count
        wall = (time.perf_counter() - start) * 1000 / count
        loaded = getattr(load, "lessons", None) or getattr(load, "procedures", ())
        if len(loaded) != count or load.problems:
            sys.exit(f"{name or 'lessons'} did not load cleanly: {load.problems[:3]}")
        result[name + ("strict" if strict else "normal")] = [cpu, wall]
print(json.dumps(result))
"""
MODES = ("normal", "strict", "procedures normal", "procedures strict")


def time_code(code_root: Path, folders: list[tuple[Path, int]]) -> dict[str, list[float]]:
    """``{mode: [cpu, wall]}``, ms per file, for the code in ``code_root`` (see ``MODES``)."""
    given = [str(value) for folder, count in folders for value in (folder, count)]
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(code_root), *given],
        capture_output=True,
        text=True,
        check=False,
        cwd=code_root,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    if done.returncode:
        raise SystemExit(f"loading with the code in {code_root} failed:\n{done.stderr}")
    result: dict[str, list[float]] = json.loads(done.stdout)
    return result


def baseline_code(rev: str, into: Path) -> Path | None:
    """The ``kiosk`` package of ``rev`` unpacked under ``into``, or None without git."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "kiosk"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"baseline {rev}: left out, git could not give it ({error})")
        return None
    tar_path = into / "baseline.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into / "baseline", filter="data")
    return into / "baseline"


def time_floor(folder: Path, count: int, repeat: int) -> float:
    """Median CPU milliseconds per lesson to parse the files with ``tomllib`` alone."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.toml"))]
    runs: list[float] = []
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            tomllib.loads(text)
        runs.append((time.process_time() - start) * 1000 / count)
    return statistics.median(runs)


def time_rounds(
    codes: dict[str, Path], folders: list[tuple[Path, int]], repeat: int
) -> dict[str, dict[str, list[list[float]]]]:
    """For each code and mode, the ``[cpu, wall]`` of every round; the order alternates."""
    runs: dict[str, dict[str, list[list[float]]]] = {
        name: {mode: [] for mode in MODES} for name in codes
    }
    names = list(codes)
    for round_number in range(repeat):
        for name in names if round_number % 2 == 0 else names[::-1]:
            for mode, figures in time_code(codes[name], folders).items():
                runs[name][mode].append(figures)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=500)
    parser.add_argument("--procedure-copies", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", default=BASELINE_REV, help="git revision to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-lessons-") as temp:
        folder = write_lessons(Path(temp), args.lessons)
        size = sum(p.stat().st_size for p in folder.iterdir()) / args.lessons
        print(
            f"{args.lessons} lessons, {STEPS_PER_LESSON} steps each, "
            f"{size / 1024:.1f} KB per file, {args.repeat} rounds"
        )
        procedures = write_procedures(Path(temp), args.procedure_copies)
        procedure_count = len(list(procedures.glob("*.toml")))
        print(f"{procedure_count} procedures ({args.procedure_copies} copies of the bundled ones)")
        floor = time_floor(folder, args.lessons, args.repeat)
        print(f"floor (tomllib.loads alone): {floor:.3f} ms CPU/lesson")
        codes = {"current": ROOT}
        baseline_root = baseline_code(args.baseline, Path(temp))
        if baseline_root is not None:
            codes[f"baseline {args.baseline}"] = baseline_root
        folders = [(folder, args.lessons), (procedures, procedure_count)]
        runs = time_rounds(codes, folders, args.repeat)
    failed = False
    for mode in MODES:
        lessons = not mode.startswith("procedures")
        medians = {
            name: [statistics.median(f[i] for f in runs[name][mode]) for i in (0, 1)]
            for name in codes
        }
        for name, (cpu, wall) in medians.items():
            against = (
                f", {cpu / floor:.2f} x floor, {cpu / TARGET_MS:.2f} x the {TARGET_MS:.1f} ms target"
                if lessons
                else ""
            )
            print(f"{mode:>17} {name:<18} median {cpu:.3f} ms CPU/file ({wall:.3f} wall){against}")
        cpu = medians["current"][0]
        verdict = "OK" if cpu <= TARGET_MS or not lessons else "TOO SLOW"
        failed = failed or (lessons and cpu > TARGET_MS)
        if len(medians) > 1:
            ratio = cpu / next(figures[0] for name, figures in medians.items() if name != "current")
            failed = failed or ratio > SLOWER_LIMIT
            verdict += f", {ratio:.2f} x baseline" + (" SLOWER" if ratio > SLOWER_LIMIT else "")
        print(f"{mode:>17} current: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
