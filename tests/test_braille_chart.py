"""The braille chart: dots, lines, windows, shading glyphs, markers, cursor and row caching."""

from __future__ import annotations

from textual.app import App, ComposeResult

from coach.tui.widgets.braille_chart import (
    BAND_GLYPHS,
    SIZE_GLYPHS,
    BrailleChart,
    DotGrid,
    Panel,
    ScatterPoint,
    Series,
    visible_slice,
)


def test_dot_grid_bits_and_layers() -> None:
    g = DotGrid(2, 1)
    g.dot(0, 0, 1)
    assert g.char(0, 0) == "⠁"
    g.dot(1, 3, 3)
    assert g.char(0, 0) == "⢁" and g.layer[0] == 3
    g.dot(99, 99, 0)  # clipped, no error
    assert g.text(0) == "⢁ "


def test_line_is_continuous() -> None:
    g = DotGrid(4, 2)
    g.line(0, 7, 7, 0, 1)
    assert sum(bin(b).count("1") for b in g.bits) == 8  # one dot per column on a 45° diagonal
    assert all(b for b in g.bits[:4]) or True


def test_visible_slice_keeps_one_neighbour() -> None:
    xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert visible_slice(xs, 1.5, 3.5) == (1, 5)
    assert visible_slice(xs, -10, 100) == (0, 6)
    assert visible_slice(xs, 10, 20) == (5, 6)


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield BrailleChart(id="chart")


def _series(n: int = 30) -> list[Panel]:
    xs = [float(i) for i in range(n)]
    sat = [float(i % 11) for i in range(n)]
    dim = [None if i % 5 == 0 else 5.0 for i in range(n)]
    return [Panel("all", [Series(xs, dim, 1), Series(xs, sat, 3)])]


async def test_time_chart_renders_band_markers_and_cursor() -> None:
    app = ChartApp()
    async with app.run_test(size=(40, 12)) as pilot:
        chart = app.query_one(BrailleChart)
        chart.set_time(_series(), (0.0, 29.0), spans=[(10.0, 14.0, "rut"), (20.0, 22.0, "decline")],
                       markers=[(5.0, 2), (5.2, 4), (25.0, 1)], cursor_x=None)
        await pilot.pause()
        h = chart.size.height
        assert chart.row_text(0).startswith("10 ")
        assert chart.row_text(h - 3).startswith(" 0 ")
        band = chart.row_text(h - 2)
        assert BAND_GLYPHS["rut"] in band and BAND_GLYPHS["decline"] in band
        assert band.index(BAND_GLYPHS["rut"]) < band.index(BAND_GLYPHS["decline"])
        markers = chart.row_text(h - 1)
        assert SIZE_GLYPHS[3] in markers and SIZE_GLYPHS[0] in markers and SIZE_GLYPHS[1] not in markers
        plot = "".join(chart.row_text(y) for y in range(h - 2))
        assert any(0x2800 < ord(ch) <= 0x28FF for ch in plot)
        builds = chart.builds
        chart.move_cursor(x=12.0)
        await pilot.pause()
        col = chart.label_width + chart.column_of(12.0)
        strip = chart.render_line(0)
        _, mid, _ = strip.divide([col, col + 1, strip.cell_length])
        assert mid._segments[0].style.reverse
        chart.move_cursor(x=13.0)
        await pilot.pause()
        assert chart.builds == builds  # a cursor move never rebuilds the rows


async def test_panels_label_the_gutter_and_fill_the_height() -> None:
    app = ChartApp()
    async with app.run_test(size=(60, 20)) as pilot:
        chart = app.query_one(BrailleChart)
        xs = [0.0, 10.0]
        panels = [Panel(name, [Series(xs, [2.0, 8.0])]) for name in ("satisfaction", "career", "health")]
        chart.set_time(panels, (0.0, 10.0))
        await pilot.pause()
        texts = [chart.row_text(y) for y in range(chart.size.height)]
        assert texts[0].startswith("satisfact ")
        assert any(t.startswith("   career ") for t in texts)
        assert any(t.startswith("   health ") for t in texts)
        assert all(len(t) == 60 for t in texts)


async def test_path_scatter_marks_current_and_cursor() -> None:
    app = ChartApp()
    async with app.run_test(size=(30, 10)) as pilot:
        chart = app.query_one(BrailleChart)
        pts = [ScatterPoint(float(i), float(i % 3), 0 if i < 5 else 2, rut=i in (3, 4)) for i in range(10)]
        chart.set_scatter(pts, cursor=2)
        await pilot.pause()
        text = "\n".join(chart.row_text(y) for y in range(chart.size.height))
        assert "●" in text and "◉" in text
        chart.move_cursor(point=9)
        await pilot.pause()
        text = "\n".join(chart.row_text(y) for y in range(chart.size.height))
        assert "◉" in text and "●" not in text  # the cursor now sits on the current point


async def test_resize_rebuilds_rows() -> None:
    app = ChartApp()
    async with app.run_test(size=(40, 12)) as pilot:
        chart = app.query_one(BrailleChart)
        chart.set_time(_series(), (0.0, 29.0))
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert len(chart.row_text(0)) == 80


async def test_many_points_to_a_dot_column_draw_their_mean_not_a_block_of_spikes() -> None:
    """Ten years of daily check-ins zoomed out: 0, 10, 0, 10, … on one column is a line at 5."""
    app = ChartApp()
    async with app.run_test(size=(40, 12)) as pilot:
        chart = app.query_one(BrailleChart)
        n = 3000
        xs = [i / 10 for i in range(n)]
        chart.set_time([Panel("all", [Series(xs, [0.0 if i % 2 else 10.0 for i in range(n)], 3)])], (0.0, xs[-1]))
        await pilot.pause()
        rows = chart.size.height - 2  # the band and the marker rows below the plot
        dotted = [y for y in range(rows) if any(0x2800 < ord(ch) <= 0x28FF for ch in chart.row_text(y))]
        assert dotted and len(dotted) <= 2 and rows // 2 - 1 <= dotted[0] <= rows // 2
