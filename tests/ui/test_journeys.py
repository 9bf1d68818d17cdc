"""Whole visits, tapped through the real window at every text size on two real panels.

Each visit is one kind of user. The driver (journey.py) checks every step; these tests
add what only the visit knows: where the learner should end up, the feedback to look
at, and that nothing of one visitor is left for the next.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from journey import (
    PANELS,
    SIZES,
    Journey,
    Panel,
    accessible_name,
    label_of,
    settle,
    text_contrast,
)
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.core.attendance.codes import CODE_ALPHABET
from kiosk.core.attendance.consent import CONSENT_VERSION
from kiosk.core.config import Config
from kiosk.core.pin import DEMO_PIN
from kiosk.ui.staff_console.parts import ConfirmDialog

SHOTS_ENV = "KIOSK_JOURNEY_SHOTS"


@pytest.fixture(scope="session")
def shots_dir() -> Iterator[Path | None]:
    """Where screenshots go (``$KIOSK_JOURNEY_SHOTS``), named at the end of the run.

    Unset, no pictures are saved: the checks run on the live widgets either way.
    """
    folder = os.environ.get(SHOTS_ENV)
    yield Path(folder) if folder else None
    if folder:
        print(f"\njourney screenshots: {folder}")


@pytest.fixture(params=PANELS, ids=[p.name for p in PANELS])
def panel(request: pytest.FixtureRequest) -> Panel:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(params=SIZES, ids=["standard", "large", "largest"])
def size(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def visit(
    make_kiosk: Callable[..., Any], panel: Panel, size: str, shots_dir: Path | None
) -> Callable[..., Journey]:
    def start(config: Config | None = None, *, demo: bool = True) -> Journey:
        # The centre's own text size: the kiosk starts (and resets) at it.
        config = replace(config or Config(), text_size=size)
        kiosk = make_kiosk(size=(panel.width, panel.height), config=config, demo=demo)
        journey = Journey(kiosk, panel, shots_dir, tag=f"{panel.name} {size}")
        settle()
        journey.check()
        return journey

    return start


def _other_size(journey: Journey) -> str:
    """A size to switch to mid-visit and back from: the neighbour of the current one."""
    current = journey.kiosk.theme.size_name
    return "大" if current != "大" else "特大"


def change_size_and_back(journey: Journey) -> None:
    """The learner tries another text size on this screen, then returns to theirs."""
    mine = journey.kiosk.theme.size_name
    journey.set_size(_other_size(journey))
    journey.set_size(mine)


def first_visit(journey: Journey) -> str:
    """はじめての 方: age band, area, consent, the card; returns the card's code."""
    journey.tap("うけつけ")
    journey.tap("はじめての 方")
    journey.check()
    assert journey.screen().screen_name == "first-visit-age"
    journey.tap("70代")
    journey.tap(journey.kiosk.services.config.areas[0])
    change_size_and_back(journey)  # the consent page
    journey.tap("はい")
    card = journey.screen()
    assert card.screen_name == "new-card"
    journey.tap("いんさつ する", feedback="outcome")
    code: str = card.code
    journey.tap("はじめる")
    return code


def to_the_choices(journey: Journey, player: Any) -> None:
    """On a question in parts, つぎへ or まえへ to the part with the choices."""
    page = player.check_page
    while not page.pager.is_on_screen(page.answers):
        where = next(i for i, part in enumerate(page.pager.parts()) if page.answers in part)
        journey.tap("つぎへ ▶" if page.pager.part < where else "◀ まえへ")


def lesson_with_a_question(journey: Journey) -> None:
    """Open the first lesson, page to its first question, answer wrong, then right."""
    journey.tap("スマホ教室")
    listing = journey.screen()
    first = listing.lessons[0]
    journey.tap_on_some_page(first.plain_title)
    player = journey.screen()
    assert player.screen_name == "lesson-player"
    while player.current_kind() != "check":
        journey.tap("つぎへ ▶")
    check = player.check_page.check
    wrong = next(n for n in range(1, len(check.choices) + 1) if not check.is_right(n))
    right = next(n for n in range(1, len(check.choices) + 1) if check.is_right(n))
    to_the_choices(journey, player)
    button = player.check_page.choices[wrong - 1]
    journey.tap(button.text(), feedback=player.check_page.feedback)
    assert player.check_page.choices[wrong - 1].verdict() == "tried"
    change_size_and_back(journey)
    to_the_choices(journey, player)
    journey.tap(player.check_page.choices[right - 1].text(), feedback=player.check_page.feedback)
    assert player.next_button.isEnabled()
    while not player.showing_finish():
        if player.current_kind() == "check" and not player.run.can_go_next():
            check = player.check_page.check
            right = next(n for n in range(1, len(check.choices) + 1) if check.is_right(n))
            to_the_choices(journey, player)
            journey.tap(player.check_page.choices[right - 1].text())
        journey.tap("つぎへ ▶")
    assert first.id in journey.kiosk.sessions.current.progress.completed_lessons


