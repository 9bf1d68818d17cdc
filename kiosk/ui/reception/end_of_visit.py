"""おわる: two short questions for the city's KPI (both skippable), thanks, then a clean reset."""

from __future__ import annotations

from kiosk.core.attendance.choices import (
    UNDERSTOOD_ANSWERS,
    UNDERSTOOD_QUESTION,
    USED_SERVICES_ANSWERS,
    USED_SERVICES_QUESTION,
)
from kiosk.ui.reception.first_visit import ChoiceScreen
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout

UNDERSTOOD_LABELS = {
    "はい": "よく わかった",
    "すこし": "すこし わかった",
    "いいえ": "むずかしかった",
}
SKIP_LABEL = "こたえない"


class UsedServicesScreen(ChoiceScreen):
    """「この 1か月で … つかいましたか？」 — the usage-rate KPI question."""

    screen_name = "end-question-services"
    question = USED_SERVICES_QUESTION

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        answers = [(a, a) for a in USED_SERVICES_ANSWERS] + [("", SKIP_LABEL)]
        super().__init__(services, nav, sessions, "さいごに 2つ おしえてください（1 / 2）", answers)

    def chosen(self, value: str) -> None:
        self.nav.open(
            UnderstoodScreen(self.services, self.nav, self.sessions, used_services=value or None)
        )


class UnderstoodScreen(ChoiceScreen):
    screen_name = "end-question-understood"
    question = UNDERSTOOD_QUESTION

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        *,
        used_services: str | None,
    ) -> None:
        self.used_services = used_services
        answers = [(a, UNDERSTOOD_LABELS[a]) for a in UNDERSTOOD_ANSWERS] + [("", SKIP_LABEL)]
        super().__init__(services, nav, sessions, "2 / 2", answers)

    def chosen(self, value: str) -> None:
        self.visits.answer(self.used_services, value or None)
        self.nav.open(ThanksScreen(self.services, self.nav, self.sessions))


class ThanksScreen(Screen):
    """Ends the visit; はじめに もどる (or the idle timer) resets the kiosk for the next person."""

    screen_name = "end-thanks"
    MESSAGE = "きょうは ありがとう ございました。また きてくださいね。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions) -> None:
        super().__init__(services, nav, sessions)
        services.attendance.visits.finish()
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addStretch(1)
        layout.addWidget(RubyText(self.MESSAGE, role="title", center=True, display=self.display))
        layout.addWidget(
            RubyText(
                "カードは たいせつに もって かえってください。", center=True, display=self.display
            )
        )
        self.done_button = big_button("おわる", nav.reset_session, primary=True)
        add_row(layout, self.done_button, spacing=spacing)
        layout.addStretch(1)

    def intro_text(self) -> str:
        return self.MESSAGE
