"""Pre-rendered clips: how a sentence maps to its audio file, and which clips exist.

A clip's name is a hash of everything that decides its sound: the exact text handed to
the renderer (``hybrid_text``), the speaking rate, the voice settings and the project's
user dictionary. Editing a sentence therefore gives it a new name; until the clip is
rendered again the sentence is "missing" and the kiosk speaks it with the live voice.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kiosk.core.resources import resource_path
from kiosk.core.voice.kana import hybrid_text

CLIP_FOLDER = "assets/voice/clips"
# A clip file holds Ogg Vorbis audio pages only; the header packets all clips share are in
# HEADER_FILE (kiosk.core.voice.ogg), which saves about 3.4 KB per clip.
CLIP_SUFFIX = ".ogb"
HEADER_FILE = "assets/voice/clip-header.ogg"

# Open JTalk's speed for each speaking rate. Its voice at speed 1.0 says about 7.5 morae a
# second, everyday speech; the kiosk's rates aim at about 4.5, 5.5 and 7 for older listeners
# (kiosk.speech.base.WORDS_PER_MINUTE). Speed changes the vocoder's frame rate, so the pitch
# stays.
RATE_SPEEDS = {"ゆっくり": 0.65, "ふつう": 0.8, "はやい": 0.95}

# What decides the sound besides the text and the speed. Change any value (or the user
# dictionary) and every clip is stale.
# 16 kHz keeps the voice up to 8 kHz, all of speech; with libvorbis quality 0 a clip
# takes about 22 kb/s, so the three rates of every sentence fit the 200 MB bundle
# (measured: 24 kHz at quality 0.1 would take 1.47 times as much).
CLIP_SAMPLE_RATE = 16000
VORBIS_QUALITY = 0.0
# Silence kept before and after the voice: a short lead for a quick first sound, a tail
# that makes the pause between sentences.
LEAD_S = 0.05
TAIL_S = 0.2
# The loudest sample, of full scale: low-bitrate Vorbis overshoots peaks by up to 15%,
# so this leaves room against clipping.
PEAK = 0.7
VOICE_SETTINGS: dict[str, object] = {
    "engine": "pyopenjtalk-plus 0.4",
    "voice": "mei_normal",
    "sample_rate": CLIP_SAMPLE_RATE,
    "codec": "vorbis",
    "vorbis_quality": VORBIS_QUALITY,
    "silence": [LEAD_S, TAIL_S],
    "peak": PEAK,
}

# Words Open JTalk misreads in the kiosk's sentences: (written form as Open JTalk sees it,
# i.e. full-width letters and digits; reading in katakana; accent nucleus). Numbers that
# are dialled are said digit by digit.
USER_DICTIONARY: tuple[tuple[str, str, int], ...] = (
    ("長押し", "ナガオシ", 0),
    ("行きかた", "イキカタ", 0),
    ("行き方", "イキカタ", 0),
    ("未払い", "ミハライ", 2),
    ("はいって", "ハイッテ", 1),  # after が, read as the particle は + いって
    ("つぎは", "ツギワ", 1),  # read as one word つぎは, not つぎ + the particle は
    ("１８８", "イチハチハチ", 0),
    ("１７１", "イチナナイチ", 0),
    ("９１１０", "キューイチイチマル", 0),  # #9110: the hybrid text says # as シャープ
    ("７１１９", "ナナイチイチキュー", 0),
)


_FULL_WIDTH = str.maketrans(
    {
        c: chr(ord(c) + 0xFEE0)
        for c in "#0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    }
)


def engine_input(sentence: str) -> str:
    """What Open JTalk is given: the hybrid text, with full-width letters and digits."""
    return unicodedata.normalize("NFKC", hybrid_text(sentence).strip()).translate(_FULL_WIDTH)


def clip_key(sentence: str, rate: str) -> str:
    """The clip name (without suffix) for one marked-up sentence said at ``rate``.

    Only the user dictionary entries that occur in the sentence count, so a new entry
    makes only the sentences with that word stale.
    """
    text = engine_input(sentence)
    payload = json.dumps(
        {
            "input": text,
            "speed": RATE_SPEEDS[rate],
            "voice": VOICE_SETTINGS,
            "dictionary": [entry for entry in USER_DICTIONARY if entry[0] in text],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def clip_folder() -> Path:
    return resource_path(CLIP_FOLDER)


def header_path() -> Path:
    return resource_path(HEADER_FILE)


def clip_relative_path(sentence: str, rate: str) -> str:
    """The clip's path inside the repository or bundle, e.g. ``assets/voice/clips/ab12.ogb``."""
    return f"{CLIP_FOLDER}/{clip_key(sentence, rate)}{CLIP_SUFFIX}"


class ClipLibrary:
    """The clips on disk; looks a sentence up without touching the disk again."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else clip_folder()
        try:
            names = os.listdir(self.folder)
        except OSError:
            names = []
        self._keys = {n.removesuffix(CLIP_SUFFIX) for n in names if n.endswith(CLIP_SUFFIX)}

    def __len__(self) -> int:
        return len(self._keys)

    def path_for(self, sentence: str, rate: str) -> Path | None:
        """The clip for ``sentence`` at ``rate``, or None when it has not been rendered."""
        key = clip_key(sentence, rate)
        return self.folder / f"{key}{CLIP_SUFFIX}" if key in self._keys else None

    def keys(self) -> set[str]:
        return set(self._keys)

    def unused(self, wanted: Iterable[str]) -> set[str]:
        """Clip keys on disk that no wanted key names (stale clips of edited sentences)."""
        return self._keys - set(wanted)
