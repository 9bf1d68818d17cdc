"""ゆびの れんしゅう menu: six big drill tiles (and the text-size check); relays drill results."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.drills import DRILL_SUMMARIES, DRILL_TITLES, PRACTICE_DRILLS, Drill
from kiosk.ui import theme
from kiosk.ui.card_grid import CardGrid, CardListScreen, words_width
from kiosk.ui.display import Display
from kiosk.ui.practice.drill import DrillScreen
from kiosk.ui.practice.flick import FlickDrill
from kiosk.ui.practice.hint import draw_finger
from kiosk.ui.practice.long_press import LongPressDrill
from kiosk.ui.practice.pinch import PinchDrill
from kiosk.ui.practice.scroll import ScrollDrill
from kiosk.ui.practice.size_check import SizeCheckDrill
from kiosk.ui.practice.swipe import SwipeDrill
from kiosk.ui.practice.tap import TapDrill
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout

DRILL_SCREENS: dict[Drill, Callable[[Services, Navigator, Sessions], DrillScreen]] = {
    Drill.TAP: TapDrill,
    Drill.LONG_PRESS: LongPressDrill,
    Drill.SWIPE: SwipeDrill,
    Drill.SCROLL: ScrollDrill,
    Drill.PINCH: PinchDrill,
    Drill.FLICK: FlickDrill,
    Drill.SIZE_CHECK: SizeCheckDrill,
}
DONE_WORDS = "◎ できました"
MAX_COLUMNS = 3
ARROW = QColor(theme.PRIMARY)


def _arrow(painter: QPainter, start: QPointF, end: QPointF) -> None:
    painter.setPen(QPen(ARROW, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(start, end)
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    for side in (-1, 1):
        a = angle + math.pi + side * 0.5
        painter.drawLine(end, end + QPointF(math.cos(a), math.sin(a)) * 12)


def paint_pictogram(painter: QPainter, drill: Drill, box: QRectF) -> None:
    """A small picture of the gesture: a finger and arrows or rings."""
    c = box.center()
    size = box.width()
    finger = size * 0.38
    if drill is Drill.TAP:
        painter.setPen(QPen(ARROW, 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, size * 0.3, size * 0.3)
    elif drill is Drill.LONG_PRESS:
        painter.setPen(QPen(ARROW, 6))
        rect = QRectF(c.x() - size * 0.32, c.y() - size * 0.32, size * 0.64, size * 0.64)
        painter.drawArc(rect, 90 * 16, -270 * 16)
    elif drill is Drill.SWIPE:
        _arrow(
            painter, c + QPointF(size * 0.35, -size * 0.3), c + QPointF(-size * 0.4, -size * 0.3)
        )
    elif drill is Drill.SCROLL:
        _arrow(
            painter, c + QPointF(-size * 0.35, size * 0.3), c + QPointF(-size * 0.35, -size * 0.4)
        )
    elif drill is Drill.PINCH:
        _arrow(painter, c, c + QPointF(-size * 0.4, -size * 0.4))
        _arrow(painter, c, c + QPointF(size * 0.4, size * 0.4))
    elif drill is Drill.FLICK:
        painter.setPen(QPen(QColor(theme.INK), 3))
        painter.setBrush(QColor(theme.PAPER))
        key = QRectF(c.x() - size * 0.2, c.y() - size * 0.2, size * 0.4, size * 0.4)
        painter.drawRoundedRect(key, 6, 6)
        painter.drawText(key, Qt.AlignmentFlag.AlignCenter, "あ")
        _arrow(painter, c + QPointF(0, -size * 0.22), c + QPointF(0, -size * 0.48))
    else:
        painter.setPen(QPen(QColor(theme.INK), 3))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "あ ア")
    draw_finger(painter, c, finger)


class DrillTile(QAbstractButton):
    """A big card: the gesture's picture, its name and what the finger does."""

    def __init__(
        self, drill: Drill, icon_px: int, parent: QWidget | None = None, *, display: Display
    ) -> None:
        super().__init__(parent)
        self.drill = drill
        self.done = False
        self._icon_px = icon_px
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a ring only after keyboard use
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setText(DRILL_TITLES[drill])
        self.setMinimumHeight(icon_px + 24)  # the picture whole, however short the words
        layout = self._words = QVBoxLayout(self)
        layout.setContentsMargins(icon_px + 36, 12, 16, 12)
        layout.setSpacing(2)
        layout.addStretch(1)
        self.title_text = RubyText(DRILL_TITLES[drill], role="heading", display=display)
        self.summary_text = RubyText(DRILL_SUMMARIES[drill], display=display)
        self.done_text = RubyText(DONE_WORDS, display=display)
        self.done_text.hide()
        for child in (self.title_text, self.summary_text, self.done_text):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)
        layout.addStretch(1)

    def set_done(self, done: bool) -> None:
        """Show or hide 「◎ できました」 under the tile's words."""
        self.done = done
        self.done_text.setVisible(done)

    def cuts_a_word(self, width: int) -> bool:
        """Whether the title breaks inside a word on the tile ``width`` pixels wide."""
        return self.title_text.cuts_a_word(words_width(self, width))

    def sizeHint(self) -> QSize:
        return self._words.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._words.minimumSize()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(theme.SOFT_PAPER if self.isDown() else theme.PAPER))
        painter.setPen(QPen(QColor(theme.FOCUS if self.hasFocus() else theme.OUTLINE), 4))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 22, 22)
        size = float(self._icon_px)
        paint_pictogram(painter, self.drill, QRectF(18, (self.height() - size) / 2, size, size))
        painter.end()


