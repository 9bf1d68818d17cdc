"""Lessons for スマホ教室: the lesson file format, loading with problem reports, order, grouping."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from kiosk.core.content.loader import ContentKind, content_files, load_content_files
from kiosk.core.content.placeholders import plain_keeping_placeholders
from kiosk.core.content.problems import Problem, display_path
from kiosk.core.content.section import Section
from kiosk.core.resources import lessons_dir
from kiosk.core.ruby import plain_text

LEVELS = ("基本", "応用")
"""The lesson levels, in the order the lesson list shows them."""

MIN_CHOICES = 2
MAX_CHOICES = 4
MAX_MINUTES = 60
PLACEHOLDERS = ("office",)
"""``{{office}}`` in a lesson text becomes the town hall (区役所...) of the kiosk's settings."""


@dataclass(frozen=True)
class Check:
    """A comprehension question after a step; ``answer`` counts from 1 as in the file."""

    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str

    def is_right(self, choice_number: int) -> bool:
        """True when the learner's choice (counted from 1) is the right one."""
        return choice_number == self.answer


@dataclass(frozen=True)
class Step:
    """One screen of a lesson. Texts keep their ``{漢字|かんじ}`` markup."""

    number: int
    title: str
    text: str
    image: str | None = None
    """The picture as written in the file, e.g. ``assets/img/lessons/power.svg``."""
    image_path: Path | None = None
    """The picture's absolute path, checked to exist when the lesson was loaded."""
    speech: str | None = None
    tip: str | None = None
    check: Check | None = None

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


@dataclass(frozen=True)
class Lesson:
    """A loaded, valid lesson. Texts keep their furigana markup; use ``plain_text`` to strip it."""

    kind: ClassVar[str] = "lesson"

    id: str
    title: str
    level: str
    theme: str
    minutes: int
    steps: tuple[Step, ...]
    source: Path
    summary: str | None = None

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


# Keys that are valid elsewhere in a lesson file: say where they belong instead of "unknown".
_IN_STEP = "it belongs to a step; put it below a [[steps]] line"
_IN_CHECK = "it belongs to a question; put it below a [steps.check] line"
_TOP_LEVEL_HINTS = {
    "text": _IN_STEP,
    "image": _IN_STEP,
    "speech": _IN_STEP,
    "tip": _IN_STEP,
    "question": _IN_CHECK,
    "choices": _IN_CHECK,
    "answer": _IN_CHECK,
    "explanation": _IN_CHECK,
    "check": "write [steps.check] (not [check]) just below the step the question belongs to",
    "step": "write [[steps]] (with 's' and two brackets) before each step",
}
_STEP_HINTS = {
    "question": _IN_CHECK,
    "choices": _IN_CHECK,
    "answer": _IN_CHECK,
    "explanation": _IN_CHECK,
    "level": "it belongs at the top of the file, above the first [[steps]]",
    "theme": "it belongs at the top of the file, above the first [[steps]]",
    "minutes": "it belongs at the top of the file, above the first [[steps]]",
    "summary": "it belongs at the top of the file, above the first [[steps]]",
}
_CHECK_HINTS = {
    "text": "it belongs to the step; put it above the [steps.check] line",
    "image": "it belongs to the step; put it above the [steps.check] line",
    "tip": "it belongs to the step; put it above the [steps.check] line",
    "speech": "it belongs to the step; put it above the [steps.check] line",
}


def _build_check(section: Section) -> Check:
    question = section.text("question", example='question = "どの ボタンですか？"')
    choices = section.text_list(
        "choices",
        item_name="choice",
        min_items=MIN_CHOICES,
        max_items=MAX_CHOICES,
        example='choices = ["はい", "いいえ"]',
    )
    for number, choice in enumerate(choices, 1):
        if choice in choices[: number - 1]:
            first = choices.index(choice) + 1
            section.report(f"choice {number} is the same as choice {first}; make each different")
    answer = section.integer(
        "answer",
        low=1,
        high=len(choices) if MIN_CHOICES <= len(choices) <= MAX_CHOICES else MAX_CHOICES,
        example="answer = 1",
        meaning=" (the number of the right choice, counting from 1)",
    )
    explanation = section.text("explanation", example='explanation = "..."')
    section.finish(_CHECK_HINTS)
    return Check(question, choices, answer, explanation)


def _build_step(section: Section) -> Step:
    title = section.text("title", one_line=True)
    # With a speech override the text is only shown, so --strict need not find readings in it.
    has_speech = isinstance(section.peek("speech"), str) and bool(section.peek("speech").strip())
    text = section.text("text", spoken=not has_speech)
    image = section.image("image")
    speech = section.text("speech", required=False)
    tip = section.text("tip", required=False)
    check_section = section.table("check", label="check", example="[steps.check]")
    check = _build_check(check_section) if check_section is not None else None
    section.finish(_STEP_HINTS)
    return Step(
        number=section.step or 0,
        title=title,
        text=text,
        image=image[0] if image else None,
        image_path=image[1] if image else None,
        speech=speech or None,
        tip=tip or None,
        check=check,
    )


def _build_lesson(section: Section, lesson_id: str) -> Lesson:
    title = section.text("title", one_line=True, example='title = "{電源|でんげん}と ボタン"')
    level = section.one_of("level", LEVELS, example='level = "基本"')
    theme = section.text("theme", one_line=True, example='theme = "{電源|でんげん}とボタン"')
    minutes = section.integer("minutes", low=1, high=MAX_MINUTES, example="minutes = 10")
    summary = section.text("summary", required=False, one_line=True)
    steps = tuple(_build_step(step) for step in section.steps("steps"))
    section.finish(_TOP_LEVEL_HINTS)
    return Lesson(
        id=lesson_id,
        title=title,
        level=level,
        theme=theme,
        minutes=minutes,
        steps=steps,
        source=section.file.path,
        summary=summary or None,
    )


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
