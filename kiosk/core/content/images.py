"""Cheap checks of the pictures content files point to: place, name, and first bytes."""

from __future__ import annotations

import difflib
import io
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
_HEAD_BYTES = 16  # read first, for the magic numbers
_SVG_CHUNK_BYTES = 512  # small reads: <svg> is usually in the first few hundred bytes
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # no newline changes on Windows
_DRIVE = re.compile(r"[A-Za-z]:")


class ImageChecker:
    """Cheap checks of the pictures content files point to: place, name, and first bytes.

    It remembers folder listings and results for the lifetime of one load only, so a
    picture used by several steps is checked once and nothing stays cached afterwards.
    """

    def __init__(self) -> None:
        self._listings: dict[str, dict[str, os.DirEntry[str]] | None] = {}
        self._folders: dict[tuple[str, tuple[str, ...]], tuple[str, bool]] = {}
        """Folders already walked to: (root, names) -> (path, whether a link was on the way)."""
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
        return (None, problem) if problem else (Path(path), None)

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
    ) -> tuple[str | None, bool, str | None]:
        """The picture's path, whether a link is on the way to it, or why it was not found."""
        # Walks the path one name at a time with exact case: Windows would find
        # 'Cam.png' for 'cam.png', but the same lesson would break on other systems.
        not_found = f"{shown} not found; put the file under assets/ or fix the name"
        # Plain strings rather than Path objects: this runs for every picture at start-up.
        start = str(root)
        folders = tuple(parts[:-1])
        # Pictures of one load mostly share their folder: walk to it once. The listings
        # are kept for the whole load, so the walk would find the same folder again.
        walked = self._folders.get((start, folders))
        folder, linked, first = (*walked, len(folders)) if walked else (start, False, 0)
        entry: os.DirEntry[str] | None = None
        for index in range(first, len(parts)):
            part = parts[index]
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
            if index == len(folders) - 1:
                self._folders[(start, folders)] = (folder, linked)
        if entry is None or not entry.is_file():
            problem = f"{shown} is a folder, not a picture; give the picture's file name"
            return None, linked, problem
        return folder, linked, None


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
    path: str, expected: str, shown: str, value: str
) -> tuple[str | None, str]:
    """Check the size and the first bytes: a magic number, or an SVG's first element.

    Returns ``(problem, Japanese wording)``; the wording is "" where none is given.
    """
    try:
        # The file's descriptor rather than a file object: this runs for every picture.
        fd = os.open(path, _READ_FLAGS)
        try:
            size = os.fstat(fd).st_size
            if size > MAX_IMAGE_BYTES:
                limit = MAX_IMAGE_BYTES // (1024 * 1024)
                return (
                    f"{shown} is {size:,} bytes; a picture may be at most {limit} MB "
                    f"({MAX_IMAGE_BYTES:,} bytes); save it smaller",
                    f"絵「{value}」の ファイルが 大きすぎます（{size / 1024 / 1024:.1f} MB）。"
                    f"{limit} MB より 小さく して 保存しなおしてください。",
                )
            head = os.read(fd, _HEAD_BYTES)
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
            data = head + _read_to_end(fd)
            if b"<!ENTITY" in (data.replace(b"\x00", b"") if b"\x00" in data else data):
                return (
                    f"{shown} declares XML entities (<!ENTITY); the kiosk does not draw "
                    "such SVG files; save it again without them",
                    f"絵「{value}」の SVG には <!ENTITY の 宣言が あります。"
                    "この 形の SVG は 表示しません。宣言の ない SVG で 保存しなおしてください。",
                )
            if plain_svg_start(data):
                return None, ""
            problem = _svg_problem(head, io.BytesIO(data[len(head) :]))
        finally:
            os.close(fd)
    except OSError as error:
        return f"{shown} cannot be read ({error.strerror or error}); check the file", ""
    if problem is None:
        return None, ""
    return f"{shown} is not a real SVG picture ({problem}); save it again as SVG", ""


