"""Read and check content files (lessons, later procedures), wording problems for volunteers.

The pieces here know nothing about lessons: a kind of content describes itself with a
``ContentKind`` (its folder depth, file names and a ``build`` function that reads its
fields through ``Section``), and ``load_content_files`` does the rest: size and encoding
checks, TOML, ``format``, ``kind`` and ``id``, duplicate ids, unknown keys, and a safety
net so that one broken file never stops the kiosk.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO, Generic, Protocol, TypeVar

import tomli

from kiosk.core.ruby import RubyError, plain_text, readings_not_kana, unread_kanji
from kiosk.core.text_safety import describe, first_unsafe, printable

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 1024 * 1024
"""Content files larger than this are refused unread (1 MB)."""

SUPPORTED_FORMATS = (1,)

# File names the kiosk orders by their number: ``07_camera.toml``.
NUMBERED_FILE_NAME = re.compile(r"(\d+)_[A-Za-z0-9_-]+\.toml")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_DRIVE = re.compile(r"[A-Za-z]:")
_TOML_JA = 'ファイルの 書き方が くずれています。その 行の "、=、[ ] を たしかめて ください。'
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


MAX_IMAGE_BYTES = 2 * 1024 * 1024
"""Pictures larger than this are refused: a huge SVG blocks the screen for seconds (2 MB)."""

IMAGE_TYPES = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_SVG_TAGS = ("svg", "{http://www.w3.org/2000/svg}svg")
_SVG_READ_LIMIT = 256 * 1024  # the <svg> element must start within this many bytes
_UTF8_BOM = b"\xef\xbb\xbf"


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


def content_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files directly inside ``folder``, ordered by their leading number.

    Hidden files (``.~lock...``, ``._07_camera.toml`` left by macOS on USB sticks) are
    ignored; files without a number come last, by name.
    """
    found: list[tuple[int, int, str, Path]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not name.lower().endswith(".toml") or not entry.is_file():
            continue
        match = NUMBERED_FILE_NAME.fullmatch(name)
        if match:
            found.append((0, int(match.group(1)), name, Path(entry.path)))
        else:
            found.append((1, 0, name, Path(entry.path)))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]


# --- Images ---------------------------------------------------------------------------------


class ImageChecker:
    """Cheap checks of the pictures content files point to: place, name, and first bytes.

    It remembers folder listings and results for the lifetime of one load only, so a
    picture used by several steps is checked once and nothing stays cached afterwards.
    """

    def __init__(self) -> None:
        self._listings: dict[str, dict[str, os.DirEntry[str]] | None] = {}
        self._results: dict[tuple[Path, str], tuple[Path | None, str | None]] = {}
        self.japanese: dict[str, str] = {}
        """The staff console's wording of a refusal, keyed by the English problem."""

    def check(self, value: str, root: Path) -> tuple[Path | None, str | None]:
        """Return ``(absolute path, None)`` for a good picture, or ``(None, problem)``."""
        key = (root, value)
        result = self._results.get(key)
        if result is None:
            result = self._check(value, root)
            self._results[key] = result
        return result

    def _check(self, value: str, root: Path) -> tuple[Path | None, str | None]:
        shown = f"image '{value}'"
        problem = _image_place_problem(value, shown)
        if problem is not None:
            return None, problem
        parts = _path_parts(value)
        path, linked, problem = self._find(root, parts, shown)
        if path is None:
            return None, problem
        # Only a link on the way can lead outside the folder (".." is refused above).
        real, real_root = (os.path.realpath(path), os.path.realpath(root)) if linked else ("", "")
        if linked and os.path.commonpath([real, real_root]) != real_root:
            problem = (
                f"{shown} is a link to a file outside the content folder ({real}); "
                "copy the picture itself into assets/"
            )
            self.japanese[problem] = (
                f"絵「{value}」は、フォルダの 外に ある ファイルへの リンクです。"
                "絵の ファイルそのものを assets/ に コピーしてください。"
            )
            return None, problem
        expected = IMAGE_TYPES[os.path.splitext(parts[-1])[1].lower()]
        problem, japanese = _image_content_problem(path, expected, shown, value)
        if japanese:
            self.japanese[problem or ""] = japanese
        return (None, problem) if problem else (path, None)

    def _names(self, folder: str) -> dict[str, os.DirEntry[str]] | None:
        """Entries of ``folder`` keyed by their lower-case name (None if it cannot be listed)."""
        if folder not in self._listings:
            try:
                with os.scandir(folder) as entries:
                    self._listings[folder] = {entry.name.lower(): entry for entry in entries}
            except OSError:
                self._listings[folder] = None
        return self._listings[folder]

    def _find(
        self, root: Path, parts: Sequence[str], shown: str
    ) -> tuple[Path | None, bool, str | None]:
        """The picture's path, whether a link is on the way to it, or why it was not found."""
        # Walks the path one name at a time with exact case: Windows would find
        # 'Cam.png' for 'cam.png', but the same lesson would break on other systems.
        not_found = f"{shown} not found; put the file under assets/ or fix the name"
        # Plain strings rather than Path objects: this runs for every picture at start-up.
        folder = str(root)
        linked = False
        entry: os.DirEntry[str] | None = None
        for index, part in enumerate(parts):
            names = self._names(folder)
            if names is None:
                return None, linked, not_found
            entry = names.get(part.lower())
            if entry is None:
                listed = [known.name for known in names.values()]
                close = difflib.get_close_matches(part, listed, n=1, cutoff=0.75)
                if close:
                    fixed = "/".join([*parts[:index], close[0], *parts[index + 1 :]])
                    return None, linked, f"{not_found} (did you mean '{fixed}'?)"
                return None, linked, not_found
            if entry.name != part:
                fixed = "/".join([*parts[:index], entry.name, *parts[index + 1 :]])
                return (
                    None,
                    linked,
                    (
                        f"{shown} not found; did you mean '{fixed}'? "
                        "(capital and small letters must match)"
                    ),
                )
            linked = linked or _is_link(entry)
            folder = entry.path
        if entry is None or not entry.is_file():
            problem = f"{shown} is a folder, not a picture; give the picture's file name"
            return None, linked, problem
        return Path(folder), linked, None


