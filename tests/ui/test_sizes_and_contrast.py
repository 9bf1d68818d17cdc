"""Every screen at every text size: big enough targets, nothing clipped, AAA contrast."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QWidget

from kiosk.core.config import TEXT_SIZES
from kiosk.core.pin import DEMO_PIN
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.staff import PinPadScreen
from kiosk.ui.staff_console import TAB_KEYS
from kiosk.ui.theme import (
    FONT_FAMILY,
    GLYPH_MIN_PX,
    TARGET_MIN_PX,
    TEXT_PAIRS,
    contrast_ratio,
    glyph_font,
)


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def seen_rect(widget: QWidget) -> QRect:
    """The part of ``widget`` in sight: scroll areas clip what lies beyond their viewport."""
    rect = global_rect(widget)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            rect &= global_rect(parent)
        parent = parent.parentWidget()
    return rect


def layout_problems(root: QWidget, target_px: int, spacing_px: int) -> list[str]:
    """Every reason a learner could not read or press something under ``root``."""
    found: list[str] = []
    buttons = [b for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root)]
    for button in buttons:
        name = button.accessibleName() or getattr(button, "text", lambda: "?")()
        if button.width() < target_px or button.height() < target_px:
            found.append(
                f"button {name!r} is {button.width()}x{button.height()}, below {target_px}px"
            )
        if button.hasHeightForWidth():  # wrapping content: narrower is fine if tall enough
            needed = (button.minimumSizeHint().width(), button.heightForWidth(button.width()))
        else:
            needed = button.sizeHint().toTuple()
        if button.width() < needed[0] or button.height() < needed[1]:
            found.append(f"button {name!r} is clipped: {button.size().toTuple()} < {needed}")
    for text in root.findChildren(RubyText):
        if text.isVisibleTo(root) and text.height() + 1 < text.heightForWidth(text.width()):
            found.append(
                f"text {text.plain()[:20]!r} is clipped: {text.height()} < {text.heightForWidth(text.width())}"
            )
    for label in root.findChildren(QLabel):
        if (
            label.isVisibleTo(root)
            and label.wordWrap()
            and label.height() + 1 < label.heightForWidth(label.width())
        ):
            found.append(f"label {label.text()[:20]!r} is clipped")
    rects = [(b, seen_rect(b)) for b in buttons]
    rects = [(b, r) for b, r in rects if not r.isEmpty()]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            if ra.intersects(rb):
                found.append(
                    f"buttons {a.accessibleName() or a.text()!r} and {b.accessibleName() or b.text()!r} overlap"
                )
                continue
            side_by_side = ra.top() < rb.bottom() and rb.top() < ra.bottom()
            stacked = ra.left() < rb.right() and rb.left() < ra.right()
            gap_x = max(rb.left() - ra.right(), ra.left() - rb.right()) - 1
            gap_y = max(rb.top() - ra.bottom(), ra.top() - rb.bottom()) - 1
            if (side_by_side and gap_x < spacing_px) or (stacked and gap_y < spacing_px):
                found.append(
                    f"buttons {a.text()!r} and {b.text()!r} are closer than {spacing_px}px"
                )
    return found


def reception_flow(kiosk):
    """The check-in and end-of-visit screens, which open from one another."""
    window = kiosk.window
    kiosk.window.open("reception")
    window.current_screen().submit_code("ABCDEFGH")
    yield "reception with a message"
    window.current_screen()._first_visit()
    yield "age band"
    window.current_screen().chosen("70代")
    yield "area"
    window.current_screen().chosen("戸畑区")
    yield "consent"
    window.current_screen()._agree()
    yield "new card"
    window.current_screen().print_card()
    yield "new card after printing"
    window.go_home()
    yield "home during a visit"
    window.current_screen()._finish_visit()
    yield "question 1"
    window.current_screen().chosen("はい")
    yield "question 2"
    window.current_screen().chosen("")
    yield "thanks"


def screens_to_visit(kiosk):
    """Open each screen a learner or staff member can reach; yield a label for each."""
    window = kiosk.window
    yield "home"
    for name in kiosk.window.screens:
        window.go_home()
        kiosk.window.open(name)
        yield name
    window.go_home()
    yield from reception_flow(kiosk)
    window.go_home()
    # Finish the CSV sync the visit's end started, so its result does not change the
    # staff console's texts while the check runs.
    kiosk.tasks.wait()
    QTest.qWait(10)
    kiosk.open_staff()
    yield "staff PIN pad"
    window.current_screen().enter(DEMO_PIN)
    console = window.current_screen()
    while console.content is None:  # the console reads the lessons in the background
        QTest.qWait(10)
    yield "staff menu"
    for key in TAB_KEYS:
        tab = console.show_tab(key)
        while tab.busy():  # the KPI report is computed in the background
            QTest.qWait(10)
        yield f"staff console tab {key}"
    window.open(
        PinPadScreen(kiosk.services, kiosk.window, kiosk.sessions, kiosk.staff_pin, mode="set")
    )
    yield "new PIN pad"
    window.go_home()
    window.ask_still_there()
    yield "idle prompt"
    window.idle_prompt.cancel()
    window.show_error()
    yield "error page"
    window.error_overlay.hide()


def settle(qtbot) -> None:
    """Let every pending layout run (texts a tab has just filled in included), even on a
    busy machine where one short wait is not always enough."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        qtbot.wait(5)


