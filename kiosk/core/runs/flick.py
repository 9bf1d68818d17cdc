"""One go at the フリック入力 drill: the words to type, what is typed so far, and each key press.

The learner copies 「こんにちは」 and 「ありがとう」, then types a word of their own and
ends it with 改行. Their own word is never kept: it is gone when the drill ends or the
learner leaves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.drills import Drill
from kiosk.core.flick import ENTER_LABEL, Step, coach_flick, next_step, press
from kiosk.core.gestures import Direction
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import DrillRun, Move, monotonic_ms

WORDS = ("こんにちは", "ありがとう")
OWN_WORD = ""
"""The last step: a word of the learner's own choice (it is never kept)."""
STEPS = (*WORDS, OWN_WORD)
NO_WORD_YET = "まず ことばを うちましょう。"


@dataclass(frozen=True)
class KeyPress:
    """What one key press did.

    ``ok`` False: nothing was typed and ``message`` says what to do instead.
    ``typed_word``: a given word was typed in full and the run moved on to the next.
    ``move`` is ``Move.DONE`` once the learner's own word was entered: the drill is over.
    """

    ok: bool
    message: str = ""
    typed_word: str = ""
    move: Move = Move.STAY


class FlickRun(DrillRun[str]):
    """The flick drill's steps (``STEPS``), the text typed so far and the tries."""

    def __init__(self, clock: Clock = monotonic_ms) -> None:
        super().__init__(Drill.FLICK, STEPS, clock)
        self.typed = ""

    def restart(self, steps: Sequence[str] | None = None) -> None:
        super().restart(steps)
        self.typed = ""

    @property
    def own_word_stage(self) -> bool:
        """True on the last step, where the learner types a word of their own."""
        return self.index >= len(WORDS)

    @property
    def target(self) -> str:
        """The word to copy now (``OWN_WORD`` on the last step)."""
        return OWN_WORD if self.own_word_stage else self.expected

    def next_stroke(self) -> Step | None:
        """The next key to press towards the word to copy (None on the learner's own word)."""
        if self.own_word_stage:
            return None
        return next_step(self.target, self.typed)

    def hint_key(self) -> tuple[str, Direction]:
        """The key and the flick the finger demonstrates now."""
        step = self.next_stroke()
        if step is None:
            return ENTER_LABEL, Direction.NONE
        return step.key, step.direction

    def press(self, label: str, direction: Direction) -> KeyPress | None:
        """Key ``label`` pressed with ``direction``; None once the drill is over."""
        if self.finished:
            return None
        if self.own_word_stage:
            return self._own_word_key(label, direction)
        target = self.target
        feedback = coach_flick(target, self.typed, label, direction)
        self.count(feedback.ok)
        if not feedback.ok:
            return KeyPress(False, feedback.message)
        self.typed = press(self.typed, label, direction)
        if self.typed != target:
            return KeyPress(True)
        self.advance()  # every key press was counted as a try: the word moves on
        self.typed = ""
        return KeyPress(True, typed_word=target, move=Move.NEXT)

    def _own_word_key(self, label: str, direction: Direction) -> KeyPress:
        if label != ENTER_LABEL:
            self.typed = press(self.typed, label, direction)
            return KeyPress(True)
        if not self.typed:
            return KeyPress(False, NO_WORD_YET)
        self.forget_own_word()
        return KeyPress(True, move=self.answer(True))  # the last step: the drill ends

    def forget_own_word(self) -> None:
        """Clear what the learner typed of their own word (it is never kept)."""
        if self.own_word_stage:
            self.typed = ""
