"""The lesson loader on real files: good lessons load, every problem is reported in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.lessons import (
    Lesson,
    LessonLoad,
    group_lessons,
    load_lesson_files,
    load_lessons,
    next_lesson,
)

VALID = """format = 1
id = "power-buttons"
title = "{電源|でんげん}と ボタン"
level = "基本"
theme = "{電源|でんげん}とボタン"
minutes = 10
summary = "スマホの {電源|でんげん}を ならいます。"

[[steps]]
title = "ボタンを さがす"
text = "スマホの {横|よこ}に ボタンが あります。おしても こわれません。"
image = "assets/img/lessons/side.svg"
tip = "{右|みぎ}がわに ある ことが {多|おお}いです。"

[[steps]]
title = "{電源|でんげん}を {入|い}れる"
text = "ボタンを {長|なが}く おします。"
image = "assets/img/lessons/press.png"
speech = "でんげんボタンを ながく おします。"

[steps.check]
question = "どう しますか？"
choices = ["{長|なが}く おす", "たたく", "ふる"]
answer = 1
explanation = "{長|なが}く おすと {電源|でんげん}が {入|はい}ります。"
"""

SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n'
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A content root like the bundle's: ``lessons/`` and ``assets/img/lessons/`` pictures."""
    (tmp_path / "lessons").mkdir()
    pictures = tmp_path / "assets" / "img" / "lessons"
    pictures.mkdir(parents=True)
    (pictures / "side.svg").write_text(SVG, encoding="utf-8")
    (pictures / "press.png").write_bytes(PNG)
    (pictures / "photo.jpg").write_bytes(JPEG)
    return tmp_path


def variant(old: str, new: str, text: str = VALID) -> str:
    """VALID with one piece replaced (the piece must exist, so a typo cannot hide a test)."""
    assert old in text, old
    return text.replace(old, new, 1)


def write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / "lessons" / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def problems_of_broken(root: Path, content: str | bytes, *, strict: bool = False) -> list[str]:
    """Load a good lesson beside a broken one: the good one must still load, the other not."""
    write(root, "01_good.toml", variant('id = "power-buttons"', 'id = "good"'))
    write(root, "02_broken.toml", content)
    load = load_lessons(root / "lessons", strict=strict)
    assert [lesson.id for lesson in load.lessons] == ["good"]
    assert load.problems, "the broken lesson reported nothing"
    assert {problem.file for problem in load.problems} == {"lessons/02_broken.toml"}
    return [str(problem) for problem in load.problems]


def test_a_valid_lesson_loads_with_every_field(root: Path) -> None:
    write(root, "01_power.toml", VALID)
    load = load_lessons(root / "lessons")
    assert load.ok
    assert load.problems == ()
    (lesson,) = load.lessons
    assert lesson.id == "power-buttons"
    assert lesson.kind == "lesson"
    assert lesson.title == "{電源|でんげん}と ボタン"
    assert lesson.plain_title == "電源と ボタン"
    assert (lesson.level, lesson.theme, lesson.minutes) == ("基本", "{電源|でんげん}とボタン", 10)
    assert lesson.summary == "スマホの {電源|でんげん}を ならいます。"
    assert lesson.source == root / "lessons" / "01_power.toml"
    first, second = lesson.steps
    assert (first.number, second.number) == (1, 2)
    assert first.image == "assets/img/lessons/side.svg"
    assert first.image_path == root / "assets" / "img" / "lessons" / "side.svg"
    assert first.tip == "{右|みぎ}がわに ある ことが {多|おお}いです。"
    assert first.speech is None
    assert first.check is None
    assert first.spoken == first.text
    assert second.spoken == "でんげんボタンを ながく おします。"
    assert second.check is not None
    assert second.check.choices == ("{長|なが}く おす", "たたく", "ふる")
    assert second.check.answer == 1
    assert second.check.is_right(1)
    assert not second.check.is_right(2)
    with pytest.raises(AttributeError):  # frozen
        lesson.title = "x"  # type: ignore[misc]


