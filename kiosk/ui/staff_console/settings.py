"""設定: the configuration file as a form, checked like the file, saved atomically; PIN change."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.core.config import (
    SETTINGS,
    Config,
    ConfigError,
    config_from_mapping,
    load_config,
    plain_problems,
    save_config,
)
from kiosk.ui.owned import follow
from kiosk.ui.screen import Navigator
from kiosk.ui.services import Services
from kiosk.ui.session import Sessions
from kiosk.ui.staff import PinPadScreen
from kiosk.ui.staff_console.about import TITLE, AboutScreen
from kiosk.ui.staff_console.parts import breakable, flow_row, left_text, sub_heading
from kiosk.ui.staff_console.services import StaffServices
from kiosk.ui.staff_console.setting_editors import Editor, setting_editor
from kiosk.ui.staff_console.tab import ConsoleTab
from kiosk.ui.widgets import big_button

log = logging.getLogger(__name__)

SAMPLE_SENTENCE = (
    "この {速|はや}さで {読|よ}み{上|あ}げます。"
    "{市民|しみん}センターの デジタル{相談|そうだん}コーナーへ ようこそ。"
)
RESTART_NOTICE = "再起動すると反映されます"


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


class SettingsTab(ConsoleTab):
    """Every setting of ``kiosk.toml`` that staff change, with the PIN change below."""

    key = "settings"
    label = "設定"
    title = "設定"

    def __init__(
        self, services: Services, nav: Navigator, sessions: Sessions, staff: StaffServices
    ) -> None:
        super().__init__(services, nav, sessions, staff)
        spacing = self.spacing
        self.saved, file_problem = saved_settings(services.config, staff.config_path)
        config = self.saved
        self.body.addWidget(
            left_text(
                f"設定ファイル: {breakable(staff.config_path)}\n"
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
        # Every setting the form shows, laid out as ``kiosk.core.config`` declares it.
        self.editors: dict[str, Editor] = {}
        values = config.as_toml_values()
        section = ""
        for key, setting in SETTINGS.items():
            form = setting.form
            if form is None:
                continue
            if form.section != section:
                section = form.section
                self.body.addWidget(sub_heading(section))
            self.body.addWidget(left_text(form.label))
            editor = setting_editor(setting, values[key], services.theme, services.data_dir)
            self.body.addWidget(editor)
            self.editors[key] = editor
            if key == "speech_rate":
                self._add_voice_rows()

        self.body.addWidget(sub_heading("職員の 暗証番号"))
        self.change_pin_button = big_button("暗証番号を かえる", self.change_pin)
        self.body.addWidget(flow_row(spacing, self.change_pin_button))
        self.pin_message = left_text()
        self.pin_message.hide()
        self.body.addWidget(self.pin_message)

    def _add_voice_rows(self) -> None:
        """ためしに 聞く and the voice in use, below the speed they try out."""
        self.try_button = big_button("ためしに 聞く", self.try_speech)
        self.voice_label = left_text()
        self.body.addWidget(flow_row(self.spacing, self.try_button, self.voice_label))
        self._show_voice()
        follow(self.services.speaker.availability_changed, self, lambda _ok: self._show_voice())
        # The recorded voice's licence (CC BY 3.0) asks for a credit: it is on this page.
        self.about_button = big_button(
            TITLE, lambda: self.nav.open(AboutScreen(self.services, self.nav, self.sessions))
        )
        self.body.addWidget(self.about_button)

    @property
    def speech_rate(self) -> str:
        """The speed chosen on the form (saved or not)."""
        return str(self.editors["speech_rate"].value())

    def try_speech(self) -> None:
        """Read a sample sentence at the chosen speed (kept only if the settings are saved)."""
        speaker = self.services.speaker
        speaker.set_rate(self.speech_rate)
        speaker.say(SAMPLE_SENTENCE)
        self._show_voice()

    def leave(self) -> None:
        """Staff left the console: an unsaved trial speed goes back to the saved one."""
        self.services.speaker.set_rate(self.saved.speech_rate)

    def _show_voice(self) -> None:
        """The voice in use, or why there is none (the English cause is for the technician)."""
        speaker = self.services.speaker
        problem = speaker.problem()
        if problem:
            self.voice_label.setText(f"いまは 声が 出ません。{problem}\n（{speaker.describe()}）")
        else:
            self.voice_label.setText(f"使っている 声: {speaker.describe()}")

    # Saving ----------------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        """Every setting: the form's values over the saved ones (for ``config_from_mapping``)."""
        values = self.saved.as_toml_values()
        values.update((key, editor.value()) for key, editor in self.editors.items())
        return values

    def save(self) -> bool:
        """Check the form like the file is checked, then write the file atomically."""
        path = self.staff.config_path
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
        self.services.speaker.set_rate(config.speech_rate)
        sessions = self.sessions
        sessions.defaults = replace(sessions.defaults, text_size=config.text_size)
        sessions.current.set_text_size(config.text_size)
        lines = [
            f"保存しました。{RESTART_NOTICE}。",
            "文字の 大きさと 読み上げの 速さは もう 変わりました。",
        ]
        folder = config.csv_folder_path(self.services.data_dir)
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
        nav = self.nav

        def changed() -> None:
            nav.back()
            self.pin_message.setText("暗証番号を かえました。")
            self.pin_message.show()

        nav.open(
            PinPadScreen(
                self.services,
                nav,
                self.sessions,
                self.staff.staff_pin,
                mode="set",
                on_accepted=changed,
            )
        )
