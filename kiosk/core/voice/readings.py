"""Compare the author's readings with Open JTalk's (needs the [voice] extra).

* ``sentence_agreement``: does the clip say what the author meant? The author's sentence
  as the kiosk would say it in kana (``live_kana``) against Open JTalk's pronunciation of
  the renderer input (``engine_input``).
* ``ruby_disagreements``: each furigana against the reading Open JTalk gives the same
  characters in context; a typo or a wrong ruby (1{日|にち} for ついたち) shows up here.

Both compare "canonical" kana: katakana, long vowels written out, punctuation and spaces
dropped, so ジュウ, じゅう and ジュー count as the same.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kiosk.core.ruby import Segment, has_kanji, parse_ruby
from kiosk.core.voice.clips import engine_input
from kiosk.core.voice.kana import hybrid_text, live_kana

_ROWS = {
    "ア": "アカサタナハマヤラワガザダバパァャヮ",
    "イ": "イキシチニヒミリギジヂビピィ",
    "ウ": "ウクスツヌフムユルグズヅブプゥュヴ",
    "エ": "エケセテネヘメレゲゼデベペェ",
    "オ": "オコソトノホモヨロヲゴゾドボポォョ",
}
_VOWEL = {kana: vowel for vowel, row in _ROWS.items() for kana in row}
_SAME = str.maketrans({"ヂ": "ジ", "ヅ": "ズ", "ヲ": "オ"})
# The particles は and へ are said ワ and エ; in part of a sentence whether a ハ is one is
# not known, so there the comparison does not tell them apart.
_PARTICLES = str.maketrans({"ハ": "ワ", "ヘ": "エ"})


def canonical(kana: str, *, merge_particles: bool = False) -> str:
    """Katakana with ー and the long vowels おう/えい written the same way, no punctuation.

    ``merge_particles`` also counts ハ/ワ and ヘ/エ as the same.
    """
    text = unicodedata.normalize("NFKC", kana)
    text = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
    text = "".join(c for c in text if "ァ" <= c <= "ヺ" or c == "ー").translate(_SAME)
    if merge_particles:
        text = text.translate(_PARTICLES)
    out: list[str] = []
    for ch in text:
        vowel = _VOWEL.get(out[-1], "") if out else ""
        if (ch == "ー" and vowel) or (ch, vowel) in (("ウ", "オ"), ("イ", "エ")):
            ch = vowel
        out.append(ch)
    return "".join(out).replace("ユウ", "イウ")  # いう is said ゆう


_WIDE = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "　"})


@dataclass(frozen=True)
class Disagreement:
    """A written word, the author's reading and Open JTalk's."""

    written: str
    author: str
    open_jtalk: str


def _jtalk() -> Any:
    from kiosk.core.voice.render import open_jtalk

    return open_jtalk()


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    from kiosk.core.voice.render import quiet as renderer_quiet

    with renderer_quiet():
        yield


def sentence_agreement(sentence: str) -> Disagreement | None:
    """None when the clip of ``sentence`` says the author's reading, else what differs."""
    author = live_kana(sentence)
    with quiet():
        said = str(_jtalk().g2p(engine_input(sentence), kana=True))
    if canonical(author) == canonical(said):
        return None
    return Disagreement(sentence, author, said)


def ruby_disagreements(text: str) -> list[Disagreement]:
    """Every furigana in ``text`` whose reading Open JTalk does not give in context."""
    segments = parse_ruby(text)
    # Each segment as the voice gets it (symbols named, clock times written out), so
    # Open JTalk's morphemes line up with the segments.
    shown = [s.base if s.reading else hybrid_text(s.base) for s in segments]
    plain = "".join(shown)
    morphemes = _morphemes(plain)
    found = []
    start = 0
    bounds = []
    for segment, written in zip(segments, shown, strict=True):
        bounds.append((start, start + len(written), Segment(written, segment.reading)))
        start += len(written)
    for begin, end, segment in bounds:
        # Words without kanji reach the voice as the author's reading: nothing to compare.
        if not segment.reading or not has_kanji(segment.base):
            continue
        lo, hi = _widen(begin, end, morphemes, bounds)
        author = live_kana(
            "".join(
                f"{{{s.base}|{s.reading}}}" if s.reading else s.base
                for b, e, s in bounds
                if b >= lo and e <= hi
            )
        )
        theirs = "".join(read for b, e, read in morphemes if b < hi and e > lo)
        if canonical(author, merge_particles=True) != canonical(theirs, merge_particles=True):
            found.append(Disagreement(plain[lo:hi], author, theirs))
    return found


def _morphemes(plain: str) -> list[tuple[int, int, str]]:
    """(start, end, reading) of each morpheme of ``plain``, by character offset."""
    with quiet():
        features = _jtalk().run_frontend(plain)
    # Open JTalk works on full-width text; the same text full-width has the same offsets.
    wide = plain.translate(_WIDE)
    result = []
    position = 0
    for feature in features:
        surface = str(feature["string"]).translate(_WIDE)
        # A morpheme starts where the last one ended, or just after skipped spaces; one
        # Open JTalk rewrote (1 -> 一) is taken to be where it should be.
        start = wide.find(surface, position, position + len(surface) + 2) if surface else -1
        if start < 0:
            start = position
        end = start + len(surface)
        result.append((start, end, str(feature["pron"])))
        position = end
    return result


def _widen(
    begin: int,
    end: int,
    morphemes: list[tuple[int, int, str]],
    bounds: list[tuple[int, int, Segment]],
) -> tuple[int, int]:
    """The smallest span around [begin, end) that both morphemes and segments fill whole."""
    while True:
        lo, hi = begin, end
        for b, e, _read in morphemes:
            if b < hi and e > lo:
                lo, hi = min(lo, b), max(hi, e)
        for b, e, _segment in bounds:
            if b < hi and e > lo:
                lo, hi = min(lo, b), max(hi, e)
        if (lo, hi) == (begin, end):
            return lo, hi
        begin, end = lo, hi