def test_optional_fields_may_be_left_out(root: Path) -> None:
    text = variant('summary = "スマホの {電源|でんげん}を ならいます。"\n', "")
    text = variant('image = "assets/img/lessons/side.svg"\n', "", text)
    write(root, "01_power.toml", text)
    (lesson,) = load_lessons(root / "lessons").lessons
    assert lesson.summary is None
    assert lesson.steps[0].image is None
    assert lesson.steps[0].image_path is None


def test_the_example_message_from_the_issue(root: Path) -> None:
    text = variant("assets/img/lessons/side.svg", "assets/img/cam.png")
    text = variant("[[steps]]", '[[steps]]\ntitle = "a"\ntext = "b"\n\n[[steps]]', text)
    text = variant("[[steps]]", '[[steps]]\ntitle = "a"\ntext = "b"\n\n[[steps]]', text)
    write(root, "07_camera.toml", text)
    load = load_lessons(root / "lessons")
    assert [str(p) for p in load.problems] == [
        "lessons/07_camera.toml: step 3: image 'assets/img/cam.png' not found; "
        "put the file under assets/ or fix the name"
    ]


def test_lessons_follow_the_number_in_the_file_name(root: Path) -> None:
    for name, lesson_id in [("10_ten.toml", "ten"), ("02_two.toml", "two"), ("01_one.toml", "one")]:
        write(root, name, variant('id = "power-buttons"', f'id = "{lesson_id}"'))
    write(root, ".~lock.03_x.toml", "not a lesson")  # editor and macOS leftovers are ignored
    write(root, "._04_x.toml", b"\x00\x05\x16\x07")
    write(root, "README.md", "# lessons")
    lessons = load_lessons(root / "lessons").lessons
    assert [lesson.id for lesson in lessons] == ["one", "two", "ten"]
    assert next_lesson(lessons, "one") == lessons[1]
    assert next_lesson(lessons, "two") == lessons[2]
    assert next_lesson(lessons, "ten") is None
    assert next_lesson(lessons, "no-such-lesson") is None


def _lesson(lesson_id: str, level: str, theme: str) -> Lesson:
    return Lesson(lesson_id, lesson_id, level, theme, 5, (), Path(f"{lesson_id}.toml"))


def test_grouping_by_level_then_theme_for_the_lesson_list() -> None:
    lessons = [
        _lesson("map", "応用", "{地図|ちず}"),
        _lesson("power", "基本", "{基本|きほん}"),
        _lesson("camera", "基本", "カメラ"),
        _lesson("touch", "基本", "基本"),  # the same theme written without furigana
    ]
    groups = group_lessons(lessons)
    assert [group.level for group in groups] == ["基本", "応用"]
    basic, advanced = groups
    assert [(t.theme, [x.id for x in t.lessons]) for t in basic.themes] == [
        ("{基本|きほん}", ["power", "touch"]),
        ("カメラ", ["camera"]),
    ]
    assert [(t.theme, [x.id for x in t.lessons]) for t in advanced.themes] == [
        ("{地図|ちず}", ["map"])
    ]
    assert group_lessons([]) == ()


def test_invalid_toml_is_reported_with_its_line(root: Path) -> None:
    text = variant("minutes = 10", 'minutes = 10\ntitle "no equals sign"')
    (message,) = problems_of_broken(root, text)
    assert message.startswith("lessons/02_broken.toml: line 7: this is not valid TOML: ")
    assert "check the quotes, '=' and brackets on this line" in message


def test_a_file_not_saved_as_utf8_is_reported_with_its_line(root: Path) -> None:
    content = variant('level = "基本"', 'level = "応用"').encode("cp932")
    (message,) = problems_of_broken(root, content)
    assert message == (
        "lessons/02_broken.toml: line 3: the file is not saved as UTF-8 (it looks like "
        "Shift-JIS); save it again with the encoding UTF-8"
    )


