"""The elements of a rehearsal's mock screen, declared once: one class per element type.

Each class lists the keys its type takes in a procedure file, with their types, limits and
defaults, annotated like every other content field (see ``content.schema``). The classes
form a tagged union on ``type``, and ``ELEMENT_SCHEMA`` reads any of them from the file
through that declaration, so a new key or element type is one line here and nothing else.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Annotated, ClassVar, Literal

import msgspec

from kiosk.core.content import schema

MIN_PIN = 4
MAX_PIN = 16

Words = Annotated[str, schema.text(spoken=False)]
"""Words shown on the mock screen: furigana and {{placeholders}} allowed, never required,
as nothing on a mock screen is read aloud."""


class Element(msgspec.Struct, frozen=True, kw_only=True, tag_field="type"):
    """One element of a mock screen. Any element may have an ``id``; only the ``tappable``
    ones can be a step's target. ``text`` is the words it shows (a button's label...)."""

    id: Annotated[str, schema.identifier(example="next")] = ""
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
    style: Annotated[Literal["info", "warning"], schema.choice(example="warning")] = "info"


class Image(Element, frozen=True, tag="image"):
    """A picture under assets/: as written in the file, and its checked full path."""

    image: Annotated[str, schema.picture(path_field="image_path")]
    image_path: Path


class Camera(Element, frozen=True, tag="camera"):
    """A camera's view finder, for a QR code or a face."""

    text: Words
    mode: Annotated[Literal["qr", "face"], schema.choice(example="face")] = "qr"


class Button(Element, frozen=True, tag="button", rename={"text": "label"}):
    """A button of the mock app."""

    text: Words
    style: Annotated[
        Literal["normal", "primary", "list", "link", "app", "shutter"],
        schema.choice(example="primary"),
    ] = "normal"
    tappable: ClassVar[bool] = True


class Input(Element, frozen=True, tag="input", rename={"text": "label"}):
    """A text box with its label, already filled in or not; ``secret`` shows dots."""

    text: Words
    value: Words = ""
    secret: Annotated[bool, schema.flag()] = False
    tappable: ClassVar[bool] = True


class Checkbox(Element, frozen=True, tag="checkbox", rename={"text": "label"}):
    """A box to tick, with its label."""

    text: Words
    checked: Annotated[bool, schema.flag()] = False
    tappable: ClassVar[bool] = True


class CardReader(Element, frozen=True, tag="card_reader"):
    """Where the learner holds the card: on the phone's back or on a reader."""

    text: Words
    place: Annotated[Literal["phone", "reader"], schema.choice(example="reader")] = "phone"
    tappable: ClassVar[bool] = True


class PinPad(Element, frozen=True, tag="pin_pad"):
    """A keypad for a PIN of ``length`` digits."""

    length: Annotated[int, schema.number(MIN_PIN, MAX_PIN, example=MIN_PIN)] = MIN_PIN
    tappable: ClassVar[bool] = True


class Key(Element, frozen=True, tag="key", rename={"text": "label"}):
    """A key of a TV remote control, coloured or plain."""

    text: Words
    colour: Annotated[
        Literal["blue", "red", "green", "yellow"] | None, schema.choice(example="blue")
    ] = None
    tappable: ClassVar[bool] = True
    device: ClassVar[str] = "tv"


AnyElement = (
    Text | Heading | Notice | Image | Camera | Button | Input | Checkbox | CardReader | PinPad | Key
)
"""Every element type, told apart by its ``type`` key."""

ELEMENT_SCHEMA: schema.OneOf[Element] = schema.OneOf(AnyElement, noun="element", example="button")
"""Reads one element as the class its ``type`` names declares it."""

ELEMENT_CLASSES: dict[str, type[Element]] = {
    str(cls.__struct_config__.tag): cls for cls in typing.get_args(AnyElement)
}
"""Every element type by the name files give it, in the order of the classes above."""
ELEMENT_TYPES = tuple(ELEMENT_CLASSES)
TAPPABLE = tuple(tag for tag, cls in ELEMENT_CLASSES.items() if cls.tappable)
"""Element types a learner can tap, so the only ones a step may name as its target."""
