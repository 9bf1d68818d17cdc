"""Procedure rehearsals (てつづきの れんしゅう): the file format, loading with problem reports.

A procedure file describes a real city or national service as a series of declarative
mock screens (never screenshots): what each screen shows, which element the learner
taps to go on, the narration read aloud and a hint. Texts may hold furigana and the
placeholders ``{{municipality}}``, ``{{centre}}``, ``{{ward}}`` and ``{{office}}``, filled from the
kiosk's configuration when they are shown.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

import msgspec
from msgspec.structs import replace

from kiosk.core.config import OFFICE_READINGS, Config
from kiosk.core.content import schema
from kiosk.core.content.loader import ContentKind, content_files, load_content_files
from kiosk.core.content.placeholders import PLACEHOLDER, plain_keeping_placeholders
from kiosk.core.content.problems import Problem, describe_value, display_path
from kiosk.core.content.section import Section
from kiosk.core.mock_elements import ELEMENT_SCHEMA, TAPPABLE, Element, PinPad
from kiosk.core.resources import lessons_dir
from kiosk.core.ruby import has_kanji

PROCEDURES_FOLDER = "procedures"
"""Procedure files live in this folder inside ``lessons/``."""

MAX_MINUTES = 60
MAX_ITEMS = 8
MAX_NOTES = 6
MAX_STEPS = 30
MAX_ELEMENTS = 20
MAX_TARGETS = 4
MAX_URL_LENGTH = 300  # keeps the QR code small enough to scan from a printed sheet
PLACEHOLDERS = ("municipality", "centre", "ward", "office")
"""``{{name}}`` placeholders a procedure text may use; see ``placeholder_values``."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# The kana a speech engine that cannot read kanji says for a configured name, chosen
# by how the name ends: 北九州市 -> し, 小倉北区 -> く. A configured name has no reading.
_GENERIC_READINGS = (
    ("センター", "センター"),
    ("公民館", "こうみんかん"),
    ("市役所", "しやくしょ"),
    ("区役所", "くやくしょ"),
    ("役場", "やくば"),
    ("役所", "やくしょ"),
    ("市", "し"),
    ("区", "く"),
    ("町", "まち"),
    ("村", "むら"),
    ("館", "かん"),
)
_GENERIC_FALLBACK = {
    "municipality": "まち",
    "centre": "センター",
    "ward": "ちいき",
    "office": "やくしょ",
}


# --- What a loaded procedure looks like ---------------------------------------------------


Device = Literal["phone", "machine", "tv"]
DEVICES: tuple[str, ...] = typing.get_args(Device)
"""What a mock screen is shown on: a smartphone, a shop's multi-copy machine, a TV."""

_IN_NARRATION = "a step has 'narration' (read aloud); words on the mock screen go in its elements"


class Item(msgspec.Struct, frozen=True):
    """One thing to bring (持ち物), with its picture."""

    name: Annotated[str, schema.text(one_line=True, example="マイナンバーカード")]
    icon: Annotated[
        str,
        schema.picture(path_field="icon_path", example="assets/img/procedures/mynumber_card.svg"),
    ]
    """The picture as written in the file, e.g. ``assets/img/procedures/card.svg``."""
    icon_path: Path
    note: Annotated[str | None, schema.text()] = None


class MockScreen(msgspec.Struct, frozen=True):
    """A declarative mock screen: the device, an optional title bar and its elements."""

    elements: Annotated[tuple[Element, ...], schema.by_rule()]
    device: Annotated[Device, schema.choice(example="phone")] = "phone"
    bar: Annotated[str | None, schema.text(one_line=True, spoken=False)] = None

    def element(self, element_id: str) -> Element | None:
        """The element with this id, or None."""
        return next((e for e in self.elements if e.id and e.id == element_id), None)


