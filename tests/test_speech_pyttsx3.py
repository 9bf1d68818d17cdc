"""The real speech backend: pyttsx3 + espeak-ng in its worker thread, without a sound card."""

from __future__ import annotations

import array
import ctypes.util
import logging
import sys
import threading
import time
import types
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from pytestqt.qtbot import QtBot

from kiosk.speech.base import NO_JAPANESE_VOICE, NO_PYTTSX3, NullSpeaker, Speaker, staff_reason
from kiosk.speech.factory import create_speaker, probe_speech
from kiosk.speech.live.probe import synthesize_to_wav
from kiosk.speech.live.speaker import Pyttsx3Speaker
from kiosk.speech.live.synth import SpeechUnavailable
from kiosk.speech.live.voices import is_japanese_voice
from tests.speakers import FakeSpeaker

HAS_ESPEAK = ctypes.util.find_library("espeak-ng") is not None
needs_espeak = pytest.mark.skipif(not HAS_ESPEAK, reason="libespeak-ng is not installed")

STEP = "{電源|でんげん}ボタンを ながく おします。{画面|がめん}が つくまで まちましょう。"
LONG_LESSON = (
    "スマートフォンの {電源|でんげん}を いれて みましょう。"
    "{右|みぎ}の よこに ある ボタンを さがします。"
    "ボタンを ながく おして、{画面|がめん}が つくまで まちます。"
    "{画面|がめん}が ついたら、{指|ゆび}を はなしましょう。"
)


def read_wav(path: Path) -> tuple[float, array.array[int]]:
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return seconds, samples


MakeSpeaker = Callable[..., Pyttsx3Speaker]


@pytest.fixture
def make_speaker(qtbot: QtBot) -> Iterator[MakeSpeaker]:
    """Create real speakers (espeak-ng, played silently) and shut them all down afterwards."""
    made: list[Pyttsx3Speaker] = []

    def make(**kwargs: object) -> Pyttsx3Speaker:
        kwargs.setdefault("driver_name", "espeak")
        kwargs.setdefault("player", "silent")
        speaker = Pyttsx3Speaker(**kwargs)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.shutdown()


def wait_ready(qtbot: QtBot, speaker: Pyttsx3Speaker) -> None:
    qtbot.waitUntil(lambda: not speaker.is_starting(), timeout=10_000)
    assert speaker.is_available(), speaker.describe()


def record(speaker: Speaker) -> list[tuple[str, int, float]]:
    events: list[tuple[str, int, float]] = []
    speaker.sentence_started.connect(lambda i: events.append(("sentence", i, time.perf_counter())))
    speaker.finished.connect(lambda: events.append(("finished", -1, time.perf_counter())))
    return events


# --- The audio itself --------------------------------------------------------------------


@needs_espeak
@pytest.mark.slow
def test_a_lesson_step_becomes_a_wav_of_plausible_japanese_speech(tmp_path: Path) -> None:
    path = tmp_path / "step.wav"
    seconds, description = synthesize_to_wav(STEP, path, driver_name="espeak")

    length, samples = read_wav(path)
    assert seconds == pytest.approx(length)
    assert 0.5 <= length <= 20.0
    loud = sum(1 for s in samples if abs(s) > 1000)
    assert loud / len(samples) > 0.2, "most of the file should be voice, not silence"
    assert max(abs(s) for s in samples) > 5000
    assert "Japanese" in description
    assert "kana" in description


@needs_espeak
@pytest.mark.slow
def test_kanji_with_furigana_are_read_by_their_reading(tmp_path: Path) -> None:
    # espeak-ng says "Chinese letter" for each bare kanji; the learner must hear でんげん.
    ruby, _ = synthesize_to_wav("{電源|でんげん}です。", tmp_path / "r.wav", driver_name="espeak")
    kana, _ = synthesize_to_wav("でんげんです。", tmp_path / "k.wav", driver_name="espeak")
    kanji, _ = synthesize_to_wav("電源です。", tmp_path / "c.wav", driver_name="espeak")

    # espeak-ng adds a few samples of jitter, so compare lengths rather than bytes.
    assert ruby == pytest.approx(kana, rel=0.02)
    assert kanji > 2 * kana


