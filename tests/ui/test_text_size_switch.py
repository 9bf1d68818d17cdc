"""A text-size switch does the work once: texts and steps measured at a size are not
measured again, the paging button is not restyled, and the bar above every screen, whose
words keep their size, is left as it was."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from kiosk.ui import ruby_text
from kiosk.ui.display import OwnDisplay
from kiosk.ui.lessons import LessonListScreen, LessonPlayerScreen
from kiosk.ui.lessons.step_page import StepPage
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.theme import CHROME_PT
from tests.ui.journey import settle


def test_a_text_measured_at_a_size_is_not_measured_again(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    display = OwnDisplay()
    first = RubyText("{電源|でんげん}ボタンを ながく おします。", display=display)
    second = RubyText("{電源|でんげん}ボタンを ながく おします。", display=display)
    for widget in (first, second):
        qtbot.addWidget(widget)
    heights = {}
    for scale in (1.0, 1.5):
        display.set_scale(scale)
        heights[scale] = first.heightForWidth(300)
    assert heights[1.5] > heights[1.0]
    measured: list[int] = []
    compute = RubyText._compute_height
    monkeypatch.setattr(
        RubyText, "_compute_height", lambda self, w: measured.append(w) or compute(self, w)
    )
    for scale in (1.0, 1.5, 1.0):  # back and forth between sizes seen before
        display.set_scale(scale)
        assert first.heightForWidth(300) == second.heightForWidth(300) == heights[scale]
    assert measured == []
    display.set_furigana(False)  # another look: measured anew
    assert first.heightForWidth(300) < heights[1.0]
    assert measured == [300]


def test_the_kept_measures_stay_bounded(qtbot: Any) -> None:
    widget = RubyText("あ", display=OwnDisplay())
    qtbot.addWidget(widget)
    for width in range(60, 60 + ruby_text._WIDTHS_KEPT * 3):
        widget.heightForWidth(width)
    assert len(widget._measured().heights) <= ruby_text._WIDTHS_KEPT


def test_the_header_keeps_its_words_and_place_through_a_switch(make_kiosk: Any) -> None:
    kiosk = make_kiosk()
    header = kiosk.window.header
    buttons = [header.back_button, header.home_button, *header.size_buttons.values()]

    def looks() -> list[tuple[QRect, float]]:
        return [(b.geometry(), b.font().pointSizeF()) for b in buttons]

    before = looks()
    for size in ("特大", "大", "標準", "特大"):
        kiosk.sessions.current.set_text_size(size)
        settle()
        assert header.font().pointSizeF() == CHROME_PT, size
        assert looks() == before, size


def open_lesson(kiosk: Any) -> LessonPlayerScreen:
    window = kiosk.window
    window.open("lessons")
    listing = window.current_screen()
    assert isinstance(listing, LessonListScreen)
    QTest.mouseClick(listing.cards[listing.lessons[0].id], Qt.MouseButton.LeftButton)
    settle()
    player = window.current_screen()
    assert isinstance(player, LessonPlayerScreen)
    return player


def test_a_step_cut_at_a_size_before_is_not_measured_again(
    make_kiosk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk()
    player = open_lesson(kiosk)
    pieces: dict[str, list[list[str]]] = {}
    for size in ("特大", "大", "標準"):
        kiosk.sessions.current.set_text_size(size)
        settle()
        pieces[size] = [
            [b.objectName() or repr(b) for b in part] for part in player.step_page.pager.parts()
        ]
    measured: list[str] = []
    measure = StepPage._measure
    monkeypatch.setattr(
        StepPage,
        "_measure",
        lambda self, w, text, width: measured.append(text) or measure(self, w, text, width),
    )
    for size in ("特大", "大", "標準"):
        kiosk.sessions.current.set_text_size(size)
        settle()
        parts = [
            [b.objectName() or repr(b) for b in part] for part in player.step_page.pager.parts()
        ]
        assert parts == pieces[size], size
    assert measured == []


def test_the_paging_button_follows_the_size_without_a_new_style(make_kiosk: Any) -> None:
    kiosk = make_kiosk()
    player = open_lesson(kiosk)
    sheet = player.next_button.styleSheet()
    for size in ("特大", "大", "標準"):
        kiosk.sessions.current.set_text_size(size)
        settle()
        assert player.next_button.font().pointSizeF() == kiosk.theme.heading_pt(), size
        assert player.next_button.styleSheet() == sheet, size
