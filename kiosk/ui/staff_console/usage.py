"""利用率: the usage-rate KPI by month against the 80% target, visits by month, completions.

The figures come straight from this kiosk's database (``kpi.kiosk_report``), counted
by the same rules as ``kiosk report``, so the tab and the command always agree.
"""

from __future__ import annotations

import logging

from kiosk.core.attendance.kpi import kiosk_report
from kiosk.core.attendance.report import USAGE_TARGET, GroupRow, Report
from kiosk.core.library import Content
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.chart import NO_DATA, Bar, ColumnChart, RowChart
from kiosk.ui.staff_console.month_bars import month_label, percent, rate_bars, visit_bars
from kiosk.ui.staff_console.parts import (
    Table,
    breakable,
    flow_row,
    left_text,
    run_for,
    sub_heading,
)
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.widgets import big_button

log = logging.getLogger(__name__)
MONTHS_SHOWN = 12


def month_rows(rows: list[GroupRow]) -> list[tuple[str, str, str, str]]:
    """The charts' numbers as a table, newest month first."""
    table = []
    for row in reversed(rows):
        label, year = month_label(row.key)
        table.append(
            (
                f"{year}{label}",
                percent(row.usage_rate),
                f"{row.used_yes} / {row.answered}人",
                f"{row.visits}件",
            )
        )
    return table


def total_text(report: Report) -> str:
    """The headline: the rate over all data, how many people it rests on, and the gap to 80%."""
    target = f"目標 {report.target * 100:.0f}%"
    rate = report.usage_rate
    if rate is None:
        return (
            f"利用率: まだ 回答が ありません（{target}）。"
            "終わりの 質問に 答えた カードの 方が いると 計算できます。"
        )
    gap = (report.target - rate) * 100
    where = "目標に とどいています" if gap <= 0 else f"目標まで あと {gap:.0f}ポイント"
    return (
        f"利用率（全期間）: {percent(rate)}　"
        f"（{report.answered}人中 {report.used_yes}人が「はい」）　{target}・{where}"
    )


