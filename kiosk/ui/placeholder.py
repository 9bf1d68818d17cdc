"""A kind page for parts of the kiosk that are not ready yet."""

from __future__ import annotations

from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout


class ComingSoonScreen(Screen):
    """「じゅんびちゅう です」 with a single way back."""

    screen_name = "coming-soon"
    MESSAGE = "ごめんなさい。この れんしゅうは いま じゅんびちゅう です。"

    def __init__(self, services: Services, nav: Navigator, sessions: Sessions, title: str) -> None:
        super().__init__(services, nav, sessions)
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addStretch(1)
        layout.addWidget(RubyText(title, role="title", center=True, display=self.display))
        layout.addWidget(RubyText(self.MESSAGE, center=True, display=self.display))
        layout.addWidget(
            RubyText("ほかの れんしゅうを えらんでください。", center=True, display=self.display)
        )
        add_row(layout, big_button("はじめに もどる", nav.go_home, primary=True), spacing=spacing)
        layout.addStretch(1)

    def intro_text(self) -> str:
        return self.MESSAGE
