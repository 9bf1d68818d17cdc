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
from PySide6.QtWidgets import QLayout, QSizePolicy, QVBoxLayout, QWidget

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


class PagedColumn(QWidget):
    """Blocks in a column, one part at a time when they do not fit the height given.

    The owner calls ``fit(width, height)`` with the room the column has on screen (when
    the window or the text size changes), places ``previous_button``, ``counter`` and
    ``next_button``, and calls ``set_active`` when the page shows or hides (they show only
    with it). ``part_changed`` fires when another part shows.
    """

    part_changed = Signal(int)

    def __init__(
        self, blocks: Sequence[QWidget], spacing: int, keep_with_next: Sequence[QWidget] = ()
    ) -> None:
        super().__init__()
        self.blocks = list(blocks)
        self._joined = [any(block is kept for kept in keep_with_next) for block in self.blocks]
        self._spacing = spacing
        self._parts: list[list[int]] = [list(range(len(self.blocks)))]
        self.part = 0
        self._active = False
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        for block in self.blocks:
            layout.addWidget(block)
        layout.addStretch(1)
        self.previous_button = big_button(PREVIOUS_PART, self.show_previous)
        self.next_button = big_button(NEXT_PART, self.show_next)
        self.counter = RubyText("")
        # No taller than its words: a row of buttons keeps it in the middle of its height.
        self.counter.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self._show()

    def set_active(self, active: bool) -> None:
        """Show the buttons and the counter with the page (``active``), hide them without it."""
        self._active = active
        self._show()

    # Fitting ---------------------------------------------------------------------------
    def fit(self, width: int, height: int) -> None:
        """Cut the blocks into parts that fit ``width`` × ``height``, keeping the block
        shown first in the part on screen (so a text-size switch keeps the learner's place)."""
        if width <= 0 or height <= 0:
            return
        first = self._parts[self.part][0] if self._parts else 0
        heights = [block_height(b, width) if self.is_shown(b) else 0 for b in self.blocks]
        spacing = self._spacing
        parts = split_into_parts(heights, height, spacing, self._joined)
        self._parts = parts
        self.part = next(i for i, part in enumerate(parts) if first <= part[-1])
        self._show()

    def is_shown(self, block: QWidget) -> bool:
        """Whether the page shows ``block`` at all (its owner may hide one): a block hidden
        only because its part is not on screen counts."""
        return not block.isHidden() or bool(block.property("paged_out"))

    # Paging ----------------------------------------------------------------------------
    @property
    def part_count(self) -> int:
        return len(self._parts)

    def show_next(self) -> None:
        """つぎへ: the next part."""
        if self.part + 1 < len(self._parts):
            self.part += 1
            self._show()
            self.part_changed.emit(self.part)

    def show_previous(self) -> bool:
        """まえへ: the part before; False on the first part."""
        if self.part == 0:
            return False
        self.part -= 1
        self._show()
        self.part_changed.emit(self.part)
        return True

    def show_first(self) -> None:
        """Back to the first part (a page opened again starts at its beginning)."""
        if self.part != 0:
            self.part = 0
            self._show()

    def is_on_screen(self, widget: QWidget) -> bool:
        """Whether ``widget`` (a block or inside one) is in the part on screen."""
        return any(
            block is widget or block.isAncestorOf(widget)
            for index in self._parts[self.part]
            for block in [self.blocks[index]]
        )

    def _show(self) -> None:
        shown = set(self._parts[self.part])
        for index, block in enumerate(self.blocks):
            paged_out = index not in shown
            if paged_out:
                block.setProperty("paged_out", True)
                block.setVisible(False)
            elif block.property("paged_out"):
                block.setProperty("paged_out", False)
                block.setVisible(True)
        many = self._active and len(self._parts) > 1
        self.counter.set_text(f"{self.part + 1} / {len(self._parts)}" if many else "")
        self.counter.setVisible(many)
        for button, needed in (
            (self.previous_button, self.part > 0),
            (self.next_button, self.part + 1 < len(self._parts)),
        ):
            # One that is not needed hides (a greyed-out button looks broken) and keeps
            # its room, so that the others stay where they were under the finger.
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(many)
            button.setSizePolicy(policy)
            button.setVisible(many and needed)
