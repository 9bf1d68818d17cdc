"""``kiosk lessons check`` and ``kiosk lessons list`` run in process on real lesson folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main

LESSON = """format = 1
id = "{lesson_id}"
title = "{{電源|でんげん}}と ボタン {number}"
level = "{level}"
theme = "{{電源|でんげん}}"
minutes = 10

[[steps]]
title = "ボタン"
text = "{text}"
image = "assets/img/lessons/side.svg"

[[steps]]
title = "おわり"
text = "できました。"
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n'


def write_lesson(
    folder: Path,
    name: str,
    lesson_id: str,
    *,
    level: str = "基本",
    text: str = "{横|よこ}の ボタンです。",
) -> Path:
    number = name.split("_")[0]
    content = LESSON.format(lesson_id=lesson_id, number=number, level=level, text=text)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def lessons(tmp_path: Path) -> Path:
    """A lessons folder with two good lessons and the picture they use."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    pictures = tmp_path / "assets" / "img" / "lessons"
    pictures.mkdir(parents=True)
    (pictures / "side.svg").write_text(SVG, encoding="utf-8")
    write_lesson(folder, "01_power.toml", "power")
    write_lesson(folder, "02_touch.toml", "touch", level="応用")
    return folder


def test_check_prints_nothing_on_stdout_and_exits_0_when_all_valid(
    lessons: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lessons", "check", str(lessons)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "2 lesson file(s) checked: no problems\n"


def test_check_prints_one_line_per_problem_and_exits_1(
    lessons: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write_lesson(lessons, "03_broken.toml", "power", text="{横|yoko}の ボタン")
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("minutes = 10", "minutes = 99"),
        encoding="utf-8",
    )
    assert main(["lessons", "check", str(lessons)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "lessons/03_broken.toml: 'minutes' is 99; use a number from 1 to 60",
        "lessons/03_broken.toml: step 1: 'text': the reading 'yoko' of '横' is not kana; "
        "write readings in hiragana or katakana only",
        "lessons/03_broken.toml: id 'power' is already used by lessons/01_power.toml; "
        "give every lesson its own id",
    ]
    assert err == "3 lesson file(s) checked: 3 problem(s) in 1 file(s)\n"


def test_strict_also_fails_on_kanji_without_a_reading(
    lessons: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_lesson(lessons, "03_kanji.toml", "kanji", text="横の ボタンです。")
    assert main(["lessons", "check", str(lessons)]) == 0
    capsys.readouterr()
    assert main(["lessons", "check", "--strict", str(lessons)]) == 1
    out, _ = capsys.readouterr()
    assert out == (
        "lessons/03_kanji.toml: step 1: 'text' has kanji without a reading: '横'; the speech "
        "engine cannot read kanji, so add the reading like {横|よみ}\n"
    )


def test_check_accepts_single_files_and_folders_together(
    lessons: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere" / "more"
    other.mkdir(parents=True)
    write_lesson(other, "05_extra.toml", "extra", text="{横|よこ}")
    args = ["lessons", "check", str(lessons / "01_power.toml"), str(other), str(lessons)]
    assert main(args) == 1
    out, err = capsys.readouterr()
    # The extra lesson's picture is looked up beside its own folder, where there is none.
    assert out == (
        "more/05_extra.toml: step 1: image 'assets/img/lessons/side.svg' not found; "
        "put the file under assets/ or fix the name\n"
    )
    assert err.startswith("3 lesson file(s) checked")  # 01_power.toml named twice, read once


def test_a_path_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    assert main(["lessons", "check", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"kiosk lessons check: error: no such file or folder: {missing}\n"


def test_a_file_that_is_not_toml_is_a_usage_error(
    lessons: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = lessons / "README.md"
    readme.write_text("# lessons\n", encoding="utf-8")
    assert main(["lessons", "list", str(readme)]) == 2
    assert "not a lesson file (lesson files end in .toml)" in capsys.readouterr().err


def test_lessons_without_an_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["lessons"])
    assert stopped.value.code == 2
    assert "required: ACTION" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["lessons", "check", "--strikt"])
    assert stopped.value.code == 2


def test_list_prints_a_table_with_plain_titles(
    lessons: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lessons", "list", str(lessons)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "ID     KIND    LEVEL  STEPS  TITLE",
        "power  lesson  基本   2      電源と ボタン 01",
        "touch  lesson  応用   2      電源と ボタン 02",
    ]
    assert err == ""


def test_list_json_is_an_array_of_lessons(
    lessons: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lessons", "list", "--json", str(lessons)]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"id": "power", "title": "電源と ボタン 01", "kind": "lesson", "level": "基本", "steps": 2},
        {"id": "touch", "title": "電源と ボタン 02", "kind": "lesson", "level": "応用", "steps": 2},
    ]


def test_list_leaves_out_broken_lessons_and_says_so(
    lessons: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (lessons / "03_broken.toml").write_text("format = 1\nid = ", encoding="utf-8")
    assert main(["lessons", "list", "--json", str(lessons)]) == 0
    out, err = capsys.readouterr()
    assert [row["id"] for row in json.loads(out)] == ["power", "touch"]
    assert err == (
        "1 lesson file(s) have problems and are not listed; run 'kiosk lessons check' to see them\n"
    )


def test_list_without_paths_lists_the_bundled_lessons(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.core.lessons import load_lessons

    expected = [lesson.id for lesson in load_lessons().lessons]
    assert main(["lessons", "list", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == expected
