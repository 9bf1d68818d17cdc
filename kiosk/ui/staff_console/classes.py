"""クラス: instructors start and end a class here; check-ins join it; past classes with 出席."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.core.attendance.errors import AttendanceError
from kiosk.core.attendance.models import ClassInfo, ClassRoster
from kiosk.core.attendance.store import MAX_TEXT_LENGTH
from kiosk.core.excel_safe import input_problem
from kiosk.core.library import Content
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.parts import (
    FlowLayout,
    Table,
    flow_row,
    format_time,
    left_text,
    sub_heading,
)
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.staff_console.today import roster_rows, roster_table
from kiosk.ui.widgets import big_button

log = logging.getLogger(__name__)
_STORE_ERRORS = (AttendanceError, sqlite3.Error, OSError)
PAST_CLASSES_SHOWN = 20
CHECKED, UNCHECKED = "■", "□"  # both in the bundled font


def text_problem(value: str, what: str) -> str:
    """Why a title or name cannot be used, in plain words ("" if it is fine)."""
    text = value.strip()
    if not text:
        return f"{what}を 入れてください。"
    if len(text) > MAX_TEXT_LENGTH:
        return f"{what}は {MAX_TEXT_LENGTH}文字までに してください（いまは {len(text)}文字）。"
    return ""


def title_problem(value: str) -> str:
    """``text_problem`` for the class title, which also goes into the CSV for Excel."""
    problem = text_problem(value, "教室の 名前")
    if not problem and (excel := input_problem(value)):
        problem = f"教室の 名前に {excel}"
    return problem


class ClassTab(ConsoleTab):
    """Start a class (title, instructor, lessons), see its roster, end it; past classes below."""

    key = "classes"
    label = "クラス"
    title = "教室（クラス）"

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__(services, nav, sessions, staff)
        spacing = self.spacing
        self.problem = left_text(role="note")
        self.problem.hide()
        self.body.addWidget(self.problem)

        # The open class ------------------------------------------------------
        self.open_box = QWidget()
        self.open_box.setSizePolicy(self.sizePolicy())
        self.open_layout = _column(self.open_box, spacing)
        self.open_info = Table(("", ""), spacing=spacing, empty_text="", wrap=(1,), titles=False)
        self.open_message = left_text(role="note")
        self.open_message.hide()
        self.roster_heading = sub_heading("出席")
        self.roster = roster_table(spacing)
        self.end_button = big_button("この 教室を 終わる", self.end_class)
        self.open_layout.addWidget(sub_heading("いまの 教室"))
        for widget in (self.open_info, self.open_message, self.roster_heading, self.roster):
            self.open_layout.addWidget(widget)
        self.open_layout.addWidget(flow_row(spacing, self.end_button))
        self.body.addWidget(self.open_box)

        # Starting a class -----------------------------------------------------
        self.start_box = QWidget()
        self.start_box.setSizePolicy(self.sizePolicy())
        start = _column(self.start_box, spacing)
        start.addWidget(sub_heading("新しい 教室を 始める"))
        start.addWidget(
            left_text("始めると、終わるまでに 受付した 方は この 教室の 出席に なります。")
        )
        self.title_edit = self._line_edit("教室の 名前")
        self.instructor_edit = self._line_edit("講師の 名前")
        start.addWidget(left_text("教室の 名前（例: スマホ はじめて 教室）"))
        start.addWidget(self.title_edit)
        start.addWidget(left_text("講師の 名前"))
        start.addWidget(self.instructor_edit)
        start.addWidget(left_text("使う レッスン（いくつでも えらべます）"))
        self.lesson_holder = flow_row(spacing)
        self.lessons_waiting = left_text("レッスンを 読みこんでいます…")
        start.addWidget(self.lessons_waiting)
        start.addWidget(self.lesson_holder)
        self.lesson_buttons: dict[str, QPushButton] = {}
        self.start_message = left_text(role="note")
        self.start_message.hide()
        start.addWidget(self.start_message)
        self.start_button = big_button("教室を 始める", self.start_class, primary=True)
        start.addWidget(flow_row(spacing, self.start_button))
        self.body.addWidget(self.start_box)

        # Past classes ---------------------------------------------------------
        self.past_heading = sub_heading("これまでの 教室（新しい 順）")
        self.body.addWidget(self.past_heading)
        self.past = Table(
            ("日時", "出席", "教室", "講師"),
            spacing=spacing,
            empty_text="まだ 教室の 記録は ありません。",
            wrap=(2, 3),
            weights=(3, 2),
        )
        self.body.addWidget(self.past)
        if services.attendance.available:
            # The roster grows while the instructor watches.
            services.attendance.visits.visit_changed.connect(self._refresh_if_visible)

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def _line_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setMaxLength(MAX_TEXT_LENGTH)
        edit.setMinimumHeight(self.services.theme.target_px)
        return edit

    # Content ---------------------------------------------------------------
    def set_content(self, content: Content) -> None:
        super().set_content(content)
        flow = self.lesson_holder.layout()
        assert isinstance(flow, FlowLayout)
        chosen = set(self.chosen_lessons())
        for button in self.lesson_buttons.values():
            flow.removeWidget(button)
            button.deleteLater()
        self.lesson_buttons = {}
        for lesson in content.lessons.lessons:
            button = big_button("")
            button.setCheckable(True)
            button.setAccessibleName(lesson.plain_title)
            button.toggled.connect(
                lambda checked, b=button, t=lesson.plain_title: _mark(b, t, checked)
            )
            _mark(button, lesson.plain_title, False)
            button.setChecked(lesson.id in chosen)
            flow.add(button)
            self.lesson_buttons[lesson.id] = button
        self.lessons_waiting.setVisible(not content.lessons.lessons)
        self.lessons_waiting.setText(
            "使える レッスンが ありません（「レッスン」の タブを 見てください）。"
        )
        self.lesson_holder.updateGeometry()
        if self.isVisible():
            self.refresh()  # lesson titles instead of ids

    def chosen_lessons(self) -> list[str]:
        """The ids of the ticked lessons, in lesson order."""
        return [lesson_id for lesson_id, b in self.lesson_buttons.items() if b.isChecked()]

    # Actions ---------------------------------------------------------------
    def start_class(self) -> None:
        """Start the class described by the form (check-ins join it until it ends)."""
        if not self.services.attendance.available:
            return
        visits = self.services.attendance.visits
        problems = [
            p
            for p in (
                title_problem(self.title_edit.text()),
                text_problem(self.instructor_edit.text(), "講師の 名前"),
            )
            if p
        ]
        if problems:
            self._say(" ".join(problems))
            return
        try:
            visits.store.start_class(
                self.title_edit.text(), self.instructor_edit.text(), self.chosen_lessons()
            )
        except (ValueError, *_STORE_ERRORS) as exc:
            log.exception("could not start a class")
            self._say(f"教室を 始められませんでした（{exc}）。")
            return
        self.title_edit.clear()
        self.instructor_edit.clear()
        for button in self.lesson_buttons.values():
            button.setChecked(False)
        self.start_message.hide()
        self.refresh()
        self.open_message.setText(
            "教室を 始めました。これから 受付した 方は この 教室の 出席に なります。"
        )
        self.open_message.show()

    def end_class(self) -> None:
        """End the open class; later check-ins are self-study again."""
        if not self.services.attendance.available:
            return
        visits = self.services.attendance.visits
        try:
            info = visits.store.open_class()
            if info is not None:
                visits.store.end_class(info.id)
        except _STORE_ERRORS as exc:
            log.exception("could not end the class")
            self._show_problem(f"教室を 終われませんでした（{exc}）。")
            return
        self.refresh()
        if info is not None:
            self._say(f"「{info.title}」を 終わりました（出席 {info.attendance}人）。")

    def _say(self, message: str) -> None:
        self.start_message.setText(message)
        self.start_message.show()

    # Display ---------------------------------------------------------------
    def refresh(self) -> None:
        if not self.services.attendance.available:
            self._show_problem(f"来館記録が 使えません。{self.services.attendance.problem}")
            for widget in (self.open_box, self.start_box, self.past_heading, self.past):
                widget.hide()
            return
        visits = self.services.attendance.visits
        try:
            info = visits.store.open_class()
            roster = visits.store.class_roster(info.id) if info is not None else None
            past = visits.store.past_classes(PAST_CLASSES_SHOWN)
        except _STORE_ERRORS as exc:
            log.exception("classes could not be read")
            self._show_problem(f"教室の 記録を 読めませんでした（{exc}）。")
            return
        self.problem.hide()
        self._show_open(roster)
        open_id = info.id if info is not None else None
        self.past.set_rows([self._past_row(c, c.id == open_id) for c in past])

    def _show_open(self, roster: ClassRoster | None) -> None:
        self.open_box.setVisible(roster is not None)
        self.start_box.setVisible(roster is None)
        if roster is None:
            self.open_message.hide()
            return
        info = roster.class_info
        lessons = (
            "、".join(self.item_title("lesson", i) for i in info.lessons) or "（えらんでいません）"
        )
        self.open_info.set_rows(
            [
                ("教室", info.title),
                ("講師", info.instructor),
                ("始めた 時刻", format_time(info.started_at)),
                ("レッスン", lessons),
            ]
        )
        self.roster_heading.setText(f"出席 {roster.attendance}人")
        self.roster.set_rows(roster_rows(roster.entries))

    def _past_row(self, info: ClassInfo, running: bool) -> tuple[str, ...]:
        # A class left open on an earlier day no longer takes check-ins: not 実施中.
        title = f"{info.title}（実施中）" if running else info.title
        return (
            format_time(info.started_at, short=True),
            f"{info.attendance}人",
            title,
            info.instructor,
        )

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def attendance_text(self) -> str:
        """The 出席 line as staff see it (for tests)."""
        return self.roster_heading.text()


def _column(widget: QWidget, spacing: int) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing * 2)
    return layout


def _mark(button: QPushButton, title: str, checked: bool) -> None:
    button.setText(f"{CHECKED if checked else UNCHECKED} {title}")
