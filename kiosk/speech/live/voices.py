"""Choosing a Japanese voice among those a pyttsx3 driver lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any


def _voice_languages(voice: Any) -> list[str]:
    """The voice's language tags as plain strings (drivers give str, bytes or LCID codes)."""
    tags: list[str] = []
    for lang in getattr(voice, "languages", None) or []:
        if isinstance(lang, bytes):
            lang = lang.decode("utf-8", "ignore")
        tags.append(str(lang).strip("\x00\x01\x02\x03\x04\x05 ").lower())
    return tags


# "ja" as a whole token: matches "ja", "ja-JP", "TTS_MS_JA-JP_HARUKA" but not "Azerbaijani".
_JA_TOKEN = re.compile(r"(?<![a-z])ja(?![a-z])", re.IGNORECASE)


def is_japanese_voice(voice: Any) -> bool:
    """True for a voice whose languages or id say Japanese (``ja``, ``ja_JP``, ``JA-JP``)."""
    if any(tag == "ja" or tag.startswith(("ja-", "ja_")) for tag in _voice_languages(voice)):
        return True
    name = str(getattr(voice, "name", "") or "")
    return bool(_JA_TOKEN.search(str(voice.id))) or "japanese" in name.lower() or "日本語" in name


def japanese_voices(voices: Sequence[Any]) -> list[Any]:
    """Japanese voices, best first: declared language before a guess from the id, mbrola last."""
    found = [v for v in voices if is_japanese_voice(v)]

    def rank(voice: Any) -> tuple[int, int]:
        declared = any(t.startswith("ja") for t in _voice_languages(voice))
        # espeak-ng lists mbrola voices that need an extra program and data to make a sound.
        needs_mbrola = "mbrola" in str(voice.id).lower()
        return (0 if declared else 1, 1 if needs_mbrola else 0)

    return sorted(found, key=rank)


def voice_label(voice: Any) -> str:
    name = str(getattr(voice, "name", "") or voice.id)
    langs = ",".join(_voice_languages(voice))
    return f"{name} ({langs})" if langs else name
