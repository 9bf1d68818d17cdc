"""Card codes: short, hard to misread, with a check character, unique across the city.

A card code is ``ABCDE-FGHJK``: four symbols naming the issuing kiosk, five
for the card's serial number at that kiosk, and a check character. Two
kiosks never hand out the same code because their issuer symbols differ, and
one kiosk never repeats a serial. The serial is scrambled by a fixed
permutation, so cards issued one after the other do not look alike and a
neighbour's code cannot be guessed by counting.

Cards printed before city-wide codes carry seven random symbols and a check
character (``ABCD-EFGH``); they stay valid everywhere.
"""

from __future__ import annotations

import hashlib
import unicodedata

# No 0/O/Q/D, 1/I/L/J, U/V, and no letter that looks like a digit we keep
# (S~5, B~8, Z~2, G~6): every character on the card reads one way only.
CODE_ALPHABET = "23456789ACEFHKMNPRTWXY"
_N = len(CODE_ALPHABET)
_INDEX = {ch: i for i, ch in enumerate(CODE_ALPHABET)}

ISSUER_LENGTH = 4
SERIAL_LENGTH = 5
CODE_LENGTH = ISSUER_LENGTH + SERIAL_LENGTH + 1
# Random codes of the first release: seven symbols and the check character.
OLD_CODE_LENGTH = 8
MAX_SERIAL = _N**SERIAL_LENGTH - 1
# serial -> (serial * _SPREAD + _SHIFT) mod N**5 is a bijection: _SPREAD shares no
# factor with 22 = 2 * 11.
_MODULUS = _N**SERIAL_LENGTH
_SPREAD = 1_234_567
_SHIFT = 2_718_281
_UNSPREAD = pow(_SPREAD, -1, _MODULUS)

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


def _symbols(number: int, length: int) -> str:
    digits = []
    for _ in range(length):
        number, digit = divmod(number, _N)
        digits.append(CODE_ALPHABET[digit])
    return "".join(reversed(digits))


def _number(symbols: str) -> int:
    value = 0
    for ch in symbols:
        value = value * _N + _INDEX[ch]
    return value


def normalise_code(text: str) -> str:
    """Return ``text`` as a canonical code candidate (it may still be invalid).

    Accepts what a keyboard-emulating QR scanner or a keypad produces:
    full-width characters, lower case, spaces and hyphens of any kind.
    """
    folded = unicodedata.normalize("NFKC", text).upper()
    return folded.translate(_SEPARATORS).translate(_LOOK_ALIKES)


def is_valid_code(text: str) -> bool:
    """True for a well-formed card code of either kind (after normalising) with a correct check."""
    code = normalise_code(text)
    if len(code) not in (CODE_LENGTH, OLD_CODE_LENGTH) or any(ch not in _INDEX for ch in code):
        return False
    return _check_character(code[:-1]) == code[-1]


def issuer_for(centre_code: str, kiosk_id: str) -> str:
    """The four issuer symbols of a kiosk, derived from its centre code and kiosk id."""
    digest = hashlib.sha256(f"{centre_code}\x1f{kiosk_id}".encode()).digest()
    return _symbols(int.from_bytes(digest[:8], "big") % _N**ISSUER_LENGTH, ISSUER_LENGTH)


def make_code(issuer: str, serial: int) -> str:
    """The card code for ``serial`` (0 to ``MAX_SERIAL``) at the kiosk with ``issuer`` symbols."""
    if len(issuer) != ISSUER_LENGTH or any(ch not in _INDEX for ch in issuer):
        raise ValueError(f"issuer must be {ISSUER_LENGTH} symbols of the code alphabet")
    if not 0 <= serial <= MAX_SERIAL:
        raise ValueError(f"serial must be from 0 to {MAX_SERIAL}")
    payload = issuer + _symbols((serial * _SPREAD + _SHIFT) % _MODULUS, SERIAL_LENGTH)
    return payload + _check_character(payload)


def code_parts(code: str) -> tuple[str, int] | None:
    """(issuer, serial) of a valid city-wide code, or None (an old card, or not a code)."""
    canonical = normalise_code(code)
    if len(canonical) != CODE_LENGTH or not is_valid_code(canonical):
        return None
    scrambled = _number(canonical[ISSUER_LENGTH:-1])
    return canonical[:ISSUER_LENGTH], (scrambled - _SHIFT) * _UNSPREAD % _MODULUS


def format_code(code: str) -> str:
    """The code as printed on the card and put in its QR: ``ABCDE-FGHJK`` (old cards ``ABCD-EFGH``)."""
    canonical = normalise_code(code)
    half = (len(canonical) + 1) // 2
    return f"{canonical[:half]}-{canonical[half:]}"


def single_fixes(text: str) -> list[tuple[int, str]]:
    """Each way to make ``text`` a valid code by changing one character.

    Returns ``(position, code)`` pairs, position counted from 0. Luhn mod N gives one
    fix per position, so the check character alone cannot say which one is wrong; the
    caller keeps the fixes that belong to a real card, and when only one does, the
    learner can be told where to look.
    """
    code = normalise_code(text)
    if len(code) not in (CODE_LENGTH, OLD_CODE_LENGTH) or is_valid_code(code):
        return []
    fixes = []
    for position in range(len(code)):
        for ch in CODE_ALPHABET:
            if ch == code[position]:
                continue
            candidate = code[:position] + ch + code[position + 1 :]
            if is_valid_code(candidate):
                fixes.append((position, candidate))
    return fixes
