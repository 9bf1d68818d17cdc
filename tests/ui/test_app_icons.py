"""App icons drawn from SVG, readable app names, and every character in the bundled font."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QRawFont

from kiosk.core.resources import lessons_dir, resource_path
from kiosk.ui import theme
from kiosk.ui.app_icons import (
    APP_ICONS,
    ICON_FOLDER,
    TILE_COLOURS,
    TILE_INK,
    has_picture,
    paint_app_icon,
)
from kiosk.ui.display import OwnDisplay
from kiosk.ui.practice.phone import MIN_LABEL_PT, SIMPLE_HOME, SIMPLE_MORE, label_font
from kiosk.ui.procedures.mock import AppName

ROOT = Path(__file__).resolve().parents[2]


def procedure_app_names() -> set[str]:
    names: set[str] = set()
    for path in (lessons_dir() / "procedures").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for step in data.get("steps", []):
            for element in step.get("screen", {}).get("elements", []):
                if element.get("style") == "app":
                    names.add(element["label"])
    return names


def test_every_app_on_the_phones_has_its_own_picture(qapp: Any) -> None:
    names = {app.name for app in (*SIMPLE_HOME, *SIMPLE_MORE)} | procedure_app_names()
    assert "マイナポータル" in names
    assert {name for name in names if not has_picture(name)} == set()
    files = {path.stem for path in resource_path(ICON_FOLDER).glob("*.svg")}
    assert files == set(APP_ICONS.values())  # no picture without an app, none missing


def test_white_on_every_tile_is_at_least_7_to_1() -> None:
    for colour in TILE_COLOURS:
        assert theme.contrast_ratio(TILE_INK, colour) >= 7.0, colour
    for app in (*SIMPLE_HOME, *SIMPLE_MORE):
        assert app.colour in TILE_COLOURS


def render_icon(name: str) -> QImage:
    image = QImage(96, 96, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    paint_app_icon(painter, QRectF(0, 0, 96, 96), name, TILE_COLOURS[0])
    painter.end()
    return image


@pytest.mark.parametrize("name", sorted(APP_ICONS))
def test_each_picture_draws_white_lines_on_its_tile(qapp: Any, fonts: list[str], name: str) -> None:
    image = render_icon(name)
    inner = [QColor(image.pixel(x, y)) for y in range(20, 76, 2) for x in range(20, 76, 2)]
    white = sum(colour.lightness() > 200 for colour in inner)
    # A picture, not an empty tile and not a filled square.
    assert 0.08 < white / len(inner) < 0.8, (name, white / len(inner))


def test_pictures_differ_from_each_other(qapp: Any, fonts: list[str]) -> None:
    images = {name: render_icon(name) for name in APP_ICONS}
    assert len({image.bits().tobytes() for image in images.values()}) == len(images)


def test_app_names_under_the_practice_icons_are_as_large_as_asked_where_they_fit(
    qapp: Any,
) -> None:
    names = tuple(app.name for app in (*SIMPLE_HOME, *SIMPLE_MORE))
    for scale in (1.0, 1.25, 1.5):
        assert label_font(scale, 1_000, names, theme.BODY_PT).pointSizeF() == theme.BODY_PT * scale
        # A narrow cell: smaller, but every name fits it, down to the smallest size.
        font = label_font(scale, 60, names, theme.BODY_PT)
        metrics = QFontMetricsF(font)
        assert MIN_LABEL_PT <= font.pointSizeF() < theme.BODY_PT * scale
        assert max(metrics.horizontalAdvance(name) for name in names) <= 60


def test_a_long_app_name_in_a_narrow_column_stays_whole_on_one_line(qtbot: Any) -> None:
    name = AppName("マイナポータル", display=OwnDisplay())
    qtbot.addWidget(name)
    name.resize(80, name.heightForWidth(80))
    [line] = name._break_lines(name._available_width())
    assert "".join(unit.base for unit, _ in line) == "マイナポータル"
    assert 0.3 < name.shrink() < 1.0
    name.resize(600, name.heightForWidth(600))
    assert name.shrink() == 1.0


# Every character a learner can see is in the bundled font ---------------------------------
def ui_strings(folder: Path = ROOT / "kiosk" / "ui") -> set[str]:
    """String constants in the code under ``folder`` (the screens), docstrings left out."""
    strings: set[str] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                strings.add(node.value)
    return strings


def content_text() -> str:
    return "".join(
        path.read_text(encoding="utf-8")
        for path in lessons_dir().rglob("*.toml")
        if not path.name.startswith("_")
    )


def test_every_character_of_the_ui_and_the_lessons_is_in_the_bundled_font(qapp: Any) -> None:
    missing: dict[str, set[str]] = {}
    for relative in theme.FONT_FILES:
        font = QRawFont(str(resource_path(relative)), 20)
        assert font.isValid(), relative
        text = "".join(ui_strings()) + content_text()
        absent = {
            ch for ch in set(text) if ch.isprintable() and not font.supportsCharacter(ord(ch))
        }
        if absent:
            missing[relative] = absent
    assert not missing, {name: "".join(sorted(chars)) for name, chars in missing.items()}


# Symbols that fonts without them borrow from a fallback font (on Windows, some as colour
# emoji): what they stood for is drawn as an SVG picture or painted instead.
FALLBACK_SYMBOLS = "✉⚙✎◷✚⌂☺⚑✂✈☐☀〒"


def test_no_fallback_font_symbol_is_drawn_as_text() -> None:
    # The whole kiosk: the core hands words to the screens too (drills, rehearsal fillers).
    text = "".join(ui_strings(ROOT / "kiosk")) + content_text()
    assert {ch for ch in FALLBACK_SYMBOLS if ch in text} == set()