def test_a_utf8_file_with_a_bom_from_notepad_loads(root: Path) -> None:
    write(root, "01_power.toml", b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    load = load_lessons(root / "lessons")
    assert load.ok
    assert [lesson.id for lesson in load.lessons] == ["power-buttons"]


def test_a_file_over_1_mb_is_refused(root: Path) -> None:
    content = VALID + "# " + "あ" * 400_000 + "\n"
    (message,) = problems_of_broken(root, content)
    assert "the file is 1,200," in message
    assert "may be at most 1 MB" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "minutes = 10",
            'minutes = "10"',
            "lessons/02_broken.toml: 'minutes' must be a whole number like 10, "
            'not text "10"; remove the quotes',
        ),
        (
            'title = "{電源|でんげん}と ボタン"',
            "title = 3",
            "lessons/02_broken.toml: 'title' must be text in quotes (\"...\"), not the number 3; "
            "put it in quotes",
        ),
        (
            'choices = ["{長|なが}く おす", "たたく", "ふる"]',
            'choices = "たたく"',
            "lessons/02_broken.toml: step 2: check: 'choices' must be a list like "
            '["はい", "いいえ"], not text "たたく"',
        ),
        (
            "answer = 1",
            "answer = true",
            "lessons/02_broken.toml: step 2: check: 'answer' must be a whole number like 1, "
            "not true",
        ),
        (
            'tip = "{右|みぎ}がわに ある ことが {多|おお}いです。"',
            "tip = [1, 2]",
            "lessons/02_broken.toml: step 1: 'tip' must be text in quotes (\"...\"), "
            "not a list [...]",
        ),
    ],
)
def test_wrong_types_say_what_is_expected(root: Path, old: str, new: str, expected: str) -> None:
    assert problems_of_broken(root, variant(old, new)) == [expected]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("image = ", "imgae = ", "step 1: unknown key 'imgae'; did you mean 'image'?"),
        ("minutes = 10", "minutes = 10\ntitel = 'x'", "unknown key 'titel'; did you mean 'title'?"),
        (
            "answer = 1",
            "answers = 1",
            "step 2: check: unknown key 'answers'; did you mean 'answer'?",
        ),
        ("minutes = 10", "minutes = 10\nTheme = 'x'", "unknown key 'Theme'; did you mean 'theme'?"),
        (
            "minutes = 10",
            "minutes = 10\ncolour = 'red'",
            "unknown key 'colour'; remove it or use one of: format, kind, id, title, level, "
            "theme, minutes, summary, steps",
        ),
    ],
)
def test_unknown_keys_suggest_the_intended_one(
    root: Path, old: str, new: str, expected: str
) -> None:
    messages = problems_of_broken(root, variant(old, new))
    assert f"lessons/02_broken.toml: {expected}" in messages


def test_keys_in_the_wrong_section_say_where_they_belong(root: Path) -> None:
    text = variant("minutes = 10", 'minutes = 10\ntext = "ここは ちがう"')
    text = variant("[steps.check]\n", "[check]\n", text)
    text = variant('tip = "{右|', 'answer = 2\ntip = "{右|', text)
    messages = problems_of_broken(root, text)
    assert (
        "lessons/02_broken.toml: step 1: unknown key 'answer'; it belongs to a question; "
        "put it below a [steps.check] line" in messages
    )
    assert (
        "lessons/02_broken.toml: unknown key 'text'; it belongs to a step; "
        "put it below a [[steps]] line" in messages
    )
    assert (
        "lessons/02_broken.toml: unknown key 'check'; write [steps.check] (not [check]) "
        "just below the step the question belongs to" in messages
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "answer = 1",
            'answer = 1\ntitle = "x"',
            "step 2: check: unknown key 'title'; it belongs to the step; "
            "put it above the [steps.check] line",
        ),
        (
            "answer = 1",
            "answer = 1\nminutes = 5",
            "step 2: check: unknown key 'minutes'; it belongs at the top of the file, "
            "above the first [[steps]]",
        ),
        (
            'tip = "{右|',
            'id = "power"\ntip = "{右|',
            "step 1: unknown key 'id'; it belongs at the top of the file, "
            "above the first [[steps]]",
        ),
        (
            "minutes = 10",
            "minutes = 10\n[[step]]",
            "unknown key 'step'; write [[steps]] (with 's' and two brackets) before each step",
        ),
    ],
)
def test_every_key_declared_elsewhere_says_where_it_belongs(
    root: Path, old: str, new: str, expected: str
) -> None:
    messages = problems_of_broken(root, variant(old, new))
    assert f"lessons/02_broken.toml: {expected}" in messages


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        ('title = "{電源|でんげん}と ボタン"\n', "'title' is missing; add a line like title = "),
        ('level = "基本"\n', "'level' is missing; add a line like level = \"基本\""),
        ("minutes = 10\n", "'minutes' is missing; add a line like minutes = 10"),
        ('id = "power-buttons"\n', "'id' is missing; add a line like id = \"power-buttons\""),
        (
            'text = "ボタンを {長|なが}く おします。"\n',
            "step 2: 'text' is missing; add a line like text = \"...\"",
        ),
        (
            'explanation = "{長|なが}く おすと {電源|でんげん}が {入|はい}ります。"\n',
            "step 2: check: 'explanation' is missing; add a line like explanation = \"...\"",
        ),
    ],
)
def test_missing_required_fields_are_named(root: Path, old: str, expected: str) -> None:
    messages = problems_of_broken(root, variant(old, ""))
    assert any(message.startswith(f"lessons/02_broken.toml: {expected}") for message in messages)


