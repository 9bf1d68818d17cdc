"""Filling a rehearsal's ``{{placeholders}}`` with the centre's names."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.procedures import fill_placeholders


def filler(values: dict[str, str]) -> Callable[[str], str]:
    """A function that fills ``{{placeholders}}`` with ``values``."""
    return lambda text: fill_placeholders(text, values)
