"""A big keypad with exactly the characters a card code can contain."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.attendance.codes import CODE_ALPHABET, CODE_LENGTH
from kiosk.ui.widgets import big_button

COLUMNS = 6


class CodePad(QWidget):
    """Shows the typed code as on the card (ABCDE-FGHJK); ``submitted(code)`` on けってい.

    Old cards have eight characters (ABCD-EFGH): けってい works as soon as those are in.
    """

    submitted = Signal(str)

    def __init__(self, target_px: int, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        self.display = QLabel(self._shown())
        self.display.setProperty("role", "title")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setAccessibleName("入力した ばんごう")
        layout.addWidget(self.display)
        grid = QGridLayout()
        grid.setSpacing(spacing)
        self.keys: dict[str, QPushButton] = {}
        labels = [*CODE_ALPHABET, "けす", "けってい"]
        for i, key in enumerate(labels):
            button = big_button(key, primary=(key == "けってい"))
            button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            self.keys[key] = button
            grid.addWidget(button, i // COLUMNS, i % COLUMNS)
        layout.addLayout(grid)

    def typed(self) -> str:
        return self._typed

    def clear(self) -> None:
        self._typed = ""
        self.display.setText(self._shown())

    def press(self, key: str) -> None:
        if key == "けす":
            self._typed = self._typed[:-1]
        elif key == "けってい":
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
