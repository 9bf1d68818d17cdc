"""The content library: lessons and procedures read from disk once, off the GUI thread.

The kiosk starts ``Library.start()`` as it opens; the lesson and rehearsal lists, the
reception screens and the staff console then share the one ``Content`` it loaded. Staff
who fixed a file read the folders again with ``reload()``, without restarting.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.config import Config
from kiosk.core.drills import DRILL_TITLES, Drill
from kiosk.core.lessons import Lesson, LessonLoad, load_lessons
from kiosk.core.procedures import (
    Procedure,
    ProcedureLoad,
    fill_placeholders,
    load_procedures,
    placeholder_values,
)
from kiosk.core.resources import lessons_dir
from kiosk.core.ruby import plain_text


@dataclass(frozen=True)
class Content:
    """The lessons and procedures as the kiosk loaded them, with every problem found."""

    lessons: LessonLoad
    procedures: ProcedureLoad
    lessons_folder: Path

    def title(self, kind: str, item_id: str, config: Config | None = None) -> str:
        """The plain title staff recognise for a recorded item id (the id if unknown).

        ``{{office}}`` and the other placeholders are filled from ``config`` (the default
        settings when None), as the learner saw the title.
        """
        if kind == "practice":
            try:
                return plain_text(DRILL_TITLES[Drill(item_id)])
            except ValueError:
                return item_id
        item: Lesson | Procedure | None = None
        if kind == "lesson":
            item = self.lessons.get(item_id)
        elif kind == "procedure":
            item = self.procedures.get(item_id)
        if item is None:
            return item_id
        return fill_placeholders(item.plain_title, placeholder_values(config or Config()))


def load_content(
    lessons_folder: Path | None = None, procedures_folder: Path | None = None
) -> Content:
    """Read every lesson and procedure (default: the bundled ones); never raises on bad files."""
    return Content(
        lessons=load_lessons(lessons_folder),
        procedures=load_procedures(procedures_folder),
        lessons_folder=lessons_folder or lessons_dir(),
    )


class Library:
    """Loads ``Content`` once on a background thread; every reader shares the result.

    ``get()`` returns at once when the load has finished, and otherwise waits for it (a
    learner who taps a tile in the first moment after start); it starts the load itself
    if nobody did.
    """

    def __init__(
        self, lessons_folder: Path | None = None, procedures_folder: Path | None = None
    ) -> None:
        self.lessons_folder = lessons_folder
        self.procedures_folder = procedures_folder
        self._lock = threading.Lock()
        self._loaded: Future[Content] | None = None

    def start(self) -> None:
        """Begin reading the files on a background thread (once; later calls do nothing)."""
        with self._lock:
            if self._loaded is not None:
                return
            self._loaded = Future()
        worker = threading.Thread(
            target=self._load, args=(self._loaded,), name="content-library", daemon=True
        )
        worker.start()

    def _load(self, loaded: Future[Content]) -> None:
        try:
            loaded.set_result(load_content(self.lessons_folder, self.procedures_folder))
        except BaseException as error:  # handed to whoever asks, never lost in the thread
            loaded.set_exception(error)

    def get(self) -> Content:
        """The loaded content, waiting for the background load if it is still running."""
        self.start()
        assert self._loaded is not None
        return self._loaded.result()

    def ready(self) -> bool:
        """True once the content is loaded (``get()`` will not wait)."""
        return self._loaded is not None and self._loaded.done()

    def reload(self) -> Content:
        """Read the folders again now (after staff fixed a file) and share the new content."""
        content = load_content(self.lessons_folder, self.procedures_folder)
        loaded: Future[Content] = Future()
        loaded.set_result(content)
        with self._lock:
            self._loaded = loaded
        return content
