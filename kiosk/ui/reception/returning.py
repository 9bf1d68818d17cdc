"""「おかえりなさい」: a returning learner sees what they finished and picks up where they left off."""

from __future__ import annotations

from kiosk.core.learner import LearnerProgress, learner_progress
from kiosk.core.lessons import Lesson
from kiosk.core.procedures import Procedure
from kiosk.ui.reception.content import learner_content
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout

WELCOME_BACK = "おかえりなさい。"
NOTHING_YET = "きょうから いっしょに はじめましょう。"
ARRIVING_LATER = "ほかの ばしょで つかった きろくは、あとで とどきます。"
ALL_DONE = "ぜんぶの レッスンを おえました。すばらしいです！"
RECENT_SHOWN = 3


def done_summary(progress: LearnerProgress) -> str:
    """「これまでに レッスンを 3つ おえました。」 and the latest few titles."""
    lessons = progress.finished_lessons
    rehearsals = len(progress.stamps) - len(lessons)
    if not progress.stamps:
        return NOTHING_YET
    parts = []
    if lessons:
        parts.append(f"レッスンを {len(lessons)}つ")
    if rehearsals:
        parts.append(f"{{手続|てつづ}}きの れんしゅうを {rehearsals}つ")
    text = f"これまでに {'、'.join(parts)} おえました。"
    if lessons:
        latest = "".join(f"「{stamp.title}」" for stamp in lessons[-RECENT_SHOWN:])
        text += f"さいきん おえた レッスンは {latest}です。"
    return text


def next_message(lesson: Lesson) -> str:
    return f"つぎは 「{lesson.title}」です。"


class ReturningScreen(Screen):
    """After check-in: おかえりなさい, what they finished, つづきから, the stamp card."""

    screen_name = "returning"

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        code: str,
        progress: LearnerProgress,
        lessons: tuple[Lesson, ...],
        procedures: tuple[Procedure, ...],
        *,
        known: bool,
    ) -> None:
        super().__init__(services, nav, sessions)
        self.visits = services.attendance.visits
        self.code = code
        self.progress = progress
        self.lessons = lessons
        self.procedures = procedures
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(WELCOME_BACK, role="title", center=True, display=self.display))
        self.summary = RubyText(done_summary(progress), center=True, display=self.display)
        layout.addWidget(self.summary)
        self.later_note = RubyText(ARRIVING_LATER, center=True, display=self.display)
        self.later_note.setVisible(not known)
        layout.addWidget(self.later_note)
        lesson = progress.next_lesson
        self.next_text = RubyText(
            next_message(lesson) if lesson else ALL_DONE,
            role="heading",
            center=True,
            display=self.display,
        )
        layout.addWidget(self.next_text)
        self.continue_button = big_button("つづきから", self.continue_lesson, primary=True)
        self.continue_button.setVisible(lesson is not None)
        self.stamp_button = big_button("スタンプカード", self.open_stamp_card)
        self.home_button = big_button("ほかの ことを する", nav.go_home, primary=lesson is None)
        add_row(layout, self.continue_button, spacing=spacing)
        add_row(layout, self.stamp_button, self.home_button, spacing=spacing)
        layout.addStretch(1)

    def intro_text(self) -> str:
        lesson = self.progress.next_lesson
        return f"{WELCOME_BACK}{done_summary(self.progress)}" + (
            next_message(lesson) if lesson else ALL_DONE
        )

    def continue_lesson(self) -> None:
        """Open the suggested lesson, with the lesson list under it for the way back."""
        from kiosk.ui.lessons.player import LessonPlayerScreen

        lesson = self.progress.next_lesson
        if lesson is None:
            return
        self.nav.go_home()
        self.nav.open("lessons")
        self.nav.open(
            LessonPlayerScreen(self.services, self.nav, self.sessions, lesson, self.lessons)
        )

    def open_stamp_card(self) -> None:
        from kiosk.ui.reception.stamp_card import StampCardScreen

        self.nav.open(StampCardScreen(self.services, self.nav, self.sessions, self.code))


def welcome_back(services: Services, nav: Navigator, sessions: Sessions, code: str) -> None:
    """Show おかえりなさい for the card just checked in, and mark what it finished before.

    The done marks in the lesson, procedure and practice lists then show
    everything the learner finished on earlier visits, at any kiosk.
    """
    lessons, procedures = learner_content(services)
    visits = services.attendance.visits
    participant = visits.store.find_participant(code)
    progress = learner_progress(visits.learner(code), lessons, procedures)
    sessions.current.progress.completed_lessons.update(progress.lessons_done)
    sessions.current.progress.completed_procedures.update(progress.procedures_done)
    sessions.current.progress.practice_done.update(progress.practice_done)
    known = participant is not None and participant.known
    nav.open(
        ReturningScreen(services, nav, sessions, code, progress, lessons, procedures, known=known)
    )
