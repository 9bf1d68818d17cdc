"""The pre-rendered voice: clips play in process, other sentences go to the live speaker."""

from __future__ import annotations

import array
import math
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.voice.clips import LEAD_S, ClipLibrary, clip_key
from kiosk.speech.base import NO_PYTTSX3, NullSpeaker, staff_reason
from kiosk.speech.clip_player import PERIOD_MS, SAMPLE_RATE, ClipPlayer
from kiosk.speech.voiced import VoiceSpeaker
from tests.speakers import FakeSpeaker

pytest.importorskip("miniaudio")

FIRST = "{画面|がめん}を みます。"
SECOND = "ボタンを おします。"
THIRD = "できました。"


def write_clip(path: Path, seconds: float, silence_s: float = 0.05) -> None:
    """A tone after a little silence. miniaudio tells formats by their content, so a WAV
    stands in for the Ogg Vorbis clips (the tests need no encoder)."""
    samples = array.array("h", [0] * int(silence_s * SAMPLE_RATE))
    samples.extend(
        int(8000 * math.sin(2 * math.pi * 440 * i / SAMPLE_RATE))
        for i in range(int(seconds * SAMPLE_RATE))
    )
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(samples.tobytes())


@pytest.fixture
def player(qtbot: QtBot) -> Iterator[ClipPlayer]:
    player = ClipPlayer(backend="null")
    yield player
    player.close()


def make_voice(
    tmp_path: Path, player: ClipPlayer, *sentences: str
) -> tuple[VoiceSpeaker, FakeSpeaker]:
    for sentence in sentences:
        write_clip(tmp_path / f"{clip_key(sentence, 'ふつう')}.ogb", 0.2)
    live = FakeSpeaker()
    return VoiceSpeaker(live, ClipLibrary(tmp_path), player), live


def test_player_plays_a_clip_at_its_real_length_and_reports_the_first_sound(
    qtbot: QtBot, tmp_path: Path, player: ClipPlayer
) -> None:
    clip = tmp_path / "a.ogb"
    write_clip(clip, 0.3, silence_s=0.25)
    started = time.perf_counter()
    with qtbot.waitSignal(player.first_sound, timeout=2000) as sound:
        player.play(clip)
    with qtbot.waitSignal(player.done, timeout=3000):
        pass
    took = time.perf_counter() - started
    assert 0.4 <= took < 2.0  # the device takes its first period at once
    # The silence at the start is not "sound" (samples are handed out a period ahead).
    assert sound.args[0] - started >= 0.15
    assert "no sound device" in player.describe()