def test_empty_text_is_reported(root: Path) -> None:
    text = variant('title = "ボタンを さがす"', 'title = "  "')
    assert problems_of_broken(root, text) == [
        "lessons/02_broken.toml: step 1: 'title' is empty; write the text between the quotes"
    ]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("", "'format = 1' is missing; add it as the first line"),
        (
            "format = 2\n",
            "format 2 is not supported; this kiosk reads format 1; "
            "write format = 1 or update the kiosk",
        ),
        (
            'format = "1"\n',
            "'format' must be the number 1 (format = 1), not text \"1\"; remove the quotes",
        ),
    ],
)
def test_unsupported_format(root: Path, new: str, expected: str) -> None:
    assert problems_of_broken(root, variant("format = 1\n", new)) == [
        f"lessons/02_broken.toml: {expected}"
    ]


def test_a_bad_level_lists_the_two_levels(root: Path) -> None:
    assert problems_of_broken(root, variant('level = "基本"', 'level = "きほん"')) == [
        'lessons/02_broken.toml: \'level\' is "きほん"; use "基本" or "応用"'
    ]


def test_a_bad_id_suggests_a_good_one(root: Path) -> None:
    assert problems_of_broken(root, variant('"power-buttons"', '"Power_Buttons"')) == [
        "lessons/02_broken.toml: 'id' \"Power_Buttons\" may use only small letters a-z, "
        "digits 0-9 and '-' between them (for example 'power-buttons')"
    ]


def test_duplicate_ids_across_files_keep_the_first_lesson(root: Path) -> None:
    write(root, "01_power.toml", VALID)
    write(root, "02_power_again.toml", VALID)
    write(root, "03_other.toml", variant('id = "power-buttons"', 'id = "other"'))
    load = load_lessons(root / "lessons")
    assert [lesson.id for lesson in load.lessons] == ["power-buttons", "other"]
    assert [str(p) for p in load.problems] == [
        "lessons/02_power_again.toml: id 'power-buttons' is already used by "
        "lessons/01_power.toml; give every lesson its own id"
    ]


