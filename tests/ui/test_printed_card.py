"""The printed participant card: the code whole and large, words unbroken, the QR's quiet zone."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QFontInfo, QImage

from kiosk.core.attendance.codes import format_code
from kiosk.core.line_breaking import breaks_inside_a_word
from kiosk.ui.printing import page_for, page_images, pdf_bytes
from kiosk.ui.qr import QUIET_ZONE
from kiosk.ui.reception.printed_card import CARD_SIZE, CardLayout, card_layout, draw_card
from tests.ui.test_printing import tool

# Today's 8-character codes, and codes of 10 characters (11 printed, with the hyphen)
# including the widest letters the alphabet has.
CODES = ("37KYYTXW", "2345678A", "ACEFHKMNPR", "WMWMWMWMWM")
CENTRES = ("デモ市民センター", "北九州市立 若松区 ひびきの 市民センター")
PEN_MM = 0.4


def layout(code: str, centre: str) -> CardLayout:
    return card_layout(page_for(CARD_SIZE), code, centre)


def pdf_words(pdf: Path) -> list[tuple[str, float]]:
    """Each word pdftotext finds, with its height in points (the font size)."""
    out = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    pattern = r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
    return [(word, float(y1) - float(y0)) for y0, y1, word in re.findall(pattern, out)]


@pytest.mark.parametrize("code", CODES)
def test_the_code_prints_whole_in_bold_at_14_pt_or_more(
    qapp: Any, fonts: list[str], tmp_path: Path, code: str
) -> None:
    shown = format_code(code)
    assert "-" in shown
    assert len(shown) == len(code) + 1
    card = layout(code, CENTRES[1])
    assert card.code.lines == (shown,)
    assert card.code.points >= 14
    assert QFontInfo(card.code.font).bold()

    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(pdf_bytes([lambda p, page: draw_card(p, page, code, CENTRES[1])], CARD_SIZE))
    sizes = [size for word, size in pdf_words(pdf) if word == shown]
    assert sizes, pdf_words(pdf)
    assert sizes[0] >= 14


@pytest.mark.parametrize("centre", CENTRES)
def test_title_note_and_centre_are_10_pt_or_more_and_no_word_is_cut(
    qapp: Any, fonts: list[str], tmp_path: Path, centre: str
) -> None:
    card = layout("ACEFHKMNPR", centre)
    for text in (card.title, card.note, card.centre):
        assert text.points >= 10, text.lines
        assert not text.broken_word, text.lines
    assert "".join(card.note.lines).replace(" ", "") == "つぎに来たときにうけつけで見せてください。"
    assert "".join(card.centre.lines).replace(" ", "") == centre.replace(" ", "")

    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(pdf_bytes([lambda p, page: draw_card(p, page, "37KYYTXW", centre)], CARD_SIZE))
    words = pdf_words(pdf)
    assert all(size >= 10 for _, size in words), words
    assert "デジタル相談コーナー" in [word for word, _ in words]


def test_the_wrapping_check_sees_a_cut_word() -> None:
    pieces = list("あいう えお")
    assert breaks_inside_a_word(pieces, [[0, 1], [2, 3, 4, 5]])
    assert not breaks_inside_a_word(pieces, [[0, 1, 2], [4, 5]])


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("centre", CENTRES)
def test_every_text_is_inside_the_card_and_clear_of_the_qr_code(
    qapp: Any, fonts: list[str], code: str, centre: str
) -> None:
    page = page_for(CARD_SIZE)
    card = layout(code, centre)
    inside = card.border.adjusted(page.mm(PEN_MM), page.mm(PEN_MM), -page.mm(PEN_MM), 0)
    inside.setBottom(card.border.bottom() - page.mm(PEN_MM))
    assert inside.contains(card.qr)
    boxes = [text.rect for text in card.texts]
    for box in boxes:
        assert inside.contains(box), box
        assert not box.intersects(card.qr), box
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not box.intersects(other), (box, other)


def dark_box(image: QImage, area: QRect) -> QRect:
    """The bounding box of the dark pixels in ``area`` of ``image``."""
    left, top, right, bottom = area.right(), area.bottom(), area.left(), area.top()
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            if QColor(image.pixel(x, y)).lightness() < 128:
                left, top = min(left, x), min(top, y)
                right, bottom = max(right, x), max(bottom, y)
    return QRect(left, top, right - left + 1, bottom - top + 1)


@pytest.mark.parametrize("code", [CODES[0], CODES[3]])
def test_the_qr_code_has_a_white_border_of_4_modules_and_scans(
    qapp: Any, fonts: list[str], tmp_path: Path, code: str
) -> None:
    dpi = 600
    [image] = page_images(
        [lambda p, page: draw_card(p, page, code, CENTRES[1])], CARD_SIZE, dpi=dpi
    )
    card = layout(code, CENTRES[1])
    scale = dpi / page_for(CARD_SIZE).dpi
    module = card.qr.width() / len(card.matrix) * scale
    qr = QRectF(card.qr.topLeft() * scale, card.qr.size() * scale)
    # The dark modules span the QR rectangle less 4 modules on each side: its white
    # border, with nothing else printed in it.
    symbol = dark_box(image, qr.toRect().adjusted(1, 1, -1, -1))
    expected = qr.adjusted(
        module * QUIET_ZONE, module * QUIET_ZONE, -module * QUIET_ZONE, -module * QUIET_ZONE
    )
    for side in ("left", "top", "right", "bottom"):
        assert abs(getattr(symbol, side)() - getattr(expected, side)()) < 2, side
    assert module * 25.4 / dpi >= 0.9  # modules of 0.9 mm or more

    png = tmp_path / "card.png"
    image.save(str(png))
    scan = subprocess.run(
        [tool("zbarimg"), "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=30
    )
    assert scan.stdout.strip() == format_code(code)
