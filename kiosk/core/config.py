"""The kiosk's optional TOML configuration: defaults for the demo, strict validation for staff files."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kiosk.core.atomic import write_atomic
from kiosk.core.excel_safe import input_problem
from kiosk.core.ruby import is_kana
from kiosk.core.text_safety import first_unsafe, printable

TEXT_SIZES = ("標準", "大", "特大")
SPEECH_RATES = ("ゆっくり", "ふつう", "はやい")
MIN_IDLE_SECONDS = 120
MAX_IDLE_SECONDS = 3600
# Always used with fullmatch: "$" would also match before a final newline.
_CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")
CONFIG_FILE_NAME = "kiosk.toml"
MAX_CONFIG_BYTES = 1024 * 1024
"""The settings file is read only up to this size (1 MB); a bigger one is refused."""
MAX_NAME_CHARS = 100
"""Names (municipality, centre, area, printer) are at most this long."""
MAX_PATH_CHARS = 1000
MAX_AREAS = 50
MAX_SERVICE_URLS = 100
MAX_URL_CHARS = 2000
OFFICE_READINGS = {"区役所": "くやくしょ", "市役所": "しやくしょ", "役場": "やくば"}
"""The kinds of town hall ``Config.office_name`` names, with their readings."""


@dataclass(frozen=True)
class Config:
    """Every setting a centre can change. The defaults run the demo with no file."""

    municipality: str = "北九州市"
    centre_name: str = "デモ市民センター"
    centre_code: str = "DEMO"
    kiosk_id: str = "K1"
    areas: tuple[str, ...] = (
        "門司区",
        "小倉北区",
        "小倉南区",
        "若松区",
        "八幡東区",
        "八幡西区",
        "戸畑区",
    )
    # How the names above are said (kana): the voice reads kanji names in context, but a
    # kana-only engine needs them, and they settle names with unusual readings.
    municipality_reading: str = "きたきゅうしゅうし"
    centre_name_reading: str = "デモしみんセンター"
    area_readings: tuple[tuple[str, str], ...] = (
        ("門司区", "もじく"),
        ("小倉北区", "こくらきたく"),
        ("小倉南区", "こくらみなみく"),
        ("若松区", "わかまつく"),
        ("八幡東区", "やはたひがしく"),
        ("八幡西区", "やはたにしく"),
        ("戸畑区", "とばたく"),
    )
    idle_timeout_seconds: int = 300
    csv_folder: str = ""
    text_size: str = "標準"
    speech_enabled: bool = True
    speech_rate: str = "ふつう"
    printer: str = ""
    record_names: bool = False
    retention_months: int = 36
    # The city's own pages for procedures, by procedure id (https only), shown as the QR
    # code at the end of a rehearsal instead of the national page in the procedure file.
    service_urls: tuple[tuple[str, str], ...] = ()
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


class ConfigError(Exception):
    """A configuration file that cannot be used; ``problems`` holds one line per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


_EXPECTED: dict[str, str] = {
    "municipality": f'a name of at most {MAX_NAME_CHARS} characters, for example "北九州市"',
    "centre_name": (
        f'a name of at most {MAX_NAME_CHARS} characters, for example "小倉北市民センター"'
    ),
    "centre_code": "1-32 letters, digits, '-' or '_', for example \"KOKURA01\"",
    "kiosk_id": "1-32 letters, digits, '-' or '_', for example \"K1\"",
    "areas": (
        f"a list of 1 to {MAX_AREAS} different area names of at most {MAX_NAME_CHARS} "
        'characters, for example ["小倉北区", "戸畑区"], none starting with'
        " = + - @ or ' (Excel would take it for a formula)"
    ),
    "municipality_reading": 'kana in quotes, for example "きたきゅうしゅうし", or ""',
    "centre_name_reading": 'kana in quotes, for example "こくらきたしみんセンター", or ""',
    "area_readings": 'a table of area names and kana, for example { "戸畑区" = "とばたく" }',
    "idle_timeout_seconds": (
        f"a whole number of seconds from {MIN_IDLE_SECONDS} to {MAX_IDLE_SECONDS}"
    ),
    "csv_folder": (
        'a full folder path in quotes, for example "D:\\\\kiosk-csv" or "/srv/kiosk-csv", '
        'or "" for export/ in the data folder'
    ),
    "text_size": "one of " + ", ".join(f'"{s}"' for s in TEXT_SIZES),
    "speech_enabled": "true or false",
    "speech_rate": "one of " + ", ".join(f'"{s}"' for s in SPEECH_RATES),
    "printer": (
        f'a printer name of at most {MAX_NAME_CHARS} characters, or "" to save PDFs instead'
    ),
    "record_names": "true or false",
    "retention_months": "a whole number of months from 1 to 120",
    "service_urls": (
        f"a table of at most {MAX_SERVICE_URLS} procedure ids and https addresses, for example "
        '{ "ward-office-booking" = "https://www.city.example.jp/yoyaku/" }'
    ),
}

KNOWN_KEYS = tuple(f.name for f in fields(Config) if f.name != "source")


def _one_line(value: Any, limit: int) -> bool:
    """A string of at most ``limit`` characters with no line break or control character."""
    return (
        isinstance(value, str)
        and len(value) <= limit
        and not any(ord(ch) < 0x20 for ch in value)
        and first_unsafe(value) is None
    )


