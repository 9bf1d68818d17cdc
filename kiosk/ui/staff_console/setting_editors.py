"""The 設定 form's editors: one per kind of setting declared in ``kiosk.core.config``.

``setting_editor`` builds the editor a setting's ``Form`` asks for; each editor's
``value()`` gives the setting as the file holds it, for ``config_from_mapping``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.core.setting import Setting
from kiosk.ui.printing import installed_printers
from kiosk.ui.staff_console.parts import Stepper, choice_buttons, flow_row
from kiosk.ui.theme import FONT_FAMILY, Theme
from kiosk.ui.widgets import big_button

NO_PRINTER = "なし（PDF を 保存します）"
IDLE_STEP_SECONDS = 60


class TextField(QLineEdit):
    """One line of text; its accessible name is its label."""

    def __init__(self, label: str, value: str, theme: Theme) -> None:
        super().__init__(value)
        self.setAccessibleName(label)
        self.setMinimumHeight(theme.target_px)

    def value(self) -> str:
        return self.text().strip()


class LinesField(QPlainTextEdit):
    """One name a line, always tall enough for every line: the page scrolls, the box never."""

    def __init__(self, name: str, lines: list[str], theme: Theme) -> None:
        super().__init__("\n".join(lines))
        self.theme = theme
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self.fit)
        theme.changed.connect(self.fit)
        self.fit()

    def fit(self, *_args: object) -> None:
        # The font is the theme's (the style sheet's size is not applied yet while building).
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(self.theme.body_pt())
        lines = max(3, self.document().blockCount() + 1)
        height = QFontMetricsF(font).lineSpacing() * lines
        self.setFixedHeight(math.ceil(height) + 2 * self.frameWidth() + 16)

    def value(self) -> list[str]:
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]


class ChoiceField(QWidget):
    """Big choice buttons, exactly one chosen; ``choices`` maps each label to its value."""

    def __init__(self, choices: dict[str, str], current: str, spacing: int) -> None:
        super().__init__()
        self.choices = choices
        self._value = current
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row, self.buttons = choice_buttons(list(choices), spacing, self._choose)
        layout.addWidget(row)
        chosen = next(label for label, value in choices.items() if value == current)
        self.buttons[chosen].setChecked(True)

    def _choose(self, label: str) -> None:
        self._value = self.choices[label]

    def value(self) -> str:
        return self._value


class FolderField(QWidget):
    """A folder path, typed or picked with the system's folder dialog, or blank for the default."""

    def __init__(self, name: str, value: str, theme: Theme, start: Path) -> None:
        super().__init__()
        self.name = name
        self.start = start
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.spacing_px * 2)
        self.edit = TextField(name, value, theme)
        layout.addWidget(self.edit)
        self.choose_button = big_button("フォルダを えらぶ", self.choose)
        self.default_button = big_button("もとに もどす", self.edit.clear)
        layout.addWidget(flow_row(theme.spacing_px, self.choose_button, self.default_button))

    def choose(self) -> None:
        """Pick the folder with the system's folder dialog."""
        start = self.edit.text() or str(self.start)
        folder = QFileDialog.getExistingDirectory(self, f"{self.name}を えらんでください", start)
        if folder:
            self.edit.setText(str(Path(folder)))

    def value(self) -> str:
        return self.edit.value()


def printer_choices(current: str, installed: list[str]) -> dict[str, str]:
    """Button label → printer name ("" for none); a configured printer now missing is kept."""
    choices = {NO_PRINTER: ""}
    choices.update((name, name) for name in installed)
    if current and current not in installed:
        choices[f"{current}（いまは 見つかりません）"] = current
    return choices


def describe_idle(seconds: int) -> str:
    """300 → "5分", 330 → "5分30秒"."""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}分{rest}秒" if rest else f"{minutes}分"


Editor = TextField | LinesField | Stepper | ChoiceField | FolderField
"""A widget that edits one setting; ``value()`` gives it as the file holds it."""


def setting_editor(setting: Setting, value: Any, theme: Theme, data_dir: Path) -> Editor:
    """The editor ``setting.form`` asks for, showing ``value`` (as the file holds it)."""
    assert setting.form is not None
    kind, spacing = setting.form.kind, theme.spacing_px
    if kind == "lines":
        return LinesField(setting.name, value, theme)
    if kind == "seconds":
        low, high = setting.bounds
        return Stepper(
            value, low, high, IDLE_STEP_SECONDS, describe_idle, spacing=spacing, name=setting.name
        )
    if kind == "choice":
        return ChoiceField({option: option for option in setting.options}, value, spacing)
    if kind == "printer":
        return ChoiceField(printer_choices(value, installed_printers()), value, spacing)
    if kind == "folder":
        return FolderField(setting.name, value, theme, data_dir)
    return TextField(setting.form.label, value, theme)
