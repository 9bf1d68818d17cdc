"""The procedure loader on real files: a good file loads, and each mistake is worded for authors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.config import Config
from kiosk.core.procedures import (
    fill_placeholders,
    generic_reading,
    load_procedure_files,
    load_procedures,
    placeholder_values,
    spoken_placeholder_values,
)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n'

GOOD = """format = 1
kind = "procedure"
id = "shop-copy"
title = "コンビニで {住民票|じゅうみんひょう}を とる"
summary = "{{municipality}}の {住民票|じゅうみんひょう}を とる ながれを ためします。"
minutes = 5
url = "https://www.lg-waps.go.jp/"
url_label = "コンビニ{交付|こうふ}"
notes = ["3かい まちがえると ロックが かかります。"]

[[items]]
name = "マイナンバーカード"
icon = "assets/img/procedures/card.svg"

[[steps]]
title = "えらぶ"
narration = "「{行政|ぎょうせい}サービス」を おします。"
hint = "{下|した}の ボタンです。"
targets = ["gyosei"]
[steps.screen]
device = "machine"
bar = "{{municipality}}"
elements = [
  { type = "text", text = "メニュー" },
  { type = "button", id = "gyosei", style = "list", label = "行政サービス" },
]

[[steps]]
title = "{暗証番号|あんしょうばんごう}"
narration = "1、2、3、4と おします。"
hint = "{数字|すうじ}を おします。"
targets = ["pin"]
[steps.screen]
elements = [
  { type = "pin_pad", id = "pin" },
]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A content root with an empty lessons/procedures folder and one icon."""
    (tmp_path / "lessons" / "procedures").mkdir(parents=True)
    icons = tmp_path / "assets" / "img" / "procedures"
    icons.mkdir(parents=True)
    (icons / "card.svg").write_text(SVG, encoding="utf-8")
    return tmp_path


def write(root: Path, text: str, name: str = "01_shop.toml") -> Path:
    path = root / "lessons" / "procedures" / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(root: Path, text: str, *, strict: bool = False) -> list[str]:
    load = load_procedure_files([write(root, text)], strict=strict)
    assert not load.procedures or not load.problems
    return [str(problem) for problem in load.problems]


def test_a_good_file_loads_with_its_screens_targets_and_placeholders(root: Path) -> None:
    load = load_procedures(root / "lessons" / "procedures", strict=True)
    assert load.procedures == ()
    write(root, GOOD)
    load = load_procedures(root / "lessons" / "procedures", strict=True)
    assert load.ok, load.problems
    (procedure,) = load.procedures
    assert procedure.id == "shop-copy"
    assert procedure.url == "https://www.lg-waps.go.jp/"
    assert procedure.items[0].icon_path == root / "assets/img/procedures/card.svg"
    first, second = procedure.steps
    assert first.screen.device == "machine"
    assert [e.type for e in first.screen.elements] == ["text", "button"]
    assert first.targets == ("gyosei",)
    assert first.pin_pad is None
    assert second.screen.device == "phone"  # the default device
    assert second.pin_pad is not None
    assert second.pin_pad.length == 4
    assert "{{municipality}}" in procedure.summary  # filled only when shown


def test_a_target_that_is_not_on_the_screen_is_reported_with_a_suggestion(root: Path) -> None:
    text = GOOD.replace('targets = ["gyosei"]', 'targets = ["gyousei"]')
    assert problems_of(root, text) == [
        "lessons/procedures/01_shop.toml: step 1: target 'gyousei' is not on this screen; "
        "did you mean 'gyosei'? give the element an id = \"gyousei\" or use one of the ids "
        "on the screen ('gyosei')"
    ]


def test_a_target_must_be_something_a_finger_can_press(root: Path) -> None:
    text = GOOD.replace(
        '{ type = "text", text = "メニュー" }', '{ type = "text", id = "menu", text = "メニュー" }'
    )
    text = text.replace('targets = ["gyosei"]', 'targets = ["menu"]')
    (problem,) = problems_of(root, text)
    assert "step 1: target 'menu' is a 'text', which cannot be tapped" in problem


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.lg-waps.go.jp/", "'url' must start with https:// (it has 'http://')"),
        ("www.lg-waps.go.jp", "'url' must start with https:// (it has no 'https://')"),
        ("https://myna go.jp/", "'url' has spaces or line breaks"),
        ("https://localhost/", "'url' is not a web address like https://myna.go.jp/"),
        ("https://{{municipality}}.jp/", "'url' cannot hold placeholders"),
    ],
)
def test_the_qr_address_must_be_an_https_web_address(root: Path, url: str, expected: str) -> None:
    text = GOOD.replace('url = "https://www.lg-waps.go.jp/"', f'url = "{url}"')
    (problem,) = problems_of(root, text)
    assert problem.startswith(f"lessons/procedures/01_shop.toml: {expected}")


def test_without_a_url_the_file_must_say_how_to_find_the_real_service(root: Path) -> None:
    text = GOOD.replace('url = "https://www.lg-waps.go.jp/"\n', "")
    text = text.replace('url_label = "コンビニ{交付|こうふ}"\n', "")
    (problem,) = problems_of(root, text)
    assert "'how_to_find' is missing" in problem
    found = text.replace(
        "minutes = 5", 'minutes = 5\nhow_to_find = "{{municipality}}の ホームページで さがします。"'
    )
    assert problems_of(root, found) == []


def test_a_missing_icon_is_reported_with_the_closest_name(root: Path) -> None:
    text = GOOD.replace("procedures/card.svg", "procedures/cards.svg")
    (problem,) = problems_of(root, text)
    assert problem == (
        "lessons/procedures/01_shop.toml: item 1: image 'assets/img/procedures/cards.svg' not "
        "found; put the file under assets/ or fix the name (did you mean "
        "'assets/img/procedures/card.svg'?)"
    )


def test_every_thing_to_bring_needs_an_icon(root: Path) -> None:
    text = GOOD.replace('icon = "assets/img/procedures/card.svg"\n', "")
    (problem,) = problems_of(root, text)
    assert "item 1: 'icon' is missing" in problem


def test_an_unknown_element_type_is_reported_with_a_suggestion(root: Path) -> None:
    text = GOOD.replace(
        '{ type = "text", text = "メニュー" }', '{ type = "buton", text = "メニュー" }'
    )
    (problem,) = problems_of(root, text)
    assert problem.startswith(
        "lessons/procedures/01_shop.toml: step 1: element 1: unknown element type 'buton'; "
        "did you mean 'button'?"
    )


def test_unknown_keys_in_elements_and_steps_are_reported(root: Path) -> None:
    text = GOOD.replace('style = "list", label', 'stlye = "list", label')
    text = text.replace(
        'hint = "{下|した}の ボタンです。"', 'hint = "{下|した}の ボタンです。"\ntext = "x"'
    )
    problems = problems_of(root, text)
    assert any(
        "step 1: element 2 (button): unknown key 'stlye'; did you mean 'style'?" in p
        for p in problems
    )
    assert any("step 1: unknown key 'text'; a step has 'narration'" in p for p in problems)


def test_duplicate_element_ids_and_keys_off_the_tv_are_reported(root: Path) -> None:
    text = GOOD.replace(
        '{ type = "text", text = "メニュー" }', '{ type = "key", id = "gyosei", label = "d" }'
    )
    problems = problems_of(root, text)
    assert any("a 'key' is a key of a TV remote control" in p for p in problems)
    assert any("id 'gyosei' is already used by element 1 on this screen" in p for p in problems)


def test_a_pin_pad_must_be_the_only_target_of_its_step(root: Path) -> None:
    text = GOOD.replace('targets = ["pin"]', 'targets = ["pin", "ok"]').replace(
        '{ type = "pin_pad", id = "pin" },',
        '{ type = "pin_pad", id = "pin" },\n  { type = "button", id = "ok", label = "OK" },',
    )
    (problem,) = problems_of(root, text)
    assert "step 2: a PIN pad must be the only target of its step" in problem


def test_an_unknown_placeholder_is_reported(root: Path) -> None:
    text = GOOD.replace("{{municipality}}の {住民票", "{{municipalty}}の {住民票")
    (problem,) = problems_of(root, text)
    assert "'summary' has the unknown placeholder '{{municipalty}}'; did you mean" in problem
    assert "'{{municipality}}'" in problem


def test_an_unknown_placeholder_is_worded_for_staff_too(root: Path) -> None:
    text = GOOD.replace('bar = "{{municipality}}"', 'bar = "{{city}}"')
    load = load_procedure_files([write(root, text)])
    (problem,) = load.problems
    assert problem.step == 1
    assert "{{city}}" in problem.message_ja
    assert "使えません" in problem.message_ja


def test_notes_are_read_like_every_list_of_texts(root: Path) -> None:
    text = GOOD.replace(
        'notes = ["3かい まちがえると ロックが かかります。"]',
        'notes = ["  ", "{{ofice}}で ききます。"]',
    )
    assert problems_of(root, text) == [
        "lessons/procedures/01_shop.toml: note 1 is empty; write the text between the quotes",
        "lessons/procedures/01_shop.toml: note 2 has the unknown placeholder '{{ofice}}'; "
        "did you mean '{{office}}'? use {{municipality}}, {{centre}}, {{ward}}, {{office}}",
    ]


def test_strict_wants_readings_in_spoken_text_but_not_on_mock_screens(root: Path) -> None:
    text = GOOD.replace("「{行政|ぎょうせい}サービス」", "「行政サービス」")
    assert problems_of(root, text) == []
    (problem,) = problems_of(root, text, strict=True)
    # The mock button's label "行政サービス" has no reading either, and that is fine.
    assert problem == (
        "lessons/procedures/01_shop.toml: step 1: 'narration' has kanji without a reading: "
        "'行政'; the speech engine cannot read kanji, so add the reading like {行政|よみ}"
    )


def test_a_procedure_file_must_say_its_kind(root: Path) -> None:
    (problem,) = problems_of(root, GOOD.replace('kind = "procedure"\n', ""))
    assert "'kind' is missing; add a line like kind = \"procedure\"" in problem
    (problem,) = problems_of(root, GOOD.replace('kind = "procedure"', 'kind = "lesson"'))
    assert 'kind "lesson" does not belong here' in problem


def test_a_missing_procedures_folder_is_one_problem(tmp_path: Path) -> None:
    load = load_procedures(tmp_path / "lessons" / "procedures")
    assert load.procedures == ()
    assert [str(p) for p in load.problems] == [
        "lessons/procedures: the procedures folder is missing; the kiosk has no procedures"
    ]


def test_placeholders_come_from_the_configuration() -> None:
    config = Config(municipality="札幌市", centre_name="中央公民館", areas=("中央区", "北区"))
    shown = placeholder_values(config)
    assert fill_placeholders("{{ward}}{役所|やくしょ}（{{municipality}}）", shown) == (
        "中央区{役所|やくしょ}（札幌市）"
    )
    assert fill_placeholders("{{unknown}}", shown) == "{{unknown}}"
    # Speech gets each name over its reading; without one in the settings, a word for
    # the kind of place (what a kana-only engine then says), never bare kanji.
    config = Config(
        municipality="札幌市",
        municipality_reading="さっぽろし",
        centre_name="中央公民館",
        centre_name_reading="",
        areas=("中央区", "北区"),
        area_readings=(("北区", "きたく"),),
    )
    spoken = spoken_placeholder_values(config)
    assert spoken == {
        "municipality": "{札幌市|さっぽろし}",
        "centre": "{中央公民館|こうみんかん}",
        "ward": "{中央区|く}",
        "office": "{区役所|くやくしょ}",
    }
    assert generic_reading("デモセンター", "centre") == "デモセンター"
    assert generic_reading("{悪|わる}い名", "centre") == "センター"


def test_a_configured_name_cannot_break_the_furigana_markup() -> None:
    config = Config(municipality="{市|し}", areas=("a|b",))
    assert placeholder_values(config)["municipality"] == "市し"
    assert placeholder_values(config)["ward"] == "ab"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "minutes = 5",
            'minutes = 5\nnarration = "x"',
            "unknown key 'narration'; it belongs to a step; put it below a [[steps]] line",
        ),
        (
            "minutes = 5",
            'minutes = 5\nicon = "x"',
            "unknown key 'icon'; it belongs to a thing to bring; put it below an [[items]] line",
        ),
        (
            "minutes = 5",
            'minutes = 5\nlevel = "基本"',
            "unknown key 'level'; procedures have no level; remove it",
        ),
        (
            'targets = ["gyosei"]',
            'targets = ["gyosei"]\nbar = "x"',
            "step 1: unknown key 'bar'; it belongs to a screen; put it below a [steps.screen] line",
        ),
        (
            'targets = ["gyosei"]',
            'targets = ["gyosei"]\nnote = "x"',
            "step 1: unknown key 'note'; it belongs to a thing to bring; "
            "put it below an [[items]] line",
        ),
        (
            'name = "マイナンバーカード"',
            'name = "マイナンバーカード"\nsummary = "x"',
            "item 1: unknown key 'summary'; it belongs at the top of the file, "
            "above the first [[items]]",
        ),
        (
            'device = "machine"',
            'device = "machine"\nhint = "x"',
            "step 1: screen: unknown key 'hint'; it belongs to the step; "
            "put it above the [steps.screen] line",
        ),
    ],
)
def test_every_key_declared_elsewhere_says_where_it_belongs(
    root: Path, old: str, new: str, expected: str
) -> None:
    assert old in GOOD
    problems = problems_of(root, GOOD.replace(old, new, 1))
    assert f"lessons/procedures/01_shop.toml: {expected}" in problems
