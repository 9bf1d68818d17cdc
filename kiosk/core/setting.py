"""How a setting is declared: its file type and rules, its words, and its place in the form.

``kiosk.core.config`` declares each setting once with these; nothing here knows which
settings exist.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from kiosk.core.excel_safe import input_problem
from kiosk.core.ruby import is_kana
from kiosk.core.text_safety import first_unsafe

MAX_NAME_CHARS = 100
"""Names (municipality, centre, area, printer) are at most this long."""
MAX_PATH_CHARS = 1000
MAX_AREAS = 50
MAX_SERVICE_URLS = 100
MAX_URL_CHARS = 2000
# "\Z", not "$": "$" would also match before a final newline.
Code = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{1,32}\Z")]
ProcedureId = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,63}\Z")]

FormKind = Literal["text", "lines", "seconds", "choice", "folder", "printer"]


@dataclass(frozen=True)
class Form:
    """Where and how the 設定 tab shows a setting; settings without one live in the file only."""

    section: str
    label: str
    kind: FormKind = "text"


@dataclass(frozen=True)
class Setting:
    """How one setting is read from the file, checked, explained and edited.

    ``type`` is the value as TOML gives it, with its limits (msgspec checks it, never
    turning text into a number or ``true`` into 1); ``rule`` is any further check;
    ``expected`` words the rules for the file, ``name`` and ``rule_ja`` for staff.
    """

    type: Any
    expected: str
    name: str
    rule_ja: str
    rule: Callable[[Any], bool] | None = None
    form: Form | None = None

    @property
    def options(self) -> tuple[str, ...]:
        """The allowed values of a setting that is one of a few words (else ())."""
        if typing.get_origin(self.type) is not Literal:
            return ()
        return tuple(str(word) for word in typing.get_args(self.type))  # in declared order

    def file_value(self, value: Any) -> Any:
        """A ``Config`` value as the file holds it: a table for pairs, a list for a tuple."""
        info = msgspec.inspect.type_info(self.type)
        if isinstance(info, msgspec.inspect.DictType):
            return dict(value)
        return list(value) if isinstance(value, tuple) else value

    @property
    def bounds(self) -> tuple[int, int]:
        """The lowest and highest value of a whole-number setting."""
        info = msgspec.inspect.type_info(self.type)
        assert isinstance(info, msgspec.inspect.IntType)
        assert info.ge is not None
        assert info.le is not None
        return info.ge, info.le


def one_line(value: Any, limit: int = MAX_NAME_CHARS) -> bool:
    """A string of at most ``limit`` characters with no line break or control character."""
    return (
        isinstance(value, str)
        and len(value) <= limit
        and not any(ord(ch) < 0x20 for ch in value)
        and first_unsafe(value) is None
    )


def name_rule(value: str) -> bool:
    """One line, not blank."""
    return one_line(value) and bool(value.strip())


def reading_rule(value: str) -> bool:
    """One line of kana, or blank."""
    return one_line(value) and (not value.strip() or is_kana(value))


def folder_rule(value: str) -> bool:
    """A full folder path on one line, or blank."""
    # A relative folder would follow whatever the current directory happens to be.
    return one_line(value, MAX_PATH_CHARS) and (
        not value.strip() or Path(value.strip()).expanduser().is_absolute()
    )


def areas_rule(value: tuple[str, ...]) -> bool:
    """Different names, none that a spreadsheet would take for a formula."""
    return all(name_rule(area) and not input_problem(area) for area in value) and len(
        set(value)
    ) == len(value)


def area_readings_rule(value: dict[str, str]) -> bool:
    """Area names with their kana."""
    return all(name_rule(area) and one_line(kana) and is_kana(kana) for area, kana in value.items())


def service_urls_rule(value: dict[str, str]) -> bool:
    """Https addresses of official pages."""
    from urllib.parse import urlsplit  # only when the setting is used

    def https(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme == "https" and bool(parts.netloc) and not any(c.isspace() for c in url)

    return all(one_line(url, MAX_URL_CHARS) and https(url) for url in value.values())


def setting(default: Any, **declared: Any) -> Any:
    """A ``Config`` field with its default and its ``Setting`` (keyword arguments)."""
    return field(default=default, metadata={"setting": Setting(**declared)})
