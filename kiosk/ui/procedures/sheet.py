"""The take-home sheet of a procedure: large print on A4, with small mock screens and the QR code.

The sheet is laid out with the same widgets as the kiosk (``RubyText`` with furigana,
the mock screens) in an invisible window, cut into pages between blocks, and each
block is rendered into the page, so the PDF keeps real, searchable text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.config import Config
from kiosk.core.procedures import Procedure, ProcedureStep, placeholder_values
from kiosk.core.ruby import plain_text
from kiosk.ui import theme
from kiosk.ui.printing import Page, PagePainter, PrintOutcome, page_for, save_or_print
from kiosk.ui.procedures.mock import MOCK_TEXT_RATIO, MockScreenView, paint_rings
from kiosk.ui.procedures.pages import AFTER_HEADING, NOTES_HEADING, QR_CAPTION
from kiosk.ui.procedures.parts import SvgIcon, paint_check
from kiosk.ui.procedures.placeholders import filler
from kiosk.ui.qr import draw_matrix, qr_matrix
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import AppContext

PRINT_BODY_PT = 16.0
"""Large print: body text 16 pt on paper (headings and the title scale with it)."""
MARGIN_MM = 14.0
FOOTER_MM = 10.0
MOCK_PRINT_PT = 12.5
"""The mock screens' words on paper: 12 pt or more, like the rest of the large print."""
PRINT_DEVICE_WIDTH = 300
"""Mock screens are laid out this narrow for paper, then the part around what to press
is printed (the whole screen at 12 pt would take a page per step)."""
CROP_CONTEXT_PX = 28
"""Screen above and below the target that is printed with it."""
QR_MM = 42.0
GAP_MM = 5.0


class _Slot(QWidget):
    """Reserves room in a block for something painted later (a QR code, a mock screen)."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.setFixedSize(round(width), round(height))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class _Box(QWidget):
    """A block with a frame around it (the 持ち物 checklist, the warnings)."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.OUTLINE), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
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
        font.setPixelSize(round(self.height() * 0.5))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(theme.PAPER))
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, str(self.number))
        painter.end()


@dataclass
class _Thumb:
    """The part ``crop`` of a mock screen, drawn scaled by ``scale`` into a slot of a block."""

    slot: _Slot
    view: MockScreenView
    crop: QRectF
    scale: float


def mock_print_scale() -> float:
    """How much the mock screens are scaled on paper so their words are ``MOCK_PRINT_PT``."""
    return MOCK_PRINT_PT / (theme.BODY_PT * MOCK_TEXT_RATIO)


def crop_rect(view: MockScreenView) -> QRectF:
    """The band of the mock screen around its targets (the top of its display without one)."""
    area = QRectF(view.rect())
    targets = view.target_rects()
    if not targets:
        display = view.display
        display_top = display.mapTo(view, display.rect().topLeft()).y()
        return QRectF(area.left(), display_top, area.width(), min(display.height(), 160))
    top = max(area.top(), min(rect.top() for rect in targets) - CROP_CONTEXT_PX)
    bottom = min(area.bottom(), max(rect.bottom() for rect in targets) + CROP_CONTEXT_PX)
    return QRectF(area.left(), top, area.width(), bottom - top)