def tap_drill_with_a_miss(journey: Journey) -> None:
    journey.tap("ゆびの れんしゅう")
    journey.tap_on_some_page("タップ")
    drill = journey.screen()
    settle()
    rect = drill.pad.target_rect()
    gap = drill.pad.mm_to_px(10)
    miss = QPoint(round(rect.right() + gap), round(rect.center().y()))
    if miss.x() > drill.pad.width() - 2:
        miss = QPoint(round(rect.left() - gap), round(rect.center().y()))
    QTest.mouseClick(drill.pad, Qt.MouseButton.LeftButton, pos=miss)
    settle()
    assert drill.run.attempts == 1
    assert drill.run.successes == 0
    change_size_and_back(journey)
    journey.check(feedback=drill.coach_box)
    centre = drill.pad.target_rect().center().toPoint()
    QTest.mouseClick(drill.pad, Qt.MouseButton.LeftButton, pos=centre)
    settle()
    assert drill.run.successes == 1
    journey.check(feedback=drill.coach_box)


def rehearsal_to_the_qr(
    journey: Journey, procedure_id: str, *, resize: bool = False, print_sheet: bool = False
) -> None:
    journey.tap("てつづきの れんしゅう")
    listing = journey.screen()
    procedure = next(p for p in listing.procedures if p.id == procedure_id)
    journey.tap_on_some_page(listing.cards[procedure_id].text())
    player = journey.screen()
    journey.tap("はじめる")
    changed = not resize
    while player.page == "step":
        step = player.current_step
        index = player.run.step_index
        view = player.view
        if step.pin_pad is not None:
            pad = view.pin_pad(step.pin_pad.id)
            for key in "1234"[: step.pin_pad.length]:
                QTest.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)
            QTest.qWait(500)
        else:
            target = view.element_widgets[step.targets[0]]
            assert journey.fully_visible(target), (
                f"{journey.tag}: step {index + 1}: the target is out of sight "
                f"({journey.visible_rect(target)} of {target.size()})"
            )
            # The mock screen's own colours, as drawn: its words are 7:1 on their fill.
            label = getattr(target, "label", None)
            if label is not None and label.plain():
                ratio = text_contrast(target, label.geometry())
                assert ratio >= 7.0, f"{journey.tag}: step {index + 1}: words at {ratio:.1f}:1"
            QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        settle()
        assert player.run.step_index == index + 1
        journey.check()
        if not changed:
            change_size_and_back(journey)
            changed = True
    assert player.page == "done"
    assert procedure.id in journey.kiosk.sessions.current.progress.completed_procedures
    if player.done_page.qr is not None:
        assert journey.fully_visible(player.done_page.qr)
    if print_sheet:  # no printer at this centre: the learner is told so, in Japanese
        journey.tap("いんさつ する", feedback=player.done_page.print_result)
        assert "かかりの 人" in player.done_page.print_result.plain()


def end_of_visit(journey: Journey) -> None:
    journey.go_home()
    journey.tap("きょうは ここまで（おわる）")
    screen = journey.screen()
    assert screen.screen_name == "end-question-services"
    change_size_and_back(journey)
    journey.tap(next(iter(screen.buttons.values())).text())
    assert journey.screen().screen_name == "end-question-understood"
    change_size_and_back(journey)
    journey.tap("よく わかった")
    assert journey.screen().screen_name == "end-thanks"
    journey.tap("おわる")


def assert_clean(journey: Journey) -> None:
    """Nothing of the last visitor is left: screen, choices, progress, visit."""
    kiosk = journey.kiosk
    window = kiosk.window
    assert window.depth() == 1
    assert kiosk.theme.size_name == kiosk.services.config.text_size
    assert window.header.ruby_button.isChecked()
    assert kiosk.services.speaker.is_enabled() == kiosk.services.config.speech_enabled
    progress = kiosk.sessions.current.progress
    assert not (progress.completed_lessons)
    assert not (progress.completed_procedures)
    assert not (progress.practice_done)
    assert not kiosk.attendance.visit_open()
    assert not journey.screen().finish_button.isVisible()
    journey.check()


def test_first_time_visitor(visit: Callable[..., Journey]) -> None:
    journey = visit()
    first_visit(journey)
    assert journey.kiosk.attendance.visit_open()
    lesson_with_a_question(journey)
    journey.go_home()
    tap_drill_with_a_miss(journey)
    journey.go_home()
    rehearsal_to_the_qr(journey, "convenience-store-certificate", print_sheet=True)
    journey.tap("おんせい あり")  # this visitor wants quiet
    end_of_visit(journey)
    assert_clean(journey)


