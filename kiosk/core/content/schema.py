"""Content files declared once: typed classes whose fields say how each key is read.

A kind of content file is a tree of msgspec Structs (a lesson holds steps, a step holds
a question). Each field that comes from the file is annotated with one of the ``Meta``
helpers below, which give its limits (msgspec's own ``ge``/``le``, ``min_length``/
``max_length``), an example line and how it is read. ``FileSchema`` walks that
declaration with the ``Section`` getters, so one declaration drives:

- validation, with the volunteer-readable messages of ``Section`` (``FILE: step N: ...``);
- the "where does this key belong" hints: a key declared at another level of the tree
  is answered with where it goes, and ``finish`` still offers "did you mean" for typos.

Keys whose reading depends on other fields are declared ``by_rule`` and read by the
class's rule (``FileSchema(root, rules=...)``), which also checks what links fields.
A class may list ``wrong_keys``: keys authors bring from the other kind of file, with
what to write instead.

A table that may be one of several classes (a mock screen's element, told apart by its
``type``) is read by ``OneOf``: the classes form a msgspec tagged union, each read by a
``FileSchema`` of its own, and an unknown tag gets a "did you mean" too.
"""

from __future__ import annotations

import difflib
import json
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import msgspec
from msgspec import inspect

from kiosk.core.content.levels import (
    Level,
    extra_of,
    fields_of,
    hints_for,
    levels_of,
    struct_of,
)
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


def word(*, example: str = "...") -> msgspec.Meta:
    """Plain text without furigana, such as a web address."""
    return msgspec.Meta(examples=[example], extra={"read": "word"})


def identifier(*, example: str) -> msgspec.Meta:
    """An id made of a-z, 0-9 and '-', such as ``"next"``."""
    return msgspec.Meta(examples=[example], extra={"read": "identifier"})


def flag() -> msgspec.Meta:
    """``true`` or ``false``."""
    return msgspec.Meta(extra={"read": "flag"})


def picture(*, path_field: str, example: str = "assets/img/...svg") -> msgspec.Meta:
    """A picture under assets/; its checked absolute path goes into ``path_field``."""
    return msgspec.Meta(examples=[example], extra={"read": "picture", "path_field": path_field})


def by_rule() -> msgspec.Meta:
    """A key of this level read by the class's rule (it depends on other fields)."""
    return msgspec.Meta(extra={"read": "rule"})


def table(*, noun: str, label: str) -> msgspec.Meta:
    """A sub-table such as ``[steps.check]``; ``noun`` says what it is (``question``)."""
    return msgspec.Meta(extra={"read": "table", "noun": noun, "label": label})


def tables(*, noun: str, label: str, low: int, high: int) -> msgspec.Meta:
    """A list of sections such as ``[[items]]``, each called ``label N`` in messages."""
    extra = {"read": "tables", "noun": noun, "label": label}
    return msgspec.Meta(min_length=low, max_length=high, extra=extra)


def steps(*, noun: str = "step") -> msgspec.Meta:
    """The numbered ``[[steps]]`` sections."""
    return msgspec.Meta(extra={"read": "steps", "noun": noun})


Rule = Callable[[Section, dict[str, Any]], None]
"""Reads the ``by_rule`` keys of a class and checks what links its fields, before
``finish``; it gets the values read so far and puts its own into them."""


Reader = Callable[[Section, dict[str, Any]], Any]


@dataclass(frozen=True)
class _Plan:
    """How to read one class: a reader per field, in reading order, and the key hints."""

    readers: tuple[tuple[str, Reader], ...]
    hints: Mapping[str, str]