def _read_to_end(fd: int) -> bytes:
    """The rest of an open file, like a file object's ``read()``."""
    chunks = []
    while chunk := os.read(fd, 64 * 1024):
        chunks.append(chunk)
    return b"".join(chunks)


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
            chunk = file.read(_SVG_CHUNK_BYTES)
    except ET.ParseError as error:
        return f"not well-formed XML: {error}"
    return "no <svg> element in the file"


# What ``plain_svg_start`` accepts: a strict, ASCII-only subset of XML that the parser in
# ``_svg_problem`` reads without error up to an <svg> start tag in the SVG namespace (or
# in none): an optional UTF-8 BOM and XML declaration, blank space and plain comments,
# then <svg with attributes written name="value". Anything else is left to the parser.
_PLAIN_SVG_START = re.compile(
    rb"""
    (?:\xef\xbb\xbf)?                                   # UTF-8 byte order mark
    (?:<\?xml [ \t\r\n]+ version=(?:"1\.0"|'1\.0')      # XML declaration
        (?:[ \t\r\n]+ encoding=(?:"(?:UTF|utf)-8"|'(?:UTF|utf)-8'))?
        (?:[ \t\r\n]+ standalone=(?:"(?:yes|no)"|'(?:yes|no)'))?
        [ \t\r\n]* \?>)?
    (?:[ \t\r\n]                                        # blank space and comments
        | <!-- (?:[\t\n\r\x20-\x2c\x2e-\x7e] | -[\t\n\r\x20-\x2c\x2e-\x7e])* -->)*
    <svg ((?:[ \t\r\n]+ [A-Za-z_][A-Za-z0-9._-]* (?::[A-Za-z_][A-Za-z0-9._-]*)?
        =(?:"[\t\n\r\x20\x21\x23-\x25\x28-\x3b\x3d-\x7e]*"          # no quotes, & or <
           |'[\t\n\r\x20\x21\x23-\x25\x28-\x3b\x3d-\x7e]*'))*)
    [ \t\r\n]* /?>
    """,
    re.VERBOSE,
)
_ATTRIBUTE = re.compile(rb"""([^ \t\r\n=]+)=(?:"([^"]*)"|'([^']*)')""")
_SVG_NAMESPACE = b"http://www.w3.org/2000/svg"
_NAMESPACE_URI = re.compile(rb"[A-Za-z0-9._~:/?#@!$()*+,;=%-]+")
_RESERVED_URIS = (b"http://www.w3.org/XML/1998/namespace", b"http://www.w3.org/2000/xmlns/")


def plain_svg_start(data: bytes) -> bool:
    """True when ``_svg_problem`` would certainly find no problem in the file ``data``.

    A quick scan instead of an XML parser for the usual SVG file. It answers True only
    for starts it can vouch for (see ``_PLAIN_SVG_START``); False means "ask the parser".
    The parser is fed the first ``_HEAD_BYTES`` and then ``_SVG_CHUNK_BYTES`` at a time
    and stops at the first start tag, so what follows that tag is never looked at; the
    tag must end within the first two reads and the file must hold at least twice the
    first read, so that an expat that defers reparsing a partial token still reaches it.
    """
    if len(data) < 2 * _HEAD_BYTES:
        return False
    match = _PLAIN_SVG_START.match(data)
    if match is None or match.end() > _HEAD_BYTES + _SVG_CHUNK_BYTES:
        return False
    names: set[bytes] = set()
    for attribute in _ATTRIBUTE.finditer(match.group(1)):
        name = attribute.group(1)
        value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
        if name in names:
            return False  # a repeated attribute is not well-formed
        names.add(name)
        if name == b"xmlns":
            if value != _SVG_NAMESPACE:
                return False  # another namespace makes it another element
        elif b":" in name:
            if not name.startswith(b"xmlns:") or name[6:].lower().startswith(b"xml"):
                return False  # only namespace declarations, of prefixes not reserved
            if not _NAMESPACE_URI.fullmatch(value) or value in _RESERVED_URIS:
                return False
    return True
