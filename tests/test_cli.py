"""The command line staff and scripts rely on: names, exit codes, messages."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.cli import build_parser, main


def run_kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"kiosk {__version__}"


@pytest.mark.parametrize(
    "args", [["--no-such-option"], ["run", "--fullscreen-please"], ["self-test", "extra"]]
)
def test_unknown_arguments_exit_2_with_usage(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "usage: kiosk" in err
    assert "unrecognized arguments" in err


def test_bad_config_refuses_to_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_timout_seconds = 300\n", encoding="utf-8")
    status = main(["run", "--data-dir", str(tmp_path / "data"), "--config", str(config)])
    assert status == 2
    err = capsys.readouterr().err
    assert "did not start" in err
    assert "Did you mean 'idle_timeout_seconds'?" in err


def test_config_in_the_data_dir_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "kiosk.toml").write_text('text_size = "巨大"\n', encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "run"]) == 2
    assert "'text_size' is '巨大'" in capsys.readouterr().err


@pytest.mark.slow
def test_run_exit_when_ready(tmp_path: Path) -> None:
    result = run_kiosk(
        "run", "--demo", "--windowed", "--exit-when-ready", "--data-dir", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "logs" / "kiosk.log").exists()
    assert (tmp_path / "staff_pin.json").exists(), "demo mode sets the demo PIN"
    if sys.platform != "win32":
        # Born private: the kiosk's umask, not the 0644 a default umask would give.
        made = [tmp_path / "staff_pin.json", tmp_path / "logs" / "kiosk.log"]
        assert {oct(path.stat().st_mode & 0o777) for path in made} == {"0o600"}
        assert oct((tmp_path / "logs").stat().st_mode & 0o777) == "0o700"


@pytest.mark.slow
def test_self_test_with_data_dir_option_and_env(tmp_path: Path) -> None:
    by_option = run_kiosk("self-test", "--data-dir", str(tmp_path / "a"))
    assert by_option.returncode == 0, by_option.stdout + by_option.stderr
    lines = by_option.stdout.splitlines()
    assert any(line.startswith("ok   fonts: BIZ UDPGothic") for line in lines)
    assert any(line.startswith("ok   database:") for line in lines)
    assert any(line.startswith("ok   settings:") for line in lines)
    assert lines[-1] == "self-test passed"
    # A new data folder stays untouched: the first real start makes it.
    assert not (tmp_path / "a").exists()

    by_env = run_kiosk("self-test", env={"KIOSK_DATA_DIR": str(tmp_path / "b")})
    assert by_env.returncode == 0
    assert "ok   data folder: " + str(tmp_path / "b") in by_env.stdout
    assert not (tmp_path / "b").exists()


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow
@pytest.mark.parametrize("pin_set", [False, True], ids=["no PIN yet", "PIN set"])
def test_self_test_changes_nothing_in_the_data_folder(tmp_path: Path, pin_set: bool) -> None:
    """The README sends staff to self-test after installing: it must not set the demo PIN."""
    import sqlite3

    from kiosk.core.pin import StaffPin

    data = tmp_path / "data"
    data.mkdir()
    if pin_set:
        StaffPin(data).set_pin("80417")
    (data / "kiosk.toml").write_text('centre_name = "小倉北市民センター"\n', encoding="utf-8")
    # A first-release database: opening it in place would upgrade it.
    with sqlite3.connect(data / "kiosk.db") as old:
        old.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE participants (code TEXT PRIMARY KEY, age_band TEXT NOT NULL,"
            " area TEXT NOT NULL, consent_version TEXT NOT NULL, consented_at TEXT NOT NULL,"
            " registered_at TEXT NOT NULL, name TEXT);"
            "CREATE TABLE visits (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " participant_code TEXT REFERENCES participants(code), centre_code TEXT NOT NULL,"
            " kiosk_id TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT,"
            " first_visit INTEGER, used_services TEXT, answered_at TEXT);"
            "CREATE TABLE events (id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL,"
            " kind TEXT NOT NULL, item_id TEXT NOT NULL, completed INTEGER NOT NULL DEFAULT 1,"
            " detail TEXT, recorded_at TEXT NOT NULL);"
            "PRAGMA user_version = 1;"
        )
    old.close()
    before = _tree_bytes(data)

    result = run_kiosk("self-test", "--data-dir", str(data))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   database:" in result.stdout
    assert _tree_bytes(data) == before
    assert sorted(p.name for p in data.iterdir()) == sorted(before)
    assert StaffPin(data).is_set() is pin_set


@pytest.mark.slow
def test_self_test_checks_the_settings_as_run_does(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.toml").write_text("idle_timout_seconds = 300\n", encoding="utf-8")
    in_folder = run_kiosk("self-test", "--data-dir", str(data))
    assert in_folder.returncode == 1
    assert "FAIL settings: the kiosk would not start" in in_folder.stdout
    assert "Did you mean 'idle_timeout_seconds'?" in in_folder.stdout
    assert in_folder.stdout.splitlines()[-1] == "self-test FAILED (1 problem(s))"

    other = tmp_path / "other.toml"
    other.write_text('text_size = "巨大"\n', encoding="utf-8")
    given = run_kiosk("self-test", "--data-dir", str(tmp_path / "fresh"), "--config", str(other))
    assert given.returncode == 1
    assert "'text_size' is '巨大'" in given.stdout
    missing = run_kiosk("self-test", "--config", str(tmp_path / "nowhere.toml"))
    assert missing.returncode == 1
    assert "cannot read the settings file" in missing.stdout


@pytest.mark.slow
def test_self_test_fails_when_data_dir_is_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_kiosk("--data-dir", str(blocker / "data"), "self-test")
    assert result.returncode == 1
    assert "FAIL data folder" in result.stdout


def _every_command(
    parser: argparse.ArgumentParser,
) -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Each subcommand path (e.g. ``["lessons", "check"]``) with its parser, at any depth."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(([name], sub))
                found += [([name, *path], deeper) for path, deeper in _every_command(sub)]
    return found


def test_data_dir_works_after_every_command_name(tmp_path: Path) -> None:
    commands = _every_command(build_parser())
    assert ["report"] in [path for path, _ in commands]
    for path, parser in commands:
        option = parser._option_string_actions.get("--data-dir")
        assert option is not None, path
        # Only a given option overrides the top level's (and $KIOSK_DATA_DIR).
        assert option.default == argparse.SUPPRESS, path


def test_data_dir_after_the_command_name_overrides_the_environment(tmp_path: Path) -> None:
    demo = run_kiosk(
        "demo-data",
        "--visits",
        "3",
        "--seed",
        "1",
        "--data-dir",
        str(tmp_path / "mine"),
        env={"KIOSK_DATA_DIR": str(tmp_path / "other")},
    )
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "mine").is_dir()
    assert not (tmp_path / "other").exists()


def test_command_modules_never_import_the_cli() -> None:
    """``kiosk.cli`` imports every command module; none may import it back, even by name."""
    import kiosk.commands

    folder = Path(kiosk.commands.__file__).parent
    sources = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.py")}
    assert len(sources) > 5
    importing = [
        name
        for name, source in sources.items()
        if "kiosk.cli" in source or "from kiosk import cli" in source
    ]
    assert importing == []