def _is_link(entry: os.DirEntry[str]) -> bool:
    """A symbolic link, or on Windows any reparse point (a junction too)."""
    if entry.is_symlink():
        return True
    if os.name != "nt":
        return False
    attributes = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    return bool(attributes & stat.FILE_ATTRIBUTE_REPARSE_POINT)


def _path_parts(value: str) -> list[str]:
    """The names in a '/' path, without empty and '.' parts (``./assets//x`` -> assets, x)."""
    return [part for part in value.split("/") if part not in ("", ".")]


def _image_place_problem(value: str, shown: str) -> str | None:
    """Why a picture path is not a plain path under assets/ to an SVG, PNG or JPEG, or None."""
    example = "'assets/img/lessons/power_button.svg'"
    if "\\" in value:
        return f"{shown} uses '\\'; write paths with '/' like {example}"
    if "://" in value:
        return f"{shown} is a web address; save the picture under assets/ and give its path"
    if value.startswith(("/", "~")) or _DRIVE.match(value):
        return f"{shown} is a full path on one computer; give a path inside assets/ like {example}"
    parts = _path_parts(value)
    if ".." in parts:
        return f"{shown} uses '..'; pictures must stay inside assets/, like {example}"
    if len(parts) < 2 or parts[0] != "assets":
        return (
            f"{shown} is not under assets/; put the picture there and write a path like {example}"
        )
    if os.path.splitext(parts[-1])[1].lower() not in IMAGE_TYPES:
        return f"{shown} is not an SVG, PNG or JPEG file name; use a .svg, .png or .jpg picture"
    return None


def _looks_like(head: bytes) -> str | None:
    if head.startswith(_PNG_MAGIC):
        return "PNG"
    if head.startswith(_JPEG_MAGIC):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    if head.startswith(b"BM"):
        return "BMP"
    if head.startswith(b"%PDF"):
        return "PDF"
    return None


