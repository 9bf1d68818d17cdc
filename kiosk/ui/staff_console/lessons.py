"""レッスン: how many lessons and procedures are available, and every problem in their files."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.content.problems import Problem
from kiosk.core.library import Content
from kiosk.core.text_safety import printable
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.parts import breakable, flow_row, left_text, run_for, sub_heading
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.widgets import big_button

MAX_PROBLEMS_SHOWN = 100


def where(problem: Problem) -> str:
    """The place of a problem inside its file, in Japanese ("3番目の ステップ・12行目")."""
    parts = []
    if problem.step is not None:
        parts.append(f"{problem.step}番目の ステップ")
    if problem.line is not None:
        parts.append(f"{problem.line}行目")
    return "・".join(parts)


def problem_lines(problems: Sequence[Problem]) -> list[tuple[str, list[str]]]:
    """Problems grouped by file, in the order found: ``[(file, ["・place: message", ...])]``."""
    groups: dict[str, list[str]] = {}
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        place = where(problem)
        message = printable(problem.message_ja or problem.message)
        text = f"・{place}: {message}" if place else f"・{message}"
        groups.setdefault(printable(problem.file), []).append(text)
    return list(groups.items())


class LessonsTab(ConsoleTab):
    """What a volunteer needs to fix in lesson and procedure files, in the loader's words."""

    key = "lessons"
    label = "レッスン"
    title = "レッスンと 手続きの ファイル"

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__(services, nav, sessions, staff)
        self.counts_label = left_text("読みこんでいます…")
        self.counts_label.setStyleSheet("font-weight: bold;")
        self.body.addWidget(self.counts_label)
        self.advice = left_text(role="note")
        self.body.addWidget(self.advice)
        self.problem_box = QWidget()
        self.problem_box.setSizePolicy(self.sizePolicy())
        self.problem_layout = QVBoxLayout(self.problem_box)
        self.problem_layout.setContentsMargins(0, 0, 0, 0)
        self.problem_layout.setSpacing(self.spacing)
        self.problem_labels: list[QLabel] = []
        self.body.addWidget(self.problem_box)
        self.folder_label = left_text(selectable=True)
        self.body.addWidget(self.folder_label)
        self.recheck_button = big_button("もう一度 しらべる", self.recheck)
        self.body.addWidget(flow_row(self.spacing, self.recheck_button))

    def set_content(self, content: Content) -> None:
        super().set_content(content)
        self._show(content)

    def busy(self) -> bool:
        return not self.recheck_button.isEnabled()

    def recheck(self) -> None:
        """Read the files again (after a volunteer fixed one) without restarting."""
        self.recheck_button.setEnabled(False)
        self.counts_label.setText("読みこんでいます…")

        def done(content: Content) -> None:
            self.recheck_button.setEnabled(True)
            self.set_content(content)

        def failed(error: BaseException) -> None:
            self.recheck_button.setEnabled(True)
            self.counts_label.setText(f"読みこめませんでした（{error}）。")

        # The learner screens built after this show the fixed files too.
        run_for(self, self.services.tasks, self.services.library.reload, done, failed)

    def _show(self, content: Content) -> None:
        lessons, procedures = content.lessons, content.procedures
        self.counts_label.setText(
            f"使える レッスン: {len(lessons.lessons)}本　"
            f"使える 手続きの 練習: {len(procedures.procedures)}本"
        )
        problems = [*lessons.problems, *procedures.problems]
        self.folder_label.setText(f"レッスンの フォルダ: {breakable(content.lessons_folder)}")
        for label in self.problem_labels:
            self.problem_layout.removeWidget(label)
            label.deleteLater()
        self.problem_labels = []
        if not problems:
            self.advice.setText("問題は ありません。すべての ファイルを 使えます。")
            self.problem_box.hide()
            return
        files = len({p.file for p in problems})
        self.advice.setText(
            f"{files}個の ファイルに、直す ところが {len(problems)}か所 あります。"
            "直すまで、その ファイルの レッスンや 手続きは 画面に 出ません。"
            "下の 説明の とおりに ファイルを 直して、「もう一度 しらべる」を "
            "押してください（キオスクに 出すには 再起動が 必要です）。"
        )
        for file, lines in problem_lines(problems):
            self._add_problem_label(sub_heading(f"ファイル: {breakable(file)}"))
            for line in lines:
                self._add_problem_label(left_text(line, selectable=True))
        if len(problems) > MAX_PROBLEMS_SHOWN:
            more = len(problems) - MAX_PROBLEMS_SHOWN
            self._add_problem_label(left_text(f"ほかに {more}か所 あります。"))
        self.problem_box.show()

    def _add_problem_label(self, label: QLabel) -> None:
        self.problem_layout.addWidget(label)
        self.problem_labels.append(label)

    def problems_text(self) -> str:
        """Everything the tab says about problems, as shown (for tests)."""
        texts = [self.advice.text(), *(label.text() for label in self.problem_labels)]
        return "\n".join(texts).replace("\u200b", "")
