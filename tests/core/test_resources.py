"""Bundled files are found from source, and paths cannot escape the bundle."""

from __future__ import annotations

import pytest

from kiosk.core.resources import resource_path


def test_font_and_licence_are_bundled() -> None:
    assert resource_path("assets/fonts/BIZUDPGothic-Regular.ttf").is_file()
    licence = resource_path("assets/fonts/OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


@pytest.mark.parametrize(
    "bad", ["../secret", "assets/../../x", "/etc/passwd", "C:/Windows", "assets\\..\\..\\x"]
)
def test_paths_outside_the_bundle_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="must stay inside the bundle"):
        resource_path(bad)