def _image_content_problem(
    path: Path, expected: str, shown: str, value: str
) -> tuple[str | None, str]:
    """Check the size and the first bytes: a magic number, or an SVG's first element.

    Returns ``(problem, Japanese wording)``; the wording is "" where none is given.
    """
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_IMAGE_BYTES:
                limit = MAX_IMAGE_BYTES // (1024 * 1024)
                return (
                    f"{shown} is {size:,} bytes; a picture may be at most {limit} MB "
                    f"({MAX_IMAGE_BYTES:,} bytes); save it smaller",
                    f"絵「{value}」の ファイルが 大きすぎます（{size / 1024 / 1024:.1f} MB）。"
                    f"{limit} MB より 小さく して 保存しなおしてください。",
                )
            head = file.read(16)
            if not head:
                return f"{shown} is an empty file (0 bytes); save the picture again", ""
            actual = _looks_like(head)
            if actual == expected:
                return None, ""
            if actual is not None:
                return (
                    f"{shown} is really a {actual} picture, not {expected}; fix the name's ending",
                    "",
                )
            if expected != "SVG":
                return f"{shown} is not a real {expected} picture; save it again as {expected}", ""
            # Entities can grow a small file into gigabytes when drawn: never allowed. The
            # NUL bytes are dropped so that a UTF-16 file cannot hide them.
            if b"<!ENTITY" in (head + file.read()).replace(b"\x00", b""):
                return (
                    f"{shown} declares XML entities (<!ENTITY); the kiosk does not draw "
                    "such SVG files; save it again without them",
                    f"絵「{value}」の SVG には <!ENTITY の 宣言が あります。"
                    "この 形の SVG は 表示しません。宣言の ない SVG で 保存しなおしてください。",
                )
            file.seek(len(head))
            problem = _svg_problem(head, file)
    except OSError as error:
        return f"{shown} cannot be read ({error.strerror or error}); check the file", ""
    if problem is None:
        return None, ""
    return f"{shown} is not a real SVG picture ({problem}); save it again as SVG", ""


