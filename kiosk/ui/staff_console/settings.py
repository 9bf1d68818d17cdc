"""設定: the configuration file as a form, checked like the file, saved atomically; PIN change."""

from __future__ import annotations

import logging
import math
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPlainTextEdit

from kiosk.core.config import (
    KNOWN_KEYS,
    MAX_IDLE_SECONDS,
    MIN_IDLE_SECONDS,
    SPEECH_RATES,
    TEXT_SIZES,
    Config,
    ConfigError,
    config_from_mapping,
    load_config,
    save_config,
)
from kiosk.ui.owned import follow
from kiosk.ui.printing import installed_printers
from kiosk.ui.screen import AppContext
from kiosk.ui.staff import PinPadScreen
from kiosk.ui.staff_console.about import TITLE, AboutScreen
from kiosk.ui.staff_console.parts import (
    Stepper,
    breakable,
    choice_buttons,
    flow_row,
    left_text,
    sub_heading,
)
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.theme import FONT_FAMILY
from kiosk.ui.widgets import big_button

log = logging.getLogger(__name__)

SAMPLE_SENTENCE = (
    "この {速|はや}さで {読|よ}み{上|あ}げます。"
    "{市民|しみん}センターの デジタル{相談|そうだん}コーナーへ ようこそ。"
)
RESTART_NOTICE = "再起動すると反映されます"
NO_PRINTER = "なし（PDF を 保存します）"
IDLE_STEP_SECONDS = 60

# What each setting is called on screen, and its rule in plain words (the same rules
# ``config_from_mapping`` applies to the file).
FIELD_NAMES = {
    "municipality": "市区町村",
    "centre_name": "センターの 名前",
    "municipality_reading": "市区町村の 読みかた",
    "centre_name_reading": "センターの 名前の 読みかた",
    "area_readings": "地域の 読みかた（area_readings）",
    "centre_code": "センターの 記号",
    "kiosk_id": "端末の 番号",
    "areas": "地域",
    "idle_timeout_seconds": "最初の 画面に もどるまでの 時間",
    "csv_folder": "CSV の 保存先",
    "text_size": "文字の 大きさ",
    "speech_enabled": "読み上げ",
    "speech_rate": "読み上げの 速さ",
    "printer": "プリンター",
    "record_names": "名前の 記録",
    "retention_months": "保存期間",
    "service_urls": "市の ページ（service_urls）",
}
FIELD_RULES = {
    "municipality": "空には できません。",
    "centre_name": "空には できません。",
    "municipality_reading": "ひらがな か カタカナで 書くか、空に してください。",
    "centre_name_reading": "ひらがな か カタカナで 書くか、空に してください。",
    "area_readings": "設定ファイルに 地域の 名前と 読みかた（かな）を 書いてください。",
    "centre_code": "半角の 英字・数字・「-」「_」だけで 1〜32文字に してください（例: KOKURA01）。",
    "kiosk_id": "半角の 英字・数字・「-」「_」だけで 1〜32文字に してください（例: K1）。",
    "areas": (
        "1行に 1つずつ 書いてください。1つは 必要です。同じ 名前は 2回 書けません。"
        "「= + - @ '」で 始めないで ください。"
    ),
    "idle_timeout_seconds": f"{MIN_IDLE_SECONDS}〜{MAX_IDLE_SECONDS}秒に してください。",
    "csv_folder": "フォルダの 場所を 書くか、空に してください。",
    "text_size": "標準・大・特大 の どれかです。",
    "speech_enabled": "オン か オフ です。",
    "speech_rate": "ゆっくり・ふつう・はやい の どれかです。",
    "printer": "プリンターの 名前か「なし」です。",
    "record_names": "オン か オフ です。",
    "retention_months": "1〜120か月に してください。",
    "service_urls": "設定ファイルで、手続きの id と https:// で 始まる アドレスを 書いてください。",
}


def plain_problems(problems: list[str]) -> list[str]:
    """``config_from_mapping``'s problems (English, for the file) as plain Japanese for staff."""
    out = []
    for problem in problems:
        key = next((k for k in KNOWN_KEYS if f"'{k}'" in problem), None)
        if key is None:
            out.append(problem)
        else:
            out.append(f"「{FIELD_NAMES[key]}」: {FIELD_RULES[key]}")
    return out


def saved_settings(running: Config, path: Path) -> tuple[Config, str]:
    """What the settings file holds now (saved earlier, or edited by hand), and any problem.

    The kiosk keeps running with the values it started with; the form starts from
    the file so that saving never brings back values an earlier save replaced.
    """
    if not path.exists():
        return running, ""
    try:
        return load_config(path), ""
    except ConfigError as exc:
        lines = "\n".join(f"・{p}" for p in plain_problems(exc.problems))
        return running, (
            f"設定ファイルに 問題が あるので、いま 動いている 設定を 表示しています:\n{lines}"
        )


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


