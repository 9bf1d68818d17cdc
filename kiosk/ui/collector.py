"""Python's cycle collector runs on the GUI thread only.

CPython collects reference cycles in whichever thread happens to cross the allocation
threshold: the content library's loader, the task pool's workers. A collection there
frees widgets and other Qt objects caught in cycles from the wrong thread, which Qt does
not allow: at random, the kiosk hangs or crashes. So automatic collection is turned off
and a timer on the GUI thread does the same work, collecting each generation once its
count passes the threshold the interpreter would have used (calibre and pyqtgraph do
the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# Often enough that garbage never piles up, rarely enough to cost nothing on a frame.
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Owns the cycle collection of the process while its application lives."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.threshold = gc.get_threshold()
        self._middle_passes = 0
        self._long_lived = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)
        self.destroyed.connect(gc.enable)

    def collect(self) -> None:
        """Collect what the interpreter would have collected since the last tick."""
        young, middle, _ = gc.get_count()
        if young <= self.threshold[0]:
            return
        gc.collect(0)
        if middle <= self.threshold[1]:
            return
        gc.collect(1)
        self._middle_passes += 1
        if self._middle_passes < self.threshold[2]:
            return
        self._middle_passes = 0
        # The interpreter's own rule: a full pass (tens of ms on a kiosk) only once the
        # long-lived objects have grown by a quarter since the last one.
        if len(gc.get_objects(2)) > self._long_lived * 5 // 4:
            gc.collect(2)
            self._long_lived = len(gc.get_objects(2))


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Move cycle collection to ``app``'s thread (once per application; later calls reuse it)."""
    existing = app.findChild(GuiThreadCollector)
    if isinstance(existing, GuiThreadCollector):
        return existing
    return GuiThreadCollector(app)
