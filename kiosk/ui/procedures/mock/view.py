"""A whole mock screen: the device, its elements laid out from the step's spec, and the
pulsing rings on the targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QRectF, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import mock_elements as el
from kiosk.core.procedures import MockScreen
from kiosk.ui.procedures.mock.buttons import MockButton, MockCheckbox, MockInput
from kiosk.ui.procedures.mock.card import MockCard
from kiosk.ui.procedures.mock.device import (
    BEZEL,
    DEVICE_WIDTH,
    MACHINE_RATIO,
    PHONE_MIN_RATIO,
    paint_device,
)
from kiosk.ui.procedures.mock.highlight import Highlight
from kiosk.ui.procedures.mock.keys import PinPad, RemoteKey
from kiosk.ui.procedures.mock.static_parts import CameraFinder, Notice, Picture, TitleBar
from kiosk.ui.procedures.mock.style import MOCK_TEXT_RATIO, words
from kiosk.ui.ruby_text import apply_scale, prepare_texts


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
        self.kiosk_scale = text_scale  # read by the RubyText widgets inside
        self.element_widgets: dict[str, QWidget] = {}
        self.all_widgets: list[tuple[el.Element, QWidget]] = []
        self._target_px = target_px
        self._spacing = spacing_px
        self._grids: list[tuple[QGridLayout, list[MockButton], int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

        left, top, right, bottom = BEZEL[screen.device]
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(left, top, right, bottom)
        outer.setSpacing(0)
        self.display = QWidget()
        self.display.setObjectName("MockDisplay")
        outer.addWidget(self.display, 1)
        column = QVBoxLayout(self.display)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if screen.bar:
            column.addWidget(TitleBar(fill(screen.bar)))
        content = QVBoxLayout()
        content.setContentsMargins(spacing_px, spacing_px, spacing_px, spacing_px)
        content.setSpacing(spacing_px)
        column.addLayout(content)
        column.addStretch(1)

        self.remote: QWidget | None = None
        keys = [e for e in screen.elements if isinstance(e, el.Key)]
        # Runs of app icons make a phone's home grid; runs of menu rows on a shop machine
        # make its grid of big tiles.
        grouped = {"app", "list"} if screen.device == "machine" else {"app"}
        run: list[el.Button] = []
        for element in screen.elements:
            if isinstance(element, el.Key):
                continue
            style = element.style if isinstance(element, el.Button) else None
            if run and style != run[0].style:
                content.addLayout(self._grid(run, fill))
                run = []
            if isinstance(element, el.Button) and style in grouped:
                run.append(element)
            else:
                content.addWidget(self._build(element, fill))
        if run:
            content.addLayout(self._grid(run, fill))
        if screen.device == "phone":
            # However little it shows, a phone stays taller than wide.
            self.setMinimumHeight(round(DEVICE_WIDTH["phone"] * PHONE_MIN_RATIO))
        if screen.device == "machine":
            self.display.setMinimumHeight(
                round((DEVICE_WIDTH["machine"] - left - right) * MACHINE_RATIO)
            )
        if screen.device == "tv":
            # A TV picture is wide: at least 16:9 whatever little it shows.
            self.display.setMinimumHeight(round((DEVICE_WIDTH["tv"] - left - right) * 9 / 16))
        if keys:
            outer.addSpacing(spacing_px * 2)
            self.remote = self._remote(keys, fill)
            outer.addWidget(self.remote)

        self._highlight = Highlight(self, self.target_rects)

    # Building -------------------------------------------------------------------------
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
                widget = words(fill(text))
            case el.Heading(text=text):
                widget = words(fill(text), role="heading")
            case el.Notice():
                widget = Notice(element, fill(element.text))
            case el.Image():
                widget = Picture(element)
            case el.Camera():
                widget = CameraFinder(element, fill(element.text), px)
            case el.Button():
                widget = MockButton(element, fill(element.text), px)
            case el.Input():
                widget = MockInput(element, fill(element.text), fill(element.value), px)
            case el.Checkbox():
                widget = MockCheckbox(element, fill(element.text), px)
            case el.CardReader():
                widget = MockCard(element, fill(element.text), px)
            case el.PinPad():
                pad = PinPad(element, px, self._spacing)
                pad.key_pressed.connect(lambda key, e=element.id: self.pin_key.emit(e, key))
                widget = pad
            case _:  # keys go on the remote control, below the screen
                raise ValueError(f"no widget for a mock {element.type!r} on the screen")
        return self._register(element, widget)

    def _grid(self, run: list[el.Button], fill: Callable[[str], str]) -> QGridLayout:
        """App icons three to a row, like a phone's home screen, or a machine's menu tiles
        two to a row (one when their words need the width); columns are equal."""
        app = run[0].style == "app"
        buttons = [
            MockButton(
                element,
                fill(element.text),
                self._target_px,
                app_index=index,
                style=None if app else "tile",
            )
            for index, element in enumerate(run)
        ]
        for element, button in zip(run, buttons, strict=True):
            self._register(element, button)
            prepare_texts(button, self.kiosk_scale, None)  # measured before it is shown
        grid = QGridLayout()
        grid.setSpacing(self._spacing)
        self._grids.append((grid, buttons, 3 if app else 2))
        self._arrange(grid, buttons, 3 if app else 2)
        return grid

    def _arrange(self, grid: QGridLayout, buttons: list[MockButton], most: int) -> None:
        left, _, right, _ = BEZEL[self.mock_screen.device]
        width = self.device_width - left - right - 2 * self._spacing
        widest = max(button.minimumSizeHint().width() for button in buttons)
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
            key = RemoteKey(element, fill(element.text), self._target_px)
            grid.addWidget(self._register(element, key), index // columns, index % columns)
        return remote

    # Display --------------------------------------------------------------------------
    def set_text_scale(self, scale: float) -> None:
        """Follow the learner's text size (``scale`` already includes ``MOCK_TEXT_RATIO``)."""
        apply_scale(self, scale)
        for grid, buttons, most in self._grids:
            self._arrange(grid, buttons, most)

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
