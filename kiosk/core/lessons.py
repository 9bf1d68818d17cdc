"""Lessons for スマホ教室: the lesson file format, loading with problem reports, order, grouping."""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec.structs import replace

from kiosk.core.content import schema
from kiosk.core.content.loader import ContentKind, content_files, load_content_files
from kiosk.core.content.placeholders import plain_keeping_placeholders
from kiosk.core.content.problems import Problem, display_path
from kiosk.core.content.section import Section
from kiosk.core.resources import lessons_dir
from kiosk.core.ruby import plain_text

Level = Literal["基本", "応用"]
LEVELS: tuple[str, ...] = typing.get_args(Level)
"""The lesson levels, in the order the lesson list shows them."""

MIN_CHOICES = 2
MAX_CHOICES = 4
MAX_MINUTES = 60
PLACEHOLDERS = ("office",)
"""``{{office}}`` in a lesson text becomes the town hall (区役所...) of the kiosk's settings."""


class Check(msgspec.Struct, frozen=True):
    """A comprehension question after a step; ``answer`` counts from 1 as in the file."""

    question: Annotated[str, schema.text(example="どの ボタンですか？")]
    choices: Annotated[
        tuple[str, ...],
        schema.text_list(
            "choice", MIN_CHOICES, MAX_CHOICES, example=["はい", "いいえ"], distinct=True
        ),
    ]
    answer: Annotated[
        int,
        schema.number(
            1,
            MAX_CHOICES,
            example=1,
            meaning="the number of the right choice, counting from 1",
            counts="choices",
        ),
    ]
    explanation: Annotated[str, schema.text()]

    def is_right(self, choice_number: int) -> bool:
        """True when the learner's choice (counted from 1) is the right one."""
        return choice_number == self.answer


class Step(msgspec.Struct, frozen=True):
    """One screen of a lesson. Texts keep their ``{漢字|かんじ}`` markup."""

    number: int
    """Counted from 1 in file order (not written in the file)."""
    title: Annotated[str, schema.text(one_line=True)]
    text: Annotated[str, schema.text()]
    image: Annotated[str | None, schema.picture(path_field="image_path")] = None
    """The picture as written in the file, e.g. ``assets/img/lessons/power.svg``."""
    image_path: Path | None = None
    """The picture's absolute path, checked to exist when the lesson was loaded."""
    speech: Annotated[str | None, schema.text(speaks_for="text")] = None
    tip: Annotated[str | None, schema.text()] = None
    check: Annotated[Check | None, schema.table(noun="question", label="check")] = None

    @property
    def spoken(self) -> str:
        """What is read aloud for this step (with markup): ``speech`` if given, else ``text``."""
        return self.speech or self.text

    def filled(self, fill: Callable[[str], str]) -> Step:
        """This step with ``fill`` applied to every text (to fill in placeholders)."""
        check = self.check
        if check is not None:
            check = replace(
                check,
                question=fill(check.question),
                choices=tuple(fill(choice) for choice in check.choices),
                explanation=fill(check.explanation),
            )
        return replace(
            self,
            title=fill(self.title),
            text=fill(self.text),
            speech=fill(self.speech) if self.speech else None,
            tip=fill(self.tip) if self.tip else None,
            check=check,
        )


class Lesson(msgspec.Struct, frozen=True):
    """A loaded, valid lesson. Texts keep their furigana markup; use ``plain_text`` to strip it."""

    kind: ClassVar[str] = "lesson"

    id: str
    """Read by the loader, like ``format`` and ``kind``."""
    title: Annotated[str, schema.text(one_line=True, example="{電源|でんげん}と ボタン")]
    level: Annotated[Level, schema.choice(example="基本")]
    theme: Annotated[str, schema.text(one_line=True, example="{電源|でんげん}とボタン")]
    minutes: Annotated[int, schema.number(1, MAX_MINUTES, example=10)]
    steps: Annotated[tuple[Step, ...], schema.steps()]
    source: Path
    """The file the lesson was read from."""
    summary: Annotated[str | None, schema.text(one_line=True)] = None

    @property
    def plain_title(self) -> str:
        """The title without furigana markup (placeholders left as written)."""
        return plain_keeping_placeholders(self.title)

    def filled(self, fill: Callable[[str], str]) -> Lesson:
        """This lesson with ``fill`` applied to every text, e.g. to fill in ``{{office}}``."""
        return replace(
            self,
            title=fill(self.title),
            theme=fill(self.theme),
            summary=fill(self.summary) if self.summary else None,
            steps=tuple(step.filled(fill) for step in self.steps),
        )


