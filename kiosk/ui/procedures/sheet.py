"""The take-home sheet of a procedure: large print on at most two A4 pages.

The sheet is laid out with the same widgets as the kiosk (``RubyText`` with furigana)
in an invisible window, cut into pages between blocks, and each block is rendered into
the page, so the PDF keeps real, searchable text. Each step is a card in one of two
columns: its number and title, a small wordless picture of its mock screen with the
place to press ringed, and the words on that place in large print. The body takes the
largest size from ``PRINT_BODY_PT`` down to ``MIN_PRINT_BODY_PT`` at which the sheet
fits ``MAX_PAGES`` pages.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPoint, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.config import Config
from kiosk.core.procedures import Procedure, ProcedureStep, placeholder_values
from kiosk.core.ruby import plain_text
from kiosk.ui import theme
from kiosk.ui.display import OwnDisplay
from kiosk.ui.printing import Page, PagePainter, PrintOutcome, page_for, save_or_print
from kiosk.ui.procedures.mock.style import PRIMARY_FILL
from kiosk.ui.procedures.pages import AFTER_HEADING, NOTES_HEADING, QR_CAPTION
from kiosk.ui.procedures.parts import SvgIcon, paint_check
from kiosk.ui.procedures.placeholders import filler
from kiosk.ui.procedures.thumbnail import ScreenOutline, ScreenThumbnail, screen_outline
from kiosk.ui.qr import draw_matrix, qr_matrix
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.services import Services

A4 = QPageSize(QPageSize.PageSizeId.A4)
PRINT_BODY_PT = 16.0
"""Large print: the body is drawn at this size when the sheet fits (headings scale with it)."""
MIN_PRINT_BODY_PT = 13.0
"""The smallest body tried; every word a learner reads is 12 pt or more (furigana aside)."""
MAX_PAGES = 2
MARGIN_MM = 12.0
FOOTER_MM = 9.0
FOOTER_PT = 12.5
QR_MM = 32.0
GAP_MM = 3.5
RUBY_MIN_PT = 8.0
"""Furigana on paper: half the size of their words, and never under this."""
NUMBER_PT = 14.0
NUMBER_MM = 8.5
SIZES = {"body": 1.0, "strong": 1.15, "heading": 1.3, "title": 1.6}
"""Each size of words, relative to the body: "strong" (bold) for step titles and the
things to bring, "heading" above each part, "title" for the procedure's name."""
ROLE_PT = {"body": theme.BODY_PT, "heading": theme.HEADING_PT, "title": theme.TITLE_PT}
THUMB_MM = (28.0, 25.0)
"""The most room a step's screen picture takes: width, height."""