def _svg_problem(head: bytes, file: BinaryIO) -> str | None:
    """Parse only up to the first element and check it is <svg>: cheap, but real XML."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    chunk = head
    seen = 0
    try:
        while chunk:
            parser.feed(chunk)
            for event in parser.read_events():
                element = event[-1]
                if not isinstance(element, ET.Element):
                    continue
                if element.tag in _SVG_TAGS:
                    return None
                return f"its first element is <{element.tag.rpartition('}')[2]}>, not <svg>"
            seen += len(chunk)
            if seen > _SVG_READ_LIMIT:
                return "no <svg> element near the start of the file"
            chunk = file.read(512)  # small reads: <svg> is usually in the first few hundred bytes
    except ET.ParseError as error:
        return f"not well-formed XML: {error}"
    return "no <svg> element in the file"


# --- Reading a file ----------------------------------------------------------------------------


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


# --- Fields ------------------------------------------------------------------------------


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


def _snippet(text: str, position: int) -> str:
    start = max(0, position - 6)
    end = min(len(text), position + 14)
    piece = text[start:end].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


_MISSING: Any = object()


class Section:
    """One TOML table being read by a builder: typed getters that report instead of raising.

    Getters return a placeholder ("" / 0 / empty) on a problem, so a builder reads on and
    every problem of the file is found; the loader drops the result when any was reported.
    Keys a builder reads are remembered, and ``finish`` reports every other key as unknown.
    """

    def __init__(
        self, data: Mapping[str, Any], file: FileCheck, *, step: int | None = None, label: str = ""
    ) -> None:
        self.data = data
        self.file = file
        self.step = step
        self.label = label
        self._known: dict[str, None] = {}

    def report(self, message: str, ja: str = "") -> None:
        """Record a problem in this section (``step N: check: ...``)."""
        self.file.report(
            f"{self.label}: {message}" if self.label else message, step=self.step, ja=ja
        )

    def _get(self, key: str, required: bool, example: str) -> Any:
        self._known[key] = None
        if key in self.data:
            return self.data[key]
        if required:
            self.report(
                f"'{key}' is missing; add a line like {example}",
                ja=f"「{key}」の 行が ありません。{example} のような 行を 書きたして ください。",
            )
        return _MISSING

    def _wrong_type(self, key: str, expected: str, value: Any) -> None:
        hint = ""
        if isinstance(value, str) and "number" in expected and value.strip().isdigit():
            hint = "; remove the quotes"
        elif isinstance(value, int | float) and not isinstance(value, bool) and "text" in expected:
            hint = "; put it in quotes"
        self.report(
            f"'{key}' must be {expected}, not {describe_value(value)}{hint}",
            ja=f"「{key}」の 書き方が ちがいます。"
            + ('数字には " を つけません。' if "number" in expected else "")
            + ('文は " で かこみます。' if "text" in expected else "")
            + "lessons/README.md の 表と くらべて ください。",
        )

    def check_markup(self, value: str, name: str, *, spoken: bool = True) -> None:
        """Report broken furigana, readings that are not kana, and (strict, spoken) unread kanji.

        When the file's kind allows placeholders, unknown ones are reported and the known
        ones stand in as kana.
        """
        allowed = self.file.placeholders
        if allowed and "{{" in value:
            for match in PLACEHOLDER.finditer(value):
                if match.group(1) not in allowed:
                    self._unknown_placeholder(match.group(0), match.group(1), name)
            value = PLACEHOLDER.sub(PLACEHOLDER_CHECK_VALUE, value)
        try:
            not_kana = readings_not_kana(value)
        except RubyError as error:
            self.report(
                f"{name} has broken furigana near '{_snippet(value, error.position)}': {error}; "
                "write furigana like {漢字|かんじ}",
                ja=f"{name} の ふりがなの 書き方が くずれています"
                f"（「{_snippet(value, error.position)}」の あたり）。"
                "{漢字|かんじ} の 形に なおして ください。",
            )
            return
        for segment in not_kana:
            self.report(
                f"{name}: the reading '{segment.reading}' of '{segment.base}' is not kana; "
                "write readings in hiragana or katakana only",
                ja=f"{name} の「{segment.base}」の 読み「{segment.reading}」に、"
                "かな 以外の 文字が あります。読みは ひらがなか カタカナで 書きます。",
            )
        if spoken and self.file.strict:
            runs = unread_kanji(value)
            if runs:
                listed = ", ".join(f"'{run}'" for run in runs)
                self.report(
                    f"{name} has kanji without a reading: {listed}; the speech engine cannot "
                    f"read kanji, so add the reading like {{{runs[0]}|よみ}}",
                    ja=f"{name} に ふりがなの ない 漢字が あります（{listed}）。"
                    f"読み上げの ために {{{runs[0]}|よみ}} の 形で ふりがなを つけて ください。",
                )

    def _unknown_placeholder(self, written: str, placeholder: str, name: str) -> None:
        allowed = self.file.placeholders
        listed = ", ".join(f"{{{{{known}}}}}" for known in allowed)
        # With one allowed placeholder, "use {{office}}" already names the one meant.
        close = difflib.get_close_matches(placeholder, allowed, n=1, cutoff=0.5)
        hint = f"did you mean '{{{{{close[0]}}}}}'? " if close and len(allowed) > 1 else ""
        self.report(
            f"{name} has the unknown placeholder '{written}'; {hint}use {listed}",
            ja=f"{name} の「{written}」は 使えません。{listed} と 書いて ください。",
        )

    def text(
        self,
        key: str,
        *,
        required: bool = True,
        one_line: bool = False,
        spoken: bool = True,
        example: str = "",
    ) -> str:
        """A text field that may hold furigana; "" when missing or wrong."""
        value = self._get(key, required, example or f'{key} = "..."')
        if value is _MISSING:
            return ""
        if not isinstance(value, str):
            self._wrong_type(key, 'text in quotes ("...")', value)
            return ""
        value = value.strip()
        if not value:
            self.report(
                f"'{key}' is empty; write the text between the quotes"
                + ("" if required else " or remove the line"),
                ja=f'「{key}」が からです。"" の 間に 文を 書いて ください。',
            )
            return ""
        if one_line and "\n" in value:
            self.report(
                f"'{key}' must be one line; remove the line breaks",
                ja=f"「{key}」は 1行で 書きます。改行を けして ください。",
            )
        self.check_markup(value, f"'{key}'", spoken=spoken)
        return value

    def word(self, key: str, *, required: bool = True, example: str = "") -> str:
        """Plain text without furigana (an id, a level, a kind); "" when missing or wrong."""
        value = self._get(key, required, example or f'{key} = "..."')
        if value is _MISSING:
            return ""
        if not isinstance(value, str):
            self._wrong_type(key, 'text in quotes ("...")', value)
            return ""
        return value.strip()

    def one_of(self, key: str, options: Sequence[str], *, example: str = "") -> str:
        """A text value that must be one of ``options``; "" when missing or wrong."""
        value = self.word(key, example=example)
        if value and value not in options:
            allowed = " or ".join(f'"{option}"' for option in options)
            self.report(f"'{key}' is \"{value}\"; use {allowed}")
            return ""
        return value

    def identifier(self, key: str = "id", *, example: str = 'id = "power-buttons"') -> str:
        """An id made of a-z, 0-9 and '-'; "" when missing or wrong."""
        value = self.word(key, example=example)
        if value and not _ID.fullmatch(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            hint = f" (for example '{suggestion}')" if suggestion else ""
            self.report(
                f"'{key}' \"{value}\" may use only small letters a-z, digits 0-9 and '-' "
                f"between them{hint}"
            )
            return ""
        return value

    def integer(
        self,
        key: str,
        *,
        low: int,
        high: int,
        required: bool = True,
        example: str = "",
        meaning: str = "",
    ) -> int:
        """A whole number from ``low`` to ``high``; 0 when missing or wrong."""
        example = example or f"{key} = {low}"
        value = self._get(key, required, example)
        if value is _MISSING:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong_type(key, f"a whole number like {example.split('=')[-1].strip()}", value)
            return 0
        if not low <= value <= high:
            self.report(f"'{key}' is {value}; use a number from {low} to {high}{meaning}")
            return 0
        return value

    def text_list(
        self,
        key: str,
        *,
        item_name: str,
        min_items: int,
        max_items: int,
        spoken: bool = True,
        example: str = "",
    ) -> tuple[str, ...]:
        """A list of one-line texts with furigana; () when missing or wrong.

        The list may be left out only when ``min_items`` is 0.
        """
        example = example or f'{key} = ["...", "..."]'
        value = self._get(key, min_items > 0, example)
        if value is _MISSING:
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
            if not isinstance(item, str):
                self.report(f"{name} must be text in quotes, not {describe_value(item)}")
                continue
            item = item.strip()
            if not item:
                self.report(f"{name} is empty; write the text between the quotes")
                continue
            if "\n" in item:
                self.report(f"{name} must be one line; remove the line breaks")
            self.check_markup(item, name, spoken=spoken)
            items.append(item)
        return tuple(items)

    def image(self, key: str = "image") -> tuple[str, Path] | None:
        """An optional picture under assets/: ``(path as written, absolute path)``, or None."""
        value = self.word(key, required=False)
        if not value:
            if key in self.data and isinstance(self.data[key], str):
                self.report(f"'{key}' is empty; give a picture under assets/ or remove the line")
            return None
        path, problem = self.file.images.check(value, self.file.root)
        if problem is not None:
            self.report(problem, self.file.images.japanese.get(problem, ""))
            return None
        assert path is not None
        return value, path

    def table(self, key: str, *, label: str, example: str) -> Section | None:
        """An optional sub-table such as ``[steps.check]``; None when absent or wrong."""
        value = self._get(key, False, example)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self._wrong_type(key, f"a section written {example}", value)
            return None
        return Section(value, self.file, step=self.step, label=label)

    def steps(self, key: str = "steps") -> list[Section]:
        """The ``[[steps]]`` sections, each numbered from 1; reports a missing or empty list."""
        value = self._get(key, False, "")
        no_steps = f"there are no steps; add at least one [[{key}]] section"
        if value is _MISSING:
            self.report(no_steps)
            return []
        if isinstance(value, dict):
            self.report(f"write each step as [[{key}]] with two brackets, not [{key}]")
            return []
        if not isinstance(value, list):
            self._wrong_type(key, f"[[{key}]] sections", value)
            return []
        if not value:
            self.report(no_steps)
            return []
        sections: list[Section] = []
        for number, item in enumerate(value, 1):
            if isinstance(item, dict):
                sections.append(Section(item, self.file, step=number))
            else:
                self.file.report(
                    f"must be a [[{key}]] section with its own lines, not {describe_value(item)}",
                    step=number,
                )
        return sections

    def peek(self, key: str) -> Any:
        """The raw value (or None) without marking the key as read."""
        return self.data.get(key)

    def finish(self, hints: Mapping[str, str] | None = None) -> None:
        """Report every key no getter asked for, suggesting the intended one."""
        for key in self.data:
            if key in self._known:
                continue
            unknown_ja = f"「{key}」という 項目は ありません。"
            if hints and key in hints:
                self.report(
                    f"unknown key '{key}'; {hints[key]}", ja=unknown_ja + "置く 場所が ちがいます。"
                )
                continue
            known = list(self._known)
            candidates = [*known, *(hints or {})]
            lowered = {name.lower(): name for name in candidates}
            close = [lowered[key.lower()]] if key.lower() in lowered else []
            close = close or difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
            if close and hints and close[0] in hints and close[0] not in self._known:
                self.report(
                    f"unknown key '{key}'; did you mean '{close[0]}'? ({hints[close[0]]})",
                    ja=unknown_ja + f"「{close[0]}」の まちがいでは ありませんか。",
                )
            elif close:
                self.report(
                    f"unknown key '{key}'; did you mean '{close[0]}'?",
                    ja=unknown_ja + f"「{close[0]}」の まちがいでは ありませんか。",
                )
            else:
                self.report(
                    f"unknown key '{key}'; remove it or use one of: {', '.join(known)}",
                    ja=unknown_ja + "つづりを なおすか、その 行を けして ください。",
                )


# --- Loading a kind of content -----------------------------------------------------------


class HasId(Protocol):
    """Anything a content file builds: it has the file's ``id``."""

    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=HasId)


