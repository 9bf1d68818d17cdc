"""How words are drawn: their scale and whether furigana show, as one object widgets follow.

Every ``RubyText`` is given the ``Display`` it follows through its ``changed`` signal.
The kiosk screen's display is the visit session's (``Sessions.display``, a
``session.ScreenDisplay``): it reads the current ``VisitSession``'s text size and
furigana choice and keeps no copy of them, so there is nothing to keep in step and
the idle reset brings the next visitor's defaults by replacing the session. Screens
hand it to the texts they build (``Screen.display``). A rehearsal's mock screen draws
its words smaller than the kiosk's and follows a display of its own (``scaled``), each
text on a printed sheet one at its size on paper (``OwnDisplay``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.ui.owned import follow


class Display(QObject):
    """A text scale (1.0 is the 標準 size) and a furigana choice; ``changed`` on any change.

    Subclasses say where the two come from.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, ruby_min_pt: float | None = None) -> None:
        super().__init__(parent)
        #: The smallest furigana in points (None: the screen's floor); paper has its own.
        self.ruby_min_pt = ruby_min_pt

    @property
    def scale(self) -> float:
        raise NotImplementedError

    @property
    def furigana(self) -> bool:
        raise NotImplementedError

    def scaled(self, scale: float, owner: QObject) -> OwnDisplay:
        """A display of its own ``scale`` that shows furigana whenever this one does.

        It lives as long as ``owner``.
        """
        child = OwnDisplay(scale, self.furigana, owner)
        follow(self.changed, child, lambda: child.set_furigana(self.furigana))
        return child


class OwnDisplay(Display):
    """A display whose owner sets its scale and furigana (a printed sheet, a mock screen)."""

    def __init__(
        self,
        scale: float = 1.0,
        furigana: bool = True,
        parent: QObject | None = None,
        *,
        ruby_min_pt: float | None = None,
    ) -> None:
        super().__init__(parent, ruby_min_pt=ruby_min_pt)
        self._scale = scale
        self._furigana = furigana

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
