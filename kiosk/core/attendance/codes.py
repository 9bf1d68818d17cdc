"""Pseudonymous participant codes: short, hard to misread, with a check character."""

from __future__ import annotations

import secrets
import unicodedata
from random import Random

# No 0/O/Q/D, 1/I/L/J, U/V, and no letter that looks like a digit we keep
# (S~5, B~8, Z~2, G~6): every character on the card reads one way only.
CODE_ALPHABET = "23456789ACEFHKMNPRTWXY"
PAYLOAD_LENGTH = 7
CODE_LENGTH = PAYLOAD_LENGTH + 1
_INDEX = {ch: i for i, ch in enumerate(CODE_ALPHABET)}
_N = len(CODE_ALPHABET)

# Typed look-alikes that are not in the alphabet map to the one character they
# can only mean; separators a scanner, a keypad or an IME may produce are dropped.
_LOOK_ALIKES = str.maketrans({"S": "5", "B": "8", "Z": "2", "G": "6"})
_SEPARATORS = str.maketrans(dict.fromkeys(" \t\r\n-_.‐‑‒–—―ー−\u3000", None))


def _check_character(payload: str) -> str:
    """Luhn mod N: catches every single wrong character and most swapped neighbours."""
    factor = 2
    total = 0
    for ch in reversed(payload):
        addend = factor * _INDEX[ch]
        total += addend // _N + addend % _N
        factor = 1 if factor == 2 else 2
    return CODE_ALPHABET[(_N - total % _N) % _N]


def normalise_code(text: str) -> str:
    """Return ``text`` as a canonical code candidate (it may still be invalid).

    Accepts what a keyboard-emulating QR scanner or a keypad produces:
    full-width characters, lower case, spaces and hyphens of any kind.
    """
    folded = unicodedata.normalize("NFKC", text).upper()
    return folded.translate(_SEPARATORS).translate(_LOOK_ALIKES)


def is_valid_code(text: str) -> bool:
    """True when ``text`` (after normalising) is a well-formed code with a correct check character."""
    code = normalise_code(text)
    if len(code) != CODE_LENGTH or any(ch not in _INDEX for ch in code):
        return False
    return _check_character(code[:-1]) == code[-1]


def new_code(rng: Random | None = None) -> str:
    """A fresh random code in canonical form (``rng`` makes it reproducible for demo data)."""
    if rng is None:
        payload = "".join(secrets.choice(CODE_ALPHABET) for _ in range(PAYLOAD_LENGTH))
    else:
        payload = "".join(rng.choice(CODE_ALPHABET) for _ in range(PAYLOAD_LENGTH))
    return payload + _check_character(payload)


def format_code(code: str) -> str:
    """The code as printed on the card and put in its QR: ``ABCD-EFGH``."""
    canonical = normalise_code(code)
    return f"{canonical[:4]}-{canonical[4:]}"