def test_a_broken_file_still_claims_its_id(root: Path) -> None:
    write(root, "01_broken.toml", variant("minutes = 10", "minutes = 0"))
    write(root, "02_power.toml", VALID)
    load = load_lessons(root / "lessons")
    assert load.lessons == ()
    assert [str(p) for p in load.problems] == [
        "lessons/01_broken.toml: 'minutes' is 0; use a number from 1 to 60",
        "lessons/02_power.toml: id 'power-buttons' is already used by "
        "lessons/01_broken.toml; give every lesson its own id",
    ]


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        (
            "assets/img/lessons/missing.svg",
            "image 'assets/img/lessons/missing.svg' not found; put the file under assets/ "
            "or fix the name",
        ),
        (
            "assets/img/lessons/Side.svg",
            "image 'assets/img/lessons/Side.svg' not found; did you mean "
            "'assets/img/lessons/side.svg'? (capital and small letters must match)",
        ),
        (
            "assets/img/lessons/sides.svg",
            "image 'assets/img/lessons/sides.svg' not found; put the file under assets/ "
            "or fix the name (did you mean 'assets/img/lessons/side.svg'?)",
        ),
        (
            "assets/img/lesson/side.svg",
            "image 'assets/img/lesson/side.svg' not found; put the file under assets/ "
            "or fix the name (did you mean 'assets/img/lessons/side.svg'?)",
        ),
        (
            "assets/../lessons/01_good.toml",
            "image 'assets/../lessons/01_good.toml' uses '..'; pictures must stay inside assets/",
        ),
        ("/etc/passwd.png", "image '/etc/passwd.png' is a full path on one computer"),
        ("C:/Users/pic.png", "image 'C:/Users/pic.png' is a full path on one computer"),
        ("~/pic.png", "image '~/pic.png' is a full path on one computer"),
        (
            "https://example.com/pic.png",
            "image 'https://example.com/pic.png' is a web address; "
            "save the picture under assets/ and give its path",
        ),
        ("img/side.svg", "image 'img/side.svg' is not under assets/"),
        ("assets", "image 'assets' is not under assets/"),
        (
            "assets/img/lessons/anim.gif",
            "image 'assets/img/lessons/anim.gif' is not an SVG, PNG or JPEG file name",
        ),
        ("assets/img/lessons", "image 'assets/img/lessons' is not an SVG, PNG or JPEG file name"),
    ],
)
def test_image_paths_must_point_to_a_picture_under_assets(
    root: Path, image: str, expected: str
) -> None:
    text = variant('"assets/img/lessons/side.svg"', f"'{image}'")
    (message,) = problems_of_broken(root, text)
    assert message.startswith(f"lessons/02_broken.toml: step 1: {expected}")


def test_backslashes_in_image_paths_are_explained(root: Path) -> None:
    text = variant('"assets/img/lessons/side.svg"', "'assets\\img\\lessons\\side.svg'")
    (message,) = problems_of_broken(root, text)
    assert "uses '\\'; write paths with '/'" in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("fake.png", b"this is text, not a picture", "is not a real PNG picture"),
        ("photo.png", JPEG, "is really a JPEG picture, not PNG; fix the name's ending"),
        ("real_png.svg", PNG, "is really a PNG picture, not SVG"),
        ("fake.jpg", b"<svg/>", "is not a real JPEG picture"),
        ("empty.svg", b"", "is an empty file (0 bytes); save the picture again"),
        (
            "page.svg",
            b"<!DOCTYPE html>\n<html><body><svg/></body></html>",
            "is not a real SVG picture (its first element is <html>, not <svg>)",
        ),
        ("broken.svg", b"<svg <<>", "is not a real SVG picture (not well-formed XML: "),
        ("notes.svg", "メモ: ここに え".encode(), "is not a real SVG picture (not well-formed XML"),
        ("comment.svg", b"<?xml version='1.0'?><!-- only a comment -->", "no <svg> element"),
    ],
)
def test_images_must_really_be_pictures(
    root: Path, name: str, content: bytes, expected: str
) -> None:
    (root / "assets" / "img" / "lessons" / name).write_bytes(content)
    text = variant('"assets/img/lessons/side.svg"', f'"assets/img/lessons/{name}"')
    (message,) = problems_of_broken(root, text)
    assert message.startswith(f"lessons/02_broken.toml: step 1: image 'assets/img/lessons/{name}' ")
    assert expected in message


