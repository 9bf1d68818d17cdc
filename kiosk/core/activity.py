"""What a visitor can do at the kiosk, as screens report it and attendance stores it."""

from __future__ import annotations

from typing import Final, Literal, get_args

ActivityKind = Literal["lesson", "procedure", "practice"]
#: Every kind, in the order reports list them.
ACTIVITY_KINDS: Final[tuple[ActivityKind, ...]] = get_args(ActivityKind)

ActivityStage = Literal["started", "step", "completed"]
ACTIVITY_STAGES: Final[tuple[ActivityStage, ...]] = get_args(ActivityStage)
