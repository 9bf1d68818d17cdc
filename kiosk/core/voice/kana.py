"""What each speech engine is handed for one sentence with furigana markup.

* ``hybrid_text``: for engines that read kanji (Open JTalk, SAPI5's Japanese voices). The
  written text keeps its kanji, which these engines read in context; the author's reading
  replaces only words without kanji (``{iPhone|アイフォーン}``, ``{#9110|シャープ...}``),
  and symbols and clock times are written the way they are said.
* ``live_kana``: for kana-only engines (espeak-ng). The author's readings, with what such
  an engine gets wrong fixed here: the particles は, へ and を said わ, え and お, numbers
  said as they are counted (よんけた, いっかい, ふたつ), and symbols named in Japanese.
"""

from __future__ import annotations

import re

from kiosk.core.ruby import RubyError, Segment, has_kanji, parse_ruby

# Symbols a learner is told to look for, named in words; the rest only separate words.
_SYMBOL_NAMES = {
    "×": "ばつ",
    "✕": "ばつ",
    "○": "まる",
    "〇": "まる",
    "◯": "まる",
    "＜": "ひだりむきの しるし",
    "<": "ひだりむきの しるし",
    "←": "ひだりやじるし",
    "→": "みぎやじるし",
    "＃": "シャープ",
    "#": "シャープ",
}
_SEPARATORS = re.compile(r"[・：:／/]")
_CLOCK = re.compile(r"(?<![0-9０-９])([0-9]{1,2})[:：]([0-5][0-9])(?![0-9])")


def _segments(sentence: str) -> list[Segment]:
    """The sentence's segments; broken markup (the loader reports it) is read without braces."""
    try:
        return parse_ruby(sentence)
    except RubyError:
        readings = re.sub(r"\{[^{}|]*\|([^{}|]*)\}", r"\1", sentence)
        return [Segment(re.sub(r"[{}|]", "", readings))]


def _name_symbols(text: str) -> str:
    for symbol, name in _SYMBOL_NAMES.items():
        text = text.replace(symbol, name)
    return _SEPARATORS.sub("、", text)


# A number in ruby ({188|いちはちはち}) goes to the engine as digits: Open JTalk reads kana
# like いちはちはち as イチワチワチ, and the user dictionary says dialled numbers digit by digit.
_DIALLED = re.compile(r"[#＃]?[0-9０-９]+")


def hybrid_text(sentence: str) -> str:
    """The sentence for an engine that reads kanji: kanji as written, other words as read."""
    parts = []
    for segment in _segments(sentence):
        if segment.reading and _DIALLED.fullmatch(segment.base):
            parts.append(_name_symbols(segment.base))
        elif segment.reading and not has_kanji(segment.base):
            parts.append(segment.reading)
        elif segment.reading:
            parts.append(segment.base)
        else:
            text = _CLOCK.sub(lambda m: f"{int(m[1])}時{m[2]}分", segment.base)
            parts.append(_name_symbols(text))
    return "".join(parts)


# --- Numbers, said as they are counted ----------------------------------------------------

