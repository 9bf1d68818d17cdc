"""Background work through one helper: plain data in, results back on the GUI thread by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it, so slots run on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the caller, never lost in the pool
            log.exception("background task failed")
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables that touch no widgets on a small thread pool.

    ``run(work, on_done, on_error)``: ``work`` must only use the plain data it
    closes over (paths, settings), never widgets; the callbacks run on the GUI thread.
    """

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()

        if on_done is not None:
            relay.succeeded.connect(on_done)
        if on_error is not None:
            relay.failed.connect(on_error)
        relay.succeeded.connect(finish)
        relay.failed.connect(finish)
        self._pool.start(_Job(work, relay))

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until queued work is done (used at exit so a sync is not cut off)."""
        return self._pool.waitForDone(msecs)
