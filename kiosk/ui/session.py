"""One visitor's choices and progress, replaced whole when the kiosk resets for the next person.

A ``VisitSession`` holds what the person at the kiosk chose (text size, furigana, speech)
and did (done marks, activity). Nothing of it survives the idle reset: ``Sessions.reset``
throws the session away and starts a fresh one from the centre's settings, so no choice
can leak to the next visitor by being forgotten in a list of things to clear.
Widgets that show session state follow ``Sessions.replaced`` (through ``owned.follow``)
and the current session's own signals. Texts follow ``Sessions.display``, which reads
the current session's text size and furigana choice (it keeps no copy of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.core.activity import ACTIVITY_KINDS, ACTIVITY_STAGES
from kiosk.core.runs.completion import Completion
from kiosk.core.visit import VisitProgress
from kiosk.ui.display import Display
from kiosk.ui.theme import TEXT_SCALES


@dataclass(frozen=True)
class SessionDefaults:
    """What every visit starts with: the centre's settings."""

    text_size: str
    speech: bool
    furigana: bool = True


class VisitSession(QObject):
    """The current visitor's display choices, done marks and activity.

    ``reported(kind, item_id, stage, detail)``: kind is lesson / procedure / practice,
    stage is started / step / completed, detail a small dict of plain values (step
    number, attempts, seconds...). Never anything personal.
    """

    text_size_changed = Signal(str)
    furigana_changed = Signal(bool)
    speech_changed = Signal(bool)
    reported = Signal(str, str, str, dict)

    def __init__(self, defaults: SessionDefaults, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text_size = defaults.text_size
        self._furigana = defaults.furigana
        self._speech = defaults.speech
        #: Completions in this visit, for the done marks on screen.
        self.progress = VisitProgress()

    # Display choices ---------------------------------------------------------
    @property
    def text_size(self) -> str:
        return self._text_size

    def set_text_size(self, name: str) -> None:
        if name != self._text_size:
            self._text_size = name
            self.text_size_changed.emit(name)

    @property
    def furigana(self) -> bool:
        return self._furigana

    def set_furigana(self, shown: bool) -> None:
        if shown != self._furigana:
            self._furigana = shown
            self.furigana_changed.emit(shown)

    @property
    def speech(self) -> bool:
        """Whether the visitor wants the kiosk to read aloud (the engine may still be missing)."""
        return self._speech

    def set_speech(self, on: bool) -> None:
        if on != self._speech:
            self._speech = on
            self.speech_changed.emit(on)

    # Activity -----------------------------------------------------------------
    def report(
        self, kind: str, item_id: str, stage: str, detail: dict[str, Any] | None = None
    ) -> None:
        """Tell attendance what the visitor did (``complete`` for a completion)."""
        if kind not in ACTIVITY_KINDS or stage not in ACTIVITY_STAGES:
            raise ValueError(f"unknown activity {kind!r}/{stage!r}")
        if stage == "completed":
            raise ValueError("record a completion with complete()")
        self.reported.emit(kind, item_id, stage, dict(detail or {}))

    def complete(self, completion: Completion) -> None:
        """The one path that records a finished lesson, rehearsal or drill: its done mark
        for this visit first (screens listening see it), then the attendance event."""
        self.progress.add(completion)
        detail = dict(completion.detail)
        self.reported.emit(completion.kind, completion.item_id, "completed", detail)


class Sessions(QObject):
    """Holds the current ``VisitSession``; ``replaced(session)`` fires when a new one starts.

    ``display`` is the screen's text size and furigana: the current session's.
    """

    replaced = Signal(object)

    def __init__(self, defaults: SessionDefaults, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.defaults = defaults
        self._current = VisitSession(defaults, self)
        self.display = ScreenDisplay(self)

    @property
    def current(self) -> VisitSession:
        return self._current

    def reset(self) -> VisitSession:
        """Drop the current session whole and start the next visitor's from the defaults."""
        old, self._current = self._current, VisitSession(self.defaults, self)
        # Whoever still holds the old session can no longer reach anyone through it.
        old.blockSignals(True)
        old.deleteLater()
        self.replaced.emit(self._current)
        return self._current


class ScreenDisplay(Display):
    """The kiosk screen's display: the current ``VisitSession``'s text size and furigana.

    Both are read from the session each time, never copied; ``changed`` fires when the
    visitor changes either, or when the idle reset brings a session that differs.
    """

    def __init__(self, sessions: Sessions) -> None:
        super().__init__(sessions)
        self._sessions = sessions
        self._shown = (self.scale, self.furigana)
        sessions.replaced.connect(self._follow)
        self._follow(sessions.current)

    @property
    def scale(self) -> float:
        return TEXT_SCALES[self._sessions.current.text_size]

    @property
    def furigana(self) -> bool:
        return self._sessions.current.furigana

    def _follow(self, session: VisitSession) -> None:
        session.text_size_changed.connect(self._on_choice)
        session.furigana_changed.connect(self._on_choice)
        self._on_choice()

    def _on_choice(self, *_choice: object) -> None:
        shown = (self.scale, self.furigana)
        if shown != self._shown:
            self._shown = shown
            self.changed.emit()
