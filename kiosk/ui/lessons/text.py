"""Furigana text for the lesson screens that remembers its layout between repaints."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import AppContext


def _nearest(widget: QWidget | None, name: str) -> object:
    """The display setting ``name`` on ``widget`` or its nearest ancestor that has one."""
    while widget is not None:
        value = getattr(widget, name, None)
        if value is not None:
            return value
        widget = widget.parentWidget()
    return None


class LessonText(RubyText):
    """A ``RubyText`` that keeps its height per width until its text, size or furigana change.

    Qt's layouts ask a wrapped text for its height many times while one step replaces
    another (the box layouts, the scroll area with and without its scroll bar...); each
    answer means breaking every line again. Remembering the answers, and keeping the
    window's text scale on the widget itself (``RubyText`` looks for ``kiosk_scale`` on
    the widget first, then walks up to the window on every layout and paint), keeps a
    step change within one frame.
    """

    kiosk_ruby: bool | None = None

    def __init__(
        self,
        text: str = "",
        *,
        role: str = "body",
        center: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, role=role, center=center, parent=parent)
        self._forget()
        self._adopt_scale()

    def _forget(self) -> None:
        self._heights: dict[int, int] = {}
        self._hints: dict[str, QSize] = {}

    def _adopt_scale(self) -> None:
        # None (not yet inside the window) lets RubyText keep walking up as usual.
        self.kiosk_scale: float | None = None
        value = _nearest(self.parentWidget(), "kiosk_scale")
        if isinstance(value, (int, float)):
            self.kiosk_scale = float(value)

    def set_text(self, marked: str) -> None:
        if marked == self.text():
            self.set_highlight(-1)  # the same words again: nothing to lay out
            return
        self._forget()
        super().set_text(marked)

    def set_show_ruby(self, show: bool) -> None:
        # ``set_ruby_visible`` calls this on every text; keep the answer here too, where
        # RubyText looks first when it is shown again.
        self.kiosk_ruby = show
        if show != self.show_ruby():
            self._forget()
        super().set_show_ruby(show)

    def refresh_font(self) -> None:
        # ``apply_scale`` stores the new scale on the window, then calls this on every text.
        self._forget()
        self._adopt_scale()
        super().refresh_font()

    def showEvent(self, event: QShowEvent) -> None:
        # Shown for the first time inside the window: look both settings up once. Later
        # changes reach this text through ``refresh_font`` and ``set_show_ruby``.
        scale, ruby = self.kiosk_scale, self.show_ruby()
        if self.kiosk_scale is None:
            self._adopt_scale()
        if getattr(self, "kiosk_ruby", None) is None:
            ruby_setting = _nearest(self.parentWidget(), "kiosk_ruby")
            if isinstance(ruby_setting, bool):
                self.kiosk_ruby = ruby_setting
        super().showEvent(event)
        if scale != self.kiosk_scale or ruby != self.show_ruby():
            self._forget()

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = super().heightForWidth(width)
            self._heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        hint = self._hints.get("size")
        if hint is None:
            hint = self._hints["size"] = super().sizeHint()
        return QSize(hint)

    def minimumSizeHint(self) -> QSize:
        hint = self._hints.get("minimum")
        if hint is None:
            hint = self._hints["minimum"] = super().minimumSizeHint()
        return QSize(hint)


def prime_texts(root: QWidget, scale: float, show_ruby: bool | None) -> None:
    """Give every ``LessonText`` under a screen that is not in the window yet its settings.

    Without this each text walks up to the window for them again and again while the
    screen is first laid out; ``show_ruby`` None leaves the furigana to be looked up.
    """
    for text in root.findChildren(LessonText):
        text.kiosk_scale = scale
        if show_ruby is not None:
            text.set_show_ruby(show_ruby)


def shown_ruby(ctx: AppContext) -> bool | None:
    """Whether furigana are shown now (the window's switch), or None before the window exists."""
    value = getattr(ctx.window, "kiosk_ruby", None) if ctx.window is not None else None
    return value if isinstance(value, bool) else None
