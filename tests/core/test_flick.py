"""The 12-key flick keyboard: layout, direction to kana, 小゛゜ cycling and typing coaching."""

from __future__ import annotations

import pytest

from kiosk.core.flick import (
    COLUMNS,
    DELETE_LABEL,
    ENTER_LABEL,
    FLICK_MIN_MM,
    KEYS,
    MODIFIER_LABEL,
    ROWS,
    KeyKind,
    Step,
    StepKind,
    can_type,
    candidate,
    coach_flick,
    flick_direction,
    instruction,
    next_step,
    next_variant,
    press,
    stroke_for,
)
from kiosk.core.gestures import Direction, Mistake
from kiosk.core.ruby import plain_text

L, U, R, D, TAP = Direction.LEFT, Direction.UP, Direction.RIGHT, Direction.DOWN, Direction.NONE


def type_word(presses: list[tuple[str, Direction]]) -> str:
    text = ""
    for label, direction in presses:
        text = press(text, label, direction)
    return text


def test_layout_has_the_ten_kana_rows_and_the_function_keys() -> None:
    labels = [k.label for k in KEYS]
    for row in "あかさたなはまやらわ":
        assert row in labels
    assert {MODIFIER_LABEL, DELETE_LABEL, ENTER_LABEL} <= set(labels)


def test_layout_fills_the_grid_without_overlap() -> None:
    cells: set[tuple[int, int]] = set()
    for k in KEYS:
        for r in range(k.row, k.row + k.row_span):
            assert (r, k.column) not in cells
            cells.add((r, k.column))
    assert cells == {(r, c) for r in range(ROWS) for c in range(COLUMNS)}


@pytest.mark.parametrize(
    ("label", "tap", "left", "up", "right", "down"),
    [
        ("あ", "あ", "い", "う", "え", "お"),
        ("か", "か", "き", "く", "け", "こ"),
        ("た", "た", "ち", "つ", "て", "と"),
        ("は", "は", "ひ", "ふ", "へ", "ほ"),
        ("や", "や", "「", "ゆ", "」", "よ"),
        ("ら", "ら", "り", "る", "れ", "ろ"),
        ("わ", "わ", "を", "ん", "ー", ""),
    ],
)
def test_direction_gives_the_vowel(
    label: str, tap: str, left: str, up: str, right: str, down: str
) -> None:
    assert [candidate(label, dx, dy) for dx, dy in [(0, 0), (-8, 0), (0, -8), (8, 0), (0, 8)]] == [
        tap,
        left,
        up,
        right,
        down,
    ]


def test_small_movement_stays_a_tap_and_dominant_axis_decides() -> None:
    assert flick_direction(FLICK_MIN_MM - 1, 1) is TAP
    assert flick_direction(FLICK_MIN_MM + 1, 2) is R
    assert flick_direction(-3, -9) is U
    assert candidate("ま", 2, 10) == "も"


def test_function_keys_show_no_candidate() -> None:
    assert candidate(DELETE_LABEL, 0, 0) == ""
    assert candidate(MODIFIER_LABEL, 10, 0) == ""


@pytest.mark.parametrize(
    ("start", "cycle"),
    [
        ("か", "がか"),
        ("は", "ばぱは"),
        ("つ", "っづつ"),
        ("や", "ゃや"),
        ("う", "ぅゔう"),
        ("よ", "ょよ"),
    ],
)
def test_modifier_cycles_the_previous_character(start: str, cycle: str) -> None:
    text = "あ" + start
    seen = []
    for _ in cycle:
        text = press(text, MODIFIER_LABEL)
        seen.append(text[-1])
    assert "".join(seen) == cycle
    assert text.startswith("あ")


def test_modifier_leaves_characters_without_variants_alone() -> None:
    assert next_variant("ん") == ""
    assert press("さん", MODIFIER_LABEL) == "さん"
    assert press("", MODIFIER_LABEL) == ""


def test_delete_and_enter() -> None:
    assert press("あい", DELETE_LABEL) == "あ"
    assert press("", DELETE_LABEL) == ""
    assert press("あ", ENTER_LABEL) == "あ\n"


