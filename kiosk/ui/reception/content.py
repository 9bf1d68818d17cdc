"""What a learner's progress is measured against: the lessons and rehearsals that loaded."""

from __future__ import annotations

from kiosk.core.lessons import Lesson
from kiosk.core.procedures import Procedure
from kiosk.ui.services import Services


def learner_content(services: Services) -> tuple[tuple[Lesson, ...], tuple[Procedure, ...]]:
    """The lessons and procedures the progress is measured against (broken files left out)."""
    content = services.library.get()
    return content.lessons.lessons, content.procedures.procedures
