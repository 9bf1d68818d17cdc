"""Where Japanese text may break into lines: kinsoku rules and word spaces (wakachigaki).

Shared by the screen (``RubyText``) and the paper (``kiosk.ui.paper_text``), so a sentence
wraps by the same rules wherever a learner reads it. The text is a sequence of pieces,
each never split (one character, or a word with its furigana), with its width in any unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

NO_LINE_START = frozenset(
    "、。，．・：；？！ー）」』】〕｝〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ"
)
"""Characters that must not start a line (kinsoku shori, the common subset)."""


def break_point(line: Sequence[str], next_piece: str) -> tuple[int, int] | None:
    """Where to end ``line`` when ``next_piece`` no longer fits: (end of what stays, start of
    what moves down), or None to let ``next_piece`` hang. The two differ by one when the
    break eats a space.

    Punctuation such as 。 or ょ must not start a line, so it takes the piece before it
    along; a space before that point is the preferred place to break.
    """
    cut = len(line)
    if next_piece == " ":
        return cut, cut  # break right here; the space itself is dropped
    if next_piece in NO_LINE_START:
        while cut > 1 and line[cut - 1] in NO_LINE_START:
            cut -= 1
        cut -= 1
    space = max((i for i, piece in enumerate(line[: cut + 1]) if piece == " "), default=-1)
    if space > 0:
        return space, space + 1
    if cut > 0:
        return cut, cut
    return None  # nothing can move down: the punctuation hangs at the end of the line


def wrap(pieces: Sequence[str], widths: Sequence[float], width: float) -> list[list[int]]:
    """Break ``pieces`` into lines no wider than ``width`` where the rules allow.

    Returns each line as indices into ``pieces``. A ``"\\n"`` piece ends a line and is
    left out; the space a line breaks at is left out too. A piece wider than ``width``
    stands alone on its line.
    """
    lines: list[list[int]] = [[]]
    used = 0.0
    for index, piece in enumerate(pieces):
        if piece == "\n":
            lines.append([])
            used = 0.0
            continue
        line = lines[-1]
        point = None
        if line and used + widths[index] > width:
            point = break_point([pieces[i] for i in line], piece)
        if point is not None:
            keep, move = point
            carry = line[move:]
            del line[keep:]
            lines.append(carry)
            used = sum(widths[i] for i in carry)
            if piece == " " and not carry:
                continue
        lines[-1].append(index)
        used += widths[index]
    return lines


def breaks_inside_a_word(pieces: Sequence[str], lines: Sequence[Sequence[int]]) -> bool:
    """True when some line ends where neither a space nor a ``"\\n"`` follows it.

    For text written with spaces between words (wakachigaki), this is a word cut in two.
    """
    for line, following in pairwise(lines):
        if not line or not following:
            continue
        between = pieces[line[-1] + 1 : following[0]]
        if not any(piece in (" ", "\n") for piece in between):
            return True
    return False
