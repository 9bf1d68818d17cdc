"""The ``{{name}}`` placeholders content texts may hold, filled when the text is shown."""

from __future__ import annotations

import re

from kiosk.core.ruby import plain_text

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
"""A ``{{name}}`` placeholder, filled from the kiosk's settings when the text is shown."""
PLACEHOLDER_CHECK_VALUE = "まち"
"""What the checker puts in place of a placeholder: kana, so it needs no reading and
cannot break the furigana markup around it."""


def plain_keeping_placeholders(text: str) -> str:
    """``text`` without furigana markup; ``{{placeholders}}`` are left as written."""
    pieces = PLACEHOLDER.split(text)  # text, name, text, name, ..., text
    return "".join(
        plain_text(piece) if index % 2 == 0 else f"{{{{{piece}}}}}"
        for index, piece in enumerate(pieces)
    )
