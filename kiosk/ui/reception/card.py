"""The participant card: the code in big type and as a QR, on screen and as a card-sized PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.core.attendance.codes import format_code
from kiosk.ui import theme
from kiosk.ui.printing import save_or_print
from kiosk.ui.qr import QrCodeView
from kiosk.ui.reception.printed_card import CARD_SIZE, CARD_TITLE, draw_card
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout


class NewCardScreen(Screen):
    """「カードが できました」: the code, its QR, いんさつ, はじめる."""

    screen_name = "new-card"
    MESSAGE = "あなたの カードが できました。つぎに {来|き}たときに つかいます。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions, code: str) -> None:
        super().__init__(services, nav, sessions)
        self.code = code
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(self.MESSAGE, role="heading", center=True, display=self.display))

        card = QFrame()
        card.setObjectName("ParticipantCard")
        card.setStyleSheet(
            f"#ParticipantCard {{ background: {theme.PAPER}; border: 3px solid {theme.OUTLINE};"
            " border-radius: 16px; }"
        )
        row = QHBoxLayout(card)
        row.setContentsMargins(spacing * 2, spacing * 2, spacing * 2, spacing * 2)
        row.setSpacing(spacing * 2)
        words = QVBoxLayout()
        words.addWidget(QLabel(CARD_TITLE))
        self.code_label = QLabel(format_code(code))
        theme.set_text_role(self.code_label, "title")
        self.code_label.setAccessibleName("カードの ばんごう")
        words.addWidget(self.code_label)
        row.addLayout(words)
        self.qr = QrCodeView(format_code(code))
        row.addWidget(self.qr)
        add_row(layout, card, spacing=spacing)
        layout.addStretch(1)
        self.outcome = RubyText("", center=True, display=self.display)
        self.outcome.setVisible(False)
        self.print_button = big_button("いんさつ する", self.print_card)
        self.start_button = big_button("はじめる", nav.go_home, primary=True)
        self.pin_actions(self.print_button, self.start_button, note=self.outcome)

    def intro_text(self) -> str:
        return self.MESSAGE

    def print_card(self) -> None:
        """Print the card, or save it as a PDF for staff when there is no printer."""
        code, centre = self.code, self.services.config.centre_name
        outcome = save_or_print(
            [lambda painter, page: draw_card(painter, page, code, centre)],
            CARD_SIZE,
            self.services.config,
            self.services.data_dir,
            "card",
            title=CARD_TITLE,
        )
        self.outcome.set_text(outcome.learner_text)
        self.outcome.setVisible(True)
        self.services.speaker.say(
            outcome.learner_text
        )  # heard as well as seen, as on other screens