def _check_value(key: str, value: Any) -> Any:
    """Return the value converted for ``Config`` or raise ValueError if it is not allowed."""
    if key in ("municipality", "centre_name", "printer"):
        if not _one_line(value, MAX_NAME_CHARS) or (key != "printer" and not value.strip()):
            raise ValueError
        return value.strip()
    if key == "csv_folder":
        if not _one_line(value, MAX_PATH_CHARS):
            raise ValueError
        # A relative folder would follow whatever the current directory happens to be.
        if value.strip() and not Path(value.strip()).expanduser().is_absolute():
            raise ValueError
        return value.strip()
    if key in ("municipality_reading", "centre_name_reading"):
        if not _one_line(value, MAX_NAME_CHARS) or (value.strip() and not is_kana(value)):
            raise ValueError
        return value.strip()
    if key == "area_readings":
        if not isinstance(value, dict) or not all(
            _one_line(k, MAX_NAME_CHARS)
            and k.strip()
            and _one_line(v, MAX_NAME_CHARS)
            and is_kana(v)
            for k, v in value.items()
        ):
            raise ValueError
        return tuple((k.strip(), v.strip()) for k, v in value.items())
    if key in ("centre_code", "kiosk_id"):
        if not isinstance(value, str) or not _CODE_PATTERN.fullmatch(value):
            raise ValueError
        return value
    if key == "areas":
        if (
            not isinstance(value, list)
            or not 1 <= len(value) <= MAX_AREAS
            or not all(_one_line(a, MAX_NAME_CHARS) and a.strip() for a in value)
            or len(set(value)) != len(value)
            or any(input_problem(a) for a in value)
        ):
            raise ValueError
        return tuple(a.strip() for a in value)
    if key == "idle_timeout_seconds":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError
        if not MIN_IDLE_SECONDS <= value <= MAX_IDLE_SECONDS:
            raise ValueError
        return value
    if key == "retention_months":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
            raise ValueError
        return value
    if key in ("speech_enabled", "record_names"):
        if not isinstance(value, bool):
            raise ValueError
        return value
    if key == "text_size":
        if value not in TEXT_SIZES:
            raise ValueError
        return value
    if key == "speech_rate":
        if value not in SPEECH_RATES:
            raise ValueError
        return value
    if key == "service_urls":
        if (
            not isinstance(value, dict)
            or len(value) > MAX_SERVICE_URLS
            or not all(
                isinstance(k, str)
                and _PROCEDURE_ID.fullmatch(k)
                and _one_line(v, MAX_URL_CHARS)
                and _is_https(v)
                for k, v in value.items()
            )
        ):
            raise ValueError
        return tuple(sorted(value.items()))
    raise KeyError(key)


_PROCEDURE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def _is_https(url: str) -> bool:
    from urllib.parse import urlsplit  # only when the setting is used

    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.netloc) and not any(c.isspace() for c in url)


def config_from_mapping(data: dict[str, Any], source: str = "<settings>") -> Config:
    """Validate a mapping of settings and build a ``Config``; raise ``ConfigError`` listing every problem."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KNOWN_KEYS:
            import difflib  # only on a mistake: keeps start-up lean

            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            known = ", ".join(KNOWN_KEYS)
            problems.append(f"{source}: unknown setting '{key}'.{hint} Known settings: {known}")
            continue
        try:
            values[key] = _check_value(key, value)
        except ValueError:
            problems.append(f"{source}: '{key}' is {_shown(value)}; expected {_EXPECTED[key]}")
    if problems:
        raise ConfigError(problems)
    return Config(**values, source=source)


def _shown(value: Any) -> str:
    """A value as a message shows it: escaped, and cut short when long."""
    text = printable(repr(value))
    if len(text) <= 80:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str | list | dict) else ""
    return f"{text[:60]}…{size}"


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


def load_config(path: Path | None) -> Config:
    """Load ``path`` (or return the defaults when it is ``None``)."""
    if path is None:
        return Config()
    source = str(path)
    raw = _read_settings_file(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [f"{source}: the file is not UTF-8 text; save it again as UTF-8 (byte {exc.start})"]
        ) from exc
    import tomllib  # only when a file exists: its import compiles regexes (start-up time)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{source}: not valid TOML: {exc}"]) from exc
    return config_from_mapping(data, source)


def find_config_file(cli_value: str | None, data_dir: Path) -> Path | None:
    """``--config`` if given (it must exist), else ``kiosk.toml`` in the data dir if present."""
    if cli_value:
        return Path(cli_value).expanduser()
    candidate = data_dir / CONFIG_FILE_NAME
    return candidate if candidate.exists() else None


# --- Writing the file back (the staff console's 設定 tab) ---------------------------------

_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: object) -> str:
    # bool before int: True is an int in Python but must be written as true.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_string(str(item)) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to the settings file")


def config_to_toml(config: Config) -> str:
    """The settings as the text of a ``kiosk.toml`` that ``load_config`` reads back unchanged."""
    lines = [
        "# Kiosk settings. Saved from the staff console; you may also edit this file by hand.",
        "# Changes take effect the next time the kiosk starts.",
        "",
    ]
    tables = ("area_readings", "service_urls")
    lines.extend(
        f"{key} = {_toml_value(getattr(config, key))}" for key in KNOWN_KEYS if key not in tables
    )
    for table in tables:
        pairs = getattr(config, table)
        if pairs:
            # Tables go last: every key after a [table] header would belong to it.
            lines += ["", f"[{table}]"]
            lines += [f"{_toml_string(k)} = {_toml_string(v)}" for k, v in pairs]
    return "\n".join(lines) + "\n"


def save_config(config: Config, path: Path) -> None:
    """Write ``config`` to ``path`` atomically; refuse values the kiosk would reject at start.

    Raises ``ConfigError`` (nothing written) if the values break a rule, ``OSError``
    if the file cannot be written.
    """
    import tomllib  # see load_config: kept off the start-up path

    text = config_to_toml(config)
    # Re-read what is about to be written: a hand-built Config may skip the validation.
    config_from_mapping(tomllib.loads(text), str(path))
    write_atomic(path, text.encode("utf-8"))
