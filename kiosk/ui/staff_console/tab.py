"""The base of every console tab: a titled page that refreshes when it is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.library import Content
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff_console.parts import tab_heading
from kiosk.ui.staff_console.services import StaffServices


class ConsoleTab(QWidget):
    """One tab of the staff console. Subclasses fill ``self.body`` and override the hooks."""

    #: Used by tests and logs.
    key = "tab"
    #: The big button's label.
    label = ""
    #: The heading at the top of the page.
    title = ""

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__()
        self.services = services
        self.nav = nav
        self.sessions = sessions
        self.staff = staff
        self.spacing = services.theme.spacing_px
        self.content: Content | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.body = QVBoxLayout(self)
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(self.spacing * 2)
        self.body.addWidget(tab_heading(self.title))

    def busy(self) -> bool:
        """True while background work for this tab (a report, a sync) is still running."""
        return False

    def refresh(self) -> None:
        """Called each time the tab is shown: bring figures up to date."""

    def item_title(self, kind: str, item_id: str) -> str:
        """The title of a lesson, rehearsal or drill as learners saw it (the id until loaded)."""
        if self.content is None:
            return item_id
        return self.content.title(kind, item_id, self.services.config)

    def set_content(self, content: Content) -> None:
        """Lessons and procedures have loaded (they load once per console, in the background)."""
        self.content = content
