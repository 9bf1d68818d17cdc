"""Card codes: what a scanner or a keypad types is accepted, a mistyped character is caught."""

from __future__ import annotations

import random
from collections.abc import Callable
from itertools import pairwise

import pytest

from kiosk.core.attendance.codes import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_SERIAL,
    OLD_CODE_LENGTH,
    code_parts,
    format_code,
    is_valid_code,
    issuer_for,
    make_code,
    normalise_code,
    single_fixes,
)


def old_card(rng: random.Random) -> str:
    """A code as the first release printed it: seven random symbols and the check character."""
    payload = "".join(rng.choice(CODE_ALPHABET) for _ in range(OLD_CODE_LENGTH - 1))
    return next(payload + ch for ch in CODE_ALPHABET if is_valid_code(payload + ch))


def new_card(rng: random.Random) -> str:
    issuer = "".join(rng.choice(CODE_ALPHABET) for _ in range(4))
    return make_code(issuer, rng.randrange(MAX_SERIAL + 1))


Card = Callable[[random.Random], str]
KINDS = [new_card, old_card]


def test_alphabet_has_no_characters_that_are_easy_to_misread() -> None:
    for confusable in "0O1ILQDSZBGUV":
        assert confusable not in CODE_ALPHABET
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET)


def test_codes_name_their_kiosk_and_serial_and_print_in_two_groups() -> None:
    issuer = issuer_for("KOKURA01", "K1")
    codes = [make_code(issuer, serial) for serial in range(3000)]
    assert len(set(codes)) == 3000
    for serial, code in enumerate(codes):
        assert len(code) == CODE_LENGTH == 10
        assert is_valid_code(code)
        assert code_parts(code) == (issuer, serial)
        printed = format_code(code)
        assert printed == f"{code[:5]}-{code[5:]}"
        assert normalise_code(printed) == code
    # Cards issued one after the other do not look alike.
    changed = [sum(x != y for x, y in zip(a[4:9], b[4:9], strict=True)) for a, b in pairwise(codes)]
    assert sum(n >= 4 for n in changed) > 0.9 * len(changed)


def test_two_kiosks_never_issue_the_same_code() -> None:
    kiosks = [("KOKURA01", "K1"), ("KOKURA01", "K2"), ("TOBATA", "K1"), ("MOJI", "K1")]
    issuers = {issuer_for(*kiosk) for kiosk in kiosks}
    assert len(issuers) == len(kiosks)
    codes = {
        make_code(issuer, serial) for issuer in issuers for serial in range(0, MAX_SERIAL, 997)
    }
    assert len(codes) == len(issuers) * len(range(0, MAX_SERIAL, 997))
    assert issuer_for("KOKURA01", "K1") == issuer_for("KOKURA01", "K1")


def test_old_cards_stay_valid_and_print_as_before() -> None:
    rng = random.Random(7)
    for _ in range(500):
        code = old_card(rng)
        assert is_valid_code(code)
        assert is_valid_code(f"{code[:4]}-{code[4:]}".lower())
        assert format_code(code) == f"{code[:4]}-{code[4:]}"
        assert code_parts(code) is None


def test_serials_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError, match="serial must be from 0"):
        make_code("2345", MAX_SERIAL + 1)
    with pytest.raises(ValueError, match="serial must be from 0"):
        make_code("2345", -1)
    with pytest.raises(ValueError, match="issuer must be 4 symbols"):
        make_code("0000", 1)


@pytest.mark.parametrize("card", KINDS)
def test_every_single_wrong_character_is_rejected(card: Card) -> None:
    rng = random.Random(1)
    for _ in range(200):
        code = card(rng)
        for position in range(len(code)):
            for replacement in CODE_ALPHABET:
                if replacement == code[position]:
                    continue
                typo = code[:position] + replacement + code[position + 1 :]
                assert not is_valid_code(typo), (code, typo)


@pytest.mark.parametrize("card", KINDS)
def test_most_swapped_neighbours_are_rejected(card: Card) -> None:
    rng = random.Random(2)
    swaps = caught = 0
    for _ in range(500):
        code = card(rng)
        for i in range(len(code) - 1):
            if code[i] == code[i + 1]:
                continue
            swaps += 1
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            caught += not is_valid_code(swapped)
    assert caught / swaps > 0.95


@pytest.mark.parametrize("card", KINDS)
@pytest.mark.parametrize(
    "typed",
    [
        "{lower}",
        "{dash}",
        " {spaced} ",
        "{fullwidth}",
        "{lower_dash}\n",
        "{code_ime_dash}",
    ],
)
def test_scanner_and_keypad_input_is_normalised(card: Card, typed: str) -> None:
    code = card(random.Random(3))
    fullwidth = "".join(chr(ord(ch) + 0xFEE0) for ch in format_code(code))
    variants = {
        "lower": code.lower(),
        "dash": format_code(code),
        "spaced": " ".join(code),
        "fullwidth": fullwidth,
        "lower_dash": format_code(code).lower(),
        "code_ime_dash": code[:4] + "ー" + code[4:],
    }
    text = typed.format(**variants)
    assert normalise_code(text) == code
    assert is_valid_code(text)


def test_look_alike_letters_are_read_as_the_digit_they_must_mean() -> None:
    payload = "5823456"
    code = next(payload + ch for ch in CODE_ALPHABET if is_valid_code(payload + ch))
    typed_with_letters = "S" + "B" + "Z" + code[3:]
    assert normalise_code(typed_with_letters) == code
    assert is_valid_code(typed_with_letters)


@pytest.mark.parametrize("bad", ["", "ABC", "AAAAAAAAA", "0O1I-LLLL", "ＡＢ", "あいうえおかきく"])
def test_malformed_input_is_not_a_code(bad: str) -> None:
    assert not is_valid_code(bad)


def test_single_fixes_offer_one_correction_per_position_and_include_the_real_code() -> None:
    code = make_code(issuer_for("DEMO", "K1"), 1234)
    wrong = CODE_ALPHABET[(CODE_ALPHABET.index(code[4]) + 5) % len(CODE_ALPHABET)]
    typed = code[:4] + wrong + code[5:]
    fixes = single_fixes(typed)
    assert (4, code) in fixes
    assert sorted({position for position, _ in fixes}) == list(range(CODE_LENGTH))
    assert all(is_valid_code(fixed) for _, fixed in fixes)
    assert single_fixes(code) == []  # nothing to fix
    assert single_fixes(code[:5]) == []  # too short: no single change helps
