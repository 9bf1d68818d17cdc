"""はじめての かた: age band, area, consent read aloud, then a new card with its code."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtWidgets import QGridLayout

from kiosk.core.attendance.choices import AGE_BAND_LABELS, AGE_BANDS, area_choices
from kiosk.core.attendance.consent import CONSENT_VERSION, consent_text
from kiosk.core.attendance.errors import AttendanceError
from kiosk.ui.card_button import CardButton
from kiosk.ui.owned import follow
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout

log = logging.getLogger(__name__)
COLUMNS = 3


class ChoiceScreen(Screen):
    """One question, one big button per answer; ``chosen(value)`` does the rest."""

    question = ""

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        step: str,
        answers: list[tuple[str, str]],
    ) -> None:
        super().__init__(services, nav, sessions)
        self.visits = services.attendance.visits
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(step, center=True, display=self.display))
        layout.addWidget(RubyText(self.question, role="title", center=True, display=self.display))
        grid = QGridLayout()
        grid.setSpacing(spacing * 2)
        self.buttons: dict[str, CardButton] = {}
        for i, (value, label) in enumerate(answers):
            button = CardButton(
                label,
                center=True,
                min_height=round(services.theme.target_px * 1.5),
                display=self.display,
            )
            button.clicked.connect(lambda _c=False, v=value: self.chosen(v))
            self.buttons[value] = button
            grid.addWidget(button, i // COLUMNS, i % COLUMNS)
        layout.addLayout(grid)
        layout.addStretch(1)

    def intro_text(self) -> str:
        return self.question

    def chosen(self, value: str) -> None:
        raise NotImplementedError


class AgeBandScreen(ChoiceScreen):
    screen_name = "first-visit-age"
    question = "{年代|ねんだい}を おしえてください。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        answers = [(band, AGE_BAND_LABELS[band]) for band in AGE_BANDS]
        super().__init__(services, nav, sessions, "1 / 3", answers)

    def chosen(self, value: str) -> None:
        self.nav.open(AreaScreen(self.services, self.nav, self.sessions, age_band=value))


class AreaScreen(ChoiceScreen):
    screen_name = "first-visit-area"
    question = "どこに すんで いますか？"

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        *,
        age_band: str,
    ) -> None:
        self.age_band = age_band
        areas = [(area, area) for area in area_choices(services.config.areas)]
        super().__init__(services, nav, sessions, "2 / 3", areas)

    def chosen(self, value: str) -> None:
        self.nav.open(
            ConsentScreen(
                self.services,
                self.nav,
                self.sessions,
                age_band=self.age_band,
                area=value,
            )
        )

    def has_unfinished_work(self) -> bool:
        return True  # the age band is chosen; the card is not made yet


class ConsentScreen(Screen):
    """The consent text, read aloud, with はい / いいえ. いいえ records nothing about the person."""

    screen_name = "first-visit-consent"

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        *,
        age_band: str,
        area: str,
    ) -> None:
        super().__init__(services, nav, sessions)
        self.visits = services.attendance.visits
        self.age_band = age_band
        self.area = area
        self.text = consent_text(services.config.retention_months)
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText("3 / 3", center=True, display=self.display))
        self.body = RubyText(self.text, display=self.display)
        services.speaker.sentence_started.connect(self.body.set_highlight)
        follow(services.speaker.finished, self, lambda: self.body.set_highlight(-1))
        layout.addWidget(self.body)
        self.message = RubyText("", center=True, display=self.display)
        layout.addWidget(self.message)
        self.yes_button = big_button("はい", self._agree, primary=True)
        self.no_button = big_button("いいえ", self._decline)
        self.listen_button = big_button("もういちど きく", lambda: services.speaker.say(self.text))
        layout.addStretch(1)
        # However long the consent text is at 特大, the answer stays in sight.
        self.pin_actions(self.listen_button, self.no_button, self.yes_button)

    def intro_text(self) -> str:
        return self.text

    def has_unfinished_work(self) -> bool:
        return True  # two answers given; the card is not made yet

    def _agree(self) -> None:
        try:
            participant = self.visits.register(self.age_band, self.area, CONSENT_VERSION)
        except (AttendanceError, sqlite3.Error, OSError):
            log.exception("registration failed")
            self.message.set_text("いま カードを つくれません。スタッフに こえを かけてください。")
            return
        from kiosk.ui.reception.card import NewCardScreen

        self.nav.open(NewCardScreen(self.services, self.nav, self.sessions, participant.code))

    def _decline(self) -> None:
        # Nothing about the person is kept; the visit is still counted anonymously.
        self.visits.check_in(None)
        self.nav.open(DeclinedScreen(self.services, self.nav, self.sessions))


class DeclinedScreen(Screen):
    screen_name = "first-visit-declined"
    MESSAGE = "わかりました。なにも のこしません。このまま れんしゅうを はじめられます。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        super().__init__(services, nav, sessions)
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addStretch(1)
        layout.addWidget(RubyText(self.MESSAGE, role="heading", center=True, display=self.display))
        self.start_button = big_button("はじめる", nav.go_home, primary=True)
        add_row(layout, self.start_button, spacing=spacing)
        layout.addStretch(1)

    def intro_text(self) -> str:
        return self.MESSAGE
