"""Lesson and rehearsal files from volunteers, made hostile: control and bidi characters,
pictures linked from outside the content folder, huge pictures and SVG entities."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from test_lessons_loader import SVG, VALID, variant, write
from test_procedures_loader import GOOD as PROCEDURE

from kiosk.core.lessons import load_lessons
from kiosk.core.procedures import load_procedures
from kiosk.core.text_safety import first_unsafe, printable

HOSTILE = {
    "ESC": "\x1b[2J\x1b[31m",
    "BEL": "\x07",
    "DEL": "\x7f",
    "C1 CSI": "\x9b31m",
    "NEL": "\x85",
    "NUL": "\x00",
    "backspace": "\x08",
    "LRE": "\u202a",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "PDI": "\u2069",
}


def _toml_escape(text: str) -> str:
    """Write characters the way an editor or a paste puts them in a TOML file."""
    return "".join(f"\\u{ord(ch):04X}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in text)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "lessons").mkdir()
    pictures = tmp_path / "assets" / "img" / "lessons"
    pictures.mkdir(parents=True)
    (pictures / "side.svg").write_text(SVG, encoding="utf-8")
    (pictures / "press.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
        )
    )
    return tmp_path


@pytest.mark.parametrize("chars", list(HOSTILE.values()), ids=list(HOSTILE))
@pytest.mark.parametrize(
    ("old", "field", "step"),
    [
        ('title = "{電源|でんげん}と ボタン"', "title", None),
        ('text = "ボタンを {長|なが}く おします。"', "text", 2),
        ('choices = ["{長|なが}く おす", "たたく", "ふる"]', "check.choices[2]", 2),
    ],
)
def test_control_and_bidi_characters_are_refused(
    root: Path, chars: str, old: str, field: str, step: int | None
) -> None:
    if field == "check.choices[2]":
        new = f'choices = ["{{長|なが}}く おす", "た{_toml_escape(chars)}たく", "ふる"]'
    else:
        key, _, value = old.partition(" = ")
        new = f'{key} = "{_toml_escape(chars)}{value[1:]}'
    write(root, "01_bad.toml", variant(old, new))
    load = load_lessons(root / "lessons")
    assert load.lessons == ()
    (problem,) = load.problems
    assert problem.file == "lessons/01_bad.toml"
    assert problem.step == step
    assert f"'{field}' holds the invisible character U+{ord(chars[0]):04X}" in problem.message
    assert f"「{field}」の " in problem.message_ja
    assert "消してください" in problem.message_ja
    assert first_unsafe(str(problem)) is None, "the message itself is safe to print"


def test_a_bidi_override_in_a_key_is_refused_and_shown_escaped(root: Path) -> None:
    write(root, "01_bad.toml", VALID + '\n"ti\u202etle" = "x"\n')
    (problem,) = load_lessons(root / "lessons").problems
    assert problem.step == 2  # the line lands in the last step's [steps.check]
    assert "'check.ti\\u202etle' holds the invisible character U+202E" in problem.message


def test_control_characters_in_a_rehearsal_are_refused(tmp_path: Path) -> None:
    (tmp_path / "lessons" / "procedures").mkdir(parents=True)
    icons = tmp_path / "assets" / "img" / "procedures"
    icons.mkdir(parents=True)
    (icons / "card.svg").write_text(SVG, encoding="utf-8")
    bad = PROCEDURE.replace('label = "行政サービス"', 'label = "行政\\u001B]0;pwned\\u0007"')
    assert bad != PROCEDURE
    (tmp_path / "lessons" / "procedures" / "01_shop.toml").write_text(bad, encoding="utf-8")
    load = load_procedures(tmp_path / "lessons" / "procedures")
    assert load.procedures == ()
    (problem,) = load.problems
    assert problem.step == 1
    assert "'screen.elements[2].label' holds the invisible character U+001B" in problem.message


def test_tabs_and_line_breaks_stay_allowed(root: Path) -> None:
    write(root, "01_ok.toml", variant('text = "ボタンを', 'text = "\\tボタンを\\n'))
    assert load_lessons(root / "lessons").ok


def test_printable_escapes_everything_a_terminal_would_obey() -> None:
    for chars in HOSTILE.values():
        shown = printable(f"a{chars}b")
        assert first_unsafe(shown) is None
        assert shown.startswith("a\\u")
        assert shown.endswith("b")
    assert printable("ふつうの\tテキスト\n") == "ふつうの\tテキスト\n"


# --- Pictures ---------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_picture_linking_outside_the_content_folder_is_refused(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.svg").write_text(SVG, encoding="utf-8")
    pictures = root / "assets" / "img" / "lessons"
    (pictures / "side.svg").unlink()
    (pictures / "side.svg").symlink_to(outside / "secret.svg")
    write(root, "01_bad.toml", VALID)
    load = load_lessons(root / "lessons")
    assert load.lessons == ()
    (problem,) = load.problems
    assert problem.step == 1
    assert "is a link to a file outside the content folder" in problem.message
    assert "フォルダの 外に ある ファイルへの リンク" in problem.message_ja


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_picture_reached_through_a_linked_folder_outside_is_refused(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "side.svg").write_text(SVG, encoding="utf-8")
    (outside / "press.png").write_bytes((root / "assets/img/lessons/press.png").read_bytes())
    linked = root / "assets" / "img" / "lessons"
    for picture in linked.iterdir():
        picture.unlink()
    linked.rmdir()
    linked.symlink_to(outside, target_is_directory=True)
    write(root, "01_bad.toml", VALID)
    problems = load_lessons(root / "lessons").problems
    assert [p.step for p in problems] == [1, 2]
    assert all("outside the content folder" in p.message for p in problems)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_link_inside_the_content_folder_is_fine(root: Path) -> None:
    pictures = root / "assets" / "img" / "lessons"
    (pictures / "real.svg").write_text(SVG, encoding="utf-8")
    (pictures / "side.svg").unlink()
    (pictures / "side.svg").symlink_to(pictures / "real.svg")
    write(root, "01_ok.toml", VALID)
    assert load_lessons(root / "lessons").ok


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_picture_linked_to_a_device_is_refused_without_reading_it(root: Path) -> None:
    pictures = root / "assets" / "img" / "lessons"
    (pictures / "side.svg").unlink()
    (pictures / "side.svg").symlink_to("/dev/zero")
    write(root, "01_bad.toml", VALID)
    start = time.perf_counter()
    problems = load_lessons(root / "lessons").problems
    assert time.perf_counter() - start < 5
    assert problems
    assert problems[0].step == 1


def _big_svg(size: int) -> bytes:
    head = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">\n'
    body = b'<rect x="0" y="0" width="1" height="1" fill="#123456"/>\n'
    return head + body * (size // len(body)) + b"</svg>\n"


def test_a_50_mb_svg_is_refused_quickly(root: Path) -> None:
    (root / "assets/img/lessons/side.svg").write_bytes(_big_svg(50 * 1024 * 1024))
    write(root, "01_bad.toml", VALID)
    start = time.perf_counter()
    load = load_lessons(root / "lessons")
    assert time.perf_counter() - start < 2
    (problem,) = load.problems
    assert problem.step == 1
    assert "a picture may be at most 2 MB" in problem.message
    assert "大きすぎます" in problem.message_ja
    assert "2 MB より 小さく" in problem.message_ja


def test_a_picture_just_under_2_mb_is_accepted(root: Path) -> None:
    (root / "assets/img/lessons/side.svg").write_bytes(_big_svg(2 * 1024 * 1024 - 4096))
    write(root, "01_ok.toml", VALID)
    assert load_lessons(root / "lessons").ok


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_svg_entity_declarations_are_refused(root: Path, encoding: str) -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><text>&lol2;</text></svg>\n'
    )
    (root / "assets/img/lessons/side.svg").write_bytes(laughs.encode(encoding))
    write(root, "01_bad.toml", VALID)
    (problem,) = load_lessons(root / "lessons").problems
    assert "declares XML entities" in problem.message
    assert "<!ENTITY" in problem.message_ja


def test_the_lesson_screen_refuses_a_picture_grown_after_loading(
    root: Path, qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    """The file may change between loading and showing: the screen checks the size too."""
    from kiosk.ui.lessons.illustration import _load

    picture = root / "assets/img/lessons/side.svg"
    assert _load(picture) is not None
    picture.write_bytes(_big_svg(50 * 1024 * 1024))
    start = time.perf_counter()
    assert _load(picture) is None
    assert time.perf_counter() - start < 1
    assert "more than 2097152" in caplog.text


def test_the_lesson_screen_refuses_a_small_file_with_huge_pixels(
    root: Path, qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtGui import QImage

    from kiosk.ui.lessons.illustration import _load

    image = QImage(20000, 1000, QImage.Format.Format_Mono)
    image.fill(0)
    path = root / "assets/img/lessons/wide.png"
    assert image.save(str(path))
    assert os.path.getsize(path) < 2 * 1024 * 1024
    assert _load(path) is None
    assert "too many to draw" in caplog.text


# --- Where the messages are shown ----------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="such file names are not allowed there")
def test_lessons_check_and_list_never_print_raw_control_characters(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main

    write(root, "01_ok.toml", VALID)
    write(root, "02_x\x1b]0;owned\x07.toml", VALID.replace("power-buttons", "other"))
    write(
        root,
        "03_bad.toml",
        variant('title = "{電源|でんげん}', 'title = "\\u001B[2J{電源|でんげん}'),
    )
    assert main(["lessons", "check", str(root / "lessons")]) == 1
    checked = capsys.readouterr()
    assert "lessons/03_bad.toml: 'title' holds the invisible character U+001B" in checked.out
    assert "02_x\\u001b]0;owned\\u0007.toml" in checked.out
    assert main(["lessons", "list", str(root / "lessons")]) == 0
    listed = capsys.readouterr()
    for output in (checked.out, checked.err, listed.out, listed.err):
        assert first_unsafe(output) is None


def test_the_staff_console_shows_the_refusals_in_japanese(root: Path) -> None:
    from kiosk.ui.staff_console.lessons import problem_lines

    write(root, "01_bad.toml", variant('text = "ボタンを', 'text = "\\u202Eボタンを'))
    write(root, "02_big.toml", VALID.replace("power-buttons", "big"))
    (root / "assets/img/lessons/side.svg").write_bytes(_big_svg(3 * 1024 * 1024))
    groups = dict(problem_lines(load_lessons(root / "lessons").problems))
    assert list(groups) == ["lessons/01_bad.toml", "lessons/02_big.toml"]
    (bidi,) = groups["lessons/01_bad.toml"]
    assert bidi.startswith("・2番目の ステップ: 「text」の 1文字目に、見えない 特別な 文字")
    (big,) = groups["lessons/02_big.toml"]
    assert big.startswith("・1番目の ステップ: 絵「assets/img/lessons/side.svg」の ファイルが")
