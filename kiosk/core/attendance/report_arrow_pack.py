"""The card tally's packing (``report_cards``) done column by column, for ``report_arrow``.

Each function gives, for a whole pyarrow column, what its ``report_cards``
counterpart gives for one cell.
"""

from __future__ import annotations

from array import array
from typing import Any

from kiosk.core.attendance import report_cards

_row_numbers_cache: list[Any] = []


def row_numbers(pa: Any, count: int) -> Any:
    """0, 1, ... count - 1 as int64: a slice of one array kept for the process.

    Building it from ``range`` costs milliseconds of interpreter time per group.
    """
    known = _row_numbers_cache[0] if _row_numbers_cache else None
    if known is None or len(known) < count:
        size = max(count, 2 * len(known) if known is not None else 1 << 16)
        ones = pa.repeat(pa.scalar(1, pa.int64()), size)
        known = pa.compute.subtract(pa.compute.cumulative_sum(ones), 1)
        # Threads may race to grow it; any of their arrays is right.
        _row_numbers_cache[:] = [known]
    return known.slice(0, count)


def int64s(values: Any) -> array[int]:
    """An int64 pyarrow array without nulls as a Python array, copied from its buffer."""
    if hasattr(values, "combine_chunks"):
        values = values.combine_chunks()
    out = array("q")
    if values.null_count:
        raise ValueError("a packed card value is missing")
    width = out.itemsize
    out.frombytes(
        values.buffers()[1][values.offset * width : (values.offset + len(values)) * width]
    )
    return out


def card_keys(pa: Any, codes: Any) -> Any:
    """``report_cards.card_key`` of each code: its base-22 digits counted column by column.

    Only the odd cells (a hand-edited file: not 8 or 10 letters of the
    alphabet) are hashed one by one, in Python, as the tally hashes them.
    """
    pc = pa.compute
    int64 = pa.int64()
    codes = codes.combine_chunks() if isinstance(codes, pa.ChunkedArray) else codes
    alphabet = pa.array([bytes([c]) for c in report_cards.ALPHABET], pa.binary())
    # A letter outside the alphabet, or none (a short code), makes a null digit.
    digits = [
        pc.index_in(pc.binary_slice(codes, i, i + 1), value_set=alphabet).cast(int64)
        for i in range(10)
    ]
    eight = pa.scalar(0, int64)
    for digit in digits[:8]:
        eight = pc.add(pc.multiply(eight, 22), digit)
    ten = pc.add(pc.multiply(pc.add(pc.multiply(eight, 22), digits[8]), 22), digits[9])
    lengths = pc.binary_length(codes)
    nothing = pa.scalar(None, int64)
    keys = pc.if_else(
        pc.equal(lengths, 10),
        ten,
        pc.if_else(pc.equal(lengths, 8), pc.add(eight, report_cards.OLD_OFFSET), nothing),
    )
    odd = pc.is_null(keys)
    if not pc.any(odd).as_py():
        return keys
    hashed = map(report_cards.card_key, codes.filter(odd).to_pylist())
    return pc.replace_with_mask(keys, odd, pa.array(list(hashed), int64))


def month_numbers(pa: Any, months: Any) -> Any:
    """``report_cards.month_index`` of each month (``b"2026-05"``)."""
    pc = pa.compute
    return pc.add(pc.multiply(_number(pa, months, 0, 4), 12), _number(pa, months, 5, 7)).cast(
        pa.int64()
    )


def _number(pa: Any, cells: Any, start: int, stop: int) -> Any:
    text = pa.compute.binary_slice(cells, start, stop).cast(pa.string())
    return text.cast(pa.int64())


def times(pa: Any, starts: Any) -> Any:
    """``report_cards.time_ordinal`` of each start time."""
    pc = pa.compute
    if len(starts) and pc.min(pc.binary_length(starts)).as_py() < 16:
        return pa.array(list(map(report_cards.time_ordinal, starts.to_pylist())), pa.int64())
    days = pc.add(
        pc.multiply(pc.subtract(_number(pa, starts, 0, 4), 2000), 12),
        pc.subtract(_number(pa, starts, 5, 7), 1),
    )
    days = pc.add(pc.multiply(days, 31), pc.subtract(_number(pa, starts, 8, 10), 1))
    minutes = pc.add(
        pc.multiply(days, 24 * 60),
        pc.add(pc.multiply(_number(pa, starts, 11, 13), 60), _number(pa, starts, 14, 16)),
    )
    return pc.min_element_wise(pc.max_element_wise(minutes, 0), report_cards.TIME_MASK)
