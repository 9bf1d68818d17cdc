"""The home screen: four big tiles, one for each thing a visitor can do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout

from kiosk.ui.card_button import CardButton
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout


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


class HomeScreen(Screen):
    """Four tiles in a 2×2 grid under a friendly question.

    Where the tiles with their explanations would not fit the window (特大 on a 15.6"
    panel), they show their titles and pictures only: the first screen never scrolls.
    """

    screen_name = "home"
    GREETING = "きょうは なにを しますか？"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        super().__init__(services, nav, sessions)
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        self.greeting = RubyText(self.GREETING, role="title", center=True, display=self.display)
        layout.addWidget(self.greeting)
        grid = QGridLayout()
        grid.setSpacing(spacing * 2)
        self.tiles: dict[str, CardButton] = {}
        for i, spec in enumerate(HOME_TILES):
            tile = CardButton(
                spec.title,
                spec.explanation,
                icon=spec.icon,
                icon_px=services.theme.target_px + 32,
                min_height=services.theme.target_px * 2,
                display=self.display,
            )
            tile.clicked.connect(lambda _c=False, name=spec.screen: nav.open(name))
            self.tiles[spec.screen] = tile
            grid.addWidget(tile, i // 2, i % 2)
        layout.addLayout(grid, 1)
        self._room: tuple[int, int] | None = None
        services.theme.changed.connect(self._refit_later)
        # Only while a visit is open: ends it with the two short questions.
        self.finish_button = big_button("きょうは ここまで（おわる）", self._finish_visit)
        add_row(layout, self.finish_button, spacing=spacing)
        self.finish_button.setVisible(False)

    def on_shown(self) -> None:
        super().on_shown()
        self._refresh_finish()

    def fit_room(self, width: int, height: int) -> None:
        self._room = (width, height)
        self._fit()

    def explanations_shown(self) -> bool:
        """True when the tiles show their explanations (there is room for them)."""
        return any(
            tile.explanation_text.isVisibleTo(tile)
            for tile in self.tiles.values()
            if tile.explanation_text is not None
        )

    def _refit_later(self, _size: str) -> None:
        QTimer.singleShot(0, self, self._fit)  # once the new fonts are laid out

    def _fit(self) -> None:
        layout = self.layout()
        if self._room is None or not self.on_top or layout is None:
            return  # a covered home fits itself in ``on_shown``
        width, height = self._room
        for shown in (True, False):
            for tile in self.tiles.values():
                tile.show_explanation(shown)
            layout.invalidate()
            if layout.totalHeightForWidth(width) <= height:
                return

    def _refresh_finish(self) -> None:
        self.finish_button.setVisible(self.services.attendance.visit_open())
        self._fit()

    def _finish_visit(self) -> None:
        from kiosk.ui.reception.end_of_visit import UsedServicesScreen

        self.nav.open(UsedServicesScreen(self.services, self.nav, self.sessions))