class FileSchema(Generic[StructT]):
    """Reads a kind of content file through its declared root class (``Lesson``...)."""

    def __init__(
        self,
        root: type[StructT],
        rules: Mapping[type[msgspec.Struct], Rule] | None = None,
        *,
        top_keys: tuple[str, ...] = LOADER_KEYS,
    ) -> None:
        self.root = root
        self.rules = dict(rules or {})
        self.levels = levels_of(root, top_keys)
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
        rule = self.rules.get(cls)
        if rule is not None:
            rule(section, values)
        section.finish(plan.hints)
        return cls(**values)

    def _plan(self, level: Level) -> _Plan:
        fields = fields_of(level.cls)
        speakers = {
            extra_of(f).get("speaks_for"): f.encode_name
            for f in fields
            if extra_of(f).get("speaks_for")
        }
        by_name = {f.name: f for f in fields}
        readers: list[tuple[str, Reader]] = []
        later: list[tuple[str, Reader]] = []
        for field in fields:
            reader = self._reader(level.cls, field, speakers.get(field.name, ""), by_name)
            if reader is None:
                continue
            # A level's own keys are read before its sections, so its problems come first.
            nested = extra_of(field)["read"] in ("table", "tables", "steps")
            (later if nested else readers).append((field.name, reader))
        return _Plan(tuple(readers + later), hints_for(level, self.levels))

    def _reader(
        self,
        cls: type[msgspec.Struct],
        field: inspect.Field,
        speaker: str,
        fields: Mapping[str, inspect.Field],
    ) -> Reader | None:
        extra = extra_of(field)
        kind = extra.get("read")
        if kind in (None, "rule"):
            return None  # given by the caller or the rule, or the path of a picture
        make: Callable[..., Reader] = getattr(self, f"_read_{kind}")
        return make(field, extra, field.type, cls=cls, speaker=speaker, fields=fields)

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
            return value if required else value or field.default

        return read

    @staticmethod
    def _read_choice(
        field: inspect.Field, extra: dict[str, Any], meta: Any, **context: Any
    ) -> Reader:
        key = field.encode_name
        options = _options(context["cls"], field.name)
        example = _line(key, _example(meta))
        if not field.required:
            return lambda section, values: section.choice(key, options, field.default)
        return lambda section, values: section.one_of(key, options, example=example)

    @staticmethod
    def _read_number(
        field: inspect.Field, extra: dict[str, Any], meta: Any, **context: Any
    ) -> Reader:
        key, low, high = field.encode_name, meta.type.ge, meta.type.le
        example = _line(key, _example(meta))
        meaning = f" ({_description(meta)})" if _description(meta) else ""
        counted = extra["counts"]
        limits = _length(context["fields"][counted]) if counted else None

        def read(section: Section, values: dict[str, Any]) -> int:
            if not field.required and key not in section.data:
                section.lookup(key, False, "")
                return int(field.default)
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
    def _read_word(field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any) -> Reader:
        key, required = field.encode_name, field.required
        example = _line(key, _example(meta))

        def read(section: Section, values: dict[str, Any]) -> str | None:
            value = section.word(key, required=required, example=example)
            return value if required else value or None

        return read

    @staticmethod
    def _read_identifier(
        field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any
    ) -> Reader:
        key = field.encode_name
        example = _line(key, _example(meta))

        def read(section: Section, values: dict[str, Any]) -> str:
            if not field.required and key not in section.data:
                section.lookup(key, False, "")
                return str(field.default)
            return section.identifier(key, example=example)

        return read

    @staticmethod
    def _read_flag(field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any) -> Reader:
        key = field.encode_name

        def read(section: Section, values: dict[str, Any]) -> bool:
            if key not in section.data:
                section.lookup(key, field.required, f"{key} = true")
                return False if field.required else bool(field.default)
            return section.flag(key)

        return read

    @staticmethod
    def _read_picture(field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any) -> Reader:
        key, path_field = field.encode_name, extra["path_field"]
        missing = (
            f"'{key}' is missing; add a picture like {_line(key, _example(meta))}"
            if field.required
            else ""
        )

        def read(section: Section, values: dict[str, Any]) -> str | None:
            found = section.image(key)
            if found is None and missing and key not in section.data:
                section.report(missing)
            values[path_field] = found[1] if found else None
            return found[0] if found else None

        return read

    def _read_table(
        self, field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any
    ) -> Reader:
        key, label = field.encode_name, extra["label"]
        child = struct_of(meta)
        header = next(level.header for level in self.levels if level.cls is child)

        def read(section: Section, values: dict[str, Any]) -> Any:
            sub = section.table(key, label=label, example=header, required=field.required)
            return None if sub is None else self._read(sub, child, {})

        return read

    def _read_tables(
        self, field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any
    ) -> Reader:
        key, label, child = field.encode_name, extra["label"], struct_of(meta)
        low, high = meta.type.min_length, meta.type.max_length

        def read(section: Section, values: dict[str, Any]) -> tuple[Any, ...]:
            found = section.tables(
                key, label=label, min_items=low, max_items=high, example=f"[[{key}]]"
            )
            return tuple(self._read(table, child, {}) for table in found)

        return read

    def _read_steps(
        self, field: inspect.Field, extra: dict[str, Any], meta: Any, **_: Any
    ) -> Reader:
        key, child = field.encode_name, struct_of(meta)

        def read(section: Section, values: dict[str, Any]) -> tuple[Any, ...]:
            return tuple(
                self._read(step, child, {"number": step.step or 0}) for step in section.steps(key)
            )

        return read


