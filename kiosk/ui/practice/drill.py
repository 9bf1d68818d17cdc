"""What every drill screen shares: the phone, the instruction and coaching panel, the praise page."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.drills import DRILL_TITLES, Drill, DrillResult, stars
from kiosk.core.gestures import Feedback
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import DrillRun, Move, monotonic_ms
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.practice.hint import FingerHint
from kiosk.ui.practice.phone import PhoneFrame
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.widgets import big_button

PRAISE_WORDS = ("いいですね！", "じょうずです！", "そのとおり！", "できました！")
STAR_GOLD = "#f2b705"
STAR_EDGE = "#6b4f00"
GOOD_MARK = "◎ "


class CoachBox(QFrame):
    """The box under the instruction: coaching or praise, always in words (never colour alone)."""

    def __init__(self, parent: QWidget | None = None, *, display: Display) -> None:
        super().__init__(parent)
        self.setObjectName("CoachBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.text = RubyText("", display=display)
        layout.addWidget(self.text)
        self.good = False
        self._restyle()

    def show_message(self, message: str, *, good: bool, mark: bool = True) -> None:
        """Show ``message``; an empty message hides the box so it never looks like a field.

        Praise gets a ◎ in front (``mark``), so it reads as praise without relying on colour.
        """
        self.good = good
        self.text.set_text((GOOD_MARK + message) if good and mark and message else message)
        self._restyle()
        self.setVisible(bool(message))

    def message(self) -> str:
        """The plain text shown (without furigana)."""
        return self.text.plain()

    def _restyle(self) -> None:
        background = theme.SOFT_PAPER if self.good else theme.HIGHLIGHT
        self.setStyleSheet(
            f"#CoachBox {{ background: {background}; border: 3px solid {theme.OUTLINE};"
            " border-radius: 14px; }"
        )


class StarRow(QWidget):
    """Big gold stars, one per star earned (no empty stars: nothing is shown as missing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(400, 130)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 110)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setAccessibleName(f"ほし {count}こ")
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = min(self.height() - 10.0, 120.0)
        gap = size * 0.25
        total = self.count * size + (self.count - 1) * gap
        x = (self.width() - total) / 2
        for _ in range(self.count):
            painter.setPen(QPen(QColor(STAR_EDGE), 4))
            painter.setBrush(QColor(STAR_GOLD))
            painter.drawPath(_star(QRectF(x, (self.height() - size) / 2, size, size)))
            x += size + gap
        painter.end()


def _star(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    centre = rect.center()
    outer = rect.width() / 2
    inner = outer * 0.45
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(
            centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)
        )
        if i == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    return path


