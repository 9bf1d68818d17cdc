"""Cards in as many columns as fit side by side, and as many rows as fit the screen.

A list screen never scrolls: the cards that do not fit its height go on the next part,
reached with つぎへ, as in a book (kiosk/ui/paged.py). A card is always shown whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QBoxLayout, QGridLayout, QLayout, QWidget

from kiosk.ui.display import Display
from kiosk.ui.owned import follow
from kiosk.ui.paged import Paged, block_height, split_into_parts
from kiosk.ui.screen import Screen


@runtime_checkable
class WordedCard(Protocol):
    """A card that can tell whether its title would break inside a word."""

    def cuts_a_word(self, width: int) -> bool:
        """Whether the title breaks inside a word on the card ``width`` pixels wide."""
        ...


def words_width(card: QWidget, width: int) -> int:
    """The width left for words on ``card``, ``width`` pixels wide (its layout's margins off)."""
    layout = card.layout()
    if layout is None:
        return width
    margins = layout.contentsMargins()
    return width - margins.left() - margins.right()


class CardGrid(Paged):
    """Lays ``cards`` out row by row; the column count follows the width and the text size.

    A card never gets narrower than its minimum width (which grows with the text size),
    so at 特大 the same cards take two columns, or one, instead of squeezing their words;
    nor so narrow that a title breaks inside a word (a ``WordedCard`` tells).
    The owner calls ``fit(width, height)`` with the room the grid has on screen; the rows
    that do not fit go on later parts.
    """

    def __init__(
        self, spacing: int, max_columns: int, parent: QWidget | None = None, *, display: Display
    ) -> None:
        super().__init__(0, display=display)
        if parent is not None:
            self.setParent(parent)
        self.max_columns = max_columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(spacing * 2)
        self.grid.setVerticalSpacing(spacing * 2)
        self.cards: list[QWidget] = []
        self.columns = 0
        #: False when some card is taller than the room even on a part of its own.
        self.fits = True
        self._room: tuple[int, int] | None = None

    def set_cards(self, cards: Sequence[QWidget]) -> None:
        """Show ``cards`` (in order, from the first part) instead of the ones shown before."""
        for card in self.cards:
            self.grid.removeWidget(card)
            card.setVisible(False)
        self.cards = list(cards)
        self._parts = [list(range(len(self.cards)))]
        self.part = self._anchor = 0
        self.columns = 0
        self._recut()

    def columns_for(self, width: int) -> int:
        """How many cards fit side by side in ``width`` pixels."""
        if not self.cards:
            return 1
        gap = self.grid.horizontalSpacing()
        widest = max(card.minimumSizeHint().width() for card in self.cards)
        return max(1, min(self.max_columns, len(self.cards), (width + gap) // (widest + gap)))

    def fit(self, width: int, height: int) -> None:
        """Cut the cards into parts that fit ``width`` × ``height`` (the grid's room on screen)."""
        if width > 0 and height > 0:
            self._room = (width, height)
            self._recut()

    def _recut(self) -> None:
        if self._room is None:
            self.columns = self.columns_for(self.width())
            self._set_parts([list(range(len(self.cards)))])
            return
        width, height = self._room
        # The column count that shows every card whole, with no title broken inside a
        # word, on the fewest parts; of two as good, the one with wider cards (their
        # titles wrap onto fewer lines).
        best: tuple[tuple[bool, bool, int, int], int, list[list[int]]] | None = None
        for columns in range(self.columns_for(width), 0, -1):
            rows, heights = self._rows(columns, width)
            row_parts = split_into_parts(heights, height, self.grid.verticalSpacing())
            parts = [[i for r in part for i in rows[r]] for part in row_parts]
            cut = any(
                isinstance(card, WordedCard)
                and card.cuts_a_word(self._column_width(columns, width))
                for card in self.cards
            )
            score = (max(heights, default=0) > height, cut, len(parts), columns)
            if best is None or score < best[0]:
                best = (score, columns, parts)
        assert best is not None
        self.fits = not best[0][0]
        self.columns = best[1]
        self._set_parts(best[2])

    def _column_width(self, columns: int, width: int) -> int:
        return (width - self.grid.horizontalSpacing() * (columns - 1)) // columns

    def _rows(self, columns: int, width: int) -> tuple[list[list[int]], list[int]]:
        """The cards' indices row by row in ``columns`` columns, and each row's height."""
        column_width = self._column_width(columns, width)
        rows = [
            list(range(start, min(start + columns, len(self.cards))))
            for start in range(0, len(self.cards), columns)
        ]
        heights = [max(block_height(self.cards[i], column_width) for i in row) for row in rows]
        return rows, heights

    def _place(self, shown: list[int]) -> None:
        columns = max(1, self.columns)
        on_screen = set(shown)
        for index, card in enumerate(self.cards):
            self.grid.removeWidget(card)
            if index not in on_screen:
                card.setVisible(False)
        for column in range(self.max_columns):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for place, index in enumerate(shown):
            card = self.cards[index]
            self.grid.addWidget(card, place // columns, place % columns)
            card.setVisible(True)


def room_for(layout: QBoxLayout, grid: QWidget, width: int, height: int) -> tuple[int, int]:
    """The width and height that ``grid`` has in a page ``layout`` shown ``width`` ×
    ``height`` (the page's margins and its other rows taken off)."""
    margins = layout.contentsMargins()
    inner = width - margins.left() - margins.right()
    used = margins.top() + margins.bottom()
    rows = 0
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None or item.isEmpty():
            continue
        rows += 1
        if item.widget() is grid:
            continue
        hint = max(item.sizeHint().height(), item.minimumSize().height())
        used += max(item.heightForWidth(inner), hint) if item.hasHeightForWidth() else hint
    return inner, height - used - layout.spacing() * max(0, rows - 1)


def fit_cards(
    layout: QBoxLayout,
    grid: CardGrid,
    width: int,
    height: int,
    optional: Sequence[QWidget] = (),
) -> None:
    """Page ``grid`` for the room the page leaves it in ``width`` × ``height``.

    The ``optional`` words (an explanation, a prompt also spoken aloud) give way, first
    to last, only where that lets every card show whole or saves a part.
    """
    best: tuple[tuple[bool, int, int], int] | None = None
    for hidden in range(len(optional) + 1):
        for index, words in enumerate(optional):
            words.setVisible(index >= hidden)
        grid.fit(*room_for(layout, grid, width, height))
        score = (not grid.fits, grid.part_count, hidden)
        if best is None or score < best[0]:
            best = (score, hidden)
        if grid.fits and grid.part_count == 1:
            break
    assert best is not None
    if best[1] != hidden:
        for index, words in enumerate(optional):
            words.setVisible(index >= best[1])
        grid.fit(*room_for(layout, grid, width, height))


class CardListScreen(Screen):
    """A screen of cards to choose from (lessons, rehearsals, drills) that never scrolls.

    A subclass builds its page and calls ``page_cards``: the cards then page with
    ◀ まえへ / 1 / 2 / つぎへ ▶ in the bar under the page whenever they do not all fit,
    recut when the window or the text size changes; the header's もどる goes to the
    part before.
    """

    shows_scroll_bar = False
    grid: CardGrid
    _room: tuple[int, int] | None = None
    _optional: tuple[QWidget, ...] = ()

    def page_cards(self, grid: CardGrid, optional: Sequence[QWidget] = ()) -> None:
        """Page ``grid``'s cards; ``optional`` words show only where they cost no part."""
        self.grid = grid
        self._optional = tuple(optional)
        grid.set_active(True)
        bar = self.pin_actions(grid.previous_button, grid.counter, grid.next_button)
        bar.setVisible(False)
        follow(self.services.theme.changed, self, self._refit_later)

    def fit_room(self, width: int, height: int) -> None:
        self._room = (width, height)
        self.refit()

    def _refit_later(self, _size: str) -> None:
        QTimer.singleShot(0, self, self.refit)  # once the new fonts are laid out

    def refit(self) -> None:
        """Cut the cards into parts again for the room the window gives this screen (once
        it is on top again when another screen covers it: ``on_shown`` cuts them)."""
        layout = self.layout()
        if self._room is None or not self.on_top or not isinstance(layout, QBoxLayout):
            return
        # Layouts remember sizes until the event loop lays them out again: words that
        # changed just now (a tab's, the text size) must be measured afresh.
        for child in [layout, *self.findChildren(QLayout)]:
            child.invalidate()
        # Cut for the room without the bar, however it stands in passing: a cut that
        # depended on it would undo itself as it comes and goes.
        width, height = self._room
        bar = self.action_bar
        port = self.parentWidget()
        area = port.parentWidget() if port is not None else None
        holder = area.parentWidget() if area is not None else None
        if isinstance(area, QAbstractScrollArea) and holder is not None:
            width, height = area.width(), holder.height()  # the area and the bar
        elif bar is not None and not bar.isHidden():
            height += bar.sizeHint().height()
        self.cut(layout, width, height)
        if bar is not None:
            bar.setVisible(self.grid.paged)

    def cut(self, layout: QBoxLayout, width: int, height: int) -> None:
        """Cut the cards into parts for ``width`` × ``height`` (the page and its bar)."""
        self.before_fit(width, height)
        fit_cards(layout, self.grid, width, height, self._optional)
        bar = self.action_bar
        if bar is not None and self.grid.paged:
            # つぎへ needs the bar, which takes its height from the cards.
            fit_cards(layout, self.grid, width, height - bar.sizeHint().height(), self._optional)

    def before_fit(self, width: int, height: int) -> None:
        """Adapt the page's other rows to ``width`` × ``height`` before the cards are cut."""

    def go_back(self) -> bool:
        return self.grid.show_previous()
