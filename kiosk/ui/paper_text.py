"""Text on paper: wrapped by the screen's line-breaking rules and sized to fit its box.

Page painters (``kiosk.ui.printing``) draw in the screen's logical units, so a font in
points measures the same here as it prints. Each line is drawn in one piece, which keeps
it whole and searchable in the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from kiosk.core.line_breaking import breaks_inside_a_word, wrap
from kiosk.ui import theme

SIZE_STEP = 0.5
"""Points between the sizes ``fit_text`` tries."""


def paper_font(points: float, *, bold: bool = False) -> QFont:
    """The kiosk's font at ``points`` on paper."""
    font = QFont(theme.FONT_FAMILY)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


@dataclass(frozen=True)
class PaperText:
    """Text laid out at one size: its lines and the rectangle they cover."""

    lines: tuple[str, ...]
    font: QFont
    rect: QRectF
    line_height: float
    broken_word: bool
    """True when a line ends inside a word (the box was too narrow for it)."""

    @property
    def points(self) -> float:
        return self.font.pointSizeF()

    def fits(self, box: QRectF) -> bool:
        """Whether every line is inside ``box`` and no word is cut."""
        return not self.broken_word and box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(self.rect)


def lay_out_text(text: str, font: QFont, box: QRectF) -> PaperText:
    """``text`` wrapped to the width of ``box``, starting at its top left corner."""
    metrics = QFontMetricsF(font)
    pieces = list(text)
    widths = [metrics.horizontalAdvance(piece) for piece in pieces]
    lines = wrap(pieces, widths, box.width())
    texts = tuple("".join(pieces[i] for i in line) for line in lines)
    widest = max((metrics.horizontalAdvance(line) for line in texts), default=0.0)
    line_height = metrics.lineSpacing()
    rect = QRectF(box.left(), box.top(), widest, line_height * len(texts))
    return PaperText(texts, font, rect, line_height, breaks_inside_a_word(pieces, lines))


def fit_text(
    text: str, box: QRectF, *, largest: float, smallest: float, bold: bool = False
) -> PaperText:
    """``text`` at the largest size from ``largest`` down to ``smallest`` points that fits
    ``box`` without cutting a word; at ``smallest`` if none does (the caller's test fails)."""
    points = largest
    while True:
        laid = lay_out_text(text, paper_font(points, bold=bold), box)
        if laid.fits(box) or points - SIZE_STEP < smallest:
            return laid
        points -= SIZE_STEP


def draw_text(painter: QPainter, laid: PaperText, ink: str = theme.INK) -> None:
    """Draw the lines of ``laid`` where they were laid out."""
    painter.save()
    painter.setFont(laid.font)
    painter.setPen(QColor(ink))
    ascent = QFontMetricsF(laid.font).ascent()
    for index, line in enumerate(laid.lines):
        top = laid.rect.top() + index * laid.line_height
        painter.drawText(QPointF(laid.rect.left(), top + ascent), line)
    painter.restore()
