"""Print or save documents: to the configured printer if it is installed, else a PDF file.

A document is a list of page painters. Each gets a fresh ``QPainter`` whose units are
the screen's logical pixels (``Page.dpi`` per inch), so widgets can be rendered into a
page with the same fonts and metrics they have on screen: the PDF is written at that
resolution, and a printer gets each page drawn into a 300 dpi image at that scale.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from kiosk.core.atomic import write_atomic
from kiosk.core.config import Config

log = logging.getLogger(__name__)

PRINTS_FOLDER = "prints"
"""Saved PDFs go to this folder inside the data dir."""
PRINTER_DPI = 300
PRINTED_TEXT = "いんさつ しました。プリンターから {紙|かみ}を とって ください。"
NOT_PRINTED_TEXT = (
    "{紙|かみ}は いんさつ できませんでした。かかりの {人|ひと}に こえを かけて ください。"
)
"""What the learner is told; staff find the saved file in the console's 今日 tab."""
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Page:
    """The page a painter draws on, in drawing units (``dpi`` units per inch)."""

    width: float
    height: float
    dpi: float

    @property
    def rect(self) -> QRectF:
        """The whole page."""
        return QRectF(0, 0, self.width, self.height)

    def mm(self, millimetres: float) -> float:
        """A length on paper in drawing units."""
        return millimetres / 25.4 * self.dpi


PagePainter = Callable[[QPainter, Page], None]
"""Draws one page; the painter starts untransformed at the top left of the paper."""


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to a document. ``message`` is for staff, in Japanese."""

    printed: bool
    message: str
    path: Path | None = None
    printer: str = ""

    @property
    def learner_text(self) -> str:
        """The words for the learner: never a file path, never English."""
        return PRINTED_TEXT if self.printed else NOT_PRINTED_TEXT


def drawing_dpi() -> float:
    """Units per inch of page painters: the screen's logical DPI (fonts measure the same)."""
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return float(round(dpi)) if 50 <= dpi <= 400 else 96.0


def page_for(page_size: QPageSize, dpi: float | None = None) -> Page:
    """The ``Page`` of a paper size (portrait, no margins) at ``dpi`` (default: screen)."""
    dpi = drawing_dpi() if dpi is None else dpi
    size = page_size.size(QPageSize.Unit.Millimeter)  # inches are rounded to 0.01 by Qt
    return Page(size.width() / 25.4 * dpi, size.height() / 25.4 * dpi, dpi)


def pdf_bytes(pages: Sequence[PagePainter], page_size: QPageSize, *, title: str = "") -> bytes:
    """Render the pages into a PDF and return its bytes."""
    page = page_for(page_size)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(round(page.dpi))
    writer.setPageLayout(
        QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(title)
    writer.setCreator("digital-support-kiosk")
    painter = QPainter(writer)
    try:
        for index, draw in enumerate(pages):
            if index:
                writer.newPage()
            painter.save()
            draw(painter, page)
            painter.restore()
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def page_images(pages: Sequence[PagePainter], page_size: QPageSize, dpi: int) -> list[QImage]:
    """Each page drawn into a white image of ``dpi`` pixels per inch."""
    page = page_for(page_size)
    scale = dpi / page.dpi
    images: list[QImage] = []
    for draw in pages:
        image = QImage(
            round(page.width * scale), round(page.height * scale), QImage.Format.Format_RGB32
        )
        # The image claims the drawing DPI so fonts are sized as on screen, then the
        # painter scales everything up to the real resolution.
        dots_per_metre = round(page.dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        draw(painter, page)
        painter.end()
        images.append(image)
    return images


def installed_printers() -> list[str]:
    """Names of the printers the system knows."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


def _print(
    pages: Sequence[PagePainter], page_size: QPageSize, printer_name: str, title: str
) -> bool:
    """Send the pages to ``printer_name``; False if the printer could not be used."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        return False
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        target = printer.paperRect(QPrinter.Unit.DevicePixel)
        for index, image in enumerate(page_images(pages, page_size, PRINTER_DPI)):
            if index and not printer.newPage():
                return False
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def _pdf_path(data_dir: Path, name: str) -> Path:
    stem = _SAFE_NAME.sub("-", name).strip("-") or "print"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = data_dir / PRINTS_FOLDER
    path = folder / f"{stem}-{stamp}.pdf"
    counter = 2
    while path.exists():
        path = folder / f"{stem}-{stamp}-{counter}.pdf"
        counter += 1
    return path


def saved_today(data_dir: Path, today: date | None = None) -> list[Path]:
    """PDFs saved today because they could not be printed, newest first (for staff)."""
    day = today or date.today()
    folder = data_dir / PRINTS_FOLDER
    try:
        found = [
            (path.stat().st_mtime, path)
            for path in folder.glob("*.pdf")
            if datetime.fromtimestamp(path.stat().st_mtime).date() == day
        ]
    except OSError:
        log.exception("could not list %s", folder)
        return []
    return [path for _, path in sorted(found, reverse=True)]


def save_pdf(
    pages: Sequence[PagePainter],
    page_size: QPageSize,
    data_dir: Path,
    name: str,
    *,
    title: str = "",
) -> Path:
    """Write the pages as ``prints/NAME-YYYYmmdd-HHMMSS.pdf`` in the data dir; return the path."""
    path = _pdf_path(data_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, pdf_bytes(pages, page_size, title=title))
    return path


def save_or_print(
    pages: Sequence[PagePainter],
    page_size: QPageSize,
    config: Config,
    data_dir: Path,
    name: str,
    *,
    title: str = "",
) -> PrintOutcome:
    """Print on ``config.printer`` when it is installed; otherwise save a PDF and say where.

    ``name`` (letters, digits, '-') starts the PDF's file name. Never raises for a
    missing printer: the document is always either printed or saved.
    """
    wanted = config.printer.strip()
    if wanted and wanted in installed_printers():
        try:
            if _print(pages, page_size, wanted, title or name):
                return PrintOutcome(
                    True, f"プリンター「{wanted}」で いんさつしました。", None, wanted
                )
        except Exception:  # a printer driver failure must not lose the sheet
            log.exception("printing on %s failed", wanted)
        reason = f"プリンター「{wanted}」で いんさつ できなかったので"
    elif wanted:
        reason = f"プリンター「{wanted}」が 見つからないので"
    else:
        reason = "プリンターが ないので"
    path = save_pdf(pages, page_size, data_dir, name, title=title)
    log.info("saved %s (%s)", path, reason)
    return PrintOutcome(False, f"{reason}、ファイルに 保存しました: {path}", path, "")
