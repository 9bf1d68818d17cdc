"""The three pages of a rehearsal: the opening (持ち物), a step on its mock screen, the end."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.procedures import Procedure, ProcedureStep
from kiosk.ui.display import Display
from kiosk.ui.narration import Line
from kiosk.ui.paged import PagedColumn
from kiosk.ui.procedures.mock import DEVICE_WIDTH, MOCK_TEXT_RATIO, MockScreenView, device_width
from kiosk.ui.procedures.parts import HintBox, ItemRow
from kiosk.ui.qr import QrCodeView
from kiosk.ui.ruby_text import RubyText
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import big_button, remeasure

Fill = Callable[[str], str]

START_PROMPT = "じゅんびが できたら、「はじめる」を おして ください。"
ITEMS_HEADING = "もちもの"
ITEMS_SPOKEN = "もちものは、つぎの とおりです。"
DONE_TITLE = "できました！"
DONE_SPOKEN = "できました。"
QR_CAPTION = (
    "ご{自分|じぶん}の スマホの カメラで {読|よ}みとると、{本物|ほんもの}の ページが ひらきます。"
)
NOTES_HEADING = "{本物|ほんもの}で する ときの ちゅうい"
AFTER_HEADING = "このあと"
AFTER_SPOKEN = "このあと。"
TAP_SLOP_PX = 24  # a press that moves further than this is a scroll, not a tap


def on_screen(lines: list[Line], pager: PagedColumn) -> list[Line]:
    """The lines shown in the part of ``pager`` on screen (read aloud as it appears)."""
    return [line for line in lines if line.widget is None or pager.is_on_screen(line.widget)]


class IntroPage(QWidget):
    """What the procedure does and the 持ち物 to tick, in parts that each fit the screen
    (つぎへ / まえへ); はじめる waits in the bar under the page."""

    def __init__(
        self,
        procedure: Procedure,
        fill: Fill,
        theme: Theme,
        on_start: Callable[[], None],
        *,
        display: Display,
    ):
        super().__init__()
        spacing = theme.spacing_px
        self.title = RubyText(fill(procedure.title), role="title", display=display)
        self.summary = RubyText(fill(procedure.summary), display=display)
        self.items_heading = RubyText(ITEMS_HEADING, role="heading", display=display)
        self.items: list[ItemRow] = [
            ItemRow(
                fill(item.name),
                fill(item.note or ""),
                item.icon_path,
                theme.target_px,
                display=display,
            )
            for item in procedure.items
        ]
        self.prompt = RubyText(START_PROMPT, display=display)
        self.start_button = big_button("はじめる", on_start, primary=True)
        self.pager = PagedColumn(
            [self.title, self.summary, self.items_heading, *self.items, self.prompt],
            spacing * 2,
            keep_with_next=[self.items_heading],
            display=display,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pager)

    def parts(self, procedure: Procedure, speak: Fill) -> list[Line]:
        """What to read aloud, widget by widget."""
        parts: list[Line] = [
            Line(self.title, speak(procedure.title)),
            Line(self.summary, speak(procedure.summary)),
            Line(self.items_heading, ITEMS_SPOKEN),
        ]
        for row, item in zip(self.items, procedure.items, strict=True):
            parts.append(Line(row.name_text, speak(item.name)))
            if row.note_text is not None and item.note:
                parts.append(Line(row.note_text, speak(item.note)))
        parts.append(Line(self.prompt, START_PROMPT))
        return on_screen(parts, self.pager)


class StepPage(QWidget):
    """One step: the mock screen with the pulsing target, and beside it the step's title,
    narration, help and counter.

    The device takes the page's whole height and the words stand beside it (the kiosk's
    screens are all landscape), so that neither needs scrolling in the room ``fit``
    gives. ``missed`` fires for a tap on the page outside any button (words, empty
    space, the mock screen around its elements).
    """

    missed = Signal()

    def __init__(self, theme: Theme, on_hint: Callable[[], None], *, display: Display):
        super().__init__()
        self.theme = theme
        self._display = display
        spacing = theme.spacing_px
        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(spacing * 2)
        self.device_column = QVBoxLayout()
        self.device_column.setSpacing(spacing * 2)
        body.addLayout(self.device_column)
        self.side = QVBoxLayout()
        self.side.setSpacing(spacing)
        self.title = RubyText("", role="heading", display=display)
        self.narration = RubyText("", display=display)
        self.hint = HintBox(display=display)
        self.hint.setVisible(False)
        words = QVBoxLayout()
        words.setSpacing(spacing // 2)  # the narration's furigana already open a gap
        words.addWidget(self.title)
        words.addWidget(self.narration)
        self.side.addLayout(words)
        self.side.addWidget(self.hint)
        self.hint_button = big_button("おしえて", on_hint)
        self.counter = RubyText("", role="body", display=display)
        # おしえて and the counter: beside the device, or under it when the words need
        # the height (``_place``).
        self.button_row = QWidget()
        self._row = row = QHBoxLayout(self.button_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(spacing * 2)
        row.addWidget(self.hint_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        row.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignVCenter)
        self.side.addWidget(self.button_row)
        self.side.addStretch(1)
        body.addLayout(self.side, 1)
        self.view: MockScreenView | None = None
        self._room: int | None = None
        self._pressed_at: QPoint | None = None

    def show_step(self, step: ProcedureStep, total: int, fill: Fill) -> MockScreenView:
        """Build the mock screen of ``step`` and show its words; return the mock view."""
        self.counter.set_text(f"ステップ {step.number} / {total}")
        self.title.set_text(fill(step.title))
        self.narration.set_text(fill(step.narration))
        self.hint.setVisible(False)
        if self.view is not None:
            self.view.stop_pulse()
            self.device_column.removeWidget(self.view)
            self.view.hide()
            self.view.deleteLater()
        view = MockScreenView(
            step.screen,
            display=self._display,
            fill=fill,
            targets=step.targets,
            target_px=self.theme.target_px,
            spacing_px=self.theme.spacing_px,
            text_scale=self.theme.scale * MOCK_TEXT_RATIO,
            width=device_width(step.screen.device, self._page_width()),
        )
        view.setFixedWidth(view.device_width)
        self.device_column.insertWidget(0, view, 0, Qt.AlignmentFlag.AlignTop)
        view.ensurePolished()  # measured with the fonts it will be drawn in
        self.view = view
        self._place()
        return view

    def show_hint(self, text: str) -> None:
        """Show ``text`` (markup) in the hint box under the narration."""
        self.hint.show_hint(text)
        self._place()

    def fit(self, height: int) -> None:
        """The page has ``height`` px: the device and the words keep within it."""
        self._room = height
        self._place()

    def _place(self) -> None:
        """The device within the room and the words beside it, trying in turn: おしえて
        and the counter beside the device; under it (the device gives way in height);
        a shop machine at its standard width instead of its share of the page; last,
        while a hint shows, the step's title gives way to it (the counter stays)."""
        view, room = self.view, self._room
        if view is None:
            return
        device = view.mock_screen.device
        width = device_width(device, self._page_width())
        tries = [(width, True, True), (width, False, True)]
        if width > DEVICE_WIDTH[device]:
            width = DEVICE_WIDTH[device]
            tries.append((width, False, True))
        if not self.hint.isHidden():
            tries.append((width, False, False))
        for width, beside, titled in tries:
            self.title.setVisible(titled)
            if width != view.device_width:
                view.set_device_width(width)
            if beside:
                self._move_button_row(self.side, self.side.count() - 1)
                view.fit(room)
            else:
                self._move_button_row(self.device_column, 1)
                row = self.button_row.sizeHint().height() + self.device_column.spacing()
                view.fit(None if room is None else room - row)
            if room is None or self._side_height() <= room:
                return

    def _move_button_row(self, layout: QVBoxLayout, index: int) -> None:
        if layout.indexOf(self.button_row) >= 0:
            return
        for other in (self.side, self.device_column):
            other.removeWidget(self.button_row)
        layout.insertWidget(index, self.button_row)

    def _side_height(self) -> int:
        """The height of the words beside the device column as it is now."""
        layout = self.layout()
        assert layout is not None
        assert self.view is not None
        remeasure(self.side)  # words set a moment ago, a hint just shown: measure anew
        column = self.view.device_width
        if self.device_column.indexOf(self.button_row) >= 0:
            remeasure(self._row)
            column = max(column, self.button_row.sizeHint().width())
        return self.side.heightForWidth(self._page_width() - column - layout.spacing())

    def _page_width(self) -> int:
        """The page's width: its screen's, also before this page was first laid out."""
        host = self.parentWidget()
        layout = host.layout() if host is not None else None
        if layout is not None and layout.contentsRect().width() > 0:
            return layout.contentsRect().width()
        return self.width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # A shop machine follows the page's width. Not from inside the resize: the
            # layouts that sent it are still at work, and placing changes them.
            QTimer.singleShot(0, self, self._place)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        start, self._pressed_at = self._pressed_at, None
        if start is None:
            return
        moved = event.position().toPoint() - start
        if moved.manhattanLength() <= TAP_SLOP_PX:
            self.missed.emit()
        event.accept()


