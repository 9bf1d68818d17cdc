"""Every step of every bundled rehearsal fits the window: no scrolling on either panel at
any text size, with the device, its target and おしえて in sight."""

from __future__ import annotations

from typing import Any

import pytest
from journey import PANELS, SIZES, Journey, Panel, settle
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.core.procedures import load_procedures
from kiosk.ui.procedures import ProcedurePlayer
from kiosk.ui.procedures.mock import MOCK_TEXT_RATIO
from kiosk.ui.procedures.mock.view import MIN_TEXT_SCALE
from kiosk.ui.procedures.player import WRONG_TAP
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
                # Words are drawn smaller only to fit, and never below the floor.
                scale = view.text_display.scale
                assert MIN_TEXT_SCALE - 1e-6 <= scale <= TEXT_SCALES[size] * MOCK_TEXT_RATIO
                smaller += scale < view.wanted_scale
        kiosk.window.back()
    assert not problems, f"{panel.name}:\n" + "\n".join(problems)
    if panel.name == "1366x768":
        assert smaller, "the small panel never needed smaller words: the test lost its point"


def test_the_wrong_tap_answer_shows_beside_a_phone_at_the_largest_size(
    make_kiosk: Any, qtbot: Any
) -> None:
    """The answer to a missed tap is in sight too, with the phone and its target."""
    panel = PANELS[1]
    kiosk = make_kiosk(size=(panel.width, panel.height))
    kiosk.sessions.current.set_text_size("特大")
    journey = Journey(kiosk, panel)
    procedure = load_procedures().get("mynumber-card-apply")
    assert procedure is not None
    player = ProcedurePlayer(kiosk.services, kiosk.window, kiosk.sessions, procedure)
    kiosk.window.open(player)
    player.go_to_step(1)  # the tallest phone screen: three fields and a button
    settle()
    player.wrong_tap()
    settle()
    hint = player.step_page.hint
    assert hint.isVisible()
    assert hint.text.plain() == WRONG_TAP
    view = player.view
    assert view is not None
    for widget in (hint, view, view.element_widgets[procedure.steps[1].targets[0]]):
        assert journey.fully_visible(widget), journey.visible_rect(widget)
    assert not _scroll_area(player).verticalScrollBar().isVisible()