@needs_espeak
@pytest.mark.slow
def test_slow_rate_speaks_clearly_longer_than_fast(
    qtbot: QtBot, make_speaker: MakeSpeaker, tmp_path: Path
) -> None:
    speaker = make_speaker()
    wait_ready(qtbot, speaker)
    lengths = {}
    for rate in ("ゆっくり", "ふつう", "はやい"):
        speaker.set_rate(rate)
        path = tmp_path / f"{rate}.wav"
        with qtbot.waitSignal(speaker.wav_saved, timeout=10_000) as saved:
            speaker.save_wav(STEP, path)
        assert saved.args[2] == ""
        lengths[rate] = read_wav(path)[0]

    assert lengths["ゆっくり"] > lengths["ふつう"] * 1.15
    assert lengths["ふつう"] > lengths["はやい"] * 1.15


# --- Sentence by sentence, stop and replace -----------------------------------------------


@needs_espeak
@pytest.mark.slow
def test_sentences_are_announced_in_order_at_speaking_pace(
    qtbot: QtBot, make_speaker: MakeSpeaker
) -> None:
    speaker = make_speaker()
    events = record(speaker)
    wait_ready(qtbot, speaker)

    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say(STEP)

    assert [(kind, i) for kind, i, _ in events] == [
        ("sentence", 0),
        ("sentence", 1),
        ("finished", -1),
    ]
    # The highlight moves on when the first sentence has been spoken, not at once.
    assert events[1][2] - events[0][2] > 1.0
    assert not speaker.is_speaking()


@needs_espeak
@pytest.mark.slow
def test_stop_silences_at_once_and_nothing_more_is_said(
    qtbot: QtBot, make_speaker: MakeSpeaker
) -> None:
    speaker = make_speaker()
    events = record(speaker)
    wait_ready(qtbot, speaker)
    with qtbot.waitSignal(speaker.sentence_started, timeout=10_000):
        speaker.say(LONG_LESSON)

    started = time.perf_counter()
    speaker.stop()
    took = time.perf_counter() - started

    assert took < 0.2
    assert not speaker.is_speaking()
    with qtbot.assertNotEmitted(speaker.sentence_started, wait=1500):
        pass
    assert [kind for kind, _, _ in events] == ["sentence"]


HEARTBEAT_PLAYER = """
import os, sys, time, wave
beat, wav_path = sys.argv[1], sys.argv[2]
with wave.open(wav_path, "rb") as wav:
    seconds = wav.getnframes() / wav.getframerate()
with open(beat, "a", buffering=1) as out:
    out.write(f"{os.getpid()} {seconds}\\n")
    for _ in range(3000):
        out.write(f"{time.time()}\\n")
        time.sleep(0.01)
"""


def process_gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


@needs_espeak
@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_stop_kills_a_playing_sentence_within_200_ms(
    qtbot: QtBot, make_speaker: MakeSpeaker, tmp_path: Path
) -> None:
    # A stand-in player that "plays" by writing a heartbeat every 10 ms: when the
    # heartbeat stops, so would the sound of a real player.
    script = tmp_path / "player.py"
    script.write_text(HEARTBEAT_PLAYER)
    beat = tmp_path / "beat.txt"
    speaker = make_speaker(player=[sys.executable, str(script), str(beat)])
    wait_ready(qtbot, speaker)
    with qtbot.waitSignal(speaker.sentence_started, timeout=10_000):
        speaker.say(LONG_LESSON)
    qtbot.waitUntil(lambda: beat.exists() and len(beat.read_text().splitlines()) > 5)
    header = beat.read_text().splitlines()[0].split()
    pid, clip_seconds = int(header[0]), float(header[1])
    assert clip_seconds > 1.0, "the player was handed the first sentence as a real WAV"

    stop_at = time.time()
    speaker.stop()
    qtbot.waitUntil(lambda: process_gone(pid), timeout=2000)
    gone_at = time.time()

    last_beat = float(beat.read_text().splitlines()[-1])
    assert gone_at - stop_at < 0.2
    assert last_beat - stop_at < 0.2


@needs_espeak
@pytest.mark.slow
def test_without_a_sound_device_the_lesson_still_reads_through_silently(
    qtbot: QtBot, make_speaker: MakeSpeaker, caplog: pytest.LogCaptureFixture
) -> None:
    # What paplay / aplay do on a PC without sound: give up at once with an error.
    caplog.set_level(logging.WARNING, logger="kiosk.speech")
    broken_player = [sys.executable, "-c", "import sys; sys.exit('audio open error')"]
    speaker = make_speaker(player=broken_player)
    events = record(speaker)
    wait_ready(qtbot, speaker)

    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say(STEP)

    assert [(kind, i) for kind, i, _ in events] == [
        ("sentence", 0),
        ("sentence", 1),
        ("finished", -1),
    ]
    assert events[1][2] - events[0][2] > 1.0, "the highlight keeps speaking pace"
    assert len(caplog.records) == 1
    assert "last attempt failed" in speaker.describe()


