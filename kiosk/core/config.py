"""The kiosk's optional TOML configuration, declared once: defaults, rules, words and form.

Every setting is one field of ``Config`` with a ``Setting`` beside its default. That one
declaration checks the file (``config_from_mapping``), words its problems for the file
(English) and for staff (plain Japanese), and lays out the staff console's 設定 form.
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from kiosk.core.atomic import write_atomic
from kiosk.core.setting import (
    MAX_AREAS,
    MAX_NAME_CHARS,
    MAX_SERVICE_URLS,
    Code,
    Form,
    ProcedureId,
    Setting,
    area_readings_rule,
    areas_rule,
    folder_rule,
    name_rule,
    one_line,
    reading_rule,
    service_urls_rule,
    setting,
)
from kiosk.core.text_safety import printable

TEXT_SIZES = ("標準", "大", "特大")
SPEECH_RATES = ("ゆっくり", "ふつう", "はやい")
MIN_IDLE_SECONDS = 120
MAX_IDLE_SECONDS = 3600
CONFIG_FILE_NAME = "kiosk.toml"
MAX_CONFIG_BYTES = 1024 * 1024
"""The settings file is read only up to this size (1 MB); a bigger one is refused."""
MAX_RETENTION_MONTHS = 120
OFFICE_READINGS = {"区役所": "くやくしょ", "市役所": "しやくしょ", "役場": "やくば"}
"""The kinds of town hall ``Config.office_name`` names, with their readings."""

_CENTRE = "センターと 端末"
_SCREEN = "画面と 声"
_OUTPUT = "CSV と 印刷"
_NAME_EXPECTED = f"a name of at most {MAX_NAME_CHARS} characters"
_ON_OFF = "オン か オフ です。"
_KANA_RULE = "ひらがな か カタカナで 書くか、空に してください。"


@dataclass(frozen=True)
class Config:
    """Every setting a centre can change. The defaults run the demo with no file."""

    municipality: str = setting(
        "北九州市",
        type=str,
        rule=name_rule,
        expected=f'{_NAME_EXPECTED}, for example "北九州市"',
        name="市区町村",
        rule_ja="空には できません。",
        form=Form(_CENTRE, "市区町村"),
    )
    # How the names are said (kana): the voice reads kanji names in context, but a
    # kana-only engine needs them, and they settle names with unusual readings.
    municipality_reading: str = setting(
        "きたきゅうしゅうし",
        type=str,
        rule=reading_rule,
        expected='kana in quotes, for example "きたきゅうしゅうし", or ""',
        name="市区町村の 読みかた",
        rule_ja=_KANA_RULE,
        form=Form(_CENTRE, "市区町村の 読みかた（ひらがな。読み上げに 使います）"),
    )
    centre_name: str = setting(
        "デモ市民センター",
        type=str,
        rule=name_rule,
        expected=f'{_NAME_EXPECTED}, for example "小倉北市民センター"',
        name="センターの 名前",
        rule_ja="空には できません。",
        form=Form(_CENTRE, "センターの 名前"),
    )
    centre_name_reading: str = setting(
        "デモしみんセンター",
        type=str,
        rule=reading_rule,
        expected='kana in quotes, for example "こくらきたしみんセンター", or ""',
        name="センターの 名前の 読みかた",
        rule_ja=_KANA_RULE,
        form=Form(_CENTRE, "センターの 名前の 読みかた（ひらがな・カタカナ）"),
    )
    centre_code: str = setting(
        "DEMO",
        type=Code,
        expected="1-32 letters, digits, '-' or '_', for example \"KOKURA01\"",
        name="センターの 記号",
        rule_ja="半角の 英字・数字・「-」「_」だけで 1〜32文字に してください（例: KOKURA01）。",
        form=Form(_CENTRE, "センターの 記号（CSV の ファイル名に 使います。半角 英数字）"),
    )
    kiosk_id: str = setting(
        "K1",
        type=Code,
        expected="1-32 letters, digits, '-' or '_', for example \"K1\"",
        name="端末の 番号",
        rule_ja="半角の 英字・数字・「-」「_」だけで 1〜32文字に してください（例: K1）。",
        form=Form(_CENTRE, "端末の 番号（半角 英数字。例: K1）"),
    )
    areas: tuple[str, ...] = setting(
        ("門司区", "小倉北区", "小倉南区", "若松区", "八幡東区", "八幡西区", "戸畑区"),
        type=Annotated[tuple[str, ...], msgspec.Meta(min_length=1, max_length=MAX_AREAS)],
        rule=areas_rule,
        expected=(
            f"a list of 1 to {MAX_AREAS} different area names of at most {MAX_NAME_CHARS} "
            'characters, for example ["小倉北区", "戸畑区"], none starting with'
            " = + - @ or ' (Excel would take it for a formula)"
        ),
        name="地域",
        rule_ja=(
            "1行に 1つずつ 書いてください。1つは 必要です。同じ 名前は 2回 書けません。"
            "「= + - @ '」で 始めないで ください。"
        ),
        form=Form(_CENTRE, "地域（受付で えらぶ 地域。1行に 1つ）", "lines"),
    )
    area_readings: tuple[tuple[str, str], ...] = setting(
        (
            ("門司区", "もじく"),
            ("小倉北区", "こくらきたく"),
            ("小倉南区", "こくらみなみく"),
            ("若松区", "わかまつく"),
            ("八幡東区", "やはたひがしく"),
            ("八幡西区", "やはたにしく"),
            ("戸畑区", "とばたく"),
        ),
        type=dict[str, str],
        rule=area_readings_rule,
        expected='a table of area names and kana, for example { "戸畑区" = "とばたく" }',
        name="地域の 読みかた（area_readings）",
        rule_ja="設定ファイルに 地域の 名前と 読みかた（かな）を 書いてください。",
    )
    idle_timeout_seconds: int = setting(
        300,
        type=Annotated[int, msgspec.Meta(ge=MIN_IDLE_SECONDS, le=MAX_IDLE_SECONDS)],
        expected=f"a whole number of seconds from {MIN_IDLE_SECONDS} to {MAX_IDLE_SECONDS}",
        name="最初の 画面に もどるまでの 時間",
        rule_ja=f"{MIN_IDLE_SECONDS}〜{MAX_IDLE_SECONDS}秒に してください。",
        form=Form(_SCREEN, "だれも さわらない とき、最初の 画面に もどるまでの 時間", "seconds"),
    )
    text_size: str = setting(
        "標準",
        type=Literal[TEXT_SIZES],
        expected="one of " + ", ".join(f'"{s}"' for s in TEXT_SIZES),
        name="文字の 大きさ",
        rule_ja="標準・大・特大 の どれかです。",
        form=Form(_SCREEN, "はじめの 文字の 大きさ", "choice"),
    )
    speech_enabled: bool = setting(
        True, type=bool, expected="true or false", name="読み上げ", rule_ja=_ON_OFF
    )
    speech_rate: str = setting(
        "ふつう",
        type=Literal[SPEECH_RATES],
        expected="one of " + ", ".join(f'"{s}"' for s in SPEECH_RATES),
        name="読み上げの 速さ",
        rule_ja="ゆっくり・ふつう・はやい の どれかです。",
        form=Form(_SCREEN, "読み上げの 速さ", "choice"),
    )
    csv_folder: str = setting(
        "",
        type=str,
        rule=folder_rule,
        expected=(
            'a full folder path in quotes, for example "D:\\\\kiosk-csv" or "/srv/kiosk-csv", '
            'or "" for export/ in the data folder'
        ),
        name="CSV の 保存先",
        rule_ja="フォルダの 場所を 書くか、空に してください。",
        form=Form(_OUTPUT, "出席 CSV の 保存先（空のときは データフォルダの export）", "folder"),
    )
    printer: str = setting(
        "",
        type=str,
        rule=one_line,
        expected=(
            f'a printer name of at most {MAX_NAME_CHARS} characters, or "" to save PDFs instead'
        ),
        name="プリンター",
        rule_ja="プリンターの 名前か「なし」です。",
        form=Form(_OUTPUT, "プリンター（カードと 手続きの 紙）", "printer"),
    )
    record_names: bool = setting(
        False, type=bool, expected="true or false", name="名前の 記録", rule_ja=_ON_OFF
    )
    retention_months: int = setting(
        36,
        type=Annotated[int, msgspec.Meta(ge=1, le=MAX_RETENTION_MONTHS)],
        expected=f"a whole number of months from 1 to {MAX_RETENTION_MONTHS}",
        name="保存期間",
        rule_ja=f"1〜{MAX_RETENTION_MONTHS}か月に してください。",
    )
    # The city's own pages for procedures, by procedure id (https only), shown as the QR
    # code at the end of a rehearsal instead of the national page in the procedure file.
    service_urls: tuple[tuple[str, str], ...] = setting(
        (),
        type=Annotated[dict[ProcedureId, str], msgspec.Meta(max_length=MAX_SERVICE_URLS)],
        rule=service_urls_rule,
        expected=(
            f"a table of at most {MAX_SERVICE_URLS} procedure ids and https addresses, for "
            'example { "ward-office-booking" = "https://www.city.example.jp/yoyaku/" }'
        ),
        name="市の ページ（service_urls）",
        rule_ja="設定ファイルで、手続きの id と https:// で 始まる アドレスを 書いてください。",
    )
    source: str = field(default="", compare=False)

    @property
    def office_name(self) -> str:
        """Where learners go for cards and certificates: 区役所 in a city with wards
        (北九州市 with its 区), 市役所 in other cities, 役場 in a town or village."""
        if self.municipality.strip().endswith("区") or (
            self.areas and all(area.strip().endswith("区") for area in self.areas)
        ):
            return "区役所"
        if self.municipality.strip().endswith("市"):
            return "市役所"
        return "役場"

    @property
    def office_markup(self) -> str:
        """``office_name`` with its furigana, e.g. ``{区役所|くやくしょ}``."""
        return f"{{{self.office_name}|{OFFICE_READINGS[self.office_name]}}}"

    def service_url(self, procedure_id: str) -> str | None:
        """The city's own page for a procedure, when the centre configured one."""
        return dict(self.service_urls).get(procedure_id)

    def area_reading(self, area: str) -> str:
        """The kana for an area name, or "" when the settings give none."""
        return dict(self.area_readings).get(area, "")

    def csv_folder_path(self, data_dir: Path) -> Path:
        """The folder the attendance CSV goes to (``export/`` in the data dir by default)."""
        return Path(self.csv_folder).expanduser() if self.csv_folder else data_dir / "export"

    def as_toml_values(self) -> dict[str, Any]:
        """Every setting as the file holds it: lists for tuples, tables for pairs."""
        return {key: setting.file_value(getattr(self, key)) for key, setting in SETTINGS.items()}