class _Slot(QWidget):
    """Reserves room in a block for something painted later (the QR code)."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.setFixedSize(round(width), round(height))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class _Box(QWidget):
    """A block with a frame around it (the 持ち物 checklist, the words to press)."""

    def __init__(self, fill: str = theme.PAPER) -> None:
        super().__init__()
        self.fill = fill

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.OUTLINE), 3))
        painter.setBrush(QColor(self.fill))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 12, 12)
        painter.end()


class _CheckBox(QWidget):
    """An empty box to tick on paper."""

    def __init__(self, side: float) -> None:
        super().__init__()
        self.setFixedSize(round(side), round(side))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_check(painter, QRectF(self.rect()).adjusted(3, 3, -3, -3), False)
        painter.end()


class _Number(QWidget):
    """A step number in a dark circle."""

    def __init__(self, number: int, side: float) -> None:
        super().__init__()
        self.number = number
        self.setFixedSize(round(side), round(side))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.INK))
        painter.drawEllipse(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        font = QFont(theme.FONT_FAMILY)
        font.setPointSizeF(NUMBER_PT)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(theme.PAPER))
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, str(self.number))
        painter.end()


def key_words(step: ProcedureStep) -> list[str]:
    """The words on the places to press at ``step`` (none for a PIN pad's digits)."""
    words: list[str] = []
    for target in step.targets:
        element = step.screen.element(target)
        text = getattr(element, "text", "")
        if isinstance(text, str) and text and text not in words:
            words.append(text)
    return words


class ProcedureSheet:
    """Builds the pages of one procedure's sheet. Keep it alive until the pages are drawn."""

    def __init__(
        self,
        procedure: Procedure,
        config: Config,
        *,
        show_ruby: bool = True,
        body_pt: float = PRINT_BODY_PT,
        outlines: list[ScreenOutline] | None = None,
    ) -> None:
        self.procedure = procedure
        self.config = config
        self.show_ruby = show_ruby
        self.body_pt = body_pt
        self.page = page_for(A4)
        fill = filler(placeholder_values(config))
        self.fill = fill
        self.outlines = outlines or [
            screen_outline(step.screen, step.targets, fill) for step in procedure.steps
        ]
        page = self.page
        self.width = page.width - 2 * page.mm(MARGIN_MM)
        self.card_width = (round(self.width) - round(page.mm(GAP_MM))) // 2
        self.key_pad = round(page.mm(1.8))
        self.root = QWidget()
        self.root.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.root.setStyleSheet(f"background: {theme.PAPER};")
        column = QVBoxLayout(self.root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(round(page.mm(GAP_MM)))
        self.blocks: list[QWidget] = []
        self.keep_with_next: set[int] = set()
        self.qr_slot: _Slot | None = None

        self._add(self._title_block())
        self._add(self._items_block())
        if not procedure.url:
            self._add(self._finding_block())
        # Each warning is its own block so that they flow on to the next page.
        self._add(self._text(NOTES_HEADING, "heading"), keep_with_next=True)
        for note in procedure.notes:
            self._add(self._text(f"・{fill(note)}"))
        self._add(self._text("やりかた", "heading"), keep_with_next=True)
        # Steps two to a row; what to do afterwards takes the cell after the last step.
        cards = [
            self._step_card(step, outline)
            for step, outline in zip(procedure.steps, self.outlines, strict=True)
        ]
        if procedure.afterwards:
            cards.append(self._afterwards_card(procedure.afterwards))
        for first in range(0, len(cards), 2):
            self._add(self._card_row(cards[first : first + 2]))
        for block in self.blocks:
            column.addWidget(block)
        column.addStretch(1)
        self._lay_out()

    # Blocks ------------------------------------------------------------------------------
    def _add(self, block: QWidget, *, keep_with_next: bool = False) -> None:
        if keep_with_next:
            self.keep_with_next.add(len(self.blocks))
        self.blocks.append(block)

    def _text(self, marked: str, size: str = "body", *, center: bool = False) -> RubyText:
        """Words at one of the sheet's sizes: "body", "strong" (bold), "heading" or "title"."""
        role = "body" if size == "body" else "title" if size == "title" else "heading"
        points = self.body_pt * SIZES[size]
        paper = OwnDisplay(
            points / ROLE_PT[role], self.show_ruby, self.root, ruby_min_pt=RUBY_MIN_PT
        )
        return RubyText(marked, role=role, center=center, display=paper)

    def _title_block(self) -> QWidget:
        """The title and summary, with the QR code to the real service on the right."""
        block = QWidget()
        row = QHBoxLayout(block)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(round(self.page.mm(GAP_MM)))
        words = QVBoxLayout()
        words.setSpacing(round(self.page.mm(1.5)))
        procedure = self.procedure
        words.addWidget(self._text(self.fill(procedure.title), "title"))
        words.addWidget(self._text(self.fill(procedure.summary)))
        if procedure.url:
            label = f"（{self.fill(procedure.url_label)}）" if procedure.url_label else ""
            words.addWidget(self._text(f"{QR_CAPTION}{label}"))
            words.addWidget(self._text(procedure.url))
        words.addStretch(1)
        row.addLayout(words, 1)
        if procedure.url:
            side = self.page.mm(QR_MM)
            self.qr_slot = _Slot(side, side)
            row.addWidget(self.qr_slot, 0, Qt.AlignmentFlag.AlignTop)
        return block

    def _items_block(self) -> QWidget:
        block = _Box()
        layout = QVBoxLayout(block)
        pad = round(self.page.mm(3))
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(round(self.page.mm(1.5)))
        layout.addWidget(self._text("もちもの（もったら しるしを つけましょう）", "heading"))
        icon = self.page.mm(10)
        for item in self.procedure.items:
            row = QHBoxLayout()
            row.setSpacing(round(self.page.mm(3)))
            row.addWidget(_CheckBox(self.page.mm(8)), 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(SvgIcon(item.icon_path, round(icon)), 0, Qt.AlignmentFlag.AlignVCenter)
            words = QVBoxLayout()
            words.setSpacing(0)
            words.addWidget(self._text(self.fill(item.name), "strong"))
            if item.note:
                words.addWidget(self._text(self.fill(item.note)))
            row.addLayout(words, 1)
            layout.addLayout(row)
        return block

    def _finding_block(self) -> QWidget:
        """How to find the real page, for a procedure without a web address."""
        block = QWidget()
        words = QVBoxLayout(block)
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(round(self.page.mm(1)))
        words.addWidget(self._text("{本物|ほんもの}の ページの さがしかた", "heading"))
        words.addWidget(self._text(self.fill(self.procedure.how_to_find or "")))
        return block

    def _card_row(self, cards: list[QWidget]) -> QWidget:
        """Two cards side by side (the last row may hold one)."""
        block = QWidget()
        row = QHBoxLayout(block)
        row.setContentsMargins(0, 0, 0, 0)
        gap = round(self.page.mm(GAP_MM))
        row.setSpacing(gap)
        for card in cards:
            card.setFixedWidth(self.card_width)
            row.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        return block

    def _afterwards_card(self, text: str) -> QWidget:
        card = QWidget()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(round(self.page.mm(1)))
        layout.addWidget(self._text(AFTER_HEADING, "strong"))
        layout.addWidget(self._text(self.fill(text)))
        return card

    def _numbered_picture(self, number: int, outline: ScreenOutline) -> QWidget:
        """The screen's picture with the step's number on its top left corner."""
        side = self.page.mm(NUMBER_MM)
        most = QSizeF(self.page.mm(THUMB_MM[0]), self.page.mm(THUMB_MM[1]))
        holder = QWidget()
        picture = ScreenThumbnail(outline, most)
        picture.setParent(holder)
        offset = round(side * 0.4)
        picture.move(offset, offset)
        _Number(number, side).setParent(holder)
        holder.setFixedSize(picture.width() + offset, picture.height() + offset)
        return holder

    def _step_card(self, step: ProcedureStep, outline: ScreenOutline) -> QWidget:
        """The step's number on its picture, and beside them its title and the words to press."""
        page = self.page
        card = QWidget()
        grid = QGridLayout(card)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(round(page.mm(2.5)))
        grid.setVerticalSpacing(round(page.mm(1.5)))
        top = Qt.AlignmentFlag.AlignTop
        picture = self._numbered_picture(step.number, outline)
        grid.addWidget(picture, 0, 0, 2, 1, top)
        grid.addWidget(self._text(self.fill(step.title), "strong"), 0, 1, top)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        words = key_words(step)
        if not words:
            return card
        keys = QWidget()
        column = QVBoxLayout(keys)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(round(page.mm(1.5)))
        texts = [self._key_box(text, column) for text in words]
        # Beside the picture, unless that would cut a word: then below it, across the card.
        beside = self.card_width - picture.width() - grid.horizontalSpacing() - 2 * self.key_pad
        if any(text.cuts_a_word(beside) for text in texts):
            grid.addWidget(keys, 2, 0, 1, 2, top)
        else:
            grid.addWidget(keys, 1, 1, top)
        return card

    def _key_box(self, marked: str, column: QVBoxLayout) -> RubyText:
        """The words on a place to press, framed like the button on the screen."""
        box = _Box(PRIMARY_FILL)
        inside = QVBoxLayout(box)
        pad = self.key_pad
        inside.setContentsMargins(pad, pad, pad, pad)
        text = self._text(self.fill(marked), center=True)
        inside.addWidget(text)
        column.addWidget(box)
        return text

    # Layout and pages ----------------------------------------------------------------------
    def _lay_out(self) -> None:
        width = round(self.width)
        self.root.setFixedWidth(width)
        self.root.show()
        layout = self.root.layout()
        assert layout is not None
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
        self.root.resize(width, max(height, layout.totalMinimumSize().height()))
        layout.activate()

    def page_blocks(self) -> list[list[int]]:
        """Block indexes per page: blocks never split; a heading stays with what follows."""
        usable = self.page.height - 2 * self.page.mm(MARGIN_MM) - self.page.mm(FOOTER_MM)
        gap = self.page.mm(GAP_MM)
        pages: list[list[int]] = [[]]
        used = 0.0
        index = 0
        while index < len(self.blocks):
            group = [index]
            while group[-1] in self.keep_with_next and group[-1] + 1 < len(self.blocks):
                group.append(group[-1] + 1)
            height = sum(self.blocks[i].height() for i in group) + gap * (len(group) - 1)
            needed = height + (gap if pages[-1] else 0)
            if pages[-1] and used + needed > usable:
                pages.append([])
                used = 0.0
                needed = height
            pages[-1].extend(group)
            used += needed
            index = group[-1] + 1
        return pages

    def pages(self) -> list[PagePainter]:
        """One painter per page, for ``pdf_bytes`` or ``save_or_print``."""
        groups = self.page_blocks()
        return [
            functools.partial(self._draw, blocks=group, number=number, total=len(groups))
            for number, group in enumerate(groups, 1)
        ]

    def _draw(
        self, painter: QPainter, page: Page, blocks: list[int], number: int, total: int
    ) -> None:
        margin = page.mm(MARGIN_MM)
        gap = page.mm(GAP_MM)
        y = margin
        for index in blocks:
            block = self.blocks[index]
            painter.save()
            painter.translate(margin, y)
            block.render(painter, QPoint(0, 0))
            self._draw_extras(painter, block)
            painter.restore()
            y += block.height() + gap
        self._draw_footer(painter, page, number, total)

    def _draw_extras(self, painter: QPainter, block: QWidget) -> None:
        if self.qr_slot is not None and self.procedure.url and block.isAncestorOf(self.qr_slot):
            origin = self.qr_slot.mapTo(block, QPoint(0, 0))
            rect = QRectF(origin.x(), origin.y(), self.qr_slot.width(), self.qr_slot.height())
            draw_matrix(painter, rect, qr_matrix(self.procedure.url))

    def _draw_footer(self, painter: QPainter, page: Page, number: int, total: int) -> None:
        margin = page.mm(MARGIN_MM)
        font = QFont(theme.FONT_FAMILY)
        font.setPointSizeF(FOOTER_PT)
        painter.setFont(font)
        painter.setPen(QColor(theme.INK))
        area = QRectF(
            margin,
            page.height - margin - page.mm(FOOTER_MM) + page.mm(3),
            page.width - 2 * margin,
            page.mm(FOOTER_MM) - page.mm(3),
        )
        painter.setPen(QPen(QColor(theme.OUTLINE), 1))
        painter.drawLine(area.topLeft(), area.topRight())
        left = f"{self.config.centre_name}（{self.config.municipality}）"
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{number} / {total}"
        )

    def close(self) -> None:
        """Free the invisible widgets."""
        self.root.close()
        self.root.deleteLater()


def fitted_sheet(procedure: Procedure, config: Config, *, show_ruby: bool = True) -> ProcedureSheet:
    """The sheet at the largest body size that fits ``MAX_PAGES`` (the smallest if none does)."""
    fill = filler(placeholder_values(config))
    outlines = [screen_outline(step.screen, step.targets, fill) for step in procedure.steps]
    points = PRINT_BODY_PT
    while True:
        sheet = ProcedureSheet(
            procedure, config, show_ruby=show_ruby, body_pt=points, outlines=outlines
        )
        if len(sheet.page_blocks()) <= MAX_PAGES or points - 1 < MIN_PRINT_BODY_PT:
            return sheet
        sheet.close()
        points -= 1


def sheet_title(procedure: Procedure, config: Config) -> str:
    """The PDF's title: the procedure's title without furigana."""
    return plain_text(filler(placeholder_values(config))(procedure.title))


def procedure_sheet_pdf(procedure: Procedure, config: Config, *, show_ruby: bool = True) -> bytes:
    """The sheet as PDF bytes (for tests and previews)."""
    from kiosk.ui.printing import pdf_bytes

    sheet = fitted_sheet(procedure, config, show_ruby=show_ruby)
    try:
        return pdf_bytes(sheet.pages(), A4, title=sheet_title(procedure, config))
    finally:
        sheet.close()


def print_procedure_sheet(
    procedure: Procedure, services: Services, *, show_ruby: bool
) -> PrintOutcome:
    """Print the sheet on the configured printer, or save it under ``data_dir/prints``."""
    sheet = fitted_sheet(procedure, services.config, show_ruby=show_ruby)
    try:
        return save_or_print(
            sheet.pages(),
            A4,
            services.config,
            services.data_dir,
            f"procedure-{procedure.id}",
            title=sheet_title(procedure, services.config),
        )
    finally:
        sheet.close()
