"""フリック入力 drill: the candidate while moving, guided words, coaching, the unsaved free word."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF

from kiosk.core.drills import Drill
from kiosk.core.flick import DELETE_LABEL, ENTER_LABEL, MODIFIER_LABEL
from kiosk.core.gestures import Direction
from kiosk.core.runs.flick import WORDS
from kiosk.ui.practice.flick import FlickDrill
from kiosk.ui.window import KioskWindow
from tests.screens import ScreenParts
from tests.speakers import FakeSpeaker

Finger = Any  # conftest.Finger
L, U, R, D, TAP = Direction.LEFT, Direction.UP, Direction.RIGHT, Direction.DOWN, Direction.NONE
KONNICHIWA = [("か", D), ("わ", U), ("な", L), ("た", L), ("は", TAP)]
ARIGATOU = [("あ", TAP), ("ら", L), ("か", TAP), (MODIFIER_LABEL, TAP), ("た", D), ("あ", U)]
STEP = {L: (-1, 0), U: (0, -1), R: (1, 0), D: (0, 1), TAP: (0, 0)}


@pytest.fixture
def drill(parts: ScreenParts, window: KioskWindow, clock: Any, qtbot: Any) -> FlickDrill:
    screen = FlickDrill(*parts, clock=clock)
    parts.nav.open(screen)
    qtbot.waitUntil(lambda: screen.keyboard.height() > 200)
    return screen


def flick(drill: FlickDrill, finger: Finger, label: str, direction: Direction) -> None:
    kb = drill.keyboard
    centre = kb.key_rect(label).center()
    dx, dy = STEP[direction]
    end = centre + QPointF(dx, dy) * kb.mm_to_px(9)
    finger.press(centre)
    finger.move((centre + end) / 2)
    finger.move(end)
    finger.release(end)


def type_all(drill: FlickDrill, finger: Finger, keys: list[tuple[str, Direction]]) -> None:
    for label, direction in keys:
        flick(drill, finger, label, direction)


def test_candidate_follows_the_finger_before_lifting(
    drill: FlickDrill, finger_for: Callable[..., Finger]
) -> None:
    kb = drill.keyboard
    centre = kb.key_rect("あ").center()
    finger = finger_for(kb)
    finger.press(centre)
    assert kb.candidate == "あ"
    assert drill.guide.isVisible()
    finger.move(centre + QPointF(0, -kb.mm_to_px(9)))
    assert kb.candidate == "う"
    assert drill.guide.direction is U
    finger.move(centre + QPointF(kb.mm_to_px(9), 0))
    assert kb.candidate == "え"
    finger.move(centre + QPointF(1, 0))
    assert kb.candidate == "あ"
    finger.release(centre + QPointF(1, 0))
    assert not drill.guide.isVisible()
    assert kb.candidate == ""


def test_typing_konnichiwa_moves_on_to_arigatou(
    drill: FlickDrill, finger_for: Callable[..., Finger], speaker: FakeSpeaker
) -> None:
    finger = finger_for(drill.keyboard)
    type_all(drill, finger, KONNICHIWA[:2])
    assert drill.message.text == "こん"
    assert drill.coach_box.message() == "つぎは 「に」は、「な」の ボタンを ひだりに はらいます。"
    type_all(drill, finger, KONNICHIWA[2:])
    assert drill.message.model == WORDS[1]
    assert drill.message.text == ""
    assert speaker.last_text().startswith("「こんにちは」が うてました！")
    assert (drill.run.attempts, drill.run.successes) == (5, 5)


def test_wrong_direction_says_which_way_and_types_nothing(
    drill: FlickDrill, finger_for: Callable[..., Finger], speaker: FakeSpeaker
) -> None:
    flick(drill, finger_for(drill.keyboard), "か", R)
    assert drill.message.text == ""
    assert drill.coach_box.message() == "したに はらうと こ です。"
    assert speaker.last_text() == "したに はらうと こ です。"
    assert (drill.run.attempts, drill.run.successes) == (1, 0)


def test_wrong_key_names_the_right_key(
    drill: FlickDrill, finger_for: Callable[..., Finger]
) -> None:
    flick(drill, finger_for(drill.keyboard), "さ", D)
    assert drill.coach_box.message() == "「こ」は、「か」の ボタンを したに はらいます。"


def test_dakuten_key_turns_ka_into_ga(drill: FlickDrill, finger_for: Callable[..., Finger]) -> None:
    finger = finger_for(drill.keyboard)
    type_all(drill, finger, KONNICHIWA)
    type_all(drill, finger, ARIGATOU[:3])
    assert drill.message.text == "ありか"
    assert drill.keyboard.highlight == MODIFIER_LABEL
    flick(drill, finger, "た", D)
    assert "小゛゜" in drill.coach_box.message()
    flick(drill, finger, MODIFIER_LABEL, TAP)
    assert drill.message.text == "ありが"


def test_free_word_finishes_with_enter_and_is_never_kept(
    drill: FlickDrill,
    touch_finger: Callable[..., Finger],
    speaker: FakeSpeaker,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    finger = touch_finger(drill.keyboard)
    type_all(drill, finger, KONNICHIWA + ARIGATOU)
    assert drill.run.own_word_stage
    flick(drill, finger, ENTER_LABEL, TAP)
    assert drill.coach_box.message() == "まず ことばを うちましょう。"
    type_all(drill, finger, [("な", R), ("か", D), ("か", TAP)])
    flick(drill, finger, DELETE_LABEL, TAP)
    assert drill.message.text == "ねこ"
    flick(drill, finger, ENTER_LABEL, TAP)
    qtbot.waitUntil(lambda: drill.run.finished)
    result = drill.run.result
    assert result.drill is Drill.FLICK
    assert (result.attempts, result.successes) == (12, 12)
    # The learner's own word is gone from the screen, the drill and what was spoken,
    # and nothing was written to the data folder.
    assert drill.message.text == ""
    assert drill.run.typed == ""
    assert "ねこ" not in repr(result)
    assert all("ねこ" not in "".join(sentences) for sentences in speaker.spoken)
    assert list(tmp_path.iterdir()) == []
    assert drill.praise.isVisible()


def test_leaving_mid_free_word_clears_it(
    drill: FlickDrill, finger_for: Callable[..., Finger], window: KioskWindow
) -> None:
    finger = finger_for(drill.keyboard)
    type_all(drill, finger, KONNICHIWA + ARIGATOU + [("な", R)])
    assert drill.message.text == "ね"
    window.back()
    assert drill.message.text == ""
