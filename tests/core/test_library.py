"""The content library: read once on a background thread, shared, and read again on request."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.core import library as library_module
from kiosk.core.library import Content, Library


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread of every read of the folders."""
    seen: list[str] = []
    real = library_module.load_content

    def counted(*folders: Path | None) -> Content:
        seen.append(threading.current_thread().name)
        return real(*folders)

    monkeypatch.setattr(library_module, "load_content", counted)
    return seen


def test_the_files_are_read_once_off_the_calling_thread(reads: list[str]) -> None:
    library = Library()
    library.start()
    library.start()
    first = library.get()
    assert library.ready()
    assert library.get() is first
    assert reads == ["content-library"]
    assert first.lessons.lessons
    assert first.procedures.procedures


def test_get_starts_the_load_when_nobody_did(reads: list[str]) -> None:
    library = Library()
    assert not library.ready()
    assert library.get().lessons.ok
    assert reads == ["content-library"]


def test_reload_reads_the_folders_again_and_shares_the_new_content(
    reads: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    library = Library(lessons_folder=folder)
    assert library.get().lessons.lessons == ()
    (folder / "01_broken.toml").write_text('format = 1\nid = "broken"\n', encoding="utf-8")
    fresh = library.reload()
    assert library.get() is fresh
    assert {p.file for p in fresh.lessons.problems} == {"lessons/01_broken.toml"}
    assert len(reads) == 2


def test_a_failed_load_is_reported_to_whoever_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_folders: Path | None) -> Content:
        raise OSError("disk gone")

    monkeypatch.setattr(library_module, "load_content", broken)
    library = Library()
    library.start()
    with pytest.raises(OSError, match="disk gone"):
        library.get()


def test_titles_name_the_town_hall_as_the_learner_saw_it() -> None:
    from kiosk.core.config import Config
    from kiosk.core.library import load_content

    content = load_content(None, None)
    town = Config(municipality="山田町", areas=("本町",))
    assert content.title("procedure", "ward-office-booking", town) == (
        "役場の 窓口を スマホで 予約する"
    )
    for procedure in content.procedures.procedures:
        assert "{" not in content.title("procedure", procedure.id)
    for lesson in content.lessons.lessons:
        assert "{" not in content.title("lesson", lesson.id)
    assert content.title("procedure", "no-such-rehearsal") == "no-such-rehearsal"
    assert content.title("practice", "flick") != "flick"
