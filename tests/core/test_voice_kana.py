"""What the speech engines are handed: the misreadings listed in issue 13 are gone."""

from __future__ import annotations

import pytest

from kiosk.core.config import Config
from kiosk.core.procedures import fill_placeholders, spoken_placeholder_values
from kiosk.core.voice.kana import hybrid_text, live_kana, number_kana, say_number


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("スマホの {横|よこ}には ボタンが あります。", "スマホの よこにわ ボタンが あります。"),
        ("スマホは こわれません。", "スマホわ こわれません。"),
        ("{私|わたし}は いきます。", "わたしわ いきます。"),
        ("{上|うえ}へ すべらせます。", "うええ すべらせます。"),
        ("{右|みぎ}へ、それから {左|ひだり}へ。", "みぎえ、それから ひだりえ。"),
        ("ボタンを おします。", "ボタンお おします。"),
    ],
)
def test_particles_are_said_as_pronounced(sentence: str, expected: str) -> None:
    assert live_kana(sentence) == expected


def test_ha_and_he_inside_words_and_readings_stay() -> None:
    assert live_kana("はやく へやに はいります。") == "はやく へやに はいります。"
    # The reading of a ruby word is the author's: {母|はは} is はは, not はわ.
    assert live_kana("{母|はは} と いきます。") == "はは と いきます。"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("4けたの ばんごう", "よんけたの ばんごう"),
        ("1{回|かい} おします。", "いっかい おします。"),
        ("1かい おします。", "いっかい おします。"),
        ("2つ えらびます。", "ふたつ えらびます。"),
        ("10:30に あつまります。", "じゅうじ さんじゅっぷんに あつまります。"),
        ("3{本|ぼん}の {指|ゆび}", "さんぼんの ゆび"),
        ("10{分|ふん} まちます。", "じゅっぷん まちます。"),
        ("20{人|にん}", "にじゅうにん"),
        ("300{円|えん}", "さんびゃくえん"),
        ("ばんごう 0123", "ばんごう ゼロいちにさん"),
    ],
)
def test_numbers_are_said_as_they_are_counted(sentence: str, expected: str) -> None:
    assert live_kana(sentence) == expected


def test_number_kana_covers_sound_changes() -> None:
    assert [number_kana(n) for n in (4, 7, 9, 11, 600, 3000, 8888)] == [
        "よん",
        "なな",
        "きゅう",
        "じゅういち",
        "ろっぴゃく",
        "さんぜん",
        "はっせんはっぴゃくはちじゅうはち",
    ]
    assert say_number("１", "つ") == "ひとつ"  # full-width digits too


@pytest.mark.parametrize(
    ("sentence", "said", "not_said"),
    [
        ("タップ・スワイプ", "タップ、スワイプ", "・"),
        ("「×」を おします。", "「ばつ」お おします。", "×"),
        ("「＜」や「←」を タップします。", "「ひだりむきの しるし」や「ひだりやじるし」", "＜"),
        ("「○ あき」の ボタン", "「まる あき」の ボタン", "○"),
    ],
)
def test_symbols_are_named_in_japanese_or_dropped(sentence: str, said: str, not_said: str) -> None:
    spoken = live_kana(sentence)
    assert said in spoken
    assert not_said not in spoken


def test_names_from_the_settings_are_read_from_their_readings() -> None:
    values = spoken_placeholder_values(Config())
    sentence = fill_placeholders(
        "ここでは「{{ward}}」の しかくを おします。{{centre}}です。", values
    )
    spoken = live_kana(sentence)
    assert "もじく" in spoken
    assert "「く」" not in spoken
    assert "デモしみんセンター" in spoken
    assert "きたきゅうしゅうし" in live_kana(fill_placeholders("{{municipality}}", values))
    # The voice that reads kanji gets the names as written.
    assert hybrid_text(sentence).startswith("ここでは「門司区」")


def test_names_without_a_reading_fall_back_to_the_kind_of_place() -> None:
    config = Config(municipality="小倉市", municipality_reading="", areas=("中央区",))
    values = spoken_placeholder_values(config)
    assert values["municipality"] == "{小倉市|し}"
    assert values["ward"] == "{中央区|く}"


def test_hybrid_text_keeps_kanji_and_reads_other_words_as_the_author_wrote() -> None:
    sentence = "{iPhone|アイフォーン}の {画面|がめん}を 10:30に ひらきます。"
    assert hybrid_text(sentence) == "アイフォーンの 画面を 10時30分に ひらきます。"
    assert hybrid_text("{左上|ひだりうえ}の「×」") == "左上の「ばつ」"
    # Broken markup (the loader reports it) is still read, without braces.
    spoken = live_kana("{画面|がめん を みます。")
    assert "がめん お みます。" in spoken
    assert not any(c in spoken for c in "{|}")


def test_particle_before_a_quote_and_counters_across_ruby() -> None:
    assert live_kana("あいては「れんらくさき」に") == "あいてわ「れんらくさき」に"
    assert live_kana("6か{月|げつ}いないに") == "ろっかげつ いないに".replace(" ", "")
    assert live_kana("6{時|じ}30{分|ぷん}") == "ろくじさんじゅっぷん"
    assert live_kana("カードの QRコード") == "カードの キューアールコード"


def test_numbers_in_ruby_reach_the_voice_as_digits_for_the_user_dictionary() -> None:
    assert hybrid_text("{188|いちはちはち}や {#9110|シャープきゅう}") == "188や シャープ9110"
