"""Contract test for the lessons that ship with the kiosk: all load strictly and can be spoken."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.config import Config
from kiosk.core.content.loader import LOADER_KEYS
from kiosk.core.lessons import LESSON_SCHEMA, Lesson, lesson_files, load_lessons
from kiosk.core.procedures import fill_placeholders
from kiosk.core.resources import assets_dir, lessons_dir
from kiosk.core.ruby import has_kanji, spoken_text

CURRICULUM_LESSONS = 19  # 電源とボタン to 防災情報, then 見やすく・聞きやすく to e-Tax
NEW_THEMES = {  # the later lessons, by id, with a word their title must hold
    "see-and-hear": "見やすく",
    "mail-photos": "メール",
    "cashless-payment": "キャッシュレス",
    "online-clinic": "オンライン診療",
    "wifi-and-data": "通信量",
    "etax-smartphone": "確定申告",
}
MIN_STEPS = 5
MAX_STEPS = 12


@pytest.fixture(scope="module")
def bundled() -> tuple[Lesson, ...]:
    load = load_lessons(strict=True)
    assert not load.problems, "\n".join(str(problem) for problem in load.problems)
    return load.lessons


def test_every_bundled_lesson_passes_the_strict_check(bundled: tuple[Lesson, ...]) -> None:
    assert len(bundled) == len(lesson_files(lessons_dir()))


def test_the_whole_curriculum_is_there(bundled: tuple[Lesson, ...]) -> None:
    count = len(bundled)
    assert count >= CURRICULUM_LESSONS, f"only {count} of {CURRICULUM_LESSONS} lessons so far"


def test_the_lessons_seniors_and_the_city_asked_for_are_there(bundled: tuple[Lesson, ...]) -> None:
    by_id = {lesson.id: lesson for lesson in bundled}
    for lesson_id, word in NEW_THEMES.items():
        assert lesson_id in by_id, lesson_id
        assert word in by_id[lesson_id].plain_title, lesson_id
        assert any(step.check is not None for step in by_id[lesson_id].steps), lesson_id


def test_every_lesson_has_a_sensible_number_of_steps(bundled: tuple[Lesson, ...]) -> None:
    for lesson in bundled:
        assert MIN_STEPS <= len(lesson.steps) <= MAX_STEPS, lesson.id


def test_every_picture_exists_inside_the_assets_folder(bundled: tuple[Lesson, ...]) -> None:
    assets = assets_dir().resolve()
    for lesson in bundled:
        for step in lesson.steps:
            if step.image_path is not None:
                assert step.image_path.is_file(), (lesson.id, step.number)
                assert step.image_path.resolve().is_relative_to(assets), (lesson.id, step.number)


@pytest.mark.parametrize("municipality", ["北九州市", "福岡市", "新宮町"])
def test_every_step_has_text_to_speak_without_kanji(
    bundled: tuple[Lesson, ...], municipality: str
) -> None:
    config = Config(
        municipality=municipality, areas=() if municipality != "北九州市" else ("門司区",)
    )
    names = {"office": config.office_markup}
    for lesson in bundled:
        for step in lesson.filled(lambda text: fill_placeholders(text, names)).steps:
            spoken = spoken_text(step.spoken)
            assert spoken.strip(), (lesson.id, step.number)
            assert not has_kanji(spoken), (lesson.id, step.number, spoken)


def test_latin_words_read_aloud_have_a_kana_reading(bundled: tuple[Lesson, ...]) -> None:
    # A kana-only engine spells "Galaxy" letter by letter; {Galaxy|ギャラクシー} fixes it.
    names = {"office": Config().office_markup}
    for lesson in bundled:
        for step in lesson.filled(lambda text: fill_placeholders(text, names)).steps:
            texts = [step.title, step.spoken, step.tip or ""]
            if step.check is not None:
                texts += [step.check.question, *step.check.choices, step.check.explanation]
            for text in texts:
                assert not re.search("[A-Za-z]", spoken_text(text)), (lesson.id, step.number, text)


def test_the_check_command_passes_on_the_bundled_lessons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["lessons", "check", "--strict"]) == 0, capsys.readouterr().out


def test_the_complete_example_in_the_authors_guide_is_a_valid_lesson(tmp_path: Path) -> None:
    guide = (lessons_dir() / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.*?)```", guide, flags=re.DOTALL)
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "01_power_buttons.toml").write_text(example, encoding="utf-8")
    for picture in re.findall(r'"(assets/[^"]+)"', example):
        (tmp_path / picture).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(assets_dir().parent / picture, tmp_path / picture)
    load = load_lessons(tmp_path / "lessons", strict=True)
    assert load.ok, "\n".join(str(problem) for problem in load.problems)
    (lesson,) = load.lessons
    assert len(lesson.steps) == 2
    assert lesson.steps[1].check is not None
    assert lesson.steps[1].spoken != lesson.steps[1].text  # the speech override is used


def test_the_authors_guide_tables_list_exactly_the_declared_keys() -> None:
    guide = (lessons_dir() / "README.md").read_text(encoding="utf-8")
    levels = LESSON_SCHEMA.levels  # the top of the file, [[steps]], [steps.check]
    for header, yes in (
        ("| 項目 | 必須 | 書き方 |", "はい"),
        ("| key | required | value |", "yes"),
    ):
        tables = guide.split(header)[1 : len(levels) + 1]
        for level, table in zip(levels, tables, strict=True):
            rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", table.split("\n\n")[0], re.M)
            sections = {child.key for child in levels if child.parent is level}  # own headings
            assert {key for key, _ in rows} == set(level.keys) - sections, header
            for key, required in rows:
                if key in level.keys and key not in LOADER_KEYS:
                    assert (required.strip() == yes) == (key in level.required), key