@dataclass(frozen=True)
class LessonLoad:
    """The result of loading: valid lessons in order, and every problem found."""

    lessons: tuple[Lesson, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when no file had any problem."""
        return not self.problems

    def get(self, lesson_id: str) -> Lesson | None:
        """The lesson with this id, or None."""
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


@dataclass(frozen=True)
class ThemeGroup:
    """Lessons sharing a theme, in file order; ``theme`` keeps the first lesson's markup."""

    theme: str
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class LevelGroup:
    """The themes of one level (基本 or 応用), in the order their first lesson appears."""

    level: str
    themes: tuple[ThemeGroup, ...]


LESSON_SCHEMA = schema.FileSchema(Lesson)
"""Lesson files as ``Lesson`` declares them: every key, its limits, and where it belongs."""


def _build_lesson(section: Section, lesson_id: str) -> Lesson:
    return LESSON_SCHEMA.read(section, id=lesson_id, source=section.file.path)


LESSON_KIND: ContentKind[Lesson] = ContentKind(
    name="lesson", build=_build_lesson, folder_depth=1, placeholders=PLACEHOLDERS
)
"""How lesson files are read; procedures will add their own ``ContentKind``."""


def lesson_files(folder: Path) -> list[Path]:
    """The lesson files in ``folder`` (``NN_slug.toml``), in lesson order."""
    return content_files(folder)


def load_lesson_files(paths: Iterable[Path], *, strict: bool = False) -> LessonLoad:
    """Load the given lesson files in this order; pictures are looked up beside their folder."""
    lessons, problems = load_content_files(paths, LESSON_KIND, strict=strict)
    return LessonLoad(tuple(lessons), tuple(problems))


def load_lessons(folder: Path | None = None, *, strict: bool = False) -> LessonLoad:
    """Load every lesson in ``folder`` (default: the bundled ``lessons/``), never raising.

    Broken lessons are left out and described in ``problems``; pictures are looked up
    under ``assets/`` beside the folder. ``strict`` also reports kanji without a reading
    in text that is read aloud.
    """
    folder = lessons_dir() if folder is None else folder
    if not folder.is_dir():
        shown = display_path(folder, folder.parent)
        return LessonLoad(
            (), (Problem(shown, "the lessons folder is missing; the kiosk has no lessons to show"),)
        )
    return load_lesson_files(lesson_files(folder), strict=strict)


def next_lesson(lessons: Sequence[Lesson], lesson_id: str) -> Lesson | None:
    """The lesson after ``lesson_id`` in file order; None after the last or for an unknown id."""
    for index, lesson in enumerate(lessons):
        if lesson.id == lesson_id:
            return lessons[index + 1] if index + 1 < len(lessons) else None
    return None


def group_lessons(lessons: Iterable[Lesson]) -> tuple[LevelGroup, ...]:
    """Group for the lesson list: levels in ``LEVELS`` order, then themes by first appearance.

    Themes are compared without their furigana, so ``{電源|でんげん}`` and ``電源`` share a group.
    """
    by_level: dict[str, dict[str, list[Lesson]]] = {level: {} for level in LEVELS}
    shown_theme: dict[str, str] = {}
    for lesson in lessons:
        key = plain_text(lesson.theme)
        shown_theme.setdefault(key, lesson.theme)
        by_level.setdefault(lesson.level, {}).setdefault(key, []).append(lesson)
    return tuple(
        LevelGroup(
            level,
            tuple(ThemeGroup(shown_theme[key], tuple(group)) for key, group in themes.items()),
        )
        for level, themes in by_level.items()
        if themes
    )
