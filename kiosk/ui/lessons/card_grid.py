"""Cards in as many columns as fit side by side, up to a limit; fewer at larger text sizes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class CardGrid(QWidget):
    """Lays ``cards`` out row by row; the column count follows the width and the text size.

    A card never gets narrower than its minimum width (which grows with the text size),
    so at 特大 the same cards take two columns, or one, instead of squeezing their words.
    """

    def __init__(self, spacing: int, max_columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_columns = max_columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(spacing * 2)
        self.grid.setVerticalSpacing(spacing * 2)
        self.cards: list[QWidget] = []
        self.columns = 0

    def set_cards(self, cards: Sequence[QWidget]) -> None:
        """Show ``cards`` (in order) instead of the ones shown before, which are hidden."""
        for card in self.cards:
            self.grid.removeWidget(card)
            card.setVisible(False)
        self.cards = list(cards)
        self.columns = 0
        self._arrange()
        for card in self.cards:
            card.setVisible(True)

    def columns_for(self, width: int) -> int:
        """How many cards fit side by side in ``width`` pixels."""
        if not self.cards:
            return 1
        gap = self.grid.horizontalSpacing()
        widest = max(card.minimumSizeHint().width() for card in self.cards)
        return max(1, min(self.max_columns, len(self.cards), (width + gap) // (widest + gap)))

    def _arrange(self) -> None:
        columns = self.columns_for(self.width())
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for column in range(self.max_columns):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def event(self, event: QEvent) -> bool:
        # A text-size switch changes the cards' minimum widths without resizing the grid.
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange()
        return super().event(event)
