"""Content files declared once: typed classes whose fields say how each key is read.

A kind of content file is a tree of msgspec Structs (a lesson holds steps, a step holds
a question). Each field that comes from the file is annotated with one of the ``Meta``
helpers below, which give its limits (msgspec's own ``ge``/``le``, ``min_length``/
``max_length``), an example line and how it is read. ``FileSchema`` walks that
declaration with the ``Section`` getters, so one declaration drives:

- validation, with the volunteer-readable messages of ``Section`` (``FILE: step N: ...``);
- the "where does this key belong" hints: a key declared at another level of the tree
  is answered with where it goes, and ``finish`` still offers "did you mean" for typos.

Rules between fields that a declaration cannot say stay as code in the builders.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec
from msgspec import inspect

from kiosk.core.content.loader import LOADER_KEYS
from kiosk.core.content.section import Section

StructT = TypeVar("StructT", bound=msgspec.Struct)


def _line(key: str, example: Any) -> str:
    """An example line as written in the file: ``title = "..."``, ``minutes = 10``."""
    return f"{key} = {json.dumps(example, ensure_ascii=False)}"


def text(
    *, one_line: bool = False, spoken: bool = True, example: str = "...", speaks_for: str = ""
) -> msgspec.Meta:
    """A text with furigana; ``spoken`` texts need readings under --strict.

    ``speaks_for`` names a field this one replaces when read aloud: that field is then
    only shown, so --strict does not look for readings in it.
    """
    extra = {"read": "text", "one_line": one_line, "spoken": spoken, "speaks_for": speaks_for}
    return msgspec.Meta(examples=[example], extra=extra)


def choice(*, example: str) -> msgspec.Meta:
    """A word from the field's ``Literal`` type."""
    return msgspec.Meta(examples=[example], extra={"read": "choice"})


def number(
    low: int, high: int, *, example: int, meaning: str = "", counts: str = ""
) -> msgspec.Meta:
    """A whole number from ``low`` to ``high``; ``counts`` caps it at that list's length."""
    extra = {"read": "number", "counts": counts}
    return msgspec.Meta(ge=low, le=high, examples=[example], description=meaning, extra=extra)


def text_list(
    item: str, low: int, high: int, *, example: list[str], distinct: bool = False
) -> msgspec.Meta:
    """A list of one-line texts with furigana, each called ``item N`` in messages."""
    extra = {"read": "text_list", "item": item, "distinct": distinct}
    return msgspec.Meta(min_length=low, max_length=high, examples=[example], extra=extra)


def picture(*, path_field: str) -> msgspec.Meta:
    """A picture under assets/; its checked absolute path goes into ``path_field``."""
    return msgspec.Meta(extra={"read": "picture", "path_field": path_field})


def table(*, noun: str, label: str) -> msgspec.Meta:
    """A sub-table such as ``[steps.check]``; ``noun`` says what it is (``question``)."""
    return msgspec.Meta(extra={"read": "table", "noun": noun, "label": label})


def steps(*, noun: str = "step") -> msgspec.Meta:
    """The numbered ``[[steps]]`` sections."""
    return msgspec.Meta(extra={"read": "steps", "noun": noun})


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


Reader = Callable[[Section, dict[str, Any]], Any]


@dataclass(frozen=True)
class _Plan:
    """How to read one class: a reader per field, in reading order, and the key hints."""

    readers: tuple[tuple[str, Reader], ...]
    hints: Mapping[str, str]


