"""Readings checked against Open JTalk (skipped without the [voice] extra)."""

from __future__ import annotations

import pytest

from kiosk.core.voice.readings import canonical

pytest.importorskip("pyopenjtalk")

from kiosk.core.voice.readings import ruby_disagreements, sentence_agreement


def test_canonical_kana_ignore_how_long_vowels_are_written() -> None:
    assert canonical("じゅうぶん") == canonical("ジューブン") == canonical("ジュウブン")
    assert canonical("でんわを。") == canonical("デンワオ")
    assert canonical("どういう") == canonical("ドーユウ")
    assert canonical("でんげん") != canonical("でんけん")


def test_a_wrong_furigana_is_reported_with_both_readings() -> None:
    assert ruby_disagreements("{電源|でんげん}ボタンを {長|なが}く おします。") == []
    [typo] = ruby_disagreements("{電源|でんけん}ボタンを おします。")
    assert (typo.written, typo.author, canonical(typo.open_jtalk)) == (
        "電源",
        "でんけん",
        canonical("デンゲン"),
    )
    [ten_minutes] = ruby_disagreements("{十分|じゅっぷん} まちます。")
    assert canonical(ten_minutes.open_jtalk) == canonical("ジューブン")


def test_clips_say_the_fixed_words_as_the_author_means_them() -> None:
    for sentence in (
        "{長押|ながお}しします。",
        "{行|い}きかたを しらべます。",
        "{188|いちはちはち}に {電話|でんわ}します。",
        "{#9110|シャープきゅういちいちまる}に {電話|でんわ}します。",
        "{災害用伝言|さいがいようでんごん}ダイヤル {171|イチナナイチ}",
        "もじが はいっています。",
        "りょうきんが {未払|みはら}いです。",
    ):
        assert sentence_agreement(sentence) is None, sentence


def test_strict_lesson_check_warns_about_a_furigana_the_voice_reads_otherwise(
    tmp_path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from kiosk.cli import main

    lesson = tmp_path / "01_power.toml"
    lesson.write_text(
        'format = 1\nid = "power"\ntitle = "ボタン"\nlevel = "基本"\ntheme = "スマホの {基本|きほん}"\n'
        'minutes = 5\n\n[[steps]]\ntitle = "ボタン"\n'
        'text = "{電源|でんけん}ボタンを {長|なが}く おします。"\n',
        encoding="utf-8",
    )
    assert main(["lessons", "check", "--strict", str(lesson)]) == 0  # a warning, not a problem
    out = capsys.readouterr().out
    assert "warning: '電源' is read" in out
    assert "'でんけん'" in out