class UsageTab(ConsoleTab):
    """The KPI as a chart, computed in the background every time the tab opens."""

    key = "usage"
    label = "利用率"
    title = "利用率（市の デジタルサービスを 使った 方の 割合）"

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__(services, nav, sessions, staff)
        self.report: Report | None = None
        self._running = False
        # The headline and the chart first: the first screenful answers "are we at 80%?".
        self.total_label = left_text("計算しています…")
        self.total_label.setStyleSheet("font-weight: bold;")
        self.body.addWidget(self.total_label)
        self.body.addWidget(sub_heading(f"月ごとの 利用率（最近 {MONTHS_SHOWN}か月）"))
        self.rate_chart = ColumnChart(
            "月ごとの 利用率",
            maximum=1.0,
            target=(USAGE_TARGET, f"目標 {USAGE_TARGET * 100:.0f}%"),
            percent=True,
        )
        self.body.addWidget(self.rate_chart)
        self.body.addWidget(
            left_text(
                f"月の 下の 太い 数字が 利用率、点線が 目標です。「{NO_DATA}」は その月の 回答なし。"
                "「3/4」は「はい」の 人数 / 答えた 人数 です（下の 表にも あります）。"
            )
        )
        self.month_table = Table(
            ("月", "利用率", "「はい」/ 答えた 人", "来館"),
            spacing=self.spacing,
            empty_text="まだ 来館の 記録が ありません。",
        )
        self.body.addWidget(self.month_table)
        self.body.addWidget(
            left_text(
                "利用率は、終わりの 質問「この 1か月で 市の サービスを 使いましたか？」に "
                "「はい」と 答えた 方の 割合です。カードの 方ごとに、期間の 最後の 答えで "
                "数えます（「わからない」と カードなしの 方は 入りません）。"
                "「kiosk report」と 同じ 計算です。"
            )
        )
        self.status = left_text(role="note")
        self.body.addWidget(self.status)
        self.anonymous_label = left_text()
        self.body.addWidget(self.anonymous_label)

        self.body.addWidget(sub_heading("月ごとの 来館数"))
        self.visits_chart = ColumnChart("月ごとの 来館数")
        self.body.addWidget(self.visits_chart)

        self.body.addWidget(sub_heading("レッスンごとの 完了数（全期間）"))
        self.lessons_chart = RowChart("レッスンごとの 完了数")
        self.body.addWidget(self.lessons_chart)
        self.body.addWidget(sub_heading("手続きの 練習ごとの 完了数（全期間）"))
        self.procedures_chart = RowChart("手続きの 練習ごとの 完了数")
        self.body.addWidget(self.procedures_chart)

        self.refresh_button = big_button("計算しなおす", self.refresh)
        # The monthly report for the PDCA meeting: printed, or saved as a PDF.
        self.pdf_button = big_button("月の レポートを 印刷する", self.print_report)
        self.pdf_button.setEnabled(False)
        self.body.addWidget(flow_row(self.spacing, self.refresh_button, self.pdf_button))
        self.print_status = left_text(role="note")
        self.print_status.hide()
        self.body.addWidget(self.print_status)
        self._follow_text_size(services.theme.size_name)
        services.theme.changed.connect(self._follow_text_size)

    def _follow_text_size(self, _name: str) -> None:
        points = self.services.theme.body_pt()
        for chart in (
            self.rate_chart,
            self.visits_chart,
            self.lessons_chart,
            self.procedures_chart,
        ):
            chart.set_point_size(points)

    # Computing -------------------------------------------------------------
    def busy(self) -> bool:
        return self._running

    def refresh(self) -> None:
        if not self.services.attendance.available:
            message = f"来館記録が 使えません。{self.services.attendance.problem}"
            self.total_label.setText(message)
            self.status.setText(message)
            return
        visits = self.services.attendance.visits
        if self._running:
            return
        self._running = True
        self.refresh_button.setEnabled(False)
        self.status.setText("計算しています…")
        self.status.show()
        db_path = visits.store.db_path
        run_for(
            self,
            self.services.tasks,
            lambda: kiosk_report(db_path),
            self._show_report,
            self._report_failed,
        )

    def print_report(self) -> None:
        """Print the A4 monthly report on the centre's printer, or save it as a PDF."""
        from PySide6.QtGui import QPageSize

        from kiosk.ui.printing import save_or_print
        from kiosk.ui.report_pdf import TITLE, report_pages

        if self.report is None:
            return
        pages = report_pages(self.report, self.item_title)
        outcome = save_or_print(
            pages,
            QPageSize(QPageSize.PageSizeId.A4),
            self.services.config,
            self.services.data_dir,
            "monthly-report",
            title=TITLE,
        )
        self.print_status.setText(breakable(outcome.message))
        self.print_status.show()

    def _report_failed(self, error: BaseException) -> None:
        self._running = False
        self.refresh_button.setEnabled(True)
        log.error("KPI report failed: %s", error)
        self.status.setText(f"計算できませんでした（{error}）。")
        if self.report is None:
            self.total_label.setText("利用率を 計算できませんでした。")

    def _show_report(self, report: Report) -> None:
        self._running = False
        self.refresh_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        self.report = report
        self.status.setText(
            f"来館 {report.visits}件・カードの 方 {report.participants}人から 計算しました。"
        )
        self.total_label.setText(total_text(report))
        months = report.by_month[-MONTHS_SHOWN:]
        self.rate_chart.set_bars(rate_bars(months))
        self.visits_chart.set_bars(visit_bars(months))
        self.month_table.set_rows(month_rows(months))
        if report.anonymous_answered:
            self.anonymous_label.setText(
                f"カードなしの 方の 回答（利用率には 入りません）: "
                f"{report.anonymous_answered}件中「はい」{report.anonymous_yes}件"
            )
            self.anonymous_label.show()
        else:
            self.anonymous_label.hide()
        self._show_completions()

    def _show_completions(self) -> None:
        report = self.report
        if report is None:
            return
        content = self.content
        lessons = dict(report.lessons)
        if content is not None:
            # Lessons nobody finished yet are worth seeing too.
            for lesson in content.lessons.lessons:
                lessons.setdefault(lesson.id, 0)
        ordered = sorted(lessons.items(), key=lambda kv: (-kv[1], kv[0]))
        self.lessons_chart.set_bars(
            [Bar(self.item_title("lesson", i), float(n), f"{n}回") for i, n in ordered]
        )
        self.procedures_chart.set_bars(
            [Bar(self.item_title("procedure", i), float(n), f"{n}回") for i, n in report.procedures]
        )

    def set_content(self, content: Content) -> None:
        super().set_content(content)
        self._show_completions()
