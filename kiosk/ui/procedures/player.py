"""The rehearsal player: opening, each step on its mock screen, and the end with the QR code."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from kiosk.core.procedures import (
    Procedure,
    ProcedureStep,
    placeholder_values,
    spoken_placeholder_values,
)
from kiosk.core.runs.procedure import ProcedurePage, ProcedureRun
from kiosk.ui.narration import Line, Narrator
from kiosk.ui.paged import PagedColumn
from kiosk.ui.procedures.mock import MOCK_TEXT_RATIO, MockScreenView
from kiosk.ui.procedures.pages import DonePage, IntroPage, StepPage
from kiosk.ui.procedures.placeholders import filler
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import page_layout, settle_layouts

log = logging.getLogger(__name__)

WRONG_TAP = "ひかっている ボタンを おしてください"
PIN_DONE_MS = 350  # the full row of dots stays visible a moment before the next step


class ProcedurePlayer(Screen):
    """Shows a ``ProcedureRun``: its opening, each step on its mock screen, and the end.

    Starting and each step go to the visit session (kind "procedure"); finishing is
    recorded with ``VisitSession.complete``.
    """

    screen_name = "procedure-player"

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, procedure: Procedure
    ) -> None:
        super().__init__(services, nav, sessions)
        self.procedure = procedure
        self.show_text = filler(placeholder_values(services.config))
        self.speak_text = filler(spoken_placeholder_values(services.config))
        self.narrator = Narrator(services.speaker, self)
        self.run = ProcedureRun(procedure)

        layout = page_layout(self, services.theme.spacing_px)
        self.intro = IntroPage(
            procedure, self.show_text, services.theme, self.start, display=self.display
        )
        self.step_page = StepPage(services.theme, self.explain, display=self.display)
        self.step_page.missed.connect(self.wrong_tap)
        self.done_page = DonePage(
            procedure,
            self.show_text,
            services.theme,
            on_print=self.print_sheet,
            on_again=self.start,
            on_other=nav.back,
            display=self.display,
        )
        for page in (self.intro, self.step_page, self.done_page):
            layout.addWidget(page)
        # はじめる and いんさつ (with what became of the print) stay in sight under the
        # page, between まえへ and つぎへ of its parts; each shows with its own page.
        intro, done = self.intro.pager, self.done_page.pager
        self.pin_actions(
            intro.previous_button,
            done.previous_button,
            self.intro.start_button,
            self.done_page.print_button,
            intro.counter,
            done.counter,
            intro.next_button,
            done.next_button,
            note=self.done_page.print_result,
        )
        self._show_page(self.intro)
        self._room: tuple[int, int] | None = None
        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.setInterval(PIN_DONE_MS)
        self._advance_timer.timeout.connect(self._next)
        services.theme.changed.connect(self._on_text_size)
        self.intro.pager.part_changed.connect(self._read_intro)
        self.done_page.pager.part_changed.connect(self._read_done)

    # State -------------------------------------------------------------------------
    @property
    def page(self) -> ProcedurePage:
        """Which page shows: "intro", "step" or "done"."""
        return self.run.page

    @property
    def current_step(self) -> ProcedureStep | None:
        """The step on screen, or None on the opening and the end."""
        return self.run.current_step

    @property
    def view(self) -> MockScreenView | None:
        """The mock screen of the current step."""
        return self.step_page.view if self.page == "step" else None

    def _show_page(self, page: QWidget) -> None:
        for other in (self.intro, self.step_page, self.done_page):
            other.setVisible(other is page)
        self.intro.start_button.setVisible(page is self.intro)
        self.intro.pager.set_active(page is self.intro)
        self.done_page.pager.set_active(page is self.done_page)
        self.done_page.print_button.setVisible(page is self.done_page)
        if page is not self.done_page:  # a new try starts without the last print's answer
            self.done_page.print_result.setVisible(False)
        assert self.action_bar is not None
        self.action_bar.setVisible(page is not self.step_page)

    # Navigation --------------------------------------------------------------------
    def start(self) -> None:
        """はじめる / もういちど: go to step 1."""
        self.run.start()
        self.session.report(
            "procedure", self.procedure.id, "started", {"steps": len(self.procedure.steps)}
        )
        self.go_to_step(0)

    def go_back(self) -> bool:
        """もどる on a step: the previous step, or the opening from step 1.

        On a later part of the opening or the end, the part before it. On their first
        part there is no earlier page here: もどる closes.
        """
        pager = self._pager()
        if pager is not None and pager.show_previous():
            return True
        if not self.run.back():
            return False
        self._advance_timer.stop()
        if self.run.page == "step":
            self.go_to_step(self.run.step_index)
        else:
            self._open_intro()
        return True

    def has_unfinished_work(self) -> bool:
        """Mid-rehearsal: the learner's place would be lost."""
        return self.run.in_progress()

    def _open_intro(self) -> None:
        self._stop_view()
        self.intro.pager.show_first()
        self._show_page(self.intro)
        self._fit_pages()
        self.scroll_to_top()
        self._read_intro()

    def _read_intro(self, _part: int = 0) -> None:
        self.narrator.read(self.intro.parts(self.procedure, self.speak_text))

    def _read_done(self, _part: int = 0) -> None:
        self.narrator.read(self.done_page.parts(self.procedure, self.speak_text))

    def go_to_step(self, index: int) -> None:
        """Show step ``index`` (counted from 0) on its mock screen and read it aloud."""
        self._advance_timer.stop()
        self._stop_view()
        step = self.run.go_to(index)
        view = self.step_page.show_step(step, len(self.procedure.steps), self.show_text)
        view.tapped.connect(self._on_tapped)
        view.pin_key.connect(self._on_pin_key)
        self._show_page(self.step_page)
        if self.isVisible():
            view.start_pulse()
        self.scroll_to_top()
        QTimer.singleShot(0, self, self._reveal_target)
        self.narrator.read([Line(self.step_page.narration, self.speak_text(step.narration))])
        self.session.report(
            "procedure",
            self.procedure.id,
            "step",
            {"step": step.number, "of": len(self.procedure.steps)},
        )

    def _next(self) -> None:
        completion = self.run.advance()
        if completion is None:
            self.go_to_step(self.run.step_index)
            return
        self._stop_view()
        self.session.complete(completion)
        self.done_page.pager.show_first()
        self._show_page(self.done_page)
        self._fit_pages()
        self.scroll_to_top()
        self._read_done()

    # Taps ----------------------------------------------------------------------------
    def _on_tapped(self, element_id: str) -> None:
        if self.current_step is None or self._advance_timer.isActive():
            return
        if self.run.hits_target(element_id):
            self._next()
        else:
            self.wrong_tap()

    def _on_pin_key(self, pad_id: str, key: str) -> None:
        view = self.view
        widget = view.pin_pad(pad_id) if view is not None else None
        if widget is None or self._advance_timer.isActive():
            self.wrong_tap()
            return
        # Only the count of digits is kept: what was typed is never stored or shown.
        typed = self.run.type_pin(pad_id, key)
        if typed is None:  # a pad this step does not ask for
            self.wrong_tap()
            return
        widget.set_filled(typed)
        if self.run.pin_complete():
            self._advance_timer.start()

    def wrong_tap(self) -> None:
        """A tap that missed the target: show and speak 「ひかっている ボタンを おしてください」."""
        if not self.run.miss():
            return
        self.step_page.show_hint(WRONG_TAP)
        self.narrator.read([Line(self.step_page.hint.text, WRONG_TAP)])

    def explain(self) -> None:
        """おしえて: show and speak the step's hint."""
        hint = self.run.hint()
        if hint is None:
            return
        self.step_page.show_hint(self.show_text(hint))
        self.narrator.read([Line(self.step_page.hint.text, self.speak_text(hint))])
        QTimer.singleShot(0, self, self._reveal_target)

    # Printing ----------------------------------------------------------------------------
    def print_sheet(self) -> None:
        """いんさつ: print the take-home sheet, or save it and tell staff where."""
        from kiosk.ui.procedures.sheet import print_procedure_sheet

        outcome = print_procedure_sheet(
            self.procedure, self.services, show_ruby=self.session.furigana
        )
        self.done_page.show_print_result(outcome.learner_text)
        self.narrator.read([Line(self.done_page.print_result, outcome.learner_text)])

    # Screen hooks ------------------------------------------------------------------------
    def intro_text(self) -> str:
        return ""

    def on_shown(self) -> None:
        self.narrator.attach()
        self._fit_pages()
        if self.page == "intro":
            self._read_intro()
        elif self.view is not None:
            self.view.start_pulse()

    def on_hidden(self) -> None:
        self._advance_timer.stop()
        self.narrator.detach()
        if self.view is not None:
            self.view.stop_pulse()

    def _stop_view(self) -> None:
        view = self.step_page.view
        if view is not None:
            view.stop_pulse()

    def _on_text_size(self, _name: str) -> None:
        QTimer.singleShot(0, self, self._fit_pages)  # once the new fonts are laid out
        if self.step_page.view is not None:
            self.step_page.view.set_text_scale(self.services.theme.scale * MOCK_TEXT_RATIO)
        if self.page == "step":  # larger words move the target: keep it in sight
            QTimer.singleShot(0, self, self._reveal_target)

    def _pager(self) -> PagedColumn | None:
        """The parts of the page on screen: the opening's or the end's."""
        if self.page == "intro":
            return self.intro.pager
        return self.done_page.pager if self.page == "done" else None

    def fit_room(self, width: int, height: int) -> None:
        self._room = (width, height)
        self._fit_pages()

    def _fit_pages(self) -> None:
        """Fit every page to the room the window gives without scrolling: the opening
        and the end are cut into parts, a step's device keeps within the height.

        A step whose width changed places its device once the resize is over
        (``StepPage.resizeEvent``), never from inside it.
        """
        layout = self.layout()
        if self._room is None or layout is None:
            return
        margins = layout.contentsMargins()
        width = self._room[0] - margins.left() - margins.right()
        height = self._room[1] - margins.top() - margins.bottom()
        self.intro.pager.fit(width, height)
        self.done_page.pager.fit(width, height)
        self.step_page.fit(height)

    def _reveal_target(self) -> None:
        """A step whose words do not fit even at the mock's smallest text scrolls: bring
        the pulsing target into view."""
        view = self.view
        step = self.current_step
        if view is None or step is None:
            return
        # The new mock screen may not be laid out yet: settle sizes before measuring.
        settle_layouts()
        for target in step.targets:
            widget = view.element_widgets.get(target)
            if widget is not None:
                self.reveal(widget, self.services.theme.spacing_px * 3)
                return