class DonePage(QWidget):
    """できました, the QR code to the real service, what comes next, and いんさつ."""

    def __init__(
        self,
        procedure: Procedure,
        fill: Fill,
        theme: Theme,
        *,
        display: Display,
        on_print: Callable[[], None],
        on_again: Callable[[], None],
        on_other: Callable[[], None],
    ):
        super().__init__()
        spacing = theme.spacing_px
        self.title = RubyText(DONE_TITLE, role="title", center=True, display=display)
        self.finished = RubyText(
            f"「{fill(procedure.title)}」の れんしゅうが おわりました。",
            center=True,
            display=display,
        )
        # The QR code and what it opens, together: in sight as the page appears.
        qr_row = QWidget()
        row = QHBoxLayout(qr_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(spacing * 3)
        words = QVBoxLayout()
        words.setSpacing(spacing)
        self.qr: QrCodeView | None = None
        self.caption: RubyText
        self.url_label: RubyText | None = None
        if procedure.url:
            self.qr = QrCodeView(procedure.url)
            row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
            # Body size: under できました with the QR code, it fits one part at 特大 on a
            # 1366×768 panel together with the paging buttons.
            self.caption = RubyText(QR_CAPTION, display=display)
            words.addWidget(self.caption)
            label = fill(procedure.url_label or "")
            self.url_label = RubyText(f"{label}の ページです。" if label else "", display=display)
            words.addWidget(self.url_label)
        else:
            self.caption = RubyText(
                fill(procedure.how_to_find or ""), role="heading", display=display
            )
            words.addWidget(self.caption)
        words.addStretch(1)
        row.addLayout(words, 1)
        # いんさつ and what became of the print go to the bar under the page (the player
        # pins them); the other two ways on, one per row: side by side they would be
        # squeezed at large text sizes.
        self.print_button = big_button("いんさつ する", on_print, primary=True)
        self.print_result = RubyText("", display=display)
        self.print_result.setVisible(False)
        self.again_button = big_button("もういちど れんしゅう", on_again)
        self.other_button = big_button("ほかの てつづきを えらぶ", on_other)
        buttons = QWidget()
        column = QVBoxLayout(buttons)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(spacing * 2)
        column.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignLeft)

        # The QR code right under できました, so that it is in sight as the end appears.
        blocks: list[QWidget] = [self.title, qr_row, self.finished, buttons]
        self.after_heading: RubyText | None = None
        self.after: RubyText | None = None
        if procedure.afterwards:
            self.after_heading = RubyText(AFTER_HEADING, role="heading", display=display)
            self.after = RubyText(fill(procedure.afterwards), display=display)
            blocks += [self.after_heading, self.after]
        self.notes_heading = RubyText(NOTES_HEADING, role="heading", display=display)
        self.notes = [RubyText(f"・{fill(note)}", display=display) for note in procedure.notes]
        blocks += [self.notes_heading, *self.notes]
        self.pager = PagedColumn(
            blocks,
            spacing,
            keep_with_next=[w for w in (self.title, self.after_heading, self.notes_heading) if w],
            display=display,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pager)

    def parts(self, procedure: Procedure, speak: Fill) -> list[Line]:
        """What to read aloud, widget by widget."""
        parts: list[Line] = [
            Line(self.title, DONE_SPOKEN),
            Line(self.finished, f"「{speak(procedure.title)}」の れんしゅうが おわりました。"),
        ]
        if procedure.url:
            parts.append(Line(self.caption, QR_CAPTION))
        else:
            parts.append(Line(self.caption, speak(procedure.how_to_find or "")))
        if self.after is not None and self.after_heading is not None and procedure.afterwards:
            parts.append(Line(self.after_heading, AFTER_SPOKEN))
            parts.append(Line(self.after, speak(procedure.afterwards)))
        parts.append(Line(self.notes_heading, NOTES_HEADING + "。"))
        parts.extend(
            Line(widget, speak(note))
            for widget, note in zip(self.notes, procedure.notes, strict=True)
        )
        return on_screen(parts, self.pager)

    def show_print_result(self, learner_text: str) -> None:
        """Tell the learner what happened to the print (staff find a saved file in 今日)."""
        self.print_result.set_text(learner_text)
        self.print_result.setVisible(True)
