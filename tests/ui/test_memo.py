"""Memo: answers remembered per key; a full memory forgets them all and starts again."""

from __future__ import annotations

from kiosk.ui.memo import Memo


def test_an_answer_is_made_once_per_key() -> None:
    made: list[str] = []
    memo: Memo[str, int] = Memo(4)

    def make(key: str) -> int:
        made.append(key)
        return len(key)

    assert memo.get("あい", lambda: make("あい")) == 2
    assert memo.get("あい", lambda: make("あい")) == 2
    assert memo.get("う", lambda: make("う")) == 1
    assert made == ["あい", "う"]
    assert len(memo) == 2


def test_a_full_memory_starts_again() -> None:
    memo: Memo[int, int] = Memo(3)
    for key in range(3):
        memo.get(key, lambda key=key: key * 10)
    assert len(memo) == 3
    assert memo.get(3, lambda: 30) == 30
    assert len(memo) == 1  # the three before were forgotten
    assert memo.get(0, lambda: -1) == -1  # made again


def test_clear_forgets_everything() -> None:
    memo: Memo[str, str] = Memo(8)
    memo.get("a", lambda: "x")
    memo.clear()
    assert len(memo) == 0
    assert memo.get("a", lambda: "y") == "y"
