"""Small pieces the console tabs share: a wrapping button row, a stepper, tables, notes, times."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from kiosk.ui.tasks import TaskRunner
from kiosk.ui.theme import PAPER, set_text_role
from kiosk.ui.widgets import big_button, body_text


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto new lines when the width runs out.

    Staff text is large: a row of buttons that fits at 標準 must wrap at 特大
    instead of forcing horizontal scrolling.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        """Add ``widget`` (keeps a Python reference to its layout item)."""
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if hint.width() > area.width():
                # Wider than the whole row (long wrapped text): take the row, grow down.
                width = max(1, area.width())
                height = item.heightForWidth(width) if item.hasHeightForWidth() else -1
                hint = QSize(width, max(height, hint.height()))
            if lines[-1] and x + hint.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + self._gap
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(hint.height() for _, hint in line)
            if move:
                x = area.x()
                for item, hint in line:
                    # Items of one line share its middle (a label beside tall buttons).
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                    x += hint.width() + self._gap
            y += height + self._gap
        used = y - self._gap if y > area.y() else y
        return used - rect.y() + margins.bottom()


def flow_row(spacing: int, *widgets: QWidget) -> QWidget:
    """A widget holding ``widgets`` in a wrapping row ``spacing * 2`` apart."""
    holder = QWidget()
    flow = FlowLayout(holder, spacing * 2)
    for widget in widgets:
        flow.add(widget)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder


def left_text(text: str = "", *, role: str = "", selectable: bool = False) -> QLabel:
    """Wrapped, left-aligned staff text (``role="note"`` draws a framed box)."""
    label = body_text(text, center=False, role=role)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if role != "note":
        # BIZ UDPGothic draws '_' below its stated descent: keep it from being cut off.
        label.setContentsMargins(0, 0, 0, 4)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def sub_heading(text: str) -> QLabel:
    """A bold line at body size that names a part of a tab."""
    label = left_text(text)
    label.setStyleSheet("font-weight: bold;")
    return label


def tab_heading(text: str) -> QLabel:
    """The large heading that names the open tab (so the choice never rests on colour)."""
    label = QLabel(text)
    set_text_role(label, "heading")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class Stepper(QWidget):
    """``[−] value [+]``: a number chosen with two big buttons instead of a tiny spin box."""

    def __init__(
        self,
        value: int,
        minimum: int,
        maximum: int,
        step: int,
        describe: Callable[[int], str],
        *,
        spacing: int,
        name: str,
    ) -> None:
        super().__init__()
        self.minimum, self.maximum, self.step = minimum, maximum, step
        self._describe = describe
        self._value = min(max(value, minimum), maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing * 2)
        self.minus = big_button("−", lambda: self.set_value(self._value - self.step))
        self.minus.setAccessibleName(f"{name}を へらす")
        self.plus = big_button("＋", lambda: self.set_value(self._value + self.step))
        self.plus.setAccessibleName(f"{name}を ふやす")
        self.label = QLabel()
        self.label.setAccessibleName(name)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.minus)
        layout.addWidget(self.label)
        layout.addWidget(self.plus)
        layout.addStretch(1)
        self._show()

    def value(self) -> int:
        """The number shown."""
        return self._value

    def set_value(self, value: int) -> None:
        """Show ``value``, kept within the limits."""
        self._value = min(max(value, self.minimum), self.maximum)
        self._show()

    def _show(self) -> None:
        self.label.setText(self._describe(self._value))
        self.minus.setEnabled(self._value > self.minimum)
        self.plus.setEnabled(self._value < self.maximum)


class Table(QWidget):
    """Rows of labels under bold column titles; grows with its rows (the page scrolls).

    Only the ``wrap`` columns wrap and share the spare width; the other columns keep
    their short values (times, counts, codes) on one line.
    """

    def __init__(
        self,
        columns: Sequence[str],
        *,
        spacing: int,
        empty_text: str,
        wrap: Sequence[int] = (-1,),
        weights: Sequence[int] = (),
        titles: bool = True,
    ) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.empty_text = empty_text
        self.wrap = {column % len(self.columns) for column in wrap}
        self.show_titles = titles
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(spacing * 3)
        self._grid.setVerticalSpacing(spacing)
        # ``weights`` (one per wrap column) share the spare width unevenly, e.g. 2:1.
        for i, column in enumerate(wrap):
            weight = weights[i] if i < len(weights) else 1
            self._grid.setColumnStretch(column % len(self.columns), weight)
        self.rows: list[tuple[str, ...]] = []
        self._cells: list[QLabel] = []
        self.set_rows([])

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Replace every row (each a sequence of cell texts, one per column)."""
        new_rows = [tuple(row) for row in rows]
        if new_rows and self.rows and len(new_rows) == len(self.rows):
            # Same shape (a refresh): change the texts in place, nothing jumps.
            self.rows = new_rows
            cells = self._cells[len(self.columns) if self.show_titles else 0 :]
            for label, text in zip(cells, (t for row in new_rows for t in row), strict=True):
                label.setText(text)
            return
        for label in self._cells:
            self._grid.removeWidget(label)
            label.deleteLater()
        self._cells = []
        self.rows = [tuple(row) for row in rows]
        if not self.rows:
            self._add(0, 0, self.empty_text, span=len(self.columns), wrap=True)
            return
        first = 0
        if self.show_titles:
            first = 1
            for column, title in enumerate(self.columns):
                self._add(0, column, title, bold=True, wrap=column in self.wrap)
        for r, row in enumerate(self.rows, start=first):
            for column, text in enumerate(row):
                self._add(r, column, text, wrap=column in self.wrap)

    def _add(
        self, row: int, column: int, text: str, *, bold: bool = False, span: int = 1, wrap: bool
    ) -> None:
        label = left_text(text)
        label.setWordWrap(wrap)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if bold:
            label.setStyleSheet("font-weight: bold;")
        self._grid.addWidget(label, row, column, 1, span)
        self._cells.append(label)

    def cell_texts(self) -> list[str]:
        """Every visible cell, in reading order (for tests and screen readers)."""
        return [label.text() for label in self._cells]


