"""Every bundled lesson page fits the window at every text size on both panels: what does
not fit comes in parts (つぎへ / まえへ), never a scroll bar, and the answer to a question
shows beside the choices at once.

1366×768 at 特大, where the most pages need parts, is checked page by page; the other
panel and size pairs check the pages with the most words (they are the tallest), so that
the whole file runs in well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from journey import PANELS, SIZES, Journey, Panel, settle
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea, QWidget

from kiosk.core.config import Config
from kiosk.core.lessons import Lesson, Step
from kiosk.core.ruby import plain_text
from kiosk.ui.lessons import LessonListScreen, LessonPlayerScreen
from kiosk.ui.ruby_text import RubyText

SAMPLE_STEPS = 8  # the steps with the most words, on the panels and sizes not checked whole
SAMPLE_CHECKS = 5


def _words(step: Step, kind: str) -> int:
    if kind == "check":
        assert step.check is not None
        check = step.check
        return len(plain_text(check.question + "".join(check.choices) + check.explanation))
    return len(plain_text(step.title + step.text + (step.tip or "")))


def pages_to_check(lessons: tuple[Lesson, ...], whole: bool) -> Iterator[tuple[Lesson, int]]:
    """(lesson, page index) of every page, or of the pages with the most words."""
    pages = []
    for lesson in lessons:
        index = 0
        for step in lesson.steps:
            pages.append((_words(step, "step"), "step", lesson, index))
            index += 1
            if step.check is not None:
                pages.append((_words(step, "check"), "check", lesson, index))
                index += 1
    if not whole:
        longest = sorted(pages, key=lambda page: -page[0])
        pages = [p for p in longest if p[1] == "step"][:SAMPLE_STEPS]
        pages += [p for p in longest if p[1] == "check"][:SAMPLE_CHECKS]
    for _words_count, _kind, lesson, index in sorted(pages, key=lambda p: (p[2].id, p[3])):
        yield lesson, index


class PageChecker:
    """Checks what a learner sees of the lesson page on screen, part by part."""

    def __init__(self, journey: Journey, player: LessonPlayerScreen) -> None:
        self.journey = journey
        self.player = player
        self.tag = journey.tag
        self.answers_apart = 0  # answers seen on a part of their own

    def inside(self, widget: QWidget, where: str) -> None:
        window = self.journey.window
        whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert window.rect().contains(whole), f"{self.tag} {where}: {whole} is outside the window"
        room = self.player.content
        if room.isAncestorOf(widget):
            bottom = room.mapTo(window, QPoint(0, room.height())).y()
            assert whole.bottom() < bottom, f"{self.tag} {where}: ends below the page's room"

    def part(self, where: str) -> None:
        """The part on screen: no scroll bar, each block whole, the way on in sight."""
        player = self.player
        holder = player.parentWidget()
        while not isinstance(holder, QScrollArea):
            holder = holder.parentWidget()
        bar = holder.verticalScrollBar()
        assert bar.maximum() == 0, f"{self.tag} {where}: the screen scrolls"
        assert not bar.isVisible(), f"{self.tag} {where}: a scroll bar shows"
        pager = player.current_pager()
        assert pager is not None
        shown = [b for b in pager.blocks if pager.is_on_screen(b) and not b.isHidden()]
        assert shown, f"{self.tag} {where}: an empty part"
        for block in shown:
            self.inside(block, f"{where} {type(block).__name__}")
            for text in [block, *block.findChildren(RubyText)]:
                if isinstance(text, RubyText) and text.isVisible() and text.plain():
                    needed = text.heightForWidth(text.width())
                    assert text.height() >= needed - 1, (
                        f"{self.tag} {where}: {text.plain()[:16]!r} is cut off "
                        f"({text.height()} of {needed} px)"
                    )
        check = player.check_page
        if player.current_kind() == "check" and pager.is_on_screen(check.answers):
            for button in check.choices[: len(check.check.choices)]:  # type: ignore[union-attr]
                self.inside(button, f"{where} choice {button.number}")
        elif not player.next_button.isEnabled():  # an answer's part before any answer
            assert player.current_kind() == "check"
            self.inside(pager.previous_button, f"{where} まえへ")
        else:
            assert player.next_button.isEnabled(), f"{self.tag} {where}: つぎへ is greyed out"
            self.inside(player.next_button, f"{where} つぎへ")
        if pager.part_count > 1:
            counter = pager.counter
            assert counter.isVisible()
            assert counter.plain() == f"{pager.part + 1} / {pager.part_count}"

    def answer(self, where: str) -> None:
        """Every wrong choice, then the right one: the answer shows at once, whole."""
        check_page = self.player.check_page
        check = check_page.check
        assert check is not None
        order = [n for n in range(1, len(check.choices) + 1) if not check.is_right(n)]
        pager = check_page.pager
        for number in [*order, check.answer]:
            button = check_page.choices[number - 1]
            while not pager.is_on_screen(button):  # the choices are on a part before
                QTest.mouseClick(pager.previous_button, Qt.MouseButton.LeftButton)
                settle()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            # No settling here: what the learner sees right after the tap.
            assert pager.is_on_screen(check_page.feedback)
            assert check_page.feedback.isVisible()
            self.inside(check_page.feedback, f"{where} answer {number}")
            text = check_page.feedback.text
            assert text.height() >= text.heightForWidth(text.width()) - 1, (
                f"{self.tag} {where}: the answer is cut off"
            )
            self.question_with_answer(where, check.question)
            settle()
            self.part(f"{where} after answer {number}")
        assert self.player.next_button.isEnabled()

    def question_with_answer(self, where: str, question: str) -> None:
        """An answer on a part of its own says above it what the question was."""
        check_page = self.player.check_page
        recap = check_page.recap
        if not check_page.apart:
            assert not recap.isVisible(), f"{self.tag} {where}: the question shows twice"
            return
        self.answers_apart += 1
        assert recap.isVisible(), f"{self.tag} {where}: the answer's part lacks the question"
        assert check_page.pager.is_on_screen(recap)
        assert check_page.recap_question.plain() == plain_text(question)
        self.inside(recap, f"{where} the question over the answer")
        window = self.journey.window
        above = recap.mapTo(window, QPoint(0, recap.height())).y()
        assert above <= check_page.feedback.mapTo(window, QPoint(0, 0)).y()


@pytest.mark.parametrize("panel", PANELS, ids=[p.name for p in PANELS])
@pytest.mark.parametrize("size", SIZES)
def test_every_lesson_page_fits_in_parts_without_scrolling(
    make_kiosk: Any, panel: Panel, size: str
) -> None:
    kiosk = make_kiosk(size=(panel.width, panel.height), config=Config(text_size=size))
    journey = Journey(kiosk, panel, tag=f"{panel.name} {size}")
    lessons = LessonListScreen(kiosk.services, kiosk.window, kiosk.sessions).lessons
    whole = panel.width == 1366 and size == "特大"
    player = LessonPlayerScreen(kiosk.services, kiosk.window, kiosk.sessions, lessons[0])
    kiosk.window.open(player)
    checker = PageChecker(journey, player)
    in_parts = 0
    for lesson, index in pages_to_check(lessons, whole):
        if player.lesson is not lesson:
            player.start_lesson(lesson)
        player.show_page(index)
        settle()
        pager = player.current_pager()
        assert pager is not None
        in_parts += pager.part_count > 1
        where = f"{lesson.id} page {index + 1}"
        for part in range(pager.part_count):
            assert pager.part == part
            checker.part(f"{where} part {part + 1}")
            if player.current_kind() == "check" and pager.on_last_part():
                checker.answer(where)
                break
            if not pager.on_last_part():
                QTest.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
                settle()
    if whole:
        assert in_parts > 0  # where words do not fit, they do come in parts
        assert checker.answers_apart > 0  # and some answers had a part of their own
