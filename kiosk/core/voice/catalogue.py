"""Every fixed sentence the kiosk says: lessons, procedure rehearsals and the UI's own words.

Sentences are what the speaker receives one by one: ``split_sentences`` of each spoken
text after the screens have closed it with 。 (``as_sentence``), furigana markup kept.
Placeholders are filled with the demo settings' names and readings; a centre with
other names gets those sentences from the live voice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kiosk.core.config import Config
from kiosk.core.lessons import Lesson
from kiosk.core.procedures import Procedure, fill_placeholders, spoken_placeholder_values
from kiosk.core.ruby import SENTENCE_ENDS, split_sentences

# How a check page reads each choice: "いちばん、{画面|がめん}が {消|き}える".
SPOKEN_NUMBERS = ("いちばん", "にばん", "さんばん", "よんばん")


@dataclass(frozen=True)
class FixedSentence:
    """One sentence and where it comes from (``lesson:power-buttons``, ``ui``)."""

    id: str
    sentence: str


def as_sentence(marked: str) -> str:
    """``marked`` ending with a sentence end, so the next part starts a new sentence."""
    stripped = marked.strip()
    if not stripped or stripped[-1] in SENTENCE_ENDS:
        return stripped
    return stripped + "。"


def _sentences(source: str, texts: Iterable[str | None]) -> Iterator[FixedSentence]:
    for text in texts:
        if text:
            for sentence in split_sentences(as_sentence(text)):
                yield FixedSentence(source, sentence)


def filled_lesson(lesson: Lesson, config: Config) -> Lesson:
    """The lesson with ``{{office}}`` filled in, as the lesson screens show it."""
    names = {"office": config.office_markup}
    return lesson.filled(lambda text: fill_placeholders(text, names))


def lesson_texts(lesson: Lesson) -> Iterator[str]:
    """What the lesson player reads aloud, in order."""
    yield lesson.title
    for step in lesson.steps:
        yield step.title
        yield step.speech or step.text
        if step.check is not None:
            yield step.check.question
            for number, choice in zip(SPOKEN_NUMBERS, step.check.choices, strict=False):
                yield f"{number}、{choice}"
            yield step.check.explanation


def procedure_texts(procedure: Procedure, config: Config) -> Iterator[str]:
    """What a rehearsal reads aloud, with the centre's names filled in."""
    values = spoken_placeholder_values(config)

    def fill(text: str | None) -> str:
        return fill_placeholders(text or "", values)

    yield fill(procedure.title)
    yield fill(procedure.summary)
    for item in procedure.items:
        yield fill(item.name)
        yield fill(item.note)
    for step in procedure.steps:
        yield fill(step.narration)
        yield fill(step.hint)
    yield f"「{fill(procedure.title)}」の れんしゅうが おわりました。"
    yield fill(procedure.how_to_find)
    yield fill(procedure.afterwards)
    yield from (fill(note) for note in procedure.notes)


def fixed_sentences(
    lessons: Iterable[Lesson],
    procedures: Iterable[Procedure],
    ui_phrases: Iterable[str],
    config: Config | None = None,
) -> list[FixedSentence]:
    """Every distinct fixed sentence, first source first."""
    config = config or Config()
    found: list[FixedSentence] = []
    for lesson in lessons:
        filled = filled_lesson(lesson, config)
        found.extend(_sentences(f"lesson:{lesson.id}", lesson_texts(filled)))
    for procedure in procedures:
        found.extend(_sentences(f"procedure:{procedure.id}", procedure_texts(procedure, config)))
    found.extend(_sentences("ui", ui_phrases))
    seen: set[str] = set()
    unique = []
    for item in found:
        if item.sentence not in seen:
            seen.add(item.sentence)
            unique.append(item)
    return unique
