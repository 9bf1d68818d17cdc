"""Furigana markup ``{漢字|かんじ}``: parse and check it, derive display, reading and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_ENDS = "。！？!?"


@dataclass(frozen=True)
class Segment:
    """A run of text; ``reading`` is the furigana for ``base`` when the author gave one."""

    base: str
    reading: str = ""


class RubyError(ValueError):
    """Broken furigana markup; ``position`` is the 0-based character offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def parse_ruby(text: str) -> list[Segment]:
    """Split ``text`` into plain and ruby segments; raise ``RubyError`` on broken markup."""
    # Jumps from brace to brace with str.find instead of walking every character:
    # the lesson loader parses every text field of every lesson at start-up.
    segments: list[Segment] = []
    i = 0
    while True:
        start = text.find("{", i)
        close = text.find("}", i)
        if close != -1 and (start == -1 or close < start):
            raise RubyError("'}' without a matching '{'", close)
        if start == -1:
            break
        nested = text.find("{", start + 1)
        if close == -1 or (nested != -1 and nested < close):
            raise RubyError("'{' is not closed with '}'", start)
        body = text[start + 1 : close]
        if body.count("|") != 1:
            raise RubyError("ruby must look like {漢字|かんじ} with exactly one '|'", start)
        base, reading = body.split("|")
        if not base.strip() or not reading.strip():
            raise RubyError("ruby has an empty word or reading", start)
        if start > i:
            segments.append(Segment(text[i:start]))
        segments.append(Segment(base, reading))
        i = close + 1
    if i < len(text):
        segments.append(Segment(text[i:]))
    return segments


def plain_text(text: str) -> str:
    """The text as printed without furigana: ``{電源|でんげん}を`` -> ``電源を``."""
    return "".join(s.base for s in parse_ruby(text))


def spoken_text(text: str) -> str:
    """The text to hand to a speech engine: each ruby word replaced by its reading."""
    return "".join(s.reading or s.base for s in parse_ruby(text))


def split_sentences(text: str) -> list[str]:
    """Split marked-up text after 。！？ (never inside ruby), dropping empty pieces."""
    sentences: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        current.append(ch)
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in SENTENCE_ENDS:
            sentences.append("".join(current))
            current = []
    sentences.append("".join(current))
    return [s.strip() for s in sentences if s.strip()]


# CJK unified ideographs (with extension A, the compatibility block and the rarer
# extensions B-H, where characters such as 𠮟 live) plus the iteration mark 々 and 〆.
_KANJI_CHARS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f々〆"
)
_KANJI = re.compile(f"[{_KANJI_CHARS}]")
_KANJI_RUN = re.compile(f"[{_KANJI_CHARS}]+")

# What a reading may contain: hiragana (small ones included), the iteration marks ゝゞ,
# the (combining) voicing marks, katakana (small ones, ヴ and ヷ-ヺ included), the long
# mark ー, ヽヾ, the small katakana extension block, and half- or full-width spaces.
_KANA_CHARS = "\u3041-\u3096\u3099-\u309e\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff"
_KANA_ONLY = re.compile(f"[{_KANA_CHARS} \u3000]+")


def has_kanji(text: str) -> bool:
    """True when ``text`` contains at least one kanji (CJK ideograph, 々 or 〆)."""
    return bool(_KANJI.search(text))


def is_kana(text: str) -> bool:
    """True when ``text`` is a usable reading: only hiragana, katakana, ー and spaces.

    Small kana (ゃ, ッ, ...) count as kana; an empty or blank string does not.
    """
    return bool(text.strip()) and _KANA_ONLY.fullmatch(text) is not None


# One well-formed ruby group: braces around exactly one '|' and no other brace.
_RUBY_GROUP = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


def _ruby_pairs(text: str) -> list[tuple[str, str]]:
    """``(base, reading)`` of each ruby group; raises ``RubyError`` exactly as ``parse_ruby`` does.

    A regex fast path for validation (the loader checks every text at start-up):
    the markup is well-formed exactly when the groups the regex finds have non-blank
    parts and no brace is left outside them. Otherwise ``parse_ruby`` finds the error.
    """
    pairs: list[tuple[str, str]] = _RUBY_GROUP.findall(text)
    # Each group holds one brace of each kind, so no brace is left outside them exactly
    # when the counts match.
    count = len(pairs)
    if (
        text.count("{") != count
        or text.count("}") != count
        or any(not b.strip() or not r.strip() for b, r in pairs)
    ):
        parse_ruby(text)  # raises with the message and position of the first error
    return pairs


# Text whose markup is well-formed and whose readings are all kana, in one pass: braces
# only in groups {base|reading}, each base holding a non-blank character and each reading
# kana only with a non-blank one. Most texts are like this; the others take the long way.
_KANA_GROUP = rf"\{{\s*[^{{}}|\s][^{{}}|]*\|[ \u3000]*[{_KANA_CHARS}][{_KANA_CHARS} \u3000]*\}}"


def _groups_between(outside: str) -> re.Pattern[str]:
    return re.compile(f"{outside}*(?:{_KANA_GROUP}{outside}*)*")


_ALL_READINGS_KANA = _groups_between("[^{}]")
# The same with no kanji outside the groups: a text read aloud as --strict wants it.
_ALL_KANJI_READ = _groups_between(f"[^{{}}{_KANJI_CHARS}]")


def fully_read(text: str) -> bool:
    """True when ``text`` is well-formed, its readings are kana and every kanji has one.

    One scan that stands for ``readings_not_kana`` and ``unread_kanji`` both finding
    nothing, for the usual text read aloud; False means "ask them".
    """
    return _ALL_KANJI_READ.fullmatch(text) is not None


def readings_not_kana(text: str) -> list[Segment]:
    """Every ruby segment whose reading is not kana only (``{電源|den}``), in order.

    Raises ``RubyError`` on broken markup, like ``parse_ruby``.
    """
    if _ALL_READINGS_KANA.fullmatch(text):
        return []
    pairs = _ruby_pairs(text)
    # Readings are never blank here (_ruby_pairs refuses those), so when all of them
    # together are kana, each one is.
    if _KANA_ONLY.fullmatch("".join(reading for _, reading in pairs) or "あ"):
        return []
    return [Segment(base, reading) for base, reading in pairs if not is_kana(reading)]


def unread_kanji(text: str) -> list[str]:
    """Runs of kanji without a reading, in order, each once: ``電話を{使|つか}う`` -> ``["電話"]``.

    These are what a speech engine that cannot read kanji (espeak-ng) would stumble on.
    Raises ``RubyError`` on broken markup, like ``parse_ruby``.
    """
    _ruby_pairs(text)
    # Replace each ruby group by a separator so kanji on both sides are not joined.
    unread = _RUBY_GROUP.sub("\n", text)
    return list(dict.fromkeys(_KANJI_RUN.findall(unread)))