class PraisePanel(QWidget):
    """「できました！」 with stars and two ways on; no score, no failure words."""

    def __init__(self, parent: QWidget | None = None, *, display: Display) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(24)
        layout.addStretch(1)
        self.title = RubyText("できました！", role="title", center=True, display=display)
        self.stars = StarRow()
        self.message = RubyText("", center=True, display=display)
        layout.addWidget(self.title)
        layout.addWidget(self.stars)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addStretch(1)
        self.again_button = big_button("もう いちど")
        self.other_button = big_button("ほかの れんしゅうへ", primary=True)
        row.addWidget(self.again_button)
        row.addWidget(self.other_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_result(self, title: str, result: DrillResult) -> str:
        """Fill in the page for ``result``; return the words to speak."""
        self.stars.set_count(stars(result))
        words = f"{title}の れんしゅう、よく がんばりました。"
        self.message.set_text(words)
        return "できました！ " + words


class DrillScreen(Screen):
    """Base of the six drills: a phone on the left, instruction and coaching on the right.

    Subclasses fill ``self.phone.display`` in ``build_phone``, name what the drill asks
    for in ``drill_steps``, show the first step in ``begin`` and their gesture in
    ``show_hint``, and judge each try with ``record``. ``self.run`` holds the steps, where
    the learner is, the tries, the time and, once finished, the ``DrillResult``; the
    screen only shows it.
    """

    touch_scrolls = False  # every drag on this screen is a gesture being practised

    drill: Drill = Drill.TAP

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, clock: Clock | None = None
    ) -> None:
        super().__init__(services, nav, sessions)
        self.screen_name = f"practice-{self.drill.value}"
        self.clock: Clock = clock or monotonic_ms
        self.run: DrillRun[Any] = self.new_run(lambda: self.clock())
        self._praise_index = 0

        spacing = services.theme.spacing_px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(spacing * 2, spacing, spacing * 2, spacing)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)

        practice = QWidget()
        row = QHBoxLayout(practice)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(spacing * 4)
        self.phone = PhoneFrame()
        row.addWidget(self.phone, 4)

        panel = QVBoxLayout()
        panel.setSpacing(spacing * 2)
        self.title = RubyText(self.title_text(), role="heading", display=self.display)
        self.progress_text = RubyText("", display=self.display)
        title_row = QHBoxLayout()
        title_row.setSpacing(spacing * 2)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.progress_text, 0, Qt.AlignmentFlag.AlignTop)
        panel.addLayout(title_row)
        self.instruction = RubyText("", display=self.display)
        self.coach_box = CoachBox(display=self.display)
        self.coach_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        panel.addWidget(self._words_area(spacing), 1)
        self.controls = QHBoxLayout()
        self.controls.setSpacing(spacing * 2)
        panel.addLayout(self.controls)
        self.hint_button = big_button("おてほんを みる", self.replay_hint)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint_button)
        hint_row.addStretch(1)
        panel.addLayout(hint_row)
        row.addLayout(panel, 6)
        self.pages.addWidget(practice)

        self.praise = PraisePanel(display=self.display)
        self.praise.again_button.clicked.connect(self.restart)
        self.praise.other_button.clicked.connect(self._leave)
        self.pages.addWidget(self.praise)

        self.build_phone(self.phone.display)
        self.hint = FingerHint(self.phone.display)
        services.theme.changed.connect(self._on_text_size)
        self.restart(speak=False)

    def _words_area(self, spacing: int) -> QScrollArea:
        """Instruction and coaching in their own scroll area.

        At 特大 the words may need more room than the screen has; they scroll here rather
        than making the whole screen scrollable, because the window scrolls screens by touch
        drags, which would fight with the drags the learner makes on the phone.
        """
        words = QWidget()
        layout = QVBoxLayout(words)
        layout.setContentsMargins(0, 0, spacing, 0)
        layout.setSpacing(spacing * 2)
        layout.addWidget(self.instruction)
        layout.addWidget(self.coach_box)
        layout.addStretch(1)
        area = QScrollArea()
        area.setObjectName("DrillWords")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(words)
        # Same paper as the rest of the screen, not the grey of a scroll area.
        area.setStyleSheet("#DrillWords { background: transparent; }")
        area.viewport().setAutoFillBackground(False)
        words.setAutoFillBackground(False)
        area.setMinimumHeight(spacing * 8)
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        return area

    # For subclasses ----------------------------------------------------------------------
    def title_text(self) -> str:
        """The heading above the instruction."""
        return DRILL_TITLES[self.drill]

    def new_run(self, clock: Clock) -> DrillRun[Any]:
        """The run that judges this drill's tries (a drill with rules of its own has its own)."""
        return DrillRun(self.drill, clock=clock)

    def build_phone(self, display: QWidget) -> None:
        """Put the drill's simulated phone content into ``display``."""

    def drill_steps(self) -> Sequence[Any]:
        """What the drill asks for, in order (asked again at every start)."""
        return ()

    def begin(self) -> None:
        """Show the first step (``self.run`` has just started again)."""

    def show_hint(self) -> None:
        """Play the animated finger for the current step (geometry is laid out by now)."""

    def on_text_size(self) -> None:
        """The learner changed the text size: repaint painted phone content."""

    # Shared behaviour --------------------------------------------------------------------
    def restart(self, *, speak: bool = True) -> None:
        """Start the drill from its first step (also 「もう いちど」 on the praise page)."""
        self.run.restart(self.drill_steps())
        self.coach_box.show_message("", good=True)
        self.pages.setCurrentIndex(0)
        self.begin()
        self.session.report("practice", self.drill.value, "started")
        if speak:
            self.services.speaker.say(self.intro_text())
            self._hint_soon()

    def intro_text(self) -> str:
        if self.run.finished:
            return ""
        return self.instruction.text()

    def on_shown(self) -> None:
        super().on_shown()
        if not self.run.finished:
            self._hint_soon()

    def on_hidden(self) -> None:
        self.hint.stop()

    def has_unfinished_work(self) -> bool:
        """Tries made and the drill not finished: はじめに もどる asks first."""
        return self.run.has_unfinished_work()

    def _hint_soon(self) -> None:
        # After the layout has given the phone its size.
        QTimer.singleShot(0, self, self._play_hint_if_visible)

    def _play_hint_if_visible(self) -> None:
        if self.isVisible() and not self.run.finished:
            self.show_hint()

    def replay_hint(self) -> None:
        """「おてほんを みる」: say the instruction again and show the finger."""
        self.services.speaker.say(self.instruction.text())
        self.show_hint()

    def set_step(self, instruction: str, progress: str = "") -> None:
        """Show what to do now; ``progress`` like 「1ばんめ / 6」."""
        self.instruction.set_text(instruction)
        self.progress_text.set_text(progress)

    def touched(self) -> None:
        """The learner touched the phone: the demonstration gets out of the way."""
        self.hint.stop()

    def praise_word(self) -> str:
        word = PRAISE_WORDS[self._praise_index % len(PRAISE_WORDS)]
        self._praise_index += 1
        return word

    def record(self, feedback: Feedback) -> Move:
        """Count one try at the expected step and move on when it did what was asked.

        A miss is coached, and the last step ends the drill; on ``Move.NEXT`` the drill
        shows its next step and calls ``well_done``.
        """
        move = self.run.answer(feedback.ok)
        if move is Move.STAY:
            self.coach(feedback.message)
        elif move is Move.DONE:
            self.finish()
        return move

    def well_done(self, next_instruction: str) -> None:
        """Show a word of praise; say it with what comes next."""
        word = self.praise_word()
        self.coach_box.show_message(word, good=True)
        self.services.speaker.say(f"{word} {next_instruction}".strip())

    def coach(self, message: str) -> None:
        """Show and say a coaching message (not counted as a try)."""
        self.coach_box.show_message(message, good=False)
        self.services.speaker.say(message)

    def tip(self, message: str) -> None:
        """Show a quiet pointer to the next move (not spoken, not counted)."""
        self.coach_box.show_message(message, good=True, mark=False)

    def cheer(self, message: str) -> None:
        """Show and say an encouraging message (not counted as a try)."""
        self.coach_box.show_message(message, good=True)
        self.services.speaker.say(message)

    def finish(self) -> None:
        """End the drill: the praise page, and the completion recorded for this visit."""
        completion = self.run.finish()
        assert self.run.result is not None
        self.hint.stop()
        words = self.praise.show_result(DRILL_TITLES[self.drill], self.run.result)
        self.pages.setCurrentWidget(self.praise)
        self.services.speaker.say(words)
        self.session.complete(completion)

    def _leave(self) -> None:
        self.nav.back()

    def _on_text_size(self, _name: str) -> None:
        self.on_text_size()
        self.phone.display.update()
