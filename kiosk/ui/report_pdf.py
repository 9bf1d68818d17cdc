"""The monthly report for the PDCA meeting: an A4 PDF of a ``Report``, charts first, tables after.

Used by ``kiosk report --pdf FILE`` and the staff console's 利用率 tab. The page
is built from blocks (headings, text, charts, table pieces) laid out top to
bottom; a block that does not fit goes to the next page. Charts are the
console's own chart widgets drawn into the page, so they look the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageSize, QPainter, QPen

from kiosk.core.atomic import write_atomic
from kiosk.core.attendance.report import GroupRow, Report
from kiosk.ui import theme
from kiosk.ui.paper_text import draw_text, lay_out_text, paper_font
from kiosk.ui.printing import Page, PagePainter, page_for, pdf_bytes
from kiosk.ui.staff_console.chart import Bar, ColumnChart, RowChart
from kiosk.ui.staff_console.month_bars import percent, rate_bars, visit_bars

TITLE = "デジタル活用支援　利用状況レポート"
BODY_PT = 13.0
HEADING_PT = 17.0
HEADLINE_PT = 26.0
CHART_PT = 13.0
MARGIN_MM = 14.0
TOP_ITEMS = 10
MONTHS_CHARTED = 12
PROBLEMS_SHOWN = 12
_NO_VALUE = "（登録なし）"


@dataclass
class _Block:
    """Something of a known height that draws itself at (x, y) with the given width."""

    height: float
    draw: Callable[[QPainter, float, float, float], None]
    keep_with_next: bool = False


class _Layout:
    """Blocks for a page width, measured with the page's own fonts."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.blocks: list[_Block] = []

    def heading(self, text: str) -> None:
        font = paper_font(HEADING_PT, bold=True)
        line = QFontMetricsF(font).height()

        def draw(painter: QPainter, x: float, y: float, width: float) -> None:
            painter.setFont(font)
            painter.setPen(QColor(theme.INK))
            painter.drawText(QRectF(x, y + line * 0.3, width, line), text)
            painter.setPen(QPen(QColor(theme.PRIMARY), 2))
            painter.drawLine(int(x), int(y + line * 1.35), int(x + width), int(y + line * 1.35))

        self.blocks.append(_Block(line * 1.6, draw, keep_with_next=True))

    def text(self, text: str, points: float = BODY_PT, bold: bool = False) -> None:
        """A paragraph, wrapped by the kiosk's line-breaking rules (between words)."""
        font = paper_font(points, bold=bold)
        laid = lay_out_text(text, font, QRectF(0, 0, self.width, 10_000))
        height = laid.rect.height() + QFontMetricsF(font).height() * 0.3

        def draw(painter: QPainter, x: float, y: float, width: float) -> None:
            draw_text(painter, lay_out_text(text, font, QRectF(x, y, width, height)))

        self.blocks.append(_Block(height, draw))

    def chart(self, chart: ColumnChart | RowChart) -> None:
        chart.set_point_size(CHART_PT)
        chart.resize(round(self.width), chart.height())
        height = float(chart.height())

        def draw(painter: QPainter, x: float, y: float, width: float) -> None:
            chart.render(painter, QPoint(round(x), round(y)))

        self.blocks.append(_Block(height + BODY_PT, draw))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """A table; long ones are cut into pieces that each repeat the header."""
        font = paper_font(BODY_PT)
        bold = paper_font(BODY_PT, bold=True)
        metrics = QFontMetricsF(bold)
        line = metrics.height() * 1.35
        widths = [
            max(metrics.horizontalAdvance(r[i]) for r in [header, *rows]) + line * 0.6
            for i in range(len(header))
        ]
        # The first column takes what is left (names can be long); the numbers keep theirs.
        widths[0] = max(line * 3, self.width - sum(widths[1:]))

        def draw_rows(part: list[list[str]]) -> Callable[[QPainter, float, float, float], None]:
            def draw(painter: QPainter, x: float, y: float, width: float) -> None:
                for index, row in enumerate([header, *part]):
                    top = y + index * line
                    if index == 0:
                        painter.fillRect(QRectF(x, top, width, line), QColor(theme.SOFT_PAPER))
                    painter.setPen(QPen(QColor(theme.INK), 1))
                    painter.drawLine(int(x), int(top + line), int(x + width), int(top + line))
                    painter.setFont(bold if index == 0 else font)
                    left = x
                    for column, cell in enumerate(row):
                        align = Qt.AlignmentFlag.AlignVCenter | (
                            Qt.AlignmentFlag.AlignLeft
                            if column == 0
                            else Qt.AlignmentFlag.AlignRight
                        )
                        cell_rect = QRectF(
                            left + line * 0.3, top, widths[column] - line * 0.6, line
                        )
                        shown = QFontMetricsF(painter.font()).elidedText(
                            cell, Qt.TextElideMode.ElideRight, cell_rect.width()
                        )
                        painter.drawText(cell_rect, align, shown)
                        left += widths[column]

            return draw

        per_piece = 28
        for start in range(0, max(1, len(rows)), per_piece):
            part = rows[start : start + per_piece]
            self.blocks.append(_Block(line * (len(part) + 1) + line * 0.5, draw_rows(part)))


