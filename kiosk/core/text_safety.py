"""Characters no text from a file may carry: control characters and bidi overrides.

Lesson and rehearsal files are written by volunteers and may be pasted from anywhere.
An ESC sequence can rewrite a staff terminal, NUL cuts text short, and a bidi override
(U+202A-U+202E, U+2066-U+2069) shows text in another order than it is read, so a file
holding any of them is refused. ``printable`` makes any text safe to print.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and line feed, DEL, C1 controls, the bidi embeddings and
# overrides, the bidi isolates, and the Arabic letter mark (an invisible bidi control).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c]")

_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BS",
    "\x0d": "CR",
    "\x1b": "ESC",
    "\x7f": "DEL",
}


def describe(char: str) -> str:
    """``U+001B (ESC)``, ``U+202E (RIGHT-TO-LEFT OVERRIDE)``, ``U+0085``."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


def first_unsafe(text: str) -> tuple[int, str] | None:
    """The position (from 1) and character of the first unsafe character, or None."""
    match = _UNSAFE.search(text)
    return (match.start() + 1, match.group()) if match else None


def printable(text: str) -> str:
    """``text`` with every unsafe character written as ``\\u001b``, safe for a terminal."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
