"""Column-by-column forms of the card tally's reductions (``report_cards``).

Used by ``CardTally.count_into`` only where the report's fast path has loaded
pyarrow. Each gives exactly what its plain-Python counterpart in
``report_cards`` gives; the tests run both. It imports no other kiosk module:
``report_cards`` hands it the packing's layout.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any


def single_tallies(
    pa: Any, card_values: list[array[int]], local: list[list[int]], layout: tuple[int, int, int]
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """``_count_single_entries``' tallies by pyarrow: no Python work per card."""
    pc = pa.compute
    int64 = pa.int64()
    triple_shift, month_shift, month_mask = layout
    triples, months, answers = [], [], []
    for packed, numbers in zip(card_values, local, strict=True):
        values = int64_column(pa, packed)
        triples.append(pa.array(numbers, int64).take(pc.shift_right(values, triple_shift)))
        months.append(pc.bit_wise_and(pc.shift_right(values, month_shift), month_mask))
        answers.append(pc.bit_wise_and(values, 3))
    triple = pa.concat_arrays(triples)
    month = pa.concat_arrays(months)
    answer = pa.concat_arrays(answers)
    first = pc.not_equal(month, 0)
    by_answer = pc.bit_wise_or(pc.shift_left(triple, 2), answer)
    return (
        _value_counts(pa, by_answer),
        _value_counts(pa, triple.filter(first)),
        _value_counts(pa, month.filter(first)),
    )


def _value_counts(pa: Any, column: Any) -> dict[int, int]:
    if not len(column):
        return {}
    counts = pa.compute.value_counts(column)
    return dict(
        zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist(), strict=True)
    )


def largest(pa: Any, keys: Iterable[int], scores: Iterable[int]) -> dict[int, int]:
    """``_largest`` by a pyarrow group-by, in key order as the sort gives it.

    Keys (card keys, month keys) and scores below ``2**63`` fit int64 columns; a
    sort of Python integers wider than 64 bits holds the interpreter for seconds
    on a city's cards.
    """
    columns = {"key": int64_column(pa, keys), "score": int64_column(pa, scores)}
    best = pa.table(columns).group_by("key", use_threads=False).aggregate([("score", "max")])
    best = best.sort_by("key")
    return dict(zip(best["key"].to_pylist(), best["score_max"].to_pylist(), strict=True))


def month_tally(pa: Any, keys: array[int], values: array[int]) -> tuple[int, int, int]:
    """``_month_tallies``' counts for one month by a pyarrow group-by, without a dict per card."""
    pc = pa.compute
    table = pa.table({"key": int64_column(pa, keys), "value": int64_column(pa, values)})
    largest = table.group_by("key", use_threads=False).aggregate([("value", "max")])
    answers = pc.bit_wise_and(largest["value_max"], 3)
    no = pc.sum(pc.equal(answers, 1)).as_py() or 0
    yes = pc.sum(pc.equal(answers, 2)).as_py() or 0
    return largest.num_rows, no + yes, yes


def int64_column(pa: Any, values: Iterable[int]) -> Any:
    numbers = values if isinstance(values, array) and values.typecode == "q" else array("q", values)
    return pa.Array.from_buffers(pa.int64(), len(numbers), [None, pa.py_buffer(numbers)])
