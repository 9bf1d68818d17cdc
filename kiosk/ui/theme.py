"""Large-type, high-contrast theme: the font, text sizes, touch-target sizes and colours."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.core.config import TEXT_SIZES
from kiosk.core.resources import resource_path

log = logging.getLogger(__name__)

FONT_FILES = ("assets/fonts/BIZUDPGothic-Regular.ttf", "assets/fonts/BIZUDPGothic-Bold.ttf")
FONT_FAMILY = "BIZ UDPGothic"

# 標準 gives body 22 pt / headings 30 pt; the learner can enlarge everything at once.
TEXT_SCALES = dict(zip(TEXT_SIZES, (1.0, 1.25, 1.5), strict=True))
BODY_PT = 22
HEADING_PT = 30
TITLE_PT = 40
# Labels whose role asks for bigger words than the body: their size follows the body's.
ROLE_PT = {"title": TITLE_PT, "heading": HEADING_PT}

GLYPH_MIN_PX = 8  # the smallest mark painted on a key or an icon

TARGET_MM = 15.0
TARGET_MIN_PX = 64
SPACING_MM = 3.0
CHROME_PT = BODY_PT  # the header keeps one size so its buttons never move under a finger
ALL_FONT_PROPERTIES = 0xFFFFFFFF  # a QFont resolve mask: every property set

# Colours: every text/background pair is >= 7:1 (tests/ui/test_sizes_and_contrast.py checks).
INK = "#1a1a1a"
PAPER = "#ffffff"
SOFT_PAPER = "#f3f1ea"
PRIMARY = "#0b3d91"
PRIMARY_INK = "#ffffff"
PRIMARY_PRESSED = "#072a66"
OUTLINE = "#1a1a1a"
FOCUS = "#b35900"
HIGHLIGHT = "#fff3b0"

TEXT_PAIRS = {
    "body": (INK, PAPER),
    "body-soft": (INK, SOFT_PAPER),
    "primary-button": (PRIMARY_INK, PRIMARY),
    "pressed-button": (PRIMARY_INK, PRIMARY_PRESSED),
    "highlighted-sentence": (INK, HIGHLIGHT),
}


def load_fonts() -> list[str]:
    """Register the bundled fonts; return the families Qt found (empty if none loaded)."""
    families: list[str] = []
    for relative in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path(relative)))
        if font_id < 0:
            log.error("could not load font %s", relative)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def millimetres_to_px(mm: float) -> int:
    """Convert a physical length to pixels on the primary screen (96 dpi if unknown)."""
    screen = QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not dpi or dpi < 50 or dpi > 600:  # broken EDID data: fall back to a sane value
        dpi = 96.0
    return round(mm / 25.4 * dpi)


def role_font(role: str) -> QFont:
    """The font of a label with ``role`` ("title" or "heading") at the current text size.

    It is the application font (the body size the theme chose) scaled by the role.
    """
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * ROLE_PT[role] / BODY_PT)
    font.setBold(True)
    return font


def glyph_font(px: float, *, bold: bool = False) -> QFont:
    """The kiosk's font at ``px`` pixels, for marks painted to fit a drawn shape (keys, icons).

    Never smaller than ``GLYPH_MIN_PX``: a shape drawn before it has a size still gets a font.
    """
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(GLYPH_MIN_PX, round(px)))
    font.setBold(bold)
    return font


def own_font(font: QFont) -> QFont:
    """``font`` with every property its own: a widget given it takes nothing from its
    parent's font, so the application's font changes (a text-size switch) stop there."""
    own = QFont(font)
    own.setResolveMask(ALL_FONT_PROPERTIES)
    return own


def set_text_role(label: QLabel, role: str) -> None:
    """Make ``label`` a title or heading: bold and bigger, following every text-size switch."""
    label.setProperty("role", role)
    label.setFont(role_font(role))


class Theme(QObject):
    """The text size on screen; ``changed`` fires on every switch.

    The window sets the size the current ``VisitSession`` asks for.

    A switch only changes fonts: the application font (which every widget inherits, the
    style sheet sets no sizes) and the title and heading labels. The style sheet is set
    once, because setting it again restyles every widget (over a second at 特大).
    """

    changed = Signal(str)

    def __init__(self, size: str = "標準", parent: QObject | None = None) -> None:
        super().__init__(parent)
        if size not in TEXT_SCALES:
            raise ValueError(f"unknown text size {size!r}")
        self.size_name = size
        self.target_px = max(TARGET_MIN_PX, millimetres_to_px(TARGET_MM))
        self.spacing_px = max(12, millimetres_to_px(SPACING_MM))

    @property
    def scale(self) -> float:
        return TEXT_SCALES[self.size_name]

    def body_pt(self) -> float:
        return BODY_PT * self.scale

    def heading_pt(self) -> float:
        return HEADING_PT * self.scale

    def set_size(self, name: str) -> None:
        if name not in TEXT_SCALES:
            raise ValueError(f"unknown text size {name!r}")
        if name != self.size_name:
            self.size_name = name
            self.apply()
            self.changed.emit(name)

    def body_font(self) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(self.body_pt())
        return font

    def apply(self) -> None:
        """Give every widget the fonts of the current text size."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        # Fonts reach widgets styled by the sheet as they reach any other widget.
        QCoreApplication.setAttribute(
            Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles
        )
        sheet = style_sheet(self.target_px)
        if app.styleSheet() != sheet:
            app.setStyleSheet(sheet)
        app.setFont(self.body_font())
        # Qt posts the change; deliver it now, so the screens that follow ``changed`` (and
        # screens built right after) see the new fonts.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
        for widget in app.allWidgets():
            if isinstance(widget, QLabel):
                role = widget.property("role")
                if role in ROLE_PT:
                    widget.setFont(role_font(role))


