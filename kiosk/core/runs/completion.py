"""A finished activity, as the visit records it: done marks and attendance."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kiosk.core.activity import ActivityKind

Clock = Callable[[], float]
"""Time from any fixed point (``time.monotonic`` unless a test gives its own)."""

DEFAULT_CLOCK: Clock = time.monotonic


@dataclass(frozen=True)
class Completion:
    """One lesson, rehearsal or drill finished; ``detail`` holds plain counts, never a name."""

    kind: ActivityKind
    item_id: str
    detail: Mapping[str, object] = field(default_factory=dict)