class OneOf(Generic[StructT]):
    """Reads a table as one of several declared classes, chosen by its tag (``type = "button"``).

    The classes form a msgspec tagged union: they share a ``tag_field`` and each names its
    ``tag``. Each is read as a ``FileSchema``, so its keys are checked and worded like those
    of any other level; a missing or unknown tag is reported, with a "did you mean".
    """

    def __init__(self, union: Any, *, noun: str, example: str) -> None:
        info = inspect.type_info(union)
        members = info.types if isinstance(info, inspect.UnionType) else (info,)
        structs = [member for member in members if isinstance(member, inspect.StructType)]
        assert structs, "a tagged union of msgspec Structs"
        assert all(struct.tag_field and struct.tag for struct in structs)
        self.tag_field = str(structs[0].tag_field)
        self.noun = noun
        self.example = _line(self.tag_field, example)
        self.schemas: dict[str, FileSchema[StructT]] = {
            str(struct.tag): FileSchema(
                typing.cast(type[StructT], struct.cls), top_keys=(self.tag_field,)
            )
            for struct in structs
        }
        """The schema of each class, by its tag, in the union's order."""

    def read(self, section: Section) -> StructT | None:
        """The class the tag names, read from ``section``; None when the tag is missing or unknown.

        Problems are labelled with the tag (``element 2 (button): ...``).
        """
        tag = section.word(self.tag_field, example=self.example)
        if not tag:
            section.finish()
            return None
        schema = self.schemas.get(tag)
        if schema is None:
            tags = list(self.schemas)
            close = difflib.get_close_matches(tag, tags, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            section.report(f"unknown {self.noun} type '{tag}'; {hint}use one of: {', '.join(tags)}")
            return None
        section.label = f"{section.label} ({tag})"
        return schema.read(section)


def _example(meta: inspect.Metadata) -> Any:
    return (meta.extra_json_schema or {}).get("examples", ["..."])[0]


def _description(meta: inspect.Metadata) -> str:
    return str((meta.extra_json_schema or {}).get("description", ""))


def _options(cls: type[msgspec.Struct], name: str) -> tuple[str, ...]:
    """The words a ``Literal`` (or ``Literal | None``) field allows, in the declared order
    (msgspec's own description of the type sorts them)."""
    args = typing.get_args(typing.get_type_hints(cls)[name])
    literal = next((arg for arg in args if typing.get_origin(arg) is Literal), None)
    return tuple(str(word) for word in (typing.get_args(literal) if literal else args))


def _length(field: inspect.Field) -> tuple[int, int]:
    kind = field.type.type if isinstance(field.type, inspect.Metadata) else field.type
    assert isinstance(kind, inspect.VarTupleType)
    return kind.min_length or 0, kind.max_length or 0
