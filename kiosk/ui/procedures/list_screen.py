"""てつづきの れんしゅう: big cards, one per procedure, with a done mark for this visit."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from kiosk.core.procedures import (
    Procedure,
    placeholder_values,
    with_city_pages,
)
from kiosk.ui.card_grid import CardGrid, CardListScreen
from kiosk.ui.procedures.parts import ProcedureCard
from kiosk.ui.procedures.placeholders import filler
from kiosk.ui.procedures.player import ProcedurePlayer
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import page_layout

log = logging.getLogger(__name__)

TITLE = "てつづきの れんしゅう"
EXPLANATION = (
    "{本物|ほんもの}に にた {画面|がめん}で、{市|し}や {国|くに}の {手続|てつづ}きを "
    "{安心|あんしん}して ためせます。{本当|ほんとう}に {申|もう}し{込|こ}まれる ことは ありません。"
)
CHOOSE = "れんしゅうしたい {手続|てつづ}きを えらんで ください。"
MAX_COLUMNS = 3
NOTHING = "いまは れんしゅうできる {手続|てつづ}きが ありません。スタッフに おしらせ ください。"


class ProcedureListScreen(CardListScreen):
    """Every valid procedure as a big card; a card opens its rehearsal.

    The cards that do not fit the window go on later pages (つぎへ); the explanation
    and the prompt (also spoken) show only where they cost no page.
    """

    screen_name = "procedures"

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        procedures: Sequence[Procedure] | None = None,
    ) -> None:
        super().__init__(services, nav, sessions)
        if procedures is None:
            load = services.library.get().procedures
            for problem in load.problems:
                log.warning("procedure file problem: %s", problem)
            procedures = with_city_pages(load.procedures, services.config)
        self.procedures = tuple(procedures)
        show = filler(placeholder_values(services.config))
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(TITLE, role="title", display=self.display))
        self.explanation = RubyText(EXPLANATION, display=self.display)
        layout.addWidget(self.explanation)
        self.prompt = RubyText(
            CHOOSE if self.procedures else NOTHING, role="heading", display=self.display
        )
        layout.addWidget(self.prompt)
        self.cards: dict[str, ProcedureCard] = {}
        for procedure in self.procedures:
            card = ProcedureCard(show(procedure.title), procedure.minutes, display=self.display)
            card.clicked.connect(lambda _c=False, p=procedure: self.open_procedure(p))
            self.cards[procedure.id] = card
        grid = CardGrid(spacing, MAX_COLUMNS, display=self.display)
        grid.set_cards(list(self.cards.values()))
        layout.addWidget(grid)
        layout.addStretch(1)
        self.page_cards(grid, optional=[self.explanation, self.prompt])

    def open_procedure(self, procedure: Procedure) -> ProcedurePlayer:
        """Open the rehearsal of ``procedure`` (also what a card does)."""
        player = ProcedurePlayer(self.services, self.nav, self.sessions, procedure)
        self.nav.open(player)
        return player

    def intro_text(self) -> str:
        return CHOOSE if self.procedures else NOTHING

    def on_shown(self) -> None:
        done = self.session.progress.completed_procedures
        for procedure_id, card in self.cards.items():
            card.set_done(procedure_id in done)
        self.refit()  # a done mark makes its card taller
        super().on_shown()