def test_returning_visitor_by_card(visit: Callable[..., Journey]) -> None:
    journey = visit()
    store = journey.kiosk.attendance.visits.store
    code = store.register_participant(
        "70代", journey.kiosk.services.config.areas[0], CONSENT_VERSION
    ).code
    journey.tap("うけつけ")
    wrong = CODE_ALPHABET[(CODE_ALPHABET.index(code[4]) + 1) % len(CODE_ALPHABET)]
    for key in code[:4] + wrong + code[5:]:
        journey.tap(key)
    journey.tap("けってい", feedback="message")
    assert not journey.kiosk.attendance.visit_open()
    # The typed code stays; the learner is told which character to look at.
    screen = journey.screen()
    assert screen.pad.typed() == code[:4] + wrong + code[5:]
    assert screen.message.plain().startswith(f"5もじめの 「{wrong}」")
    change_size_and_back(journey)
    journey.check(feedback="message")
    for _ in range(len(code) - 4):
        journey.tap("けす")
    for key in code[4:]:
        journey.tap(key)
    journey.tap("けってい")
    assert journey.screen().screen_name == "returning"
    journey.tap("ほかの ことを する")
    assert journey.kiosk.attendance.visit_open()
    rehearsal_to_the_qr(journey, "mynumber-card-apply", resize=True)
    # Nobody touches the kiosk: it asks, counts down, and starts again for the next person.
    journey.kiosk.window.ask_still_there()
    journey.check()
    journey.kiosk.window.idle_prompt.timed_out.emit()
    settle()
    assert_clean(journey)


def open_console(journey: Journey) -> Any:
    journey.kiosk.open_staff()
    settle()
    for digit in DEMO_PIN:
        journey.tap(digit)
    journey.tap("けってい")
    console = journey.screen()
    assert console.screen_name == "staff-menu"
    return console


def test_instructor_runs_a_class(visit: Callable[..., Journey]) -> None:
    journey = visit()
    console = open_console(journey)
    journey.tap("クラス")
    tab = console.current_tab()
    tab.title_edit.insert("はじめての スマホ")  # typed through the input method
    tab.instructor_edit.insert("やまだ")
    first_lesson = next(iter(tab.lesson_buttons.values()))
    journey.tap(first_lesson.text().split(" ", 1)[1])
    journey.tap("教室を 始める")
    assert tab.open_message.isVisible()
    assert "教室を 始めました" in tab.open_message.text()
    journey.tap("受付の 画面に もどる")
    # A learner of the class checks in without a card and opens the class's lesson.
    journey.tap("うけつけ")
    journey.tap("カードなしで はじめる")
    assert journey.kiosk.attendance.visit_open()
    journey.tap("スマホ教室")
    change_size_and_back(journey)
    journey.go_home()
    console = open_console(journey)
    journey.tap("クラス")
    tab = console.current_tab()
    journey.tap("この 教室を 終わる")
    assert "出席 1人" in tab.start_message.text()
    journey.tap("受付の 画面に もどる")


def test_staff_console(visit: Callable[..., Journey]) -> None:
    journey = visit()
    console = open_console(journey)
    assert console.screen_name == "staff-menu"
    for key, button in console.tab_buttons.items():
        journey.tap(button.text())
        assert console.current_key == key
        if key == "settings":  # 設定を 保存する without scrolling the long form
            assert journey.fully_visible(console.current_tab().save_button)
    # アプリを 終了する asks first; やめる keeps the kiosk running and the console open.
    question = answer_quit(journey, "やめる")
    assert "アプリを 終了すると" in question
    assert journey.window.isVisible()
    assert journey.screen() is console
    journey.tap("受付の 画面に もどる")
    assert journey.screen().screen_name == "home"
    journey.tap("うけつけ")  # the kiosk still serves learners
    assert journey.screen().screen_name != "home"
    journey.go_home()
    # The other answer closes the kiosk.
    open_console(journey)
    answer_quit(journey, "終了する")
    assert not journey.window.isVisible()


def answer_quit(journey: Journey, answer: str) -> str:
    """Tap アプリを 終了する, look at the question it asks and tap ``answer``; return the question.

    The question is a modal dialog with its own event loop, so it is answered from a timer
    (which only looks and taps: the checks come after, so a failing one cannot hang the run).
    """
    seen: list[tuple[str, QRect, dict[str, str], bool]] = []
    tries = [0]

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConfirmDialog):
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(10, act)
            return
        buttons = {label_of(b): b for b in dialog.findChildren(QPushButton)}
        names = {label: accessible_name(b) for label, b in buttons.items()}
        shown = all(b.isVisible() for b in buttons.values())
        seen.append((dialog.question_text(), dialog.frameGeometry(), names, shown))
        journey.shoot_window(dialog, f"quit-question-{answer}")
        if answer in buttons:
            QTest.mouseClick(buttons[answer], Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QTimer.singleShot(0, act)
    if answer == "やめる":
        journey.tap("アプリを 終了する")  # and the console is checked as it is left
    else:  # the kiosk closes: there is no screen left to check
        QTest.mouseClick(journey.find("アプリを 終了する"), Qt.MouseButton.LeftButton)
        settle()
    assert len(seen) == 1, f"{journey.tag}: アプリを 終了する did not ask first"
    question, frame, names, shown = seen[0]
    panel = QRect(0, 0, journey.panel.width, journey.panel.height)
    assert panel.contains(frame), f"{journey.tag}: the question does not fit the panel: {frame}"
    assert shown
    assert answer in names, f"{journey.tag}: no {answer!r} among {list(names)}"
    assert all(name == label for label, name in names.items()), names
    return question
