"""The take-home sheet as a real PDF (read back with poppler) and the print-or-save helper."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter

from kiosk.core.config import Config
from kiosk.core.procedures import Procedure, load_procedures, placeholder_values
from kiosk.core.ruby import plain_text, spoken_text
from kiosk.ui.printing import Page, pdf_bytes, save_or_print
from kiosk.ui.procedures.placeholders import filler
from kiosk.ui.procedures.sheet import (
    fitted_sheet,
    key_words,
    procedure_sheet_pdf,
)
from kiosk.ui.procedures.thumbnail import screen_outline
from kiosk.ui.ruby_text import RubyText

SHOP = "convenience-store-certificate"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install the Debian package poppler-utils / zbar-tools")
    return path


def pdf_text(pdf: Path) -> str:
    result = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def render_page(pdf: Path, page: int, dpi: int) -> QImage:
    prefix = pdf.with_suffix("")
    subprocess.run(
        [
            tool("pdftoppm"),
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
        timeout=60,
    )
    image = QImage(str(prefix) + ".png")
    assert not image.isNull()
    return image


def dark_share(image: QImage) -> float:
    """The share of clearly non-white pixels, sampled on a grid."""
    dark = total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            total += 1
            dark += QColor(image.pixel(x, y)).lightness() < 160
    return dark / total


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(autouse=True)
def _bundled_fonts(fonts: list[str]) -> list[str]:
    """The sheets are drawn in the bundled font, also when this file runs on its own."""
    return fonts


@pytest.fixture(scope="module")
def shop() -> Procedure:
    procedure = load_procedures().get(SHOP)
    assert procedure is not None
    return procedure


def test_the_sheet_holds_the_title_the_things_to_bring_and_every_step(
    qapp: Any, tmp_path: Path, shop: Procedure
) -> None:
    pdf = tmp_path / "sheet.pdf"
    # Without furigana each title is one run of text that pdftotext can find.
    pdf.write_bytes(procedure_sheet_pdf(shop, Config(), show_ruby=False))
    text = squeeze(pdf_text(pdf))
    assert squeeze(plain_text(shop.title)) in text
    assert "もちもの" in text
    for item in shop.items:
        assert squeeze(plain_text(item.name)) in text
    for step in shop.steps:
        assert squeeze(plain_text(step.title)) in text, step.title
    assert "https://www.lg-waps.go.jp/" in text
    assert "デモ市民センター" in text  # the centre's name from the settings


def test_the_sheet_uses_the_configured_names(qapp: Any, tmp_path: Path) -> None:
    procedure = load_procedures().get("ward-office-booking")
    assert procedure is not None
    config = Config(municipality="札幌市", centre_name="中央公民館", areas=("中央区",))
    pdf = tmp_path / "booking.pdf"
    pdf.write_bytes(procedure_sheet_pdf(procedure, config, show_ruby=False))
    text = squeeze(pdf_text(pdf))
    assert "札幌市のホームページで" in text
    assert "中央公民館" in text
    assert "{{" not in text
    assert "北九州" not in text


def test_the_printed_page_is_large_print_and_its_qr_code_scans(
    qapp: Any, tmp_path: Path, shop: Procedure
) -> None:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(procedure_sheet_pdf(shop, Config()))
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info.stdout), (
        info.stdout
    )
    first = render_page(pdf, 1, 150)
    assert first.width() == pytest.approx(1240, abs=2)  # A4 at 150 dpi
    assert dark_share(first) > 0.03  # not blank: words, pictures and the code
    png = tmp_path / "page1.png"
    first.save(str(png))
    scan = subprocess.run(
        [tool("zbarimg"), "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=30
    )
    assert scan.stdout.strip() == "https://www.lg-waps.go.jp/"
    # With furigana on, the readings are printed above the kanji.
    assert "じゅうみんひょう" in pdf_text(pdf)


KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]+")


@dataclass(frozen=True)
class Word:
    """A word pdftotext found, with its box in points; its height is about its font size."""

    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def pdf_words(pdf: Path) -> list[Word]:
    out = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    words: list[Word] = []
    for number, page in enumerate(out.split("<page ")[1:], 1):
        for box, text in re.findall(r"<word ([^>]*)>([^<]*)</word>", page):
            value = dict(re.findall(r'(\w+)="([\d.]+)"', box))
            words.append(
                Word(
                    number,
                    text,
                    float(value["xMin"]),
                    float(value["yMin"]),
                    float(value["xMax"]),
                    float(value["yMax"]),
                )
            )
    return words


def furigana_of(word: Word, words: list[Word]) -> Word | None:
    """The larger word that ``word`` is the reading of: right below it, side by side."""
    for base in words:
        if (
            base.page == word.page
            and base.height > word.height
            and 0 <= base.top - word.bottom + 1 <= 4
            and base.left < word.right
            and word.left < base.right
        ):
            return base
    return None


@pytest.mark.parametrize(
    "procedure", load_procedures().procedures, ids=lambda procedure: procedure.id
)
def test_every_sheet_is_two_pages_at_most_with_every_word_12_pt_or_more(
    qapp: Any, tmp_path: Path, procedure: Procedure
) -> None:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(procedure_sheet_pdf(procedure, Config()))
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages <= 2
    words = pdf_words(pdf)
    large = [word for word in words if word.height >= 12]
    assert len(large) > 100
    for word in words:
        if word.height >= 12:
            continue
        # Only furigana is smaller: kana right above its kanji, and still 6 pt or more.
        assert KANA.fullmatch(word.text), word
        assert word.height >= 6, word
        assert furigana_of(word, large) is not None, word
    # Big print like the lesson sheets, and the words on each place to press are on the
    # sheet in a text of their own.
    sheet = fitted_sheet(procedure, Config())
    try:
        assert sheet.body_pt >= 14
        texts = {text.plain() for text in sheet.root.findChildren(RubyText)}
    finally:
        sheet.close()
    fill = filler(placeholder_values(Config()))
    for step in procedure.steps:
        for words_to_press in key_words(step):
            assert plain_text(fill(words_to_press)) in texts, (step.number, words_to_press)


def test_each_steps_picture_rings_the_places_to_press(qapp: Any, shop: Procedure) -> None:
    fill = filler(placeholder_values(Config()))
    for step in shop.steps:
        outline = screen_outline(step.screen, step.targets, fill)
        ringed = {shape.element.id for shape in outline.shapes if shape.target}
        assert ringed == set(step.targets)
        inside = outline.display.adjusted(-1, -1, 1, 1)
        remote = outline.remote or QRectF()
        for shape in outline.shapes:
            assert inside.contains(shape.rect) or remote.contains(shape.rect), shape


def test_without_a_printer_the_pdf_is_saved_in_the_data_folder(qapp: Any, tmp_path: Path) -> None:
    def draw(painter: QPainter, page: Page) -> None:
        painter.fillRect(
            QRectF(page.mm(20), page.mm(20), page.mm(50), page.mm(20)), Qt.GlobalColor.black
        )

    outcome = save_or_print(
        [draw, draw], QPageSize(QPageSize.PageSizeId.A6), Config(printer=""), tmp_path, "card 1/a"
    )
    assert not outcome.printed
    assert outcome.path is not None
    assert outcome.path.parent == tmp_path / "prints"
    assert re.fullmatch(r"card-1-a-\d{8}-\d{6}\.pdf", outcome.path.name)
    assert outcome.path.read_bytes().startswith(b"%PDF")
    assert outcome.message == f"プリンターが ないので、ファイルに 保存しました: {outcome.path}"
    info = subprocess.run(
        [tool("pdfinfo"), str(outcome.path)], capture_output=True, text=True, check=True
    )
    assert re.search(r"Pages:\s+2", info.stdout)
    # The same name a second later never overwrites the first file.
    again = save_or_print(
        [draw], QPageSize(QPageSize.PageSizeId.A6), Config(), tmp_path, "card 1/a"
    )
    assert again.path != outcome.path
    assert outcome.path.exists()


def test_a_configured_printer_that_is_not_installed_saves_and_says_so(
    qapp: Any, tmp_path: Path
) -> None:
    outcome = save_or_print(
        [lambda painter, page: None],
        QPageSize(QPageSize.PageSizeId.A4),
        Config(printer="受付のプリンター-存在しない"),
        tmp_path,
        "sheet",
    )
    assert not outcome.printed
    assert outcome.path is not None
    assert outcome.path.exists()
    assert outcome.message.startswith(
        "プリンター「受付のプリンター-存在しない」が 見つからないので"
    )


def test_pdf_bytes_draw_every_page_on_paper_sized_pages(qapp: Any) -> None:
    pages: list[Page] = []
    data = pdf_bytes(
        [lambda painter, page: pages.append(page)] * 3, QPageSize(QPageSize.PageSizeId.A4)
    )
    assert data.startswith(b"%PDF")
    assert len(pages) == 3
    page = pages[0]
    assert (page.width, page.height) == (pytest.approx(page.mm(210)), pytest.approx(page.mm(297)))


def test_insatsu_on_the_last_screen_saves_the_sheet_and_tells_staff_where(
    make_kiosk: Any, qtbot: Any, data_dir: Path
) -> None:
    from test_procedure_player import click_target, open_player
    from test_staff_console import open_console, open_tab, visible_text

    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot, SHOP)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    while player.page == "step":
        click_target(player, qtbot)
    qtbot.mouseClick(player.done_page.print_button, Qt.MouseButton.LeftButton)
    (saved,) = (data_dir / "prints").glob("procedure-convenience-store-certificate-*.pdf")
    assert "もちもの" in pdf_text(saved)
    # The learner is asked, in Japanese only, to fetch staff: no path, no English.
    result = player.done_page.print_result
    assert result.isVisible()
    assert (
        result.plain() == "紙は いんさつ できませんでした。かかりの 人に こえを かけて ください。"
    )
    assert kiosk.services.speaker.last_text() == spoken_text(result.text())
    learner_words = " ".join(text.plain() for text in player.done_page.findChildren(RubyText))
    assert str(data_dir) not in learner_words
    assert ".pdf" not in learner_words
    assert not re.search(r"[A-Za-z]", result.plain())
    # Staff find the file in the console's 今日 tab.
    today = open_tab(qtbot, open_console(kiosk, qtbot), "today")
    assert today.prints_table.rows[0][1].replace("\u200b", "") == str(saved)
    assert str(saved) in visible_text(today)


def test_the_new_card_screen_asks_for_staff_when_the_card_is_saved(
    make_kiosk: Any, qtbot: Any, data_dir: Path
) -> None:
    from kiosk.ui.reception.card import NewCardScreen

    kiosk = make_kiosk()
    screen = NewCardScreen(kiosk.services, kiosk.window, kiosk.sessions, "37KYYTXW")
    kiosk.window.open(screen)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    (saved,) = (data_dir / "prints").glob("card-*.pdf")
    assert "37KY-YTXW" in pdf_text(saved)
    assert screen.outcome.plain().startswith("紙は いんさつ できませんでした。")
    assert kiosk.services.speaker.last_text().startswith("かみは いんさつ できませんでした。")
    assert not screen.outcome.toolTip()
