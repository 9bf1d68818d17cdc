"""The participant card on paper (ID-1 size): the code in big bold letters and as a QR.

``card_layout`` decides where everything goes and at what size, so tests can check the
geometry without reading pixels; ``draw_card`` only paints that layout.

    +--------------------------------------------+
    | title (bold)                 +-----------+ |
    | note: show this card at      |    QR     | |
    | reception next time          | (quiet    | |
    | centre name                  |  zone)    | |
    |                              +-----------+ |
    | ABCDE-FGHJK  (bold, 14 pt or more)         |
    +--------------------------------------------+
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QColor, QPageSize, QPainter, QPen

from kiosk.core.attendance.codes import format_code
from kiosk.ui import theme
from kiosk.ui.paper_text import PaperText, draw_text, fit_text
from kiosk.ui.printing import Page
from kiosk.ui.qr import QUIET_ZONE, Matrix, draw_matrix, qr_matrix

CARD_SIZE = QPageSize(QSizeF(85.6, 54.0), QPageSize.Unit.Millimeter, "ID-1 card")
CARD_TITLE = "デジタル相談コーナー 利用カード"
CARD_NOTE = "つぎに 来たときに うけつけで 見せてください。"

MARGIN_MM = 4.0
"""Between the card's edge and the text."""
QR_INSET_MM = 2.0
"""Between the card's edge and the QR code's own white border (its quiet zone)."""
QR_MM = 31.0
"""Side of the QR code, quiet zone included."""
GAP_MM = 1.5
CODE_PT = (28.0, 14.0)
TITLE_PT = (12.0, 10.0)
NOTE_PT = (12.0, 10.0)


@dataclass(frozen=True)
class CardLayout:
    """Where each part of the card goes, in page units."""

    border: QRectF
    qr: QRectF
    """The QR code including its quiet zone: nothing else is drawn inside it."""
    matrix: Matrix
    title: PaperText
    note: PaperText
    centre: PaperText
    code: PaperText

    @property
    def texts(self) -> tuple[PaperText, ...]:
        return (self.title, self.note, self.centre, self.code)

    @property
    def quiet_zone(self) -> float:
        """Width of the QR's white border in page units."""
        return self.qr.width() / len(self.matrix) * QUIET_ZONE


def card_layout(page: Page, code: str, centre_name: str) -> CardLayout:
    """Lay out one card for ``code`` (printed as ``format_code`` shows it)."""
    shown = format_code(code)
    margin = page.mm(MARGIN_MM)
    gap = page.mm(GAP_MM)
    pen = page.mm(0.4)
    border = page.rect.adjusted(pen / 2 + 1, pen / 2 + 1, -pen / 2 - 1, -pen / 2 - 1)
    side = page.mm(QR_MM)
    qr = QRectF(page.width - page.mm(QR_INSET_MM) - side, page.mm(QR_INSET_MM), side, side)
    column = QRectF(margin, margin, qr.left() - margin, qr.bottom() - margin)

    title = fit_text(CARD_TITLE, column, largest=TITLE_PT[0], smallest=TITLE_PT[1], bold=True)
    below_title = column.adjusted(0, title.rect.height() + gap, 0, 0)
    centre = fit_text(centre_name, below_title, largest=NOTE_PT[0], smallest=NOTE_PT[1])
    # The centre's name sits at the bottom of the column, the note fills what is between.
    centre_box = below_title.adjusted(0, below_title.height() - centre.rect.height(), 0, 0)
    centre = fit_text(centre_name, centre_box, largest=centre.points, smallest=NOTE_PT[1])
    note_box = below_title.adjusted(0, 0, 0, -centre.rect.height() - gap)
    note = fit_text(CARD_NOTE, note_box, largest=NOTE_PT[0], smallest=NOTE_PT[1])

    band = QRectF(margin, qr.bottom(), page.width - 2 * margin, page.height - margin - qr.bottom())
    code_text = fit_text(shown, band, largest=CODE_PT[0], smallest=CODE_PT[1], bold=True)
    # Centre the code's line in the band below the QR code.
    shift = (band.height() - code_text.rect.height()) / 2
    code_box = band.adjusted(0, shift, 0, 0)
    code_text = fit_text(
        shown, code_box, largest=code_text.points, smallest=code_text.points, bold=True
    )
    return CardLayout(border, qr, qr_matrix(shown), title, note, centre, code_text)


def draw_card(painter: QPainter, page: Page, code: str, centre_name: str) -> None:
    """One card: title, note, the centre's name, the code in letters and as a QR."""
    layout = card_layout(page, code, centre_name)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.INK), page.mm(0.4)))
    painter.drawRoundedRect(layout.border, page.mm(3), page.mm(3))
    draw_matrix(painter, layout.qr, layout.matrix)
    for text in layout.texts:
        draw_text(painter, text)
