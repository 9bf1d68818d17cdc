"""A text-size switch does the work once: texts measured at a size are not measured again,
and the bar above every screen, whose words keep their size, is left as it was."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect

from kiosk.ui import ruby_text
from kiosk.ui.display import OwnDisplay
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
