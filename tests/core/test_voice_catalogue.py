"""The catalogue holds every sentence the lesson and procedure players read aloud."""

from __future__ import annotations

from kiosk.core.config import Config
from kiosk.core.lessons import load_lessons
from kiosk.core.procedures import load_procedures
from kiosk.core.voice.catalogue import as_sentence, fixed_sentences


def test_catalogue_has_lesson_steps_choices_and_filled_procedures() -> None:
    lessons = load_lessons().lessons
    procedures = load_procedures().procedures
    found = fixed_sentences(lessons, procedures, ["まだ つづけますか？"], Config())
    sentences = [item.sentence for item in found]
    assert len(sentences) == len(set(sentences))
    first_step = lessons[0].steps[0]
    assert as_sentence(first_step.title) in sentences
    check = next(step.check for lesson in lessons for step in lesson.steps if step.check)
    assert f"いちばん、{check.choices[0]}" in {s.rstrip("。") for s in sentences}
    assert "まだ つづけますか？" in sentences
    assert any(item.id.startswith("procedure:") for item in found)
    assert not any("{{" in s for s in sentences), "placeholders are filled"
    assert any("{北九州市|きたきゅうしゅうし}" in s for s in sentences)


def test_as_sentence_closes_a_text_once() -> None:
    assert as_sentence(" もちもの ") == "もちもの。"
    assert as_sentence("できました！") == "できました！"
    assert as_sentence("  ") == ""
