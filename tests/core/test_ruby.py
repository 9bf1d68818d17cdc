"""Furigana markup: what is shown, what is spoken, and the checks lesson authors rely on."""

from __future__ import annotations

import pytest

from kiosk.core.ruby import (
    RubyError,
    Segment,
    has_kanji,
    is_kana,
    parse_ruby,
    plain_text,
    readings_not_kana,
    split_sentences,
    spoken_text,
    unread_kanji,
)


def test_parse_ruby_splits_plain_and_ruby_segments() -> None:
    assert parse_ruby("スマホの {電源|でんげん}を {入|い}れる") == [
        Segment("スマホの "),
        Segment("電源", "でんげん"),
        Segment("を "),
        Segment("入", "い"),
        Segment("れる"),
    ]
    assert parse_ruby("") == []
    assert parse_ruby("かなだけ") == [Segment("かなだけ")]


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("あ}い", "'}' without a matching '{'", 1),
        ("{電源|でんげん", "'{' is not closed with '}'", 0),
        ("あ{電{源|げん}", "'{' is not closed with '}'", 1),
        ("{電源}", "exactly one '|'", 0),
        ("{電源|でん|げん}", "exactly one '|'", 0),
        ("xx{電源|}", "empty word or reading", 2),
        ("{ |でんげん}", "empty word or reading", 0),
        ("{電源|でんげん}}", "'}' without a matching '{'", 9),
    ],
)
def test_broken_markup_is_reported_with_its_position(
    text: str, message: str, position: int
) -> None:
    with pytest.raises(RubyError, match=message) as caught:
        parse_ruby(text)
    assert caught.value.position == position


def test_display_and_spoken_forms() -> None:
    text = "{電源|でんげん}ボタンを {長|なが}く おします。"
    assert plain_text(text) == "電源ボタンを 長く おします。"
    assert spoken_text(text) == "でんげんボタンを ながく おします。"


def test_sentences_split_after_end_marks_but_never_inside_ruby() -> None:
    text = "{画面|がめん}を みます。つぎへ！ {本当|ほんとう}？ おわり"
    assert split_sentences(text) == [
        "{画面|がめん}を みます。",
        "つぎへ！",
        "{本当|ほんとう}？",
        "おわり",
    ]
    assert split_sentences("{。|まる}です。") == ["{。|まる}です。"]


def test_has_kanji_includes_iteration_mark_and_rare_kanji() -> None:
    assert has_kanji("電話")
    assert has_kanji("々")
    assert has_kanji("𠮟る")  # a kanji outside the basic block
    assert not has_kanji("ひらがな カタカナ ABC 123 ー。")


@pytest.mark.parametrize(
    "reading",
    [
        "でんげん",
        "デンキ",
        "ちょっと",
        "ヴァイオリン",
        "スーパー",
        "マイ ナンバー",
        "でん\u3000げん",
        "ゞ",
    ],
)
def test_kana_readings_are_accepted(reading: str) -> None:
    assert is_kana(reading)


@pytest.mark.parametrize("reading", ["", "  ", "dengen", "電げん", "でんげん。", "ﾃﾞﾝｹﾞﾝ", "1かい"])
def test_readings_that_are_not_kana_are_refused(reading: str) -> None:
    assert not is_kana(reading)


def test_readings_not_kana_lists_each_bad_reading() -> None:
    text = "{電源|dengen}と {画面|がめん}と {指|ゆ び}と {音|音}"
    assert readings_not_kana(text) == [Segment("電源", "dengen"), Segment("音", "音")]
    with pytest.raises(RubyError):
        readings_not_kana("{電源|でんげん")


def test_unread_kanji_finds_kanji_the_speech_engine_would_meet() -> None:
    assert unread_kanji("{電源|でんげん}を 入れて、電話を かけます。電話です。") == ["入", "電話"]
    assert unread_kanji("{電源|でんげん}ボタンを {長|なが}く おします。") == []
    # Kanji on both sides of a ruby group are separate words, not one run.
    assert unread_kanji("電{話|わ}機") == ["電", "機"]
    assert unread_kanji("人々") == ["人々"]


def test_unread_kanji_raises_on_broken_markup_like_parse_ruby() -> None:
    with pytest.raises(RubyError, match="not closed") as caught:
        unread_kanji("あいう{電源|でんげん")
    assert caught.value.position == 3
    with pytest.raises(RubyError, match="empty word"):
        unread_kanji("{電源| }")
