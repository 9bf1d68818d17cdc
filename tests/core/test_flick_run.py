"""The フリック入力 drill's run without any screen: the words, each key press, the own word."""

from __future__ import annotations

from kiosk.core.drills import Drill
from kiosk.core.flick import DELETE_LABEL, ENTER_LABEL, MODIFIER_LABEL
from kiosk.core.gestures import Direction
from kiosk.core.runs.drill import Move
from kiosk.core.runs.flick import NO_WORD_YET, OWN_WORD, WORDS, FlickRun, KeyPress

L, U, R, D, TAP = Direction.LEFT, Direction.UP, Direction.RIGHT, Direction.DOWN, Direction.NONE
KONNICHIWA = [("か", D), ("わ", U), ("な", L), ("た", L), ("は", TAP)]
ARIGATOU = [("あ", TAP), ("ら", L), ("か", TAP), (MODIFIER_LABEL, TAP), ("た", D), ("あ", U)]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def type_all(run: FlickRun, keys: list[tuple[str, Direction]]) -> list[KeyPress | None]:
    return [run.press(label, direction) for label, direction in keys]


def test_the_words_come_in_order_and_then_the_learners_own() -> None:
    run = FlickRun()
    assert (run.target, run.progress(), run.own_word_stage) == (WORDS[0], "1 / 3", False)
    pressed = type_all(run, KONNICHIWA)
    assert pressed[-1] == KeyPress(True, typed_word=WORDS[0], move=Move.NEXT)
    assert all(p == KeyPress(True) for p in pressed[:-1])
    assert (run.target, run.typed, run.progress()) == (WORDS[1], "", "2 / 3")
    type_all(run, ARIGATOU)
    assert (run.target, run.own_word_stage, run.next_stroke()) == (OWN_WORD, True, None)
    assert (run.attempts, run.successes) == (11, 11)


def test_each_stroke_points_at_its_key_and_a_miss_types_nothing() -> None:
    run = FlickRun()
    first = run.next_stroke()
    assert first is not None
    assert (first.key, first.direction) == ("か", D)
    assert run.hint_key() == ("か", D)
    missed = run.press("か", R)
    assert missed == KeyPress(False, "したに はらうと こ です。")
    assert (run.typed, run.attempts, run.successes) == ("", 1, 0)
    assert run.press("か", D) == KeyPress(True)
    assert run.typed == "こ"
    assert run.hint_key() == ("わ", U)


def test_a_voiced_kana_asks_for_the_modifier_key() -> None:
    run = FlickRun()
    type_all(run, KONNICHIWA + ARIGATOU[:3])
    assert run.typed == "ありか"
    assert run.hint_key() == (MODIFIER_LABEL, TAP)
    assert run.press("た", D) == KeyPress(False, "「小゛゜」を おして、「が」に します。")
    run.press(MODIFIER_LABEL, TAP)
    assert run.typed == "ありが"


def test_the_own_word_needs_a_word_ends_with_enter_and_is_not_kept() -> None:
    clock = FakeClock()
    run = FlickRun(clock)
    type_all(run, KONNICHIWA + ARIGATOU)
    assert run.hint_key() == (ENTER_LABEL, TAP)
    assert run.press(ENTER_LABEL, TAP) == KeyPress(False, NO_WORD_YET)
    type_all(run, [("な", R), ("か", D), ("か", TAP), (DELETE_LABEL, TAP)])
    assert run.typed == "ねこ"
    clock.now += 61_000
    assert run.press(ENTER_LABEL, TAP) == KeyPress(True, move=Move.DONE)
    assert run.typed == ""
    completion = run.finish()
    assert (completion.kind, completion.item_id) == ("practice", Drill.FLICK.value)
    assert run.result is not None
    assert (run.result.drill, run.result.attempts, run.result.successes) == (Drill.FLICK, 12, 12)
    assert run.result.seconds == 61.0
    # Once over, keys do nothing until the run starts again.
    assert run.press("あ", TAP) is None
    run.restart()
    assert (run.target, run.typed, run.attempts, run.finished) == (WORDS[0], "", 0, False)


def test_leaving_forgets_the_own_word_but_not_a_given_one() -> None:
    run = FlickRun()
    run.press("か", D)
    run.forget_own_word()
    assert run.typed == "こ"
    type_all(run, KONNICHIWA[1:] + ARIGATOU + [("な", R)])
    assert run.typed == "ね"
    run.forget_own_word()
    assert run.typed == ""
