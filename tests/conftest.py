"""Shared test set-up: Qt runs offscreen, and every test gets its own data folder."""

from __future__ import annotations

import os

# Must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KIOSK_DATA_DIR", None)

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _delete_closed_widgets() -> Iterator[None]:
    """Really delete the windows pytest-qt closed after a test.

    ``deleteLater`` only runs inside an event loop, so without this every earlier
    kiosk window would stay alive and be restyled on each text-size switch.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty, writable data folder for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def make_kiosk(qtbot: Any, data_dir: Path) -> Callable[..., Any]:
    """Build and show a real kiosk (window, screens, idle watcher) with a fake speaker.

    The window is 1280×800, the smallest screen a centre uses.
    """
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.core.config import Config
    from kiosk.speech.base import Speaker
    from tests.speakers import FakeSpeaker

    def build(
        *,
        config: Config | None = None,
        demo: bool = True,
        idle_countdown_s: int = 30,
        size: tuple[int, int] = (1280, 800),
        folder: Path | None = None,
        speaker: Speaker | None = None,
    ) -> Kiosk:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        kiosk = Kiosk(
            app,
            config or Config(),
            folder or data_dir,
            speaker or FakeSpeaker(),
            demo=demo,
            idle_countdown_s=idle_countdown_s,
        )
        # Only staff may close a kiosk; the test harness plays staff at teardown so that
        # windows from earlier tests never linger and steal the focus.
        qtbot.addWidget(kiosk.window, before_close_func=lambda window: window.allow_close())
        kiosk.window.resize(*size)
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        return kiosk

    return build
