"""A big keypad with exactly the characters a card code can contain."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.attendance.codes import CODE_ALPHABET, CODE_LENGTH
from kiosk.ui.theme import set_text_role
from kiosk.ui.widgets import big_button

ROWS = 2
ERASE = "けす"
ENTER = "けってい"


class CodePad(QWidget):
    """Shows the typed code as on the card (ABCDE-FGHJK); ``submitted(code)`` on けってい.

    Old cards have eight characters (ABCD-EFGH): けってい works as soon as those are in.

    けす and けってい sit beside the typed code, the characters in two long rows below:
    the whole pad is four buttons high, so it fits a 1366×768 panel at 特大.
    """

    submitted = Signal(str)

    def __init__(self, target_px: int, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        self.display = QLabel(self._shown())
        set_text_role(self.display, "title")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setAccessibleName("入力した ばんごう")
        self.keys: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.setSpacing(spacing * 2)
        top.addWidget(self.display, 1)
        for key in (ERASE, ENTER):
            top.addWidget(self._key(key, primary=key == ENTER))
        layout.addLayout(top)
        grid = QGridLayout()
        grid.setSpacing(spacing)
        columns = -(-len(CODE_ALPHABET) // ROWS)
        for i, key in enumerate(CODE_ALPHABET):
            grid.addWidget(self._key(key), i // columns, i % columns)
        layout.addLayout(grid)

    def _key(self, key: str, *, primary: bool = False) -> QPushButton:
        button = big_button(key, lambda: self.press(key), primary=primary)
        button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
        if len(key) == 1:  # a single character needs no side padding: eleven keys a row fit
            button.setStyleSheet("padding-left: 4px; padding-right: 4px;")
        self.keys[key] = button
        return button

    def typed(self) -> str:
        return self._typed

    def clear(self) -> None:
        self._typed = ""
        self.display.setText(self._shown())

    def press(self, key: str) -> None:
        if key == ERASE:
            self._typed = self._typed[:-1]
        elif key == ENTER:
            if self._typed:
                self.submitted.emit(self._typed)
            return
        elif len(self._typed) < CODE_LENGTH:
            self._typed += key
        self.display.setText(self._shown())

    def _shown(self) -> str:
        # Placeholders show how many characters are still to come, in the card's layout.
        padded = self._typed + "・" * (CODE_LENGTH - len(self._typed))
        half = CODE_LENGTH // 2
        return f"{padded[:half]}-{padded[half:]}"