SETTINGS: dict[str, Setting] = {
    f.name: f.metadata["setting"] for f in fields(Config) if "setting" in f.metadata
}
"""Every setting's declaration, in the order of ``Config``."""
KNOWN_KEYS = tuple(SETTINGS)


def _config_value(value: Any) -> Any:
    """A checked value as ``Config`` keeps it: stripped text, tuples instead of lists and tables."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return tuple((k.strip(), v.strip()) for k, v in value.items())
    if isinstance(value, tuple):
        return tuple(item.strip() for item in value)
    return value


class ConfigError(Exception):
    """A configuration file that cannot be used; ``problems`` holds one line per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def check_setting(key: str, value: Any) -> Any:
    """The value of setting ``key`` as ``Config`` keeps it; ValueError when it breaks a rule."""
    setting = SETTINGS[key]
    try:
        checked = msgspec.convert(value, setting.type, strict=True)
    except msgspec.ValidationError as error:
        raise ValueError(str(error)) from None
    if setting.rule is not None and not setting.rule(checked):
        raise ValueError(key)
    if key == "service_urls":
        return tuple(sorted(checked.items()))
    return _config_value(checked)


def config_from_mapping(data: Mapping[str, Any], source: str = "<settings>") -> Config:
    """Validate a mapping of settings and build a ``Config``; raise ``ConfigError`` listing every problem."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS:
            import difflib  # only on a mistake: keeps start-up lean

            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            known = ", ".join(KNOWN_KEYS)
            problems.append(f"{source}: unknown setting '{key}'.{hint} Known settings: {known}")
            continue
        try:
            values[key] = check_setting(key, value)
        except ValueError:
            problems.append(
                f"{source}: '{key}' is {_shown(value)}; expected {SETTINGS[key].expected}"
            )
    if problems:
        raise ConfigError(problems)
    return Config(**values, source=source)


def plain_problems(problems: list[str]) -> list[str]:
    """``config_from_mapping``'s problems (English, for the file) as plain Japanese for staff."""
    out = []
    for problem in problems:
        key = next((k for k in KNOWN_KEYS if f"'{k}'" in problem), None)
        if key is None:
            out.append(problem)
        else:
            out.append(f"「{SETTINGS[key].name}」: {SETTINGS[key].rule_ja}")
    return out


