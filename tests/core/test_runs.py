"""Lesson, rehearsal and drill runs without any screen: pages, place, mistakes, time, the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.drills import Drill, DrillResult
from kiosk.core.lessons import Check, Lesson, Step
from kiosk.core.procedures import Procedure, load_procedures
from kiosk.core.runs.completion import Completion
from kiosk.core.runs.drill import DrillRun, Move
from kiosk.core.runs.lesson import CheckState, LessonRun, lesson_pages
from kiosk.core.runs.procedure import ProcedureRun
from kiosk.core.visit import VisitProgress

QUESTION = Check(question="どれ？", choices=("あ", "い", "う"), answer=2, explanation="いです。")


class FakeClock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def make_lesson(*checks: Check | None) -> Lesson:
    steps = tuple(
        Step(number=i + 1, title=f"だい{i + 1}", text="ほんぶん", check=check)
        for i, check in enumerate(checks)
    )
    return Lesson(
        id="sample",
        title="れい",
        level="はじめて",
        theme="きほん",
        minutes=5,
        steps=steps,
        source=Path("sample.toml"),
    )


@pytest.fixture(scope="module")
def procedures() -> tuple[Procedure, ...]:
    return load_procedures().procedures


def with_pin(procedures: tuple[Procedure, ...]) -> tuple[Procedure, int]:
    """A bundled rehearsal with a PIN step, and that step's index."""
    for procedure in procedures:
        for index, step in enumerate(procedure.steps):
            if step.pin_pad is not None:
                return procedure, index
    raise AssertionError("no bundled rehearsal has a PIN step")


# Lessons ------------------------------------------------------------------------------
def test_each_question_page_follows_its_step() -> None:
    lesson = make_lesson(None, QUESTION, None)
    assert lesson_pages(lesson) == [("step", 0), ("step", 1), ("check", 1), ("step", 2)]


def test_a_question_holds_the_way_on_until_answered_right() -> None:
    run = LessonRun(make_lesson(QUESTION))
    assert run.can_go_next()
    run.go_to(1)
    assert run.page == ("check", 0)
    assert run.step.number == 1
    assert not run.can_go_next()
    assert run.answer(1) is False
    assert run.answer(1) is None  # a choice tried once cannot count twice
    assert not run.can_go_next()
    assert run.answer(2) is True
    assert run.can_go_next()
    assert run.answer(3) is None  # solved: further picks count for nothing
    assert run.mistakes == 1
    assert run.checks[0] == CheckState(tried={1}, solved=True)


def test_answers_only_count_on_a_question_page() -> None:
    run = LessonRun(make_lesson(QUESTION))
    assert run.answer(2) is None
    assert run.mistakes == 0
    assert not run.checks


def test_a_question_keeps_its_answers_when_the_learner_pages_back() -> None:
    run = LessonRun(make_lesson(QUESTION, None))
    run.go_to(1)
    run.answer(2)
    run.go_to(0)
    run.go_to(1)
    assert run.can_go_next()


def test_pages_outside_the_lesson_are_refused() -> None:
    run = LessonRun(make_lesson(None))
    with pytest.raises(IndexError):
        run.go_to(1)


def test_unfinished_work_is_a_page_turned_or_a_question_tried() -> None:
    run = LessonRun(make_lesson(QUESTION, None))
    assert not run.has_unfinished_work()
    run.check_state(0)  # a question page made ready ahead is not work
    assert not run.has_unfinished_work()
    run.go_to(1)
    assert run.has_unfinished_work()
    run.answer(1)
    run.go_to(0)
    assert run.has_unfinished_work()
    run.finish()
    assert not run.has_unfinished_work()


def test_finishing_gives_one_completion_with_mistakes_and_whole_seconds() -> None:
    clock = FakeClock()
    run = LessonRun(make_lesson(QUESTION, None), clock=clock)
    run.go_to(1)
    run.answer(3)
    clock.now += 61.6
    completion = run.finish()
    assert completion == Completion("lesson", "sample", {"steps": 2, "mistakes": 1, "seconds": 62})
    assert run.completed
    assert not run.can_go_next()
    assert run.finish() is None  # the praise page shown again records nothing more


# Rehearsals ---------------------------------------------------------------------------
def test_a_rehearsal_goes_from_the_opening_through_every_step_to_the_end(
    procedures: tuple[Procedure, ...],
) -> None:
    procedure = procedures[0]
    run = ProcedureRun(procedure)
    assert run.page == "intro"
    assert run.current_step is None
    run.start()
    assert run.page == "step"
    assert run.current_step is procedure.steps[0]
    completions = [run.advance() for _ in procedure.steps]
    assert completions[:-1] == [None] * (len(procedure.steps) - 1)
    assert completions[-1] == Completion(
        "procedure", procedure.id, {"steps": len(procedure.steps), "wrong_taps": 0, "hints": 0}
    )
    assert run.page == "done"
    assert not run.in_progress()
    assert run.advance() is None


def test_misses_and_hints_count_on_steps_and_start_again_from_zero(
    procedures: tuple[Procedure, ...],
) -> None:
    procedure = procedures[0]
    run = ProcedureRun(procedure)
    assert not run.miss()
    assert run.hint() is None
    run.start()
    assert run.miss()
    assert run.miss()
    assert run.hint() == procedure.steps[0].hint
    assert (run.wrong_taps, run.hints_asked) == (2, 1)
    run.start()
    assert (run.wrong_taps, run.hints_asked) == (0, 0)


