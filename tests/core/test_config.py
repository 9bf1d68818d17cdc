"""The settings file: defaults work with no file; every mistake gets one clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.config import (
    Config,
    ConfigError,
    config_from_mapping,
    find_config_file,
    load_config,
)

# A full path on the system the tests run on: a relative csv_folder is refused.
SHARE = "D:/share" if sys.platform == "win32" else "/srv/share"


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "kiosk.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems


def test_no_file_gives_demo_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.idle_timeout_seconds == 300
    assert "小倉北区" in config.areas


def test_valid_file_is_loaded(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'centre_name = "戸畑市民センター"\ncentre_code = "TOBATA01"\nkiosk_id = "K2"\n'
        'areas = ["戸畑区", "小倉北区"]\nidle_timeout_seconds = 600\ntext_size = "大"\n'
        f'speech_rate = "ゆっくり"\ncsv_folder = "{SHARE}"\n',
    )
    config = load_config(path)
    assert config.centre_name == "戸畑市民センター"
    assert config.areas == ("戸畑区", "小倉北区")
    assert config.text_size == "大"
    assert config.csv_folder_path(tmp_path) == Path(SHARE)


def test_unknown_key_suggests_the_closest_one(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, "idle_timeout_second = 300\n"))
    assert str(tmp_path / "kiosk.toml") in message
    assert "unknown setting 'idle_timeout_second'" in message
    assert "Did you mean 'idle_timeout_seconds'?" in message


def test_wrong_type_names_key_and_expectation(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, 'idle_timeout_seconds = "five minutes"\n'))
    assert "'idle_timeout_seconds' is 'five minutes'" in message
    assert "whole number of seconds from 120 to 3600" in message


def test_impossible_values_are_each_reported(tmp_path: Path) -> None:
    found = problems(
        write(
            tmp_path,
            'idle_timeout_seconds = 5\ntext_size = "huge"\nkiosk_id = "K 1/2"\nareas = []\n',
        )
    )
    assert len(found) == 4
    joined = "\n".join(found)
    assert "'idle_timeout_seconds' is 5" in joined
    assert '"標準", "大", "特大"' in joined
    assert "'kiosk_id'" in joined
    assert "'areas'" in joined


def test_booleans_are_not_numbers(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, "retention_months = true\n"))
    assert "'retention_months' is True" in message


def test_not_utf8(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, 'centre_name = "戸畑"\n'.encode("shift_jis")))
    assert "not UTF-8" in message
    assert "save it again as UTF-8" in message


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '\ufeffcentre_name = "若松市民センター"\n'))
    assert config.centre_name == "若松市民センター"


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    [message] = problems(write(tmp_path, 'centre_name = "ok"\nkiosk_id = K1\n'))
    assert "not valid TOML" in message
    assert "line 2" in message


def test_unreadable_file(tmp_path: Path) -> None:
    [message] = problems(tmp_path)  # a folder, not a file
    assert "is not a regular file" in message


def test_config_file_lookup(tmp_path: Path) -> None:
    assert find_config_file(None, tmp_path) is None
    (tmp_path / "kiosk.toml").write_text("", encoding="utf-8")
    assert find_config_file(None, tmp_path) == tmp_path / "kiosk.toml"
    assert find_config_file("other.toml", tmp_path) == Path("other.toml")


def test_service_urls_are_a_table_of_https_pages(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[service_urls]\n"ward-office-booking" = "https://www.city.example.lg.jp/yoyaku/"\n',
    )
    config = load_config(path)
    assert config.service_url("ward-office-booking") == "https://www.city.example.lg.jp/yoyaku/"
    assert config.service_url("disaster-information") is None


@pytest.mark.parametrize(
    "table",
    [
        '"ward-office-booking" = "http://www.city.example.lg.jp/"',
        '"Ward Booking" = "https://www.city.example.lg.jp/"',
        '"ward-office-booking" = "https://"',
    ],
)
def test_service_urls_refuse_unsafe_or_malformed_entries(tmp_path: Path, table: str) -> None:
    [message] = problems(write(tmp_path, f"[service_urls]\n{table}\n"))
    assert "'service_urls'" in message
    assert "https addresses" in message


# --- Hostile settings: each refused with exit 2 and one line naming the key -----------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('centre_code = """KOKURA01\n"""\n', "centre_code"),
        ('kiosk_id = "K1\\n"\n', "kiosk_id"),
        ('centre_name = "' + "あ" * 10_000 + '"\n', "centre_name"),
        ('municipality = "' + "x" * 101 + '"\n', "municipality"),
        ('csv_folder = "/srv/share\\u0000/x"\n', "csv_folder"),
        ('csv_folder = "."\n', "csv_folder"),
        ('csv_folder = "export/csv"\n', "csv_folder"),
        ('printer = "EPSON\\u001b[2J"\n', "printer"),
        ('centre_name = "\u202eセンター"\n', "centre_name"),
        ("areas = [" + ", ".join(f'"区{n}"' for n in range(51)) + "]\n", "areas"),
        ('[service_urls]\n"ward-office\\n" = "https://example.jp/"\n', "service_urls"),
    ],
    ids=[
        "code-newline",
        "kiosk-id-newline",
        "10k-name",
        "101-chars",
        "nul-in-folder",
        "dot-folder",
        "relative-folder",
        "esc-in-printer",
        "bidi-in-name",
        "51-areas",
        "id-newline",
    ],
)
def test_hostile_settings_stop_the_kiosk_with_one_line_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, key: str
) -> None:
    from kiosk.cli import main

    path = write(tmp_path, text)
    assert main(["run", "--data-dir", str(tmp_path / "data"), "--config", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2, err  # the heading, then one line
    assert f"'{key}' is " in err[1]
    assert len(err[1]) < 600
    assert not any(ord(ch) < 0x20 or 0x202A <= ord(ch) <= 0x202E for ch in err[1])


def test_a_10_mb_centre_name_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, 'centre_name = "' + "x" * 10_000_000 + '"\n')
    [message] = problems(path)
    assert "is bigger than 1 MB" in message


def test_a_settings_file_just_under_1_mb_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "# " + "x" * (1024 * 1024 - 40) + '\ntext_size = "大"\n')
    assert path.stat().st_size <= 1024 * 1024
    assert load_config(path).text_size == "大"


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    assert main(["self-test", "--config", "/dev/zero"]) == 1
    assert "/dev/zero: the settings file is not a regular file" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--data-dir", str(tmp_path)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "is not a regular file" in result.stderr


def test_a_trailing_newline_is_refused_in_a_month_too() -> None:
    from kiosk.core.attendance.report import parse_month

    with pytest.raises(ValueError, match="is not a month like"):
        parse_month("2026-04\n")
    assert parse_month("2026-04") == "2026-04"


@pytest.mark.parametrize(
    ("municipality", "areas", "office", "markup"),
    [
        ("北九州市", ("門司区", "小倉北区"), "区役所", "{区役所|くやくしょ}"),
        ("世田谷区", (), "区役所", "{区役所|くやくしょ}"),
        ("福津市", (), "市役所", "{市役所|しやくしょ}"),
        ("福津市", ("津屋崎",), "市役所", "{市役所|しやくしょ}"),
        ("新宮町", (), "役場", "{役場|やくば}"),
    ],
)
def test_the_town_hall_follows_the_municipality_and_its_areas(
    municipality: str, areas: tuple[str, ...], office: str, markup: str
) -> None:
    config = Config(municipality=municipality, areas=areas)
    assert config.office_name == office
    assert config.office_markup == markup


def test_every_setting_is_declared_once_with_its_words_for_the_file_and_for_staff() -> None:
    from dataclasses import fields

    from kiosk.core.config import SETTINGS, plain_problems

    assert [f.name for f in fields(Config) if f.name != "source"] == list(SETTINGS)
    for key, setting in SETTINGS.items():
        assert setting.expected, key
        assert setting.name, key
        assert setting.rule_ja, key
        # The default passes its own rules, and a problem with it reads in plain Japanese.
        default = Config().as_toml_values()[key]
        assert config_from_mapping({key: default}) == Config()
        [line] = plain_problems([f"kiosk.toml: '{key}' is None; expected {setting.expected}"])
        assert line == f"「{setting.name}」: {setting.rule_ja}"


def test_choices_keep_the_order_they_are_declared_in() -> None:
    from kiosk.core.config import SETTINGS, SPEECH_RATES, TEXT_SIZES

    assert SETTINGS["text_size"].options == TEXT_SIZES == ("標準", "大", "特大")
    assert SETTINGS["speech_rate"].options == SPEECH_RATES == ("ゆっくり", "ふつう", "はやい")
    assert SETTINGS["kiosk_id"].options == ()
