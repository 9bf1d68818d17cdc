"""Mock screen elements: each type's keys come from its one class, and mistakes are worded."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from kiosk.core import mock_elements as el
from kiosk.core.procedures import load_procedure_files

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n'

FILE = """format = 1
kind = "procedure"
id = "shop-copy"
title = "れんしゅう"
summary = "ためします。"
minutes = 5
how_to_find = "ホームページで さがします。"
notes = ["ためします。"]

[[items]]
name = "カード"
icon = "assets/img/procedures/card.svg"

[[steps]]
title = "えらぶ"
narration = "おします。"
hint = "ボタンです。"
targets = ["go"]
[steps.screen]
device = "{device}"
elements = [
  {element},
  {{ type = "button", id = "go", label = "つぎへ" }},
]
"""

# Every key each type takes, with a value other than its default.
FULL = {
    "text": ('{ type = "text", id = "t", text = "ことば" }', {"text": "ことば"}),
    "heading": ('{ type = "heading", id = "h", text = "みだし" }', {"text": "みだし"}),
    "notice": (
        '{ type = "notice", id = "n", text = "ちゅうい", style = "warning" }',
        {"text": "ちゅうい", "style": "warning"},
    ),
    "image": (
        '{ type = "image", id = "i", image = "assets/img/procedures/card.svg" }',
        {"image": "assets/img/procedures/card.svg"},
    ),
    "camera": (
        '{ type = "camera", id = "c", text = "かお", mode = "face" }',
        {"text": "かお", "mode": "face"},
    ),
    "button": (
        '{ type = "button", id = "b", label = "はい", style = "primary" }',
        {"text": "はい", "style": "primary"},
    ),
    "input": (
        '{ type = "input", id = "in", label = "なまえ", value = "やまだ", secret = true }',
        {"text": "なまえ", "value": "やまだ", "secret": True},
    ),
    "checkbox": (
        '{ type = "checkbox", id = "x", label = "どうい", checked = true }',
        {"text": "どうい", "checked": True},
    ),
    "card_reader": (
        '{ type = "card_reader", id = "r", text = "カード", place = "reader" }',
        {"text": "カード", "place": "reader"},
    ),
    "pin_pad": ('{ type = "pin_pad", id = "p", length = 6 }', {"length": 6}),
    "key": (
        '{ type = "key", id = "k", label = "あお", colour = "blue" }',
        {"text": "あお", "colour": "blue"},
    ),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "lessons" / "procedures").mkdir(parents=True)
    icons = tmp_path / "assets" / "img" / "procedures"
    icons.mkdir(parents=True)
    (icons / "card.svg").write_text(SVG, encoding="utf-8")
    return tmp_path


def load(root: Path, element: str, device: str = "phone") -> tuple[list[el.Element], list[str]]:
    path = root / "lessons" / "procedures" / "01_shop.toml"
    path.write_text(FILE.format(element=element, device=device), encoding="utf-8")
    loaded = load_procedure_files([path])
    elements = list(loaded.procedures[0].steps[0].screen.elements) if loaded.procedures else []
    return elements, [str(problem) for problem in loaded.problems]


def test_every_element_type_has_one_class_and_a_full_example() -> None:
    assert set(el.ELEMENT_CLASSES) == set(FULL)
    assert el.TAPPABLE == ("button", "input", "checkbox", "card_reader", "pin_pad", "key")


@pytest.mark.parametrize("kind", list(FULL))
def test_every_declared_key_is_read_into_its_class(root: Path, kind: str) -> None:
    line, expected = FULL[kind]
    elements, problems = load(root, line, device="tv" if kind == "key" else "phone")
    assert problems == []
    element = elements[0]
    assert type(element) is el.ELEMENT_CLASSES[kind]
    assert element.type == kind
    assert element.id
    for name, value in expected.items():
        assert getattr(element, name) == value
    if kind == "image":
        assert isinstance(element, el.Image)
        assert element.image_path == root / "assets/img/procedures/card.svg"


@pytest.mark.parametrize("kind", list(FULL))
def test_leaving_out_the_optional_keys_gives_the_declared_defaults(root: Path, kind: str) -> None:
    info = msgspec.inspect.type_info(el.ELEMENT_CLASSES[kind])
    assert isinstance(info, msgspec.inspect.StructType)
    (level,) = el.ELEMENT_SCHEMA.schemas[kind].levels
    required = [f for f in info.fields if f.encode_name in level.required]
    line = ", ".join(
        [f'{{ type = "{kind}"']
        + [
            f'{f.encode_name} = "assets/img/procedures/card.svg"'
            if kind == "image"
            else f'{f.encode_name} = "ことば"'
            for f in required
        ]
    )
    elements, problems = load(root, line + " }", device="tv" if kind == "key" else "phone")
    assert problems == []
    for field in info.fields:
        if not field.required:
            assert getattr(elements[0], field.name) == field.default


def test_a_key_of_another_type_is_refused_with_the_keys_of_this_one(root: Path) -> None:
    _, problems = load(root, '{ type = "text", text = "ことば", label = "x" }')
    assert problems == [
        "lessons/procedures/01_shop.toml: step 1: element 1 (text): unknown key 'label'; "
        "remove it or use one of: type, id, text"
    ]


def test_wrong_values_are_worded_from_the_declared_types(root: Path) -> None:
    _, problems = load(
        root,
        '{ type = "input", label = "なまえ", secret = "true" }, '
        '{ type = "pin_pad", length = 3 }, { type = "notice", text = "x", style = "big" }, '
        '{ type = "button", label = "x", style = "big" }',
    )
    prefix = "lessons/procedures/01_shop.toml: step 1: "
    assert problems == [
        prefix + "element 1 (input): 'secret' must be true or false, not text \"true\"; "
        "remove the quotes",
        prefix + "element 2 (pin_pad): 'length' is 3; use a number from 4 to 16",
        prefix + 'element 3 (notice): \'style\' is "big"; use "info" or "warning"',
        prefix + 'element 4 (button): \'style\' is "big"; use "normal" or "primary" or '
        '"list" or "link" or "app" or "shutter"',
    ]


def test_a_missing_label_names_the_key_the_file_uses(root: Path) -> None:
    _, problems = load(root, '{ type = "button", id = "b" }')
    assert problems == [
        "lessons/procedures/01_shop.toml: step 1: element 1 (button): 'label' is missing; "
        'add a line like label = "..."'
    ]


# Mistakes volunteers make, each worded with the file, the step and the element.
PREFIX = "lessons/procedures/01_shop.toml: step 1: "


def test_a_misspelled_key_gets_a_did_you_mean_from_the_types_own_keys(root: Path) -> None:
    _, problems = load(root, '{ type = "input", id = "n", label = "なまえ", secert = true }')
    assert problems == [PREFIX + "element 1 (input): unknown key 'secert'; did you mean 'secret'?"]
    # A key the file writes under another name ("label" for a button's text) is offered too.
    _, problems = load(root, '{ type = "checkbox", id = "x", lable = "どうい" }')
    assert problems == [
        PREFIX + "element 1 (checkbox): 'label' is missing; add a line like label = \"...\"",
        PREFIX + "element 1 (checkbox): unknown key 'lable'; did you mean 'label'?",
    ]


def test_a_value_of_the_wrong_type_says_what_to_write(root: Path) -> None:
    _, problems = load(
        root,
        '{ type = "pin_pad", id = "p", length = "6" }, { type = "button", id = "b", label = 5 }, '
        '{ type = "text", id = "Next Page", text = "x" }',
    )
    assert problems == [
        PREFIX + "element 1 (pin_pad): 'length' must be a whole number like 4, not text \"6\"; "
        "remove the quotes",
        PREFIX + "element 2 (button): 'label' must be text in quotes (\"...\"), not the number 5; "
        "put it in quotes",
        PREFIX + "element 3 (text): 'id' \"Next Page\" may use only small letters a-z, digits "
        "0-9 and '-' between them (for example 'next-page')",
    ]


def test_a_missing_required_key_names_the_key_and_an_example(root: Path) -> None:
    _, problems = load(root, '{ type = "image", id = "i" }, { type = "notice", style = "info" }')
    assert problems == [
        PREFIX + "element 1 (image): 'image' is missing; add a picture like "
        'image = "assets/img/...svg"',
        PREFIX + "element 2 (notice): 'text' is missing; add a line like text = \"...\"",
    ]


def test_an_unknown_or_missing_type_is_named_with_the_types_to_use(root: Path) -> None:
    _, problems = load(root, '{ type = "pinpad", id = "p" }, { id = "q", text = "x" }')
    listed = ", ".join(el.ELEMENT_TYPES)
    assert problems == [
        PREFIX + f"element 1: unknown element type 'pinpad'; did you mean 'pin_pad'? "
        f"use one of: {listed}",
        PREFIX + "element 2: 'type' is missing; add a line like type = \"button\"",
        PREFIX + "element 2: unknown key 'id'; remove it or use one of: type",
        PREFIX + "element 2: unknown key 'text'; remove it or use one of: type",
    ]
    _, problems = load(root, '{ type = "slider", id = "s" }')
    assert problems == [PREFIX + f"element 1: unknown element type 'slider'; use one of: {listed}"]


def test_a_remote_key_off_the_tv_and_a_repeated_id_are_refused_on_their_element(
    root: Path,
) -> None:
    _, problems = load(root, '{ type = "key", id = "go", label = "あお" }')
    assert problems == [
        PREFIX + "element 1 (key): a 'key' is a key of a TV remote control; use it on a screen "
        'with device = "tv", or use a "button"',
        PREFIX + "element 2 (button): id 'go' is already used by element 1 on this screen; "
        "give every element its own id",
    ]