def breakable(path: object) -> str:
    """A path that may wrap after its separators (a long Windows path must not need scrolling)."""
    return str(path).replace("/", "/\u200b").replace("\\", "\\\u200b")


def format_time(stamp: str | None, *, with_date: bool = True, short: bool = False) -> str:
    """``2026-05-01T10:15:00+09:00`` → ``2026年5月1日 10:15`` (or ``10:15``); "" for None.

    ``short`` leaves out the year when it is this year.
    """
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    clock = f"{moment.hour}:{moment.minute:02d}"
    if not with_date:
        return clock
    day = f"{moment.month}月{moment.day}日"
    if short and moment.year == datetime.now().year:
        return f"{day} {clock}"
    return f"{moment.year}年{day} {clock}"


def run_for(
    owner: QObject,
    tasks: TaskRunner,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """``tasks.run`` whose callbacks are skipped if ``owner`` was deleted meanwhile.

    Staff may leave the console (or the idle reset may close it) while a
    report or an export is still running; its result then goes nowhere.
    """

    def done(result: Any) -> None:
        if shiboken6.isValid(owner):
            on_done(result)

    def failed(error: BaseException) -> None:
        if shiboken6.isValid(owner):
            on_error(error)

    tasks.run(work, done, failed)


CHOSEN, UNCHOSEN = "●", "○"


def choice_buttons(
    options: Sequence[str], spacing: int, on_choose: Callable[[str], None]
) -> tuple[QWidget, dict[str, QPushButton]]:
    """A wrapping row of checkable buttons of which exactly one is chosen."""
    from PySide6.QtWidgets import QButtonGroup

    buttons: dict[str, QPushButton] = {}
    holder = flow_row(spacing)
    group = QButtonGroup(holder)
    group.setExclusive(True)
    flow = holder.layout()
    assert isinstance(flow, FlowLayout)
    for option in options:
        button = big_button(f"{UNCHOSEN} {option}")
        button.setCheckable(True)
        button.setAccessibleName(option)
        # The mark says which one is chosen without relying on the filled colour.
        button.toggled.connect(
            lambda on, b=button, o=option: b.setText(f"{CHOSEN if on else UNCHOSEN} {o}")
        )
        button.clicked.connect(lambda _c=False, o=option: on_choose(o))
        group.addButton(button)
        flow.add(button)
        buttons[option] = button
    return holder, buttons


class ConfirmDialog(QDialog):
    """A yes/no question in large type with two big buttons far enough apart for a finger."""

    def __init__(
        self, parent: QWidget, title: str, text: str, yes: str, no: str, *, spacing: int
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setObjectName("ConfirmDialog")
        self.setStyleSheet(f"#ConfirmDialog {{ background: {PAPER}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(spacing * 3, spacing * 2, spacing * 3, spacing * 2)
        layout.setSpacing(spacing * 2)
        self.title = tab_heading(title)
        self.text = left_text(text)
        self.text.setMinimumWidth(spacing * 55)
        # The safe answer is the filled one and the Enter default, so that neither a
        # stray Enter nor a glance at the bold button ends or deletes anything.
        self.yes_button = big_button(yes, self.accept)
        self.no_button = big_button(no, self.reject, primary=True)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.setSpacing(spacing * 4)
        row.addStretch(1)
        row.addWidget(self.yes_button)
        row.addWidget(self.no_button)
        layout.addLayout(row)
        self.no_button.setDefault(True)
        self.no_button.setFocus()

    def question_text(self) -> str:
        """The title and the question as shown."""
        return f"{self.title.text()}\n{self.text.text()}"


def confirm(parent: QWidget, title: str, text: str, yes: str, no: str, *, spacing: int) -> bool:
    """Ask staff a yes/no question; True only if they press ``yes``."""
    dialog = ConfirmDialog(parent, title, text, yes, no, spacing=spacing)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    # An idle reset may have closed the console (and the dialog with it) meanwhile.
    if shiboken6.isValid(dialog):
        dialog.deleteLater()
    return accepted and shiboken6.isValid(parent)