def style_sheet(target: int) -> str:
    """The style sheet for touch targets of ``target`` px.

    No font sizes: they come from the fonts (Theme.apply), so a text-size switch never
    restyles. Only the header keeps one size, so its buttons never move under a finger.
    """
    return f"""
* {{ font-family: "{FONT_FAMILY}"; }}
QWidget {{ color: {INK}; }}
KioskWindow, Screen {{ background: {PAPER}; }}
QLabel {{ background: transparent; }}
QLabel[role="note"] {{ background: {SOFT_PAPER}; border: 2px solid {OUTLINE};
    border-radius: 12px; padding: 12px; }}
QPushButton {{
    min-height: {target}px; min-width: {target}px; padding: 8px 24px;
    background: {PAPER}; color: {INK}; border: 3px solid {OUTLINE}; border-radius: 14px;
}}
QPushButton:pressed {{ background: {SOFT_PAPER}; }}
QPushButton:focus {{ border-color: {FOCUS}; }}
QPushButton[role="primary"] {{ background: {PRIMARY}; color: {PRIMARY_INK}; border-color: {PRIMARY}; font-weight: bold; }}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_PRESSED}; }}
QPushButton:checked {{ background: {PRIMARY}; color: {PRIMARY_INK}; border-color: {PRIMARY}; font-weight: bold; }}
QPushButton:disabled {{ color: {INK}; background: {SOFT_PAPER}; border-style: dashed; }}
#ActionBar {{ background: {PAPER}; border-top: 3px solid {OUTLINE}; }}
QScrollBar:vertical {{ width: {target // 2}px; background: {SOFT_PAPER}; }}
QScrollBar::handle:vertical {{ background: {INK}; min-height: {target}px; border-radius: 8px; }}
#Header {{ background: {SOFT_PAPER}; border-bottom: 3px solid {OUTLINE}; }}
#Header QPushButton, #Header QLabel {{ font-size: {CHROME_PT}pt; }}
#Header QPushButton {{ padding: 4px 10px; }}
"""


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
