"""The rehearsal player in the real kiosk window, driven by clicks like a learner."""

from __future__ import annotations

from typing import Any

import pytest
from journey import text_contrast
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton
from test_sizes_and_contrast import layout_problems

from kiosk.core.config import Config
from kiosk.core.procedures import load_procedures
from kiosk.core.ruby import plain_text, spoken_text
from kiosk.ui import theme
from kiosk.ui.procedures import ProcedureListScreen, ProcedurePlayer
from kiosk.ui.procedures.mock import MOCK_TEXT_RATIO, TEXT_PAIRS, MockButton
from kiosk.ui.procedures.player import WRONG_TAP
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.theme import contrast_ratio

SHOP = "convenience-store-certificate"


def open_player(kiosk: Any, qtbot: Any, procedure_id: str = SHOP) -> ProcedurePlayer:
    """From the home tile to the opening page of one procedure, by clicks."""
    qtbot.mouseClick(kiosk.window.current_screen().tiles["procedures"], Qt.MouseButton.LeftButton)
    listing = kiosk.window.current_screen()
    assert isinstance(listing, ProcedureListScreen)
    qtbot.mouseClick(listing.cards[procedure_id], Qt.MouseButton.LeftButton)
    player = kiosk.window.current_screen()
    assert isinstance(player, ProcedurePlayer)
    return player


def click_target(player: ProcedurePlayer, qtbot: Any) -> None:
    """Do what the pulsing target asks: tap it, or type four digits on a PIN pad."""
    step = player.current_step
    assert step is not None
    assert player.view is not None
    index = player.run.step_index
    pad = step.pin_pad
    if pad is not None:
        widget = player.view.pin_pad(pad.id)
        assert widget is not None
        for key in "1234"[: pad.length]:
            qtbot.mouseClick(widget.keys[key], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: player.run.step_index != index, timeout=2000)
        return
    qtbot.mouseClick(player.view.element_widgets[step.targets[0]], Qt.MouseButton.LeftButton)
    assert player.run.step_index == index + 1