def test_typing_konnichiwa_and_arigatou_by_flicks() -> None:
    assert type_word([("か", D), ("わ", U), ("な", L), ("た", L), ("は", TAP)]) == "こんにちは"
    assert (
        type_word([("あ", TAP), ("ら", L), ("か", TAP), (MODIFIER_LABEL, TAP), ("た", D),
                   ("あ", U)])
        == "ありがとう"
    )  # fmt: skip


def test_stroke_for_characters_including_voiced_and_small() -> None:
    s = stroke_for("う")
    assert s is not None
    assert (s.key, s.direction, s.modifier_presses) == ("あ", U, 0)
    s = stroke_for("ぱ")
    assert s is not None
    assert (s.key, s.direction, s.modifier_presses) == ("は", TAP, 2)
    s = stroke_for("っ")
    assert s is not None
    assert (s.key, s.direction, s.modifier_presses) == ("た", U, 1)
    assert stroke_for("漢") is None
    assert can_type("ありがとう")
    assert not can_type("アリガトウ")


def test_next_step_walks_through_a_word_with_dakuten() -> None:
    assert next_step("ありがとう", "") == Step(StepKind.TYPE, "あ", "あ", TAP)
    assert next_step("ありがとう", "あり") == Step(StepKind.TYPE, "が", "か", TAP)
    assert next_step("ありがとう", "ありか") == Step(StepKind.MODIFY, "が", MODIFIER_LABEL)
    assert next_step("ありがとう", "ありが") == Step(StepKind.TYPE, "と", "た", D)
    assert next_step("ありがとう", "ありがとう").kind is StepKind.DONE


def test_next_step_asks_to_delete_a_wrong_character() -> None:
    assert next_step("こんにちは", "こい").kind is StepKind.DELETE
    assert next_step("こ", "こん").kind is StepKind.DELETE


def test_next_step_refuses_targets_off_the_keyboard() -> None:
    with pytest.raises(ValueError, match="cannot be typed on the flick keyboard"):
        next_step("漢字", "")


def test_instruction_words() -> None:
    assert instruction(next_step("う", "")) == "「う」は、「あ」の ボタンを うえに はらいます。"
    assert instruction(next_step("こ", "")) == "「こ」は、「か」の ボタンを したに はらいます。"
    assert instruction(next_step("は", "")) == "「は」は、「は」の ボタンを ちょんと さわります。"
    assert instruction(next_step("が", "か")) == "「小゛゜」を おして、「が」に します。"
    assert plain_text(instruction(next_step("あ", "い"))) == "「削除」を おして、ひとつ けします。"


def test_correct_flick_is_ok() -> None:
    assert coach_flick("ありがとう", "ありがと", "あ", U).ok


def test_wrong_direction_on_the_right_key_says_which_way() -> None:
    feedback = coach_flick("ありがとう", "ありがと", "あ", R)
    assert not feedback.ok
    assert feedback.mistake is Mistake.FLICK_WRONG_DIRECTION
    assert feedback.message == "うえに はらうと う です。"


def test_flicking_when_a_tap_was_needed() -> None:
    feedback = coach_flick("こんにちは", "こんにち", "は", D)
    assert feedback.message == "はらわずに、ちょんと さわると は です。"


def test_wrong_key_names_the_key_and_direction() -> None:
    feedback = coach_flick("こんにちは", "こん", "ま", L)
    assert feedback.mistake is Mistake.FLICK_WRONG_KEY
    assert feedback.message == "「に」は、「な」の ボタンを ひだりに はらいます。"


def test_dakuten_needs_the_modifier_key() -> None:
    assert coach_flick("ありがとう", "ありか", MODIFIER_LABEL, TAP).ok
    feedback = coach_flick("ありがとう", "ありか", "た", D)
    assert feedback.mistake is Mistake.FLICK_NEEDS_MODIFIER
    assert MODIFIER_LABEL in feedback.message


def test_enter_before_the_word_is_finished_is_coached() -> None:
    feedback = coach_flick("こんにちは", "こ", ENTER_LABEL, TAP)
    assert not feedback.ok
    assert feedback.message == "「ん」は、「わ」の ボタンを うえに はらいます。"


def test_only_delete_moves_on_from_a_wrong_character() -> None:
    assert coach_flick("あ", "い", DELETE_LABEL, TAP).ok
    assert not coach_flick("あ", "い", "あ", TAP).ok


def test_keys_have_a_kind() -> None:
    assert {k.kind for k in KEYS} == set(KeyKind)
