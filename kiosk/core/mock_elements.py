"""The elements of a rehearsal's mock screen, declared once: one class per element type.

Each class lists the keys its type takes in a procedure file, with their types, limits and
defaults. ``read_element`` reads any of them from the file through that declaration, so a
new key or element type is one line here and nothing else.
"""

from __future__ import annotations

import difflib
import functools
import typing
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, Protocol

import msgspec
from msgspec import inspect

MIN_PIN = 4
MAX_PIN = 16

# What a field holds beyond its type, for the reader: shown words (furigana and
# {{placeholders}} allowed, never required as nothing is read aloud), or a picture.
_WORDS = msgspec.Meta(extra={"kind": "words"})
_PICTURE = msgspec.Meta(extra={"kind": "picture"})
Words = Annotated[str, _WORDS]


class Picture(NamedTuple):
    """A picture as written in the file (``assets/img/...svg``) and its checked full path."""

    written: str
    path: Path


class Element(msgspec.Struct, frozen=True, kw_only=True, tag_field="type"):
    """One element of a mock screen. Any element may have an ``id``; only the ``tappable``
    ones can be a step's target. ``text`` is the words it shows (a button's label...)."""

    id: str = ""
    tappable: ClassVar[bool] = False
    device: ClassVar[str] = ""
    """The only device the element belongs on ("" for any)."""

    @property
    def type(self) -> str:
        """The element type as the file names it: ``"button"``, ``"pin_pad"``..."""
        return str(self.__struct_config__.tag)


class Text(Element, frozen=True, tag="text"):
    """Words on the screen."""

    text: Words


class Heading(Element, frozen=True, tag="heading"):
    """A heading on the screen."""

    text: Words


class Notice(Element, frozen=True, tag="notice"):
    """A framed message: information, or a warning with its sign."""

    text: Words
    style: Literal["info", "warning"] = "info"


class Image(Element, frozen=True, tag="image"):
    """A picture under assets/."""

    image: Annotated[Picture, _PICTURE]


class Camera(Element, frozen=True, tag="camera"):
    """A camera's view finder, for a QR code or a face."""

    text: Words
    mode: Literal["qr", "face"] = "qr"


class Button(Element, frozen=True, tag="button", rename={"text": "label"}):
    """A button of the mock app."""

    text: Words
    style: Literal["normal", "primary", "list", "link", "app", "shutter"] = "normal"
    tappable: ClassVar[bool] = True


class Input(Element, frozen=True, tag="input", rename={"text": "label"}):
    """A text box with its label, already filled in or not; ``secret`` shows dots."""

    text: Words
    value: Words = ""
    secret: bool = False
    tappable: ClassVar[bool] = True


class Checkbox(Element, frozen=True, tag="checkbox", rename={"text": "label"}):
    """A box to tick, with its label."""

    text: Words
    checked: bool = False
    tappable: ClassVar[bool] = True


class CardReader(Element, frozen=True, tag="card_reader"):
    """Where the learner holds the card: on the phone's back or on a reader."""

    text: Words
    place: Literal["phone", "reader"] = "phone"
    tappable: ClassVar[bool] = True


class PinPad(Element, frozen=True, tag="pin_pad"):
    """A keypad for a PIN of ``length`` digits."""

    length: Annotated[int, msgspec.Meta(ge=MIN_PIN, le=MAX_PIN)] = MIN_PIN
    tappable: ClassVar[bool] = True


class Key(Element, frozen=True, tag="key", rename={"text": "label"}):
    """A key of a TV remote control, coloured or plain."""

    text: Words
    colour: Literal["blue", "red", "green", "yellow"] | None = None
    tappable: ClassVar[bool] = True
    device: ClassVar[str] = "tv"


ELEMENT_CLASSES: dict[str, type[Element]] = {
    str(cls.__struct_config__.tag): cls for cls in Element.__subclasses__()
}
"""Every element type by the name files give it, in the order of the classes above."""
ELEMENT_TYPES = tuple(ELEMENT_CLASSES)
TAPPABLE = tuple(tag for tag, cls in ELEMENT_CLASSES.items() if cls.tappable)
"""Element types a learner can tap, so the only ones a step may name as its target."""


