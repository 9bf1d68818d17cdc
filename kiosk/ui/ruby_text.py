"""A text widget that draws furigana above kanji, wraps Japanese text and highlights a sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.line_breaking import breaks_inside_a_word, wrap
from kiosk.core.ruby import SENTENCE_ENDS, RubyError, parse_ruby
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.memo import Memo

RUBY_RATIO = 0.5
RUBY_MIN_PT = 11.0
"""Furigana are never smaller on screen; paper sets its own floor (``Display.ruby_min_pt``)."""
MIN_CHARS = 6  # narrowest useful line, in full-width characters

# How wide each piece of text is, per font, shared by every RubyText: the same characters
# come back on every page, so a new page seldom measures anything (a step change measured
# about 1,300 pieces before).
_MEASURED: dict[str, tuple[QFontMetricsF, dict[str, float]]] = {}


def _measure(font: QFont, key: str | None = None) -> Callable[[str], float]:
    """A function that gives the advance of a string in ``font`` (whose ``key()`` is
    ``key`` when known), remembering each answer."""
    if key is None:
        key = font.key()
    entry = _MEASURED.get(key)
    if entry is None:
        entry = _MEASURED[key] = (QFontMetricsF(font), {})
    metrics, known = entry

    def advance(text: str) -> float:
        width = known.get(text)
        if width is None:
            width = known[text] = metrics.horizontalAdvance(text)
        return width

    return advance


Lines = list[list[tuple["_Unit", float]]]


@dataclass
class _Measured:
    """One text measured in one pair of fonts, with or without furigana: the width of each
    unit, and the lines and height at each width asked for."""

    widths: list[float]
    lines: Memo[float, Lines] = field(default_factory=lambda: Memo(_WIDTHS_KEPT))
    heights: Memo[int, int] = field(default_factory=lambda: Memo(_WIDTHS_KEPT))


# Texts measured so far, per text, fonts and furigana, shared by every RubyText: a
# text-size switch back to a size seen before, or a page cut into parts again, finds its
# texts measured (layouts ask each text's height many times per pass, at a few widths).
_WIDTHS_KEPT = 16  # widths per text
_TEXTS: Memo[tuple[str, str, str, bool], _Measured] = Memo(4096)


@dataclass(frozen=True)
class _Unit:
    """The smallest piece that is never split across lines: one character or one ruby word."""

    base: str
    reading: str
    sentence: int


@lru_cache(maxsize=4096)
def _units(marked: str) -> tuple[_Unit, ...]:
    try:
        segments = parse_ruby(marked)
    except RubyError:
        # Broken markup is reported by the lesson checker; show the raw text rather than nothing.
        return tuple(_Unit(ch, "", 0) for ch in marked)
    units: list[_Unit] = []
    sentence = 0
    for segment in segments:
        if segment.reading:
            units.append(_Unit(segment.base, segment.reading, sentence))
            continue
        for ch in segment.base:
            units.append(_Unit(ch, "", sentence))
            if ch in SENTENCE_ENDS:
                sentence += 1
    return tuple(units)


class RubyText(QWidget):
    """Shows marked-up text (``{漢字|かんじ}``) with optional furigana, wrapped to the width.

    ``role`` picks the font size from the theme ("body", "heading" or "title").
    The text size and furigana come from ``display``, which it follows: on the kiosk
    screen the visit session's (``Screen.display``); a mock screen and a printed sheet
    have their own.
    Sentence indices match ``kiosk.core.ruby.split_sentences`` so the speaker's
    ``sentence_started(i)`` can highlight what is being read.
    """

    def __init__(
        self,
        text: str = "",
        *,
        display: Display,
        role: str = "body",
        center: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._role = role
        self._center = center
        self._display = display
        self._display.changed.connect(self._on_display_changed)
        self._shown_as = (self._display.scale, self._display.furigana)
        self._highlight = -1
        self._units: tuple[_Unit, ...] = ()
        self._text = ""
        self._font_cache: tuple[float, QFont, QFont, tuple[str, str]] | None = None
        #: This text's measures in the current fonts and furigana (shared with other texts).
        self._measured_cache: _Measured | None = None
        self._hint_cache: dict[str, QSize] = {}
        self.ink = theme.INK  # text colour; white on filled (primary) buttons
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_text(text)

    # Public API --------------------------------------------------------
    def text(self) -> str:
        return self._text

    def plain(self) -> str:
        return "".join(u.base for u in self._units)

    def set_text(self, marked: str) -> None:
        if marked == self._text and (self._units or not marked):
            self.set_highlight(-1)  # the same words again: nothing to lay out
            return
        self._text = marked
        self._units = _units(marked)
        self._highlight = -1
        self._relayout()

    def show_ruby(self) -> bool:
        return self._display.furigana

    def _on_display_changed(self) -> None:
        shown_as = (self._display.scale, self._display.furigana)
        if shown_as != self._shown_as:
            self._shown_as = shown_as
            self._relayout()

    @property
    def _show_ruby(self) -> bool:
        return self._display.furigana

    def cuts_a_word(self, width: float | None = None) -> bool:
        """True when, at ``width`` (default: its own), a line ends where no space follows."""
        pieces = [unit.base for unit in self._units]
        wrapped = wrap(pieces, self._widths(), self._available_width() if width is None else width)
        return breaks_inside_a_word(pieces, wrapped)

    def set_highlight(self, sentence: int) -> None:
        """Highlight sentence ``sentence`` (-1 for none)."""
        if sentence != self._highlight:
            self._highlight = sentence
            self.update()

    # Layout ------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont]:
        """The base and furigana fonts for the current text size (cached per scale)."""
        scale = self._scale()
        if self._font_cache is None or self._font_cache[0] != scale:
            self._font_cache = self._make_fonts(scale)
        return self._font_cache[1], self._font_cache[2]

    def _make_fonts(self, scale: float) -> tuple[float, QFont, QFont, tuple[str, str]]:
        base = QFont(self.font())
        base.setFamily(theme.FONT_FAMILY)
        points = {
            "title": theme.TITLE_PT,
            "heading": theme.HEADING_PT,
        }.get(self._role, theme.BODY_PT)
        base.setPointSizeF(points * scale)
        base.setBold(self._role in ("title", "heading"))
        ruby = QFont(base)
        floor = self._display.ruby_min_pt
        ruby.setPointSizeF(
            max(RUBY_MIN_PT if floor is None else floor, points * scale * RUBY_RATIO)
        )
        ruby.setBold(False)
        return scale, base, ruby, (base.key(), ruby.key())

    def _advances(self) -> tuple[Callable[[str], float], Callable[[str], float]]:
        """The advance of a string in the base and in the furigana font."""
        base_font, ruby_font = self._fonts()
        assert self._font_cache is not None
        base_key, ruby_key = self._font_cache[3]
        return _measure(base_font, base_key), _measure(ruby_font, ruby_key)

    def _scale(self) -> float:
        return self._display.scale

    def _line_metrics(self) -> tuple[float, float, float]:
        """Base line height, furigana line height (0 when hidden) and the gap between lines."""
        base_font, ruby_font = self._fonts()
        base_m = QFontMetricsF(base_font)
        ruby_m = QFontMetricsF(ruby_font)
        ruby_h = ruby_m.height() if self._show_ruby else 0.0
        return base_m.height(), ruby_h, base_m.height() * 0.25

    def _ruby_height(self, line: list[tuple[_Unit, float]], ruby_h: float) -> float:
        # Lines without furigana don't reserve space for it.
        return ruby_h if any(unit.reading for unit, _ in line) else 0.0

    def _measured(self) -> _Measured:
        """This text's measures in the current fonts and furigana (from memory when any
        RubyText measured the same text in the same fonts before)."""
        if self._measured_cache is not None:  # forgotten on each change of text or display
            return self._measured_cache
        show_ruby = self._show_ruby
        base_font, ruby_font = self._fonts()
        assert self._font_cache is not None
        base_key, ruby_key = self._font_cache[3]
        key = (self._text, base_key, ruby_key, show_ruby)

        def measure() -> _Measured:
            base, ruby = _measure(base_font, base_key), _measure(ruby_font, ruby_key)
            return _Measured(
                [
                    max(base(u.base), ruby(u.reading)) if show_ruby and u.reading else base(u.base)
                    for u in self._units
                ]
            )

        measured = _TEXTS.get(key, measure)
        self._measured_cache = measured
        return measured

    def _widths(self) -> list[float]:
        """The width of each unit (its furigana's when that is wider) at the current size."""
        return self._measured().widths

    def _break_lines(self, width: float) -> Lines:
        # Layouts ask heightForWidth many times per pass and paint asks again: remember
        # the results for this text, size and furigana setting at the last few widths.
        return self._measured().lines.get(width, lambda: self._compute_lines(width))

    def _compute_lines(self, width: float) -> list[list[tuple[_Unit, float]]]:
        widths = self._widths()
        lines = wrap([unit.base for unit in self._units], widths, width)
        return [[(self._units[i], widths[i]) for i in line] for line in lines]

    def _available_width(self) -> float:
        return float(max(50, self.width()))

    def heightForWidth(self, width: int) -> int:
        # Layouts ask this many times per pass (box layouts, the scroll area with and
        # without its bar): answer from memory for this text, size and furigana.
        return self._measured().heights.get(width, lambda: self._compute_height(width))

    def _compute_height(self, width: int) -> int:
        base_h, ruby_h, gap = self._line_metrics()
        lines = self._break_lines(float(max(50, width)))
        total = sum(base_h + self._ruby_height(line, ruby_h) for line in lines)
        return int(total + max(0, len(lines) - 1) * gap + 4)

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        hint = self._hint_cache.get("size")
        if hint is None:
            hint = self._hint_cache["size"] = self._compute_size_hint()
        return QSize(hint)

    def _compute_size_hint(self) -> QSize:
        widths = self._widths()
        natural = sum(w for u, w in zip(self._units, widths, strict=True) if u.base != "\n")
        width = int(min(natural + 4, 1100))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        hint = self._hint_cache.get("minimum")
        if hint is None:
            hint = self._hint_cache["minimum"] = self._compute_minimum_size_hint()
        return QSize(hint)

    def _compute_minimum_size_hint(self) -> QSize:
        # Narrow enough for a column of tiles, wide enough that a word never stands alone
        # on a line; the height is what the text needs at that width.
        widths = self._widths()
        natural = sum(w for u, w in zip(self._units, widths, strict=True) if u.base != "\n")
        widest = max(widths, default=10.0)
        em = self._advances()[0]("あ")
        width = int(max(widest, min(natural, em * MIN_CHARS)) + 4)
        # One line high: layouts and scroll areas ask heightForWidth for the real height,
        # while a worst-case height here would inflate every screen's minimum size.
        return QSize(width, self.heightForWidth(int(natural) + 4))

    def _relayout(self) -> None:
        self._measured_cache = None
        self._hint_cache.clear()
        self.updateGeometry()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()

    # Painting ----------------------------------------------------------
    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._paint(painter, float(self.width()))
        painter.end()

    def _paint(self, painter: QPainter, width: float) -> None:
        """Draw the lines into a box ``width`` wide (lines are centred in it when asked)."""
        base_font, ruby_font = self._fonts()
        base_m, ruby_m = QFontMetricsF(base_font), QFontMetricsF(ruby_font)
        base_advance, ruby_advance = self._advances()
        base_h, ruby_h, gap = self._line_metrics()
        ink = QColor(self.ink)
        highlight = QColor(theme.HIGHLIGHT)
        painter.setPen(ink)
        show_ruby = self._show_ruby
        y = 2.0
        for line in self._break_lines(self._available_width()):
            line_ruby_h = self._ruby_height(line, ruby_h)
            line_w = sum(w for _, w in line)
            x = max(0.0, (width - line_w) / 2) if self._center else 0.0
            baseline = y + line_ruby_h + base_m.ascent()
            run, run_x = "", x  # characters without furigana are drawn together
            for unit, w in line:
                if unit.sentence == self._highlight:
                    painter.fillRect(QRectF(x, y, w, line_ruby_h + base_h), highlight)
                    # Not colour alone: the spoken sentence is also underlined.
                    painter.fillRect(QRectF(x, y + line_ruby_h + base_h - 3, w, 3), ink)
                if unit.base == "\n":
                    x += w
                    continue
                if not (show_ruby and unit.reading):
                    if not run:
                        run_x = x
                    run += unit.base
                    x += w
                    continue
                if run:
                    painter.setFont(base_font)
                    painter.drawText(QPointF(run_x, baseline), run)
                    run = ""
                painter.setFont(ruby_font)
                rw = ruby_advance(unit.reading)
                painter.drawText(QPointF(x + (w - rw) / 2, y + ruby_m.ascent()), unit.reading)
                painter.setFont(base_font)
                bw = base_advance(unit.base)
                painter.drawText(QPointF(x + (w - bw) / 2, baseline), unit.base)
                x += w
            if run:
                painter.setFont(base_font)
                painter.drawText(QPointF(run_x, baseline), run)
            y += line_ruby_h + base_h + gap
