"""The reader of procedure files: ``Section`` with the getters rehearsals need."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.content.problems import describe_value
from kiosk.core.content.section import Section

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
        self.lookup(key, required, example)  # marks the key as read; reports it if missing
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
            self.lookup(key, False, "")
            return default
        return self.one_of(key, options)

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
            self.wrong_type(key, f"a list of sections like {example}", value)
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
