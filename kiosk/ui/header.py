"""The bar above every screen: もどる, はじめにもどる, text size, furigana and speech switches."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton

from kiosk.core.config import TEXT_SIZES
from kiosk.ui.theme import CHROME_PT, FONT_FAMILY, own_font
from kiosk.ui.widgets import big_button


class Header(QFrame):
    """Navigation and display switches; the window connects the signals."""

    back_requested = Signal()
    home_requested = Signal()
    size_requested = Signal(str)
    ruby_toggled = Signal(bool)
    speech_toggled = Signal(bool)

    def __init__(self, spacing: int, corner_px: int = 0) -> None:
        super().__init__()
        self.setObjectName("Header")
        # Its words keep one size (CHROME_PT) whatever the text size, so the application's
        # font changes stop here: a text-size switch neither resizes nor repaints the bar.
        chrome = QFont(FONT_FAMILY)
        chrome.setPointSizeF(CHROME_PT)
        self.setFont(own_font(chrome))
        layout = QHBoxLayout(self)
        # The empty top-left corner is the staff hot spot (press and hold 3 s): no
        # learner control starts within it or within a finger's spacing of it.
        layout.setContentsMargins(max(spacing * 4, corner_px + spacing), spacing, spacing, spacing)
        layout.setSpacing(spacing)

        self.back_button = big_button("もどる", self.back_requested.emit)
        self.home_button = big_button("はじめに もどる", self.home_requested.emit)
        layout.addWidget(self.back_button)
        layout.addWidget(self.home_button)
        layout.addStretch(1)

        size_label = QLabel("もじ")
        size_label.setAccessibleName("文字の大きさ")
        layout.addWidget(size_label)
        self.size_buttons: dict[str, QPushButton] = {}
        self._size_group = QButtonGroup(self)
        self._size_group.setExclusive(True)
        for name in TEXT_SIZES:
            button = big_button(name)
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, n=name: self.size_requested.emit(n))
            self._size_group.addButton(button)
            self.size_buttons[name] = button
            layout.addWidget(button)

        layout.addSpacing(spacing)
        self.ruby_button = big_button("ふりがな あり")
        self.ruby_button.setCheckable(True)
        self.ruby_button.setChecked(True)
        self.ruby_button.toggled.connect(self._on_ruby)
        layout.addWidget(self.ruby_button)

        self.speech_button = big_button("おんせい あり")
        self.speech_button.setCheckable(True)
        self.speech_button.setChecked(True)
        self.speech_button.toggled.connect(self._on_speech)
        layout.addWidget(self.speech_button)

        # Touching the bar must not take the keyboard focus from the screen (a card
        # scanner types into whatever has it).
        for button in self.findChildren(QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_size(self, name: str) -> None:
        self.size_buttons[name].setChecked(True)

    def set_at_home(self, at_home: bool) -> None:
        # Kept visible at home so the bar never shifts; it just has nothing to go back to.
        self.back_button.setEnabled(not at_home)
        self.home_button.setEnabled(not at_home)

    def set_speech_state(self, enabled: bool, available: bool) -> None:
        """Words, not colour, tell the state: あり / なし / つかえません."""
        self.speech_button.blockSignals(True)
        self.speech_button.setChecked(enabled and available)
        self.speech_button.blockSignals(False)
        self.speech_button.setEnabled(available)
        if not available:
            self.speech_button.setText("おんせいは つかえません")
        else:
            self.speech_button.setText("おんせい あり" if enabled else "おんせい なし")

    def _on_ruby(self, checked: bool) -> None:
        self.ruby_button.setText("ふりがな あり" if checked else "ふりがな なし")
        self.ruby_toggled.emit(checked)

    def _on_speech(self, checked: bool) -> None:
        self.speech_button.setText("おんせい あり" if checked else "おんせい なし")
        self.speech_toggled.emit(checked)
