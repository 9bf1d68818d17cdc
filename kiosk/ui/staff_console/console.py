"""The staff console behind the PIN: big tab buttons, one tab at a time, and the ways out."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.library import Content
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.classes import ClassTab
from kiosk.ui.staff_console.data import DataTab
from kiosk.ui.staff_console.lessons import LessonsTab
from kiosk.ui.staff_console.parts import (
    ConfirmDialog,
    FlowLayout,
    confirm,
    flow_row,
    left_text,
    run_for,
)
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.settings import SettingsTab
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.staff_console.today import TodayTab
from kiosk.ui.staff_console.usage import UsageTab
from kiosk.ui.theme import OUTLINE, PAPER, set_text_role
from kiosk.ui.widgets import big_button, page_layout

log = logging.getLogger(__name__)

TAB_CLASSES: tuple[type[ConsoleTab], ...] = (
    TodayTab,
    ClassTab,
    DataTab,
    UsageTab,
    LessonsTab,
    SettingsTab,
)
TAB_KEYS = tuple(cls.key for cls in TAB_CLASSES)


class StaffConsoleScreen(Screen):
    """職員メニュー: 今日 / クラス / データ / 利用率 / レッスン / 設定.

    Tabs are built the first time they are opened and refreshed every time.
    ``content_loaded`` fires once the lessons and procedures have been read.
    """

    screen_name = "staff-menu"
    content_loaded = Signal(object)

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__(services, nav, sessions)
        self.staff = staff
        self.content: Content | None = None
        self.tabs: dict[str, ConsoleTab] = {}
        self.current_key = ""
        spacing = services.theme.spacing_px
        # Fields staff type into get a clear dark frame (the default grey one is faint).
        self.setStyleSheet(
            f"QLineEdit, QPlainTextEdit {{ border: 2px solid {OUTLINE};"
            f" border-radius: 8px; padding: 4px 8px; background: {PAPER}; }}"
        )
        layout = page_layout(self, spacing)
        layout.setContentsMargins(spacing * 2, spacing, spacing * 2, spacing * 2)
        layout.setSpacing(spacing * 2)

        title = QLabel("職員メニュー")
        set_text_role(title, "heading")
        self.back_button = big_button("受付の 画面に もどる", nav.go_home, primary=True)
        self.quit_button = big_button("アプリを 終了する", self.quit_app)
        layout.addWidget(flow_row(spacing, title, self.back_button, self.quit_button))

        # Database write problems concern staff whatever tab is open.
        self.problem_banner = left_text("", role="note")
        self.problem_banner.hide()
        layout.addWidget(self.problem_banner)
        # Locks staff did not cause mean someone tried to guess the PIN.
        locks = staff.staff_pin.locks_before_entry
        self.lock_banner = left_text(
            f"前回の ログインから 今までに、暗証番号の まちがいで {locks}回 ロックされました。"
            "心当たりが なければ、設定で 長い 暗証番号に かえてください。",
            role="note",
        )
        self.lock_banner.setVisible(locks > 0)
        layout.addWidget(self.lock_banner)
        if services.attendance.available:
            services.attendance.visits.problem_changed.connect(self._show_problem)
            self._show_problem(services.attendance.visits.problem)

        self.tab_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        tab_row = flow_row(spacing)
        flow = tab_row.layout()
        assert isinstance(flow, FlowLayout)
        for cls in TAB_CLASSES:
            button = big_button(cls.label)
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, k=cls.key: self.show_tab(k))
            group.addButton(button)
            flow.add(button)
            self.tab_buttons[cls.key] = button
        layout.addWidget(tab_row)

        self._pages = QWidget()
        self._pages_layout = QVBoxLayout(self._pages)
        self._pages_layout.setContentsMargins(0, spacing, 0, 0)
        layout.addWidget(self._pages)
        layout.addStretch(1)

        self.show_tab(TAB_KEYS[0])
        run_for(
            self,
            services.tasks,
            self.services.library.get,  # loaded at start; waits in the worker if not yet
            self._on_content,
            self._on_content_error,
        )

    def quit_app(self) -> None:
        """Close the kiosk after staff confirm; visits not yet saved are said and retried."""
        visits = self.services.attendance.opened()
        if visits is not None and visits.unsaved_count():
            visits.flush()  # one more try before asking
        count = visits.unsaved_count() if visits is not None else 0
        if count:
            question = (
                f"保存できていない 記録が {count}件 あります。「待つ」を おすと、保存を "
                "やりなおします。終了すると、記録は 予備の ファイルに 書いておき、"
                "次に 起動した ときに もどします。"
            )
            stay = "待つ"
        else:
            question = "アプリを 終了すると、受付の 画面が 消えます。学習者は 使えなく なります。"
            stay = "やめる"
        if not confirm(
            self,
            "終了する 前に",
            question,
            "終了する",
            stay,
            spacing=self.services.theme.spacing_px,
        ):
            return
        self.staff.quit_app()

    # Tabs ------------------------------------------------------------------
    def show_tab(self, key: str) -> ConsoleTab:
        """Open the tab ``key`` (one of ``TAB_KEYS``), building it the first time."""
        tab = self.tabs.get(key)
        if tab is None:
            cls = TAB_CLASSES[TAB_KEYS.index(key)]
            tab = cls(self.services, self.nav, self.sessions, self.staff)
            if self.content is not None:
                tab.set_content(self.content)
            self.tabs[key] = tab
            self._pages_layout.addWidget(tab)
        for other_key, other in self.tabs.items():
            other.setVisible(other_key == key)
        self.tab_buttons[key].setChecked(True)
        self.current_key = key
        tab.refresh()
        return tab

    def current_tab(self) -> ConsoleTab:
        """The tab on screen."""
        return self.tabs[self.current_key]

    def on_shown(self) -> None:
        # Back from the PIN pad or a learner screen: figures may have changed.
        if self.current_key:
            self.current_tab().refresh()

    def on_hidden(self) -> None:
        # Leaving (the idle reset included) answers any open question with "no".
        for dialog in self.findChildren(ConfirmDialog):
            dialog.reject()
        settings = self.tabs.get("settings")
        if isinstance(settings, SettingsTab):
            settings.leave()

    # Content ---------------------------------------------------------------
    def _on_content(self, content: Content) -> None:
        self.content = content
        for tab in self.tabs.values():
            tab.set_content(content)
        self.content_loaded.emit(content)

    def _on_content_error(self, error: BaseException) -> None:
        log.error("could not load lessons for the staff console: %s", error)

    def _show_problem(self, message: str) -> None:
        self.problem_banner.setText(f"記録の 問題: {message}" if message else "")
        self.problem_banner.setVisible(bool(message))
