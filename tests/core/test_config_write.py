"""Saving settings from the staff console: the file reads back exactly, and bad values are refused."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.core.config import (
    CONFIG_FILE_NAME,
    KNOWN_KEYS,
    Config,
    ConfigError,
    config_from_mapping,
    config_to_toml,
    find_config_file,
    load_config,
    save_config,
)


def test_defaults_round_trip(tmp_path: Path) -> None:
    path = tmp_path / CONFIG_FILE_NAME
    save_config(Config(), path)
    assert load_config(find_config_file(None, tmp_path)) == Config()


def test_every_setting_round_trips(tmp_path: Path) -> None:
    config = Config(
        municipality="福岡市",
        centre_name="戸畑市民センター",
        centre_code="TOBATA_01",
        kiosk_id="K-2",
        areas=("戸畑区", "小倉北区"),
        idle_timeout_seconds=600,
        csv_folder="D:/共有/出席" if sys.platform == "win32" else "/srv/共有/出席",
        text_size="特大",
        speech_enabled=False,
        speech_rate="ゆっくり",
        printer="EPSON PX-105",
        record_names=True,
        retention_months=24,
        service_urls=(("ward-office-booking", "https://www.city.example.lg.jp/yoyaku/?a=1&b=2"),),
    )
    path = tmp_path / "kiosk.toml"
    save_config(config, path)
    loaded = load_config(path)
    assert loaded == config
    # Types survive too: a tuple of areas, real booleans and integers.
    assert loaded.areas == ("戸畑区", "小倉北区")
    assert loaded.speech_enabled is False
    assert loaded.record_names is True
    assert loaded.idle_timeout_seconds == 600


@pytest.mark.parametrize(
    "name",
    [
        'くすのき "本館"',
        "C:\\kiosk\\share",
        "末尾の バックスラッシュ \\",
        'quote at end "',
        "\\u0041 is not an escape here",
        "# not a comment = not a key",
    ],
)
def test_awkward_strings_round_trip(tmp_path: Path, name: str) -> None:
    folder = str(tmp_path / name)
    config = Config(centre_name=name, printer=name, csv_folder=folder, areas=(name, "戸畑区"))
    path = tmp_path / "kiosk.toml"
    save_config(config, path)
    loaded = load_config(path)
    assert loaded.centre_name == name
    assert loaded.printer == name
    assert loaded.csv_folder == folder
    assert loaded.areas == (name, "戸畑区")


@pytest.mark.parametrize(
    "name",
    ["一行目\n二行目", "タブ\tと\r改行", "control \x01 and delete \x7f", "NUL \x00", "RLO \u202e"],
)
@pytest.mark.parametrize("key", ["centre_name", "printer", "csv_folder", "areas"])
def test_line_breaks_and_control_characters_are_never_saved(
    tmp_path: Path, name: str, key: str
) -> None:
    value: object = (name,) if key == "areas" else name
    if key == "csv_folder":
        value = str(tmp_path / name)
    path = tmp_path / "kiosk.toml"
    with pytest.raises(ConfigError) as caught:
        save_config(replace(Config(), **{key: value}), path)
    (problem,) = caught.value.problems
    assert f"'{key}' is " in problem
    assert "\n" not in problem
    assert "\x00" not in problem
    assert "\u202e" not in problem
    assert not path.exists()


def test_written_text_is_plain_toml_with_one_line_per_setting() -> None:
    text = config_to_toml(Config(centre_name='A "B"', areas=("x", "y")))
    data = tomllib.loads(text)
    assert data["centre_name"] == 'A "B"'
    assert data["areas"] == ["x", "y"]
    assert 'centre_name = "A \\"B\\""' in text.splitlines()
    assert "speech_enabled = true" in text.splitlines()
    assert "source" not in data


def test_invalid_values_are_refused_and_the_old_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    save_config(Config(centre_name="まえの センター"), path)
    before = path.read_bytes()
    with pytest.raises(ConfigError) as caught:
        save_config(Config(centre_code="スペース 入り", idle_timeout_seconds=5), path)
    problems = "\n".join(caught.value.problems)
    assert "centre_code" in problems
    assert "idle_timeout_seconds" in problems
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.toml"]  # no temp file left behind


def test_save_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('centre_name = "手で書いた センター"\n', encoding="utf-8")
    save_config(Config(centre_name="新しい センター"), path)
    assert load_config(path).centre_name == "新しい センター"


def test_saving_keeps_the_comments_staff_wrote_and_drops_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        "# 戸畑市民センター: 2026年4月に 山田が 設定\n"
        'centre_name = "まえの センター"  # 正式名称\n'
        "idle_timeout_second = 300\n"
        "\n"
        "# 市の 予約ページ\n"
        "[service_urls]\n"
        '"ward-office-booking" = "https://www.city.example.lg.jp/yoyaku/"\n',
        encoding="utf-8",
    )
    save_config(replace(load_config_ignoring_unknown(path), centre_name="新しい センター"), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 戸畑市民センター: 2026年4月に 山田が 設定\n")
    assert 'centre_name = "新しい センター"  # 正式名称' in text.splitlines()
    assert "# 市の 予約ページ" in text
    assert "idle_timeout_second = 300" not in text.splitlines()  # the kiosk would refuse it
    saved = load_config(path)
    assert saved.centre_name == "新しい センター"
    assert saved.service_url("ward-office-booking") == "https://www.city.example.lg.jp/yoyaku/"


def test_a_table_emptied_in_the_form_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    save_config(Config(service_urls=(("ward-office-booking", "https://example.jp/"),)), path)
    save_config(Config(), path)
    assert "service_urls" not in tomllib.loads(path.read_text(encoding="utf-8"))
    assert load_config(path) == Config()


def load_config_ignoring_unknown(path: Path) -> Config:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return config_from_mapping({k: v for k, v in data.items() if k in KNOWN_KEYS})
