"""Reading one content file: its size, encoding, TOML, and no invisible characters."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli

from kiosk.core.content.images import ImageChecker
from kiosk.core.content.problems import Problem, display_path
from kiosk.core.text_safety import describe, first_unsafe, printable

MAX_FILE_BYTES = 1024 * 1024
"""Content files larger than this are refused unread (1 MB)."""

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_JA = 'ファイルの 書き方が くずれています。その 行の "、=、[ ] を たしかめて ください。'
_UTF8_BOM = b"\xef\xbb\xbf"


class FileCheck:
    """Collects the problems of one content file and knows where its pictures live."""

    def __init__(
        self,
        path: Path,
        root: Path,
        *,
        strict: bool,
        images: ImageChecker,
        placeholders: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.root = root
        self.shown = display_path(path, root)
        self.strict = strict
        self.images = images
        self.placeholders = placeholders
        """The ``{{name}}`` placeholders every text of this file may hold."""
        self.problems: list[Problem] = []
        self.safe_text = False
        """True when the file holds no unsafe character and no backslash: no escape can
        then make one, so no text read from it can hold one either."""

    def report(
        self, message: str, *, step: int | None = None, line: int | None = None, ja: str = ""
    ) -> None:
        """Record one problem of this file (``ja``: its wording for the staff console)."""
        self.problems.append(Problem(self.shown, message, step, line, ja))


def read_toml(file: FileCheck) -> dict[str, Any] | None:
    """Read ``file.path`` as UTF-8 TOML of at most 1 MB; report why not and return None."""
    path = file.path
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            file.report(
                f"the file is {size:,} bytes; a content file may be at most 1 MB "
                f"({MAX_FILE_BYTES:,} bytes); keep pictures in assets/ and split very long lessons"
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        file.report(
            f"the file cannot be read ({error.strerror or error}); "
            "check that it exists and is not open in another program"
        )
        return None
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]  # Windows Notepad may add a BOM; it is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        hint = ""
        try:
            raw.decode("cp932")
            hint = " (it looks like Shift-JIS)"
        except UnicodeDecodeError:
            pass
        file.report(
            f"the file is not saved as UTF-8{hint}; save it again with the encoding UTF-8",
            line=line,
            ja="文字コードが UTF-8 では ありません。メモ帳の「名前を付けて保存」で、"
            "文字コード「UTF-8」を えらんで 保存しなおして ください。",
        )
        return None
    try:
        data = tomli.loads(text)
        file.safe_text = "\\" not in text and first_unsafe(text) is None
        return data
    except tomli.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        if position is None:
            file.report(
                f"this is not valid TOML: {message}; check the quotes, '=' and brackets",
                ja=_TOML_JA,
            )
            return None
        detail = message[: position.start()]
        file.report(
            f"this is not valid TOML: {detail} (column {position.group(2)}); "
            "check the quotes, '=' and brackets on this line",
            line=int(position.group(1)),
            ja=_TOML_JA,
        )
        return None
    except RecursionError:
        file.report("the file is nested too deeply to read; use plain [[steps]] sections")
        return None


def reported_unsafe_text(data: Mapping[str, Any], file: FileCheck) -> bool:
    """Report every text (key or value, at any depth) holding a control or bidi character.

    Checked on the whole file before any field is read, so that no message and no screen
    ever shows such a character. Returns True when any was found.
    """
    found = False

    def visit(value: Any, field: str, step: int | None) -> None:
        nonlocal found
        texts = [(field, value)] if isinstance(value, str) else []
        if isinstance(value, dict):
            for key, inner in value.items():
                texts.append((f"{field}.{key}" if field else key, key))
                visit(inner, f"{field}.{key}" if field else key, step)
        elif isinstance(value, list):
            for number, item in enumerate(value, 1):
                if field == "steps" and step is None and isinstance(item, dict):
                    visit(item, "", number)
                else:
                    visit(item, f"{field}[{number}]", step)
        for name, text in texts:
            unsafe = first_unsafe(text)
            if unsafe is None:
                continue
            found = True
            position, char = unsafe
            shown = printable(name)
            file.report(
                f"'{shown}' holds the invisible character {describe(char)} at character "
                f"{position}; delete it (control and text-direction characters can hide "
                "or reorder text on the screen)",
                step=step,
                ja=f"「{shown}」の {position}文字目に、見えない 特別な 文字"
                f"（U+{ord(char):04X}）が あります。画面の 文字を かくしたり、"
                "順番を かえたり する 文字です。消してください。",
            )

    visit(data, "", None)
    return found
