"""A mock screen's picture element draws the file its procedure names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor

from kiosk.core import mock_elements as el
from kiosk.ui.procedures.mock.static_parts import Picture

RED_SQUARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20" fill="#ff0000"/></svg>\n'
)


def test_the_picture_is_drawn_from_its_checked_path_in_its_own_shape(
    qapp: object, tmp_path: Path
) -> None:
    path = tmp_path / "assets" / "img" / "procedures" / "red.svg"
    path.parent.mkdir(parents=True)
    path.write_text(RED_SQUARE, encoding="utf-8")
    picture = Picture(el.Image(image="assets/img/procedures/red.svg", image_path=path))
    assert picture.heightForWidth(200) == 100
    picture.resize(200, 100)
    image = picture.grab().toImage()
    assert QColor(image.pixel(100, 50)) == QColor("#ff0000")