_DIGITS = ("", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
_DIGIT_BY_DIGIT = ("ゼロ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
_PLACES = ((1000, "せん"), (100, "ひゃく"), (10, "じゅう"))
_PLACE_SOUNDS = {
    (3, 1000): "さんぜん",
    (8, 1000): "はっせん",
    (3, 100): "さんびゃく",
    (6, 100): "ろっぴゃく",
    (8, 100): "はっぴゃく",
}

# Counters whose sound changes after 1, 3, 6, 8 and 10 (いっかい, さんぼん, ...), or that
# use native numbers (ひとつ, ふたり). Each entry maps the last digit (0 for 10) to the
# way the number ends; numbers not listed are said plainly before the counter.
_COUNTERS: dict[str, dict[int, str]] = {
    "つ": {
        1: "ひとつ",
        2: "ふたつ",
        3: "みっつ",
        4: "よっつ",
        5: "いつつ",
        6: "むっつ",
        7: "ななつ",
        8: "やっつ",
        9: "ここのつ",
    },
    "かい": {1: "いっかい", 6: "ろっかい", 8: "はっかい", 0: "じゅっかい"},
    "けた": {1: "ひとけた", 2: "ふたけた"},
    "ほん": {1: "いっぽん", 3: "さんぼん", 6: "ろっぽん", 8: "はっぽん", 0: "じゅっぽん"},
    "ふん": {
        1: "いっぷん",
        3: "さんぷん",
        4: "よんぷん",
        6: "ろっぷん",
        8: "はっぷん",
        0: "じゅっぷん",
    },
    "さい": {1: "いっさい", 8: "はっさい", 0: "じゅっさい"},
    "にん": {1: "ひとり", 2: "ふたり"},
    "じ": {4: "よじ", 7: "しちじ", 9: "くじ"},
    "びょう": {},
    "ばん": {},
    "まい": {},
    "ど": {},
    "ねん": {4: "よねん"},
    "えん": {4: "よえん"},
    "がつ": {4: "しがつ", 7: "しちがつ", 9: "くがつ"},
    "ぷん": {1: "いっぷん", 3: "さんぷん", 6: "ろっぷん", 8: "はっぷん", 0: "じゅっぷん"},
    "かげつ": {1: "いっかげつ", 6: "ろっかげつ", 8: "はっかげつ", 0: "じゅっかげつ"},
}
_COUNTER_NUMBER = re.compile(
    r"([0-9０-９]+)(" + "|".join(sorted(_COUNTERS, key=len, reverse=True)) + ")?"
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def number_kana(value: int) -> str:
    """``value`` (0-9999) said in kana, e.g. 10 -> じゅう, 300 -> さんびゃく."""
    if value == 0:
        return "ゼロ"
    if value >= 10000:
        return "".join(_DIGIT_BY_DIGIT[int(d)] for d in str(value))
    words = []
    for place, name in _PLACES:
        digit, value = divmod(value, place)
        if digit:
            words.append(
                _PLACE_SOUNDS.get((digit, place), ("" if digit == 1 else _DIGITS[digit]) + name)
            )
    words.append(_DIGITS[value])
    return "".join(words)


def say_number(digits: str, counter: str = "") -> str:
    """A number (ASCII or full-width digits) and the counter after it, said in kana."""
    digits = digits.translate(_FULL_WIDTH)
    if len(digits) > 1 and digits.startswith("0"):  # a code such as 0123: digit by digit
        return "".join(_DIGIT_BY_DIGIT[int(d)] for d in digits) + counter
    value = int(digits)
    special = _COUNTERS.get(counter, {})
    last = value % 10
    said = number_kana(value)
    if last == 0 and 0 in special and said.endswith("じゅう"):  # 10, 20, 30: じゅっぷん
        return said.removesuffix("じゅう") + special[0]
    if counter == "つ" and value > 9:
        return said + "こ"
    if last and last in special and (value < 10 or counter not in ("つ", "にん", "けた")):
        return number_kana(value - last) + special[last] if value > 10 else special[last]
    return said + counter


def _counted(match: re.Match[str]) -> str:
    return say_number(match[1], match[2] or "")


def _clock(match: re.Match[str]) -> str:
    hours, minutes = match[1], match[2]
    said = say_number(hours, "じ")
    if int(minutes):
        said += " " + say_number(str(int(minutes)), "ふん")
    return said


# --- Particles ------------------------------------------------------------------------------

# は or へ ending a word (before a space, punctuation or the end) is the particle; を always is.
_PARTICLE_END = r"(?=[\s　、。！？!?「」『』（）()]|$)"
_WA = re.compile(r"(?<=\S)は" + _PARTICLE_END)
_E = re.compile(r"(?<=\S)へ" + _PARTICLE_END)


_LETTERS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            "エー",
            "ビー",
            "シー",
            "ディー",
            "イー",
            "エフ",
            "ジー",
            "エイチ",
            "アイ",
            "ジェー",
            "ケー",
            "エル",
            "エム",
            "エヌ",
            "オー",
            "ピー",
            "キュー",
            "アール",
            "エス",
            "ティー",
            "ユー",
            "ブイ",
            "ダブリュー",
            "エックス",
            "ワイ",
            "ゼット",
        ],
        strict=True,
    )
)
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}(?![A-Za-z])")


def _spell(match: re.Match[str]) -> str:
    return "".join(_LETTERS[letter] for letter in match[0])


def _plain_kana(text: str, follows_word: bool) -> str:
    """Fix one stretch of the author's plain text (never a reading inside ruby)."""
    marker = "\u2060" if follows_word else ""  # lets a particle right after a ruby word match
    text = _WA.sub("わ", marker + text)
    text = _E.sub("え", text).replace(marker, "")
    text = text.replace("を", "お")
    return _ACRONYM.sub(_spell, _name_symbols(_CLOCK.sub(_clock, text)))


def live_kana(sentence: str) -> str:
    """The sentence in kana for a kana-only engine, with particles, numbers and symbols fixed."""
    parts = []
    previous: Segment | None = None
    for segment in _segments(sentence):
        if segment.reading:
            parts.append(segment.reading)
        else:
            parts.append(_plain_kana(segment.base, previous is not None))
        previous = segment
    text = "".join(parts)
    # Numbers last, over the whole text: the counter may be a reading (1{回|かい}).
    return _COUNTER_NUMBER.sub(_counted, text)
