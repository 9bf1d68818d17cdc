"""Choose the speech backend at start-up: pyttsx3 when it can work, otherwise silence."""

from __future__ import annotations

import importlib.util
import logging

from kiosk.core.config import SPEECH_RATES
from kiosk.speech.base import NO_PYTTSX3, NullSpeaker, Speaker
from kiosk.speech.live.probe import probe_speech as probe_pyttsx3
from kiosk.speech.live.speaker import Pyttsx3Speaker

log = logging.getLogger(__name__)


def create_speaker(enabled: bool, rate: str) -> Speaker:
    """Return the kiosk's speaker without waiting for the engine.

    Sentences with a pre-rendered clip play from it (``VoiceSpeaker``); the live engine
    below says the rest.

    The pyttsx3 engine starts in the speaker's own worker thread, so this returns in a
    few milliseconds; ``availability_changed`` tells a moment later whether speech works.
    Without pyttsx3 (or when its thread cannot start) a ``NullSpeaker`` says why. The
    backend module imports pyttsx3 only inside its worker thread, so importing this
    module is cheap and safe without it.
    """
    if rate not in SPEECH_RATES:
        log.warning("unknown speech rate %r in the settings; using ふつう", rate)
        rate = "ふつう"
    speaker: Speaker
    if importlib.util.find_spec("pyttsx3") is None:
        reason = NO_PYTTSX3
        log.warning("speech unavailable: %s", reason)
        speaker = NullSpeaker(reason)
    else:
        # Any failure here must leave the kiosk running without speech, never stop it.
        try:
            speaker = Pyttsx3Speaker()
        except Exception as exc:  # e.g. RuntimeError: can't start new thread
            reason = f"speech could not start: {type(exc).__name__}: {exc}"
            log.warning("speech unavailable: %s", reason)
            speaker = NullSpeaker(reason)
    speaker = with_clips(speaker)
    speaker.set_rate(rate)
    speaker.set_enabled(enabled)
    return speaker


def with_clips(live: Speaker) -> Speaker:
    """``live`` behind the pre-rendered voice, when clips and the miniaudio player exist."""
    from kiosk.core.voice.clips import ClipLibrary

    clips = ClipLibrary()
    if not len(clips):
        log.info("no pre-rendered voice clips; every sentence uses the live voice")
        return live
    if importlib.util.find_spec("miniaudio") is None:
        log.warning("miniaudio is not installed; the pre-rendered voice cannot play")
        return live
    from kiosk.speech.voiced import VoiceSpeaker

    return VoiceSpeaker(live, clips)


def probe_speech() -> tuple[bool, str]:
    """For ``kiosk self-test``: (works, which engine and Japanese voice, or why not). Blocks."""
    if importlib.util.find_spec("pyttsx3") is None:
        return False, NO_PYTTSX3
    return probe_pyttsx3()
