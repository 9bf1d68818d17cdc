"""A problem found in a content file, and how values are named in problem messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file; ``str()`` gives ``FILE: step N: message``.

    ``message_ja`` is the same message for the staff console, where a volunteer reads it
    (given for the problems that refuse hostile content; the others show ``message``).
    """

    file: str
    message: str
    step: int | None = None
    line: int | None = None
    message_ja: str = ""

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.step is not None:
            parts.append(f"step {self.step}")
        parts.append(self.message)
        return ": ".join(parts)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to the content root with '/' (``lessons/07_camera.toml``) if inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def describe_value(value: Any) -> str:
    """How a TOML value looks to an author: ``text "10"``, ``the number 10``, ``a list``..."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 20 else value[:19] + "…"
        return f'text "{short}"'
    if isinstance(value, list):
        return "a list [...]"
    if isinstance(value, dict):
        return "a section (table)"
    if isinstance(value, datetime | date | time):
        return "a date or time"
    return type(value).__name__
