"""The participant card: the code in big type and as a QR, on screen and as a card-sized PDF."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.core.attendance.codes import format_code
from kiosk.ui import theme
from kiosk.ui.printing import Page, save_or_print
from kiosk.ui.qr import QrCodeView, draw_matrix, qr_matrix
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import AppContext, Screen
from kiosk.ui.widgets import add_row, big_button, page_layout

CARD_SIZE = QPageSize(QSizeF(85.6, 54.0), QPageSize.Unit.Millimeter, "ID-1 card")
CARD_TITLE = "デジタル相談コーナー 利用カード"


def draw_card(painter: QPainter, page: Page, code: str, centre_name: str) -> None:
    """One card: title, the code twice (QR for the scanner, big letters for the keypad)."""
    shown = format_code(code)
    margin = page.mm(4)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.INK), page.mm(0.4)))
    painter.drawRoundedRect(page.rect.adjusted(1, 1, -1, -1), page.mm(3), page.mm(3))
    qr_side = page.height - 2 * margin
    qr_rect = QRectF(page.width - margin - qr_side, margin, qr_side, qr_side)
    draw_matrix(painter, qr_rect, qr_matrix(shown))
    text_width = qr_rect.left() - 2 * margin
    title_font = QFont(theme.FONT_FAMILY)
    title_font.setPixelSize(round(page.mm(3.2)))
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.setPen(QColor(theme.INK))
    painter.drawText(
        QRectF(margin, margin, text_width, page.mm(9)), Qt.TextFlag.TextWordWrap, CARD_TITLE
    )
    code_font = QFont(theme.FONT_FAMILY)
    code_font.setPixelSize(round(page.mm(6.5)))
    code_font.setBold(True)
    painter.setFont(code_font)
    painter.drawText(
        QRectF(margin, page.mm(18), text_width, page.mm(12)), Qt.AlignmentFlag.AlignLeft, shown
    )
    small = QFont(theme.FONT_FAMILY)
    small.setPixelSize(round(page.mm(2.6)))
    painter.setFont(small)
    painter.drawText(
        QRectF(margin, page.mm(33), text_width, page.height - page.mm(33) - margin),
        Qt.TextFlag.TextWordWrap,
        f"つぎに 来たときに うけつけで 見せてください。\n{centre_name}",
    )


class NewCardScreen(Screen):
    """「カードが できました」: the code, its QR, いんさつ, はじめる."""

    screen_name = "new-card"
    MESSAGE = "あなたの カードが できました。つぎに {来|き}たときに つかいます。"

    def __init__(self, ctx: AppContext, code: str) -> None:
        super().__init__(ctx)
        self.code = code
        spacing = ctx.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(self.MESSAGE, role="heading", center=True))

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
        self.code_label.setProperty("role", "title")
        self.code_label.setAccessibleName("カードの ばんごう")
        words.addWidget(self.code_label)
        row.addLayout(words)
        self.qr = QrCodeView(format_code(code))
        row.addWidget(self.qr)
        add_row(layout, card, spacing=spacing)

        self.outcome = RubyText("", center=True)
        layout.addWidget(self.outcome)
        self.print_button = big_button("いんさつ する", self.print_card)
        self.start_button = big_button("はじめる", ctx.home, primary=True)
        add_row(layout, self.print_button, self.start_button, spacing=spacing)
        layout.addStretch(1)

    def intro_text(self) -> str:
        return self.MESSAGE

    def print_card(self) -> None:
        """Print the card, or save it as a PDF for staff when there is no printer."""
        code, centre = self.code, self.ctx.config.centre_name
        outcome = save_or_print(
            [lambda painter, page: draw_card(painter, page, code, centre)],
            CARD_SIZE,
            self.ctx.config,
            self.ctx.data_dir,
            "card",
            title=CARD_TITLE,
        )
        if outcome.printed:
            self.outcome.set_text("いんさつ しました。プリンターから カードを とってください。")
        else:
            # The learner cannot act on a file path: ask them to fetch staff, who can.
            self.outcome.set_text("いま いんさつ できません。スタッフに こえを かけてください。")
        self.outcome.setToolTip(outcome.message)
        self.print_message = outcome.message
