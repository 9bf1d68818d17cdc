"""Text that Excel shows as typed: the leading apostrophe of the attendance CSV, and the input rule.

A CSV cell that starts like a formula gets a leading ``'`` so Excel never runs
it; so does a cell that starts with ``'`` itself, so reading back strips
exactly one apostrophe and every text round-trips. Areas and class titles are
checked when they are entered (``input_problem``), so the apostrophe is
almost never needed and staff see the names as they typed them.
"""

from __future__ import annotations

from typing import Final

# Leading characters that make Excel (or LibreOffice) treat a cell as a formula.
# Full-width forms count: Japanese Excel converts ＝ to = while typing and on import.
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ESCAPED_STARTS: Final = (*FORMULA_TRIGGERS, "'")


def neutralise(text: str) -> str:
    """Prefix ``'`` to a cell that starts like a formula or with ``'``."""
    if text.startswith(_ESCAPED_STARTS):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo ``neutralise``: ``unneutralise(neutralise(t)) == t`` for every text."""
    return text[1:] if text.startswith("'") else text


def input_problem(text: str) -> str | None:
    """Why an area or class title cannot be used as typed (None if it can), in plain Japanese."""
    if text.strip().startswith(_ESCAPED_STARTS):
        return "「= + - @ '」で 始まる 名前は 使えません。"
    return None