@needs_espeak
@pytest.mark.slow
def test_saying_something_new_replaces_what_is_being_said(
    qtbot: QtBot, make_speaker: MakeSpeaker
) -> None:
    speaker = make_speaker()
    wait_ready(qtbot, speaker)
    with qtbot.waitSignal(speaker.sentence_started, timeout=10_000):
        speaker.say(LONG_LESSON)
    events = record(speaker)

    asked = time.perf_counter()
    with qtbot.waitSignal(speaker.finished, timeout=20_000):
        speaker.say("つぎへ すすみます。")

    assert [(kind, i) for kind, i, _ in events] == [("sentence", 0), ("finished", -1)]
    assert events[0][2] - asked < 0.5, "the new text starts without waiting for the old one"


@needs_espeak
@pytest.mark.slow
def test_turning_speech_off_stops_it_and_say_stays_silent(
    qtbot: QtBot, make_speaker: MakeSpeaker
) -> None:
    speaker = make_speaker()
    wait_ready(qtbot, speaker)
    with qtbot.waitSignal(speaker.sentence_started, timeout=10_000):
        speaker.say(STEP)

    speaker.set_enabled(False)
    assert not speaker.is_speaking()
    with qtbot.assertNotEmitted(speaker.sentence_started, wait=500):
        speaker.say(STEP)


# --- No engine, no voice -----------------------------------------------------------------