def test_svg_pictures_with_comments_doctype_and_bom_are_accepted(root: Path) -> None:
    svg = (
        "\ufeff<?xml version='1.0' encoding='UTF-8'?>\n<!-- drawn for the kiosk -->\n"
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        + "<!-- "
        + "x" * 3000
        + " -->\n<svg viewBox='0 0 1 1'><rect/></svg>"
    )
    (root / "assets" / "img" / "lessons" / "fancy.svg").write_text(svg, encoding="utf-8")
    text = variant('"assets/img/lessons/side.svg"', '"assets/img/lessons/fancy.svg"')
    text = variant('"assets/img/lessons/press.png"', '"./assets/img/lessons/photo.jpg"', text)
    write(root, "01_power.toml", text)
    load = load_lessons(root / "lessons")
    assert load.ok, load.problems
    assert load.lessons[0].steps[1].image_path == root / "assets/img/lessons/photo.jpg"


def test_a_folder_named_like_a_picture_is_not_a_picture(root: Path) -> None:
    (root / "assets" / "img" / "lessons" / "dir.svg").mkdir()
    text = variant('"assets/img/lessons/side.svg"', '"assets/img/lessons/dir.svg"')
    (message,) = problems_of_broken(root, text)
    assert "is a folder, not a picture" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "スマホの {横|よこ}に",
            "スマホの {横|よこに",
            "step 1: 'text' has broken furigana near 'スマホの {横|よこに ボタンが あり…': "
            "'{' is not closed with '}'; write furigana like {漢字|かんじ}",
        ),
        (
            "{電源|でんげん}と ボタン",
            "{電源|}と ボタン",
            "'title' has broken furigana near '{電源|}と ボタン': "
            "ruby has an empty word or reading",
        ),
        (
            '"たたく"',
            '"たたく}"',
            "step 2: check: choice 2 has broken furigana near 'たたく}': "
            "'}' without a matching '{'",
        ),
        (
            "{横|よこ}",
            "{横|yoko}",
            "step 1: 'text': the reading 'yoko' of '横' is not kana; "
            "write readings in hiragana or katakana only",
        ),
        (
            "{多|おお}",
            "{多|多い}",
            "step 1: 'tip': the reading '多い' of '多' is not kana",
        ),
    ],
)
def test_broken_furigana_is_reported(root: Path, old: str, new: str, expected: str) -> None:
    (message,) = problems_of_broken(root, variant(old, new))
    assert message.startswith(f"lessons/02_broken.toml: {expected}")


def test_a_lesson_without_steps_is_reported(root: Path) -> None:
    no_steps = VALID[: VALID.index("[[steps]]")]
    assert problems_of_broken(root, no_steps) == [
        "lessons/02_broken.toml: there are no steps; add at least one [[steps]] section"
    ]
    assert problems_of_broken(root, no_steps + "steps = []\n") == [
        "lessons/02_broken.toml: there are no steps; add at least one [[steps]] section"
    ]


def test_a_single_bracket_steps_section_is_explained(root: Path) -> None:
    text = VALID[: VALID.index("[[steps]]")] + '[steps]\ntitle = "a"\ntext = "b"\n'
    assert problems_of_broken(root, text) == [
        "lessons/02_broken.toml: write each step as [[steps]] with two brackets, not [steps]"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "answer = 1",
            "answer = 4",
            "step 2: check: 'answer' is 4; use a number from 1 to 3 "
            "(the number of the right choice, counting from 1)",
        ),
        ("answer = 1", "answer = 0", "step 2: check: 'answer' is 0; use a number from 1 to 3"),
        (
            'choices = ["{長|なが}く おす", "たたく", "ふる"]',
            'choices = ["{長|なが}く おす"]',
            "step 2: check: 'choices' has 1; give from 2 to 4 choices",
        ),
        (
            '"たたく", "ふる"]',
            '"たたく", "ふる", "なげる", "かむ"]',
            "step 2: check: 'choices' has 5; give from 2 to 4 choices",
        ),
        (
            '"たたく", "ふる"]',
            '"たたく", "たたく"]',
            "step 2: check: choice 3 is the same as choice 2",
        ),
        ('"たたく", "ふる"]', '"たたく", ""]', "step 2: check: choice 3 is empty"),
        ('"たたく", "ふる"]', '"たたく", 3]', "step 2: check: choice 3 must be text in quotes"),
    ],
)
def test_check_questions_need_sensible_choices_and_answer(
    root: Path, old: str, new: str, expected: str
) -> None:
    (message,) = problems_of_broken(root, variant(old, new))
    assert message.startswith(f"lessons/02_broken.toml: {expected}")


