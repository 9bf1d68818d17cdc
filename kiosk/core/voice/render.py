"""Render clips with Open JTalk (build time only: ``pip install -e .[voice]``).

pyopenjtalk-plus carries its dictionary and the HTS voice "Mei" and works offline; its
audio is resampled to 16 kHz, trimmed of long silences and written as Ogg Vorbis by soundfile. Nothing here is
imported by the kiosk itself.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kiosk.core.voice.clips import (
    CLIP_SAMPLE_RATE,
    CLIP_SUFFIX,
    HEADER_FILE,
    LEAD_S,
    PEAK,
    RATE_SPEEDS,
    TAIL_S,
    USER_DICTIONARY,
    VORBIS_QUALITY,
    clip_key,
    engine_input,
    header_path,
)
from kiosk.core.voice.ogg import split_headers

VOICE_EXTRA_HINT = "the renderer is not installed: pip install -e .[voice]"
_VOICE_LEVEL = 0.003  # of the peak (-50 dB): quieter samples at either end are silence


class RendererMissing(RuntimeError):
    """pyopenjtalk-plus or soundfile is not installed."""


def _modules() -> tuple[Any, Any, Any]:
    try:
        import numpy
        import pyopenjtalk
        import soundfile
    except ImportError as exc:
        raise RendererMissing(f"{VOICE_EXTRA_HINT} ({exc})") from exc
    return pyopenjtalk, soundfile, numpy


_dictionary_loaded = False
# Low enough that an entry wins over the system dictionary's word with the same letters.
_COST = -5000


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """pyopenjtalk-plus's Sudachi warns that it calls a deprecated API; that is not ours."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def open_jtalk() -> Any:
    """pyopenjtalk with the project's user dictionary applied (once per process)."""
    global _dictionary_loaded
    pyopenjtalk, _soundfile, _numpy = _modules()
    if not _dictionary_loaded:
        with tempfile.TemporaryDirectory(prefix="kiosk-voice-dict-") as tmp:
            csv = Path(tmp) / "user.csv"
            lines = [
                f"{surface},,,{_COST},名詞,固有名詞,一般,*,*,*,{surface},{kana},{kana},"
                f"{accent}/{_morae(kana)},*"
                for surface, kana, accent in USER_DICTIONARY
            ]
            csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
            pyopenjtalk.mecab_dict_index(str(csv), str(Path(tmp) / "user.dic"))
            # Protected: pyopenjtalk-plus's later reading fixes must not undo these.
            entry = {"dic_path": str(Path(tmp) / "user.dic"), "is_reading_protected": True}
            pyopenjtalk.update_global_jtalk_with_user_dict([entry])
        _dictionary_loaded = True
    return pyopenjtalk


def _morae(kana: str) -> int:
    return sum(1 for ch in kana if ch not in "ャュョァィゥェォ")


def render_clip(sentence: str, rate: str, path: Path) -> float:
    """Render one sentence at ``rate`` into ``path``; return its length in seconds."""
    pyopenjtalk = open_jtalk()
    _pyopenjtalk, soundfile, numpy = _modules()
    with quiet():
        audio, sample_rate = pyopenjtalk.tts(engine_input(sentence), speed=RATE_SPEEDS[rate])
    target = CLIP_SAMPLE_RATE
    audio = _resample(numpy, numpy.asarray(audio, dtype=numpy.float64), sample_rate, target)
    peak = float(numpy.max(numpy.abs(audio))) or 1.0
    audio = _trim(numpy, audio, peak * _VOICE_LEVEL, target)
    pcm = (audio * (PEAK * 32767 / peak)).astype(numpy.int16)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.part")  # renderers may run side by side
    soundfile.write(
        tmp, pcm, target, format="OGG", subtype="VORBIS", compression_level=1.0 - VORBIS_QUALITY
    )
    header, audio = split_headers(tmp.read_bytes())
    tmp.unlink()
    _check_header(header)
    tmp.write_bytes(audio)
    tmp.replace(path)
    return float(len(pcm) / target)


def _check_header(header: bytes) -> None:
    """Keep the shared header, or make sure this clip's is the same."""
    shared = header_path()
    if not shared.exists():
        shared.write_bytes(header)
    elif shared.read_bytes() != header:
        raise RuntimeError(
            f"the encoder's Vorbis header differs from {HEADER_FILE}: another libvorbis? "
            "Delete the clips and the header and render them all again."
        )


def _trim(numpy: Any, audio: Any, level: float, rate: int) -> Any:
    """Keep ``LEAD_S`` of silence before the voice and ``TAIL_S`` after it."""
    loud = numpy.nonzero(numpy.abs(audio) > level)[0]
    if not len(loud):
        return audio
    start = max(0, int(loud[0]) - int(LEAD_S * rate))
    end = min(len(audio), int(loud[-1]) + int(TAIL_S * rate))
    return audio[start:end]


def _resample(numpy: Any, audio: Any, source: int, target: int) -> Any:
    """Windowed-sinc low-pass, then take every n-th sample (48 kHz -> 16 kHz)."""
    if source == target:
        return audio
    step = source // target
    if step * target != source:
        raise ValueError(f"cannot resample {source} Hz to {target} Hz")
    taps = numpy.arange(-48, 49)
    kernel = numpy.sinc(taps / step) / step * numpy.hamming(len(taps))
    return numpy.convolve(audio, kernel, mode="same")[::step]


def render_missing(
    sentences: Iterable[str],
    rates: Iterable[str],
    folder: Path,
    progress: Callable[[str, str, float], None] | None = None,
) -> int:
    """Render every (sentence, rate) whose clip is not in ``folder``; return how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for rate in rates:
        for sentence in sentences:
            path = folder / f"{clip_key(sentence, rate)}{CLIP_SUFFIX}"
            if path.exists():
                continue
            seconds = render_clip(sentence, rate, path)
            count += 1
            if progress is not None:
                progress(sentence, rate, seconds)
    return count


def reading_of(text: str) -> str:
    """Open JTalk's reading (katakana, as pronounced) of plain text with kanji."""
    with quiet():
        return str(open_jtalk().g2p(engine_input(text), kana=True))