class ProcedureStep(msgspec.Struct, frozen=True):
    """One screen of a rehearsal: tap one of ``targets`` to go on."""

    wrong_keys: ClassVar[dict[str, str]] = {
        "text": _IN_NARRATION,
        "speech": "a step's 'narration' is what is read aloud",
        "tip": "use 'hint' for the words おしえて shows",
        "target": "write 'targets' as a list, for example targets = [\"next\"]",
    }

    number: int
    title: Annotated[str, schema.text(one_line=True)]
    narration: Annotated[str, schema.text(example="「つぎへ」を おします。")]
    hint: Annotated[str, schema.text(example="{下|した}の ボタンです。")]
    targets: Annotated[tuple[str, ...], schema.by_rule()]
    screen: Annotated[MockScreen, schema.table(noun="screen", label="screen")]

    @property
    def pin_pad(self) -> PinPad | None:
        """The PIN pad the learner types into at this step, if that is the step's target."""
        for target in self.targets:
            element = self.screen.element(target)
            if isinstance(element, PinPad):
                return element
        return None


class Procedure(msgspec.Struct, frozen=True):
    """A loaded, valid procedure. Texts keep furigana markup and ``{{placeholders}}``."""

    kind: ClassVar[str] = "procedure"
    wrong_keys: ClassVar[dict[str, str]] = {
        "level": "procedures have no level; remove it",
        "theme": "procedures have no theme; remove it",
    }

    id: str
    """Read by the loader, like ``format`` and ``kind``."""
    title: Annotated[str, schema.text(one_line=True)]
    summary: Annotated[str, schema.text()]
    minutes: Annotated[int, schema.number(1, MAX_MINUTES, example=10)]
    items: Annotated[
        tuple[Item, ...],
        schema.tables(noun="thing to bring", label="item", low=1, high=MAX_ITEMS),
    ]
    notes: Annotated[tuple[str, ...], schema.text_list("note", 1, MAX_NOTES, example=["..."])]
    steps: Annotated[tuple[ProcedureStep, ...], schema.steps()]
    source: Path
    """The file the procedure was read from."""
    url: Annotated[str | None, schema.by_rule()] = None
    url_label: Annotated[str | None, schema.by_rule()] = None
    how_to_find: Annotated[str | None, schema.by_rule()] = None
    afterwards: Annotated[str | None, schema.text()] = None

    @property
    def plain_title(self) -> str:
        """The title without furigana markup (placeholders left as written)."""
        return plain_keeping_placeholders(self.title)


