"""A big button whose words can carry furigana, with an optional icon and a second line."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.resources import resource_path
from kiosk.core.ruby import plain_text
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.ruby_text import RubyText


class CardButton(QAbstractButton):
    """Like a QPushButton, but its text is a ``RubyText`` and it can show an SVG icon.

    ``primary`` draws it filled, for the one thing the learner should press next.
    """

    def __init__(
        self,
        title: str,
        explanation: str = "",
        *,
        display: Display,
        icon: str | None = None,
        icon_px: int = 0,
        primary: bool = False,
        center: bool = False,
        min_height: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumHeight(min_height)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a ring only after keyboard use
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setText(plain_text(title))
        self.primary = primary
        self._renderer = QSvgRenderer(str(resource_path(icon)), self) if icon else None
        self._icon_px = icon_px if icon else 0
        layout = QVBoxLayout(self)
        left = self._icon_px + 48 if icon else 20
        layout.setContentsMargins(left, 14, 20, 14)
        layout.setSpacing(4)
        layout.addStretch(1)
        self.title_text = RubyText(
            title, role="heading" if explanation else "body", center=center, display=display
        )
        self.explanation_text = (
            RubyText(explanation, center=center, display=display) if explanation else None
        )
        for child in (self.title_text, self.explanation_text):
            if child is not None:
                child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                child.ink = theme.PRIMARY_INK if primary else theme.INK
                layout.addWidget(child)
        layout.addStretch(1)

    def show_explanation(self, shown: bool) -> None:
        """Show or hide the second line (where the screen has no room for it)."""
        if self.explanation_text is not None:
            self.explanation_text.setVisible(shown)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(200, 80)
        return hint.expandedTo(QSize(self._icon_px, self._icon_px))

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else QSize(120, 64)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.primary:
            fill = theme.PRIMARY_PRESSED if self.isDown() else theme.PRIMARY
        else:
            fill = theme.SOFT_PAPER if self.isDown() or self.isChecked() else theme.PAPER
        painter.setBrush(QColor(fill))
        border = (
            theme.FOCUS if self.hasFocus() else (theme.PRIMARY if self.primary else theme.OUTLINE)
        )
        width = 6 if self.isChecked() else 4
        painter.setPen(QPen(QColor(border), width))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(3, 3, -3, -3), 20, 20)
        if self._renderer is not None:
            size = self._icon_px
            self._renderer.render(painter, QRectF(24, (self.height() - size) / 2, size, size))
        painter.end()