def test_engine_without_japanese_voice_leaves_the_kiosk_silent(
    qtbot: QtBot, make_speaker: MakeSpeaker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.speech")
    speaker = make_speaker(driver_name="dummy")  # pyttsx3's test driver: English voices only
    errors: list[str] = []
    speaker.error.connect(errors.append)
    with qtbot.waitSignal(speaker.availability_changed, timeout=10_000) as changed:
        pass

    assert changed.args == [False]
    assert not speaker.is_available()
    assert "no Japanese voice" in speaker.describe()
    assert errors
    assert "no Japanese voice" in errors[0]
    assert speaker.problem() == staff_reason(NO_JAPANESE_VOICE)
    assert "日本語の 声が ありません" in speaker.problem()
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert len(caplog.records[0].getMessage().splitlines()) == 1
    with qtbot.assertNotEmitted(speaker.sentence_started, wait=300):
        speaker.say(STEP)
    assert not speaker.is_speaking()


def test_engine_that_fails_to_start_reports_once_and_never_raises(
    qtbot: QtBot, make_speaker: MakeSpeaker, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.speech")
    speaker = make_speaker(driver_name="no_such_driver")
    saves: list[tuple[str, float, str]] = []
    speaker.wav_saved.connect(lambda *args: saves.append(args))
    speaker.save_wav(STEP, tmp_path / "early.wav")  # asked before the engine answered
    with qtbot.waitSignal(speaker.error, timeout=10_000) as failed:
        pass

    assert "failed to start" in failed.args[0]
    assert not speaker.is_available()
    assert len(caplog.records) == 1
    qtbot.waitUntil(lambda: len(saves) == 1)
    assert "failed to start" in saves[0][2]
    assert not (tmp_path / "early.wav").exists()
    speaker.say(STEP)  # the lesson goes on
    speaker.stop()
    with qtbot.waitSignal(speaker.wav_saved, timeout=1000) as saved:
        speaker.save_wav(STEP, tmp_path / "later.wav")
    assert saved.args[2]


class ToneDriver:
    """A pyttsx3 driver that writes a short tone per utterance, like SAPI5's save_to_file.

    It stands in for the Windows engine on Linux: a Japanese voice that reads kanji and
    writes its own WAV files. ``fail_from`` makes it "crash" from the n-th file on.
    """

    texts: ClassVar[list[str]] = []
    fail_from: ClassVar[int] = 10_000
    hang_from: ClassVar[int] = 10_000
    release: ClassVar[threading.Event] = threading.Event()

    def __init__(self, proxy: Any) -> None:
        self._proxy = proxy
        self._props: dict[str, Any] = {"rate": 200, "voice": "test.ja", "volume": 1.0}

    def destroy(self) -> None:
        pass

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def getProperty(self, name: str) -> Any:  # pyttsx3 names its driver methods in camelCase
        from pyttsx3.voice import Voice

        if name == "voices":
            return [
                Voice("test.en", "Test English", ["en_US"]),
                Voice("test.ja", "Test Japanese", ["ja_JP"]),
            ]
        return self._props[name]

    def setProperty(self, name: str, value: Any) -> None:
        self._props[name] = value

    def save_to_file(self, text: str, filename: str) -> None:
        ToneDriver.texts.append(text)
        if len(ToneDriver.texts) >= ToneDriver.hang_from:
            ToneDriver.release.wait()
        if len(ToneDriver.texts) >= ToneDriver.fail_from:
            raise RuntimeError("engine crashed")
        frames = array.array("h", [8000, -8000] * 2205)  # 0.2 s
        with wave.open(filename, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(frames.tobytes())

    def startLoop(self) -> None:
        self._proxy.setBusy(False)  # runs the queued commands, the last one ends the loop

    def endLoop(self) -> None:
        pass


@pytest.fixture
def tone_driver(monkeypatch: pytest.MonkeyPatch) -> str:
    module = types.ModuleType("pyttsx3.drivers.kiosk_test_tone")
    module.buildDriver = ToneDriver  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(ToneDriver, "texts", [])
    monkeypatch.setattr(ToneDriver, "fail_from", 10_000)
    monkeypatch.setattr(ToneDriver, "hang_from", 10_000)
    monkeypatch.setattr(ToneDriver, "release", threading.Event())
    return "kiosk_test_tone"


def test_engine_that_reads_kanji_gets_kanji_and_other_readings_sentence_by_sentence(
    qtbot: QtBot, make_speaker: MakeSpeaker, tone_driver: str
) -> None:
    speaker = make_speaker(driver_name=tone_driver)
    events = record(speaker)
    wait_ready(qtbot, speaker)
    assert speaker.reads_kanji()
    assert "Test Japanese" in speaker.describe()
    assert "reads kanji" in speaker.describe()

    with qtbot.waitSignal(speaker.finished, timeout=5000):
        speaker.say("{電源|でんげん}を 入れます。{iPhone|アイフォーン}へ すすみます。")

    # The engine reads kanji in context (a Japanese SAPI5 voice does): it gets them as
    # written, and the author's reading only for words without kanji.
    assert ToneDriver.texts[1:] == ["電源を 入れます。", "アイフォーンへ すすみます。"]
    assert [(kind, i) for kind, i, _ in events] == [
        ("sentence", 0),
        ("sentence", 1),
        ("finished", -1),
    ]


def test_engine_crash_while_speaking_is_reported_once_and_speech_stops(
    qtbot: QtBot, make_speaker: MakeSpeaker, tone_driver: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.speech")
    ToneDriver.fail_from = 3  # the start-up check and the first sentence work
    speaker = make_speaker(driver_name=tone_driver)
    availability: list[bool] = []
    speaker.availability_changed.connect(availability.append)
    wait_ready(qtbot, speaker)

    with qtbot.waitSignal(speaker.error, timeout=5000) as failed:
        speaker.say("ひとつめ です。ふたつめ です。みっつめ です。")

    # pyttsx3 swallows the driver's exception; what we see is a sentence without audio.
    assert "wrote no audio" in failed.args[0]
    assert availability == [True, False]
    assert not speaker.is_available()
    assert not speaker.is_speaking()
    assert len(caplog.records) == 1
    with qtbot.assertNotEmitted(speaker.sentence_started, wait=300):
        speaker.say("もういちど。")


def test_engine_that_hangs_is_declared_broken_while_the_screen_stays_live(
    qtbot: QtBot, make_speaker: MakeSpeaker, tone_driver: str
) -> None:
    ToneDriver.hang_from = 2  # the start-up check works, the first sentence never returns
    speaker = make_speaker(driver_name=tone_driver, engine_timeout_s=0.5)
    wait_ready(qtbot, speaker)
    try:
        asked = time.perf_counter()
        with qtbot.waitSignal(speaker.error, timeout=5000) as failed:
            speaker.say("ひとつめ です。")
            said = time.perf_counter() - asked

        assert said < 0.05, "say() never waits for the engine"
        assert "stopped answering" in failed.args[0]
        assert not speaker.is_available()
        assert not speaker.is_speaking()
    finally:
        ToneDriver.release.set()  # let the worker thread finish


def test_blocking_synthesis_without_a_japanese_voice_says_why(tmp_path: Path) -> None:
    with pytest.raises(SpeechUnavailable, match="no Japanese voice"):
        synthesize_to_wav(STEP, tmp_path / "x.wav", driver_name="dummy")
    assert not (tmp_path / "x.wav").exists()


@pytest.mark.parametrize(
    ("voice", "japanese"),
    [
        (SimpleNamespace(id="Japanese", name="Japanese", languages=["ja"]), True),
        (
            SimpleNamespace(
                id=r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_JA-JP_HARUKA_11.0",
                name="Microsoft Haruka Desktop - Japanese",
                languages=[],
            ),
            True,
        ),
        (SimpleNamespace(id="com.apple.voice.Kyoko", name="Kyoko", languages=["ja_JP"]), True),
        (SimpleNamespace(id="Azerbaijani", name="Azerbaijani", languages=["az"]), False),
        (SimpleNamespace(id="Punjabi", name="Punjabi", languages=[b"pa"]), False),
        (SimpleNamespace(id="TTS_MS_EN-US_ZIRA_11.0", name="Microsoft Zira", languages=[]), False),
    ],
)
def test_only_japanese_voices_are_chosen(voice: SimpleNamespace, japanese: bool) -> None:
    assert is_japanese_voice(voice) is japanese


# --- Factory and self-test ---------------------------------------------------------------


@needs_espeak
def test_create_speaker_returns_at_once_and_tells_availability_later(qtbot: QtBot) -> None:
    started = time.perf_counter()
    speaker = create_speaker(enabled=True, rate="ゆっくり")
    took = time.perf_counter() - started
    try:
        assert took < 0.25, f"creating the speaker took {took * 1000:.0f} ms"
        assert speaker.rate() == "ゆっくり"
        assert speaker.is_enabled()
        if sys.platform.startswith("linux"):
            with qtbot.waitSignal(speaker.availability_changed, timeout=10_000) as changed:
                pass
            assert changed.args == [True]
            assert "Japanese" in speaker.describe()
    finally:
        speaker.shutdown()


def test_self_test_says_in_japanese_why_there_is_no_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.commands import selftest
    from kiosk.speech import factory

    cause = "no Japanese voice in the espeak engine (3 voices installed)"
    monkeypatch.setattr(factory, "probe_speech", lambda: (False, cause))
    line = selftest._check_speech().line()
    assert line == f"warn speech: {staff_reason(cause)} ({cause})"
    assert "日本語の 声が ありません" in line


def test_create_speaker_respects_speech_off_and_a_bad_rate(qtbot: QtBot) -> None:
    speaker = create_speaker(enabled=False, rate="とても はやい")
    try:
        assert not speaker.is_enabled()
        assert speaker.rate() == "ふつう"
        with qtbot.assertNotEmitted(speaker.sentence_started, wait=300):
            speaker.say(STEP)
    finally:
        speaker.shutdown()


def test_null_speaker_is_quiet_and_explains_itself() -> None:
    speaker = NullSpeaker("no speech engine on this PC")
    speaker.say(STEP)
    assert not speaker.is_available()
    assert speaker.describe() == "no speech engine on this PC"
    # Unavailable with a reason staff can act on (the English cause stays for the log).
    assert (
        speaker.problem() == "読み上げの しくみが 動きません。キオスクを 起動しなおしてください。"
    )
    assert "入っていません" in NullSpeaker(NO_PYTTSX3).problem()
    assert FakeSpeaker().problem() == ""


@needs_espeak
@pytest.mark.slow
def test_self_test_names_the_engine_and_japanese_voice() -> None:
    ok, message = probe_speech()
    if sys.platform.startswith("linux"):
        assert ok, message
        assert "espeak" in message
        assert "Japanese" in message


@needs_espeak
def test_shutdown_ends_the_worker_thread(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    before = {t for t in threading.enumerate() if t.name == "speech-worker"}
    speaker = make_speaker()
    wait_ready(qtbot, speaker)
    speaker.shutdown()

    after = {t for t in threading.enumerate() if t.name == "speech-worker"}
    assert after <= before
    assert not speaker.is_available()
    speaker.say(STEP)  # after shutdown the kiosk still never raises
