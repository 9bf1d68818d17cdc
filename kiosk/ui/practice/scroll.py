"""スクロール drill: flick a long list (kinetic scrolling) to find a named item and touch it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QInputDevice, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.drills import Drill
from kiosk.core.gestures import GestureKind, classify, coach_list_pick, px_to_mm
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import DrillRun, Move
from kiosk.ui import theme
from kiosk.ui.practice.drill import DrillScreen
from kiosk.ui.practice.hint import HintKind
from kiosk.ui.practice.phone import PHONE_FONT_SCALE
from kiosk.ui.practice.touch import screen_dpi

# A shopping list in あいうえお order, long enough that it must be scrolled.
FOODS = (
    "あじ", "あずき", "いちご", "いわし", "うどん", "うめぼし", "えだまめ", "えび",
    "おにぎり", "おもち", "かき", "かぼちゃ", "きゅうり", "くり", "こんにゃく", "ごぼう",
    "さつまいも", "さば", "しいたけ", "すいか", "せんべい", "そば", "だいこん", "たまご",
    "ちくわ", "つけもの", "てんぷら", "とうふ", "なす", "にんじん", "ねぎ", "のり",
    "はくさい", "ひじき", "ふき", "ほうれんそう", "まぐろ", "みかん", "むぎちゃ", "めざし",
    "もやし", "やきいも", "ゆず", "ようかん", "らっきょう", "りんご", "れんこん", "わかめ",
)  # fmt: skip
# Far down, back up to the middle, then near the top: both directions get practised.
WANTED = ("りんご", "なす", "いちご")
FOUND_MARK = "◎ "


class PickWatcher(QObject):
    """Watches the list's touches and clicks without taking them from the kinetic scroller.

    A touch that stays put (a tap, by the core rules) picks the row under it; anything that
    travelled was scrolling. Mouse drags are taken by the scroller and never arrive here.
    """

    def __init__(self, drill: ScrollDrill, clock: Clock) -> None:
        super().__init__(drill)
        self.drill = drill
        self.clock = clock
        self.samples: list[tuple[float, float, float]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self.drill.touched()
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
        ):
            return False
        assert isinstance(event, QMouseEvent)
        pos = event.position()
        sample = (self.clock(), pos.x(), pos.y())
        # Two quick taps arrive as press + double-click: the second one is a new touch too.
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if event.device().type() != QInputDevice.DeviceType.TouchScreen:
                self.drill.touched()
            self.samples = [sample]
        elif self.samples:
            self.samples.append(sample)
            if kind == QEvent.Type.MouseButtonRelease:
                samples, self.samples = self.samples, []
                dpi = screen_dpi(self.drill.list)
                mm = [(t, px_to_mm(x, dpi), px_to_mm(y, dpi)) for t, x, y in samples]
                if classify(mm).kind is GestureKind.TAP:
                    self.drill.picked_at(pos)
        return False


class ScrollDrill(DrillScreen):
    """Find three foods in a long list, flicking it up and down."""

    drill = Drill.SCROLL
    run: DrillRun[str]

    def build_phone(self, display: QWidget) -> None:
        layout = QVBoxLayout(display)
        layout.setContentsMargins(0, 0, 0, 0)
        self.seen_announced = False
        self.list = QListWidget()
        self.list.setObjectName("PracticeList")
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for name in FOODS:
            self.list.addItem(QListWidgetItem(name))
        viewport = self.list.viewport()
        # Kinetic scrolling for fingers, and for the mouse too: on a PC without a touch
        # screen, dragging with the mouse is how the learner feels the same movement.
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.watcher = PickWatcher(self, clock=lambda: self.clock())
        viewport.installEventFilter(self.watcher)
        self.list.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        layout.addWidget(self.list)
        self._style_list()

    def _style_list(self) -> None:
        size = 20 * PHONE_FONT_SCALE * self.services.theme.scale
        row = max(self.services.theme.target_px * 0.8, size * 2.6)
        self.list.setStyleSheet(
            f"#PracticeList {{ background: #ffffff; font-size: {size:.1f}pt; }}"
            f"#PracticeList::item {{ min-height: {row:.0f}px; padding-left: 16px;"
            f" border-bottom: 1px solid #b8b8b8; color: {theme.INK}; }}"
        )

    def drill_steps(self) -> tuple[str, ...]:
        return WANTED

    def wanted_row(self) -> int:
        return FOODS.index(self.run.expected)

    def instruction_for(self, name: str) -> str:
        return (
            f"「{name}」を さがして さわりましょう。"
            "{指|ゆび}を つけたまま {上|うえ}や {下|した}に うごかすと、リストが うごきます。"
        )

    def begin(self) -> None:
        self.seen_announced = False
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(FOODS[row])
            item.setBackground(QColor("#ffffff"))
        self.list.scrollToTop()
        self._show_round()

    def _show_round(self) -> None:
        self.set_step(self.instruction_for(self.run.expected), self.run.progress())

    def is_row_visible(self, row: int) -> bool:
        rect = self.list.visualItemRect(self.list.item(row))
        return self.list.viewport().rect().contains(rect)

    def _on_scrolled(self, _value: int) -> None:
        # Live coaching: the moment the wanted item is on screen, say so.
        self.touched()
        if self.run.finished or self.seen_announced or not self.isVisible():
            return
        if self.is_row_visible(self.wanted_row()):
            self.seen_announced = True
            self.cheer(f"「{self.run.expected}」が みえました。さわりましょう。")

    def picked_at(self, pos: QPointF) -> None:
        """A tap on the list at ``pos`` (viewport coordinates)."""
        if self.run.finished:
            return
        item = self.list.itemAt(pos.toPoint())
        if item is None:
            return
        row = self.list.row(item)
        feedback = coach_list_pick(FOODS, row, self.wanted_row())
        if feedback.ok:
            item.setText(FOUND_MARK + FOODS[row])
            item.setBackground(QColor(theme.HIGHLIGHT))
            self.seen_announced = False
        if self.record(feedback) is Move.NEXT:
            self.well_done(self.instruction_for(self.run.expected))
            self._show_round()
            self._on_scrolled(0)

    def show_hint(self) -> None:
        viewport = self.list.viewport()
        if viewport.height() < 50 or self.run.finished:
            return
        wanted_below = self.list.visualItemRect(self.list.item(self.wanted_row())).top() > 0
        low = QPointF(viewport.width() * 0.5, viewport.height() * 0.75)
        high = QPointF(viewport.width() * 0.5, viewport.height() * 0.3)
        start, end = (low, high) if wanted_below else (high, low)
        origin = QPointF(viewport.mapTo(self.phone.display, viewport.rect().topLeft()))
        finger = 10 * screen_dpi(self.list) / 25.4
        self.hint.play(HintKind.DRAG, start + origin, end + origin, finger_px=finger)

    def on_text_size(self) -> None:
        self._style_list()