@dataclass(frozen=True)
class ContentKind(Generic[ItemT]):
    """Describes one kind of content file so ``load_content_files`` can load it.

    ``build(section, item_id)`` reads every field except ``format``, ``kind`` and ``id``
    (the loader reads those), reports through the section, calls ``finish`` on each
    section it reads, and returns the item; the loader drops it if anything was reported.
    """

    name: str
    """The value of the ``kind`` key, e.g. ``"lesson"``."""
    build: Callable[[Section, str], ItemT]
    folder_depth: int = 1
    """How deep below the content root the files are: lessons/x.toml is 1."""
    kind_required: bool = False
    placeholders: tuple[str, ...] = ()
    """``{{name}}`` placeholders any text may hold; the kind's screens fill them in."""
    file_name: re.Pattern[str] = NUMBERED_FILE_NAME
    file_name_example: str = "07_camera.toml"


def content_root(path: Path, folder_depth: int) -> Path:
    """The folder that holds ``assets/`` for a content file ``folder_depth`` folders below it."""
    parents = path.parents
    return parents[folder_depth] if len(parents) > folder_depth else path.parent


def load_content_files(
    paths: Iterable[Path], kind: ContentKind[ItemT], *, strict: bool = False
) -> tuple[list[ItemT], list[Problem]]:
    """Load every file in order; return the good items and the problems of all files.

    Never raises on bad content: a file with any problem is left out and reported. An id
    already used by an earlier file (even a broken one) is a problem of the later file.
    """
    images = ImageChecker()
    items: list[ItemT] = []
    problems: list[Problem] = []
    first_use: dict[str, str] = {}
    for path in paths:
        file = FileCheck(
            path,
            content_root(path, kind.folder_depth),
            strict=strict,
            images=images,
            placeholders=kind.placeholders,
        )
        try:
            item_id, item = _load_file(file, kind)
        except Exception:
            # A bug in a checker must not keep the kiosk from starting with the other files.
            logger.exception("unexpected error while checking %s", path)
            file.report("could not be checked because of an unexpected error; please report it")
            item_id, item = "", None
        if item_id:
            if item_id in first_use:
                file.report(
                    f"id '{item_id}' is already used by {first_use[item_id]}; "
                    f"give every {kind.name} its own id",
                    ja=f"id「{item_id}」は {first_use[item_id]} で もう 使われています。"
                    "ほかと ちがう id に して ください。",
                )
            else:
                first_use[item_id] = file.shown
        if item is not None and not file.problems:
            items.append(item)
        problems.extend(file.problems)
    return items, problems


