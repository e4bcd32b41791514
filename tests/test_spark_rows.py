"""The review's sparklines: bars on the ratings' fixed 0–10 scale, stretched or bucketed to the width."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.color import Color

from coach.tui.widgets.spark_rows import BARS, bar_line

LOW, HIGH = Color(0, 0, 80), Color(0, 0, 255)


def test_close_ratings_give_close_bars_not_empty_and_full() -> None:
    assert bar_line([6.0, 7.0], 2, LOW, HIGH).plain == "▅▆"
    assert bar_line([0.0, 10.0], 2, LOW, HIGH).plain == "▁█"


def test_a_short_history_is_stretched_and_a_long_one_keeps_each_buckets_highest() -> None:
    assert bar_line([2.0, 9.0], 6, LOW, HIGH).plain == "▂▂▂▇▇▇"
    assert bar_line([1.0, 9.0, 3.0, 3.0], 2, LOW, HIGH).plain == "▇▃"


def test_no_data_is_an_empty_line_and_a_week_without_data_a_blank() -> None:
    assert bar_line([], 20, LOW, HIGH).plain == ""
    assert bar_line([None, None], 20, LOW, HIGH).plain == ""
    assert bar_line([None, None, None, 6.0], 8, LOW, HIGH).plain == "      ▅▅"  # one check-in: one week's bar
    assert bar_line([6.0, None, 7.0], 3, LOW, HIGH).plain == "▅ ▆"


@given(st.lists(st.one_of(st.none(), st.floats(0, 10)), min_size=1, max_size=60).filter(
    lambda data: any(v is not None for v in data)), st.integers(1, 120))
def test_one_bar_per_cell_and_higher_values_never_lower_bars(data: list[float | None], width: int) -> None:
    line = bar_line(data, width, LOW, HIGH)
    assert len(line.plain) == width and set(line.plain) <= {*BARS, " "} and set(line.plain) != {" "}
    raised = bar_line([None if v is None else min(10.0, v + 1) for v in data], width, LOW, HIGH).plain
    assert all(a == b == " " or BARS.index(b) >= BARS.index(a) for a, b in zip(line.plain, raised, strict=True))
