"""Ogg Vorbis clips that share one set of header packets.

Every clip is encoded with the same settings, so the three Vorbis header packets
(identification, comment, codebooks: about 3.4 KB) are the same in each. They are kept
once, in ``HEADER_FILE``; a clip file holds only its audio pages, with a fixed stream
serial number so that header + clip is a valid Ogg stream again. This saves a quarter of
the clips' size.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

SERIAL = 0x4B494F53  # "KIOS": every clip and the shared header use this stream serial
_HEADER_FORMAT = "<4sBBqIIIB"  # capture, version, flags, granule, serial, sequence, crc, segments
_HEADER_SIZE = struct.calcsize(_HEADER_FORMAT)
_BOS = 0x02


def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
        table.append(crc & 0xFFFFFFFF)
    return table


_CRC_TABLE = _crc_table()


def _crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc = ((crc << 8) ^ _CRC_TABLE[((crc >> 24) ^ byte) & 0xFF]) & 0xFFFFFFFF
    return crc


def pages(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(flags, granule position, whole page) for each Ogg page of ``data``."""
    position = 0
    while position < len(data):
        if position + _HEADER_SIZE > len(data):
            raise ValueError(f"a cut-off Ogg page at byte {position}")
        capture, _version, flags, granule, _serial, _sequence, _crc_value, count = (
            struct.unpack_from(_HEADER_FORMAT, data, position)
        )
        if capture != b"OggS":
            raise ValueError(f"not an Ogg page at byte {position}")
        lacing = data[position + _HEADER_SIZE : position + _HEADER_SIZE + count]
        end = position + _HEADER_SIZE + count + sum(lacing)
        yield flags, granule, data[position:end]
        position = end


def _with_serial(page: bytes) -> bytes:
    """``page`` with the shared serial number and its checksum made again."""
    fixed = bytearray(page)
    struct.pack_into("<I", fixed, 14, SERIAL)
    struct.pack_into("<I", fixed, 22, 0)
    struct.pack_into("<I", fixed, 22, _crc(bytes(fixed)))
    return bytes(fixed)


def split_headers(data: bytes) -> tuple[bytes, bytes]:
    """A whole Ogg Vorbis file as (header pages, audio pages), both with the shared serial."""
    header, audio = bytearray(), bytearray()
    in_header = True
    for _flags, granule, page in pages(data):
        in_header = in_header and granule == 0
        (header if in_header else audio).extend(_with_serial(page))
    return bytes(header), bytes(audio)


def is_whole_stream(data: bytes) -> bool:
    """True for data that starts a stream itself (a whole Ogg file, or not Ogg at all)."""
    if data[:4] != b"OggS":
        return True
    return bool(data[5] & _BOS)