def test_only_a_target_of_the_step_moves_on(procedures: tuple[Procedure, ...]) -> None:
    procedure = next(p for p in procedures if p.steps[0].pin_pad is None)
    run = ProcedureRun(procedure)
    assert not run.hits_target(procedure.steps[0].targets[0])  # not on a step yet
    run.start()
    assert run.hits_target(procedure.steps[0].targets[0])
    assert not run.hits_target("")
    assert not run.hits_target("no-such-element")


def test_back_goes_one_step_back_then_to_the_opening(procedures: tuple[Procedure, ...]) -> None:
    run = ProcedureRun(procedures[0])
    assert not run.back()
    run.start()
    run.advance()
    assert run.back()
    assert run.step_index == 0
    assert run.back()
    assert run.page == "intro"
    assert not run.back()


def test_a_pin_fills_dot_by_dot(procedures: tuple[Procedure, ...]) -> None:
    procedure, index = with_pin(procedures)
    pad = procedure.steps[index].pin_pad
    assert pad is not None
    run = ProcedureRun(procedure)
    run.go_to(index)
    assert not run.hits_target(pad.id)  # a PIN step moves on by typing, not by a tap
    assert run.type_pin("another-pad", "1") is None
    assert run.type_pin(pad.id, "1") == 1
    assert run.type_pin(pad.id, "⌫") == 0
    assert run.type_pin(pad.id, "⌫") == 0
    for _ in range(pad.length + 2):
        run.type_pin(pad.id, "7")
    assert run.pin_typed == pad.length
    assert run.pin_complete()
    run.back()
    assert run.pin_typed == 0


def test_steps_outside_the_rehearsal_are_refused(procedures: tuple[Procedure, ...]) -> None:
    run = ProcedureRun(procedures[0])
    with pytest.raises(IndexError):
        run.go_to(len(procedures[0].steps))


# Drills -------------------------------------------------------------------------------
def test_a_drill_counts_tries_and_reports_seconds_to_a_tenth() -> None:
    clock = FakeClock()
    run = DrillRun(Drill.SWIPE, clock=clock)
    assert not run.has_unfinished_work()
    run.count(False)
    run.count(True)
    assert (run.attempts, run.successes) == (2, 1)
    assert run.has_unfinished_work()
    clock.now += 12_340
    assert run.elapsed_ms() == 12_340
    completion = run.finish()
    assert run.result == DrillResult(Drill.SWIPE, 2, 1, 12.3)
    assert run.finished
    assert not run.has_unfinished_work()
    assert completion == Completion(
        "practice", "swipe", {"attempts": 2, "successes": 1, "seconds": 12.3}
    )


def test_a_drill_restart_clears_the_tries_and_the_clock() -> None:
    clock = FakeClock()
    run = DrillRun(Drill.TAP, clock=clock)
    run.count(True)
    clock.now += 5000
    run.finish()
    run.restart()
    assert (run.attempts, run.successes, run.result) == (0, 0, None)
    assert run.elapsed_ms() == 0
    assert run.finish().detail == {"attempts": 0, "successes": 0, "seconds": 0.0}


# The visit ----------------------------------------------------------------------------
def test_a_completion_marks_its_own_kind_done() -> None:
    progress = VisitProgress()
    progress.add(Completion("lesson", "power-buttons"))
    progress.add(Completion("procedure", "convenience-store-certificate"))
    progress.add(Completion("practice", "tap"))
    assert progress.completed_lessons == {"power-buttons"}
    assert progress.completed_procedures == {"convenience-store-certificate"}
    assert progress.practice_done == {"tap"}


def test_a_drill_asks_for_its_steps_in_order_and_moves_on_only_when_done_right() -> None:
    run = DrillRun(Drill.SWIPE, steps=("left", "left", "right"), clock=FakeClock())
    assert (run.index, run.expected, run.progress()) == (0, "left", "1 / 3")
    assert run.answer(False) is Move.STAY
    assert (run.index, run.expected) == (0, "left")
    assert run.answer(True) is Move.NEXT
    assert (run.index, run.expected, run.progress()) == (1, "left", "2 / 3")
    assert run.answer(True) is Move.NEXT
    assert run.expected == "right"
    assert run.answer(True) is Move.DONE
    with pytest.raises(IndexError):
        _ = run.expected
    assert run.progress() == "3 / 3"
    assert (run.attempts, run.successes) == (4, 3)


def test_counting_a_try_keeps_the_step_until_the_drill_moves_on() -> None:
    run = DrillRun(Drill.FLICK, steps=("こんにちは", ""), clock=FakeClock())
    run.count(True)
    run.count(False)
    assert run.expected == "こんにちは"
    assert run.advance() is Move.NEXT
    assert run.expected == ""
    assert (run.attempts, run.successes) == (2, 1)


def test_a_timed_drill_goes_round_its_steps_again() -> None:
    run = DrillRun(Drill.SIZE_CHECK, steps=(7.0, 5.0), clock=FakeClock())
    assert run.advance(wrap=True) is Move.NEXT
    assert run.advance(wrap=True) is Move.NEXT
    assert (run.index, run.expected) == (0, 7.0)


def test_a_restart_goes_back_to_the_first_step_of_new_steps() -> None:
    run = DrillRun(Drill.TAP, steps=(20.0, 10.0), clock=FakeClock())
    run.answer(True)
    run.restart((12.0, 9.0, 7.0))
    assert (run.index, run.expected, run.progress()) == (0, 12.0, "1 / 3")
    run.answer(True)
    run.restart()
    assert (run.index, run.steps) == (0, (12.0, 9.0, 7.0))
