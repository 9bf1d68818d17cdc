"""The calm message a learner sees instead of a crash."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.display import Display
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.widgets import big_button

AUTO_RETURN_MS = 8000


class ErrorOverlay(QFrame):
    """Covers the window, says sorry, and returns home by itself after a few seconds."""

    done = Signal()
    MESSAGE = "もうしわけありません。はじめの がめんに もどります。"

    def __init__(self, spacing: int, parent: QWidget, *, display: Display) -> None:
        super().__init__(parent)
        self.setObjectName("ErrorOverlay")
        self.setStyleSheet("#ErrorOverlay { background: #ffffff; }")
        layout = QVBoxLayout(self)
        layout.setSpacing(spacing * 2)
        layout.addStretch(1)
        layout.addWidget(RubyText(self.MESSAGE, role="title", center=True, display=display))
        layout.addWidget(
            RubyText(
                "こまった ときは、ちかくの スタッフに こえを かけてください。",
                center=True,
                display=display,
            )
        )
        self.ok_button = big_button("はじめの がめんへ", self._finish, primary=True)
        self.ok_button.setMinimumWidth(spacing * 30)
        layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTO_RETURN_MS)
        self._timer.timeout.connect(self._finish)
        self.hide()

    def show_error(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self._timer.start()

    def _finish(self) -> None:
        self._timer.stop()
        if self.isVisible():
            self.hide()
            self.done.emit()
