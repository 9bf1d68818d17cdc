"""Reading agreement of the pre-rendered voice (target: 99% or more), needs the [voice] extra.

Run from the project root:

    .venv/bin/python benchmarks/bench_voice_readings.py

For every fixed sentence (``kiosk voice list``) it compares the reading the kiosk means
(``live_kana``: the author's furigana, particles and numbers as said) with Open JTalk's
pronunciation of what it is given, in two ways measured in the same run:

* baseline: the sentence as kana only (``spoken_text``), what the kiosk gave engines before;
* the clips: the hybrid renderer input (``engine_input``) with the user dictionary.

It prints both agreement rates, their ratio, and every sentence that still disagrees.
Exit status 0 when the clips reach the target.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.commands.voice import _catalogue
from kiosk.core.ruby import spoken_text
from kiosk.core.voice.clips import engine_input
from kiosk.core.voice.kana import live_kana
from kiosk.core.voice.readings import canonical
from kiosk.core.voice.render import open_jtalk

TARGET = 0.99


def main() -> int:
    jtalk = open_jtalk()
    sentences = [item.sentence for item in _catalogue()]
    started = time.perf_counter()
    wrong: dict[str, list[tuple[str, str]]] = {"kana only": [], "clips": []}
    for sentence in sentences:
        meant = canonical(live_kana(sentence))
        for name, given in (
            ("kana only", spoken_text(sentence)),
            ("clips", engine_input(sentence)),
        ):
            said = str(jtalk.g2p(given, kana=True))
            if canonical(said) != meant:
                wrong[name].append((live_kana(sentence), said))
    took = time.perf_counter() - started
    rates = {name: 1 - len(found) / len(sentences) for name, found in wrong.items()}
    print(f"{len(sentences)} fixed sentences, compared in {took:.0f} s")
    for name, rate in rates.items():
        print(f"  {name:10} agreement {rate:6.1%} ({len(wrong[name])} disagree)")
    ratio = rates["clips"] / rates["kana only"] if rates["kana only"] else float("inf")
    print(f"  clips / kana only: {ratio:.3f}x   target for the clips: {TARGET:.0%}")
    for meant, said in wrong["clips"]:
        print(f"  still differs: {meant}  |  voice: {said}")
    return 0 if rates["clips"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
