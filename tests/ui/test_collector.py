"""Reference cycles, widgets among them, are freed on the GUI thread only.

Python collects cycles in whichever thread crosses the allocation threshold; the
content library's loader and the task pool run Python code beside the GUI. A widget
freed from one of them breaks Qt's rule that widgets live and die on the GUI thread,
and the kiosk hangs or crashes at random.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

from PySide6.QtWidgets import QWidget


def test_cycles_are_collected_on_the_gui_thread_only(make_kiosk: Any, qtbot: Any) -> None:
    make_kiosk()
    collecting: list[str] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting.append(threading.current_thread().name)

    def churn() -> None:
        # Cyclic garbage, as parsing the lesson files makes: enough to cross the threshold.
        for _ in range(20_000):
            garbage: list[object] = []
            garbage.append(garbage)

    freed_on: list[str] = []
    gc.callbacks.append(watch)
    try:
        worker = threading.Thread(target=churn, name="churn")
        worker.start()
        worker.join()
        widget = QWidget()
        widget.itself = widget  # type: ignore[attr-defined]  # a cycle only the collector frees
        widget.destroyed.connect(lambda: freed_on.append(threading.current_thread().name))
        del widget
        qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    finally:
        gc.callbacks.remove(watch)
    assert "churn" not in collecting
    assert freed_on == [threading.main_thread().name]
