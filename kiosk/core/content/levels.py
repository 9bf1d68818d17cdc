"""The levels of a declared content file, and where each key belongs.

A lesson file has three levels: the top of the file, its ``[[steps]]`` and their
``[steps.check]``. ``levels_of`` finds them in the declared classes (see ``schema``), and
``hints_for`` words, for a key written at the wrong level, where it belongs instead.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from inspect import get_annotations
from typing import Any

import msgspec
from msgspec import inspect

from kiosk.core.content.loader import LOADER_KEYS


@dataclass(frozen=True)
class Level:
    """One level of a file's tree: its class, where it sits and what it is called."""

    cls: type[msgspec.Struct]
    key: str  # the key of the parent that holds it ("" for the top)
    header: str  # "[[steps]]", "[steps.check]", "" for the top
    noun: str  # "step", "question", "" for the top
    parent: Level | None
    keys: tuple[str, ...]  # the keys written at this level
    required: frozenset[str]  # those the schema reads and a file must give

    def ancestors(self) -> list[Level]:
        """The levels above, nearest first."""
        found = []
        level = self.parent
        while level is not None:
            found.append(level)
            level = level.parent
        return found


@functools.cache
def fields_of(cls: type[msgspec.Struct]) -> tuple[inspect.Field, ...]:
    """The fields of ``cls`` in the order they are declared, those of its base classes first
    (msgspec puts keyword-only fields, such as a base's ``id = ""``, last)."""
    info = inspect.type_info(cls)
    assert isinstance(info, inspect.StructType)
    order = [name for base in reversed(cls.__mro__) for name in get_annotations(base)]
    return tuple(sorted(info.fields, key=lambda field: order.index(field.name)))


def extra_of(field: inspect.Field) -> dict[str, Any]:
    kind = field.type
    return (kind.extra or {}) if isinstance(kind, inspect.Metadata) else {}


def types_in(kind: Any) -> list[Any]:
    """The types inside a field's type: through Metadata, unions (None left out) and tuples."""
    if isinstance(kind, inspect.Metadata):
        return types_in(kind.type)
    if isinstance(kind, inspect.UnionType):
        return [inner for part in kind.types for inner in types_in(part)]
    if isinstance(kind, inspect.VarTupleType):
        return types_in(kind.item_type)
    return [] if isinstance(kind, inspect.NoneType) else [kind]


def struct_of(meta: inspect.Type) -> type[msgspec.Struct]:
    (struct,) = types_in(meta)
    assert isinstance(struct, inspect.StructType)
    return struct.cls


def levels_of(
    root: type[msgspec.Struct], top_keys: tuple[str, ...] = LOADER_KEYS
) -> tuple[Level, ...]:
    """Every level of the tree under ``root``, the top first, each above its children.

    ``top_keys`` are read at the top before the schema (by the loader, or a tag).
    """
    found: list[Level] = []
    pending: list[tuple[type[msgspec.Struct], str, str, str, Level | None]] = [
        (root, "", "", "", None)
    ]
    while pending:
        cls, key, header, noun, parent = pending.pop(0)
        read = [f for f in fields_of(cls) if extra_of(f).get("read")]
        keys = tuple(f.encode_name for f in read)
        level = Level(
            cls,
            key,
            header,
            noun,
            parent,
            (*top_keys, *keys) if parent is None else keys,
            frozenset(f.encode_name for f in read if f.required),
        )
        found.append(level)
        for field in fields_of(cls):
            extra = extra_of(field)
            if extra.get("read") in ("steps", "tables"):
                child_header = f"[[{field.encode_name}]]"
            elif extra.get("read") == "table":
                child_header = f"[{_path(level, field.encode_name)}]"
            else:
                continue
            pending.append(
                (struct_of(field.type), field.encode_name, child_header, extra["noun"], level)
            )
    return tuple(found)


def _path(level: Level, key: str) -> str:
    keys = [key]
    while level.parent is not None:
        keys.insert(0, level.key)
        level = level.parent
    return ".".join(keys)


def _article(word: str) -> str:
    return "an" if word.strip("[]").lower()[:1] in "aeiou" else "a"


def hints_for(level: Level, levels: tuple[Level, ...]) -> dict[str, str]:
    """Where each key of another level belongs, as seen from ``level``."""
    hints: dict[str, str] = dict(getattr(level.cls, "wrong_keys", {}))
    for child in levels:
        singular = child.key[:-1]
        if child.parent is level and child.header.startswith("[[") and singular not in hints:
            hints[singular] = (
                f"write {child.header} (with 's' and two brackets) before each {child.noun}"
            )
    ancestors = level.ancestors()
    others = ancestors + [
        other for other in levels if other is not level and other not in ancestors
    ]
    for other in others:
        for key in other.keys:
            if key in level.keys or key in hints:
                continue
            hint = _hint(level, other, key, levels)
            if hint:
                hints[key] = hint
    return hints


def _hint(level: Level, other: Level, key: str, levels: tuple[Level, ...]) -> str:
    """Where ``key`` of ``other`` belongs, said to someone who wrote it at ``level``."""
    section = next((child for child in levels if child.parent is other and child.key == key), None)
    if section is not None:
        if other.parent is None or section.header.startswith("[["):
            return ""  # a list of sections written at the wrong level: left to "unknown key"
        return (
            f"write {section.header} (not [{key}]) just below the {other.noun} "
            f"the {section.noun} belongs to"
        )
    below = level
    while below.parent is not None and below.parent is not other:
        below = below.parent
    if other.parent is None:
        return f"it belongs at the top of the file, above the first {below.header}"
    if below.parent is other:
        return f"it belongs to the {other.noun}; put it above the {below.header} line"
    return (
        f"it belongs to {_article(other.noun)} {other.noun}; "
        f"put it below {_article(other.header)} {other.header} line"
    )
