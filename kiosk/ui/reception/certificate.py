"""修了証: a large-print A4 certificate once every 基本 lesson is done (no name unless recorded)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPen

from kiosk.core.learner import LearnerProgress, learner_progress
from kiosk.core.ruby import plain_text
from kiosk.ui import theme
from kiosk.ui.printing import Page, save_or_print
from kiosk.ui.reception.content import learner_content
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout

TITLE = "修了証"
ACHIEVEMENT = "スマホの 基本の レッスンを\nすべて おえました。"
PRAISE = "よく がんばりました。\nこれからも スマホを たのしんで ください。"


def certificate_lines(
    progress: LearnerProgress, centre_name: str, name: str | None, day: date
) -> list[tuple[str, float, bool]]:
    """The certificate's lines, top to bottom, as (text, size in mm, bold): 8.5 mm is about 19 pt."""
    lines: list[tuple[str, float, bool]] = [(TITLE, 30.0, True)]
    if name:
        lines.append((f"{name} 様", 14.0, True))
    lines.append((ACHIEVEMENT, 11.0, True))
    lines.extend((f"・{plain_text(title)}", 8.5, False) for title in progress.basic_titles)
    lines.append((PRAISE, 8.5, False))
    lines.append((f"{day.year}年{day.month}月{day.day}日", 9.0, False))
    lines.append((centre_name, 11.0, True))
    return lines


def draw_certificate(painter: QPainter, page: Page, lines: list[tuple[str, float, bool]]) -> None:
    """One A4 page: a double frame and the lines, centred, in large type."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.INK), page.mm(1.2)))
    painter.drawRect(page.rect.adjusted(page.mm(10), page.mm(10), -page.mm(10), -page.mm(10)))
    painter.setPen(QPen(QColor(theme.INK), page.mm(0.4)))
    painter.drawRect(page.rect.adjusted(page.mm(13), page.mm(13), -page.mm(13), -page.mm(13)))
    top = page.mm(30)
    width = page.width - page.mm(50)
    for text, height_mm, bold in lines:
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(round(page.mm(height_mm * 0.8)))
        font.setBold(bold)
        painter.setFont(font)
        box = QRectF(page.mm(25), top, width, page.mm(height_mm * 2.4))
        used = painter.boundingRect(
            box, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, text
        )
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, text)
        top += used.height() + page.mm(height_mm * 0.3)


class CertificateScreen(Screen):
    """「おめでとう ございます」, what the certificate says, and いんさつ."""

    screen_name = "certificate"
    MESSAGE = "おめでとう ございます。{修了証|しゅうりょうしょう}を いんさつ できます。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions, code: str) -> None:
        super().__init__(services, nav, sessions)
        lessons, procedures = learner_content(services)
        visits = services.attendance.visits
        self.progress = learner_progress(visits.learner(code), lessons, procedures)
        participant = visits.store.find_participant(code)
        # A name is printed only where the centre records names and this learner gave one.
        name = participant.name if participant and services.config.record_names else None
        self.lines = certificate_lines(
            self.progress, services.config.centre_name, name, date.today()
        )
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(self.MESSAGE, role="title", center=True, display=self.display))
        self.print_button = big_button("いんさつ する", self.print_certificate, primary=True)
        self.back_button = big_button("もどる", nav.back)
        add_row(layout, self.back_button, self.print_button, spacing=spacing)
        self.outcome = RubyText("", center=True, display=self.display)
        layout.addWidget(self.outcome)
        # What the paper will say, below the buttons so that いんさつ is always in view.
        self.preview = RubyText(
            "\n".join(text for text, _, _ in self.lines), center=True, display=self.display
        )
        layout.addWidget(self.preview)
        layout.addStretch(1)

    def intro_text(self) -> str:
        return self.MESSAGE

    def print_certificate(self) -> None:
        """Print, or save a PDF for staff when there is no printer."""
        lines = self.lines
        outcome = save_or_print(
            [lambda painter, page: draw_certificate(painter, page, lines)],
            QPageSize(QPageSize.PageSizeId.A4),
            self.services.config,
            self.services.data_dir,
            "certificate",
            title=TITLE,
        )
        if outcome.printed:
            self.outcome.set_text("いんさつ しました。プリンターから とってください。")
        else:
            self.outcome.set_text("いま いんさつ できません。スタッフに こえを かけてください。")
        self.outcome.setToolTip(outcome.message)
        self.print_message = outcome.message