class FileSchema(Generic[StructT]):
    """Reads a kind of content file through its declared root class (``Lesson``...)."""

    def __init__(self, root: type[StructT]) -> None:
        self.root = root
        self.levels = _levels(root)
        self._plans = {level.cls: self._plan(level) for level in self.levels}

    def read(self, section: Section, **given: Any) -> StructT:
        """The root class read from ``section``; ``given`` holds the fields not in the file."""
        item: StructT = self._read(section, self.root, given)
        return item

    def _read(self, section: Section, cls: type[msgspec.Struct], given: dict[str, Any]) -> Any:
        plan = self._plans[cls]
        values = dict(given)
        for name, reader in plan.readers:
            values[name] = reader(section, values)
        section.finish(plan.hints)
        return cls(**values)

    def _plan(self, level: Level) -> _Plan:
        fields = _fields(level.cls)
        speakers = {
            _extra(f).get("speaks_for"): f.encode_name
            for f in fields
            if _extra(f).get("speaks_for")
        }
        by_name = {f.name: f for f in fields}
        readers: list[tuple[str, Reader]] = []
        later: list[tuple[str, Reader]] = []
        for field in fields:
            reader = self._reader(field, speakers.get(field.name, ""), by_name)
            if reader is None:
                continue
            # A level's own keys are read before its sections, so its problems come first.
            nested = _extra(field)["read"] in ("table", "steps")
            (later if nested else readers).append((field.name, reader))
        return _Plan(tuple(readers + later), _hints(level, self.levels))

    def _reader(
        self, field: inspect.Field, speaker: str, fields: Mapping[str, inspect.Field]
    ) -> Reader | None:
        extra = _extra(field)
        kind = extra.get("read")
        if kind is None:
            return None  # given by the caller, or the path of a picture
        make: Callable[..., Reader] = getattr(self, f"_read_{kind}")
        return make(field, extra, _meta(field), speaker=speaker, fields=fields)

    @staticmethod
    def _read_text(
        field: inspect.Field, extra: dict[str, Any], meta: Any, **context: Any
    ) -> Reader:
        key, required, speaker = field.encode_name, field.required, context["speaker"]
        example = _line(key, _example(meta))

        def read(section: Section, values: dict[str, Any]) -> Any:
            spoken = extra["spoken"]
            if speaker:
                other = section.peek(speaker)
                spoken = spoken and not (isinstance(other, str) and other.strip())
            value = section.text(
                key, required=required, one_line=extra["one_line"], spoken=spoken, example=example
            )
            return value if required else value or None

        return read

    @staticmethod
    def _read_choice(field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any) -> Reader:
        key = field.encode_name
        options = tuple(str(option) for option in _literal(meta).values)
        example = _line(key, _example(meta))
        return lambda section, values: section.one_of(key, options, example=example)

    @staticmethod
    def _read_number(
        field: inspect.Field, extra: dict[str, Any], meta: Any, **context: Any
    ) -> Reader:
        key, low, high = field.encode_name, meta.type.ge, meta.type.le
        example = _line(key, _example(meta))
        meaning = f" ({meta.extra_json_schema['description']})" if _description(meta) else ""
        counted = extra["counts"]
        limits = _length(context["fields"][counted]) if counted else None

        def read(section: Section, values: dict[str, Any]) -> int:
            top = high
            if limits is not None and limits[0] <= len(values[counted]) <= limits[1]:
                top = len(values[counted])
            return section.integer(
                key, low=low, high=top, required=field.required, example=example, meaning=meaning
            )

        return read

    @staticmethod
    def _read_text_list(field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any) -> Reader:
        key, item = field.encode_name, extra["item"]
        low, high = meta.type.min_length, meta.type.max_length
        example = _line(key, _example(meta))

        def read(section: Section, values: dict[str, Any]) -> tuple[str, ...]:
            items = section.text_list(
                key, item_name=item, min_items=low, max_items=high, example=example
            )
            if extra["distinct"]:
                for position, entry in enumerate(items, 1):
                    if entry in items[: position - 1]:
                        first = items.index(entry) + 1
                        section.report(
                            f"{item} {position} is the same as {item} {first}; make each different"
                        )
            return items

        return read

    @staticmethod
    def _read_picture(field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any) -> Reader:
        key, path_field = field.encode_name, extra["path_field"]

        def read(section: Section, values: dict[str, Any]) -> str | None:
            found = section.image(key)
            values[path_field] = found[1] if found else None
            return found[0] if found else None

        return read

    def _read_table(
        self, field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any
    ) -> Reader:
        key, label = field.encode_name, extra["label"]
        child = _struct(meta)
        header = next(level.header for level in self.levels if level.cls is child)

        def read(section: Section, values: dict[str, Any]) -> Any:
            sub = section.table(key, label=label, example=header)
            return None if sub is None else self._read(sub, child, {})

        return read

    def _read_steps(
        self, field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any
    ) -> Reader:
        key, child = field.encode_name, _struct(meta)

        def read(section: Section, values: dict[str, Any]) -> tuple[Any, ...]:
            return tuple(
                self._read(step, child, {"number": step.step or 0}) for step in section.steps(key)
            )

        return read