def test_the_renderers_lead_silence_is_skipped_so_the_voice_starts_in_the_first_period(
    tmp_path: Path, player: ClipPlayer
) -> None:
    clip = tmp_path / "a.ogb"
    write_clip(clip, 0.3, silence_s=LEAD_S)
    player._path, player._sounded = clip, False  # what play() hands the audio thread
    chunk, _ended, sounded = player._next_chunk(SAMPLE_RATE * PERIOD_MS // 1000)
    assert sounded
    quiet = array.array("h", chunk[: 2 * SAMPLE_RATE * 5 // 1000])
    assert max(map(abs, quiet)) <= 64  # a few ms of the lead stay before the onset


def test_opening_the_sound_device_never_blocks_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, player: ClipPlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import miniaudio

    real = miniaudio.PlaybackDevice
    opened_on: list[threading.Thread] = []

    def slow_device(*args, **kwargs):  # type: ignore[no-untyped-def]
        opened_on.append(threading.current_thread())
        time.sleep(0.3)  # ALSA or WASAPI probing their devices
        return real(*args, **kwargs)

    monkeypatch.setattr(miniaudio, "PlaybackDevice", slow_device)
    clip = tmp_path / "a.ogb"
    write_clip(clip, 0.2)
    started = time.perf_counter()
    with qtbot.waitSignal(player.first_sound, timeout=3000):
        player.play(clip)
        assert time.perf_counter() - started < 0.1
    assert opened_on
    assert threading.main_thread() not in opened_on


def test_stop_silences_at_the_next_period_and_done_never_comes(
    qtbot: QtBot, tmp_path: Path, player: ClipPlayer
) -> None:
    clip = tmp_path / "a.ogb"
    write_clip(clip, 2.0)
    with qtbot.waitSignal(player.first_sound, timeout=2000):
        player.play(clip)
    started = time.perf_counter()
    player.stop()
    assert time.perf_counter() - started < 0.05
    # What the audio thread hands out next is silence.
    assert player._next_chunk(480) == (b"", 0, False)
    with qtbot.assertNotEmitted(player.done, wait=300):
        pass


def test_an_unreadable_clip_ends_at_once(qtbot: QtBot, tmp_path: Path, player: ClipPlayer) -> None:
    clip = tmp_path / "broken.ogb"
    clip.write_bytes(b"not audio")
    with qtbot.waitSignal(player.done, timeout=2000):
        player.play(clip)


def test_sentences_with_clips_play_them_and_the_rest_go_to_the_live_voice(
    qtbot: QtBot, tmp_path: Path, player: ClipPlayer
) -> None:
    voice, live = make_voice(tmp_path, player, FIRST, THIRD)
    started: list[int] = []
    voice.sentence_started.connect(started.append)
    voice.say(FIRST + SECOND + THIRD)
    assert started == [0]
    assert live.spoken == []
    qtbot.waitUntil(lambda: live.speaking, timeout=3000)
    assert live.spoken == [["ボタンを おします。"]]  # alone, as marked up text's reading
    assert started == [0, 1]
    with qtbot.waitSignal(voice.finished, timeout=3000):
        live.finish_all()
    assert started == [0, 1, 2]
    assert (voice.clip_sentences, voice.live_sentences) == (2, 1)


def test_stop_cuts_the_utterance_short(qtbot: QtBot, tmp_path: Path, player: ClipPlayer) -> None:
    voice, live = make_voice(tmp_path, player, FIRST, SECOND)
    voice.say(FIRST + SECOND)
    voice.stop()
    with qtbot.assertNotEmitted(voice.finished, wait=600):
        pass
    assert live.spoken == []


def test_rate_picks_the_clips_of_that_rate(
    qtbot: QtBot, tmp_path: Path, player: ClipPlayer
) -> None:
    voice, live = make_voice(tmp_path, player, FIRST)  # ふつう only
    voice.set_rate("はやい")
    voice.say(FIRST)
    assert live.spoken == [["がめんを みます。"]]
    assert live.rate() == "はやい"


def test_without_any_voice_the_utterance_still_finishes(
    qtbot: QtBot, tmp_path: Path, player: ClipPlayer
) -> None:
    voice, live = make_voice(tmp_path, player, FIRST)
    live.is_available = lambda: False  # type: ignore[method-assign]
    with qtbot.waitSignal(voice.finished, timeout=3000):
        voice.say(FIRST + SECOND)
    assert "1 clips" in voice.describe()


def test_the_voice_has_no_problem_while_clips_or_the_live_voice_can_speak(
    tmp_path: Path, player: ClipPlayer
) -> None:
    voice = VoiceSpeaker(NullSpeaker(NO_PYTTSX3), ClipLibrary(tmp_path / "none"), player)
    assert not voice.is_available()
    assert voice.problem() == staff_reason(NO_PYTTSX3)
    with_clips, _live = make_voice(tmp_path, player, FIRST)
    assert with_clips.problem() == ""


def test_a_failing_player_hands_the_sentence_to_the_live_voice(
    qtbot: QtBot, tmp_path: Path, player: ClipPlayer
) -> None:
    voice, live = make_voice(tmp_path, player, FIRST)
    player._open_device_now = lambda: (_ for _ in ()).throw(OSError("no device"))  # type: ignore[method-assign]
    voice.say(FIRST)
    # The device opens on its own thread: the sentence moves to the live voice once it fails.
    qtbot.waitUntil(lambda: live.spoken == [["がめんを みます。"]], timeout=2000)
    assert "no device" in voice.describe()
