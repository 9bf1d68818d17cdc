"""A small memory of answers that layouts ask for again and again."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Answers remembered per key, at most ``size`` of them.

    When full it forgets them all and starts again: each answer is cheap to make again,
    and a memory that fills up usually means the screen changed (another text size, other
    widths), so the old answers are seldom asked for again.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._known: dict[K, V] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The answer for ``key``: remembered, or made by ``make()`` and remembered."""
        known = self._known
        if key in known:
            return known[key]
        if len(known) >= self._size:
            known.clear()
        value = known[key] = make()
        return value

    def __len__(self) -> int:
        return len(self._known)

    def clear(self) -> None:
        self._known.clear()