def _load_file(file: FileCheck, kind: ContentKind[ItemT]) -> tuple[str, ItemT | None]:
    if not kind.file_name.fullmatch(file.path.name):
        file.report(
            f"the file name must look like '{kind.file_name_example}' (a number, '_', then "
            "letters a-z, digits or '-'); the number sets the order"
        )
    data = read_toml(file)
    if data is None or (not file.safe_text and _reported_unsafe_text(data, file)):
        return "", None
    doc = Section(data, file)
    version = doc._get("format", False, "")
    if version is _MISSING:
        doc.report(
            "'format = 1' is missing; add it as the first line",
            ja="1行目に format = 1 と 書いて ください。",
        )
        return "", None
    if isinstance(version, bool) or not isinstance(version, int):
        doc._wrong_type("format", "the number 1 (format = 1)", version)
        return "", None
    if version not in SUPPORTED_FORMATS:
        supported = ", ".join(str(v) for v in SUPPORTED_FORMATS)
        doc.report(
            f"format {version} is not supported; this kiosk reads format {supported}; "
            "write format = 1 or update the kiosk"
        )
        return "", None
    declared = doc.word("kind", required=kind.kind_required, example=f'kind = "{kind.name}"')
    if declared and declared != kind.name:
        doc.report(
            f'kind "{declared}" does not belong here: this folder holds {kind.name} files; '
            "move the file to the right folder or fix the kind"
        )
        return "", None
    item_id = doc.identifier("id")
    return item_id, kind.build(doc, item_id)


def _reported_unsafe_text(data: Mapping[str, Any], file: FileCheck) -> bool:
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
