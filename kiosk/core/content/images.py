"""Cheap checks of the pictures content files point to: place, name, and first bytes."""

from __future__ import annotations

import difflib
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

MAX_IMAGE_BYTES = 2 * 1024 * 1024
"""Pictures larger than this are refused: a huge SVG blocks the screen for seconds (2 MB)."""

IMAGE_TYPES = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_SVG_TAGS = ("svg", "{http://www.w3.org/2000/svg}svg")
_SVG_READ_LIMIT = 256 * 1024  # the <svg> element must start within this many bytes
_DRIVE = re.compile(r"[A-Za-z]:")


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