class SettingsTab(ConsoleTab):
    """Every setting of ``kiosk.toml`` that staff change, with the PIN change below."""

    key = "settings"
    label = "設定"
    title = "設定"

    def __init__(self, ctx: AppContext, services: StaffServices) -> None:
        super().__init__(ctx, services)
        spacing = self.spacing
        self.saved, file_problem = saved_settings(ctx.config, services.config_path)
        config = self.saved
        self.body.addWidget(
            left_text(
                f"設定ファイル: {breakable(services.config_path)}\n"
                f"保存した 設定は、{RESTART_NOTICE}"
                "（文字の 大きさと 読み上げの 速さは すぐに 変わります）。"
            )
        )

        if file_problem:
            self.body.addWidget(left_text(file_problem, role="note"))
        # Saving sits at the top of the long form, with its answer: no 2,000 px to scroll.
        self.save_button = big_button("設定を 保存する", self.save, primary=True)
        self.body.addWidget(flow_row(spacing, self.save_button))
        self.message = left_text(role="note")
        self.message.hide()
        self.body.addWidget(self.message)
        self.body.addWidget(sub_heading("センターと 端末"))
        self.municipality = self._field("市区町村", config.municipality)
        self.municipality_reading = self._field(
            "市区町村の 読みかた（ひらがな。読み上げに 使います）", config.municipality_reading
        )
        self.centre_name = self._field("センターの 名前", config.centre_name)
        self.centre_name_reading = self._field(
            "センターの 名前の 読みかた（ひらがな・カタカナ）", config.centre_name_reading
        )
        self.centre_code = self._field(
            "センターの 記号（CSV の ファイル名に 使います。半角 英数字）", config.centre_code
        )
        self.kiosk_id = self._field("端末の 番号（半角 英数字。例: K1）", config.kiosk_id)
        self.body.addWidget(left_text("地域（受付で えらぶ 地域。1行に 1つ）"))
        self.areas = QPlainTextEdit("\n".join(config.areas))
        self.areas.setAccessibleName("地域")
        self.areas.setTabChangesFocus(True)
        self.areas.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.areas.textChanged.connect(self._fit_areas)
        ctx.theme.changed.connect(self._fit_areas)
        self.body.addWidget(self.areas)

        self.body.addWidget(sub_heading("画面と 声"))
        self.body.addWidget(left_text("だれも さわらない とき、最初の 画面に もどるまでの 時間"))
        self.idle = Stepper(
            config.idle_timeout_seconds,
            MIN_IDLE_SECONDS,
            MAX_IDLE_SECONDS,
            IDLE_STEP_SECONDS,
            describe_idle,
            spacing=spacing,
            name="もどるまでの 時間",
        )
        self.body.addWidget(self.idle)
        self.body.addWidget(left_text("はじめの 文字の 大きさ"))
        self.text_size = config.text_size
        sizes, self.size_buttons = choice_buttons(TEXT_SIZES, spacing, self._choose_size)
        self.size_buttons[self.text_size].setChecked(True)
        self.body.addWidget(sizes)
        self.body.addWidget(left_text("読み上げの 速さ"))
        self.speech_rate = config.speech_rate
        rates, self.rate_buttons = choice_buttons(SPEECH_RATES, spacing, self._choose_rate)
        self.rate_buttons[self.speech_rate].setChecked(True)
        self.body.addWidget(rates)
        self.try_button = big_button("ためしに 聞く", self.try_speech)
        self.voice_label = left_text()
        self.body.addWidget(flow_row(spacing, self.try_button, self.voice_label))
        self._show_voice()
        follow(ctx.speaker.availability_changed, self, lambda _ok: self._show_voice())
        # The recorded voice's licence (CC BY 3.0) asks for a credit: it is on this page.
        self.about_button = big_button(TITLE, lambda: ctx.nav.open(AboutScreen(ctx)))
        self.body.addWidget(self.about_button)

        self.body.addWidget(sub_heading("CSV と 印刷"))
        self.body.addWidget(left_text("出席 CSV の 保存先（空のときは データフォルダの export）"))
        self.csv_folder = QLineEdit(config.csv_folder)
        self.csv_folder.setAccessibleName("CSV の 保存先")
        self.csv_folder.setMinimumHeight(ctx.theme.target_px)
        self.body.addWidget(self.csv_folder)
        self.folder_button = big_button("フォルダを えらぶ", self.choose_csv_folder)
        self.default_folder_button = big_button("もとに もどす", self.csv_folder.clear)
        self.body.addWidget(flow_row(spacing, self.folder_button, self.default_folder_button))
        self.body.addWidget(left_text("プリンター（カードと 手続きの 紙）"))
        # Big choice buttons rather than a drop-down list: a centre has one or two printers.
        self.printer = config.printer
        labels = printer_choices(config.printer, installed_printers())
        printers, self.printer_buttons = choice_buttons(
            list(labels), spacing, lambda label: self._choose_printer(labels[label])
        )
        current = next(label for label, name in labels.items() if name == config.printer)
        self.printer_buttons[current].setChecked(True)
        self.body.addWidget(printers)

        self.body.addWidget(sub_heading("職員の 暗証番号"))
        self.change_pin_button = big_button("暗証番号を かえる", self.change_pin)
        self.body.addWidget(flow_row(spacing, self.change_pin_button))
        self.pin_message = left_text()
        self.pin_message.hide()
        self.body.addWidget(self.pin_message)
        self._fit_areas()

    def _field(self, label: str, value: str) -> QLineEdit:
        self.body.addWidget(left_text(label))
        edit = QLineEdit(value)
        edit.setAccessibleName(label)
        edit.setMinimumHeight(self.ctx.theme.target_px)
        self.body.addWidget(edit)
        return edit

    def _fit_areas(self, *_args: object) -> None:
        # Tall enough for every line: the page scrolls, the box never does. The font is
        # the theme's (the style sheet's size is not applied yet while building).
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(self.ctx.theme.body_pt())
        lines = max(3, self.areas.document().blockCount() + 1)
        height = QFontMetricsF(font).lineSpacing() * lines
        self.areas.setFixedHeight(math.ceil(height) + 2 * self.areas.frameWidth() + 16)

    def _choose_printer(self, name: str) -> None:
        self.printer = name

    # Choices ---------------------------------------------------------------
    def _choose_size(self, size: str) -> None:
        self.text_size = size

    def _choose_rate(self, rate: str) -> None:
        self.speech_rate = rate

    def try_speech(self) -> None:
        """Read a sample sentence at the chosen speed (kept only if the settings are saved)."""
        speaker = self.ctx.speaker
        speaker.set_rate(self.speech_rate)
        speaker.say(SAMPLE_SENTENCE)
        if not speaker.is_available():
            self.voice_label.setText(self.voice_label.text() + "\nいまは 声が 出せません。")

    def leave(self) -> None:
        """Staff left the console: an unsaved trial speed goes back to the saved one."""
        self.ctx.speaker.set_rate(self.saved.speech_rate)

    def _show_voice(self) -> None:
        speaker = self.ctx.speaker
        state = "" if speaker.is_available() else "（いまは 声が 出ません）"
        self.voice_label.setText(f"使っている 声: {speaker.describe()}{state}")

    def choose_csv_folder(self) -> None:
        """Pick the CSV folder with the system's folder dialog."""
        start = self.csv_folder.text() or str(self.ctx.data_dir)
        folder = QFileDialog.getExistingDirectory(
            self, "出席 CSV の 保存先を えらんでください", start
        )
        if folder:
            self.csv_folder.setText(str(Path(folder)))

    # Saving ----------------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        """Every setting: the form's values over the saved ones (for ``config_from_mapping``)."""
        values: dict[str, Any] = {
            f.name: getattr(self.saved, f.name) for f in fields(Config) if f.name != "source"
        }
        values["areas"] = list(values["areas"])
        values["service_urls"] = dict(values["service_urls"])  # kept as saved (file only)
        values["area_readings"] = dict(values["area_readings"])
        values.update(
            municipality=self.municipality.text(),
            municipality_reading=self.municipality_reading.text(),
            centre_name=self.centre_name.text(),
            centre_name_reading=self.centre_name_reading.text(),
            centre_code=self.centre_code.text().strip(),
            kiosk_id=self.kiosk_id.text().strip(),
            areas=[line.strip() for line in self.areas.toPlainText().splitlines() if line.strip()],
            idle_timeout_seconds=self.idle.value(),
            csv_folder=self.csv_folder.text(),
            text_size=self.text_size,
            speech_rate=self.speech_rate,
            printer=self.printer,
        )
        return values

    def save(self) -> bool:
        """Check the form like the file is checked, then write the file atomically."""
        path = self.services.config_path
        try:
            config = config_from_mapping(self.form_values(), str(path))
            save_config(config, path)
        except ConfigError as exc:
            lines = plain_problems(exc.problems)
            self._say(
                "保存できませんでした。直してください:\n" + "\n".join(f"・{p}" for p in lines)
            )
            return False
        except OSError as exc:
            log.exception("settings could not be saved to %s", path)
            self._say(f"設定ファイルに 書きこめませんでした（{exc.strerror or exc}）。\n{path}")
            return False
        log.info("settings saved to %s", path)
        self.saved = config
        # Speed and text size are safe to change at once; the rest is read at start-up.
        self.ctx.speaker.set_rate(config.speech_rate)
        sessions = self.ctx.sessions
        sessions.defaults = replace(sessions.defaults, text_size=config.text_size)
        sessions.current.set_text_size(config.text_size)
        lines = [
            f"保存しました。{RESTART_NOTICE}。",
            "文字の 大きさと 読み上げの 速さは もう 変わりました。",
        ]
        folder = config.csv_folder_path(self.ctx.data_dir)
        if config.csv_folder and not folder.is_dir():
            lines.append(
                f"注意: CSV の 保存先 {folder} が いま 見つかりません。"
                "USBメモリや ネットワークの つながりを たしかめてください。"
            )
        self._say("\n".join(lines))
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # PIN -------------------------------------------------------------------
    def change_pin(self) -> None:
        """Choose a new staff PIN on the big keypad (typed twice)."""
        ctx = self.ctx

        def changed() -> None:
            ctx.nav.back()
            self.pin_message.setText("暗証番号を かえました。")
            self.pin_message.show()

        ctx.nav.open(PinPadScreen(ctx, self.services.staff_pin, mode="set", on_accepted=changed))
