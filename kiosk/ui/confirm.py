"""「はじめに もどりますか？」: asked before はじめに もどる throws away work in progress."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.display import Display
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.widgets import big_button


class HomeConfirm(QFrame):
    """Full-window question; ``confirmed`` when the learner really wants to start again."""

    confirmed = Signal()

    QUESTION = "はじめの がめんに もどりますか？"
    DETAIL = "いまの れんしゅうは まだ おわっていません。"
    GO = "はじめに もどる"
    STAY = "つづける"

    def __init__(self, spacing: int, parent: QWidget, *, display: Display) -> None:
        super().__init__(parent)
        self.setObjectName("HomeConfirm")
        self.setStyleSheet("#HomeConfirm { background: rgba(26, 26, 26, 200); }")
        card = QFrame(self)
        card.setObjectName("HomeConfirmCard")
        card.setStyleSheet(
            "#HomeConfirmCard { background: #ffffff; border: 4px solid #1a1a1a;"
            " border-radius: 24px; }"
        )
        self.outer = outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card)  # no alignment: the layout then gives wrapped words their height
        outer.addStretch(1)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(spacing * 4, spacing * 3, spacing * 4, spacing * 3)
        layout.setSpacing(spacing * 2)
        layout.addWidget(RubyText(self.QUESTION, role="heading", center=True, display=display))
        layout.addWidget(RubyText(self.DETAIL, center=True, display=display))
        # The safe answer is the filled one: a slip of the finger keeps the learner's work.
        self.stay_button = big_button(self.STAY, self.hide, primary=True)
        self.go_button = big_button(self.GO, self._go)
        row = QHBoxLayout()
        row.setSpacing(spacing * 3)
        row.addStretch(1)
        row.addWidget(self.go_button)
        row.addWidget(self.stay_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.hide()

    def ask(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            side = round(parent.width() * 0.15)
            self.outer.setContentsMargins(side, 0, side, 0)
        self.raise_()
        self.show()

    def _go(self) -> None:
        self.hide()
        self.confirmed.emit()