class ProcedureSheet:
    """Builds the pages of one procedure's sheet. Keep it alive until the pages are drawn."""

    def __init__(self, procedure: Procedure, config: Config, *, show_ruby: bool = True) -> None:
        self.procedure = procedure
        self.config = config
        self.show_ruby = show_ruby
        self.page = page_for(QPageSize(QPageSize.PageSizeId.A4))
        fill = filler(placeholder_values(config))
        self.fill = fill
        page = self.page
        self.width = page.width - 2 * page.mm(MARGIN_MM)
        self.root = QWidget()
        self.root.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.root.kiosk_scale = PRINT_BODY_PT / theme.BODY_PT  # type: ignore[attr-defined]
        self.root.kiosk_ruby = show_ruby  # type: ignore[attr-defined]
        self.root.setStyleSheet(f"background: {theme.PAPER};")
        column = QVBoxLayout(self.root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(round(page.mm(GAP_MM)))
        self.blocks: list[QWidget] = []
        self.keep_with_next: set[int] = set()
        self.thumbs: dict[int, _Thumb] = {}
        self.qr_slot: _Slot | None = None
        self.views: list[MockScreenView] = []

        self._add(self._title_block())
        self._add(self._items_block())
        self._add(self._qr_block())
        # Each warning is its own block so that they flow on to the next page.
        self._add(RubyText(NOTES_HEADING, role="heading"), keep_with_next=True)
        for note in procedure.notes:
            self._add(RubyText(f"・{fill(note)}"))
        heading = RubyText("やりかた", role="heading")
        self._add(heading, keep_with_next=True)
        for step in procedure.steps:
            self._add(*self._step_block(step))
        if procedure.afterwards:
            block = QWidget()
            layout = QVBoxLayout(block)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(RubyText(AFTER_HEADING, role="heading"))
            layout.addWidget(RubyText(fill(procedure.afterwards)))
            self._add(block)
        for block in self.blocks:
            column.addWidget(block)
        column.addStretch(1)
        self._lay_out()

    # Blocks ------------------------------------------------------------------------------
    def _add(
        self, block: QWidget, thumb: _Thumb | None = None, *, keep_with_next: bool = False
    ) -> None:
        index = len(self.blocks)
        self.blocks.append(block)
        if thumb is not None:
            self.thumbs[index] = thumb
        if keep_with_next:
            self.keep_with_next.add(index)

    def _title_block(self) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(round(self.page.mm(2)))
        layout.addWidget(RubyText("てつづきの れんしゅう", role="body"))
        layout.addWidget(RubyText(self.fill(self.procedure.title), role="title"))
        layout.addWidget(RubyText(self.fill(self.procedure.summary)))
        return block

    def _items_block(self) -> QWidget:
        block = _Box()
        layout = QVBoxLayout(block)
        pad = round(self.page.mm(4))
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(round(self.page.mm(2)))
        layout.addWidget(RubyText("もちもの（もったら しるしを つけましょう）", role="heading"))
        icon = self.page.mm(12)
        for item in self.procedure.items:
            row = QHBoxLayout()
            row.setSpacing(round(self.page.mm(3)))
            row.addWidget(_CheckBox(self.page.mm(9)), 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(SvgIcon(item.icon_path, round(icon)), 0, Qt.AlignmentFlag.AlignVCenter)
            words = QVBoxLayout()
            words.setSpacing(0)
            words.addWidget(RubyText(self.fill(item.name), role="heading"))
            if item.note:
                words.addWidget(RubyText(self.fill(item.note)))
            row.addLayout(words, 1)
            layout.addLayout(row)
        return block

    def _qr_block(self) -> QWidget:
        block = QWidget()
        layout = QHBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(round(self.page.mm(GAP_MM)))
        words = QVBoxLayout()
        words.setSpacing(round(self.page.mm(2)))
        procedure = self.procedure
        if procedure.url:
            side = self.page.mm(QR_MM)
            self.qr_slot = _Slot(side, side)
            layout.addWidget(self.qr_slot, 0, Qt.AlignmentFlag.AlignTop)
            words.addWidget(RubyText(QR_CAPTION, role="heading"))
            if procedure.url_label:
                words.addWidget(RubyText(f"{self.fill(procedure.url_label)}の ページです。"))
            words.addWidget(RubyText(procedure.url))
        else:
            words.addWidget(RubyText("{本物|ほんもの}の ページの さがしかた", role="heading"))
            words.addWidget(RubyText(self.fill(procedure.how_to_find or "")))
        words.addStretch(1)
        layout.addLayout(words, 1)
        return block

    def _step_block(self, step: ProcedureStep) -> tuple[QWidget, _Thumb]:
        view = MockScreenView(
            step.screen,
            fill=self.fill,
            targets=step.targets,
            text_scale=MOCK_TEXT_RATIO,
            width=PRINT_DEVICE_WIDTH,
        )
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.kiosk_ruby = self.show_ruby  # type: ignore[attr-defined]
        width = PRINT_DEVICE_WIDTH
        view.setFixedWidth(width)
        view.show()
        view.resize(width, max(view.heightForWidth(width), view.minimumSizeHint().height()))
        layout = view.layout()
        if layout is not None:
            layout.activate()
        self.views.append(view)
        crop = crop_rect(view)
        scale = mock_print_scale()
        slot = _Slot(crop.width() * scale, crop.height() * scale)

        block = QWidget()
        row = QHBoxLayout(block)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(round(self.page.mm(GAP_MM)))
        row.addWidget(slot, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(round(self.page.mm(1.5)))
        title_row = QHBoxLayout()
        title_row.setSpacing(round(self.page.mm(2)))
        title_row.addWidget(_Number(step.number, self.page.mm(10)), 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(RubyText(self.fill(step.title), role="heading"), 1)
        words.addLayout(title_row)
        words.addWidget(RubyText(self.fill(step.narration)))
        words.addStretch(1)
        row.addLayout(words, 1)
        return block, _Thumb(slot, view, crop, scale)

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
            self._draw_extras(painter, index, block)
            painter.restore()
            y += block.height() + gap
        self._draw_footer(painter, page, number, total)

    def _draw_extras(self, painter: QPainter, index: int, block: QWidget) -> None:
        if self.qr_slot is not None and self.procedure.url and block.isAncestorOf(self.qr_slot):
            origin = self.qr_slot.mapTo(block, QPoint(0, 0))
            rect = QRectF(origin.x(), origin.y(), self.qr_slot.width(), self.qr_slot.height())
            draw_matrix(painter, rect, qr_matrix(self.procedure.url))
        thumb = self.thumbs.get(index)
        if thumb is None:
            return
        origin = thumb.slot.mapTo(block, QPoint(0, 0))
        painter.save()
        painter.translate(origin.x(), origin.y())
        painter.scale(thumb.scale, thumb.scale)
        painter.translate(-thumb.crop.topLeft())
        painter.setClipRect(thumb.crop)
        thumb.view.render(painter, thumb.crop.topLeft().toPoint(), QRegion(thumb.crop.toRect()))
        paint_rings(painter, thumb.view.target_rects(), 0.5)
        painter.setClipping(False)
        # The screen's edge around the printed band, so it reads as part of a screen.
        painter.setPen(QPen(QColor(theme.OUTLINE), 2 / thumb.scale))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(thumb.crop)
        painter.restore()

    def _draw_footer(self, painter: QPainter, page: Page, number: int, total: int) -> None:
        margin = page.mm(MARGIN_MM)
        font = QFont(theme.FONT_FAMILY)
        font.setPointSizeF(11)
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
        for view in self.views:
            view.close()
            view.deleteLater()
        self.root.close()
        self.root.deleteLater()


def sheet_title(procedure: Procedure, config: Config) -> str:
    """The PDF's title: the procedure's title without furigana."""
    return plain_text(filler(placeholder_values(config))(procedure.title))


def procedure_sheet_pdf(procedure: Procedure, config: Config, *, show_ruby: bool = True) -> bytes:
    """The sheet as PDF bytes (for tests and previews)."""
    from kiosk.ui.printing import pdf_bytes

    sheet = ProcedureSheet(procedure, config, show_ruby=show_ruby)
    try:
        return pdf_bytes(
            sheet.pages(), QPageSize(QPageSize.PageSizeId.A4), title=sheet_title(procedure, config)
        )
    finally:
        sheet.close()


def print_procedure_sheet(procedure: Procedure, ctx: AppContext) -> PrintOutcome:
    """Print the sheet on the configured printer, or save it under ``data_dir/prints``."""
    sheet = ProcedureSheet(procedure, ctx.config, show_ruby=ctx.sessions.current.furigana)
    try:
        return save_or_print(
            sheet.pages(),
            QPageSize(QPageSize.PageSizeId.A4),
            ctx.config,
            ctx.data_dir,
            f"procedure-{procedure.id}",
            title=sheet_title(procedure, ctx.config),
        )
    finally:
        sheet.close()
