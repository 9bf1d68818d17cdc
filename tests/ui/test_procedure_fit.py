"""Every step of every bundled rehearsal fits the window: no scrolling on either panel at
any text size, with the device, its target and おしえて in sight, and at the largest
size the answer to a missed tap or to おしえて as well."""

from __future__ import annotations

from typing import Any

import pytest
from journey import PANELS, SIZES, Journey, Panel, settle
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.core.procedures import load_procedures
from kiosk.ui.procedures import ProcedurePlayer
from kiosk.ui.procedures.mock import MOCK_TEXT_RATIO
from kiosk.ui.procedures.mock.view import MIN_TEXT_SCALE
from kiosk.ui.theme import TEXT_SCALES


def _scroll_area(widget: QWidget) -> QScrollArea:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert parent is not None
    return parent


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
def test_every_step_fits_the_window_without_scrolling(
    make_kiosk: Any, qtbot: Any, panel: Panel
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height))
    # Only geometry is checked: skipping the painting keeps 3 sizes of ~90 steps quick.
    kiosk.window.setUpdatesEnabled(False)
    journey = Journey(kiosk, panel)
    problems: list[str] = []
    smaller = 0
    for procedure in load_procedures().procedures:
        player = ProcedurePlayer(kiosk.services, kiosk.window, kiosk.sessions, procedure)
        kiosk.window.open(player)
        bar = _scroll_area(player).verticalScrollBar()
        for size in SIZES:
            kiosk.sessions.current.set_text_size(size)
            for index, step in enumerate(procedure.steps):
                player.go_to_step(index)
                settle()
                view = player.view
                assert view is not None
                where = f"{procedure.id} step {index + 1} at {size}"
                if bar.isVisible():
                    problems.append(f"{where}: scrolls by {bar.maximum()} px")
                if not journey.fully_visible(view):
                    problems.append(f"{where}: the {view.mock_screen.device} is cut off")
                for target in step.targets:
                    if not journey.fully_visible(view.element_widgets[target]):
                        problems.append(f"{where}: the target {target!r} is out of sight")
                if not journey.fully_visible(player.step_page.hint_button):
                    problems.append(f"{where}: おしえて is out of sight")
                if size == "特大":  # the answers to a missed tap and to おしえて, at the largest
                    for answer in (player.wrong_tap, player.explain):
                        answer()
                        settle()
                        hint = player.step_page.hint
                        assert hint.isVisible(), where
                        if bar.isVisible() or not journey.fully_visible(hint):
                            problems.append(f"{where}: {hint.text.plain()!r} is out of sight")
                        if not journey.fully_visible(view.element_widgets[step.targets[0]]):
                            problems.append(f"{where}: the target is hidden by the hint")
                # Words are drawn smaller only to fit, and never below the floor.
                scale = view.text_display.scale
                assert MIN_TEXT_SCALE - 1e-6 <= scale <= TEXT_SCALES[size] * MOCK_TEXT_RATIO
                smaller += scale < view.wanted_scale
        kiosk.window.back()
    assert not problems, f"{panel.name}:\n" + "\n".join(problems)
    if panel.name == "1366x768":
        assert smaller, "the small panel never needed smaller words: the test lost its point"
