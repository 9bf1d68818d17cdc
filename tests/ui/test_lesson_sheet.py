"""A lesson's take-home sheet: one A4 page, every step, big print, no word cut in two."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_lesson_player import CLICK, finish_lesson, open_lesson
from test_printing import pdf_text, squeeze, tool

from kiosk.core.config import Config
from kiosk.core.lessons import Lesson, load_lessons
from kiosk.core.procedures import fill_placeholders
from kiosk.core.ruby import plain_text
from kiosk.ui.lessons.sheet import A4, MARGIN_MM, lesson_sheet_layout, lesson_sheet_pdf
from kiosk.ui.printing import NOT_PRINTED_TEXT, page_for

OFFICE = {"office": Config().office_markup}
LESSONS = tuple(
    lesson.filled(lambda text: fill_placeholders(text, OFFICE)) for lesson in load_lessons().lessons
)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_step_fits_one_page_in_big_print(qapp: Any, fonts: list[str], lesson: Lesson) -> None:
    page = page_for(A4)
    layout = lesson_sheet_layout(lesson, Config(), page)
    assert layout.fits()
    assert layout.body_pt >= 14
    margin = page.mm(MARGIN_MM)
    paper = page.rect.adjusted(margin, margin, -margin, -margin)
    for text in (*layout.texts, layout.footer):
        assert not text.broken_word, text.lines
        assert text.points >= 12
        assert paper.contains(text.rect), text.lines
    titles = {"".join(text.lines) for text in layout.texts}
    for step in lesson.steps:
        assert plain_text(step.title).replace(" ", "") in {t.replace(" ", "") for t in titles}


def test_the_pdf_is_one_a4_page_with_every_step(
    qapp: Any, fonts: list[str], tmp_path: Path
) -> None:
    lesson = max(LESSONS, key=lambda lesson: len(lesson.steps))
    pdf = tmp_path / "lesson.pdf"
    pdf.write_bytes(lesson_sheet_pdf(lesson, Config(centre_name="中央公民館")))
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+1\n", info.stdout), info.stdout
    assert "(A4)" in info.stdout
    text = squeeze(pdf_text(pdf))
    assert squeeze(lesson.plain_title) in text
    assert "中央公民館" in text
    for step in lesson.steps:
        assert squeeze(plain_text(step.title)) in text
        assert squeeze(plain_text(step.text)) in text


def test_the_praise_page_prints_the_lesson(make_kiosk: Any, qtbot: Any, data_dir: Path) -> None:
    kiosk = make_kiosk()
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    finish_lesson(player, qtbot)
    finish = player.finish_page
    assert finish.print_button.isVisible()
    assert not finish.print_result.isVisible()
    assert finish.print_button.text() == "かみに いんさつ する"
    qtbot.mouseClick(finish.print_button, CLICK)
    (saved,) = (data_dir / "prints").glob("lesson-power-buttons-*.pdf")
    assert squeeze(player.lesson.plain_title) in squeeze(pdf_text(saved))
    assert finish.print_result.isVisible()
    assert finish.print_result.text() == NOT_PRINTED_TEXT
