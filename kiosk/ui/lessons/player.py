"""The lesson player: one step per screen, read aloud, with questions and a finish page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.lessons import Lesson, next_lesson
from kiosk.core.runs.lesson import LessonRun
from kiosk.ui.lessons.check_page import CheckPage
from kiosk.ui.lessons.finish_page import FinishPage
from kiosk.ui.lessons.sheet import print_lesson_sheet
from kiosk.ui.lessons.step_page import StepPage
from kiosk.ui.narration import Line, Narrator
from kiosk.ui.paged import PagedColumn
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.theme import role_font
from kiosk.ui.widgets import big_button, settle_layouts

NEXT = "つぎへ ▶"
REPLAY = "もういちど きく"
NO_SPEECH = "おんせいは つかえません"

PREPARE_DELAY_MS = 40  # get the next page ready this long after the page on screen is painted


class _Room(QWidget):
    """Where the page shows: as tall as the screen leaves it, whatever the page's words
    would need (they come in parts), so that the screen never grows and scrolls."""

    def hasHeightForWidth(self) -> bool:
        return False


class LessonPlayerScreen(Screen):
    """Shows a ``LessonRun`` page by page; the window's header leads back to the lesson list.

    Starting and each step go to the visit session for attendance; finishing is recorded
    with ``VisitSession.complete``.
    """

    screen_name = "lesson-player"

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        lesson: Lesson,
        lessons: Sequence[Lesson] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, nav, sessions, parent)
        self.lesson = lesson
        self.lessons = tuple(lessons) or (lesson,)
        self.narrator = Narrator(services.speaker, self)
        self.run: LessonRun | None = None  # made when the lesson starts on screen
        self._attached = False
        self._prepare_when_painted = False  # get the next page ready after the next paint
        self._title_line = 0  # the title line's height and the gap under it, last seen

        spacing = services.theme.spacing_px
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(spacing * 2, spacing, spacing * 2, spacing)
        layout.setSpacing(spacing)

        self._top = top = QHBoxLayout()
        top.setSpacing(spacing * 2)
        self.lesson_title = RubyText(lesson.title, display=self.display)
        self.progress = RubyText(role="heading", display=self.display)
        self.progress.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        top.addWidget(self.lesson_title, 1)
        top.addWidget(self.progress)
        layout.addLayout(top)

        # The room between the top line and the buttons: the page on screen is cut into
        # parts that fit it (つぎへ / まえへ), so nothing ever scrolls.
        self.content = _Room()
        self.content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        column = QVBoxLayout(self.content)
        column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        column.setContentsMargins(0, 0, 0, 0)
        self.content.setContentsMargins(0, 4, 0, 0)
        # Two step pages take turns: while one is on screen the other gets the next step
        # ready (words laid out and cut into parts, picture drawn), so つぎへ only has to
        # swap them.
        self.step_pages = (
            StepPage(spacing, display=self.display),
            StepPage(spacing, display=self.display),
        )
        self.step_page = self.step_pages[0]
        self.check_page = CheckPage(spacing, display=self.display)
        self.finish_page = FinishPage(
            spacing, check_px=services.theme.target_px * 2, display=self.display
        )
        for page in (*self.step_pages, self.check_page, self.finish_page):
            column.addWidget(page)
            page.setVisible(False)
        layout.addWidget(self.content, 1)
        self.content.installEventFilter(self)

        self.nav_bar = QWidget()
        row = QHBoxLayout(self.nav_bar)
        row.setContentsMargins(0, spacing, 0, 0)
        row.setSpacing(spacing * 2)
        # The previous page is the header's もどる (one meaning of "back" everywhere); on a
        # later part of a page, ◀ まえへ shows too, beside the part counter. つぎへ goes
        # through the parts first, then to the next page.
        self.replay_button = big_button(REPLAY, self.replay)
        self.next_button = big_button(NEXT, self.go_next, primary=True)
        row.addWidget(self.replay_button)
        row.addStretch(1)
        for pager in self.pagers():
            row.addWidget(pager.previous_button)
            pager.part_changed.connect(self._on_part)
        for pager in self.pagers():
            row.addWidget(pager.counter)
        row.addWidget(self.next_button)
        layout.addWidget(self.nav_bar)

        # A child timer dies with the screen: leaving within the delay cancels the work.
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_DELAY_MS)
        self._prepare_timer.timeout.connect(self._prepare_next)
        self.check_page.chosen.connect(self._on_chosen)
        self.finish_page.next_requested.connect(self.start_lesson)
        self.finish_page.list_requested.connect(nav.back)
        self.finish_page.print_requested.connect(self.print_sheet)
        self._style_nav()

    # Screen hooks ----------------------------------------------------------------------
    def on_shown(self) -> None:
        self._attach()
        self._refresh_replay()
        self._style_nav()
        if self.run is None:
            self.start_lesson(self.lesson)
        else:
            self.narrator.read(self.current_lines())

    def on_hidden(self) -> None:
        self._prepare_timer.stop()
        self._prepare_when_painted = False
        self._detach()

    def _attach(self) -> None:
        if self._attached:
            return
        self._attached = True
        self.narrator.attach()
        self.services.theme.changed.connect(self._on_text_size)
        self.display.changed.connect(self._on_display)
        self.services.speaker.availability_changed.connect(self._refresh_replay)

    def _detach(self) -> None:
        if not self._attached:
            return
        self._attached = False
        self.narrator.detach()
        self.services.theme.changed.disconnect(self._on_text_size)
        self.display.changed.disconnect(self._on_display)
        self.services.speaker.availability_changed.disconnect(self._refresh_replay)

    # Paging ----------------------------------------------------------------------------
    def start_lesson(self, lesson: Lesson) -> None:
        """Begin ``lesson`` at its first step (also used for the suggested next lesson)."""
        self.lesson = lesson
        self.run = LessonRun(lesson)
        self.lesson_title.set_text(lesson.title)
        self.session.report("lesson", lesson.id, "started", {"steps": len(lesson.steps)})
        self.show_page(0)

    def show_page(self, index: int, *, last_part: bool = False) -> None:
        """Show page ``index`` of the run's pages, at its first part (its last with
        ``last_part``), and read that part aloud."""
        run = self._run()
        # Silence the previous step first: a new step never talks over the old one.
        self.narrator.stop()
        run.go_to(index)
        kind, step_index = run.page
        step = run.step
        self.progress.set_text(f"{step_index + 1} / {len(self.lesson.steps)}")
        # A question page gives the title line's room to the question, its choices and the
        # answer, so that they fit one part more often.
        self.lesson_title.setVisible(kind == "step")
        self.progress.setVisible(kind == "step")
        self.finish_page.setVisible(False)
        if kind == "step":
            self.check_page.setVisible(False)
            shown = self._spare_step_page()
            shown.show_step(step)  # nothing left to do when it was made ready in advance
            shown.setVisible(True)
            self.step_page.setVisible(False)
            self.step_page = shown
        else:
            assert step.check is not None
            self.step_page.setVisible(False)
            self.check_page.show_check(step.check, run.check_state(step_index))
            self.check_page.setVisible(True)
        self.nav_bar.setVisible(True)
        settle_layouts()  # the room the page gets, with or without the title line
        self._fit_page(last_part=last_part)
        settle_layouts()
        self.narrator.read(self.current_lines())
        if kind == "step":
            self.session.report(
                "lesson",
                self.lesson.id,
                "step",
                {"step": step.number, "steps": len(self.lesson.steps)},
            )
        self._prepare_when_painted = True

    def can_go_next(self) -> bool:
        """つぎへ works on a step, before the last part of a question, and on a question's
        last part once it is answered right."""
        if self.run is None:
            return False
        pager = self.current_pager()
        if pager is not None and not pager.on_last_part():
            return True
        return not self.showing_finish() and self.run.can_go_next()

    def go_next(self) -> None:
        """The つぎへ button: the next part of the page, else the next page, or the finish
        page after the last one."""
        if not self.can_go_next():
            return
        pager = self.current_pager()
        if pager is not None and not pager.on_last_part():
            pager.show_next()
            return
        run = self._run()
        if run.is_last_page():
            self.finish()
        else:
            self.show_page(run.index + 1)

    def go_back(self) -> bool:
        """もどる: the part before, else the previous page at the part last seen there;
        from the first page or the praise page, the list."""
        if self.run is None:
            return False
        pager = self.current_pager()
        if pager is not None and pager.show_previous():
            return True
        if self.showing_finish() or self.run.index == 0:
            return False
        self.show_page(self.run.index - 1, last_part=True)
        return True

    def has_unfinished_work(self) -> bool:
        """A lesson begun and not finished: its place would be lost."""
        return self.run is not None and self.run.has_unfinished_work()

    def _run(self) -> LessonRun:
        assert self.run is not None, "the lesson has not started"
        return self.run

    def finish(self) -> None:
        """Record the lesson as done for this visit and show the praise page."""
        self.narrator.stop()
        lesson = self.lesson
        completion = self._run().finish()
        if completion is not None:
            self.session.complete(completion)
        self.step_page.setVisible(False)
        self.check_page.setVisible(False)
        self.progress.setVisible(False)
        self.finish_page.show_finish(
            lesson, next_lesson(self.lessons, lesson.id), self.session.progress.completed_lessons
        )
        self.finish_page.setVisible(True)
        # The praise names the lesson: the title line's room goes to the page.
        self.lesson_title.setVisible(False)
        settle_layouts()
        self._fit_page()
        settle_layouts()
        self.narrator.read(self.finish_page.lines())

    def print_sheet(self) -> None:
        """かみに いんさつ する: the lesson's steps on one A4 page to take home."""
        outcome = print_lesson_sheet(self.lesson, self.services)
        self.finish_page.show_print_result(outcome.learner_text)
        self.narrator.read([Line(self.finish_page.print_result, outcome.learner_text)])

    def showing_finish(self) -> bool:
        return self.finish_page.isVisibleTo(self)

    def current_kind(self) -> str:
        """ "step", "check" or "finish": what the learner sees now."""
        if self.showing_finish():
            return "finish"
        return self.run.page[0] if self.run is not None else "step"

    # Speech ----------------------------------------------------------------------------
    def current_lines(self) -> list[Line]:
        """What もういちど きく reads: the step, the question (and its answer), or the praise."""
        kind = self.current_kind()
        if kind == "finish":
            return self.finish_page.lines()
        if kind == "check":
            lines = self.check_page.lines()
            if self.check_page.has_answer():
                lines += self.check_page.feedback_lines()
            return lines
        return self.step_page.lines()

    def replay(self) -> None:
        """Read the page again; a learner asking to listen has speech switched on for them."""
        speaker = self.services.speaker
        if not speaker.is_available():
            return
        self.session.set_speech(True)
        self.narrator.read(self.current_lines())

    def _refresh_replay(self, *_available: object) -> None:
        available = self.services.speaker.is_available()
        self.replay_button.setText(REPLAY if available else NO_SPEECH)
        self.replay_button.setEnabled(available)

    def _on_chosen(self, number: int) -> None:
        right = self._run().answer(number)
        if right is None:
            return
        # The answer shows in room kept for it, beside or under the choices, or on the
        # next part when it could not fit with them: there, at once.
        page = self.check_page
        page.show_answer(number, right)
        page.pager.show_part_with(page.feedback)
        self._show_part()
        settle_layouts()
        self.narrator.read(self.check_page.feedback_lines())

    # Parts -----------------------------------------------------------------------------
    def pagers(self) -> tuple[PagedColumn, ...]:
        """The parts of each page: the two step pages', the question's and the praise's."""
        pages = (*self.step_pages, self.check_page, self.finish_page)
        return tuple(page.pager for page in pages)

    def current_pager(self) -> PagedColumn | None:
        """The parts of the page on screen (None before the lesson starts)."""
        if self.run is None:
            return None
        kind = self.current_kind()
        if kind == "finish":
            return self.finish_page.pager
        return self.step_page.pager if kind == "step" else self.check_page.pager

    def _room(self, kind: str | None = None) -> tuple[int, int]:
        """The page's room now, or the room a page of ``kind`` gets when it shows: a
        question has the title line's too."""
        rect = self.content.contentsRect()
        width, height = rect.width(), rect.height()
        if kind is not None and (kind == "step") != self.lesson_title.isVisibleTo(self):
            height += -self._title_line if kind == "step" else self._title_line
        return width, height

    def _fit_page(self, *, last_part: bool = False) -> None:
        """Cut the page on screen into parts that fit the room it has now."""
        width, height = self._room()
        kind = self.current_kind()
        if kind == "step":
            # The title line and the gap under it (a hidden line has no height to ask for).
            self._title_line = self.content.y() - self._top.geometry().y()
            self.step_page.fit(width, height, self.services.theme.size_name, last_part)
        elif kind == "check":
            self.check_page.fit(width, height, self.services.theme.size_name)
            if last_part:
                self.check_page.pager.show_last()
        else:
            self.finish_page.pager.fit(width, height)
        self._show_part()

    def _show_part(self) -> None:
        """The counter and まえへ of the page on screen, and whether つぎへ works."""
        current = self.current_pager()
        for pager in self.pagers():
            pager.set_active(pager is current)
        self.next_button.setEnabled(self.can_go_next())
        # On the praise page its own buttons lead on; つぎへ only shows a part after this.
        self.next_button.setVisible(not self.showing_finish() or self.can_go_next())

    def _on_part(self, _part: int) -> None:
        self._show_part()
        settle_layouts()
        self.narrator.read(self.current_lines())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type() if watched is self.content else None
        if kind == QEvent.Type.Resize and self.run is not None:
            self._fit_page()
        elif kind == QEvent.Type.Paint and self._prepare_when_painted:
            # Once the new page is on screen, never before: get the next one ready.
            self._prepare_when_painted = False
            self._prepare_timer.start()
        return False

    # Layout ----------------------------------------------------------------------------
    def _on_text_size(self, _name: str) -> None:
        self._style_nav()

    def _on_display(self) -> None:
        # Once every text has been laid out at the new size or furigana: cut again.
        QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        self._fit_page()
        # The page's new room (the picture's share of the width changes with the text
        # size) is laid out before the next paint, not painted once the old way.
        settle_layouts()

    def _style_nav(self) -> None:
        """Huge paging buttons: heading-size words, taller and wider than other buttons."""
        theme = self.services.theme
        height = round(theme.target_px * 1.4)
        tall = f"min-height: {height}px;"
        sheets = [(self.next_button, f"{tall} min-width: {theme.target_px * 4}px;")]
        sheets += [(button, tall) for button in self._tall_buttons()]
        for button, sheet in sheets:
            # Setting a style sheet restyles the button even when it is the same one.
            if button.styleSheet() != sheet:
                button.setStyleSheet(sheet)
        # The words follow the text size through a font of the button's own: a style
        # sheet's font size would restyle the button at every switch.
        words = role_font("heading")
        if self.next_button.font() != words:
            self.next_button.setFont(words)

    def _tall_buttons(self) -> list[QPushButton]:
        return [self.replay_button, *(pager.previous_button for pager in self.pagers())]

    def _spare_step_page(self) -> StepPage:
        """The step page that is not the current one (hidden, free to get ready)."""
        first, second = self.step_pages
        return second if self.step_page is first else first

    def preparing_next(self) -> bool:
        """True while the next page is still to be made ready (waiting for a paint or the delay)."""
        return self._prepare_when_painted or self._prepare_timer.isActive()

    def _prepare_next(self) -> None:
        """While the learner reads, do the work of the next page so つぎへ shows it at once.

        The spare step page, or the question page, is filled in, cut into parts for the
        room it will have and laid out while hidden, and its picture is drawn; shown,
        it is not cut again unless the room or the text changed meanwhile.
        """
        run = self.run
        if run is None or self.showing_finish() or run.is_last_page():
            return
        on_screen = self.step_page if self.step_page.isVisible() else self.check_page
        if not on_screen.isVisible():
            return
        kind, step_index = run.pages[run.index + 1]
        step = self.lesson.steps[step_index]
        page: QWidget
        width, height = self._room(kind)
        size_name = self.services.theme.size_name
        if kind == "step":
            page = self._spare_step_page()
            page.show_step(step)
            page.fit(width, height, size_name)
            page.picture.prepare(step.image_path)
        else:
            assert step.check is not None
            page = self.check_page
            page.show_check(step.check, run.check_state(step_index))
            page.fit(width, height, size_name)
        page.resize(on_screen.width(), page.height())
        layout = page.layout()
        if layout is not None:
            layout.activate()

    def nav_buttons(self) -> list[QPushButton]:
        """もういちど きく and つぎへ, left to right."""
        return [self.replay_button, self.next_button]
