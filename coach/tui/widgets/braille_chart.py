"""A small braille canvas for the trajectory: time charts (one or several panels) and the path scatter.

Why hand-written rather than textual-plotext: plotext rebuilds the whole figure on every cursor move
(≈105 ms at 120×36, measured in /work/shared/TEXTUAL.md §3), five times the 20 ms budget, and draws its
cursor in a fixed hue that NO_COLOR greys out. Here each row is built once per (size, data, window) and
cached as a Strip; a cursor move only re-styles one column (reverse video, legible without colour) and
repaints those two columns. Only the points inside the visible window (plus one neighbour each side, so
lines run to the edge) are drawn. Colours come from COMPONENT_CLASSES, so themes restyle everything.

Each cell is 2×4 braille dots; a cell's colour is the highest-priority layer that drew a dot in it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

_BRAILLE = 0x2800
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [dot row][dot column]
SIZE_GLYPHS = "▁▂▃▅▇"  # a decision's size (1-5) as the height of a bar
BAND_GLYPHS = {"rut": "≈", "decline": "↘"}

# layers, lowest priority first
FAINT, SECONDARY, NORMAL, PRIMARY, BRIGHT = 0, 1, 2, 3, 4
_LAYER_CLASS = {
    FAINT: "braille-chart--faint",
    SECONDARY: "braille-chart--secondary",
    NORMAL: "braille-chart--normal",
    PRIMARY: "braille-chart--primary",
    BRIGHT: "braille-chart--bright",
}


class DotGrid:
    """A width×height grid of braille cells; remembers per cell the dots set and the top layer drawn."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = max(0, width), max(0, height)
        self.bits = [0] * (self.width * self.height)
        self.layer = [-1] * (self.width * self.height)

    @property
    def dots_x(self) -> int:
        return self.width * 2

    @property
    def dots_y(self) -> int:
        return self.height * 4

    def dot(self, x: int, y: int, layer: int) -> None:
        """Set dot (x, y) (dot coordinates, y = 0 at the top); points outside are ignored."""
        if 0 <= x < self.width * 2 and 0 <= y < self.height * 4:
            i = (y >> 2) * self.width + (x >> 1)
            self.bits[i] |= _DOTS[y & 3][x & 1]
            if layer > self.layer[i]:
                self.layer[i] = layer

    def line(self, x0: int, y0: int, x1: int, y1: int, layer: int) -> None:
        """Bresenham line between two dots (ends included), clipped by :meth:`dot`."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        steps = 0
        limit = 4 * (self.width * 2 + self.height * 4) + 8
        while True:
            self.dot(x0, y0, layer)
            if (x0 == x1 and y0 == y1) or steps > limit:
                return
            steps += 1
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def char(self, row: int, col: int) -> str:
        bits = self.bits[row * self.width + col]
        return chr(_BRAILLE + bits) if bits else " "

    def text(self, row: int) -> str:
        """The row as plain text (tests and the fallback renderer)."""
        return "".join(self.char(row, c) for c in range(self.width))


@dataclass
class Series:
    """One line: x in days (ascending), y in 0-10 or None for a skipped rating."""

    xs: Sequence[float]
    ys: Sequence[float | None]
    layer: int = PRIMARY


@dataclass
class Panel:
    """A horizontal band of the chart with its own series and a label in the gutter."""

    label: str
    series: list[Series] = field(default_factory=list)
    low: float = 0.0
    high: float = 10.0


@dataclass
class ScatterPoint:
    x: float
    y: float
    layer: int = NORMAL
    rut: bool = False


def visible_slice(xs: Sequence[float], x0: float, x1: float) -> tuple[int, int]:
    """Indices [i, j) of the points inside [x0, x1] plus one neighbour each side, so lines reach the edge."""
    i = max(0, bisect_left(xs, x0) - 1)
    j = min(len(xs), bisect_right(xs, x1) + 1)
    return i, j


class BrailleChart(Widget, can_focus=False):
    """Time chart (panels of series over a time window) or path scatter, drawn with braille dots.

    The screen owns the data and the cursor; this widget only draws. ``render_line`` returns cached rows,
    with the cursor column (time mode) or cursor cell (path mode) re-styled on the fly.
    """

    COMPONENT_CLASSES = {
        "braille-chart--primary",
        "braille-chart--secondary",
        "braille-chart--normal",
        "braille-chart--faint",
        "braille-chart--bright",
        "braille-chart--rut",
        "braille-chart--decline",
        "braille-chart--gutter",
        "braille-chart--marker",
        "braille-chart--cursor",
    }

    DEFAULT_CSS = """
    BrailleChart {
        width: 1fr;
        height: 1fr;
        min-height: 5;
    }
    BrailleChart > .braille-chart--primary { color: $primary; text-style: bold; }
    BrailleChart > .braille-chart--secondary { color: $accent; }
    BrailleChart > .braille-chart--normal { color: $foreground 70%; }
    BrailleChart > .braille-chart--faint { color: $foreground 35%; }
    BrailleChart > .braille-chart--bright { color: $accent; text-style: bold; }
    BrailleChart > .braille-chart--rut { background: $warning 25%; }
    BrailleChart > .braille-chart--decline { background: $error 25%; }
    BrailleChart > .braille-chart--gutter { color: $text-muted; }
    BrailleChart > .braille-chart--marker { color: $secondary; }
    BrailleChart > .braille-chart--cursor { text-style: reverse bold; }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.mode = "time"
        self.panels: list[Panel] = []
        self.spans: list[tuple[float, float, str]] = []
        self.markers: list[tuple[float, int]] = []
        self.window = (0.0, 1.0)
        self.points: list[ScatterPoint] = []
        self.cursor_x: float | None = None
        self.cursor_point: int | None = None
        self._rows: list[Strip] | None = None
        self._key: tuple[int, int] | None = None
        self._cursor_cell: tuple[int, int] | None = None  # (row or -1 for a whole column, column)
        self.builds = 0  # how many times the rows were rebuilt (the tests and the bench read it)

    # -- data in -----------------------------------------------------------------------------------------
    def set_time(self, panels: list[Panel], window: tuple[float, float], *,
                 spans: Sequence[tuple[float, float, str]] = (), markers: Sequence[tuple[float, int]] = (),
                 cursor_x: float | None = None) -> None:
        """Show panels of series over ``window`` (days), shaded spans and decision markers (day, size)."""
        self.mode = "time"
        self.panels, self.window = panels, (float(window[0]), float(window[1]))
        self.spans, self.markers = list(spans), sorted(markers)
        self.cursor_x = cursor_x
        self.invalidate()

    def set_scatter(self, points: list[ScatterPoint], cursor: int | None = None) -> None:
        """Show the path: points in any units (fitted to the canvas), joined in order."""
        self.mode = "path"
        self.points = points
        self.cursor_point = cursor
        self.invalidate()

    def invalidate(self) -> None:
        """Drop the cached rows (new data, window or theme) and repaint everything."""
        self._rows = None
        self.refresh()

    def notify_style_update(self) -> None:
        """A theme or CSS change restyles every row."""
        super().notify_style_update()
        self._rows = None

    # -- geometry ----------------------------------------------------------------------------------------
    @property
    def label_width(self) -> int:
        """Width of the label column on the left (time mode only)."""
        if self.mode != "time":
            return 0
        if len(self.panels) > 1:
            return min(10, max(len(p.label) for p in self.panels) + 1)
        return 3

    def plot_size(self) -> tuple[int, int]:
        """Cells available for the plot: (columns, rows); time mode keeps two rows for band and markers."""
        w, h = self.size.width, self.size.height
        if self.mode == "time":
            return max(1, w - self.label_width), max(1, h - 2)
        return max(1, w), max(1, h)

    def column_of(self, x: float) -> int | None:
        """The plot column showing day ``x`` (None outside the window)."""
        x0, x1 = self.window
        cols, _ = self.plot_size()
        if x < x0 or x > x1:
            return None
        if x1 <= x0:
            return 0
        return min(cols - 1, int((x - x0) / (x1 - x0) * (cols * 2 - 1)) // 2)

    def _dot_x(self, x: float, cols: int) -> int:
        x0, x1 = self.window
        if x1 <= x0:
            return 0
        return round((x - x0) / (x1 - x0) * (cols * 2 - 1))

    # -- building rows -----------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _build(self) -> list[Strip]:
        self.builds += 1
        return self._build_time() if self.mode == "time" else self._build_path()

    def _strip(self, grid: DotGrid, row: int, col_bg: Sequence[Style | None], base: Style,
               layer_styles: dict[int, Style], prefix: list[Segment]) -> Strip:
        segments = list(prefix)
        run: list[str] = []
        run_style: Style | None = None
        w = grid.width
        for c in range(w):
            i = row * w + c
            layer = grid.layer[i]
            style = layer_styles.get(layer, base)
            bg = col_bg[c] if col_bg else None
            if bg is not None:
                style = style + bg
            if style is not run_style and run:
                segments.append(Segment("".join(run), run_style))
                run = []
            run_style = style
            run.append(grid.char(row, c))
        if run:
            segments.append(Segment("".join(run), run_style))
        return Strip(segments)

    def _layer_styles(self, base: Style) -> dict[int, Style]:
        return {layer: base + self._style(name) for layer, name in _LAYER_CLASS.items()}

    def _build_time(self) -> list[Strip]:
        width, height = self.size.width, self.size.height
        cols, rows = self.plot_size()
        base = self.rich_style
        gutter_style = base + self._style("braille-chart--gutter")
        layer_styles = self._layer_styles(base)
        x0, x1 = self.window
        # shading per column: decline wins over rut where both touch a column
        col_kind: list[str | None] = [None] * cols
        for a, b, kind in self.spans:
            if b < x0 or a > x1:
                continue
            ca = self.column_of(max(a, x0)) or 0
            cb = self.column_of(min(b, x1))
            cb = cols - 1 if cb is None else cb
            for c in range(ca, cb + 1):
                if col_kind[c] != "decline":
                    col_kind[c] = kind
        shade = {"rut": self._style("braille-chart--rut"), "decline": self._style("braille-chart--decline")}
        col_bg = [shade[k] if k else None for k in col_kind]
        strips: list[Strip] = []
        n = max(1, len(self.panels))
        per = max(1, rows // n)
        g = self.label_width
        for pi, panel in enumerate(self.panels or [Panel("")]):
            prows = per if pi < n - 1 else rows - per * (n - 1)
            if prows <= 0:
                continue
            grid = DotGrid(cols, prows)
            span = (panel.high - panel.low) or 1.0
            for s in panel.series:
                i, j = visible_slice(s.xs, x0, x1)
                # the mean of the values that fall on one dot column: zoomed out over years of daily
                # check-ins, one line per check-in drew a solid block of spikes
                columns: dict[int, list[float]] = {}
                for k in range(i, j):
                    y = s.ys[k]
                    if y is None or (isinstance(y, float) and math.isnan(y)):
                        continue
                    total = columns.setdefault(self._dot_x(s.xs[k], cols), [0.0, 0])
                    total[0] += y
                    total[1] += 1
                prev: tuple[int, int] | None = None
                for px, (total_y, count) in columns.items():  # in x order: the xs are sorted
                    py = round((panel.high - total_y / count) / span * (grid.dots_y - 1))
                    if prev is None:
                        grid.dot(px, py, s.layer)
                    else:
                        grid.line(prev[0], prev[1], px, py, s.layer)
                    prev = (px, py)
            for r in range(prows):
                if n > 1:
                    label = panel.label[: g - 1] if r == 0 else ""
                else:
                    mid = (panel.high + panel.low) / 2
                    label = (f"{panel.high:g}" if r == 0 else f"{panel.low:g}" if r == prows - 1
                             else f"{mid:g}" if r == (prows - 1) // 2 and mid == int(mid) else "")
                prefix = [Segment(label.rjust(g - 1)[: g - 1] + " ", gutter_style)] if g else []
                strips.append(self._strip(grid, r, col_bg, base, layer_styles, prefix))
        while len(strips) < rows:
            strips.append(Strip([Segment(" " * width, base)]))
        # band row: rut / decline as glyphs, so the shading reads without colour too
        band = [Segment(" " * g, gutter_style)] if g else []
        for c in range(cols):
            kind = col_kind[c]
            band.append(Segment(BAND_GLYPHS[kind] if kind else " ", base + col_bg[c] if kind else base))
        strips.append(Strip(band).simplify())
        # marker row: the biggest decision in each column, as a bar 1-5 high
        sizes = [0] * cols
        lo, hi = bisect_left(self.markers, (x0, -1)), bisect_right(self.markers, (x1, 99))
        for x, size in self.markers[lo:hi]:
            c = self.column_of(x)
            if c is not None and size > sizes[c]:
                sizes[c] = size
        marker_style = base + self._style("braille-chart--marker")
        text = "".join(SIZE_GLYPHS[min(5, s) - 1] if s else " " for s in sizes)
        strips.append(Strip([Segment(" " * g, gutter_style), Segment(text, marker_style)] if g
                            else [Segment(text, marker_style)]))
        return [s.adjust_cell_length(width, base) for s in strips[:height]]

    def _build_path(self) -> list[Strip]:
        width, height = self.size.width, self.size.height
        cols, rows = self.plot_size()
        base = self.rich_style
        layer_styles = self._layer_styles(base)
        grid = DotGrid(cols, rows)
        pts = self.points
        rut_cells: set[int] = set()
        self._path_cells: list[tuple[int, int]] = []
        if pts:
            xs = [p.x for p in pts]
            ys = [p.y for p in pts]
            lo_x, hi_x, lo_y, hi_y = min(xs), max(xs), min(ys), max(ys)
            sx = (hi_x - lo_x) or 1.0
            sy = (hi_y - lo_y) or 1.0
            mx, my = grid.dots_x - 1, grid.dots_y - 1
            dots = [(round((p.x - lo_x) / sx * mx), round((hi_y - p.y) / sy * my)) for p in pts]
            prev = None
            for p, d in zip(pts, dots, strict=True):
                if prev is None:
                    grid.dot(d[0], d[1], p.layer)
                else:
                    grid.line(prev[0], prev[1], d[0], d[1], p.layer)
                if p.rut:
                    rut_cells.add((d[1] >> 2) * cols + (d[0] >> 1))
                prev = d
            self._path_cells = [(d[1] >> 2, d[0] >> 1) for d in dots]
        rut = self._style("braille-chart--rut")
        strips = []
        for r in range(rows):
            col_bg = [rut if (r * cols + c) in rut_cells else None for c in range(cols)]
            strips.append(self._strip(grid, r, col_bg, base, layer_styles, []))
        if self._path_cells:
            r, c = self._path_cells[-1]
            strips[r] = self._put(strips[r], c, "●", layer_styles[BRIGHT])
        return [s.adjust_cell_length(width, base) for s in strips[:height]]

    @staticmethod
    def _put(strip: Strip, col: int, char: str, style: Style) -> Strip:
        before, _, after = strip.divide([col, col + 1, strip.cell_length])
        return Strip.join([before, Strip([Segment(char, style)]), after])

    # -- cursor ------------------------------------------------------------------------------------------
    def _cursor_target(self) -> tuple[int, int] | None:
        if self.mode == "time":
            if self.cursor_x is None:
                return None
            c = self.column_of(self.cursor_x)
            return None if c is None else (-1, self.label_width + c)
        cells = getattr(self, "_path_cells", [])
        if self.cursor_point is None or not (0 <= self.cursor_point < len(cells)):
            return None
        return cells[self.cursor_point]

    def move_cursor(self, *, x: float | None = None, point: int | None = None) -> None:
        """Move the cursor; repaints only the old and new cursor columns (time) or cells (path)."""
        old = self._cursor_cell
        if self.mode == "time":
            self.cursor_x = x
        else:
            self.cursor_point = point
        if self._rows is None:
            self.refresh()
            return
        new = self._cursor_target()
        self._cursor_cell = new
        h = self.size.height
        regions = [Region(cell[1], 0 if cell[0] < 0 else cell[0], 1, h if cell[0] < 0 else 1)
                   for cell in (old, new) if cell is not None]
        if regions:
            self.refresh(*regions)

    def render_line(self, y: int) -> Strip:
        key = (self.size.width, self.size.height)
        if self._rows is None or self._key != key:
            self._key = key
            self._rows = self._build() if self.size.width > 0 and self.size.height > 0 else []
            self._cursor_cell = self._cursor_target()
        if y >= len(self._rows):
            return Strip.blank(self.size.width, self.rich_style)
        strip = self._rows[y]
        cell = self._cursor_cell
        if cell is None or (cell[0] >= 0 and cell[0] != y):
            return strip
        col = cell[1]
        if col >= strip.cell_length:
            return strip
        before, mid, after = strip.divide([col, col + 1, strip.cell_length])
        cursor = self._style("braille-chart--cursor")
        if self.mode == "path":
            mid = Strip([Segment("◉", self.rich_style + self._style("braille-chart--bright") + cursor)])
        else:
            text = mid.text
            mid = Strip([Segment(text, (mid._segments[0].style or self.rich_style) + cursor)])
        return Strip.join([before, mid, after])

    def row_text(self, y: int) -> str:
        """The plain text of row y as drawn (cursor included), for tests."""
        return self.render_line(y).text
