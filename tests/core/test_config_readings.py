"""Readings of the names in the settings: kana only, saved and read back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.config import Config, ConfigError, config_from_mapping, load_config, save_config


def test_readings_are_checked_and_saved(tmp_path: Path) -> None:
    config = config_from_mapping(
        {
            "municipality": "札幌市",
            "municipality_reading": "さっぽろし",
            "centre_name": "中央公民館",
            "centre_name_reading": "",
            "areas": ["中央区"],
            "area_readings": {"中央区": "ちゅうおうく"},
        }
    )
    assert config.area_reading("中央区") == "ちゅうおうく"
    assert config.area_reading("北区") == ""
    path = tmp_path / "kiosk.toml"
    save_config(config, path)
    assert load_config(path) == config


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("municipality_reading", "札幌市"),
        ("centre_name_reading", 3),
        ("area_readings", {"中央区": "chuo"}),
        ("area_readings", ["ちゅうおうく"]),
    ],
)
def test_readings_that_are_not_kana_are_refused(key: str, value: object) -> None:
    with pytest.raises(ConfigError) as error:
        config_from_mapping({key: value})
    assert key in str(error.value)


def test_demo_settings_give_every_area_a_reading() -> None:
    config = Config()
    assert all(config.area_reading(area) for area in config.areas)
