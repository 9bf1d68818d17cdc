"""Connections that end with the widget that made them.

The theme, the speaker, attendance and the window outlive every screen. A screen that
connects a lambda (or any callable that is not one of its own methods) to them would
leave the connection behind when it closes: the next text-size switch then calls into a
deleted widget, and the handlers pile up all day. ``follow`` ties the connection to an
owner; tests/ui/test_owned_connections.py checks that every such connection uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, SignalInstance


def follow(signal: SignalInstance, owner: QObject, slot: Callable[..., Any]) -> None:
    """Connect ``signal`` to ``slot`` until ``owner`` is destroyed."""
    connection = signal.connect(slot)
    owner.destroyed.connect(lambda *_: QObject.disconnect(connection))
