"""Benchmark: load and validate 500 generated lessons; target ≤ 2 ms of CPU per lesson.

Run from the repository root:

    .venv/bin/python benchmarks/bench_lessons.py [--lessons 500] [--repeat 5]

It writes 500 realistic lesson files (8 steps with furigana, a picture per step,
three check questions; about 5 KB each, like the bundled ones) and their pictures
(SVG and PNG) into a temporary folder, then times ``load_lessons`` (normal and
``strict``) and prints the median milliseconds per lesson, wall clock and CPU.

Target: 2 ms of CPU per lesson (the kiosk reads its lessons on a background thread
as it starts; 3.5 ms on a quiet 2-core machine before the schema work). The loader is
single-threaded, so on a quiet machine CPU and wall clock agree; on a shared one the
CPU time is the steadier figure, and it decides the exit status (1 when over).

Baseline, measured in the same run: parsing the same files with the standard
library's ``tomllib`` and nothing else. The ratio says how many such parses one full
load with every check costs, whatever the machine's speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.lessons import load_lessons

TARGET_MS = 2.0

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


def time_load(folder: Path, count: int, repeat: int, strict: bool) -> tuple[list[float], ...]:
    """Milliseconds per lesson (wall clock, CPU) for each of ``repeat`` full loads."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        load = load_lessons(folder, strict=strict)
        wall.append((time.perf_counter() - start) * 1000 / count)
        cpu.append((time.process_time() - start_cpu) * 1000 / count)
        if len(load.lessons) != count or load.problems:
            raise SystemExit(f"generated lessons did not load cleanly: {load.problems[:3]}")
    return wall, cpu


def time_baseline(folder: Path, count: int, repeat: int) -> float:
    """Median CPU milliseconds per lesson to parse the files with ``tomllib`` alone."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.toml"))]
    runs: list[float] = []
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            tomllib.loads(text)
        runs.append((time.process_time() - start) * 1000 / count)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-lessons-") as temp:
        folder = write_lessons(Path(temp), args.lessons)
        size = sum(p.stat().st_size for p in folder.iterdir()) / args.lessons
        print(
            f"{args.lessons} lessons, {STEPS_PER_LESSON} steps each, "
            f"{size / 1024:.1f} KB per file, {args.repeat} runs"
        )
        over = False
        baseline = time_baseline(folder, args.lessons, args.repeat)
        print(f"baseline (tomllib.loads alone): {baseline:.3f} ms CPU/lesson")
        for strict in (False, True):
            wall, cpu = time_load(folder, args.lessons, args.repeat, strict)
            median = statistics.median(cpu)
            over = over or median > TARGET_MS
            label = "strict" if strict else "normal"
            print(
                f"{label:>6}: median {median:.3f} ms CPU/lesson "
                f"({statistics.median(wall):.3f} wall), {median / baseline:.2f} x baseline, "
                f"target {TARGET_MS:.1f} ms: {median / TARGET_MS:.2f} x target "
                f"{'OK' if median <= TARGET_MS else 'TOO SLOW'}"
            )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