def _group_table(rows: list[GroupRow]) -> list[list[str]]:
    return [
        [
            r.key or _NO_VALUE,
            f"{r.visits:,}",
            f"{r.participants:,}",
            f"{r.first_time:,}",
            f"{r.answered:,}",
            f"{r.used_yes:,}",
            percent(r.usage_rate),
        ]
        for r in rows
    ]


_GROUP_HEADER = ["", "来館", "利用者", "はじめて", "回答者", "はい", "利用率"]


def _rate_rows(rows: list[GroupRow]) -> list[Bar]:
    return [
        Bar(
            r.key or _NO_VALUE,
            r.usage_rate,
            f"{percent(r.usage_rate)}（{r.used_yes}/{r.answered}人）",
        )
        for r in rows
    ]


# (kind, item id) -> the title staff recognise; see ``Content.title``.
TitleOf = Callable[[str, str], str]


def _id_only(_kind: str, item_id: str) -> str:
    return item_id


def _count_rows(items: list[tuple[str, int]], kind: str, title: TitleOf) -> list[Bar]:
    return [Bar(title(kind, key), float(n), f"{n:,}回") for key, n in items[:TOP_ITEMS]]


def _period(report: Report) -> str:
    if not report.month_from and not report.month_to:
        months = [r.key for r in report.by_month]
        return f"{months[0]} 〜 {months[-1]}" if months else "全期間"
    return f"{report.month_from or 'はじめ'} 〜 {report.month_to or 'いま'}"


def _headline(report: Report) -> str:
    rate = report.usage_rate
    if rate is None:
        return f"市のサービス利用率: まだ 答えが ありません（目標 {report.target * 100:.0f}%）"
    gap = (report.target - rate) * 100
    where = f"目標まで あと {gap:.1f} ポイント" if gap > 0 else "目標に とどいています"
    return f"市のサービス利用率 {rate * 100:.1f}%（目標 {report.target * 100:.0f}%・{where}）"


