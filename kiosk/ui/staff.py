"""The staff PIN pad (check, set, change); the console behind it is ``kiosk.ui.staff_console``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy

from kiosk.core.pin import DEMO_PIN, MAX_TRIES, StaffPin, is_valid_pin_format
from kiosk.ui.screen import Navigator, Screen
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.theme import set_text_role
from kiosk.ui.widgets import big_button, body_text, heading, page_layout

DAMAGED_PIN_MESSAGE = (
    "暗証番号の ファイルが こわれています。この パソコンの 管理者が "
    "「kiosk pin reset」で 暗証番号を 決めなおしてください。"
)


def wait_text(seconds: int) -> str:
    """「45 びょう」 under two minutes, else whole minutes rounded up (「60分」 at the cap)."""
    if seconds < 120:
        return f"{seconds} びょう"
    return f"{-(-seconds // 60)}分"


class PinPadScreen(Screen):
    """A big numeric keypad. ``mode`` is "check" (enter staff area) or "set" (new PIN twice)."""

    screen_name = "staff-pin"
    accepted = Signal()

    def __init__(
        self,
        services: Services,
        nav: Navigator,
        sessions: Sessions,
        staff_pin: StaffPin,
        mode: str = "check",
        on_accepted: Callable[[], None] | None = None,
        *,
        title: str = "",
    ) -> None:
        super().__init__(services, nav, sessions)
        if mode not in ("check", "set"):
            raise ValueError(mode)
        self.staff_pin = staff_pin
        self.mode = mode
        self._entered = ""
        self._first_entry = ""
        if on_accepted is not None:
            self.accepted.connect(on_accepted)

        spacing = services.theme.spacing_px
        layout = page_layout(self, spacing)
        layout.setSpacing(spacing)
        title = title or (
            "職員用の 暗証番号を 入れてください"
            if mode == "check"
            else "新しい 暗証番号を 決めてください"
        )
        layout.addWidget(heading(title))
        self.dots = QLabel("")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_text_role(self.dots, "heading")
        self.dots.setAccessibleName("入力した 数字の 数")
        layout.addWidget(self.dots)
        self.message = body_text("")
        layout.addWidget(self.message)

        grid = QGridLayout()
        grid.setSpacing(spacing)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "けす", "0", "けってい"]
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            button = big_button(key, primary=(key == "けってい"))
            button.setMinimumWidth(services.theme.target_px * 2)
            button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, k=key: self._press(k))
            self.keys[key] = button
            grid.addWidget(button, i // 3, i % 3)
        row_holder = QGridLayout()
        row_holder.addLayout(grid, 0, 1)
        row_holder.setColumnStretch(0, 1)
        row_holder.setColumnStretch(2, 1)
        layout.addLayout(row_holder)
        layout.addStretch(1)

        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self._show_intro()
        self._refresh_lock()

    def _show_intro(self) -> None:
        if self.mode == "check" and self.staff_pin.is_damaged():
            self.message.setText(DAMAGED_PIN_MESSAGE)
        elif self.mode == "set":
            self.message.setText("4〜8けたの 数字を 入れて、「けってい」を おしてください。")
        elif self.services.demo:
            self.message.setText(f"デモ用の 暗証番号は {DEMO_PIN} です。")
        else:
            self.message.setText("4〜8けたの 数字です。")

    def _press(self, key: str) -> None:
        if key == "けす":
            self._entered = ""
        elif key == "けってい":
            self._submit()
            return
        elif len(self._entered) < 8:
            self._entered += key
        self.dots.setText("●" * len(self._entered))

    def enter(self, digits: str) -> None:
        """Type ``digits`` and press けってい (used by keyboards and tests)."""
        self._entered = ""
        for digit in digits:
            self._press(digit)
        self._press("けってい")

    def _submit(self) -> None:
        entered, self._entered = self._entered, ""
        self.dots.setText("")
        if self.mode == "set":
            self._submit_new(entered)
            return
        result = self.staff_pin.check(entered)
        if result.accepted:
            self.accepted.emit()
        elif result.locked_seconds:
            self._refresh_lock()
        else:
            self.message.setText(
                f"暗証番号が ちがいます。あと {result.tries_left} かい 入れられます。"
            )

    def _submit_new(self, entered: str) -> None:
        if not is_valid_pin_format(entered):
            self.message.setText("4〜8けたの 数字に してください。")
            return
        if not self._first_entry:
            self._first_entry = entered
            self.message.setText("たしかめます。もう いちど 同じ 数字を 入れてください。")
            return
        if entered != self._first_entry:
            self._first_entry = ""
            self.message.setText("2回の 数字が ちがいました。はじめから 入れてください。")
            return
        self.staff_pin.set_pin(entered)
        self.message.setText("暗証番号を 決めました。")
        self.accepted.emit()

    def _refresh_lock(self) -> None:
        seconds = self.staff_pin.locked_seconds() if self.mode == "check" else 0
        damaged = self.mode == "check" and self.staff_pin.is_damaged()
        for button in self.keys.values():
            button.setEnabled(seconds == 0 and not damaged)
        if seconds:
            self.message.setText(
                f"まちがいが {MAX_TRIES}回 つづきました。あと {wait_text(seconds)} まってください。"
            )
            if not self._lock_timer.isActive():
                self._lock_timer.start()
        elif self._lock_timer.isActive():
            self._lock_timer.stop()
            self._show_intro()
