"""A lesson's take-home sheet: one A4 page with every step in big print.

Drawn with ``kiosk.ui.paper_text``: lines break only between words, as on screen, and
the body text takes the largest size from ``BODY_PT`` down to ``MIN_BODY_PT`` at which
the whole lesson fits the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPageSize, QPainter, QPen

from kiosk.core.config import Config
from kiosk.core.lessons import Lesson
from kiosk.core.procedures import fill_placeholders
from kiosk.core.ruby import plain_text
from kiosk.ui import theme
from kiosk.ui.paper_text import PaperText, draw_text, lay_out_text, paper_font
from kiosk.ui.printing import Page, PrintOutcome, pdf_bytes, save_or_print
from kiosk.ui.services import Services

A4 = QPageSize(QPageSize.PageSizeId.A4)
MARGIN_MM = 12.0
BODY_PT = 16.0
MIN_BODY_PT = 12.0
STEP_GAP_MM = 2.5
NUMBER_MM = 9.0
KICKER = "スマホ教室で ならったこと"


@dataclass(frozen=True)
class LessonSheetLayout:
    """Everything on the page, in page units; ``body_pt`` is the size the steps got."""

    page: Page
    body_pt: float
    texts: tuple[PaperText, ...]
    numbers: tuple[tuple[QRectF, int], ...]
    footer: PaperText
    rule_y: float

    def fits(self) -> bool:
        """True when every text ends above the footer line."""
        return all(text.rect.bottom() <= self.rule_y for text in self.texts)


def _lay_out(lesson: Lesson, config: Config, page: Page, body_pt: float) -> LessonSheetLayout:
    margin = page.mm(MARGIN_MM)
    width = page.width - 2 * margin
    y = margin
    texts: list[PaperText] = []

    def add(text: str, points: float, *, bold: bool = False, indent: float = 0.0) -> PaperText:
        nonlocal y
        laid = lay_out_text(
            text, paper_font(points, bold=bold), QRectF(margin + indent, y, width - indent, 0)
        )
        texts.append(laid)
        y = laid.rect.bottom()
        return laid

    add(KICKER, MIN_BODY_PT)
    add(lesson.plain_title, body_pt * 1.5, bold=True)
    y += page.mm(STEP_GAP_MM)
    indent = page.mm(NUMBER_MM + 3)
    numbers: list[tuple[QRectF, int]] = []
    for step in lesson.steps:
        top = y + page.mm(STEP_GAP_MM)
        y = top
        numbers.append((QRectF(margin, top, page.mm(NUMBER_MM), page.mm(NUMBER_MM)), step.number))
        add(plain_text(step.title), body_pt + 2, bold=True, indent=indent)
        y += page.mm(1)
        add(plain_text(step.text), body_pt, indent=indent)
    footer_font = paper_font(MIN_BODY_PT)
    footer_top = page.height - margin - page.mm(8)
    footer = lay_out_text(
        f"{config.centre_name}（{config.municipality}）",
        footer_font,
        QRectF(margin, footer_top + page.mm(2), width, 0),
    )
    return LessonSheetLayout(page, body_pt, tuple(texts), tuple(numbers), footer, footer_top)


def lesson_sheet_layout(lesson: Lesson, config: Config, page: Page) -> LessonSheetLayout:
    """The layout with the largest body size that fits one page (the smallest if none does)."""
    names = {"office": config.office_markup}
    lesson = lesson.filled(lambda text: fill_placeholders(text, names))
    points = BODY_PT
    while True:
        layout = _lay_out(lesson, config, page, points)
        if layout.fits() or points - 0.5 < MIN_BODY_PT:
            return layout
        points -= 0.5


def _draw(painter: QPainter, page: Page, lesson: Lesson, config: Config) -> None:
    layout = lesson_sheet_layout(lesson, config, page)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for text in layout.texts:
        draw_text(painter, text)
    number_font = paper_font(MIN_BODY_PT + 2, bold=True)
    for rect, number in layout.numbers:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.INK))
        painter.drawEllipse(rect)
        painter.setFont(number_font)
        painter.setPen(QColor(theme.PAPER))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))
    margin = page.mm(MARGIN_MM)
    painter.setPen(QPen(QColor(theme.OUTLINE), page.mm(0.3)))
    painter.drawLine(QPointF(margin, layout.rule_y), QPointF(page.width - margin, layout.rule_y))
    draw_text(painter, layout.footer)


def lesson_sheet_pdf(lesson: Lesson, config: Config) -> bytes:
    """The sheet as PDF bytes (for tests and previews)."""
    return pdf_bytes(
        [lambda painter, page: _draw(painter, page, lesson, config)], A4, title=lesson.plain_title
    )


def print_lesson_sheet(lesson: Lesson, services: Services) -> PrintOutcome:
    """Print the sheet on the configured printer, or save it under ``data_dir/prints``."""
    config = services.config
    return save_or_print(
        [lambda painter, page: _draw(painter, page, lesson, config)],
        A4,
        config,
        services.data_dir,
        f"lesson-{lesson.id}",
        title=lesson.plain_title,
    )