@dataclass(frozen=True)
class ProcedureLoad:
    """The result of loading: valid procedures in order, and every problem found."""

    procedures: tuple[Procedure, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when no file had any problem."""
        return not self.problems

    def get(self, procedure_id: str) -> Procedure | None:
        """The procedure with this id, or None."""
        return next((p for p in self.procedures if p.id == procedure_id), None)


# --- Placeholders -------------------------------------------------------------------------


def _clean(value: str) -> str:
    # A configured name must not be able to break the furigana markup it lands in.
    return value.replace("{", "").replace("}", "").replace("|", "").strip()


CITY_PAGE_LABEL = "{{municipality}}の ホームページ"


def with_city_pages(procedures: Iterable[Procedure], config: Config) -> tuple[Procedure, ...]:
    """The procedures with the centre's own pages (``service_urls``) in place of the national ones.

    A procedure that only said how to find its page gets a QR code when its city has one.
    """
    result = []
    for procedure in procedures:
        url = config.service_url(procedure.id)
        if url:
            procedure = replace(procedure, url=url, url_label=CITY_PAGE_LABEL, how_to_find=None)
        result.append(procedure)
    return tuple(result)


def placeholder_values(config: Config) -> dict[str, str]:
    """The names shown for ``{{municipality}}``, ``{{centre}}``, ``{{ward}}`` (first area)
    and ``{{office}}`` (区役所, 市役所 or 役場)."""
    municipality = _clean(config.municipality)
    return {
        "municipality": municipality,
        "centre": _clean(config.centre_name),
        "ward": _clean(config.areas[0]) if config.areas else municipality,
        "office": config.office_name,
    }


def generic_reading(name: str, placeholder: str) -> str:
    """Kana to speak for a configured ``name`` when the engine cannot read kanji.

    Names without kanji are spoken as they are; otherwise the kind of place is said
    (北九州市 -> し, 小倉北区 -> く, 中央公民館 -> こうみんかん).
    """
    if not has_kanji(name):
        return name
    for ending, reading in _GENERIC_READINGS:
        if name.endswith(ending):
            return reading
    return _GENERIC_FALLBACK.get(placeholder, "まち")


def spoken_placeholder_values(config: Config) -> dict[str, str]:
    """The values for speech: each name with kanji as ruby over its reading.

    The reading is the one in the settings, or else the kind of place (``generic_reading``).
    Engines that read kanji say the name as written; kana-only engines say the reading.
    """
    readings = {
        "municipality": config.municipality_reading,
        "centre": config.centre_name_reading,
        "ward": config.area_reading(config.areas[0]) if config.areas else "",
        "office": OFFICE_READINGS.get(config.office_name, ""),
    }
    if not config.areas:
        readings["ward"] = config.municipality_reading
    spoken = {}
    for placeholder, name in placeholder_values(config).items():
        if has_kanji(name) and not any(c in name for c in "{|}"):
            reading = readings[placeholder] or generic_reading(name, placeholder)
            spoken[placeholder] = f"{{{name}|{reading}}}"
        else:
            spoken[placeholder] = name
    return spoken


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{{name}}`` with ``values[name]``; unknown names are left as they are."""

    def replace(match: re.Match[str]) -> str:
        return values.get(match.group(1), match.group(0))

    return PLACEHOLDER.sub(replace, text)


# --- Reading the file -----------------------------------------------------------------------


def _read_elements(screen: Section, values: dict[str, Any]) -> None:
    """The screen's elements, each read as its class declares; ids must differ, and an
    element made for one device (a TV remote's key) is only on that device's screen."""
    readers = screen.tables(
        "elements",
        label="element",
        min_items=1,
        max_items=MAX_ELEMENTS,
        example='elements = [{ type = "button", id = "next", label = "つぎへ" }]',
    )
    elements: list[Element] = []
    seen: dict[str, int] = {}
    for number, reader in enumerate(readers, 1):
        element = ELEMENT_SCHEMA.read(reader)
        if element is None:
            continue
        if element.device and element.device != values["device"]:
            reader.report(
                f"a '{element.type}' is a key of a TV remote control; use it on a screen with "
                f'device = "{element.device}", or use a "button"'
            )
        if element.id:
            if element.id in seen:
                reader.report(
                    f"id '{element.id}' is already used by element {seen[element.id]} on this "
                    "screen; give every element its own id"
                )
            else:
                seen[element.id] = number
        elements.append(element)
    values["elements"] = tuple(elements)


def _read_targets(step: Section, values: dict[str, Any]) -> None:
    """The ids the learner may tap: each must be a tappable element of the step's screen."""
    screen: MockScreen | None = values["screen"]
    if screen is None or not screen.elements:
        step.raw("targets", required=False, example="")
        values["targets"] = ()
        return
    example = 'targets = ["next"]'
    value = step.raw("targets", required=True, example=example)
    values["targets"] = ()
    if value is None:
        return
    if isinstance(value, str):
        step.report(f"'targets' must be a list; write targets = [\"{value}\"]")
        return
    if not isinstance(value, list) or not value:
        step.report("'targets' must list the id of the element to tap, for example " + example)
        return
    if len(value) > MAX_TARGETS:
        step.report(f"'targets' has {len(value)}; give from 1 to {MAX_TARGETS}")
    targets = tuple(target for target in value if _target_is_tappable(step, screen, target))
    pads = [t for t in targets if isinstance(screen.element(t), PinPad)]
    if pads and len(value) > 1:
        step.report("a PIN pad must be the only target of its step: the learner types into it")
    values["targets"] = targets


def _target_is_tappable(step: Section, screen: MockScreen, target: object) -> bool:
    if not isinstance(target, str) or not _ID.fullmatch(target):
        step.report(
            f"target {describe_value(target)} is not an element id (small letters a-z, "
            "digits and '-')"
        )
        return False
    element = screen.element(target)
    if element is None:
        ids = [e.id for e in screen.elements if e.id]
        close = difflib.get_close_matches(target, ids, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        listed = ", ".join(f"'{i}'" for i in ids) or "none"
        step.report(
            f"target '{target}' is not on this screen; {hint}give the element an "
            f'id = "{target}" or use one of the ids on the screen ({listed})'
        )
        return False
    if not element.tappable:
        step.report(
            f"target '{target}' is a '{element.type}', which cannot be tapped; the "
            f"target must be one of: {', '.join(TAPPABLE)}"
        )
        return False
    return True


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot go into a QR code for learners, or None."""
    if any(ch.isspace() for ch in url):
        return "has spaces or line breaks; write the address on one line without spaces"
    if len(url) > MAX_URL_LENGTH:
        return f"is {len(url)} characters long; use an address of at most {MAX_URL_LENGTH}"
    if "{{" in url:
        return "cannot hold placeholders; write the official address itself"
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        shown = f"'{parts.scheme}://'" if parts.scheme else "no 'https://'"
        return (
            f"must start with https:// (it has {shown}); the QR code must open a secure "
            "official page"
        )
    host = parts.hostname or ""
    if not host or "." not in host or parts.username or parts.password:
        return "is not a web address like https://myna.go.jp/; check the part after https://"
    return None


def _read_page_and_steps(doc: Section, values: dict[str, Any]) -> None:
    """The official page (``url`` with ``url_label``, or ``how_to_find``); at most MAX_STEPS."""
    url = doc.word("url", required=False)
    values["url"] = url or None
    if url:
        problem = url_problem(url)
        if problem:
            doc.report(f"'url' {problem}")
        label = doc.text("url_label", one_line=True, example='url_label = "マイナポータル"')
        values["url_label"] = label or None
        if "how_to_find" in doc.data:
            doc.report("give either 'url' or 'how_to_find', not both")
            doc.raw("how_to_find", required=False, example="")
    else:
        if "url" in doc.data and isinstance(doc.data["url"], str):
            doc.report("'url' is empty; give the official https:// address or remove the line")
        how_to_find = doc.text(
            "how_to_find",
            required=True,
            example='how_to_find = "{{municipality}}の ホームページで さがします。"',
        )
        values["how_to_find"] = how_to_find or None
        if "url_label" in doc.data:
            doc.report("'url_label' is only used with 'url'; remove it or add the url")
            doc.raw("url_label", required=False, example="")
    steps = values["steps"]
    if len(steps) > MAX_STEPS:
        doc.report(f"there are {len(steps)} steps; split the procedure to at most {MAX_STEPS}")


PROCEDURE_SCHEMA = schema.FileSchema(
    Procedure,
    rules={
        Procedure: _read_page_and_steps,
        ProcedureStep: _read_targets,
        MockScreen: _read_elements,
    },
)
"""Procedure files as ``Procedure`` declares them; the rules read what links fields."""


def _build_procedure(section: Section, procedure_id: str) -> Procedure:
    return PROCEDURE_SCHEMA.read(section, id=procedure_id, source=section.file.path)


PROCEDURE_KIND: ContentKind[Procedure] = ContentKind(
    name="procedure",
    build=_build_procedure,
    folder_depth=2,
    kind_required=True,
    placeholders=PLACEHOLDERS,
    file_name_example="03_convenience_store.toml",
)
"""How procedure files (``lessons/procedures/NN_name.toml``) are read."""


def procedures_dir() -> Path:
    """The bundled procedures folder, ``lessons/procedures``."""
    return lessons_dir() / PROCEDURES_FOLDER


def procedure_files(folder: Path) -> list[Path]:
    """The procedure files in ``folder`` (``NN_slug.toml``), in order."""
    return content_files(folder)


def load_procedure_files(paths: Iterable[Path], *, strict: bool = False) -> ProcedureLoad:
    """Load the given procedure files in this order; pictures are found under ``../../assets``."""
    procedures, problems = load_content_files(paths, PROCEDURE_KIND, strict=strict)
    return ProcedureLoad(tuple(procedures), tuple(problems))


def load_procedures(folder: Path | None = None, *, strict: bool = False) -> ProcedureLoad:
    """Load every procedure in ``folder`` (default: the bundled one), never raising.

    Broken files are left out and described in ``problems``; ``strict`` also reports
    kanji without a reading in text that is read aloud.
    """
    folder = procedures_dir() if folder is None else folder
    if not folder.is_dir():
        shown = display_path(folder, folder.parent.parent)
        return ProcedureLoad(
            (),
            (Problem(shown, "the procedures folder is missing; the kiosk has no procedures"),),
        )
    return load_procedure_files(procedure_files(folder), strict=strict)
