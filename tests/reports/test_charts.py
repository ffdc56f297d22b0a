"""The bar chart's layout: pure arithmetic on report rows."""
from __future__ import annotations

from app.reports.charts import completion_chart
from app.reports.completion import CompletionRow


def row(name, assigned, completed):
    return CompletionRow(key=name, name=name, code=name, kind="district", unit_name=None, members=assigned,
                         assigned=assigned, not_started=assigned - completed, in_progress=0,
                         completed=completed, overdue=0, scored=0, score_sum=0.0, last_activity=None)


def test_bar_lengths_are_proportional_to_percent_complete():
    chart = completion_chart([row("Ba Tri", 4, 2), row("Chợ Lách", 5, 5), row("Giồng Trôm", 0, 0)])
    half, full, empty = chart.bars
    assert full.width == chart.plot_width
    assert half.width == chart.plot_width / 2
    assert empty.width == 0 and empty.percent is None and empty.level == "none"
    assert (half.level, full.level) == ("mid", "high")
    assert half.y < full.y < empty.y < chart.axis_y < chart.height


def test_no_rows_no_chart():
    assert completion_chart([]) is None


def test_long_names_are_shortened_for_the_label_only():
    name = "Phường " + "Rất Dài " * 10
    bar = completion_chart([row(name, 1, 1)]).bars[0]
    assert len(bar.label) <= 44 and bar.label.endswith("…")
