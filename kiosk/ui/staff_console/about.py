"""このアプリについて: the version, the credit the recorded voice's licence asks for, NOTICE.

Opened from the settings tab (a seventh tab button would wrap the tab row on a small
screen and push 設定を 保存する out of sight).
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from kiosk import __version__
from kiosk.core.resources import resource_path
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.parts import left_text, sub_heading, tab_heading
from kiosk.ui.widgets import big_button, page_layout

NOTICE_FILE = "NOTICE"
TITLE = "このアプリについて"
# HTS Voice "Mei" is CC BY 3.0, which asks for this credit wherever the voice is used.
VOICE_CREDIT = (
    "読み上げの 声は、HTS Voice「Mei」（名古屋工業大学、CC BY 3.0）を、"
    "Open JTalk と その 辞書、hts_engine API で 録音したものです。"
)
OTHER_CREDITS = (
    "Open JTalk、辞書（NAIST Japanese Dictionary）、hts_engine API は "
    "修正 BSD ライセンスです。文字は BIZ UDPゴシック（SIL Open Font License）です。"
)
SHOW_NOTICE = "ライセンスの 全文を 見る"
HIDE_NOTICE = "全文を とじる"


class AboutScreen(Screen):
    """Who made what the kiosk uses, and the full licence texts (NOTICE) on request."""

    screen_name = "staff-about"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        super().__init__(services, nav, sessions)
        layout = page_layout(self, services.theme.spacing_px)
        layout.addWidget(tab_heading(TITLE))
        layout.addWidget(left_text(f"デジタル相談コーナーの キオスク　バージョン {__version__}"))
        layout.addWidget(sub_heading("読み上げの 声"))
        layout.addWidget(left_text(VOICE_CREDIT))
        layout.addWidget(sub_heading("使っている ソフトウェア"))
        layout.addWidget(left_text(OTHER_CREDITS))
        self.notice_button = big_button(SHOW_NOTICE, self.toggle_notice)
        layout.addWidget(self.notice_button)
        self.notice = QPlainTextEdit()
        self.notice.setReadOnly(True)
        self.notice.setAccessibleName("ライセンスの 全文")
        self.notice.setMinimumHeight(services.theme.target_px * 6)
        self.notice.hide()
        layout.addWidget(self.notice)
        layout.addStretch(1)
        self.back_button = big_button("設定に もどる", nav.back, primary=True)
        self.pin_actions(self.back_button)

    def toggle_notice(self) -> None:
        """Show NOTICE (read when first asked for) or hide it again."""
        if self.notice.isVisible():
            self.notice.hide()
            self.notice_button.setText(SHOW_NOTICE)
            return
        if not self.notice.toPlainText():
            try:
                text = resource_path(NOTICE_FILE).read_text(encoding="utf-8")
            except OSError:
                text = "ライセンスの ファイル（NOTICE）が 見つかりません。"
            self.notice.setPlainText(text)
        self.notice.show()
        self.notice_button.setText(HIDE_NOTICE)
