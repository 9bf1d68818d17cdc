"""Clip names follow everything that decides a clip's sound, and nothing else."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.voice import clips
from kiosk.core.voice.clips import ClipLibrary, clip_key, clip_relative_path, engine_input

STEP = "{電源|でんげん}ボタンを {長|なが}く おします。"


def test_key_changes_with_the_text_and_the_rate() -> None:
    keys = {clip_key(STEP, rate) for rate in clips.RATE_SPEEDS}
    assert len(keys) == 3
    assert clip_key(STEP, "ふつう") != clip_key(STEP.replace("おします", "おす"), "ふつう")
    assert clip_key(STEP, "ふつう") == clip_key(STEP, "ふつう")


def test_key_ignores_readings_the_renderer_does_not_use() -> None:
    # Open JTalk reads kanji words itself: a changed kana reading over kanji gives the same
    # input, while a changed reading over a word without kanji does not.
    assert clip_key("{電源|でんげん}", "ふつう") == clip_key("{電源|でんけん}", "ふつう")
    assert clip_key("{iPhone|アイフォーン}", "ふつう") != clip_key("{iPhone|アイフォン}", "ふつう")


def test_key_changes_with_the_voice_settings(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = clip_key(STEP, "ふつう")
    monkeypatch.setitem(clips.VOICE_SETTINGS, "vorbis_quality", 0.5)
    assert clip_key(STEP, "ふつう") != before


def test_only_dictionary_words_in_the_sentence_count(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with_word = "188に {電話|でんわ}します。"
    before_word, before_other = clip_key(with_word, "ふつう"), clip_key(STEP, "ふつう")
    monkeypatch.setattr(clips, "USER_DICTIONARY", (*clips.USER_DICTIONARY, ("１８８", "X", 0)))
    assert clip_key(with_word, "ふつう") != before_word
    assert clip_key(STEP, "ふつう") == before_other


def test_engine_input_is_full_width_for_the_user_dictionary() -> None:
    assert engine_input("#9110と 188") == "シャープ９１１０と １８８"


def test_library_finds_rendered_clips_and_unused_ones(tmp_path: Path) -> None:
    (tmp_path / f"{clip_key(STEP, 'ふつう')}.ogb").write_bytes(b"x")
    (tmp_path / "0123.ogb").write_bytes(b"x")
    library = ClipLibrary(tmp_path)
    assert len(library) == 2
    assert library.path_for(STEP, "ふつう") == tmp_path / f"{clip_key(STEP, 'ふつう')}.ogb"
    assert library.path_for(STEP, "はやい") is None
    assert library.unused({clip_key(STEP, "ふつう")}) == {"0123"}
    assert clip_relative_path(STEP, "ふつう").startswith("assets/voice/clips/")
    assert len(ClipLibrary(tmp_path / "none")) == 0
