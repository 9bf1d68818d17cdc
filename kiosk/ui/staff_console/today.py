"""今日: today's visits (count, first-time, by activity) and the open class with its roster."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk.core.attendance.codes import format_code
from kiosk.core.attendance.errors import AttendanceError
from kiosk.core.attendance.models import ClassRoster, RosterEntry, TodaySummary
from kiosk.core.library import Content
from kiosk.ui.printing import saved_today
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.parts import (
    Table,
    breakable,
    flow_row,
    format_time,
    left_text,
    sub_heading,
)
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.widgets import big_button

log = logging.getLogger(__name__)

ACTIVITY_NAMES = {
    "lesson": "スマホ教室（レッスン）",
    "procedure": "手続きの 練習",
    "practice": "ゆびの 練習",
}
ROSTER_COLUMNS = ("受付", "カード番号", "初めて", "年代・地域")


def roster_rows(entries: tuple[RosterEntry, ...]) -> list[tuple[str, ...]]:
    """A class roster as table rows: time, card, age band and area, first visit."""
    rows: list[tuple[str, ...]] = []
    for entry in entries:
        if entry.participant_code is None:
            card, who, first = "カードなし", "―", "―"
        else:
            card = format_code(entry.participant_code)
            if entry.name:
                card = f"{card}（{entry.name}）"
            who = f"{entry.age_band or '―'}・{entry.area or '―'}"
            first = "はい" if entry.first_visit else "いいえ"
        rows.append((format_time(entry.started_at, with_date=False), card, first, who))
    return rows


def roster_table(spacing: int) -> Table:
    """Who checked in to a class: time, card, first visit, age band and area."""
    return Table(ROSTER_COLUMNS, spacing=spacing, empty_text="まだ だれも 受付していません。")


def print_rows(paths: list[Path]) -> list[tuple[str, str]]:
    """Saved PDFs as (time, path) rows: staff print them from another computer."""
    return [
        (datetime.fromtimestamp(path.stat().st_mtime).strftime("%H:%M"), breakable(path))
        for path in paths
    ]


def summary_rows(summary: TodaySummary) -> list[tuple[str, str]]:
    """Today's figures as (what, how many) rows staff can read out at a meeting."""
    rows = [
        ("来館", f"{summary.visits}件"),
        ("カードの 方", f"{summary.participants}人"),
        ("初めての 方", f"{summary.first_time}人"),
        ("カードなし", f"{summary.anonymous}件"),
        ("教室での 来館", f"{summary.in_class}件"),
        ("いま 利用中", f"{summary.open_now}件"),
        (
            "市の サービスを 使った",
            f"{summary.used_services_yes}件（答えた {summary.answered}件中）",
        ),
    ]
    rows.extend(
        (name, f"{summary.by_activity.get(kind, 0)}件") for kind, name in ACTIVITY_NAMES.items()
    )
    return rows


class TodayTab(ConsoleTab):
    """What happened today on this kiosk; refreshed whenever a visit starts or ends."""

    key = "today"
    label = "今日"
    title = "今日の 来館"

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__(services, nav, sessions, staff)
        config = services.config
        self.body.addWidget(
            left_text(f"{config.municipality} {config.centre_name}（端末 {config.kiosk_id}）")
        )
        self.summary = Table(("", ""), spacing=self.spacing, empty_text="", wrap=(1,), titles=False)
        self.items_heading = sub_heading("よく 使われた 内容")
        self.items_table = Table(
            ("内容", "回数"),
            spacing=self.spacing,
            empty_text="今日は まだ ありません。",
            wrap=(0,),
        )
        self.class_heading = sub_heading("いまの 教室")
        self.class_label = left_text()
        self.roster = roster_table(self.spacing)
        self.prints_heading = sub_heading("いんさつ できなかった 紙（ファイルに 保存しました）")
        self.prints_table = Table(
            ("時刻", "ファイル"), spacing=self.spacing, empty_text="今日は ありません。"
        )
        self.refresh_button = big_button("最新に する", self.refresh)
        self.problem = left_text(role="note")
        self.problem.hide()
        for widget in (
            self.problem,
            self.summary,
            self.items_heading,
            self.items_table,
            self.class_heading,
            self.class_label,
            self.roster,
            self.prints_heading,
            self.prints_table,
        ):
            self.body.addWidget(widget)
        self.refresh_row = flow_row(self.spacing, self.refresh_button)
        self.body.addWidget(self.refresh_row)
        # Shown together, or all hidden when the records cannot be read.
        self._figures = (
            self.summary,
            self.items_heading,
            self.items_table,
            self.class_heading,
            self.class_label,
            self.refresh_row,
        )
        if services.attendance.available:
            services.attendance.visits.visit_changed.connect(self._refresh_if_visible)

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        # Not tied to the visit records: a card printed without a printer is listed even
        # when the database cannot be read.
        self.prints_table.set_rows(print_rows(saved_today(self.services.data_dir)))
        if not self.services.attendance.available:
            self._show_unavailable(self.services.attendance.problem)
            return
        visits = self.services.attendance.visits
        try:
            summary = visits.store.today_summary()
            open_class = visits.store.open_class()
            roster = visits.store.class_roster(open_class.id) if open_class else None
        except (AttendanceError, sqlite3.Error, OSError) as exc:
            log.exception("today's figures could not be read")
            self._show_unavailable(f"来館記録を 読めませんでした（{exc}）。")
            return
        self.problem.hide()
        for widget in self._figures:
            widget.show()
        self._show_summary(summary)
        self._show_class(roster)

    def _show_unavailable(self, reason: str) -> None:
        self.problem.setText(f"来館記録が 使えません。{reason}")
        self.problem.show()
        for widget in (*self._figures, self.roster):
            widget.hide()

    def _show_summary(self, summary: TodaySummary) -> None:
        self.summary.set_rows(summary_rows(summary))
        self.items_table.set_rows(
            [
                (
                    f"{ACTIVITY_NAMES.get(kind, kind)}: {self.item_title(kind, item)}",
                    f"{count}回",
                )
                for kind, item, count in summary.by_item[:10]
            ]
        )

    def _show_class(self, roster: ClassRoster | None) -> None:
        if roster is None:
            self.class_label.setText(
                "いま 開いている 教室は ありません（受付は 自習として 記録されます）。"
                "教室は「クラス」の タブで 始められます。"
            )
            self.roster.hide()
            return
        info = roster.class_info
        self.class_label.setText(
            f"{info.title}（講師: {info.instructor}）\n"
            f"{format_time(info.started_at, with_date=False)}から　出席 {roster.attendance}人"
        )
        self.roster.set_rows(roster_rows(roster.entries))
        self.roster.show()

    def set_content(self, content: Content) -> None:
        super().set_content(content)
        if self.isVisible():
            self.refresh()
