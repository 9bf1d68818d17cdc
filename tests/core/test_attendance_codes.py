"""Card codes: what a scanner or a keypad types is accepted, a mistyped character is caught."""

from __future__ import annotations

import random

import pytest

from kiosk.core.attendance.codes import (
    CODE_ALPHABET,
    CODE_LENGTH,
    format_code,
    is_valid_code,
    new_code,
    normalise_code,
)


def test_alphabet_has_no_characters_that_are_easy_to_misread() -> None:
    for confusable in "0O1ILQDSZBGUV":
        assert confusable not in CODE_ALPHABET
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET)


def test_new_codes_are_valid_short_and_printed_in_two_groups() -> None:
    rng = random.Random(7)
    codes = {new_code(rng) for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == CODE_LENGTH == 8
        assert is_valid_code(code)
        printed = format_code(code)
        assert printed == f"{code[:4]}-{code[4:]}"
        assert normalise_code(printed) == code


def test_every_single_wrong_character_is_rejected() -> None:
    rng = random.Random(1)
    for _ in range(200):
        code = new_code(rng)
        for position in range(CODE_LENGTH):
            for replacement in CODE_ALPHABET:
                if replacement == code[position]:
                    continue
                typo = code[:position] + replacement + code[position + 1 :]
                assert not is_valid_code(typo), (code, typo)


def test_most_swapped_neighbours_are_rejected() -> None:
    rng = random.Random(2)
    swaps = caught = 0
    for _ in range(500):
        code = new_code(rng)
        for i in range(CODE_LENGTH - 1):
            if code[i] == code[i + 1]:
                continue
            swaps += 1
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            caught += not is_valid_code(swapped)
    assert caught / swaps > 0.95


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
def test_scanner_and_keypad_input_is_normalised(typed: str) -> None:
    code = new_code(random.Random(3))
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