def build_layout(report: Report, width: float, title: TitleOf = _id_only) -> _Layout:
    """Every block of the report for a page ``width`` wide; ``title`` names lessons and rehearsals."""
    layout = _Layout(width)
    layout.text(TITLE, HEADING_PT + 3, bold=True)
    layout.text(f"期間: {_period(report)}　　作成日: {date.today():%Y-%m-%d}")
    layout.text(_headline(report), HEADLINE_PT, bold=True)
    layout.text(
        f"来館 {report.visits:,} 回（なまえなし {report.anonymous_visits:,} 回・"
        f"教室 {report.class_visits:,} 回）　利用者 {report.participants:,} 人"
        f"（はじめての人 {report.first_time:,} 人）",
        BODY_PT + 2,
    )
    months = report.by_month[-MONTHS_CHARTED:]
    # A longer period charts its last months (the table of months holds every one).
    recent = f"さいごの {MONTHS_CHARTED}か月" if len(report.by_month) > MONTHS_CHARTED else ""
    target = f"目標 {report.target * 100:.0f}%"
    layout.heading(f"月ごとの 利用率（{'・'.join(part for part in (target, recent) if part)}）")
    rate_chart = ColumnChart(
        "月ごとの 利用率",
        maximum=1.0,
        target=(report.target, target),
        percent=True,
    )
    rate_chart.set_bars(rate_bars(months))
    layout.chart(rate_chart)
    layout.heading("月ごとの 来館数" + (f"（{recent}）" if recent else ""))
    visits_chart = ColumnChart("月ごとの 来館数")
    visits_chart.set_bars(visit_bars(months))
    layout.chart(visits_chart)
    for heading, rows in (
        ("センター別の 利用率", report.by_centre),
        ("年代別の 利用率", report.by_age_band),
        ("地域別の 利用率", report.by_area),
    ):
        layout.heading(heading)
        chart = RowChart(heading, maximum=1.0)
        chart.set_bars(_rate_rows([r for r in rows if r.answered]))
        layout.chart(chart)
    for heading, kind, items in (
        (f"よく 使われた レッスン（上位 {TOP_ITEMS}）", "lesson", report.lessons),
        (f"よく 使われた 手続きの 練習（上位 {TOP_ITEMS}）", "procedure", report.procedures),
    ):
        layout.heading(heading)
        chart = RowChart(heading)
        chart.set_bars(_count_rows(items, kind, title))
        layout.chart(chart)
    layout.heading("「きょうの れんしゅうは わかりましたか？」の 答え")
    answers = RowChart("きょうの 理解")
    answers.set_bars([Bar(key, float(n), f"{n:,}回") for key, n in report.understood])
    layout.chart(answers)

    for heading, rows in (
        ("月別の 表", report.by_month),
        ("センター別の 表", report.by_centre),
        ("年代別の 表", report.by_age_band),
        ("地域別の 表", report.by_area),
    ):
        layout.heading(heading)
        layout.table([heading.removesuffix("の 表"), *_GROUP_HEADER[1:]], _group_table(rows))
    layout.heading("読んだ データ")
    layout.text(
        f"ファイル {len(report.files):,} 件、{report.rows_read:,} 行を 読みました。"
        f"重複して 数えなかった 行 {report.duplicates:,}、期間外 {report.out_of_period:,}、"
        f"読めなかった 行 {report.malformed:,}。"
    )
    for path in report.files[:PROBLEMS_SHOWN]:
        layout.text(f"・{Path(path).name}", BODY_PT - 1)
    if len(report.files) > PROBLEMS_SHOWN:
        layout.text(f"ほか {len(report.files) - PROBLEMS_SHOWN:,} 件", BODY_PT - 1)
    if report.problems:
        layout.heading("データの 問題（ファイル:行: 内容）")
        for problem in report.problems[:PROBLEMS_SHOWN]:
            layout.text(problem, BODY_PT - 2)
        hidden = report.malformed - min(len(report.problems), PROBLEMS_SHOWN)
        if hidden > 0:
            layout.text(f"ほか {hidden:,} 件（kiosk report の 画面に すべて 出ます）", BODY_PT - 2)
    return layout


def report_pages(report: Report, title: TitleOf = _id_only) -> list[PagePainter]:
    """The report as A4 page painters (see ``kiosk.ui.printing``)."""
    page = page_for(QPageSize(QPageSize.PageSizeId.A4))
    margin = page.mm(MARGIN_MM)
    width = page.width - 2 * margin
    layout = build_layout(report, width, title)
    bottom = page.height - margin * 1.5
    pages: list[list[tuple[float, _Block]]] = [[]]
    y = margin
    blocks = layout.blocks
    for index, block in enumerate(blocks):
        needed = block.height
        if block.keep_with_next and index + 1 < len(blocks):
            needed += blocks[index + 1].height
        if pages[-1] and y + needed > bottom:
            pages.append([])
            y = margin
        pages[-1].append((y, block))
        y += block.height
    total = len(pages)

    def painter_for(number: int, placed: list[tuple[float, _Block]]) -> PagePainter:
        def draw(painter: QPainter, page_: Page) -> None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for top, block in placed:
                block.draw(painter, margin, top, width)
            painter.setFont(paper_font(BODY_PT - 2))
            painter.setPen(QColor(theme.INK))
            painter.drawText(
                QRectF(margin, page_.height - margin, width, margin * 0.6),
                Qt.AlignmentFlag.AlignCenter,
                f"{number} / {total}",
            )

        return draw

    return [painter_for(n, placed) for n, placed in enumerate(pages, 1)]


def report_pdf(report: Report, title: TitleOf = _id_only) -> tuple[bytes, int]:
    """The report as an A4 PDF and its number of pages."""
    pages = report_pages(report, title)
    return pdf_bytes(pages, QPageSize(QPageSize.PageSizeId.A4), title=TITLE), len(pages)


def write_report_pdf(report: Report, path: Path, title: TitleOf = _id_only) -> int:
    """Write the report as an A4 PDF at ``path``; return the number of pages."""
    data, pages = report_pdf(report, title)
    write_atomic(path, data)
    return pages
