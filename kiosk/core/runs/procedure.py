"""One rehearsal of a procedure: the opening, each step's tap or PIN, and the end."""

from __future__ import annotations

from typing import Literal

from kiosk.core.procedures import Procedure, ProcedureStep
from kiosk.core.runs.completion import Completion

ProcedurePage = Literal["intro", "step", "done"]


class ProcedureRun:
    """Where the learner is in ``procedure`` and what they needed on the way.

    ``step_index`` is -1 on the opening page and ``len(steps)`` on the end. Only the
    count of PIN digits typed is kept, never the digits.
    """

    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self.step_index = -1
        self.wrong_taps = 0
        self.hints_asked = 0
        self.pin_typed = 0

    @property
    def page(self) -> ProcedurePage:
        if self.step_index < 0:
            return "intro"
        return "done" if self.step_index >= len(self.procedure.steps) else "step"

    @property
    def current_step(self) -> ProcedureStep | None:
        """The step on screen, or None on the opening and the end."""
        if self.page != "step":
            return None
        return self.procedure.steps[self.step_index]

    def start(self) -> None:
        """はじめる / もういちど: step 1, with nothing counted yet."""
        self.wrong_taps = 0
        self.hints_asked = 0
        self.go_to(0)

    def go_to(self, index: int) -> ProcedureStep:
        """Step ``index`` (from 0), with an empty PIN."""
        if not 0 <= index < len(self.procedure.steps):
            raise IndexError(f"step {index} of a rehearsal with {len(self.procedure.steps)}")
        self.step_index = index
        self.pin_typed = 0
        return self.procedure.steps[index]

    def back(self) -> bool:
        """もどる on a step: the step before, or the opening from step 1; False elsewhere."""
        if self.page != "step":
            return False
        if self.step_index > 0:
            self.go_to(self.step_index - 1)
        else:
            self.step_index = -1
        return True

    def advance(self) -> Completion | None:
        """After the step's target: the next step, or the end with the completion to record."""
        if self.page != "step":
            return None
        if self.step_index + 1 < len(self.procedure.steps):
            self.go_to(self.step_index + 1)
            return None
        self.step_index = len(self.procedure.steps)
        return Completion(
            "procedure",
            self.procedure.id,
            {
                "steps": len(self.procedure.steps),
                "wrong_taps": self.wrong_taps,
                "hints": self.hints_asked,
            },
        )

    def hits_target(self, element_id: str) -> bool:
        """True when tapping ``element_id`` moves on (a PIN step moves on by typing)."""
        step = self.current_step
        return (
            step is not None
            and bool(element_id)
            and element_id in step.targets
            and step.pin_pad is None
        )

    def type_pin(self, pad_id: str, key: str) -> int | None:
        """A key on PIN pad ``pad_id``: a digit adds a dot, any other key takes one away.

        The dots filled now, or None when this step has no such pad to type into.
        """
        step = self.current_step
        pad = step.pin_pad if step is not None else None
        if pad is None or pad.id != pad_id:
            return None
        if key.isdigit():
            self.pin_typed = min(pad.length, self.pin_typed + 1)
        else:
            self.pin_typed = max(0, self.pin_typed - 1)
        return self.pin_typed

    def pin_complete(self) -> bool:
        step = self.current_step
        pad = step.pin_pad if step is not None else None
        return pad is not None and self.pin_typed >= pad.length

    def miss(self) -> bool:
        """A tap that missed the target; counted only on a step."""
        if self.page != "step":
            return False
        self.wrong_taps += 1
        return True

    def hint(self) -> str | None:
        """おしえて: the step's hint (counted), or None off the steps."""
        step = self.current_step
        if step is None:
            return None
        self.hints_asked += 1
        return step.hint

    def in_progress(self) -> bool:
        """Mid-rehearsal: the learner's place would be lost."""
        return self.page == "step"
