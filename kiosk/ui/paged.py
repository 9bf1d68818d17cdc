"""A long page shown a part at a time, with つぎへ and まえへ, so nothing needs scrolling.

People who have never used a scroll bar do not know that words are hidden below the
edge of the screen. A page whose blocks do not fit the height it is given is cut into
parts between blocks, each part short enough to be seen whole, and the learner goes
through them with big buttons, as through the pages of a book.

The buttons and the part counter are the owner's to place: under the page, beside its
main action, where they never scroll and take no room from the words.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.display import Display
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.widgets import big_button

NEXT_PART = "つぎへ ▶"  # as in a lesson
PREVIOUS_PART = "◀ まえへ"


def block_height(block: QWidget, width: int) -> int:
    """How tall ``block`` is when laid out ``width`` pixels wide."""
    if block.hasHeightForWidth():
        # Not the minimum size hint: for wrapped words it is their height at the narrowest.
        return max(block.heightForWidth(width), block.minimumHeight())
    return max(block.sizeHint().height(), block.minimumSizeHint().height(), block.minimumHeight())


def split_into_parts(
    heights: Sequence[int], room: int, spacing: int, joined: Sequence[bool] = ()
) -> list[list[int]]:
    """Indices of blocks, part by part, in order: each part's blocks and the spacing
    between them fit ``room`` (a block taller than ``room`` has a part of its own).

    ``joined[i]`` keeps block ``i`` on the same part as the block after it (a heading
    never ends a part), as long as the two fit one part together.
    """
    groups: list[list[int]] = []
    for index in range(len(heights)):
        if groups and index > 0 and index - 1 < len(joined) and joined[index - 1]:
            groups[-1].append(index)
        else:
            groups.append([index])
    groups = [
        part
        for group in groups
        for part in (
            [[i] for i in group]
            if sum(heights[i] for i in group) + spacing * (len(group) - 1) > room
            else [group]
        )
    ]
    parts: list[list[int]] = []
    used = 0
    for group in groups:
        height = sum(heights[i] for i in group) + spacing * (len(group) - 1)
        if parts and used + spacing + height <= room:
            parts[-1].extend(group)
            used += spacing + height
        else:
            parts.append(list(group))
            used = height
    return parts


class Paged(QWidget):
    """Items shown one part at a time, with つぎへ / まえへ and a part counter.

    A subclass cuts its items into parts (``_set_parts``) and shows the items of a part
    (``_place``). The owner places ``previous_button``, ``counter`` and ``next_button``
    and calls ``set_active`` when the page shows or hides (they show only with it).
    ``part_changed`` fires when another part shows.
    """

    part_changed = Signal(int)

    def __init__(self, count: int = 0, *, display: Display) -> None:
        super().__init__()
        self._parts: list[list[int]] = [list(range(count))]
        self.part = 0
        #: The item the learner last turned to: cuts in passing never lose it.
        self._anchor = 0
        self._active = False
        self.previous_button = big_button(PREVIOUS_PART, self.show_previous)
        self._next_button: QPushButton | None = None
        self.counter = RubyText("", display=display)
        # No taller than its words: a row of buttons keeps it in the middle of its height.
        self.counter.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)

    @property
    def next_button(self) -> QPushButton:
        """つぎへ for the parts, made when an owner asks for it: an owner whose own つぎへ
        goes through the parts first (a lesson) never does."""
        if self._next_button is None:
            self._next_button = big_button(NEXT_PART, self.show_next)
            self._show()
        return self._next_button

    def set_active(self, active: bool) -> None:
        """Show the buttons and the counter with the page (``active``), hide them without it."""
        self._active = active
        self._show()

    def _set_parts(self, parts: list[list[int]]) -> None:
        """Use ``parts`` from now on, keeping the item shown first in the part on screen
        (so a text-size switch keeps the learner's place)."""
        first = self._anchor
        self._parts = parts or [[]]
        self.part = next((i for i, part in enumerate(parts) if part and first <= part[-1]), 0)
        self._show()

    def _place(self, shown: list[int]) -> None:
        """Show the items ``shown`` (the part on screen) and hide the others."""
        raise NotImplementedError

    # Paging ----------------------------------------------------------------------------
    @property
    def part_count(self) -> int:
        return len(self._parts)

    @property
    def paged(self) -> bool:
        """True when there is more than one part (the buttons show)."""
        return len(self._parts) > 1

    def on_last_part(self) -> bool:
        return self.part + 1 >= len(self._parts)

    def show_next(self) -> None:
        """つぎへ: the next part."""
        if self.part + 1 < len(self._parts):
            self._turn_to(self.part + 1)
            self.part_changed.emit(self.part)

    def show_previous(self) -> bool:
        """まえへ: the part before; False on the first part."""
        if self.part == 0:
            return False
        self._turn_to(self.part - 1)
        self.part_changed.emit(self.part)
        return True

    def show_first(self) -> None:
        """Back to the first part (a page opened again starts at its beginning)."""
        self._turn_to(0)

    def show_last(self) -> None:
        """The last part (a page come back to from the one after it ends where it was left)."""
        self._turn_to(len(self._parts) - 1)

    def _turn_to(self, part: int) -> None:
        if part != self.part:
            self.part = part
            self._anchor = self._parts[part][0] if self._parts[part] else 0
            self._show()

    def _show(self) -> None:
        self._place(self._parts[self.part])
        many = self._active and len(self._parts) > 1
        self.counter.set_text(f"{self.part + 1} / {len(self._parts)}" if many else "")
        self.counter.setVisible(many)
        for button, needed in (
            (self.previous_button, self.part > 0),
            (self._next_button, self.part + 1 < len(self._parts)),
        ):
            if button is None:
                continue
            # One that is not needed hides (a greyed-out button looks broken) and keeps
            # its room, so that the others stay where they were under the finger.
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(many)
            button.setSizePolicy(policy)
            button.setVisible(many and needed)


class PagedColumn(Paged):
    """Blocks in a column, one part at a time when they do not fit the height given.

    The owner calls ``fit(width, height)`` with the room the column has on screen (when
    the window or the text size changes), places ``previous_button``, ``counter`` and
    ``next_button``, and calls ``set_active`` when the page shows or hides (they show only
    with it). ``part_changed`` fires when another part shows.
    """

    def __init__(
        self,
        blocks: Sequence[QWidget],
        spacing: int,
        keep_with_next: Sequence[QWidget] = (),
        *,
        display: Display,
    ) -> None:
        super().__init__(display=display)
        self.blocks: list[QWidget] = []
        self._joined: list[bool] = []
        self._spacing = spacing
        self._layout = QVBoxLayout(self)
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(spacing)
        self._layout.addStretch(1)
        self.set_blocks(blocks, keep_with_next)

    def set_blocks(self, blocks: Sequence[QWidget], keep_with_next: Sequence[QWidget] = ()) -> None:
        """Show ``blocks`` from now on, all in one part until the next ``fit``.

        Blocks no longer listed leave the column (hidden; they stay the owner's to reuse).
        """
        blocks = list(blocks)
        for old in self.blocks:
            self._layout.removeWidget(old)
            if not any(old is block for block in blocks):
                old.setProperty("paged_out", False)
                old.setVisible(False)
        for index, block in enumerate(blocks):
            self._layout.insertWidget(index, block)
        self.blocks = blocks
        self._joined = [any(block is kept for kept in keep_with_next) for block in blocks]
        self._parts = [list(range(len(blocks)))]
        self.part = self._anchor = 0
        self._show()

    # Fitting ---------------------------------------------------------------------------
    def fit(self, width: int, height: int, keep: QWidget | None = None) -> None:
        """Cut the blocks into parts that fit ``width`` × ``height`` and show the part that
        holds ``keep`` (default: the block shown first now, so that a text-size switch
        keeps the learner's place)."""
        if width <= 0 or height <= 0 or not self.blocks:
            return
        if keep is None:
            keep = next(
                (self.blocks[i] for i in self._parts[self.part] if self.is_shown(self.blocks[i])),
                None,
            )
        shown = [i for i, block in enumerate(self.blocks) if self.is_shown(block)]
        heights = [block_height(self.blocks[i], width) for i in shown]
        joined = [self._joined[i] for i in shown]
        cut = split_into_parts(heights, height, self._spacing, joined)
        parts = [[shown[i] for i in part] for part in cut] or [[]]
        # A block the page hides goes with the block before it: it takes no room.
        owner = 0
        for index in range(len(self.blocks)):
            found = next((n for n, part in enumerate(parts) if index in part), None)
            if found is None:
                parts[owner].append(index)
            else:
                owner = found
        for part in parts:
            part.sort()
        self._parts = parts
        where = next((i for i, block in enumerate(self.blocks) if block is keep), 0)
        self.part = next((i for i, part in enumerate(parts) if where in part), 0)
        self._show()

    def is_shown(self, block: QWidget) -> bool:
        """Whether the page shows ``block`` at all (its owner may hide one): a block hidden
        only because its part is not on screen counts."""
        return not block.isHidden() or bool(block.property("paged_out"))

    def show_part_with(self, widget: QWidget) -> None:
        """The part that holds ``widget`` (a block or inside one)."""
        for index, part in enumerate(self._parts):
            if any(self.blocks[i] is widget or self.blocks[i].isAncestorOf(widget) for i in part):
                self._turn_to(index)
                return

    def parts(self) -> list[list[QWidget]]:
        """The blocks of each part, in order."""
        return [[self.blocks[i] for i in part] for part in self._parts]

    def is_on_screen(self, widget: QWidget) -> bool:
        """Whether ``widget`` (a block or inside one) is in the part on screen."""
        return any(
            block is widget or block.isAncestorOf(widget)
            for index in self._parts[self.part]
            for block in [self.blocks[index]]
        )

    def _place(self, shown: list[int]) -> None:
        on_screen = set(shown)
        for index, block in enumerate(self.blocks):
            if index not in on_screen:
                block.setProperty("paged_out", True)
                block.setVisible(False)
            elif block.property("paged_out"):
                block.setProperty("paged_out", False)
                block.setVisible(True)
