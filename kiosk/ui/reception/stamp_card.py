"""スタンプカード: one stamp for every lesson or procedure rehearsal the learner has finished."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.learner import LearnerProgress, learner_progress
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.reception.content import learner_content
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import add_row, big_button, page_layout

TITLE = "スタンプカード"
COLUMNS = 3
STAMPED = "できました"
NOT_YET = "まだ"


def stamp_count_text(progress: LearnerProgress, slots: int) -> str:
    return f"スタンプは {len(progress.stamps)}こ です（ぜんぶで {slots}こ）。"


class StampMark(QWidget):
    """A round red stamp with 「済」 in it, or an empty dashed circle for a slot still open."""

    def __init__(self, diameter: int, stamped: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stamped = stamped
        self.setFixedSize(QSize(diameter, diameter))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(STAMPED if stamped else NOT_YET)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = float(self.width())
        ring = QRectF(size * 0.06, size * 0.06, size * 0.88, size * 0.88)
        if self.stamped:
            painter.setPen(QPen(QColor(STAMP_RED), size * 0.07))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(ring)
            font = QFont(theme.FONT_FAMILY)
            font.setBold(True)
            font.setPixelSize(round(size * 0.46))
            painter.setFont(font)
            painter.drawText(ring, Qt.AlignmentFlag.AlignCenter, "済")
        else:
            pen = QPen(QColor(theme.OUTLINE), max(2.0, size * 0.025))
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawEllipse(ring)
        painter.end()


# A stamp-pad red dark enough for 7:1 against white.
STAMP_RED = "#8f0d0d"


class StampSlot(QFrame):
    """One slot of the card: the stamp (or an empty circle), the title and the day."""

    def __init__(self, title: str, day: str | None, diameter: int, *, display: Display) -> None:
        super().__init__()
        self.setObjectName("StampSlot")
        self.stamped = day is not None
        self.setStyleSheet(
            f"#StampSlot {{ background: {theme.PAPER}; border: 2px solid {theme.OUTLINE};"
            " border-radius: 12px; }"
        )
        column = QVBoxLayout(self)
        column.addWidget(StampMark(diameter, self.stamped), 0, Qt.AlignmentFlag.AlignHCenter)
        self.title = RubyText(title, center=True, display=display)
        column.addWidget(self.title)
        when = f"{int(day[5:7])}{{月|がつ}}{int(day[8:10])}{{日|にち}}" if day else NOT_YET
        self.when = RubyText(when, center=True, display=display)
        column.addWidget(self.when)
        self.setAccessibleName(f"{self.title.plain()} {STAMPED if day else NOT_YET}")


class StampCardScreen(Screen):
    """Every lesson and procedure of this kiosk as a slot; finished ones carry a stamp."""

    screen_name = "stamp-card"

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        code: str,
    ) -> None:
        super().__init__(services, nav, sessions)
        self.visits = services.attendance.visits
        self.code = code
        lessons, procedures = learner_content(services)
        self.progress = learner_progress(self.visits.learner(code), lessons, procedures)
        earned = {(stamp.kind, stamp.item_id): stamp.day for stamp in self.progress.stamps}
        items = [("lesson", lesson.id, lesson.title) for lesson in lessons]
        items += [("procedure", p.id, p.title) for p in procedures]
        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.addWidget(RubyText(TITLE, role="title", center=True, display=self.display))
        self.count_text = RubyText(
            stamp_count_text(self.progress, len(items)), center=True, display=self.display
        )
        layout.addWidget(self.count_text)
        self.certificate_button = big_button("修了証を つくる", self.open_certificate, primary=True)
        self.certificate_button.setVisible(self.progress.basics_done)
        if self.progress.basics_done:
            layout.addWidget(
                RubyText(
                    "{基本|きほん}の レッスンを ぜんぶ おえました。{修了証|しゅうりょうしょう}を いんさつ できます。",
                    center=True,
                    display=self.display,
                )
            )
            add_row(layout, self.certificate_button, spacing=spacing)
        grid = QGridLayout()
        grid.setSpacing(spacing * 2)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        self.slots: dict[tuple[str, str], StampSlot] = {}
        diameter = round(services.theme.target_px * 1.5)
        for index, (kind, item, title) in enumerate(items):
            slot = StampSlot(title, earned.get((kind, item)), diameter, display=self.display)
            self.slots[kind, item] = slot
            grid.addWidget(slot, index // COLUMNS, index % COLUMNS)
        layout.addLayout(grid)
        self.back_button = big_button("もどる", nav.back)
        self.home_button = big_button(
            "ほかの ことを する", nav.go_home, primary=not self.progress.basics_done
        )
        add_row(layout, self.back_button, self.home_button, spacing=spacing)
        layout.addStretch(1)

    def intro_text(self) -> str:
        return f"{TITLE}です。{stamp_count_text(self.progress, len(self.slots))}"

    def open_certificate(self) -> None:
        from kiosk.ui.reception.certificate import CertificateScreen

        self.nav.open(CertificateScreen(self.services, self.nav, self.sessions, self.code))
