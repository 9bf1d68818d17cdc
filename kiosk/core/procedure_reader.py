"""The reader of procedure files: ``Section`` with the getters rehearsals need."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.content_check import (
    PLACEHOLDER,
    PLACEHOLDER_CHECK_VALUE,
    Section,
    describe_value,
)

MAX_URL_LENGTH = 300  # keeps the QR code small enough to scan from a printed sheet
PLACEHOLDERS = ("municipality", "centre", "ward", "office")
"""``{{name}}`` placeholders a procedure text may use; see ``procedures.placeholder_values``."""


class ProcedureReader(Section):
    """A ``Section`` with the extra getters procedure files need."""

    @classmethod
    def of(cls, section: Section) -> ProcedureReader:
        """Read on from ``section`` (keeping the keys it already read)."""
        reader = cls(section.data, section.file, step=section.step, label=section.label)
        reader._known.update(section._known)
        return reader

    def child(self, data: Mapping[str, Any], label: str) -> ProcedureReader:
        """A sub-table of the same step, reported as ``label: ...``."""
        return ProcedureReader(data, self.file, step=self.step, label=label)

    def raw(self, key: str, *, required: bool, example: str) -> Any:
        """The value as written (None when missing, reported if required)."""
        self._get(key, required, example)  # marks the key as read; reports it if missing
        return self.data.get(key)

    def flag(self, key: str) -> bool:
        """An optional true/false value; False when missing or wrong."""
        value = self.raw(key, required=False, example=f"{key} = true")
        if value is None:
            return False
        if not isinstance(value, bool):
            hint = "; remove the quotes" if value in ("true", "false") else ""
            self.report(f"'{key}' must be true or false, not {describe_value(value)}{hint}")
            return False
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        """An optional value from ``options``; ``default`` when missing."""
        if key not in self.data:
            self._get(key, False, "")
            return default
        return self.one_of(key, options)

    def placed_text(
        self,
        key: str,
        *,
        required: bool = True,
        one_line: bool = False,
        spoken: bool = True,
        example: str = "",
    ) -> str:
        """Like ``text`` but ``{{placeholders}}`` are allowed and checked."""
        value = self.word(key, required=required, example=example or f'{key} = "..."')
        if key in self.data and isinstance(self.data[key], str) and not value:
            self.report(
                f"'{key}' is empty; write the text between the quotes"
                + ("" if required else " or remove the line")
            )
        if not value:
            return ""
        if one_line and "\n" in value:
            self.report(f"'{key}' must be one line; remove the line breaks")
        self.check_placed(value, f"'{key}'", spoken=spoken)
        return value

    def check_placed(self, value: str, name: str, *, spoken: bool) -> None:
        """Check placeholders, then furigana with each placeholder standing in as kana."""
        for match in PLACEHOLDER.finditer(value):
            placeholder = match.group(1)
            if placeholder in PLACEHOLDERS:
                continue
            close = difflib.get_close_matches(placeholder, PLACEHOLDERS, n=1, cutoff=0.5)
            hint = f"did you mean '{{{{{close[0]}}}}}'? " if close else ""
            allowed = ", ".join(f"{{{{{name}}}}}" for name in PLACEHOLDERS)
            self.report(
                f"{name} has the unknown placeholder '{match.group(0)}'; {hint}use {allowed}"
            )
        self.check_markup(PLACEHOLDER.sub(PLACEHOLDER_CHECK_VALUE, value), name, spoken=spoken)

    def placed_list(
        self, key: str, *, item_name: str, min_items: int, max_items: int, example: str
    ) -> tuple[str, ...]:
        """A list of one-line spoken texts that may hold placeholders."""
        value = self.raw(key, required=min_items > 0, example=example)
        if value is None:
            return ()
        if not isinstance(value, list):
            self._wrong_type(key, f"a list like {example.split('=', 1)[-1].strip()}", value)
            return ()
        if not min_items <= len(value) <= max_items:
            self.report(
                f"'{key}' has {len(value)}; give from {min_items} to {max_items} {item_name}s"
            )
        items: list[str] = []
        for number, item in enumerate(value, 1):
            name = f"{item_name} {number}"
            if not isinstance(item, str) or not item.strip():
                shown = "empty" if isinstance(item, str) else describe_value(item)
                self.report(f"{name} must be text in quotes, not {shown}")
                continue
            item = item.strip()
            if "\n" in item:
                self.report(f"{name} must be one line; remove the line breaks")
            self.check_placed(item, name, spoken=True)
            items.append(item)
        return tuple(items)

    def tables(
        self, key: str, *, label: str, min_items: int, max_items: int, example: str
    ) -> list[ProcedureReader]:
        """A list of tables (``[[items]]`` or ``elements = [{...}, ...]``), each labelled."""
        value = self.raw(key, required=True, example=example)
        if value is None:
            return []
        if isinstance(value, dict):
            self.report(f"write each entry of '{key}' as [[{key}]] with two brackets")
            return []
        if not isinstance(value, list):
            self._wrong_type(key, f"a list of sections like {example}", value)
            return []
        if not min_items <= len(value) <= max_items:
            self.report(f"'{key}' has {len(value)}; give from {min_items} to {max_items}")
        readers: list[ProcedureReader] = []
        for number, item in enumerate(value, 1):
            if isinstance(item, dict):
                readers.append(self.child(item, f"{label} {number}"))
            else:
                self.report(f"{label} {number} must be a section, not {describe_value(item)}")
        return readers


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot go into a QR code for learners, or None."""
    if any(ch.isspace() for ch in url):
        return "has spaces or line breaks; write the address on one line without spaces"
    if len(url) > MAX_URL_LENGTH:
        return f"is {len(url)} characters long; use an address of at most {MAX_URL_LENGTH}"
    if "{{" in url:
        return "cannot hold placeholders; write the official address itself"
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        shown = f"'{parts.scheme}://'" if parts.scheme else "no 'https://'"
        return (
            f"must start with https:// (it has {shown}); the QR code must open a secure "
            "official page"
        )
    host = parts.hostname or ""
    if not host or "." not in host or parts.username or parts.password:
        return "is not a web address like https://myna.go.jp/; check the part after https://"
    return None


TOP_HINTS = {
    "narration": "it belongs to a step; put it below a [[steps]] line",
    "hint": "it belongs to a step; put it below a [[steps]] line",
    "targets": "it belongs to a step; put it below a [[steps]] line",
    "screen": "write [steps.screen] just below the step it belongs to",
    "elements": "it belongs to a step's screen; put it below a [steps.screen] line",
    "icon": "it belongs to a thing to bring; put it below an [[items]] line",
    "level": "procedures have no level; remove it",
    "theme": "procedures have no theme; remove it",
    "step": "write [[steps]] (with 's' and two brackets) before each step",
    "item": "write [[items]] (with 's' and two brackets) before each thing to bring",
}
STEP_HINTS = {
    "text": "a step has 'narration' (read aloud); words on the mock screen go in its elements",
    "target": "write 'targets' as a list, for example targets = [\"next\"]",
    "elements": "it belongs to the screen; put it below the [steps.screen] line",
    "device": "it belongs to the screen; put it below the [steps.screen] line",
    "bar": "it belongs to the screen; put it below the [steps.screen] line",
    "speech": "a step's 'narration' is what is read aloud",
    "tip": "use 'hint' for the words おしえて shows",
}
