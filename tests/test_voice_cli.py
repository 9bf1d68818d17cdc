"""``kiosk voice list`` and ``kiosk voice check`` (rendering itself is not part of the tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.voice import clips


def test_list_prints_every_sentence_with_text_reading_and_clip(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["voice", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) > 500
    assert set(rows[0]) == {"id", "text", "reading", "audio"}
    assert all("{" not in row["text"] for row in rows)
    assert any(row["id"] == "ui" for row in rows)
    assert all(row["audio"]["ふつう"].startswith("assets/voice/clips/") for row in rows)
    # The reading is what the voice should say: the particle は as わ.
    assert any("わ " in row["reading"] for row in rows)


def test_check_lists_missing_and_stale_clips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "0000.ogb").write_bytes(b"x")
    monkeypatch.setattr(clips, "clip_folder", lambda: tmp_path)
    assert main(["voice", "check"]) == 1
    captured = capsys.readouterr()
    assert "missing\tふつう\tlesson:" in captured.out
    assert "stale\tassets/voice/clips/0000.ogb" in captured.out
    assert "1 stale" in captured.err


def test_check_passes_when_every_sentence_has_a_current_clip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.commands.voice import _catalogue

    for item in _catalogue():
        for rate in clips.RATE_SPEEDS:
            (tmp_path / f"{clips.clip_key(item.sentence, rate)}.ogb").write_bytes(b"x")
    monkeypatch.setattr(clips, "clip_folder", lambda: tmp_path)
    assert main(["voice", "check"]) == 0
    assert "0 missing, 0 stale" in capsys.readouterr().err
