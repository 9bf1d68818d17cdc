"""QR codes drawn by Qt decode with a real reader (zbarimg) and keep their quiet zone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from kiosk.ui.qr import MIN_SCALE, QUIET_ZONE, QrCodeView, qr_image, qr_matrix

URLS = ["https://myna.go.jp/", "https://www.lg-waps.go.jp/", "https://www.jma.go.jp/bosai/"]


def zbarimg() -> str:
    path = shutil.which("zbarimg")
    if path is None:
        pytest.fail("zbarimg is missing: install the Debian package zbar-tools to run this test")
    return path


def decode(image: QImage, folder: Path) -> str:
    """What a QR reader finds in ``image`` (via a PNG file)."""
    png = folder / "code.png"
    assert image.save(str(png))
    result = subprocess.run(
        [zbarimg(), "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def is_white(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)) == QColor("#ffffff")


@pytest.mark.parametrize("url", URLS)
def test_the_drawn_code_decodes_to_the_url(qapp: Any, tmp_path: Path, url: str) -> None:
    assert decode(qr_image(url), tmp_path) == url


def test_modules_are_whole_pixels_with_a_white_quiet_zone(qapp: Any) -> None:
    scale = MIN_SCALE
    image = qr_image(URLS[0], scale)
    modules = len(qr_matrix(URLS[0]))
    assert image.width() == image.height() == modules * scale
    border = QUIET_ZONE * scale
    for i in range(image.width()):
        for edge in (0, border - 1, image.width() - border):
            assert is_white(image, i, edge)
            assert is_white(image, edge, i)
    # The finder pattern starts exactly after the quiet zone and is a whole module wide.
    assert QColor(image.pixel(border, border)) == QColor("#000000")
    assert QColor(image.pixel(border + scale - 1, border)) == QColor("#000000")
    assert QColor(image.pixel(border + scale, border + scale)) == QColor("#ffffff")


def test_smaller_modules_than_eight_pixels_are_refused(qapp: Any) -> None:
    with pytest.raises(ValueError, match="at least 8"):
        qr_image(URLS[0], scale=4)
    assert QrCodeView(URLS[0], scale=3).module_px() == MIN_SCALE


def test_the_end_of_a_rehearsal_shows_a_readable_code_for_the_real_service(
    make_kiosk: Any, qtbot: Any, tmp_path: Path
) -> None:
    from test_procedure_player import click_target, open_player

    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot, "mynaportal-insurance-registration")
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    while player.page == "step":
        click_target(player, qtbot)
    view = player.done_page.qr
    assert view is not None
    assert view.isVisible()
    assert view.module_px() >= MIN_SCALE
    # What is on screen, grabbed from the window, not just the image behind it.
    assert decode(view.grab().toImage(), tmp_path) == "https://myna.go.jp/"
    words = player.done_page.caption.plain()
    assert words == "ご自分の スマホの カメラで 読みとると、本物の ページが ひらきます。"


def test_a_procedure_without_a_national_page_says_how_to_find_it(
    make_kiosk: Any, qtbot: Any
) -> None:
    from test_procedure_player import click_target, open_player

    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot, "ward-office-booking")
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    while player.page == "step":
        click_target(player, qtbot)
    assert player.done_page.qr is None
    assert "北九州市の ホームページで" in player.done_page.caption.plain()
