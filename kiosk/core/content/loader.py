"""Loading every file of one kind of content: the good items and the problems of all."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from kiosk.core.content.images import ImageChecker
from kiosk.core.content.problems import Problem
from kiosk.core.content.section import MISSING, Section
from kiosk.core.content.toml_file import FileCheck, read_toml, reported_unsafe_text

logger = logging.getLogger(__name__)

SUPPORTED_FORMATS = (1,)
LOADER_KEYS = ("format", "kind", "id")
"""Top-level keys read here for every kind of file, before its ``build``."""

# File names the kiosk orders by their number: ``07_camera.toml``.
NUMBERED_FILE_NAME = re.compile(r"(\d+)_[A-Za-z0-9_-]+\.toml")


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
    if data is None or (not file.safe_text and reported_unsafe_text(data, file)):
        return "", None
    doc = Section(data, file)
    version = doc.lookup("format", False, "")
    if version is MISSING:
        doc.report(
            "'format = 1' is missing; add it as the first line",
            ja="1行目に format = 1 と 書いて ください。",
        )
        return "", None
    if isinstance(version, bool) or not isinstance(version, int):
        doc.wrong_type("format", "the number 1 (format = 1)", version)
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
