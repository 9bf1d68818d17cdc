"""The visit session: one visitor's choices and progress, replaced whole by the idle reset."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import kiosk
from kiosk.core.runs.completion import Completion
from kiosk.ui.session import SessionDefaults, Sessions, VisitSession

KIOSK_DIR = Path(kiosk.__file__).parent


def test_complete_is_one_path_for_done_mark_and_attendance(qapp) -> None:
    session = VisitSession(SessionDefaults("標準", speech=True))
    reports: list[tuple[object, ...]] = []
    session.reported.connect(lambda *args: reports.append(args))

    session.complete(Completion("lesson", "power-buttons", {"steps": 9}))
    session.complete(Completion("procedure", "convenience-store-copy"))
    session.complete(Completion("practice", "tap"))

    assert session.progress.completed_lessons == {"power-buttons"}
    assert session.progress.completed_procedures == {"convenience-store-copy"}
    assert session.progress.practice_done == {"tap"}
    assert reports[0] == ("lesson", "power-buttons", "completed", {"steps": 9})
    assert [r[2] for r in reports] == ["completed"] * 3
    with pytest.raises(ValueError, match="complete"):
        session.report("lesson", "power-buttons", "completed")


def test_reset_starts_a_new_session_from_the_defaults(qapp) -> None:
    sessions = Sessions(SessionDefaults("大", speech=False))
    first = sessions.current
    first.set_text_size("特大")
    first.set_furigana(False)
    first.set_speech(True)
    first.progress.practice_done.add("tap")
    replaced: list[VisitSession] = []
    sessions.replaced.connect(replaced.append)

    second = sessions.reset()

    assert second is not first
    assert sessions.current is second
    assert replaced == [second]
    assert (second.text_size, second.furigana, second.speech) == ("大", True, False)
    assert not second.progress.practice_done


def test_the_old_session_no_longer_reaches_the_window(make_kiosk, qtbot) -> None:
    """A screen that kept the last visitor's session cannot change what the next one sees."""
    kiosk_app = make_kiosk()
    window = kiosk_app.window
    old = kiosk_app.sessions.current
    window.reset_session()
    assert kiosk_app.sessions.current is not old

    old.set_text_size("特大")
    old.set_speech(False)
    old.complete(Completion("practice", "tap"))

    assert kiosk_app.theme.size_name == "標準"
    assert window.header.size_buttons["標準"].isChecked()
    assert kiosk_app.services.speaker.is_enabled()
    assert not kiosk_app.attendance.visit_open()  # the completion was not recorded either


def test_replay_switches_speech_on_for_this_visitor_only(make_kiosk, qtbot) -> None:
    kiosk_app = make_kiosk()
    window = kiosk_app.window
    header = window.header
    qtbot.mouseClick(header.speech_button, Qt.MouseButton.LeftButton)
    assert header.speech_button.text() == "おんせい なし"
    session = kiosk_app.sessions.current

    session.set_speech(True)  # what もういちど きく does

    assert kiosk_app.services.speaker.is_enabled()
    assert header.speech_button.text() == "おんせい あり"
    assert header.speech_button.isChecked()


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_screens_never_see_the_window() -> None:
    """Only the wiring knows the window; screens navigate through the Navigator protocol."""
    importers = sorted(
        str(path.relative_to(KIOSK_DIR.parent))
        for path in KIOSK_DIR.rglob("*.py")
        if "kiosk.ui.window" in _imports(path)
    )
    assert importers == ["kiosk/app.py"]
    mentions = [
        f"{path.relative_to(KIOSK_DIR.parent)}:{number}"
        for path in KIOSK_DIR.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "parts.services.window" in line
    ]
    assert mentions == []
