"""スマホ教室 in the real kiosk window: the lesson list, the player, questions and speech."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from msgspec import structs
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from test_sizes_and_contrast import layout_problems

from kiosk.app import Kiosk
from kiosk.core.config import Config
from kiosk.core.lessons import Lesson, load_lessons, next_lesson
from kiosk.core.library import Library
from kiosk.core.resources import lessons_dir
from kiosk.core.ruby import plain_text, split_sentences, spoken_text
from kiosk.speech.base import NullSpeaker
from kiosk.ui import theme
from kiosk.ui.lessons import LessonListScreen, LessonPlayerScreen
from kiosk.ui.lessons.cards import DONE_MARK
from kiosk.ui.lessons.check_page import CLOSE, RIGHT, CheckPage
from kiosk.ui.lessons.player import NO_SPEECH, PREPARE_DELAY_MS, REPLAY
from kiosk.ui.lessons.step_page import StepPage
from kiosk.ui.narration import Line, compose, sentence_indices
from kiosk.ui.ruby_text import RubyText

FIRST = "power-buttons"  # 9 steps, questions after steps 4 and 7
CLICK = Qt.MouseButton.LeftButton


# Helpers ---------------------------------------------------------------------------------
def open_list(kiosk: Any, qtbot: Any) -> LessonListScreen:
    """Tap スマホ教室 on the home screen."""
    qtbot.mouseClick(kiosk.window.current_screen().tiles["lessons"], CLICK)
    listing = kiosk.window.current_screen()
    assert isinstance(listing, LessonListScreen)
    return listing


class Recorder:
    """Collects the lesson events of the activity log, in order, like attendance hears them."""

    def __init__(self, kiosk: Any) -> None:
        self.events: list[tuple[Any, ...]] = []
        kiosk.sessions.current.reported.connect(self.heard)

    def heard(self, kind: str, item_id: str, stage: str, detail: dict[str, Any]) -> None:
        if kind != "lesson":
            return
        self.events.append(
            (stage, item_id, detail["step"]) if stage == "step" else (stage, item_id)
        )


def open_lesson(
    kiosk: Any, qtbot: Any, lesson_id: str = FIRST
) -> tuple[LessonListScreen, LessonPlayerScreen, Recorder]:
    """From the home tile to the first step of a lesson, by taps."""
    listing = open_list(kiosk, qtbot)
    recorder = Recorder(kiosk)
    card = listing.cards[lesson_id]
    qtbot.mouseClick(listing.tabs[card.lesson.level], CLICK)
    while not card.isVisible() and listing.grid.next_button.isVisible():
        qtbot.mouseClick(listing.grid.next_button, CLICK)  # つぎへ to the card's page
    assert card.isVisible()
    qtbot.mouseClick(card, CLICK)
    player = kiosk.window.current_screen()
    assert isinstance(player, LessonPlayerScreen)
    return listing, player, recorder


def answer(player: LessonPlayerScreen, qtbot: Any, *, right: bool) -> None:
    """Tap a right (or a not yet tried wrong) choice on the question page."""
    check = player.check_page.check
    assert check is not None
    assert player.current_kind() == "check"
    for button in player.check_page.choices[: len(check.choices)]:
        if check.is_right(button.number) == right and button.isEnabled():
            qtbot.mouseClick(button, CLICK)
            return
    raise AssertionError("no such choice left")


def tap_next(player: LessonPlayerScreen, qtbot: Any) -> None:
    """つぎへ, answering a question right first when one is showing."""
    if player.current_kind() == "check" and not player.next_button.isEnabled():
        answer(player, qtbot, right=True)
    qtbot.mouseClick(player.next_button, CLICK)


def go_to_first_question(player: LessonPlayerScreen, qtbot: Any) -> None:
    while player.current_kind() != "check":
        tap_next(player, qtbot)


def finish_lesson(player: LessonPlayerScreen, qtbot: Any) -> None:
    while not player.showing_finish():
        tap_next(player, qtbot)


def highlighted(widget: QWidget) -> bool:
    """Whether the sentence highlight colour shows anywhere in ``widget``."""
    image = widget.grab().toImage()
    wanted = QColor(theme.HIGHLIGHT).rgb()
    return any(
        image.pixel(x, y) == wanted
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )


def player_problems(kiosk: Any, player: LessonPlayerScreen) -> list[str]:
    """``layout_problems`` for the player: the page's room and the paging row.

    They are checked apart because a block pushed out of the page's room is cut off at
    its edge, which the window-wide check cannot see; instead the paging row must sit
    clear below that edge.
    """
    target, spacing = kiosk.theme.target_px, kiosk.theme.spacing_px
    found = layout_problems(player.content, target, spacing)
    found += layout_problems(player.nav_bar, target, spacing)
    for text in (player.lesson_title, player.progress):
        if text.isVisible() and text.height() + 1 < text.heightForWidth(text.width()):
            found.append(f"top line {text.plain()!r} is clipped")
    room = player.content
    words_bottom = room.mapTo(kiosk.window, room.rect().bottomLeft()).y()
    pager = player.current_pager()
    for block in pager.blocks if pager is not None else []:
        bottom = block.mapTo(kiosk.window, block.rect().bottomLeft()).y()
        if block.isVisible() and bottom > words_bottom:
            found.append(f"{type(block).__name__} ends {bottom - words_bottom}px below the room")
    if player.nav_bar.isVisible():
        for button in player.nav_buttons():
            if button.isVisible():
                top = button.mapTo(kiosk.window, button.rect().topLeft()).y()
                if top - words_bottom < spacing:
                    found.append(f"{button.text()!r} is closer than {spacing}px to the words")
                if not kiosk.window.rect().contains(
                    button.mapTo(kiosk.window, button.rect().bottomRight())
                ):
                    found.append(f"{button.text()!r} is off the screen")
    return found


def bundled(lesson_id: str) -> Lesson:
    lesson = load_lessons().get(lesson_id)
    assert lesson is not None
    return lesson


def expected_step_speech(lesson: Lesson, index: int) -> list[str]:
    step = lesson.steps[index]
    return [spoken_text(s) for s in split_sentences(f"{step.title}。{step.spoken}")]


# The list --------------------------------------------------------------------------------
def test_the_home_tile_opens_lessons_under_level_tabs_with_minutes(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    listing = open_list(kiosk, qtbot)
    lessons = load_lessons().lessons
    assert set(listing.cards) == {lesson.id for lesson in lessons}
    assert "えらんで" in kiosk.services.speaker.last_text()
    basic = {lesson.id for lesson in lessons if lesson.level == "基本"}
    applied = {lesson.id for lesson in lessons if lesson.level == "応用"}
    assert basic
    assert applied
    # A level's cards, on as many pages as they need (つぎへ) at this window size.
    shown = {lesson_id for lesson_id, card in listing.cards.items() if card.isVisible()}
    assert shown
    assert shown <= basic
    assert {card.lesson.id for card in listing.grid.cards} == basic
    qtbot.mouseClick(listing.tabs["応用"], CLICK)
    qtbot.wait(50)  # the window lays the new page out
    shown = {lesson_id for lesson_id, card in listing.cards.items() if card.isVisible()}
    assert shown
    assert shown <= applied
    assert {card.lesson.id for card in listing.grid.cards} == applied
    card = listing.cards["maps"]
    assert card.title_text.plain() == "地図アプリで 道を 調べる"
    assert card.minutes_text.plain() == "やく 20ぷん"
    assert not card.is_done()
    assert layout_problems(kiosk.window, kiosk.theme.target_px, kiosk.theme.spacing_px) == []


def test_broken_lesson_files_leave_the_good_ones_listed(
    make_kiosk, qtbot, tmp_path: Path, caplog
) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in ("01_power_buttons.toml", "02_touch_basics.toml"):
        shutil.copy(lessons_dir() / name, folder / name)
    shutil.copytree(lessons_dir().parent / "assets", tmp_path / "assets")
    (folder / "03_broken.toml").write_text('format = 1\nid = "broken"\ntitle = "', "utf-8")
    kiosk = make_kiosk()
    services = replace(kiosk.services, library=Library(lessons_folder=folder))
    with caplog.at_level(logging.WARNING):
        listing = LessonListScreen(services, kiosk.window, kiosk.sessions)
    kiosk.window.open(listing)
    assert list(listing.cards) == ["power-buttons", "touch-basics"]
    assert any("problem" in record.getMessage() for record in caplog.records)
    assert layout_problems(kiosk.window, kiosk.theme.target_px, kiosk.theme.spacing_px) == []


def test_a_list_without_lessons_says_so_kindly(make_kiosk, qtbot, tmp_path: Path) -> None:
    kiosk = make_kiosk()
    services = replace(kiosk.services, library=Library(lessons_folder=tmp_path / "nothing-here"))
    listing = LessonListScreen(services, kiosk.window, kiosk.sessions)
    kiosk.window.open(listing)
    assert listing.cards == {}
    assert "スタッフ" in plain_text(listing.intro_text())
    assert "スタッフ" in kiosk.services.speaker.last_text()


# Paging ----------------------------------------------------------------------------------
def test_a_learner_pages_through_a_lesson_to_the_praise_page(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    activity: list[tuple[Any, ...]] = []
    kiosk.sessions.current.reported.connect(lambda *args: activity.append(args))
    _listing, player, recorder = open_lesson(kiosk, qtbot)
    lesson = bundled(FIRST)
    total = len(lesson.steps)
    seen: list[str] = []
    assert not player.go_back()  # nothing before the first step: もどる would close it
    assert kiosk.window.current_screen() is player
    while not player.showing_finish():
        if player.current_kind() == "step":
            seen.append(player.progress.plain())
            assert player.step_page.title.plain() == plain_text(lesson.steps[len(seen) - 1].title)
        tap_next(player, qtbot)
    assert seen == [f"{n} / {total}" for n in range(1, total + 1)]
    assert recorder.events == [
        ("started", FIRST),
        *[("step", FIRST, n) for n in range(1, total + 1)],
        ("completed", FIRST),
    ]
    lesson_events = [(a[1], a[2], a[3]) for a in activity if a[0] == "lesson"]
    assert lesson_events[0] == (FIRST, "started", {"steps": total})
    assert [e[2]["step"] for e in lesson_events if e[1] == "step"] == list(range(1, total + 1))
    assert lesson_events[-1][:2] == (FIRST, "completed")
    assert lesson_events[-1][2]["steps"] == total
    assert FIRST in kiosk.sessions.current.progress.completed_lessons
    # The praise page: a big check mark, praise, and the next lesson to try.
    finish = player.finish_page
    assert finish.praise.plain() == "よく できました！"
    assert finish.check_mark.isVisible()
    suggestion = next_lesson(load_lessons().lessons, FIRST)
    assert suggestion is not None
    assert finish.next_card is not None
    assert finish.next_card.lesson.id == suggestion.id
    assert finish.pager.part_count == 1, [b.height() for b in finish.pager.blocks]
    assert not player.next_button.isVisible()  # nothing to page to any more
    assert "よく できました" in kiosk.services.speaker.last_text()


def test_back_inside_the_player_shows_the_previous_step(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    _listing, player, recorder = open_lesson(kiosk, qtbot)
    tap_next(player, qtbot)
    tap_next(player, qtbot)
    assert player.progress.plain().startswith("3 /")
    qtbot.mouseClick(kiosk.window.header.back_button, CLICK)
    assert player.progress.plain().startswith("2 /")
    assert player.step_page.title.plain() == plain_text(bundled(FIRST).steps[1].title)
    assert recorder.events[-1] == ("step", FIRST, 2)
    # From the first step, もどる leaves the lesson for the list.
    qtbot.mouseClick(kiosk.window.header.back_button, CLICK)
    assert player.progress.plain().startswith("1 /")
    qtbot.mouseClick(kiosk.window.header.back_button, CLICK)
    assert isinstance(kiosk.window.current_screen(), LessonListScreen)


def test_the_suggested_next_lesson_starts_from_the_praise_page(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    _listing, player, recorder = open_lesson(kiosk, qtbot)
    finish_lesson(player, qtbot)
    card = player.finish_page.next_card
    assert card is not None
    following = card.lesson
    qtbot.mouseClick(card, CLICK)
    assert player.lesson.id == following.id
    assert player.current_kind() == "step"
    assert player.progress.plain() == f"1 / {len(following.steps)}"
    assert recorder.events[-2:] == [("started", following.id), ("step", following.id, 1)]
    assert player.lesson_title.plain() == plain_text(following.title)


# Questions -------------------------------------------------------------------------------
def test_a_wrong_answer_explains_kindly_and_lets_the_learner_try_again(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    speaker = kiosk.services.speaker
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    go_to_first_question(player, qtbot)
    page = player.check_page
    check = page.check
    assert check is not None
    assert not player.next_button.isEnabled(), "つぎへ waits for the right answer"
    assert "いちばん" in speaker.last_text(), "the choices are read with their numbers"

    answer(player, qtbot, right=False)
    assert page.feedback.label.plain() == CLOSE
    assert plain_text(check.explanation) in page.feedback.text.plain()
    assert "もう いちど" in page.feedback.text.plain()
    shown = page.feedback.label.plain() + page.feedback.text.plain()
    for harsh in ("エラー", "error", "×", "✕", "ざんねん"):
        assert harsh not in shown
    tried = next(b for b in page.choices if b.verdict() == "tried")
    assert tried.result_tag.text.plain() == "これでは ありません"
    assert not tried.isEnabled()
    assert not player.next_button.isEnabled()
    assert spoken_text(check.explanation)[:10] in speaker.last_text()
    assert player.run is not None
    assert player.run.mistakes == 1
    assert player_problems(kiosk, player) == []

    answer(player, qtbot, right=True)
    assert page.feedback.label.plain() == RIGHT
    right_button = page.choices[check.answer - 1]
    assert right_button.result_tag.text.plain() == "✓ せいかい"
    assert player.next_button.isEnabled()
    assert "せいかい" in speaker.last_text()
    qtbot.mouseClick(player.next_button, CLICK)
    assert player.current_kind() == "step"
    # Paging back to the question keeps it answered: no need to answer again.
    kiosk.window.back()
    assert player.current_kind() == "check"
    assert player.next_button.isEnabled()
    assert page.feedback.label.plain() == RIGHT


# Speech ----------------------------------------------------------------------------------
def test_each_step_is_read_aloud_and_paging_stops_the_previous_one(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    speaker = kiosk.services.speaker
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    lesson = bundled(FIRST)
    assert speaker.spoken[-1] == expected_step_speech(lesson, 0)
    for index in (1, 2):
        stops = speaker.stops
        tap_next(player, qtbot)
        assert speaker.stops > stops
        assert speaker.spoken[-1] == expected_step_speech(lesson, index)
    # With speech switched off in the header, paging still silences at once.
    qtbot.mouseClick(kiosk.window.header.speech_button, CLICK)
    said = len(speaker.spoken)
    tap_next(player, qtbot)
    assert len(speaker.spoken) == said
    assert not speaker.speaking
    # Leaving the lesson stops speech too.
    qtbot.mouseClick(kiosk.window.header.speech_button, CLICK)
    qtbot.mouseClick(player.replay_button, CLICK)
    assert speaker.speaking
    stops = speaker.stops
    while kiosk.window.current_screen() is player:  # もどる pages back, then leaves
        qtbot.mouseClick(kiosk.window.header.back_button, CLICK)
    assert speaker.stops > stops
    assert "えらんで" in speaker.last_text(), "the list speaks now, not the step"


def test_replay_reads_the_step_again(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    speaker = kiosk.services.speaker
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    tap_next(player, qtbot)
    first = speaker.spoken[-1]
    assert player.replay_button.text() == REPLAY
    qtbot.mouseClick(player.replay_button, CLICK)
    assert speaker.spoken[-1] == first
    assert len(speaker.spoken) >= 2
    assert speaker.spoken[-2] == first
    # A learner who switched speech off and asks to listen gets it switched back on.
    qtbot.mouseClick(kiosk.window.header.speech_button, CLICK)
    assert not speaker.is_enabled()
    qtbot.mouseClick(player.replay_button, CLICK)
    assert speaker.is_enabled()
    assert speaker.spoken[-1] == first
    assert kiosk.window.header.speech_button.text() == "おんせい あり"


def test_the_sentence_being_read_is_highlighted(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    speaker = kiosk.services.speaker
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    page = player.step_page
    # The fake speaker starts the first sentence at once: the step title.
    assert highlighted(page.title)
    assert not highlighted(page.text)
    speaker.sentence_started.emit(2)  # title, then the text's first sentence, then its second
    assert highlighted(page.text)
    assert not highlighted(page.title)
    speaker.finish_all()
    assert not highlighted(page.text)
    assert not highlighted(page.title)


def test_sentence_numbers_match_the_speaker_on_every_bundled_text() -> None:
    for lesson in load_lessons().lessons:
        for step in lesson.steps:
            for text in (step.title, step.text, step.spoken, step.tip or ""):
                assert len(sentence_indices(text)) == len(split_sentences(text)), text
    # 「？！」 ends two sentences for both; trailing blanks make no sentence for either.
    assert sentence_indices("ほんとう？！はい。  ") == [0, 1, 2]
    assert split_sentences("ほんとう？！はい。  ") == ["ほんとう？", "！", "はい。"]
    text, where = compose([Line(None, "たいとる"), Line(None, "ひとつ。ふたつ！")])
    assert split_sentences(text) == ["たいとる。", "ひとつ。", "ふたつ！"]
    assert [index for _widget, index in where] == [0, 0, 1]


def test_without_a_speech_engine_the_lesson_goes_on(qapp, qtbot, data_dir: Path) -> None:
    kiosk = Kiosk(qapp, Config(), data_dir, NullSpeaker(), demo=True)
    qtbot.addWidget(kiosk.window, before_close_func=lambda window: window.allow_close())
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    qtbot.waitExposed(kiosk.window)
    _listing, player, recorder = open_lesson(kiosk, qtbot)
    assert player.replay_button.text() == NO_SPEECH
    assert not player.replay_button.isEnabled()
    finish_lesson(player, qtbot)
    assert recorder.events[-1] == ("completed", FIRST)


# Pictures --------------------------------------------------------------------------------
@pytest.mark.qt_log_ignore("Cannot read file")
def test_a_missing_or_broken_picture_leaves_the_words(
    make_kiosk, qtbot, tmp_path: Path, caplog
) -> None:
    kiosk = make_kiosk()
    broken = tmp_path / "broken.svg"
    broken.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width=', "utf-8")
    lesson = bundled(FIRST)
    steps = (
        structs.replace(lesson.steps[0], image_path=tmp_path / "gone.svg"),
        structs.replace(lesson.steps[1], image_path=broken, check=None),
    )
    damaged = structs.replace(lesson, steps=steps)
    player = LessonPlayerScreen(kiosk.services, kiosk.window, kiosk.sessions, damaged)
    with caplog.at_level(logging.WARNING):
        kiosk.window.open(player)
        assert not player.step_page.picture.isVisible()
        assert player.step_page.text.isVisible()
        tap_next(player, qtbot)
        assert not player.step_page.picture.isVisible()
        assert player.step_page.title.plain() == plain_text(lesson.steps[1].title)
    messages = " ".join(record.getMessage() for record in caplog.records)
    assert "gone.svg" in messages
    assert "broken.svg" in messages


def test_the_picture_is_drawn_sharp_at_its_size(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    picture = player.step_page.picture
    assert picture.isVisible()
    assert picture.has_image()
    qtbot.waitUntil(lambda: picture.width() > 100)
    image = picture.grab().toImage()
    assert image.width() == round(picture.width() * picture.devicePixelRatioF())
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
    }
    assert len(colours) > 3, "the picture looks blank"


# Display switches ------------------------------------------------------------------------
def test_a_text_size_switch_lays_the_step_out_again_without_clipping(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    tap_next(player, qtbot)
    page = player.step_page
    before = page.title.height()
    picture_before = page.picture.width()
    qtbot.mouseClick(kiosk.window.header.size_buttons["特大"], CLICK)
    qtbot.waitUntil(lambda: page.title.height() > before)
    assert page.picture.width() < picture_before, "the picture gives the words room"
    # つぎへ stays on screen and nothing is cut off: what does not fit comes in parts.
    qtbot.waitUntil(lambda: player_problems(kiosk, player) == [])


def test_furigana_off_hides_the_readings_on_the_current_step(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    page = player.step_page
    width = page.text.width()
    with_ruby = page.text.heightForWidth(width)
    qtbot.mouseClick(kiosk.window.header.ruby_button, CLICK)
    texts = [t for t in player.findChildren(RubyText) if t.isVisible()]
    assert texts
    assert not any(t.show_ruby() for t in texts)
    assert page.text.heightForWidth(width) < with_ruby
    qtbot.waitUntil(lambda: page.text.height() == page.text.heightForWidth(page.text.width()))
    # Pages shown later follow the switch as well.
    go_to_first_question(player, qtbot)
    assert not player.check_page.question.show_ruby()
    assert player_problems(kiosk, player) == []


@pytest.mark.parametrize("size", ["標準", "大", "特大"])
def test_every_page_of_a_lesson_fits_at_every_text_size(make_kiosk, qtbot, size: str) -> None:
    kiosk = make_kiosk()
    kiosk.sessions.current.set_text_size(size)
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    problems: list[str] = []

    def check(label: str) -> None:
        qtbot.wait(1)  # let the layouts settle
        problems.extend(f"{label} @ {size}: {p}" for p in player_problems(kiosk, player))

    while not player.showing_finish():
        if player.current_kind() == "check" and not player.next_button.isEnabled():
            answer(player, qtbot, right=False)
            check(f"question {player.progress.plain()} after a wrong answer")
        check(f"{player.current_kind()} {player.progress.plain()}")
        tap_next(player, qtbot)
    check("praise page")
    assert not problems, "\n".join(problems)


def test_a_long_step_comes_in_parts_read_one_by_one(make_kiosk, qtbot) -> None:
    """At 特大 on a 1366×768 panel a step's words do not fit: つぎへ shows the next part
    first, まえへ and もどる the part before, and each part is read as it appears."""
    kiosk = make_kiosk(size=(1366, 768), config=Config(text_size="特大"))
    speaker = kiosk.services.speaker
    _listing, player, recorder = open_lesson(kiosk, qtbot)
    lesson = bundled(FIRST)
    # The first step after the first that needs parts.
    while player.current_pager().part_count < 2 or player.progress.plain().startswith("1 /"):
        tap_next(player, qtbot)
    pager = player.current_pager()
    assert player.current_kind() == "step"
    step_no = player.progress.plain()
    counter = pager.counter
    assert counter.isVisible()
    assert counter.plain() == f"1 / {pager.part_count}"
    assert not pager.previous_button.isVisible()  # nothing before the first part
    first_words = speaker.last_text()
    qtbot.mouseClick(player.next_button, CLICK)
    assert player.progress.plain() == step_no, "つぎへ shows the next part of the same step"
    assert pager.part == 1
    assert counter.plain() == f"2 / {pager.part_count}"
    assert pager.previous_button.isVisible()
    assert speaker.last_text() != first_words, "the new part is read, not the first again"
    shown = [b for b in pager.blocks if pager.is_on_screen(b) and b.isVisible()]
    assert shown
    assert player.step_page.title not in shown
    said = speaker.last_text()
    for block in shown:
        if isinstance(block, RubyText):
            assert spoken_text(block.text())[:6] in said
    assert player_problems(kiosk, player) == []
    qtbot.mouseClick(pager.previous_button, CLICK)
    assert pager.part == 0
    assert speaker.last_text() == first_words
    qtbot.mouseClick(player.next_button, CLICK)
    qtbot.mouseClick(kiosk.window.header.back_button, CLICK)  # もどる: the part before too
    assert (player.progress.plain(), pager.part) == (step_no, 0)
    # From the first part, もどる goes to the page before, at the part seen last there.
    index = player.run.index
    qtbot.mouseClick(kiosk.window.header.back_button, CLICK)
    assert player.run.index == index - 1
    before = player.current_pager()
    assert before.part == before.part_count - 1
    # Through every part, and on: the next page starts at its first part.
    tap_next(player, qtbot)
    assert (player.run.index, pager.part) == (index, 0)
    while not pager.on_last_part():
        tap_next(player, qtbot)
    tap_next(player, qtbot)
    assert player.run.index == index + 1
    assert player.current_pager().part == 0
    assert recorder.events[-1][0] == "step" or player.current_kind() == "check"
    assert len(lesson.steps) > 1


def test_a_text_size_switch_keeps_the_part_being_read(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(size=(1366, 768), config=Config(text_size="大"))
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    while player.current_kind() != "step" or player.current_pager().part_count < 2:
        tap_next(player, qtbot)
    pager = player.current_pager()
    tap_next(player, qtbot)  # the second part
    page = player.step_page
    first = next(b for b in pager.blocks if pager.is_on_screen(b) and b.isVisible())
    words = first.text.text() if hasattr(first, "label") else first.text()
    qtbot.mouseClick(kiosk.window.header.size_buttons["特大"], CLICK)
    qtbot.waitUntil(lambda: player_problems(kiosk, player) == [])
    # Larger words, cut again: the part on screen still starts with what was read.
    shown = [b for b in pager.blocks if pager.is_on_screen(b) and b.isVisible()]
    texts = [b.text.plain() if hasattr(b, "label") else b.plain() for b in shown]
    assert any(plain_text(words)[:8] in text for text in texts), (words, texts)
    assert page.step is not None
    assert pager.part > 0


def test_the_next_page_is_cut_while_the_learner_reads_and_only_shown_by_next(
    make_kiosk, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """つぎへ shows the page made ready in advance, steps and questions alike, without
    measuring its words again; its parts are the ones a fresh cut gives."""
    kiosk = make_kiosk(size=(1366, 768), config=Config(text_size="特大"))
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    cuts: list[str] = []
    cut_step = StepPage._show_pieces
    tallest = CheckPage._tallest
    monkeypatch.setattr(
        StepPage, "_show_pieces", lambda page, *a: (cuts.append("step"), cut_step(page, *a))[1]
    )
    monkeypatch.setattr(
        CheckPage, "_tallest", lambda page, *a: (cuts.append("check"), tallest(page, *a))[1]
    )
    kinds = set()
    while not player.showing_finish():
        if player.current_kind() == "check" and not player.next_button.isEnabled():
            answer(player, qtbot, right=True)
        pager = player.current_pager()
        assert pager is not None
        if pager.on_last_part() and not player.run.is_last_page():
            # The learner reads; the next page gets ready (late on a busy machine).
            qtbot.waitUntil(lambda: not player.preparing_next(), timeout=10_000)
            cuts.clear()
            qtbot.mouseClick(player.next_button, CLICK)
            assert cuts == [], f"page {player.run.index} was cut again on つぎへ"
            kinds.add(player.current_kind())
            page = player.current_pager()
            assert page is not None
            assert page.part == 0
            ready = page.parts()
            # Cut afresh for the same room: the same parts.
            if player.current_kind() == "step":
                player.step_page._fitted = None
            else:
                player.check_page._fitted = None
            player._fit_page()
            assert page.parts() == ready
            assert page.part == 0
        else:
            tap_next(player, qtbot)
    assert kinds == {"step", "check"}


def test_the_next_page_is_made_ready_only_once_the_new_one_is_painted(make_kiosk, qtbot) -> None:
    """The work for the page after this one waits until this one is on screen: on a
    busy machine it must not hold up the frame that shows the page the learner asked for."""
    kiosk = make_kiosk()
    _listing, player, _recorder = open_lesson(kiosk, qtbot)
    lesson = bundled(FIRST)
    assert lesson.steps[1].check is None

    def spare() -> Any:
        pages = player.step_pages
        return pages[0] if player.step_page is pages[1] else pages[1]

    # The first page is painted and step 2 made ready (late on a busy machine).
    qtbot.waitUntil(lambda: spare().step == lesson.steps[1], timeout=10_000)
    kiosk.window.setUpdatesEnabled(False)  # nothing is painted for now
    tap_next(player, qtbot)
    assert player.step_page.step == lesson.steps[1]
    qtbot.wait(PREPARE_DELAY_MS * 3)
    assert spare().step == lesson.steps[0], "the next step was made ready before this one showed"
    kiosk.window.setUpdatesEnabled(True)
    qtbot.waitUntil(lambda: spare().step == lesson.steps[2], timeout=10_000)


# Done marks --------------------------------------------------------------------------------
def test_done_marks_show_after_a_lesson_and_clear_for_the_next_visitor(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    listing, player, _recorder = open_lesson(kiosk, qtbot)
    finish_lesson(player, qtbot)
    qtbot.mouseClick(player.finish_page.list_button, CLICK)
    assert kiosk.window.current_screen() is listing
    card = listing.cards[FIRST]
    assert card.is_done()
    assert card.done_text.plain() == DONE_MARK
    assert not listing.cards["touch-basics"].is_done()
    kiosk.window.reset_session()
    fresh = open_list(kiosk, qtbot)
    assert not any(c.is_done() for c in fresh.cards.values())


@pytest.mark.parametrize(
    ("municipality", "areas", "office", "reading"),
    [("北九州市", ("小倉北区",), "区役所", "くやくしょ"), ("新宮町", (), "役場", "やくば")],
)
def test_the_town_hall_of_the_settings_is_shown_and_read_aloud(
    make_kiosk, qtbot, municipality: str, areas: tuple[str, ...], office: str, reading: str
) -> None:
    kiosk = make_kiosk(config=Config(municipality=municipality, areas=areas))
    _, player, _ = open_lesson(kiosk, qtbot, "mynumber-card")
    for _ in range(30):  # to the step that says where a locked card is reset
        if player.current_kind() == "step" and player.step_page.title.plain() == "ロックされたら":
            break
        tap_next(player, qtbot)
    shown = player.step_page.text.plain()
    assert shown.startswith(f"{office}の窓口で") or shown.startswith(f"{office}の 窓口で"), shown
    assert reading in kiosk.services.speaker.last_text()
    assert "office" not in kiosk.services.speaker.last_text()