def test_minutes_out_of_range(root: Path) -> None:
    assert problems_of_broken(root, variant("minutes = 10", "minutes = 90")) == [
        "lessons/02_broken.toml: 'minutes' is 90; use a number from 1 to 60"
    ]


def test_titles_must_be_one_line(root: Path) -> None:
    text = variant('title = "ボタンを さがす"', 'title = """ボタンを\nさがす"""')
    assert problems_of_broken(root, text) == [
        "lessons/02_broken.toml: step 1: 'title' must be one line; remove the line breaks"
    ]


def test_every_problem_of_a_file_is_collected(root: Path) -> None:
    text = variant("minutes = 10", 'minutes = "ten"')
    text = variant('level = "基本"', 'level = "hard"', text)
    text = variant("assets/img/lessons/side.svg", "assets/img/nope.svg", text)
    text = variant("answer = 1", "answer = 9", text)
    messages = problems_of_broken(root, text)
    assert len(messages) == 4
    assert [message.split(": ")[1] for message in messages] == [
        '\'level\' is "hard"; use "基本" or "応用"',
        "'minutes' must be a whole number like 10, not text \"ten\"",
        "step 1",
        "step 2",
    ]


def test_strict_reports_kanji_without_a_reading_in_spoken_text(root: Path) -> None:
    text = variant("スマホの {横|よこ}に", "スマホの 横に")  # a step text with no reading
    text = variant(
        "ボタンを {長|なが}く おします。", "ボタンを 長く おします。", text
    )  # has speech
    text = variant('question = "どう しますか？"', 'question = "電源は どう しますか？"', text)
    write(root, "01_power.toml", text)
    relaxed = load_lessons(root / "lessons")
    assert relaxed.ok
    assert len(relaxed.lessons) == 1
    strict = load_lessons(root / "lessons", strict=True)
    assert strict.lessons == ()
    assert [str(p) for p in strict.problems] == [
        "lessons/01_power.toml: step 1: 'text' has kanji without a reading: '横'; the speech "
        "engine cannot read kanji, so add the reading like {横|よみ}",
        "lessons/01_power.toml: step 2: check: 'question' has kanji without a reading: "
        "'電源'; the speech engine cannot read kanji, so add the reading like {電源|よみ}",
    ]


def test_strict_checks_the_speech_override_instead_of_the_text(root: Path) -> None:
    text = variant('speech = "でんげんボタンを', 'speech = "電源ボタンを')
    write(root, "01_power.toml", text)
    (problem,) = load_lessons(root / "lessons", strict=True).problems
    assert str(problem).startswith(
        "lessons/01_power.toml: step 2: 'speech' has kanji without a reading: '電源'"
    )


def test_badly_named_files_are_reported(root: Path) -> None:
    write(root, "camera.toml", VALID)
    load = load_lessons(root / "lessons")
    assert load.lessons == ()
    assert [str(p) for p in load.problems] == [
        "lessons/camera.toml: the file name must look like '07_camera.toml' (a number, '_', "
        "then letters a-z, digits or '-'); the number sets the order"
    ]


def test_a_file_of_another_kind_is_not_loaded_as_a_lesson(root: Path) -> None:
    declared = write(
        root, "01_power.toml", variant("format = 1\n", 'format = 1\nkind = "lesson"\n')
    )
    assert load_lessons(root / "lessons").ok
    declared.unlink()
    text = variant("format = 1\n", 'format = 1\nkind = "procedure"\n')
    assert problems_of_broken(root, text) == [
        'lessons/02_broken.toml: kind "procedure" does not belong here: this folder holds '
        "lesson files; move the file to the right folder or fix the kind"
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02\xff\xfe garbage",
        b"a = " + b"[" * 5000,
        b"",
        b"steps = 3",
        b"format = 1\nsteps = [1, 2]",
        b"format = 1\n[[steps]]\n[steps.check]\nchoices = [[], {}]\nanswer = 1.5",
    ],
)
def test_garbage_never_raises(root: Path, content: bytes) -> None:
    assert problems_of_broken(root, content)


