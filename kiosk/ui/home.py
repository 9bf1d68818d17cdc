"""The home screen: four big tiles, one for each thing a visitor can do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.resources import resource_path
from kiosk.ui import theme
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import AppContext, Screen
from kiosk.ui.widgets import page_layout


@dataclass(frozen=True)
class TileSpec:
    """One home tile: the screen it opens, its words and its icon."""

    screen: str
    title: str
    explanation: str
    icon: str


HOME_TILES = (
    TileSpec(
        "lessons",
        "スマホ{教室|きょうしつ}",
        "スマホの つかいかたを 1つずつ ならいます",
        "assets/icons/lessons.svg",
    ),
    TileSpec(
        "practice",
        "ゆびの れんしゅう",
        "がめんの スマホで さわりかたを ためします",
        "assets/icons/practice.svg",
    ),
    TileSpec(
        "procedures",
        "てつづきの れんしゅう",
        "{市|し}の てつづきを {安心|あんしん}して ためします",
        "assets/icons/procedures.svg",
    ),
    TileSpec(
        "reception",
        "うけつけ",
        "カードを よみとります。はじめての {方|かた}も どうぞ",
        "assets/icons/reception.svg",
    ),
)


class Tile(QAbstractButton):
    """A big card button with an icon, a title and a one-line explanation."""

    def __init__(self, spec: TileSpec, icon_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(spec.title)
        self._renderer = QSvgRenderer(str(resource_path(spec.icon)), self)
        self._icon_px = icon_px
        # The icon is painted in the left margin; the words sit beside it, left-aligned.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(icon_px + 48, 20, 24, 20)
        layout.setSpacing(4)
        layout.addStretch(1)
        self.title_text = RubyText(spec.title, role="heading")
        self.explanation_text = RubyText(spec.explanation)
        for child in (self.title_text, self.explanation_text):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)
        layout.addStretch(1)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else QSize(300, 300)

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else QSize(200, 200)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        down = self.isDown()
        painter.setBrush(QColor(theme.SOFT_PAPER if down else theme.PAPER))
        border = QColor(theme.FOCUS if self.hasFocus() else theme.OUTLINE)
        painter.setPen(QPen(border, 4))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 24, 24)
        size = self._icon_px
        self._renderer.render(painter, QRectF(24, (self.height() - size) / 2, size, size))
        painter.end()


class HomeScreen(Screen):
    """Four tiles in a 2×2 grid under a friendly question."""

    screen_name = "home"
    GREETING = "きょうは なにを しますか？"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        spacing = ctx.theme.spacing_px
        layout = page_layout(self, spacing)
        self.greeting = RubyText(self.GREETING, role="title", center=True)
        layout.addWidget(self.greeting)
        grid = QGridLayout()
        grid.setSpacing(spacing * 2)
        self.tiles: dict[str, Tile] = {}
        for i, spec in enumerate(HOME_TILES):
            tile = Tile(spec, icon_px=ctx.theme.target_px + 32)
            tile.clicked.connect(lambda _c=False, name=spec.screen: ctx.open(name))
            self.tiles[spec.screen] = tile
            grid.addWidget(tile, i // 2, i % 2)
        layout.addLayout(grid, 1)
