"""The one-folder PyInstaller bundle builds from build.spec and passes its own self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest

from kiosk import __version__

ROOT = Path(__file__).resolve().parents[1]
MAX_BUNDLE_MB = 200


def folder_size_mb(folder: Path) -> float:
    # Symlinks (PyInstaller links some libraries) are counted once, as their targets.
    files = [f for f in folder.rglob("*") if f.is_file() and not f.is_symlink()]
    return sum(f.stat().st_size for f in files) / 1_000_000


@pytest.mark.slow
def test_frozen_bundle_starts_and_passes_self_test(tmp_path: Path) -> None:
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    assert pyinstaller.exists(), "PyInstaller is part of the test extra: pip install -e .[test]"
    build = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    bundle = tmp_path / "dist" / f"kiosk-{__version__}"
    executable = bundle / ("kiosk.exe" if os.name == "nt" else "kiosk")
    assert executable.exists()
    # Data files travel with the bundle; writable data never does.
    internal = bundle / "_internal"
    assert (internal / "assets" / "fonts" / "OFL.txt").exists()
    assert (internal / "lessons" / "01_power_buttons.toml").exists()
    # The licence texts the voice, its dictionary and hts_engine ask for travel along.
    assert "hts_engine" in (internal / "NOTICE").read_text(encoding="utf-8")
    # tomli travels compiled, with the mypyc helper its compiled modules import from C.
    helpers = [f.name for f in distribution("tomli").files or [] if "__mypyc" in f.name]
    assert helpers, "tomli is installed compiled (mypyc wheels exist for every target)"
    for helper in helpers:
        assert (internal / helper).exists(), f"{helper} missing from the bundle"
    parser = [p.suffix for p in (internal / "tomli").glob("_parser.*")]
    assert ".so" in parser or ".pyd" in parser, parser
    assert folder_size_mb(bundle) <= MAX_BUNDLE_MB
    # The report's fast path stays out; the bundled report runs the pure-Python engine.
    assert not (internal / "pyarrow").exists()

    data_dir = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [str(executable), "self-test", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("fonts", "database", "lessons", "home screen"):
        assert f"ok   {check}:" in result.stdout
    assert "speech:" in result.stdout
    assert not any(p.name.endswith(".db") for p in bundle.rglob("*")), (
        "no database inside the bundle"
    )

    run = subprocess.run(
        [
            str(executable),
            "run",
            "--demo",
            "--windowed",
            "--exit-when-ready",
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
