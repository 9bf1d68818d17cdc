"""The kiosk's one application-wide event filter: input goes on to those who watch it.

Every event of the application passes through an application event filter, and a
filter written in Python costs some microseconds per event even when it only looks at
the event's type. A text-size switch sends hundreds of events (a font change to every
widget, layouts, paints), so the idle watcher and the staff corner do not each filter
the application: this one filter hands them touches, clicks and keys only, after a
single ``isinstance`` check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QInputEvent

Watcher = Callable[[QObject, QEvent], bool]
"""Sees an input event first; True swallows it (it goes no further)."""


class InputWatch(QObject):
    """Hands every input event of the application to ``watchers``, in order; one that
    returns True swallows the event (the watchers after it do not see it)."""

    def __init__(self, watchers: Sequence[Watcher], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watchers = tuple(watchers)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QInputEvent):
            return False
        return any(watcher(watched, event) for watcher in self._watchers)
