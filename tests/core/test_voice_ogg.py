"""Clips hold Ogg Vorbis audio pages; with the shared header they are whole streams again."""

from __future__ import annotations

import struct

import pytest

from kiosk.core.voice.clips import CLIP_SUFFIX, clip_folder, header_path
from kiosk.core.voice.ogg import SERIAL, _crc, is_whole_stream, pages, split_headers


def a_clip() -> bytes:
    clip = next(iter(sorted(clip_folder().glob(f"*{CLIP_SUFFIX}"))), None)
    assert clip is not None, "the repository ships rendered clips"
    return clip.read_bytes()


def test_a_clip_is_audio_pages_that_follow_the_shared_header() -> None:
    header, body = header_path().read_bytes(), a_clip()
    assert is_whole_stream(header)
    assert not is_whole_stream(body)
    assert split_headers(header + body) == (header, body)
    for _flags, _granule, page in pages(header + body):
        assert struct.unpack_from("<I", page, 14)[0] == SERIAL
        stored = struct.unpack_from("<I", page, 22)[0]
        assert _crc(page[:22] + b"\0\0\0\0" + page[26:]) == stored


def test_header_and_clip_decode_to_speech() -> None:
    miniaudio = pytest.importorskip("miniaudio")
    decoded = miniaudio.decode(
        header_path().read_bytes() + a_clip(), miniaudio.SampleFormat.SIGNED16, 1, 16000
    )
    samples = decoded.samples
    assert len(samples) > 16000 * 0.3
    assert max(abs(s) for s in samples) > 3000


def test_anything_else_is_left_as_it_is() -> None:
    assert is_whole_stream(b"RIFF....WAVE")
    with pytest.raises(ValueError, match="a cut-off Ogg page"):
        list(pages(b"not ogg"))
