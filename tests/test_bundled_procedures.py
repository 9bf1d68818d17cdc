"""Contract test for the procedures that ship with the kiosk: strict, speakable, complete."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kiosk.cli import main
from kiosk.core.config import Config
from kiosk.core.mock_elements import ELEMENT_CLASSES, ELEMENT_SCHEMA
from kiosk.core.procedures import (
    PROCEDURE_SCHEMA,
    Procedure,
    fill_placeholders,
    load_procedures,
    procedure_files,
    procedures_dir,
    spoken_placeholder_values,
)
from kiosk.core.resources import assets_dir, lessons_dir
from kiosk.core.ruby import has_kanji, spoken_text

# The rehearsals the issues ask for, by id, with a word their title must hold.
REQUIRED = {
    "mynumber-card-apply": "マイナンバーカード",
    "mynaportal-insurance-registration": "マイナポータル",
    "convenience-store-certificate": "コンビニ",
    "ward-office-booking": "予約",
    "city-online-application": "電子申請",
    "disaster-information": "防災",
    "hospital-reception-card-reader": "受付",
    "smartphone-certificate": "スマホ",
    "public-facility-booking": "施設",
}
# Official national sites only (a city's own pages come from its settings later).
OFFICIAL_HOSTS = {"www.kojinbango-card.go.jp", "myna.go.jp", "www.lg-waps.go.jp", "www.jma.go.jp"}


@pytest.fixture(scope="module")
def bundled() -> tuple[Procedure, ...]:
    load = load_procedures(strict=True)
    assert not load.problems, "\n".join(str(problem) for problem in load.problems)
    return load.procedures


def test_every_bundled_procedure_passes_the_strict_check(bundled: tuple[Procedure, ...]) -> None:
    assert len(bundled) == len(procedure_files(procedures_dir())) >= len(REQUIRED)


def test_the_procedures_the_issues_ask_for_are_there(bundled: tuple[Procedure, ...]) -> None:
    by_id = {procedure.id: procedure for procedure in bundled}
    for procedure_id, word in REQUIRED.items():
        assert procedure_id in by_id, procedure_id
        assert word in by_id[procedure_id].plain_title, procedure_id


def test_qr_codes_open_official_https_pages(bundled: tuple[Procedure, ...]) -> None:
    for procedure in bundled:
        if procedure.url is None:
            assert procedure.how_to_find, procedure.id
            continue
        parts = urlsplit(procedure.url)
        assert parts.scheme == "https", procedure.id
        assert parts.hostname in OFFICIAL_HOSTS, procedure.id
        assert procedure.url_label, procedure.id


def test_pin_steps_warn_about_the_lock_and_say_where_to_go(bundled: tuple[Procedure, ...]) -> None:
    for procedure in bundled:
        if not any(step.pin_pad is not None for step in procedure.steps):
            continue
        values = spoken_placeholder_values(Config())
        notes = "".join(spoken_text(fill_placeholders(note, values)) for note in procedure.notes)
        assert "3かい" in notes, procedure.id
        assert "ロック" in notes, procedure.id
        assert "まどぐち" in notes, procedure.id
        # Learners must never be asked for their real PIN on a public kiosk.
        for step in procedure.steps:
            if step.pin_pad is not None:
                assert "1、2、3、4" in step.narration, (procedure.id, step.number)


def test_everything_read_aloud_has_no_kanji_left_for_a_kana_only_engine(
    bundled: tuple[Procedure, ...],
) -> None:
    values = spoken_placeholder_values(Config())

    def speakable(text: str) -> str:
        return spoken_text(fill_placeholders(text, values))

    for procedure in bundled:
        texts = [procedure.title, procedure.summary, *procedure.notes]
        texts += [
            procedure.afterwards or "",
            procedure.url_label or "",
            procedure.how_to_find or "",
        ]
        texts += [item.name for item in procedure.items] + [
            item.note or "" for item in procedure.items
        ]
        for step in procedure.steps:
            texts += [step.title, step.narration, step.hint]
        for text in texts:
            assert not has_kanji(speakable(text)), (procedure.id, text)
            assert not re.search("[A-Za-z]", speakable(text)), (procedure.id, text)


def test_icons_are_project_svgs_inside_assets(bundled: tuple[Procedure, ...]) -> None:
    folder = (assets_dir() / "img" / "procedures").resolve()
    for procedure in bundled:
        for item in procedure.items:
            assert item.icon_path.resolve().parent == folder, (procedure.id, item.icon)
            assert item.icon_path.suffix == ".svg"


def test_no_city_name_is_written_into_a_procedure() -> None:
    config = Config()
    for path in procedure_files(procedures_dir()):
        text = path.read_text(encoding="utf-8")
        for name in (config.municipality, *config.areas, "北九州"):
            assert name not in text, (path.name, name)


def test_the_check_command_covers_the_procedures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons", "check", "--strict"]) == 0, capsys.readouterr().out
    err = capsys.readouterr().err
    count = len(procedure_files(procedures_dir()))
    assert re.search(rf"and {count} procedure file\(s\) checked: no problems", err), err


def test_the_check_command_reports_a_broken_procedure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lessons" / "procedures"
    shutil.copytree(procedures_dir(), folder)
    shutil.copytree(assets_dir() / "img" / "procedures", tmp_path / "assets/img/procedures")
    broken = folder / "03_convenience_store_certificate.toml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('targets = ["gyosei"]', 'targets = ["gyousei"]'),
        encoding="utf-8",
    )
    assert main(["lessons", "check", "--strict", str(tmp_path / "lessons")]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(
        "lessons/procedures/03_convenience_store_certificate.toml: step 1: target 'gyousei' "
        "is not on this screen; did you mean 'gyosei'?"
    )
    count = len(procedure_files(procedures_dir()))
    assert err == f"{count} procedure file(s) checked: 1 problem(s) in 1 file(s)\n"


def test_list_shows_procedures_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons", "list", "--json", "--procedures"]) == 0
    rows = json.loads(capsys.readouterr().out)
    procedures = [row for row in rows if row["kind"] == "procedure"]
    assert {row["id"] for row in procedures} == set(REQUIRED)
    assert all(row["level"] == "-" and row["steps"] >= 5 for row in procedures)
    assert main(["lessons", "list", str(procedures_dir())]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["ID", "KIND", "LEVEL", "STEPS", "TITLE"]
    assert any(
        re.match(r"convenience-store-certificate +procedure +- +12 ", line) for line in table
    )


def test_the_procedure_example_in_the_authors_guide_is_valid(tmp_path: Path) -> None:
    guide = (lessons_dir() / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml procedure\n(.*?)```", guide, flags=re.DOTALL)
    folder = tmp_path / "lessons" / "procedures"
    folder.mkdir(parents=True)
    (folder / "01_example.toml").write_text(example, encoding="utf-8")
    for picture in re.findall(r'"(assets/[^"]+)"', example):
        (tmp_path / picture).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(assets_dir().parent / picture, tmp_path / picture)
    load = load_procedures(folder, strict=True)
    assert load.ok, "\n".join(str(problem) for problem in load.problems)
    (procedure,) = load.procedures
    assert procedure.steps[-1].pin_pad is not None


def test_the_authors_guide_tables_list_exactly_the_declared_keys() -> None:
    guide = (lessons_dir() / "README.md").read_text(encoding="utf-8")
    # The Japanese part has a table for the top of the file and one for [[steps]]; the
    # sections inside them ([[items]], [steps.screen]) are rows of their own.
    top, steps = guide.split("| 項目 | 必須 | 書き方 |")[4:6]
    levels = {level.key: level for level in PROCEDURE_SCHEMA.levels}
    for level, table in ((levels[""], top), (levels["steps"], steps)):
        rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", table.split("\n\n")[0], re.M)
        sections = {child.key for child in levels.values() if child.parent is level}
        assert {key for key, _ in rows} == set(level.keys) - sections
        for key, required in rows:
            if key in level.keys and key not in ("format", "kind", "id"):
                assert (required.strip() == "はい") == (key in level.required), key


def test_the_authors_guide_element_table_lists_exactly_the_declared_keys() -> None:
    guide = (lessons_dir() / "README.md").read_text(encoding="utf-8")
    table = guide.split("| `type` | 項目 | おせるか |")[1].split("\n\n")[0]
    rows = re.findall(r"^\| (`.+?`) \| (.+?) \| (.+?) \|$", table, re.M)
    listed: list[str] = []
    for types, keys, tappable in rows:
        # Keys are written `label`, `secret = true`; allowed values `"info"` in quotes.
        written = set(re.findall(r"`([a-z_]+)(?: = [a-z]+)?`", keys))
        for kind in re.findall(r"`([a-z_]+)`", types):
            listed.append(kind)
            (level,) = ELEMENT_SCHEMA.schemas[kind].levels
            # Any element may have an id; the table names it on the tappable ones.
            assert written - {"id"} == set(level.keys) - {"type", "id"}, kind
            assert tappable.startswith("はい") == ELEMENT_CLASSES[kind].tappable, kind
    assert listed == list(ELEMENT_CLASSES)
