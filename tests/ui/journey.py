"""A small driver for whole visits: it taps real widgets by the name a person sees.

After every step it checks what a learner would notice: no error page, the primary
forward action and the feedback to the last tap inside the window without scrolling,
no English or file path on a learner screen, every control named by its label, controls
big enough and apart enough for a finger on that panel, and no text cut off. It saves a
screenshot of each new screen into a folder (``KIOSK_JOURNEY_SHOTS``, or a temporary one
named at the end of the run).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QWidget,
)

from kiosk.ui.paged import NEXT_PART, PREVIOUS_PART
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.screen import Screen
from kiosk.ui.theme import SPACING_MM, TARGET_MM, contrast_ratio

# Words a learner may see in Latin letters: names printed on real apps and cards.
BRAND_WORDS = {
    *("QR", "ID", "SMS", "ATM", "Wi", "Fi", "LINE", "iPhone", "Android", "Google", "Apple"),
    *("App", "Store", "Play", "Safari", "Chrome", "WEB", "Web", "Tax", "JPKI", "JAPAN"),
    *("Face", "Galaxy"),
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z.]+")
# A participant card code (ABCDE-FGHJK, old cards ABCD-EFGH) is letters by design, as printed on the card.
CARD_CODE = re.compile(r"[0-9A-Z・]{4,5}-[0-9A-Z・]{4,5}")
# A mock form may show a sample e-mail address, as the real one does.
EMAIL = re.compile(r"[a-z0-9.]+@[a-z0-9.]+")
SYMBOL_ONLY = re.compile(r"[−＋+\\-]")
STATE_MARK = re.compile(r"^[●○✓■□] ")
PATH_LIKE = re.compile(r"[A-Za-z]:\\|/[a-z_]+/|\.(pdf|png|csv|json|log)\b")


@dataclass(frozen=True)
class Panel:
    """A touch panel: its logical size in pixels and its pixel density."""

    name: str
    width: int
    height: int
    dpi: float

    def mm(self, millimetres: float) -> int:
        return int(millimetres / 25.4 * self.dpi)


PANELS = (Panel("1920x1080", 1920, 1080, 92.0), Panel("1366x768", 1366, 768, 100.0))
SIZES = ("標準", "大", "特大")


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def label_of(button: QAbstractButton) -> str:
    """The words shown on a button (a card button's title, without furigana).

    A chosen / not chosen mark in front (● ○) is the button's state, which a screen
    reader says by itself, not part of its name.
    """
    return STATE_MARK.sub("", button.text().replace("&", ""))


def text_contrast(widget: QWidget, area: QRect | None = None) -> float:
    """The contrast of the words in ``area`` of ``widget`` as drawn, against their background.

    The background is the colour most pixels have; the words are the pixels that differ
    from it most (the middle of a stroke; antialiased edges only ever contrast less).
    """
    image = widget.grab(area if area is not None else widget.rect()).toImage()
    counts: Counter[int] = Counter(
        image.pixel(x, y) for y in range(image.height()) for x in range(image.width())
    )
    background = QColor.fromRgb(counts.most_common(1)[0][0]).name()
    return max(contrast_ratio(QColor.fromRgb(rgb).name(), background) for rgb in counts)


def settle() -> None:
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()


@dataclass
class Journey:
    """One visit on one panel. ``tap`` and ``check`` fail the test with what a person saw."""

    kiosk: object
    panel: Panel
    shots: Path | None = None
    tag: str = ""
    seen: set[str] = field(default_factory=set)
    steps: int = 0

    @property
    def window(self) -> QWidget:
        return self.kiosk.window  # type: ignore[attr-defined, no-any-return]

    def screen(self) -> Screen:
        return self.window.current_screen()  # type: ignore[attr-defined, no-any-return]

    # Finding things ----------------------------------------------------------------
    def _showing(self, widget: QWidget) -> bool:
        return widget.isVisible() and widget.window() is self.window

    def _overlay(self) -> QWidget | None:
        window = self.window
        for overlay in (window.idle_prompt, window.error_overlay, window.home_confirm):  # type: ignore[attr-defined]
            if overlay.isVisible():
                return overlay  # type: ignore[no-any-return]
        return None

    def _roots(self) -> list[QWidget]:
        overlay = self._overlay()
        if overlay is not None:
            return [overlay]
        screen = self.screen()
        roots = [self.window.header, screen]  # type: ignore[attr-defined]
        if screen.action_bar is not None:
            roots.append(screen.action_bar)
        return roots

    def controls(self) -> list[QAbstractButton]:
        found = []
        for root in self._roots():
            for button in root.findChildren(QAbstractButton):
                if self._showing(button) and button.parent() is not None:
                    found.append(button)
        return found

    def find(self, name: str) -> QAbstractButton:
        matches = [b for b in self.controls() if accessible_name(b) == name]
        assert matches, (
            f"{self.tag}: no control named {name!r} on {self.screen().screen_name}; "
            f"there are {[accessible_name(b) for b in self.controls()]}"
        )
        return matches[0]

    def has(self, name: str) -> bool:
        return any(accessible_name(b) == name for b in self.controls())

    # Geometry ----------------------------------------------------------------------
    def visible_rect(self, widget: QWidget) -> QRect:
        """The part of ``widget`` a person can see now, in window coordinates."""
        rect = QRect(widget.mapTo(self.window, QPoint(0, 0)), widget.size())
        parent = widget.parentWidget()
        while parent is not None and parent is not self.window:
            if isinstance(parent.parentWidget(), QAbstractScrollArea):
                port = parent  # a scroll area's viewport clips what is inside it
                rect &= QRect(port.mapTo(self.window, QPoint(0, 0)), port.size())
            parent = parent.parentWidget()
        return rect & self.window.rect()

    def fully_visible(self, widget: QWidget) -> bool:
        whole = QRect(widget.mapTo(self.window, QPoint(0, 0)), widget.size())
        return self.visible_rect(widget) == whole

    # Acting ------------------------------------------------------------------------
    def tap(self, name: str, *, feedback: QWidget | str | None = None) -> None:
        """Tap the control called ``name`` where a finger would, then check the screen."""
        button = self.find(name)
        if not self.fully_visible(button):
            # A learner would scroll to it; the screen's own scroll area does the same.
            holder = self.screen().parentWidget().parentWidget()
            holder.ensureWidgetVisible(button)  # type: ignore[attr-defined]
            settle()
        assert button.isEnabled(), f"{self.tag}: {name!r} is greyed out"
        centre = self.visible_rect(button).center()
        hit = self.window.childAt(centre)
        assert hit is button or (hit is not None and button.isAncestorOf(hit)), (
            f"{self.tag}: something covers {name!r}: {type(hit).__name__} "
            f"{accessible_name(hit) if hit else ''!r}"
        )
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.mapFrom(self.window, centre))
        settle()
        self.check(feedback=feedback)

    def tap_on_some_page(self, name: str, *, feedback: QWidget | str | None = None) -> None:
        """Tap ``name`` on a list that pages (つぎへ) instead of scrolling: a person turns
        the pages from the first until the card is there."""
        while not self.has(name) and self.has(PREVIOUS_PART):
            self.tap(PREVIOUS_PART)
        while not self.has(name) and self.has(NEXT_PART):
            self.tap(NEXT_PART)
        self.tap(name, feedback=feedback)

    def set_size(self, size: str) -> None:
        self.tap(size)

    def go_home(self) -> None:
        """はじめに もどる, confirming when the kiosk asks (work in progress)."""
        self.tap("はじめに もどる")
        if self.window.home_confirm.isVisible():  # type: ignore[attr-defined]
            self.tap("はじめに もどる")
        assert self.screen().screen_name == "home"

    # Checking ----------------------------------------------------------------------
    def check(self, *, feedback: QWidget | str | None = None) -> None:
        """Everything a learner would notice on the screen now."""
        self.steps += 1
        window = self.window
        assert not window.error_overlay.isVisible(), f"{self.tag}: the error page is showing"  # type: ignore[attr-defined]
        screen = self.screen()
        # First, so that a failing check leaves its picture; an answer to a tap gets its own.
        self._shoot(screen, answered=feedback is not None)
        learner = not screen.screen_name.startswith("staff")
        for button in self.controls():
            name, label = accessible_name(button), label_of(button)
            if not SYMBOL_ONLY.fullmatch(label):  # "−" / "＋" are named by what they do
                assert label, f"{self.tag}: {screen.screen_name}: a control shows no label"
                assert name == label, (
                    f"{self.tag}: {screen.screen_name}: control shows {label!r} but is named {name!r}"
                )
        primaries = [b for b in self.controls() if _is_primary(b)] if learner else []
        for button in primaries:
            assert self.fully_visible(button), (
                f"{self.tag}: {screen.screen_name}: primary {label_of(button)!r} is outside "
                f"the window ({self.visible_rect(button)} of "
                f"{QRect(button.mapTo(window, QPoint(0, 0)), button.size())})"
            )
        if isinstance(feedback, str):
            feedback = getattr(screen, feedback)
        if feedback is not None:
            assert self.fully_visible(feedback), (
                f"{self.tag}: {screen.screen_name}: the feedback is not in sight "
                f"({self.visible_rect(feedback)})"
            )
        focused = QApplication.focusWidget()
        # A closed dialog's button may keep the focus until the window is active again;
        # hidden, it shows no ring.
        ring = isinstance(focused, QAbstractButton) and focused.isVisible()
        assert not ring, (
            f"{self.tag}: {label_of(focused)!r} has the focus ring without any keyboard use"
        )
        if learner:
            self._check_words(screen)
            self._check_fingers()
        self._check_unclipped()

    def _texts(self) -> list[str]:
        texts = []
        for root in self._roots():
            for widget in [root, *root.findChildren(QWidget)]:
                if not self._showing(widget):
                    continue
                if isinstance(widget, RubyText):
                    texts.append(widget.plain())
                elif isinstance(widget, (QLabel, QAbstractButton)):
                    texts.append(widget.text())
        return texts

    def _check_words(self, screen: Screen) -> None:
        for text in self._texts():
            assert not PATH_LIKE.search(text), f"{self.tag}: a file path on screen: {text!r}"
            english = [
                w
                for w in LATIN_WORD.findall(EMAIL.sub("", CARD_CODE.sub("", text)))
                if w.strip(".") not in BRAND_WORDS
            ]
            assert not english, f"{self.tag}: {screen.screen_name}: English on screen {english}"

    def _check_fingers(self) -> None:
        smallest = self.panel.mm(TARGET_MM)
        gap = self.panel.mm(SPACING_MM)
        rects = []
        for button in self.controls():
            if _is_drawn_inside_another_control(button):
                continue
            rect = self.visible_rect(button)
            if rect.isEmpty():
                continue
            whole = QRect(button.mapTo(self.window, QPoint(0, 0)), button.size())
            assert min(whole.width(), whole.height()) >= smallest, (
                f"{self.tag}: {label_of(button)!r} is {whole.width()}×{whole.height()} px, "
                f"under {TARGET_MM:g} mm ({smallest} px) on {self.panel.name}"
            )
            rects.append((label_of(button), rect))
        for i, (name_a, a) in enumerate(rects):
            for name_b, b in rects[i + 1 :]:
                apart = (
                    max(
                        b.left() - a.right(),
                        a.left() - b.right(),
                        b.top() - a.bottom(),
                        a.top() - b.bottom(),
                    )
                    - 1
                )
                assert apart >= gap, (
                    f"{self.tag}: {name_a!r} and {name_b!r} are {apart} px apart, under "
                    f"{SPACING_MM:g} mm ({gap} px)"
                )

    def _check_unclipped(self) -> None:
        for root in self._roots():
            for text in root.findChildren(RubyText):
                if not self._showing(text) or not text.plain():
                    continue
                needed = text.heightForWidth(text.width())
                assert text.height() >= needed - 1, (
                    f"{self.tag}: {text.plain()[:20]!r} is cut off ({text.height()} of {needed} px)"
                )

    def shoot_window(self, window: QWidget, name: str) -> None:
        """Save a picture of another window (a dialog) under ``name``."""
        if self.shots is None:
            return
        key = f"{self.panel.name}-{self.kiosk.theme.size_name}-{name}"  # type: ignore[attr-defined]
        self.shots.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(self.shots / f"{key}.png"))

    def _shoot(self, screen: Screen, *, answered: bool = False) -> None:
        if self.shots is None:
            return
        overlay = self._overlay()
        kind = getattr(screen, "current_kind", None)
        page = getattr(screen, "page", None)
        if isinstance(page, str):  # a rehearsal: "intro", "step" or "done"
            kind = lambda: page  # noqa: E731
        key = "-".join(
            part
            for part in (
                self.panel.name,
                self.kiosk.theme.size_name,  # type: ignore[attr-defined]
                screen.screen_name,
                kind() if callable(kind) else "",
                type(overlay).__name__ if overlay is not None else "",
                "answer" if answered else "",
            )
            if part
        )
        if key in self.seen:
            return
        self.seen.add(key)
        self.shots.mkdir(parents=True, exist_ok=True)
        self.window.grab().save(str(self.shots / f"{key}.png"))


def _is_primary(button: QAbstractButton) -> bool:
    return button.property("role") == "primary" or bool(getattr(button, "primary", False))


def _is_drawn_inside_another_control(button: QAbstractButton) -> bool:
    parent = button.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractButton):
            return True
        parent = parent.parentWidget()
    return False
