"""The kiosk reads its lessons and procedures once: every screen and the console share them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.core import lessons as lessons_module
from kiosk.core import library as library_module
from kiosk.core import procedures as procedures_module
from kiosk.core.library import Content
from kiosk.ui.staff_console import StaffConsoleScreen


def test_lists_and_the_staff_console_share_the_one_load(
    make_kiosk: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = library_module.load_content

    def counted(*folders: Path | None) -> Content:
        reads.append("library")
        return real(*folders)

    monkeypatch.setattr(library_module, "load_content", counted)
    kiosk = make_kiosk()
    qtbot.waitUntil(kiosk.services.library.ready, timeout=10_000)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("content read from disk again")

    monkeypatch.setattr(lessons_module, "load_lessons", refuse)
    monkeypatch.setattr(procedures_module, "load_procedures", refuse)
    for name in ("lessons", "procedures", "lessons", "procedures"):
        kiosk.window.open(name)
        assert kiosk.window.current_screen().screen_name in ("lesson-list", "procedures")
        kiosk.window.back()
    console = StaffConsoleScreen(
        kiosk.services, kiosk.window, kiosk.sessions, kiosk.staff_services()
    )
    kiosk.window.open(console)
    qtbot.waitUntil(lambda: console.content is not None, timeout=10_000)
    assert console.content is kiosk.services.library.get()
    kiosk.tasks.wait()
    assert reads == ["library"]
