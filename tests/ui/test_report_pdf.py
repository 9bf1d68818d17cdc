"""The monthly report as an A4 PDF: rendered with poppler and read back against the JSON figures."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.cli import main
from kiosk.core.attendance import AttendanceStore
from kiosk.core.attendance.csv_export import export_to_file
from kiosk.core.attendance.demo_data import generate_demo_data
from kiosk.core.config import Config
from kiosk.core.library import load_content

# Pages are also kept here so that a person can look at them.
PAGES_FOLDER = Path("/tmp/kiosk-report-pdf-pages")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install the Debian package poppler-utils")
    return path


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        [tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return re.sub(r"[ \t]+", " ", done.stdout)


def render(pdf: Path, out: Path) -> list[QImage]:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pdftoppm"), "-r", "60", "-png", str(pdf), str(out / "page")],
        check=True,
        timeout=120,
    )
    return [QImage(str(p)) for p in sorted(out.glob("page*.png"))]


def ink_share(image: QImage) -> float:
    dark = total = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            total += 1
            dark += QColor(image.pixel(x, y)).lightness() < 160
    return dark / total


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    for n, centre in enumerate(("KOKURA01", "TOBATA02")):
        config = Config(centre_code=centre, kiosk_id="K1", areas=("小倉北区", "戸畑区"))
        db = tmp_path / f"{centre}.db"
        with AttendanceStore.open(db, config) as store:
            generate_demo_data(store, 400 + 100 * n, seed=n)
        export_to_file(db, folder / f"attendance_{centre}_K1.csv")
    # One broken row: the data problems are in the report too.
    broken = folder / "attendance_KOKURA01_K1.csv"
    broken.write_bytes(broken.read_bytes() + b'"1","broken"\r\n')
    return folder


def test_kiosk_report_pdf_holds_the_json_figures(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: Any
) -> None:
    pdf = tmp_path / "レポート.pdf"
    assert main(["report", "--format", "json", "--pdf", str(pdf), str(share)]) == 3
    data = json.loads(capsys.readouterr().out)
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", "", text)
    usage = data["usage"]
    assert f"市のサービス利用率{usage['rate'] * 100:.1f}%（目標80%" in flat
    assert f"来館{data['visits']:,}回" in flat
    assert f"利用者{data['participants']:,}人" in flat
    assert f"はじめての人{data['first_time']:,}人" in flat
    months = [row["key"] for row in data["by_month"]]
    assert f"期間:{months[0]}〜{months[-1]}" in flat
    for row in data["by_month"]:
        cells = [row["key"], f"{row['visits']:,}", f"{row['participants']:,}"]
        assert re.search(r"\s+".join(map(re.escape, cells)), text), row
    for row in data["by_centre"] + data["by_area"]:
        rate = "―" if row["usage_rate"] is None else f"{row['usage_rate'] * 100:.0f}%"
        assert f"{rate}（{row['used_yes']}/{row['answered']}人）" in flat or not row["answered"]
    content = load_content(None, None)
    top_lesson = next(iter(data["lessons"]))
    assert re.sub(r"\s+", "", content.title("lesson", top_lesson)) in flat
    assert f"{data['lessons'][top_lesson]:,}回" in flat
    # Rehearsal titles are long: each is printed whole, its town hall named, never cut short.
    for procedure in data["procedures"]:
        assert re.sub(r"\s+", "", content.title("procedure", procedure)) in flat
    assert "…" not in text
    assert "{{" not in text
    for answer, count in data["understood"].items():
        assert f"{answer}" in flat
        assert f"{count:,}回" in flat
    assert "ファイル2件" in flat
    assert "読めなかった行1" in flat
    problem = re.sub(r"\s+", "", data["problems"][0])  # FILE:LINE: reason, wrapped on the page
    assert problem in flat
    # Charts first: the first page has the usage chart with its target, tables come later.
    first_page = text.split("\f")[0]
    assert "月ごとの 利用率" in first_page
    assert "目標 80%" in first_page
    # A period longer than a year charts its last 12 months, and says so.
    assert ("さいごの12か月" in re.sub(r"\s+", "", first_page)) == (len(months) > 12)
    assert "月別の 表" not in first_page
    shutil.rmtree(PAGES_FOLDER, ignore_errors=True)
    images = render(pdf, PAGES_FOLDER)
    assert len(images) == text.count("\f")
    for image in images:
        assert image.width() < image.height()  # A4 portrait
        assert 0.005 < ink_share(image) < 0.5