class FingerPracticeScreen(CardListScreen):
    """The drill menu, with a done mark on each drill finished in this visit.

    Three tiles a row where they fit, fewer at larger text; the tiles that do not fit the
    window go on a later page (つぎへ), and the line under the title shows only where it
    costs no page.
    """

    screen_name = "practice"
    INTRO = "ゆびの れんしゅうです。やってみたい れんしゅうを えらんでください。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        super().__init__(services, nav, sessions)
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.setSpacing(spacing * 2)
        layout.addWidget(
            RubyText("ゆびの れんしゅう", role="title", center=True, display=self.display)
        )
        self.subtitle = RubyText(
            "がめんの スマホで、さわりかたを れんしゅう します。", center=True, display=self.display
        )
        layout.addWidget(self.subtitle)
        self.tiles: dict[Drill, DrillTile] = {}
        for drill in PRACTICE_DRILLS:
            tile = DrillTile(drill, icon_px=services.theme.target_px + 16, display=self.display)
            tile.clicked.connect(lambda _c=False, d=drill: self.open_drill(d))
            self.tiles[drill] = tile
        grid = CardGrid(spacing, MAX_COLUMNS, display=self.display)
        grid.set_cards(list(self.tiles.values()))
        layout.addWidget(grid, 1)
        self.size_check_button = big_button(
            "もじの おおきさ チェック（30びょう）", lambda: self.open_drill(Drill.SIZE_CHECK)
        )
        add_row(layout, self.size_check_button, spacing=spacing)
        self.page_cards(grid, optional=[self.subtitle])

    def intro_text(self) -> str:
        return self.INTRO

    def on_shown(self) -> None:
        super().on_shown()
        self.refresh_done_marks()
        self.refit()  # a done mark makes its tile taller

    def refresh_done_marks(self) -> None:
        """Show 「◎ できました」 on drills finished in this visit (cleared when the kiosk resets)."""
        for drill, tile in self.tiles.items():
            tile.set_done(drill.value in self.session.progress.practice_done)

    def open_drill(self, drill: Drill) -> DrillScreen:
        """Open the drill's screen on top of this menu."""
        screen = DRILL_SCREENS[drill](self.services, self.nav, self.sessions)
        self.nav.open(screen)
        return screen
