"""How words are drawn: their scale and whether furigana show, as one object widgets follow.

The kiosk's screen has one ``Display``: the window keeps it in step with the current
``VisitSession`` (its text size and furigana choice), so after the idle reset it shows
the next visitor's defaults. Every ``RubyText`` follows a display through its
``changed`` signal: the screen's unless it is given another. A rehearsal's mock screen
draws its words smaller than the kiosk's and follows a display of its own
(``scaled``), each text on a printed sheet one at its size on paper.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.ui.owned import follow


class Display(QObject):
    """A text scale (1.0 is the 標準 size) and a furigana choice; ``changed`` on any change."""

    changed = Signal()

    def __init__(
        self,
        scale: float = 1.0,
        furigana: bool = True,
        parent: QObject | None = None,
        *,
        ruby_min_pt: float | None = None,
    ) -> None:
        super().__init__(parent)
        self._scale = scale
        self._furigana = furigana
        #: The smallest furigana in points (None: the screen's floor); paper has its own.
        self.ruby_min_pt = ruby_min_pt

    @property
    def scale(self) -> float:
        return self._scale

    @property
    def furigana(self) -> bool:
        return self._furigana

    def set_scale(self, scale: float) -> None:
        if scale != self._scale:
            self._scale = scale
            self.changed.emit()

    def set_furigana(self, shown: bool) -> None:
        if shown != self._furigana:
            self._furigana = shown
            self.changed.emit()

    def scaled(self, scale: float, owner: QObject) -> Display:
        """A display of its own ``scale`` that shows furigana whenever this one does.

        It lives as long as ``owner``.
        """
        child = Display(scale, self._furigana, owner)
        follow(self.changed, child, lambda: child.set_furigana(self._furigana))
        return child


_screen: Display | None = None


def screen_display() -> Display:
    """The display of the kiosk's screen, which texts follow unless given another."""
    global _screen
    if _screen is None:
        _screen = Display()
    return _screen