def test_a_learner_goes_from_the_tile_to_the_end_by_tapping_the_targets(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk()
    activity: list[tuple[Any, ...]] = []
    kiosk.sessions.current.reported.connect(lambda *args: activity.append(args))
    player = open_player(kiosk, qtbot)
    procedure = player.procedure
    total = len(procedure.steps)
    speaker = kiosk.services.speaker
    # The opening reads the 持ち物 aloud.
    assert player.page == "intro"
    assert "マイナンバーカード" in speaker.last_text()
    assert "あんしょうばんごう" in speaker.last_text()

    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    for number in range(1, total + 1):
        assert player.page == "step"
        assert player.step_page.counter.plain() == f"ステップ {number} / {total}"
        step = procedure.steps[number - 1]
        assert speaker.last_text() == spoken_text(player.speak_text(step.narration))
        click_target(player, qtbot)

    assert player.page == "done"
    assert player.done_page.isVisible()
    assert not player.step_page.isVisible()
    assert player.done_page.qr is not None
    assert player.done_page.qr.text() == procedure.url
    assert "ほんものの ページが ひらきます" in speaker.last_text()
    assert [a[2] for a in activity] == ["started", *["step"] * total, "completed"]
    assert all(a[:2] == ("procedure", SHOP) for a in activity)
    assert [a[3]["step"] for a in activity[1:-1]] == list(range(1, total + 1))
    assert activity[-1][3] == {"steps": total, "wrong_taps": 0, "hints": 0}
    assert SHOP in kiosk.sessions.current.progress.completed_procedures

    # Back on the list, the card says it was done (words, not colour alone).
    kiosk.window.back()
    listing = kiosk.window.current_screen()
    assert listing.cards[SHOP].done_text.isVisible()
    assert not listing.cards["disaster-information"].done_text.isVisible()


def test_a_wrong_tap_shows_and_speaks_the_hint_and_does_not_go_on(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    view = player.view
    assert view is not None
    others = [
        widget
        for element, widget in view.all_widgets
        if isinstance(widget, QAbstractButton) and element.id not in player.current_step.targets
    ]
    assert others, "step 1 has buttons that are not the target"
    assert not player.step_page.hint.isVisible()

    qtbot.mouseClick(others[0], Qt.MouseButton.LeftButton)
    assert player.run.step_index == 0
    assert player.step_page.hint.isVisible()
    assert player.step_page.hint.text.plain() == WRONG_TAP
    assert kiosk.services.speaker.last_text() == WRONG_TAP + "。"

    # Words and empty space count too: the learner is helped, never stuck.
    kiosk.services.speaker.spoken.clear()
    qtbot.mouseClick(player.step_page.narration, Qt.MouseButton.LeftButton)
    assert player.run.step_index == 0
    assert kiosk.services.speaker.last_text() == WRONG_TAP + "。"
    assert player.run.wrong_taps == 2


def test_a_wrong_key_on_a_pin_pad_that_is_not_the_target_also_gives_the_hint(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    pin_step = next(s for s in player.procedure.steps if s.pin_pad is not None)
    while player.current_step is not pin_step:
        click_target(player, qtbot)
    pad = player.view.pin_pad("pin")
    qtbot.mouseClick(pad.keys["7"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["けす"], Qt.MouseButton.LeftButton)
    assert pad.filled == 0  # けす takes the digit away again
    qtbot.mouseClick(pad.keys["1"], Qt.MouseButton.LeftButton)
    assert pad.filled == 1
    assert player.current_step is pin_step
    assert not player.step_page.hint.isVisible()


def highlighted(widget: Any) -> bool:
    """Whether the yellow of the sentence being read shows in ``widget``."""
    image = widget.grab().toImage()
    mark = QColor(theme.HIGHLIGHT).rgb()
    return any(
        image.pixel(x, y) == mark
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
    )


def test_the_sentence_being_read_is_highlighted_until_speech_ends(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    narration = player.step_page.narration
    assert highlighted(narration)
    kiosk.services.speaker.finish_all()
    assert not highlighted(narration)
    # A wrong tap reads the hint: now the hint box carries the highlight.
    qtbot.mouseClick(narration, Qt.MouseButton.LeftButton)
    assert highlighted(player.step_page.hint.text)
    assert not highlighted(narration)


def test_oshiete_shows_and_speaks_the_steps_hint(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    step = player.current_step
    qtbot.mouseClick(player.step_page.hint_button, Qt.MouseButton.LeftButton)
    assert player.step_page.hint.isVisible()
    assert player.step_page.hint.text.plain() == plain_text(step.hint)
    assert kiosk.services.speaker.last_text() == spoken_text(step.hint)
    assert player.run.step_index == 0
    assert player.run.hints_asked == 1


def test_back_goes_one_step_back_and_from_step_one_to_the_opening(
    make_kiosk: Any, qtbot: Any
) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot)
    steps: list[int] = []
    kiosk.sessions.current.reported.connect(
        lambda _kind, _pid, stage, detail: steps.append(detail["step"]) if stage == "step" else None
    )
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    click_target(player, qtbot)
    click_target(player, qtbot)
    assert player.current_step.number == 3
    back = kiosk.window.header.back_button
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert player.current_step.number == 2
    assert kiosk.services.speaker.last_text() == spoken_text(player.procedure.steps[1].narration)
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert player.page == "intro"
    assert player.intro.isVisible()
    assert steps == [1, 2, 3, 2, 1]
    # From the opening, もどる leaves the rehearsal for the list.
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert isinstance(kiosk.window.current_screen(), ProcedureListScreen)


def test_only_the_target_is_ringed_and_the_ring_pulses(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    view = player.view
    assert view.is_pulsing()
    values = {round(view.pulse, 1)}
    qtbot.waitUntil(lambda: (values.add(round(view.pulse, 1)) or len(values)) >= 3, timeout=3000)

    view.stop_pulse()  # a still picture: the ring half-grown
    image = view.grab().toImage()
    target = view.element_widgets["gyosei"]
    other = next(
        w for e, w in view.all_widgets if isinstance(w, QAbstractButton) and e.id != "gyosei"
    )

    def ring_colour_left_of(widget: Any) -> bool:
        left = widget.mapTo(view, QPoint(0, widget.height() // 2))
        pixel = QColor(image.pixel(left.x() - 7, left.y()))
        ring = QColor(theme.FOCUS)
        return all(
            abs(a - b) < 40 for a, b in zip(pixel.getRgb()[:3], ring.getRgb()[:3], strict=True)
        )

    assert ring_colour_left_of(target)
    assert not ring_colour_left_of(other)
    player.on_hidden()
    assert not view.is_pulsing()


def test_mock_words_follow_the_text_size(make_kiosk: Any, qtbot: Any) -> None:
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    kiosk.sessions.current.set_text_size("特大")
    assert player.view.wanted_scale == pytest.approx(1.5 * MOCK_TEXT_RATIO)
    # Drawn as asked, or a little smaller where the device would not fit the window.
    assert MOCK_TEXT_RATIO < player.view.text_display.scale <= player.view.wanted_scale
    label = player.view.element_widgets["gyosei"].label
    tall = label.heightForWidth(300)
    kiosk.sessions.current.set_text_size("標準")
    assert label.heightForWidth(300) < tall


def test_names_come_from_the_configuration(make_kiosk: Any, qtbot: Any) -> None:
    config = Config(municipality="札幌市", centre_name="中央公民館", areas=("中央区", "北区"))
    kiosk = make_kiosk(config=config)
    player = open_player(kiosk, qtbot, "ward-office-booking")
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    assert player.view.mock_screen.bar == "{{municipality}} ホームページ"
    bar_words = [w.plain() for w in player.view.findChildren(RubyText)]
    assert "札幌市 ホームページ" in bar_words
    click_target(player, qtbot)
    assert player.view.element_widgets["ward"].label.plain() == "中央区役所"
    # A kana-only engine says "く" for the ward, never skips or misreads the kanji.
    assert "「くやくしょ」を おします" in kiosk.services.speaker.last_text()
    assert "中央区役所" in player.step_page.narration.plain()


@pytest.mark.slow
@pytest.mark.parametrize("size", ["標準", "特大"])
def test_every_step_of_every_procedure_fits_with_big_unclipped_targets(
    make_kiosk: Any, qtbot: Any, size: str
) -> None:
    kiosk = make_kiosk()
    kiosk.sessions.current.set_text_size(size)
    problems: list[str] = []
    for procedure in load_procedures().procedures:
        player = ProcedurePlayer(kiosk.services, kiosk.window, kiosk.sessions, procedure)
        kiosk.window.open(player)
        pages = [("opening", lambda: None)]
        pages += [
            (f"step {i + 1}", lambda i=i, p=player: p.go_to_step(i))
            for i in range(len(procedure.steps))
        ]
        pages += [("end", lambda p=player: click_target(p, qtbot))]
        for label, show in pages:
            show()
            qtbot.wait(1)
            found = layout_problems(kiosk.window, kiosk.theme.target_px, kiosk.theme.spacing_px)
            problems += [f"{procedure.id} {label} @ {size}: {p}" for p in found]
            # Never wider than the window: no horizontal scrolling.
            assert player.width() <= kiosk.window.width(), (procedure.id, label)
        kiosk.window.back()
    assert not problems, "\n".join(problems)


def test_the_citys_own_page_replaces_the_national_one(make_kiosk: Any, qtbot: Any) -> None:
    booking = "https://www.city.example.lg.jp/madoguchi-yoyaku/"
    config = Config(municipality="北九州市", service_urls=(("ward-office-booking", booking),))
    kiosk = make_kiosk(config=config)
    player = open_player(kiosk, qtbot, "ward-office-booking")
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    while player.page == "step":
        click_target(player, qtbot)
    # The file only says how to search for the booking page; the centre gave its address.
    assert player.done_page.qr is not None
    assert player.done_page.qr.text() == booking
    assert "北九州市の ホームページ" in player.done_page.url_label.plain()


@pytest.mark.parametrize("procedure_id", [SHOP, "mynumber-card-apply"])
def test_the_mock_screens_words_are_7_to_1_as_drawn_pressed_or_not(
    make_kiosk: Any, qtbot: Any, procedure_id: str
) -> None:
    """Rendered, not only by the colour table: every button of every step, and pressed."""
    kiosk = make_kiosk()
    player = open_player(kiosk, qtbot, procedure_id)
    qtbot.mouseClick(player.intro.start_button, Qt.MouseButton.LeftButton)
    styles: set[str] = set()
    while player.page == "step":
        view = player.view
        assert view is not None
        qtbot.waitUntil(view.isVisible)
        for button in view.findChildren(MockButton):
            if not button.isVisible() or button.style_name == "app" or not button.label.plain():
                continue
            styles.add(button.style_name)
            area = button.label.geometry()
            for down in (False, True):
                button.setDown(down)
                ratio = text_contrast(button, area)
                assert ratio >= 7.0, (button.label.plain(), button.style_name, down, ratio)
            button.setDown(False)
        click_target(player, qtbot)
    assert "primary" in styles or procedure_id == SHOP
    for pair, (ink, paper) in TEXT_PAIRS.items():
        assert contrast_ratio(ink, paper) >= 7.0, pair
