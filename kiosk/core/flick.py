"""The Japanese 12-key flick keyboard: layout, flick direction to kana, and typing coaching."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kiosk.core.gestures import DIRECTION_WORDS, Direction, Feedback, Mistake, direction_of

# How far the finger must move from where it touched a key before the key reads it as a
# flick. Phones use a few millimetres; a little more keeps a trembling tap a tap.
FLICK_MIN_MM = 5.0

MODIFIER_LABEL = "小゛゜"
DELETE_LABEL = "削除"
ENTER_LABEL = "改行"

# Order of the five characters on each kana key: tap, left, up, right, down (as on iPhone and
# Android 12-key keyboards: あ段 tap, い left, う up, え right, お down).
DIRECTION_ORDER = (Direction.NONE, Direction.LEFT, Direction.UP, Direction.RIGHT, Direction.DOWN)


class KeyKind(Enum):
    """What a key does."""

    KANA = "kana"
    MODIFIER = "modifier"
    DELETE = "delete"
    ENTER = "enter"


@dataclass(frozen=True)
class FlickKey:
    """One key: its label, what it does, its kana by direction and its place on the grid."""

    label: str
    kind: KeyKind
    row: int
    column: int
    row_span: int = 1
    # Five characters in ``DIRECTION_ORDER``; "" where a direction has nothing.
    kana: tuple[str, str, str, str, str] = ("", "", "", "", "")

    def char_for(self, direction: Direction) -> str:
        """The character this key gives for ``direction`` ("" when there is none)."""
        if self.kind is not KeyKind.KANA:
            return ""
        return self.kana[DIRECTION_ORDER.index(direction)]


def _kana(label: str, row: int, column: int, chars: str) -> FlickKey:
    c = [chars[i] if i < len(chars) else "" for i in range(5)]
    return FlickKey(label, KeyKind.KANA, row, column, kana=(c[0], c[1], c[2], c[3], c[4]))


# Four rows of three kana keys, and a fourth column with 削除 and 改行, each two rows tall
# (bigger than on a phone, because they are the keys learners hunt for).
KEYS: tuple[FlickKey, ...] = (
    _kana("あ", 0, 0, "あいうえお"),
    _kana("か", 0, 1, "かきくけこ"),
    _kana("さ", 0, 2, "さしすせそ"),
    _kana("た", 1, 0, "たちつてと"),
    _kana("な", 1, 1, "なにぬねの"),
    _kana("は", 1, 2, "はひふへほ"),
    _kana("ま", 2, 0, "まみむめも"),
    _kana("や", 2, 1, "や「ゆ」よ"),
    _kana("ら", 2, 2, "らりるれろ"),
    FlickKey(MODIFIER_LABEL, KeyKind.MODIFIER, 3, 0),
    _kana("わ", 3, 1, "わをんー"),
    _kana("、。", 3, 2, "、。？！"),
    FlickKey(DELETE_LABEL, KeyKind.DELETE, 0, 3, row_span=2),
    FlickKey(ENTER_LABEL, KeyKind.ENTER, 2, 3, row_span=2),
)
KEYS_BY_LABEL = {key.label: key for key in KEYS}
ROWS = 4
COLUMNS = 4

# 小゛゜ turns the previous character into the next form in its cycle, as phones do.
CYCLES: tuple[str, ...] = (
    "あぁ", "いぃ", "うぅゔ", "えぇ", "おぉ",
    "かが", "きぎ", "くぐ", "けげ", "こご",
    "さざ", "しじ", "すず", "せぜ", "そぞ",
    "ただ", "ちぢ", "つっづ", "てで", "とど",
    "はばぱ", "ひびぴ", "ふぶぷ", "へべぺ", "ほぼぽ",
    "やゃ", "ゆゅ", "よょ", "わゎ",
)  # fmt: skip
_CYCLE_OF = {ch: cycle for cycle in CYCLES for ch in cycle}


def key(label: str) -> FlickKey:
    """The key with ``label``; raise KeyError for an unknown label."""
    return KEYS_BY_LABEL[label]


def flick_direction(dx_mm: float, dy_mm: float, min_mm: float = FLICK_MIN_MM) -> Direction:
    """The flick a finger made by moving (dx, dy) mm from where it touched; NONE is a tap."""
    if (dx_mm * dx_mm + dy_mm * dy_mm) ** 0.5 < min_mm:
        return Direction.NONE
    return direction_of(dx_mm, dy_mm)


def candidate(label: str, dx_mm: float, dy_mm: float) -> str:
    """The character shown while the finger is at (dx, dy) from its touch on key ``label``.

    Empty for keys that do not type a character and for directions with nothing on them.
    """
    return key(label).char_for(flick_direction(dx_mm, dy_mm))


def next_variant(ch: str) -> str:
    """What 小゛゜ turns ``ch`` into: か→が→か, は→ば→ぱ→は, つ→っ→づ→つ; "" if nothing."""
    cycle = _CYCLE_OF.get(ch)
    if cycle is None:
        return ""
    return cycle[(cycle.index(ch) + 1) % len(cycle)]


def press(text: str, label: str, direction: Direction = Direction.NONE) -> str:
    """The text after pressing key ``label`` with ``direction`` at the end of ``text``."""
    pressed = key(label)
    if pressed.kind is KeyKind.KANA:
        return text + pressed.char_for(direction)
    if pressed.kind is KeyKind.DELETE:
        return text[:-1]
    if pressed.kind is KeyKind.ENTER:
        return text + "\n"
    variant = next_variant(text[-1]) if text else ""
    return text[:-1] + variant if variant else text


@dataclass(frozen=True)
class Stroke:
    """How to type one character: the key, the flick direction and the 小゛゜ presses after it."""

    char: str
    key: str
    direction: Direction
    modifier_presses: int = 0


def stroke_for(ch: str) -> Stroke | None:
    """How to type ``ch`` on the keyboard, or None if it cannot be typed (kanji, katakana)."""
    cycle = _CYCLE_OF.get(ch)
    base = cycle[0] if cycle else ch
    presses = cycle.index(ch) if cycle else 0
    for k in KEYS:
        if k.kind is KeyKind.KANA and base in k.kana:
            return Stroke(ch, k.label, DIRECTION_ORDER[k.kana.index(base)], presses)
    return None


def can_type(word: str) -> bool:
    """True when every character of ``word`` is on the keyboard."""
    return all(stroke_for(ch) is not None for ch in word)


class StepKind(Enum):
    """The next thing to do to reach a target word."""

    TYPE = "type"
    MODIFY = "modify"
    DELETE = "delete"
    DONE = "done"


@dataclass(frozen=True)
class Step:
    """The next step towards a target word; ``char`` is the character it leads to."""

    kind: StepKind
    char: str = ""
    key: str = ""
    direction: Direction = Direction.NONE


def next_step(target: str, typed: str) -> Step:
    """What the learner should do next to turn ``typed`` into ``target``."""
    if typed == target:
        return Step(StepKind.DONE)
    common = 0
    while common < min(len(target), len(typed)) and target[common] == typed[common]:
        common += 1
    if common == len(typed):
        wanted = target[common]
        stroke = stroke_for(wanted)
        if stroke is None:
            raise ValueError(f"{wanted!r} cannot be typed on the flick keyboard")
        return Step(StepKind.TYPE, wanted, stroke.key, stroke.direction)
    wanted = target[common] if common < len(target) else ""
    if common == len(typed) - 1 and wanted and _CYCLE_OF.get(wanted) == _CYCLE_OF.get(typed[-1]):
        return Step(StepKind.MODIFY, wanted, MODIFIER_LABEL)
    return Step(StepKind.DELETE, key=DELETE_LABEL)


def instruction(step: Step) -> str:
    """Words for ``step``: 「「う」は、「あ」の ボタンを うえに はらいます。」 (furigana markup)."""
    if step.kind is StepKind.TYPE:
        if step.direction is Direction.NONE:
            how = "ちょんと さわります"
        else:
            how = f"{DIRECTION_WORDS[step.direction]}に はらいます"
        return f"「{step.char}」は、「{step.key}」の ボタンを {how}。"
    if step.kind is StepKind.MODIFY:
        return f"「{MODIFIER_LABEL}」を おして、「{step.char}」に します。"
    if step.kind is StepKind.DELETE:
        return "「{削除|さくじょ}」を おして、ひとつ けします。"
    return "できました。"


def direction_hint(char: str, direction: Direction) -> str:
    """「うえに はらうと う です。」: which way gives ``char`` on its key."""
    if direction is Direction.NONE:
        return f"はらわずに、ちょんと さわると {char} です。"
    return f"{DIRECTION_WORDS[direction]}に はらうと {char} です。"


def coach_flick(target: str, typed: str, label: str, direction: Direction) -> Feedback:
    """Judge one key press while typing ``target``; ``ok`` means the press moves forward.

    Coaching names what to do instead: the direction on the right key, the right key,
    or 小゛゜ when the character needs it.
    """
    step = next_step(target, typed)
    pressed = key(label)
    if step.kind is StepKind.DONE:
        return Feedback(True)
    if step.kind is StepKind.MODIFY:
        if pressed.kind is KeyKind.MODIFIER:
            return Feedback(True)
        return Feedback(False, Mistake.FLICK_NEEDS_MODIFIER, instruction(step))
    if step.kind is StepKind.DELETE:
        if pressed.kind is KeyKind.DELETE:
            return Feedback(True)
        return Feedback(False, Mistake.FLICK_WRONG_KEY, instruction(step))
    if label == step.key and direction is step.direction:
        return Feedback(True)
    if label == step.key:
        return Feedback(
            False, Mistake.FLICK_WRONG_DIRECTION, direction_hint(step.char, step.direction)
        )
    return Feedback(False, Mistake.FLICK_WRONG_KEY, instruction(step))
