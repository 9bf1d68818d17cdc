"""データ: the CSV sync status, 今すぐ同期, export to a USB stick, and the retention purge."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QFileDialog, QLabel

from kiosk.core.attendance.csv_export import SyncResult, SyncStatus, csv_file_name, export_to_file
from kiosk.core.attendance.errors import AttendanceError
from kiosk.core.attendance.models import PurgeCounts
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.parts import (
    Stepper,
    Table,
    breakable,
    confirm,
    flow_row,
    format_time,
    left_text,
    run_for,
    sub_heading,
)
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.widgets import big_button

log = logging.getLogger(__name__)
MIN_RETENTION_MONTHS = 1
MAX_RETENTION_MONTHS = 120


def status_rows(status: SyncStatus) -> list[tuple[str, str]]:
    """The sync status as staff read it: where, when it last worked, what last went wrong."""
    rows = [("保存先", breakable(status.target_path))]
    if status.last_success_at:
        count = f"（{status.last_rows}件）" if status.last_rows is not None else ""
        rows.append(("最後に 保存", f"{format_time(status.last_success_at)}{count}"))
        if status.last_success_path and status.last_success_path != status.target_path:
            rows.append(("その ファイル", breakable(status.last_success_path)))
    else:
        rows.append(("最後に 保存", "まだ 一度も 保存していません"))
    if status.last_error:
        rows.append(("最後の エラー", f"{format_time(status.last_error_at)}\n{status.last_error}"))
    if status.clone_notice:
        rows.append(("お知らせ", f"{format_time(status.clone_notice_at)}\n{status.clone_notice}"))
    if status.pending:
        state = "まだ CSV に 入っていない 記録が あります。次の 同期で 保存します。"
    elif status.last_error:
        state = "エラーの あとは 問題なく 保存できています。CSV は 最新です。"
    else:
        state = "CSV は 最新です。"
    rows.append(("いまの 状態", state))
    return rows


def purge_question(counts: PurgeCounts) -> str:
    """The confirmation text: exactly what will go, and that it cannot be undone."""
    cutoff = f"{counts.cutoff.year}年{counts.cutoff.month}月{counts.cutoff.day}日"
    return (
        f"{cutoff}より 前の 記録を 消します。\n"
        f"・来館の 記録: {counts.visits}件\n"
        f"・レッスンなどの 記録: {counts.events}件\n"
        f"・カードの 登録: {counts.participants}人分\n"
        f"・教室の 記録: {counts.classes}件\n"
        "消した 記録は もとに もどせません。CSV も 消したあとの 内容に 書きかわります。"
    )


def export_into(db_path: Path, out: Path) -> int:
    """``export_to_file`` into an existing folder only: a pulled-out stick is not re-created."""
    if not out.parent.is_dir():
        raise FileNotFoundError(2, "folder not found", str(out.parent))
    return export_to_file(db_path, out)


def export_problem(exc: BaseException, folder: Path) -> str:
    """Why an export to ``folder`` failed, in plain words."""
    if isinstance(exc, PermissionError):
        return (
            f"{folder} に 書きこめません。USBメモリの 書きこみ禁止（ロック）を たしかめてください。"
        )
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"{folder} が 見つかりません。USBメモリが ささっているか たしかめてください。"
    if isinstance(exc, OSError) and exc.errno == 28:
        return "USBメモリが いっぱいです。空きを 作ってから もう一度 ためしてください。"
    if isinstance(exc, sqlite3.Error):
        return f"来館記録を 読めませんでした（{exc}）。"
    return f"書き出せませんでした（{exc}）。"


class DataTab(ConsoleTab):
    """Where the attendance CSV goes, and the tools around it."""

    key = "data"
    label = "データ"
    title = "データ（CSV・書き出し・古い 記録）"

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__(services, nav, sessions, staff)
        spacing = self.spacing
        self.unavailable = left_text(role="note")
        self.body.addWidget(self.unavailable)
        if not services.attendance.available:
            self.unavailable.setText(
                f"来館記録の データベースが 使えません。\n{services.attendance.problem}\n"
                "この 端末の 記録は とれていません。管理者に 連絡してください。"
            )
            return
        visits = services.attendance.visits
        self.unavailable.hide()
        self.csv_name = csv_file_name(visits.csv_sync.config)

        self.body.addWidget(sub_heading("Excel で 開く 出席 CSV"))
        self.status_table = Table(("", ""), spacing=spacing, empty_text="", wrap=(1,), titles=False)
        self.body.addWidget(self.status_table)
        self.sync_button = big_button("今すぐ 同期", self.sync_now, primary=True)
        self.body.addWidget(flow_row(spacing, self.sync_button))
        self.sync_message = left_text(role="note")
        self.sync_message.hide()
        self.body.addWidget(self.sync_message)

        self.body.addWidget(sub_heading("USBメモリに 書き出す"))
        self.body.addWidget(
            left_text(
                f"USBメモリを さしてから、書き出す フォルダを えらんでください。"
                f"ファイル名は {self.csv_name} です。"
            )
        )
        self.export_button = big_button("フォルダを えらんで 書き出す", self.choose_export_folder)
        self.body.addWidget(flow_row(spacing, self.export_button))
        self.export_message = left_text(role="note", selectable=True)
        self.export_message.hide()
        self.body.addWidget(self.export_message)

        self.body.addWidget(sub_heading("古い 記録を 消す（保存期間）"))
        self.body.addWidget(
            left_text(
                "同意の 文で お知らせした 保存期間を すぎた 記録を 消します。"
                f"設定の 保存期間は {services.config.retention_months}か月です。"
            )
        )
        self.months = Stepper(
            services.config.retention_months,
            MIN_RETENTION_MONTHS,
            MAX_RETENTION_MONTHS,
            1,
            lambda m: f"{m}か月より 古い 記録",
            spacing=spacing,
            name="保存期間",
        )
        self.body.addWidget(self.months)
        self.purge_button = big_button("古い 記録を 消す…", self.purge)
        self.body.addWidget(flow_row(spacing, self.purge_button))
        self.purge_message = left_text(role="note")
        self.purge_message.hide()
        self.body.addWidget(self.purge_message)
        # Visits that end while the tab is open sync by themselves: keep the status current.
        visits.sync_finished.connect(self._refresh_if_visible)

    def _refresh_if_visible(self, _result: object = None) -> None:
        if self.isVisible():
            self.refresh()

    # Sync ------------------------------------------------------------------
    def busy(self) -> bool:
        if not self.services.attendance.available:
            return False
        return not (self.sync_button.isEnabled() and self.export_button.isEnabled())

    def refresh(self) -> None:
        if not self.services.attendance.available:
            return
        visits = self.services.attendance.visits
        self.status_table.set_rows(status_rows(visits.csv_sync.status()))

    def sync_now(self) -> None:
        """Write the CSV now, in the background; the result shows below the button."""
        if not self.services.attendance.available:
            return
        visits = self.services.attendance.visits
        self.sync_button.setEnabled(False)
        self._show(self.sync_message, "同期しています…")
        run_for(self, self.services.tasks, visits.csv_sync.sync, self._synced, self._sync_crashed)

    def _synced(self, result: SyncResult) -> None:
        self.sync_button.setEnabled(True)
        if result.ok:
            self._show(self.sync_message, f"{result.message}\nファイル: {breakable(result.path)}")
        else:
            self._show(self.sync_message, f"同期できませんでした。{result.message}")
        self.refresh()

    def _sync_crashed(self, error: BaseException) -> None:
        self.sync_button.setEnabled(True)
        self._show(self.sync_message, f"同期できませんでした（{error}）。")
        self.refresh()

    # Export ----------------------------------------------------------------
    def choose_export_folder(self) -> None:
        """Ask for a folder (a USB stick) and write the whole CSV there."""
        folder = QFileDialog.getExistingDirectory(
            self, "書き出す フォルダ（USBメモリ）を えらんでください"
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        """Write ``attendance_<centre>_<kiosk>.csv`` into ``folder`` in the background."""
        if not self.services.attendance.available:
            return
        visits = self.services.attendance.visits
        db_path, out = visits.store.db_path, folder / self.csv_name
        self.export_button.setEnabled(False)
        self._show(self.export_message, "書き出しています…")

        def done(rows: int) -> None:
            self.export_button.setEnabled(True)
            self._show(
                self.export_message, f"書き出しました（{rows}件）。\nファイル: {breakable(out)}"
            )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._show(self.export_message, export_problem(error, folder))

        run_for(self, self.services.tasks, lambda: export_into(db_path, out), done, failed)

    # Retention -------------------------------------------------------------
    def purge(self) -> None:
        """Say how many records will go, ask, then delete them and sync the CSV."""
        if not self.services.attendance.available:
            return
        visits = self.services.attendance.visits
        months = self.months.value()
        try:
            counts = visits.store.count_older_than(months)
        except (AttendanceError, sqlite3.Error, ValueError) as exc:
            self._show(self.purge_message, f"記録を 数えられませんでした（{exc}）。")
            return
        if not (counts.visits or counts.events or counts.participants or counts.classes):
            cutoff = f"{counts.cutoff.year}年{counts.cutoff.month}月{counts.cutoff.day}日"
            self._show(self.purge_message, f"{cutoff}より 前の 記録は ありません。")
            return
        question = purge_question(counts)
        accepted = confirm(
            self, "古い 記録を 消しますか？", question, "消す", "やめる", spacing=self.spacing
        )
        if not shiboken6.isValid(self):
            return  # the idle reset closed the console while the question was open
        if not accepted:
            self._show(self.purge_message, "消すのを やめました。記録は そのままです。")
            return
        try:
            deleted = visits.store.purge_older_than(months)
        except (AttendanceError, sqlite3.Error) as exc:
            log.exception("purge failed")
            self._show(self.purge_message, f"消せませんでした（{exc}）。記録は そのままです。")
            return
        self._show(
            self.purge_message,
            f"来館の 記録 {deleted}件を 消しました（{datetime.now():%H:%M}）。CSV も 書きなおします。",
        )
        self.sync_now()

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()