def _shown(value: Any) -> str:
    """A value as a message shows it: escaped, and cut short when long."""
    text = printable(repr(value))
    if len(text) <= 80:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str | list | dict) else ""
    return f"{text[:60]}…{size}"


# --- The file -----------------------------------------------------------------------------


def _read_settings_file(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_CONFIG_BYTES``; ConfigError otherwise.

    A FIFO would hang the start and a device such as /dev/zero would fill the memory, so
    the type is checked before opening and no more than the limit is ever read.
    """
    source = printable(str(path))
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ConfigError(
                [f"{source}: the settings file is not a regular file; give a kiosk.toml file"]
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ConfigError([f"{source}: cannot read the settings file ({reason})"]) from exc
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            [f"{source}: the settings file is bigger than 1 MB; a kiosk.toml is a few lines"]
        )
    return raw


def _settings_text(path: Path) -> str:
    raw = _read_settings_file(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [f"{path}: the file is not UTF-8 text; save it again as UTF-8 (byte {exc.start})"]
        ) from exc


def load_config(path: Path | None) -> Config:
    """Load ``path`` (or return the defaults when it is ``None``)."""
    if path is None:
        return Config()
    source = str(path)
    text = _settings_text(path)
    import tomli  # only when a file exists (start-up time)

    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ConfigError([f"{source}: not valid TOML: {exc}"]) from exc
    return config_from_mapping(data, source)


def find_config_file(cli_value: str | None, data_dir: Path) -> Path | None:
    """``--config`` if given (it must exist), else ``kiosk.toml`` in the data dir if present."""
    if cli_value:
        return Path(cli_value).expanduser()
    candidate = data_dir / CONFIG_FILE_NAME
    return candidate if candidate.exists() else None


_HEADER = (
    "Kiosk settings. Saved from the staff console; you may also edit this file by hand.",
    "Changes take effect the next time the kiosk starts.",
)


def config_to_toml(config: Config, previous: str = "") -> str:
    """The settings as the text of a ``kiosk.toml`` that ``load_config`` reads back unchanged.

    ``previous`` is the file as it is now: its comments and layout are kept, its values
    replaced; keys that are not settings are dropped (the kiosk would refuse them).
    """
    import tomlkit  # only when saving: kept off the start-up path
    from tomlkit.exceptions import ParseError

    try:
        doc = tomlkit.parse(previous) if previous.strip() else None
    except ParseError:
        doc = None  # a broken file is replaced whole, as the form shows the running values
    if doc is None:
        doc = tomlkit.document()
        for line in _HEADER:
            doc.add(tomlkit.comment(line))
        doc.add(tomlkit.nl())
    for key in [key for key in doc if key not in SETTINGS]:
        del doc[key]
    for key, value in config.as_toml_values().items():
        if not isinstance(value, dict):
            doc[key] = value
            continue
        # Tables go last (tomlkit keeps plain keys above them); an empty one is left out.
        if not value:
            doc.pop(key, None)
            continue
        table = doc.get(key)
        if not isinstance(table, dict):
            doc[key] = table = tomlkit.table()
        for name in [name for name in table if name not in value]:
            del table[name]
        table.update(value)
    return tomlkit.dumps(doc)


def save_config(config: Config, path: Path) -> None:
    """Write ``config`` to ``path`` atomically, keeping the comments staff wrote in it.

    Refuses values the kiosk would reject at start: raises ``ConfigError`` (nothing
    written) if the values break a rule, ``OSError`` if the file cannot be written.
    """
    import tomli  # see load_config: kept off the start-up path

    previous = ""
    if path.is_file():
        try:
            previous = _settings_text(path)
        except ConfigError:
            previous = ""
    text = config_to_toml(config, previous)
    # Re-read what is about to be written: a hand-built Config may skip the validation.
    config_from_mapping(tomli.loads(text), str(path))
    write_atomic(path, text.encode("utf-8"))