class ElementReader(Protocol):
    """The getters of a procedure file's reader that elements use (they report problems)."""

    data: Any
    label: str

    def report(self, message: str, ja: str = "") -> None: ...
    def word(self, key: str, *, required: bool = True, example: str = "") -> str: ...
    def identifier(self, key: str = "id", *, example: str = "") -> str: ...
    def text(self, key: str, *, required: bool = True, spoken: bool = True) -> str: ...
    def flag(self, key: str) -> bool: ...
    def choice(self, key: str, options: tuple[str, ...], default: str) -> str: ...
    def one_of(self, key: str, options: tuple[str, ...]) -> str: ...
    def integer(self, key: str, *, low: int, high: int, example: str) -> int: ...
    def image(self, key: str) -> tuple[str, Path] | None: ...
    def raw(self, key: str, *, required: bool, example: str) -> Any: ...
    def finish(self) -> None: ...


def read_element(reader: ElementReader, device: str) -> Element | None:
    """Read one element as its class declares it; None when its type is missing or unknown.

    Every problem is reported through ``reader`` (``element 2 (button): ...``); the element
    is still built (with blanks where a value was wrong) so that its id and the step's
    targets are checked too, and the loader drops the file.
    """
    kind = reader.word("type", example='type = "button"')
    if not kind:
        reader.finish()
        return None
    cls = ELEMENT_CLASSES.get(kind)
    if cls is None:
        close = difflib.get_close_matches(kind, ELEMENT_TYPES, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        reader.report(
            f"unknown element type '{kind}'; {hint}use one of: {', '.join(ELEMENT_TYPES)}"
        )
        return None
    reader.label = f"{reader.label} ({kind})"
    fields = sorted(_fields(cls), key=lambda field: field.name != "id")
    values = {field.name: _read_field(reader, cls, field) for field in fields}
    if cls.device and device != cls.device:
        reader.report(
            f"a '{kind}' is a key of a TV remote control; use it on a screen with "
            f'device = "{cls.device}", or use a "button"'
        )
    reader.finish()
    return cls(**values)


def _fields(cls: type[Element]) -> tuple[inspect.Field, ...]:
    info = inspect.type_info(cls)
    assert isinstance(info, inspect.StructType)
    return info.fields


def _read_field(reader: ElementReader, cls: type[Element], field: inspect.Field) -> Any:
    """The value of one declared field, read with the getter its type asks for."""
    key, kind = field.encode_name, field.type
    extra = kind.extra if isinstance(kind, inspect.Metadata) else None
    if extra == _WORDS.extra:
        return reader.text(key, required=field.required, spoken=False)
    if extra == _PICTURE.extra:
        picture = reader.image(key)
        if picture is None and key not in reader.data:
            reader.report(f"'{key}' is missing; add a line like {key} = \"assets/img/...svg\"")
        return Picture(*picture) if picture is not None else None
    if key not in reader.data:
        reader.raw(key, required=False, example="")  # known, and not given
        return field.default
    if key == "id":
        return reader.identifier("id", example='id = "next"')
    if isinstance(kind, inspect.BoolType):
        return reader.flag(key)
    if isinstance(kind, inspect.IntType):
        assert kind.ge is not None
        assert kind.le is not None
        return reader.integer(key, low=kind.ge, high=kind.le, example=f"{key} = {field.default}")
    options = _options(cls, field.name)
    if field.default is None:
        return reader.one_of(key, options) or None
    return reader.choice(key, options, field.default)


@functools.cache
def _options(cls: type[Element], name: str) -> tuple[str, ...]:
    """The words a ``Literal`` (or ``Literal | None``) field allows, in the declared order."""
    args = typing.get_args(typing.get_type_hints(cls)[name])
    literal = next((arg for arg in args if typing.get_origin(arg) is Literal), None)
    return tuple(str(word) for word in (typing.get_args(literal) if literal else args))
