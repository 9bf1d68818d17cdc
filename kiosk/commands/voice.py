"""``kiosk voice list|check|render``: the pre-rendered voice for every fixed sentence.

``list`` prints each sentence with the reading the voice should say and its clip;
``check`` exits 0 only when every sentence has a current clip at every rate; ``render``
renders what is missing (needs ``pip install -e .[voice]``) and removes unused clips.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.core.voice.catalogue import FixedSentence


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "voice",
        help="list, check or render the pre-rendered voice clips",
        description="Every fixed sentence (lessons, procedures, the UI's own words) has a "
        "pre-rendered clip per speaking rate; sentences without one use the live voice.",
    )
    actions = parser.add_subparsers(dest="voice_action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="print every fixed sentence: id, text, reading and clip path"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array instead")
    listing.set_defaults(func=_list)
    check = actions.add_parser(
        "check",
        help="exit 0 when every sentence has a current clip, else list the missing and stale",
    )
    check.set_defaults(func=_check)
    render = actions.add_parser(
        "render",
        help="render missing clips and remove unused ones (needs: pip install -e .[voice])",
    )
    render.add_argument(
        "--keep-unused", action="store_true", help="do not remove clips no sentence uses"
    )
    render.set_defaults(func=_render)


def _catalogue() -> list[FixedSentence]:
    from kiosk.core.lessons import load_lessons
    from kiosk.core.procedures import load_procedures
    from kiosk.core.voice.catalogue import fixed_sentences
    from kiosk.ui.voice_phrases import ui_phrases

    return fixed_sentences(load_lessons().lessons, load_procedures().procedures, ui_phrases())


def _list(args: argparse.Namespace) -> int:
    from kiosk.core.ruby import plain_text
    from kiosk.core.voice.clips import RATE_SPEEDS, clip_relative_path
    from kiosk.core.voice.kana import live_kana

    rows: list[dict[str, Any]] = [
        {
            "id": item.id,
            "text": plain_text(item.sentence),
            "reading": live_kana(item.sentence),
            "audio": {rate: clip_relative_path(item.sentence, rate) for rate in RATE_SPEEDS},
        }
        for item in _catalogue()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(f"{row['id']}\t{row['text']}\t{row['reading']}\t{row['audio']['ふつう']}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from kiosk.core.voice.clips import (
        CLIP_FOLDER,
        CLIP_SUFFIX,
        RATE_SPEEDS,
        ClipLibrary,
        clip_key,
    )

    library = ClipLibrary()
    catalogue = _catalogue()
    wanted = set()
    missing = []
    for item in catalogue:
        for rate in RATE_SPEEDS:
            key = clip_key(item.sentence, rate)
            wanted.add(key)
            if library.path_for(item.sentence, rate) is None:
                missing.append((item, rate))
    unused = sorted(library.unused(wanted))
    for item, rate in missing:
        print(f"missing\t{rate}\t{item.id}\t{item.sentence}")
    for key in unused:
        print(f"stale\t{CLIP_FOLDER}/{key}{CLIP_SUFFIX}")
    total = len(catalogue) * len(RATE_SPEEDS)
    summary = (
        f"{len(catalogue)} sentences x {len(RATE_SPEEDS)} rates: {total - len(missing)} "
        f"clips current, {len(missing)} missing, {len(unused)} stale"
    )
    print(summary, file=sys.stderr)
    if missing or unused:
        print(
            "render them with: kiosk voice render (needs pip install -e .[voice])", file=sys.stderr
        )
        return 1
    return 0


def _render(args: argparse.Namespace) -> int:
    from kiosk.core.voice.clips import CLIP_SUFFIX, RATE_SPEEDS, ClipLibrary, clip_key
    from kiosk.core.voice.render import RendererMissing, render_missing

    library = ClipLibrary()
    catalogue = _catalogue()
    sentences = [item.sentence for item in catalogue]
    started = time.perf_counter()
    done = [0]

    def progress(sentence: str, rate: str, seconds: float) -> None:
        done[0] += 1
        print(f"{done[0]}\t{rate}\t{seconds:.1f} s\t{sentence}", flush=True)

    try:
        count = render_missing(sentences, RATE_SPEEDS, library.folder, progress)
    except RendererMissing as exc:
        print(f"kiosk voice render: {exc}", file=sys.stderr)
        return 2
    removed = 0
    if not args.keep_unused:
        wanted = {clip_key(s, rate) for s in sentences for rate in RATE_SPEEDS}
        for key in ClipLibrary(library.folder).unused(wanted):
            (library.folder / f"{key}{CLIP_SUFFIX}").unlink()
            removed += 1
    took = time.perf_counter() - started
    print(f"rendered {count} clip(s) in {took:.0f} s, removed {removed} unused", file=sys.stderr)
    return 0