def test_a_missing_lessons_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    load = load_lessons(tmp_path / "lessons")
    assert load == LessonLoad((), load.problems)
    assert [str(p) for p in load.problems] == [
        "lessons: the lessons folder is missing; the kiosk has no lessons to show"
    ]


def test_load_lesson_files_keeps_the_given_order_and_finds_pictures_beside_each_folder(
    root: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere"
    (other / "lessons").mkdir(parents=True)
    (other / "assets").mkdir()
    (other / "assets" / "pic.png").write_bytes(PNG)
    second = other / "lessons" / "05_other.toml"
    second.write_text(
        variant('id = "power-buttons"', 'id = "other"')
        .replace("assets/img/lessons/side.svg", "assets/pic.png")
        .replace("assets/img/lessons/press.png", "assets/pic.png"),
        encoding="utf-8",
    )
    first = write(root, "09_power.toml", VALID)
    load = load_lesson_files([second, first])
    assert load.ok, load.problems
    assert [lesson.id for lesson in load.lessons] == ["other", "power-buttons"]
    assert load.get("other") is load.lessons[0]
    assert load.get("nothing") is None


def test_the_town_hall_placeholder_is_checked_and_filled_in(root: Path) -> None:
    office = 'tip = "{{office}}の {窓口|まどぐち}で きけます。"'
    content = variant('tip = "{右|みぎ}がわに ある ことが {多|おお}いです。"', office)
    path = write(root, "01_power.toml", content)
    load = load_lesson_files([path], strict=True)
    assert load.ok, [str(problem) for problem in load.problems]
    (lesson,) = load.lessons
    filled = lesson.filled(lambda text: text.replace("{{office}}", "{区役所|くやくしょ}"))
    assert filled.steps[0].tip == "{区役所|くやくしょ}の {窓口|まどぐち}で きけます。"
    assert filled.steps[1].check == lesson.steps[1].check  # nothing to fill there
    assert filled.title == lesson.title

    path.unlink()
    wrong = variant('tip = "{右|みぎ}がわに ある ことが {多|おお}いです。"', 'tip = "{{ofice}}へ"')
    (problem,) = problems_of_broken(root, wrong, strict=True)
    assert "unknown placeholder '{{ofice}}'; use {{office}}" in problem


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('title = "ボタンを さがす"', 'titel = "ボタンを さがす"', "「title」の まちがい"),
        ("{多|おお}いです", "多いです", "ふりがなの ない 漢字"),
        ("{右|みぎ}がわ", "{右|migi}がわ", "ひらがなか カタカナ"),
        ("{右|みぎ}がわ", "{右|みぎがわ", "ふりがなの 書き方が くずれています"),
        ("minutes = 10", 'minutes = "10"', "数字には"),
        ('level = "基本"', 'level = "基本', "書き方が くずれています"),
        ("{右|みぎ}がわ", "{{office}}がわ", "{{office}}"),
    ],
    ids=[
        "unknown-key",
        "no-reading",
        "reading-not-kana",
        "broken-ruby",
        "quoted-number",
        "bad-toml",
        "placeholder",
    ],
)
def test_the_staff_console_wording_is_japanese(root: Path, old: str, new: str, words: str) -> None:
    path = write(root, "01_power.toml", variant(old, new))
    load = load_lesson_files([path], strict=True)
    if words == "{{office}}":  # a known placeholder is no problem at all
        assert load.ok, [str(problem) for problem in load.problems]
        return
    assert load.problems
    japanese = " ".join(problem.message_ja for problem in load.problems)
    assert words in japanese, japanese
    assert all(problem.message_ja for problem in load.problems), load.problems
