"""A returning learner's progress across visits and kiosks: what they finished, what comes next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.attendance.register import Entry
from kiosk.core.lessons import LEVELS, Lesson
from kiosk.core.procedures import Procedure


@dataclass(frozen=True)
class Stamp:
    """One stamp on the スタンプカード: a finished lesson or procedure rehearsal."""

    kind: str
    item_id: str
    # With furigana markup.
    title: str
    # YYYY-MM-DD of the first completion.
    day: str


@dataclass(frozen=True)
class LearnerProgress:
    """What a card's holder has done, in the terms of this kiosk's lessons and procedures."""

    visits: int
    lessons_done: frozenset[str]
    procedures_done: frozenset[str]
    practice_done: frozenset[str]
    # In the order they were earned.
    stamps: tuple[Stamp, ...]
    # The first unfinished lesson, 基本 before 応用 (None when all are done).
    next_lesson: Lesson | None
    # True when every 基本 lesson is done: the kiosk offers a 修了証.
    basics_done: bool
    # The titles (with markup) of the 基本 lessons, in the order the lesson list shows them.
    basic_titles: tuple[str, ...] = ()

    @property
    def finished_lessons(self) -> tuple[Stamp, ...]:
        return tuple(stamp for stamp in self.stamps if stamp.kind == "lesson")


def learner_progress(
    entry: Entry | None, lessons: Sequence[Lesson], procedures: Sequence[Procedure]
) -> LearnerProgress:
    """Progress of the card in ``entry`` (None: nothing known yet) against the loaded content.

    Items this kiosk does not have (removed, or only at another centre) count as
    done but get no stamp: there is no title to print on it.
    """
    done = entry.done if entry is not None else {}
    lessons_done = frozenset(done.get("lesson", {}))
    procedures_done = frozenset(done.get("procedure", {}))
    titles = {("lesson", lesson.id): lesson.title for lesson in lessons}
    titles.update({("procedure", p.id): p.title for p in procedures})
    earned = [
        (moment, kind, item)
        for kind in ("lesson", "procedure")
        for item, moment in done.get(kind, {}).items()
        if (kind, item) in titles
    ]
    stamps = tuple(
        Stamp(kind, item, titles[kind, item], moment[:10]) for moment, kind, item in sorted(earned)
    )
    by_level = sorted(lessons, key=lambda lesson: _level_rank(lesson.level))
    basics = [lesson for lesson in lessons if lesson.level == LEVELS[0]]
    return LearnerProgress(
        visits=entry.visits if entry is not None else 0,
        lessons_done=lessons_done,
        procedures_done=procedures_done,
        practice_done=frozenset(done.get("practice", {})),
        stamps=stamps,
        next_lesson=next((lesson for lesson in by_level if lesson.id not in lessons_done), None),
        basics_done=bool(basics) and all(lesson.id in lessons_done for lesson in basics),
        basic_titles=tuple(lesson.title for lesson in basics),
    )


def _level_rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)
