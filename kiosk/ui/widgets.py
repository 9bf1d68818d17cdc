"""Small shared widgets: big buttons, headings, wrapped text and the page layout helper."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.theme import set_text_role


def big_button(
    text: str, on_click: Callable[[], object] | None = None, *, primary: bool = False
) -> QPushButton:
    """A large touch button; ``primary`` marks the one thing the learner should press next."""
    button = QPushButton(text)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    # Minimum: a layout may widen the button but never squeeze its words.
    button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    # A tap leaves no focus ring behind (it would look chosen); the Tab key still reaches it.
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    if primary:
        button.setProperty("role", "primary")
    if on_click is not None:
        button.clicked.connect(lambda _checked=False: on_click())
    return button


def heading(text: str, role: str = "heading") -> QLabel:
    """A bold heading label (``role`` is "heading" or "title")."""
    label = QLabel(text)
    set_text_role(label, role)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def body_text(text: str, *, center: bool = True, role: str = "") -> QLabel:
    """Wrapped body text at the learner's current size."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
    return label


def page_layout(widget: QWidget, spacing: int) -> QVBoxLayout:
    """The standard vertical layout of a screen: generous margins and spacing."""
    layout = QVBoxLayout(widget)
    # Heights follow the width (wrapped text), so the screen's scroll area asks
    # heightForWidth instead of a worst-case minimum height.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.setContentsMargins(spacing * 3, spacing * 2, spacing * 3, spacing * 2)
    layout.setSpacing(spacing * 2)
    return layout


def add_row(layout: QBoxLayout, *widgets: QWidget, spacing: int) -> None:
    """Add widgets side by side, centred, at least ``spacing`` apart."""
    from PySide6.QtWidgets import QHBoxLayout

    row = QHBoxLayout()
    row.setSpacing(spacing * 2)
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    layout.addLayout(row)


def remeasure(layout: QLayout) -> None:
    """Drop the sizes ``layout`` and everything in it have kept, to measure anew: words
    that changed in a widget not yet shown (or hidden) do not reach the layouts alone."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget = item.widget()
        inner = widget.layout() if widget is not None else item.layout()
        if widget is not None:
            widget.updateGeometry()
        if inner is not None:
            remeasure(inner)
    layout.invalidate()


def settle_layouts(passes: int = 6) -> None:
    """Finish every pending layout now, before the next paint.

    Each nested widget with its own layout (a tip box inside the step inside the page)
    settles one event-loop turn after the one inside it; left to the event loop,
    the first frame of a new step would show boxes at the old step's size and a second
    frame would fix them. Cheap when nothing is pending.
    """
    for _ in range(passes):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
