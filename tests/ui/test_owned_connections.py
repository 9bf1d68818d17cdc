"""Connections to long-lived objects end with the screen that made them (issue: text size
after うけつけ or ゆびの れんしゅう showed the error page, twice)."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

import kiosk
from kiosk.ui.owned import follow

KIOSK_DIR = Path(kiosk.__file__).parent
# Objects that live as long as the kiosk: whatever a screen connects to their signals
# must end when the screen does.
LONG_LIVED = {
    "services",
    "attendance",
    "tasks",
    "theme",
    "speaker",
    "visits",
    "sessions",
    "session",
    "nav",
    "idle",
    "window",
    "app",
    "display",
}


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _unowned_connections(source: str) -> list[int]:
    """Lines connecting a lambda, partial or plain function to a long-lived object's signal.

    A bound method (``self._on_size``) is fine: Qt drops the connection with its object.
    Anything else has no owner and must go through ``follow``.
    """
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
            and node.args
        ):
            continue
        names = {
            n.id if isinstance(n, ast.Name) else n.attr
            for n in ast.walk(node.func.value)
            if isinstance(n, (ast.Name, ast.Attribute))
        }
        if names & LONG_LIVED and isinstance(node.args[0], (ast.Lambda, ast.Call, ast.Name)):
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_a_lambda_on_the_theme() -> None:
    source = (
        "services.theme.changed.connect(lambda _size: self._arrange())\n"
        "self.services.speaker.finished.connect(partial(done, 1))\n"
        "self.services.theme.changed.connect(self._on_text_size)\n"
        "follow(services.theme.changed, self, lambda _size: self._arrange())\n"
        "button.clicked.connect(lambda: self.go())\n"
    )
    assert _unowned_connections(source) == [1, 2]


def test_no_unowned_connection_to_a_long_lived_object() -> None:
    found = []
    for path in sorted(KIOSK_DIR.rglob("*.py")):
        for line in _unowned_connections(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(KIOSK_DIR.parent)}:{line}")
    assert found == [], "use kiosk.ui.owned.follow(signal, owner, slot) for these"


class _Source(QObject):
    changed = Signal(str)


def test_follow_ends_with_its_owner(qapp) -> None:
    source = _Source()
    owner = QWidget()
    calls: list[str] = []
    follow(source.changed, owner, lambda name: calls.append(f"{name} {owner.width()}"))
    source.changed.emit("大")
    assert len(calls) == 1
    assert source.receivers("2changed(QString)") == 1
    owner.deleteLater()
    _flush_deletes()
    assert source.receivers("2changed(QString)") == 0
    source.changed.emit("特大")  # would raise: the owner's C++ object is gone
    assert len(calls) == 1


def _receivers(kiosk_app) -> dict[str, int]:
    """How many connections each long-lived signal has right now."""
    window = kiosk_app.window
    counts = {
        "theme.changed": kiosk_app.theme.receivers("2changed(QString)"),
        "speaker.sentence_started": window.speaker.receivers("2sentence_started(int)"),
        "speaker.finished": window.speaker.receivers("2finished()"),
        "speaker.availability_changed": window.speaker.receivers("2availability_changed(bool)"),
        "session_reset": window.receivers("2session_reset()"),
    }
    visits = kiosk_app.attendance.visits
    if visits is not None:
        counts["visits.visit_changed"] = visits.receivers("2visit_changed()")
        counts["visits.sync_finished"] = visits.receivers("2sync_finished(PyObject)")
        counts["visits.problem_changed"] = visits.receivers("2problem_changed(QString)")
    return counts


def test_text_size_after_reception_and_practice(make_kiosk, qtbot) -> None:
    kiosk_app = make_kiosk()
    window = kiosk_app.window
    home = window.current_screen()
    for tile in ("reception", "practice"):
        qtbot.mouseClick(home.tiles[tile], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.header.home_button, Qt.MouseButton.LeftButton)
        _flush_deletes()
    for size in ("大", "特大", "標準"):
        qtbot.mouseClick(window.header.size_buttons[size], Qt.MouseButton.LeftButton)
        assert not window.error_overlay.isVisible()
    assert window.current_screen() is home
    assert kiosk_app.theme.size_name == "標準"


def test_screens_leave_no_connections_behind(make_kiosk, qtbot) -> None:
    kiosk_app = make_kiosk()
    window = kiosk_app.window
    home = window.current_screen()
    before = _receivers(kiosk_app)
    for _round in range(2):
        for tile in home.tiles.values():
            qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(window.header.home_button, Qt.MouseButton.LeftButton)
        kiosk_app.open_staff()
        window.go_home()
        _flush_deletes()
        assert _receivers(kiosk_app) == before
