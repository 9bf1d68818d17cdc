"""The staff console's and the monthly report's column chart."""

from __future__ import annotations

from typing import Any

from kiosk.ui.staff_console.chart import Bar, ColumnChart


def test_crowded_numbers_under_the_bars_take_two_rows_instead_of_running_together(
    qtbot: Any,
) -> None:
    """A year of 4-digit visit counts on an A4 page: 「4303」「4439」 must not read 「43034439」."""
    chart = ColumnChart("月ごとの 来館数")
    qtbot.addWidget(chart)
    chart.set_point_size(13)
    chart.set_bars([Bar(f"{month}月", 4000 + month, f"{4300 + month}") for month in range(1, 13)])
    chart.resize(380, chart.sizeHint().height())  # the A4 report's width, in points
    chart.grab()
    assert chart.value_rows == 2
    chart.resize(1400, chart.sizeHint().height())
    chart.grab()
    assert chart.value_rows == 1