@pytest.mark.parametrize("size", TEXT_SIZES)
def test_every_screen_has_big_unclipped_targets(make_kiosk, qtbot, size: str) -> None:
    kiosk = make_kiosk()
    kiosk.sessions.current.set_text_size(size)
    target = kiosk.theme.target_px
    assert target >= TARGET_MIN_PX
    problems: list[str] = []
    visited = []
    for label in screens_to_visit(kiosk):
        settle(qtbot)
        visited.append(label)
        window = kiosk.window
        overlay = next(
            (o for o in (window.idle_prompt, window.error_overlay) if o.isVisible()), None
        )
        root = overlay if overlay is not None else window
        problems += [
            f"{label} @ {size}: {p}" for p in layout_problems(root, target, kiosk.theme.spacing_px)
        ]
    assert len(visited) >= 9
    assert not problems, "\n".join(problems)


def test_header_fits_the_smallest_screen(make_kiosk) -> None:
    kiosk = make_kiosk(size=(1280, 800))
    header = kiosk.window.header
    assert header.minimumSizeHint().width() <= 1280


@pytest.mark.parametrize("pair", list(TEXT_PAIRS))
def test_theme_text_contrast_is_aaa(pair: str) -> None:
    foreground, background = TEXT_PAIRS[pair]
    assert contrast_ratio(foreground, background) >= 7.0


@pytest.mark.parametrize(("px", "expected"), [(0, GLYPH_MIN_PX), (3.2, GLYPH_MIN_PX), (22.6, 23)])
def test_marks_on_keys_and_icons_share_one_font_and_floor(qapp, px: float, expected: int) -> None:
    # Practice keyboards, tap targets and rehearsal keys all paint their marks with it.
    font = glyph_font(px, bold=True)
    assert (font.family(), font.pixelSize(), font.bold()) == (FONT_FAMILY, expected, True)
    assert not glyph_font(px).bold()


def test_contrast_formula() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") < 4.5


def test_the_walker_notices_a_squeezed_window(make_kiosk) -> None:
    """The check above can fail: a window too narrow for the header is reported."""
    kiosk = make_kiosk(size=(700, 500))
    kiosk.window.header.setFixedWidth(700)
    problems = layout_problems(kiosk.window, kiosk.theme.target_px, kiosk.theme.spacing_px)
    assert any("clipped" in p or "below" in p or "closer" in p for p in problems)