# --- Looking into the declaration ---------------------------------------------------------


@functools.cache
def _fields(cls: type[msgspec.Struct]) -> tuple[inspect.Field, ...]:
    info = inspect.type_info(cls)
    assert isinstance(info, inspect.StructType)
    return info.fields


def _meta(field: inspect.Field) -> Any:
    return field.type


def _extra(field: inspect.Field) -> dict[str, Any]:
    kind = field.type
    return (kind.extra or {}) if isinstance(kind, inspect.Metadata) else {}


def _example(meta: inspect.Metadata) -> Any:
    return (meta.extra_json_schema or {}).get("examples", ["..."])[0]


def _description(meta: inspect.Metadata) -> str:
    return str((meta.extra_json_schema or {}).get("description", ""))


def _inner(kind: Any) -> list[Any]:
    """The types inside a field's type: through Metadata, unions (None left out) and tuples."""
    if isinstance(kind, inspect.Metadata):
        return _inner(kind.type)
    if isinstance(kind, inspect.UnionType):
        return [inner for part in kind.types for inner in _inner(part)]
    if isinstance(kind, inspect.VarTupleType):
        return _inner(kind.item_type)
    return [] if isinstance(kind, inspect.NoneType) else [kind]


def _literal(meta: inspect.Metadata) -> inspect.LiteralType:
    (literal,) = _inner(meta)
    assert isinstance(literal, inspect.LiteralType)
    return literal


def _struct(meta: inspect.Metadata) -> type[msgspec.Struct]:
    (struct,) = _inner(meta)
    assert isinstance(struct, inspect.StructType)
    return struct.cls


def _length(field: inspect.Field) -> tuple[int, int]:
    kind = field.type.type if isinstance(field.type, inspect.Metadata) else field.type
    assert isinstance(kind, inspect.VarTupleType)
    return kind.min_length or 0, kind.max_length or 0


def _levels(root: type[msgspec.Struct]) -> tuple[Level, ...]:
    """Every level of the tree under ``root``, the top first, each above its children."""
    found: list[Level] = []
    pending: list[tuple[type[msgspec.Struct], str, str, str, Level | None]] = [
        (root, "", "", "", None)
    ]
    while pending:
        cls, key, header, noun, parent = pending.pop(0)
        read = [f for f in _fields(cls) if _extra(f).get("read")]
        keys = tuple(f.encode_name for f in read)
        level = Level(
            cls,
            key,
            header,
            noun,
            parent,
            (*LOADER_KEYS, *keys) if parent is None else keys,
            frozenset(f.encode_name for f in read if f.required),
        )
        found.append(level)
        for field in _fields(cls):
            extra = _extra(field)
            if extra.get("read") == "steps":
                child_header = f"[[{field.encode_name}]]"
            elif extra.get("read") == "table":
                child_header = f"[{_path(level, field.encode_name)}]"
            else:
                continue
            pending.append(
                (_struct(_meta(field)), field.encode_name, child_header, extra["noun"], level)
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


def _hints(level: Level, levels: tuple[Level, ...]) -> dict[str, str]:
    """Where each key of another level belongs, as seen from ``level``."""
    hints: dict[str, str] = {}
    for child in levels:
        if child.parent is level and child.header.startswith("[[") and child.key.endswith("s"):
            hints[child.key[:-1]] = (
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
