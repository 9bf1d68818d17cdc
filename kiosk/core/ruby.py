"""Furigana markup ``{漢字|かんじ}``: parse it, and derive the display, reading and sentence forms."""

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
    segments: list[Segment] = []
    plain: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "}":
            raise RubyError("'}' without a matching '{'", i)
        if ch != "{":
            plain.append(ch)
            i += 1
            continue
        end = text.find("}", i + 1)
        nested = text.find("{", i + 1)
        if end == -1 or (nested != -1 and nested < end):
            raise RubyError("'{' is not closed with '}'", i)
        body = text[i + 1 : end]
        if body.count("|") != 1:
            raise RubyError("ruby must look like {漢字|かんじ} with exactly one '|'", i)
        base, reading = body.split("|")
        if not base.strip() or not reading.strip():
            raise RubyError("ruby has an empty word or reading", i)
        if plain:
            segments.append(Segment("".join(plain)))
            plain = []
        segments.append(Segment(base, reading))
        i = end + 1
    if plain:
        segments.append(Segment("".join(plain)))
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


_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")


def has_kanji(text: str) -> bool:
    return bool(_KANJI.search(text))
