"""A whole mock screen: the device, its elements laid out from the step's spec, and the
pulsing rings on the targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QRectF, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import mock_elements as el
from kiosk.core.procedures import MockScreen
from kiosk.ui.display import Display
from kiosk.ui.procedures.mock.buttons import MockButton, MockCheckbox, MockInput
from kiosk.ui.procedures.mock.card import MockCard
from kiosk.ui.procedures.mock.device import (
    BEZEL,
    DEVICE_WIDTH,
    LANDSCAPE_PX,
    MACHINE_RATIO,
    PHONE_MIN_RATIO,
    paint_device,
)
from kiosk.ui.procedures.mock.highlight import Highlight
from kiosk.ui.procedures.mock.keys import PinPad, RemoteKey
from kiosk.ui.procedures.mock.static_parts import CameraFinder, Notice, Picture, TitleBar
from kiosk.ui.procedures.mock.style import MOCK_TEXT_RATIO, words
from kiosk.ui.widgets import remeasure

MIN_TEXT_SCALE = 0.6
"""The smallest the words on a mock screen are drawn to make it fit (標準's are 0.8)."""
FIT_STEP = 0.05


def _scales(wanted: float) -> list[float]:
    """The text scales to try, from ``wanted`` down to ``MIN_TEXT_SCALE``."""
    scales = [wanted]
    while scales[-1] - FIT_STEP >= MIN_TEXT_SCALE - 1e-9:
        scales.append(round(scales[-1] - FIT_STEP, 4))
    return scales


def _height(layout: QLayout, width: int) -> int:
    """The height ``layout`` needs at ``width``."""
    if layout.hasHeightForWidth():
        return layout.totalHeightForWidth(width)
    return layout.totalSizeHint().height()


class MockScreenView(QWidget):
    """A device showing one mock screen; taps on its elements come out as ``tapped(id)``.

    ``fill`` turns file text into display text (placeholders filled). Taps on words or
    empty parts of the screen are not accepted, so they reach the parent as mouse events.
    """

    tapped = Signal(str)
    pin_key = Signal(str, str)  # (pad id, key)

    def __init__(
        self,
        screen: MockScreen,
        *,
        display: Display,
        fill: Callable[[str], str],
        targets: Sequence[str] = (),
        target_px: int = 64,
        spacing_px: int = 12,
        text_scale: float = MOCK_TEXT_RATIO,
        width: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.mock_screen = screen
        # The width the owner gives the view: grids of tiles are fitted to it.
        self.device_width = width or DEVICE_WIDTH[screen.device]
        self.targets = tuple(targets)
        #: The words inside are drawn at ``text_scale``, with furigana as ``display``
        #: (the screen's) shows them.
        self.text_display = display.scaled(text_scale, self)
        self.element_widgets: dict[str, QWidget] = {}
        self.all_widgets: list[tuple[el.Element, QWidget]] = []
        self._target_px = target_px
        self._spacing = spacing_px
        self._grids: list[tuple[QGridLayout, list[MockButton], int]] = []
        #: The words' size as asked (``text_scale``); ``fit`` may draw them smaller.
        self.wanted_scale = text_scale
        self._room: int | None = None  # the height the device must keep within (``fit``)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

        left, top, right, bottom = BEZEL[screen.device]
        self._outer = outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(left, top, right, bottom)
        outer.setSpacing(0)
        self.display = QWidget()
        self.display.setObjectName("MockDisplay")
        outer.addWidget(self.display, 1)
        self._screen_column = column = QVBoxLayout(self.display)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if screen.bar:
            column.addWidget(TitleBar(fill(screen.bar), display=self.text_display))
        content = QVBoxLayout()
        content.setContentsMargins(spacing_px, spacing_px, spacing_px, spacing_px)
        content.setSpacing(spacing_px)
        column.addLayout(content)
        column.addStretch(1)
        # A landscape machine shows its number pad beside the words, as the real one does.
        beside: QVBoxLayout | None = None
        if self._pad_beside():
            row = QHBoxLayout()
            row.setSpacing(spacing_px * 2)
            words, beside = QVBoxLayout(), QVBoxLayout()
            words.setSpacing(spacing_px)
            row.addLayout(words, 1)
            row.addLayout(beside, 1)
            content.addLayout(row)
            content = words

        self.remote: QWidget | None = None
        keys = [e for e in screen.elements if isinstance(e, el.Key)]
        # Runs of app icons make a phone's home grid; runs of buttons on a shop machine
        # make a row of big tiles (menu rows become tiles).
        run: list[el.Button] = []
        for element in screen.elements:
            if isinstance(element, el.Key):
                continue
            group = self._group(element)
            if run and group != self._group(run[0]):
                content.addLayout(self._grid(run, fill))
                run = []
            if isinstance(element, el.Button) and group is not None:
                run.append(element)
            elif beside is not None and isinstance(element, el.PinPad):
                beside.addWidget(self._build(element, fill))
                beside.addStretch(1)
            else:
                content.addWidget(self._build(element, fill))
        if run:
            content.addLayout(self._grid(run, fill))
        if beside is not None:
            content.addStretch(1)
        self._set_display_height()
        if keys:
            outer.addSpacing(spacing_px * 2)
            self.remote = self._remote(keys, fill)
            outer.addWidget(self.remote)

        self._highlight = Highlight(self, self.target_rects)

    # Building -------------------------------------------------------------------------
    def _pad_beside(self) -> bool:
        """A machine wide enough for two columns puts its PIN pad beside the words."""
        return (
            self.mock_screen.device == "machine"
            and self.device_width >= LANDSCAPE_PX
            and any(isinstance(e, el.PinPad) for e in self.mock_screen.elements)
        )

    def _group(self, element: el.Element) -> str | None:
        """Which grid a button goes in with its neighbours: app icons, machine tiles, none."""
        if not isinstance(element, el.Button):
            return None
        if element.style == "app":
            return "app"
        return "tile" if self.mock_screen.device == "machine" else None

    def _set_display_height(self) -> None:
        """A phone stays taller than wide, a machine's screen is landscape and a TV's 16:9,
        whatever little they show; within the room ``fit`` gives, the screen's words first."""
        device = self.mock_screen.device
        left, _, right, _ = BEZEL[device]
        if device == "phone":
            tall = round(DEVICE_WIDTH["phone"] * PHONE_MIN_RATIO)
            self.setMinimumHeight(tall if self._room is None else min(tall, self._room))
            return
        # Never below the standard width's height, which the printed sheet is drawn at.
        width = max(self.device_width, DEVICE_WIDTH[device]) - left - right
        shape = round(width * (MACHINE_RATIO if device == "machine" else 9 / 16))
        self.display.setMinimumHeight(0)
        if self._room is not None:
            words_only = _height(self._screen_column, self.device_width - left - right)
            shape = min(shape, words_only + self._room - self.needed_height())
        self.display.setMinimumHeight(max(0, shape))

    def needed_height(self) -> int:
        """The height the device takes at its width, as laid out now."""
        layout = self.layout()
        assert layout is not None
        return max(_height(layout, self.device_width), self.minimumHeight())

    def _register(self, element: el.Element, widget: QWidget) -> QWidget:
        self.all_widgets.append((element, widget))
        if element.id:
            self.element_widgets[element.id] = widget
        if isinstance(widget, QAbstractButton):
            widget.clicked.connect(lambda _c=False, e=element.id: self.tapped.emit(e))
        return widget

    def _build(self, element: el.Element, fill: Callable[[str], str]) -> QWidget:
        px = self._target_px
        widget: QWidget
        match element:
            case el.Text(text=text):
                widget = words(fill(text), display=self.text_display)
            case el.Heading(text=text):
                widget = words(fill(text), role="heading", display=self.text_display)
            case el.Notice():
                widget = Notice(element, fill(element.text), display=self.text_display)
            case el.Image():
                widget = Picture(element)
            case el.Camera():
                widget = CameraFinder(element, fill(element.text), px, display=self.text_display)
            case el.Button():
                widget = MockButton(element, fill(element.text), px, display=self.text_display)
            case el.Input():
                widget = MockInput(
                    element, fill(element.text), fill(element.value), px, display=self.text_display
                )
            case el.Checkbox():
                widget = MockCheckbox(element, fill(element.text), px, display=self.text_display)
            case el.CardReader():
                widget = MockCard(element, fill(element.text), px, display=self.text_display)
            case el.PinPad():
                pad = PinPad(element, px, self._spacing)
                pad.key_pressed.connect(lambda key, e=element.id: self.pin_key.emit(e, key))
                widget = pad
            case _:  # keys go on the remote control, below the screen
                raise ValueError(f"no widget for a mock {element.type!r} on the screen")
        return self._register(element, widget)

    def _grid(self, run: list[el.Button], fill: Callable[[str], str]) -> QGridLayout:
        """App icons three to a row, like a phone's home screen, or a machine's buttons
        side by side, up to three to a row (fewer when their words need the width);
        columns are equal. A machine's menu rows are drawn as big tiles."""
        app = run[0].style == "app"
        buttons = [
            MockButton(
                element,
                fill(element.text),
                self._target_px,
                app_index=index,
                style="tile" if element.style == "list" and not app else None,
                display=self.text_display,
            )
            for index, element in enumerate(run)
        ]
        for element, button in zip(run, buttons, strict=True):
            self._register(element, button)
        grid = QGridLayout()
        grid.setSpacing(self._spacing)
        most = 3 if app else min(3, len(buttons))
        self._grids.append((grid, buttons, most))
        self._arrange(grid, buttons, most)
        return grid

    def _arrange(self, grid: QGridLayout, buttons: list[MockButton], most: int) -> None:
        left, _, right, _ = BEZEL[self.mock_screen.device]
        width = self.device_width - left - right - 2 * self._spacing
        # An app's name shrinks to fit its column; a machine's words stay on one line
        # (never cut inside a word), so its columns are as wide as the longest words.
        widest = max(
            button.minimumSizeHint().width()
            if button.style_name == "app"
            else button.sizeHint().width()
            for button in buttons
        )
        columns = max(1, min(most, (width + self._spacing) // (widest + self._spacing)))
        for button in buttons:
            grid.removeWidget(button)
        for column in range(most):
            grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, button in enumerate(buttons):
            grid.addWidget(button, index // columns, index % columns)

    def _remote(self, keys: list[el.Key], fill: Callable[[str], str]) -> QWidget:
        remote = QWidget()
        remote.setObjectName("MockRemote")
        grid = QGridLayout(remote)
        grid.setContentsMargins(
            self._spacing * 2, self._spacing * 2, self._spacing * 2, self._spacing * 2
        )
        grid.setSpacing(self._spacing)
        columns = 3
        for index, element in enumerate(keys):
            key = RemoteKey(element, fill(element.text), self._target_px, display=self.text_display)
            grid.addWidget(self._register(element, key), index // columns, index % columns)
        return remote

    # Display --------------------------------------------------------------------------
    def set_device_width(self, width: int) -> None:
        """Make the device ``width`` px wide (a machine follows the page's width)."""
        self.device_width = width
        self.setFixedWidth(width)
        self._fit()

    def set_text_scale(self, scale: float) -> None:
        """Follow the learner's text size (``scale`` already includes ``MOCK_TEXT_RATIO``)."""
        self.wanted_scale = scale
        self._fit()

    def fit(self, room: int | None) -> None:
        """Keep the whole device within ``room`` px of height (None: no limit).

        A page never scrolls, so when the device would be taller, its shape gives first
        (a phone less tall, a landscape screen less deep), then its words are drawn
        smaller, step by step down to ``MIN_TEXT_SCALE``. Touch targets keep their size.
        """
        self._room = room
        self._fit()

    def _fit(self) -> None:
        scales = _scales(self.wanted_scale)
        if self._fits_at(scales[0]) or not self._fits_at(scales[-1]):
            return  # as asked, or as small as the words go (the page then scrolls)
        # Heights grow with the words: halve the range between a size that is too big
        # and one that fits.
        too_big, fits = 0, len(scales) - 1
        while fits - too_big > 1:
            middle = (too_big + fits) // 2
            if self._fits_at(scales[middle]):
                fits = middle
            else:
                too_big = middle
        self._fits_at(scales[fits])

    def _fits_at(self, scale: float) -> bool:
        """Draw the words at ``scale``; True if the device then keeps within the room."""
        self.text_display.set_scale(scale)
        remeasure(self._outer)  # words changed before the view is shown: measure anew
        for grid, buttons, most in self._grids:
            self._arrange(grid, buttons, most)
        self._set_display_height()
        return self._room is None or self.needed_height() <= self._room

    def pin_pad(self, element_id: str) -> PinPad | None:
        """The PIN pad with this id, if the screen has one."""
        widget = self.element_widgets.get(element_id)
        return widget if isinstance(widget, PinPad) else None

    def target_rects(self) -> list[QRectF]:
        """Where the targets are, in this view's coordinates."""
        rects: list[QRectF] = []
        for target in self.targets:
            widget = self.element_widgets.get(target)
            if widget is None or not widget.isVisibleTo(self):
                continue
            top_left = widget.mapTo(self, widget.rect().topLeft())
            rects.append(QRectF(QRect(top_left, widget.size())))
        return rects

    @property
    def pulse(self) -> float:
        """How far the rings have grown, 0..1."""
        return self._highlight.pulse

    def start_pulse(self) -> None:
        """Make the targets pulse until ``stop_pulse``."""
        if self.targets:
            self._highlight.start()

    def stop_pulse(self) -> None:
        """Stop pulsing (the rings stay, half-grown)."""
        self._highlight.stop()

    def is_pulsing(self) -> bool:
        return self._highlight.is_running()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._highlight.setGeometry(self.rect())
        self._highlight.raise_()

    def display_rect(self) -> QRectF:
        return QRectF(self.display.geometry())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        remote = QRectF(self.remote.geometry()) if self.remote is not None else None
        paint_device(
            painter, self.mock_screen.device, QRectF(self.rect()), self.display_rect(), remote
        )
        painter.end()
