"""The colours mock screens are drawn in, and the small helpers every element uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from kiosk.core.ruby import RubyError, plain_text
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.ruby_text import RubyText

MOCK_TEXT_RATIO = 0.8
"""Words on a mock screen are a little smaller than the kiosk's own, as on a phone."""

SCREEN_PAPER = "#ffffff"
BAR_PAPER = "#dde6f3"
LINE = "#1a1a1a"
SOFT_LINE = "#5c6470"
PHONE_BODY = "#20232a"
MACHINE_BODY = "#b9bec6"
TV_BODY = "#111111"
REMOTE_BODY = "#d7d9dd"
PRIMARY_FILL = "#d6e4fb"  # light, so the words on it keep the theme's dark ink (> 7:1)
PRIMARY_PRESSED_FILL = "#9db8e6"  # darker while pressed, still 7:1 under the dark ink
KEY_FILLS = {"blue": "#1f5fbf", "red": "#c62828", "green": "#2e7d32", "yellow": "#f2c100"}
# Every colour a mock screen draws words on, with the words' colour (tests check 7:1).
TEXT_PAIRS = {
    "screen": (theme.INK, SCREEN_PAPER),
    "bar": (theme.INK, BAR_PAPER),
    "primary": (theme.INK, PRIMARY_FILL),
    "primary-pressed": (theme.INK, PRIMARY_PRESSED_FILL),
    "pressed": (theme.INK, theme.SOFT_PAPER),
    "notice": (theme.INK, theme.SOFT_PAPER),
    "warning": (theme.INK, theme.HIGHLIGHT),
    "warning-mark": (SCREEN_PAPER, LINE),
}


def pen(colour: str | QColor, width: float, *, round_caps: bool = False) -> QPen:
    """A pen of ``colour``; round caps and joins for drawn marks such as ticks."""
    line = QPen(QColor(colour), width)
    if round_caps:
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return line


def plain(text: str) -> str:
    """Text without furigana, or as written if its markup is broken (never raises)."""
    try:
        return plain_text(text)
    except RubyError:
        return text


def words(text: str, *, display: Display, center: bool = False, role: str = "body") -> RubyText:
    """Words inside a mock element, drawn at ``display`` (the mock screen's): they never
    take the tap away from their element."""
    label = RubyText(text, display=display, role=role, center=center)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label
