"""How furigana text wraps: at spaces, never starting a line with 。 or a small kana."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from kiosk.ui.display import OwnDisplay
from kiosk.ui.placeholder import ComingSoonScreen
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.session import SessionDefaults, Sessions
from tests.screens import ScreenParts


def wrapped(qtbot, text: str, chars: float) -> list[str]:
    """The lines ``text`` breaks into when the widget is ``chars`` full-width characters wide."""
    widget = RubyText(text, display=OwnDisplay())
    qtbot.addWidget(widget)
    base_font, _ = widget._fonts()
    em = QFontMetricsF(base_font).horizontalAdvance("あ")
    return ["".join(u.base for u, _ in line) for line in widget._compute_lines(em * chars)]


def test_breaks_at_the_space_between_phrases(qtbot) -> None:
    assert wrapped(qtbot, "あいう えおか きくけ", 3.5) == ["あいう", "えおか", "きくけ"]


def test_a_full_stop_never_starts_a_line(qtbot) -> None:
    lines = wrapped(qtbot, "かけてください。", 7.2)
    assert lines == ["かけてくださ", "い。"]
    assert not any(line.startswith(("。", "、", "ょ", "っ")) for line in lines)


def test_small_kana_stay_with_the_character_before_them(qtbot) -> None:
    lines = wrapped(qtbot, "きょうは ちょっと", 6.0)
    assert all(not line.startswith(("ょ", "っ")) for line in lines)
    assert "".join(lines).replace(" ", "") == "きょうはちょっと"


def test_no_line_is_wider_than_the_widget_when_it_can_be_broken(qtbot) -> None:
    text = "いま いんさつ できません。スタッフに こえを かけてください。"
    widget = RubyText(text, center=True, display=OwnDisplay())
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    for line in widget._compute_lines(600):
        assert sum(w for _, w in line) <= 600


def test_a_ruby_word_is_never_split(qtbot) -> None:
    lines = wrapped(qtbot, "{電源|でんげん}ボタンを おします。", 3.0)
    assert "電源" in lines[0]
    assert all("電" not in line or "源" in line for line in lines)


def test_cuts_a_word_only_when_a_line_ends_without_a_space(qtbot) -> None:
    widget = RubyText("あいう えおか", display=OwnDisplay())
    qtbot.addWidget(widget)
    base_font, _ = widget._fonts()
    em = QFontMetricsF(base_font).horizontalAdvance("あ")
    assert not widget.cuts_a_word(em * 8)  # one line
    assert not widget.cuts_a_word(em * 3.5)  # two lines, broken at the space
    assert widget.cuts_a_word(em * 2.5)  # あい / う: a word cut in two


def test_paper_sets_its_own_furigana_floor(qtbot) -> None:
    screen = RubyText("{電源|でんげん}", display=OwnDisplay(0.5))  # 11 pt words
    paper = RubyText("{電源|でんげん}", display=OwnDisplay(0.5, ruby_min_pt=5.5))
    for widget in (screen, paper):
        qtbot.addWidget(widget)
    assert screen._fonts()[1].pointSizeF() == 11.0
    assert paper._fonts()[1].pointSizeF() == 5.5


def test_texts_follow_the_visit_session_wherever_they_are(qtbot) -> None:
    """No text looks up its size in its parents: one outside any window follows too."""
    sessions = Sessions(SessionDefaults("標準", speech=True))
    loose = RubyText("{電源|でんげん}を いれます。", display=sessions.display)
    qtbot.addWidget(loose)
    standard = loose.sizeHint()
    sessions.current.set_text_size("特大")
    assert loose.sizeHint().height() > standard.height() * 1.3
    sessions.current.set_furigana(False)
    assert not loose.show_ruby()
    assert loose.sizeHint().height() < standard.height() * 1.5
    # The idle reset replaces the session whole: the text shows the next visitor's defaults.
    sessions.reset()
    assert loose.show_ruby()
    assert loose.sizeHint() == standard


def test_a_screens_texts_follow_its_own_visitors_choices(qtbot, parts: ScreenParts) -> None:
    """A screen hands its texts the display of the sessions it was built with, not that of
    whichever kiosk window was made last."""
    other = Sessions(SessionDefaults("標準", speech=True))
    screen = ComingSoonScreen(parts.services, parts.nav, other, "テスト")
    qtbot.addWidget(screen)
    texts = screen.findChildren(RubyText)
    assert texts
    standard = [text.sizeHint().height() for text in texts]
    parts.sessions.current.set_text_size("特大")  # the window's visitor: not this screen's
    assert [text.sizeHint().height() for text in texts] == standard
    other.current.set_text_size("特大")
    assert all(
        text.sizeHint().height() > height for text, height in zip(texts, standard, strict=True)
    )


def test_the_screen_display_keeps_no_copy_of_the_session(qtbot) -> None:
    sessions = Sessions(SessionDefaults("大", speech=False, furigana=False))
    display = sessions.display
    changes: list[None] = []
    display.changed.connect(lambda: changes.append(None))
    assert (display.scale, display.furigana) == (1.25, False)
    sessions.current.set_text_size("特大")
    sessions.current.set_furigana(True)
    assert (display.scale, display.furigana, len(changes)) == (1.5, True, 2)
    sessions.reset()  # back to the centre's 大 without furigana: one change
    assert (display.scale, display.furigana, len(changes)) == (1.25, False, 3)
    sessions.current.set_speech(True)  # not a display choice
    assert len(changes) == 3


def test_a_text_can_follow_a_display_of_its_own(qtbot) -> None:
    sessions = Sessions(SessionDefaults("標準", speech=True))
    paper = OwnDisplay(0.5, furigana=False)
    text = RubyText("{電源|でんげん}を いれます。", display=paper)
    on_screen = RubyText("{電源|でんげん}を いれます。", display=sessions.display)
    for widget in (text, on_screen):
        qtbot.addWidget(widget)
    small, screen_size = text.sizeHint(), on_screen.sizeHint()
    sessions.current.set_text_size("特大")  # the screen's size does not reach it
    assert on_screen.sizeHint().height() > screen_size.height()
    assert text.sizeHint() == small
    paper.set_furigana(True)
    assert text.show_ruby()
    assert text.sizeHint().height() > small.height()


def test_a_scaled_display_keeps_its_size_and_follows_furigana(qtbot) -> None:
    owner = QObject()
    sessions = Sessions(SessionDefaults("標準", speech=True))
    mock = sessions.display.scaled(0.8, owner)
    sessions.current.set_text_size("特大")
    sessions.current.set_furigana(False)
    assert mock.scale == 0.8
    assert not mock.furigana
    root = QWidget()
    qtbot.addWidget(root)
    inside = RubyText("てすと", parent=root, display=mock)
    assert inside._scale() == 0.8
    mock.set_scale(0.9)
    assert inside._scale() == 0.9
