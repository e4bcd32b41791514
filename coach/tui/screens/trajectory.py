"""The trajectory browser (``t``, ``coach trajectory``): satisfaction and a dimension over time, a cursor on
the check-ins, ruts and declines shaded, decisions marked by size, and the path through life space (``p``).

Why the screen loads its own light copy of the journal (ids, days, ratings, decision days and sizes, by SQL
in a thread) instead of waiting for the analytics: the chart is there in a fraction of a second even on a
ten-year journal, and the coach's states (the shading, the state under the cursor) are laid over it when
:class:`AnalysisReady` arrives. Days are local calendar days since 1970 (the wall clock the check-in was
made at), as in the analytics, so shading lines up with the points.

A cursor move touches one 1-row label and restyles one chart column; only zoom, pan, a dimension switch or
new data rebuild the chart's rows, and only the visible window is drawn.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from coach.tui.breakpoints import preset_breakpoints
from coach.tui.returning import ReadsAgainOnReturn
from coach.tui.screens.review import READING, STATE_WORDS
from coach.tui.widgets.braille_chart import (
    FAINT,
    NORMAL,
    PRIMARY,
    SECONDARY,
    BrailleChart,
    Panel,
    ScatterPoint,
    Series,
)
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.rating import format_value
from coach.tui.widgets.too_small import TooSmall

EPOCH = date(1970, 1, 1)
ZOOMS = (30, 91, 182, 365, 730, 1826, None)  # days shown; None = everything
ZOOM_NAMES = {30: "1 month", 91: "3 months", 182: "6 months", 365: "1 year", 730: "2 years", 1826: "5 years",
              None: "all time"}
DEFAULT_ZOOM = 2
MONTH_DAYS = 30.0


def day_to_date(day: float) -> date:
    return EPOCH + timedelta(days=math.floor(day))


@dataclass
class Track:
    """The journal as the browser needs it, oldest first."""

    ids: list[str] = field(default_factory=list)
    days: list[float] = field(default_factory=list)
    sat: list[float] = field(default_factory=list)
    dims: tuple[str, ...] = ()
    ratings: dict[str, list[float | None]] = field(default_factory=dict)
    notes: list[bool] = field(default_factory=list)
    marker_days: list[float] = field(default_factory=list)
    markers: list[tuple[float, int]] = field(default_factory=list)
    path: Any = None  # coach.domain.projection.Projection, computed in the loader thread

    @property
    def n(self) -> int:
        return len(self.ids)

    def value(self, name: str, i: int) -> float | None:
        return self.sat[i] if name == "satisfaction" else self.ratings[name][i]


def _light_rows(conn: Any, offset_days: float) -> tuple[set[str], list[tuple[float, int]]]:
    """Which check-ins have a note, and (day, size) of every decision not dropped: two light queries."""
    notes = {r[0] for r in conn.execute("SELECT id FROM checkins WHERE note != ''")}
    markers = [(ts / 86400.0 + offset_days, int(size)) for ts, size in conn.execute(
        "SELECT created_ts, magnitude FROM decisions WHERE status != 'dropped' ORDER BY created_ts")]
    return notes, markers


def load_track(path: Any, offset_days: float = 0.0) -> Track:
    """Read the journal at ``path`` on this thread's own connection (sqlite connections are per thread).

    ``offset_days`` is the local UTC offset in days, to place decisions on local days cheaply.
    """
    from coach.store.journal import Journal

    with Journal.open(path) as journal:
        conn = journal.connection
        dims = journal.dimensions()
        series = journal.series([d.id for d in dims])
        order = sorted(range(len(series.ids)), key=series.days.__getitem__)  # stable, as the analytics do
        rows = [(series.ids[i], series.days[i], series.satisfaction[i]) for i in order]
        ratings: dict[str, list[float | None]] = {
            d.name: [series.ratings[i][j] for i in order] for j, d in enumerate(dims)
        }
        notes, markers = _light_rows(conn, offset_days)
    ids = [r[0] for r in rows]
    return Track(ids=ids, days=[r[1] for r in rows], sat=[r[2] for r in rows],
                 dims=tuple(d.name for d in dims), ratings=ratings, notes=[i in notes for i in ids],
                 marker_days=[m[0] for m in markers], markers=markers)


def track_from_insight(insight: Any, conn: Any, offset_days: float = 0.0) -> Track:
    """The same Track from the analytics' arrays (already in memory): no ratings to read again."""
    h = insight.history
    notes, markers = _light_rows(conn, offset_days)
    ids = list(insight.checkin_ids)
    ratings = {d: [None if v != v else v for v in h.ratings[:, j].tolist()] for j, d in enumerate(h.dims)}
    return Track(ids=ids, days=h.days.tolist(), sat=h.satisfaction.tolist(), dims=tuple(h.dims), ratings=ratings,
                 notes=[i in notes for i in ids], marker_days=[m[0] for m in markers], markers=markers)


def ensure_path(track: Track) -> Any:
    """The PCA path of the track, computed on first use (numpy is imported here, never at module level)."""
    if track.path is None and track.n >= 2 and track.dims:
        import numpy as np

        from coach.domain.projection import project

        matrix = np.array([[np.nan if v is None else v for v in track.ratings[d]] for d in track.dims],
                          dtype=float).T
        track.path = project(matrix, track.dims)
    return track.path


def fit_parts(parts: list[tuple[str, ...]], width: int | None, sep: str = " · ") -> str:
    """Join the parts with their fullest wordings that fit ``width`` cells (markup not counted): shorter
    wordings are taken from the last part back, then, the same way, parts whose last wording is "" are left
    out; whatever is still too wide is cut at the edge."""
    chosen = [0] * len(parts)

    def text() -> str:
        return sep.join(w for w in (p[k] for p, k in zip(parts, chosen, strict=True)) if w)

    for dropping in (False, True):
        for k in reversed(range(len(parts))):
            while (width is not None and Text.from_markup(text()).cell_len > width and chosen[k] + 1 < len(parts[k])
                   and (dropping or parts[k][chosen[k] + 1])):
                chosen[k] += 1
    return text()


def axis_labels(x0: float, x1: float, width: int, offset: int) -> str:
    """Date labels under the chart at month (or year) starts, never overlapping; ``offset`` = gutter."""
    span = max(x1 - x0, 1e-9)
    if width <= 0:
        return ""
    cells = [" "] * (width + offset)
    yearly = span > 3 * 365
    fmt_ticks: list[tuple[float, str]] = []
    d = day_to_date(x0)
    cur = date(d.year, 1, 1) if yearly else date(d.year, d.month, 1)
    end = day_to_date(x1)
    while cur <= end:
        x = (cur - EPOCH).days
        if x >= x0:
            label = f"{cur.year}" if yearly else (f"{cur:%b}" if cur.month != 1 else f"{cur:%b %Y}")
            fmt_ticks.append((x, label))
        cur = date(cur.year + 1, 1, 1) if yearly else date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
    step = max(1, len(fmt_ticks) // max(1, width // 9))
    last_end = -1
    for x, label in fmt_ticks[::step]:
        c = offset + int((x - x0) / span * (width * 2 - 1)) // 2
        if c <= last_end or c + len(label) > len(cells):
            continue
        cells[c] = "╵" if c > 0 else cells[c]
        for k, ch in enumerate(label):
            if c + 1 + k < len(cells):
                cells[c + 1 + k] = ch
        last_end = c + len(label) + 1
    return "".join(cells).rstrip()


class TrajectoryScreen(ReadsAgainOnReturn, Screen[None]):
    CSS_PATH = "trajectory.tcss"
    HELP_TITLE = "Trajectory"
    HELP = ("A cursor on your check-ins over time. Shaded columns (≈ under the chart) were a rut, ↘ a decline, "
            "by the coach's judgement at the time; bars under the chart are decisions, taller = bigger. "
            "p shows the path through life space: your ratings flattened onto the two directions they varied "
            "most.")
    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous", key_display="←/h"),
        Binding("right,l", "move(1)", "Next", key_display="→/l"),
        Binding("pageup", "month(-1)", "Month back", key_display="PgUp", show=False),
        Binding("pagedown", "month(1)", "Month on", key_display="PgDn", show=False),
        Binding("home,g", "ends(-1)", "First", key_display="g", show=False),
        Binding("end,G", "ends(1)", "Last", key_display="G", show=False),
        Binding("up,k", "dimension(-1)", "Dimension", key_display="↑↓", tooltip="Previous dimension"),
        Binding("down,j", "dimension(1)", "Next dimension", show=False),
        Binding("plus,equals_sign", "zoom(-1)", "Zoom in", key_display="+"),
        Binding("minus", "zoom(1)", "Zoom out", key_display="-"),
        Binding("a", "toggle_all", "All dims"),
        Binding("p", "toggle_path", "Path"),
        Binding("enter", "open", "Open"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete", show=False),
        Binding("escape", "app.pop_screen", "Back", key_display="esc"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.track: Track | None = None
        self.cursor = 0
        self.dim_index = 0
        self.zoom = DEFAULT_ZOOM
        self.show_all = False
        self.path_view = False
        self.window = (0.0, 1.0)
        self._states: dict[str, Any] = {}
        self._spans: list[tuple[float, float, str]] = []
        self._states_for: Any = None

    def compose(self) -> ComposeResult:
        preset_breakpoints(self)
        yield LeanHeader()
        yield Static("Reading your journal…", id="traj-title")
        yield Static("", id="traj-cursor")
        yield BrailleChart(id="chart")
        yield Static("", id="traj-axis")
        yield Static("", id="traj-legend", classes="muted")
        yield LeanFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        insight = getattr(self.app, "analysis", None)
        journal = self.app.journal  # type: ignore[attr-defined]
        if insight is not None and len(insight.checkin_ids) == journal.checkin_count():
            self._keep_id = None
            self._loaded(track_from_insight(insight, journal.connection, self._offset_days()))
            self._track_insight = insight
        else:
            self.reload()

    def _offset_days(self) -> float:
        offset = self.app.now().utcoffset()  # type: ignore[attr-defined]
        return 0.0 if offset is None else offset.total_seconds() / 86400.0

    # -- loading -----------------------------------------------------------------------------------------
    def reload(self, keep_id: str | None = None) -> None:
        self._keep_id = keep_id
        self._load(self._offset_days())

    @work(thread=True, exclusive=True, group="trajectory", exit_on_error=False)
    def _load(self, offset_days: float) -> None:
        track = load_track(self.app.journal.path, offset_days)  # type: ignore[attr-defined]
        self.app.call_from_thread(self._loaded, track)

    def _loaded(self, track: Track) -> None:
        keep = getattr(self, "_keep_id", None)
        old = self.track
        self.track = track
        if keep is not None and keep in track.ids:
            self.cursor = track.ids.index(keep)
        elif keep is not None and old is not None and keep in old.ids:
            # the check-in under the cursor is gone: stay on the one before it
            day = old.days[old.ids.index(keep)]
            self.cursor = max(0, min(track.n - 1, bisect_left(track.days, day) - 1))
        else:
            self.cursor = max(0, track.n - 1)
        self.dim_index = min(self.dim_index, max(0, len(track.dims) - 1))
        self._states_for = None
        self._apply_states()
        self._fit_window(force=True)
        self.redraw()
        if self.query_one("#chart", BrailleChart).size.width == 0:
            self.call_after_refresh(self._relabel)  # not laid out yet: the date axis needs the chart's width

    def _relabel(self) -> None:
        if self.track is not None and self.track.n:
            self._update_labels()

    def on_resize(self) -> None:
        self.call_after_refresh(self._relabel)

    def _apply_states(self) -> None:
        """Per-check-in states and rut/decline spans from the analytics, when they are ready."""
        insight = getattr(self.app, "analysis", None)
        track = self.track
        if insight is None or track is None or self._states_for is insight:
            return
        self._states_for = insight
        self._states = dict(zip(insight.checkin_ids, insight.states, strict=False))
        spans: list[tuple[float, float, str]] = []
        run_kind, run_start, last_day = None, 0.0, 0.0
        for cid, day in zip(track.ids, track.days, strict=True):
            st = self._states.get(cid)
            kind = st.state if st is not None and st.state in ("rut", "decline") else None
            if kind != run_kind:
                if run_kind is not None:
                    spans.append((run_start, day, run_kind))
                run_kind, run_start = kind, day
            last_day = day
        if run_kind is not None:
            spans.append((run_start, last_day, run_kind))
        self._spans = spans

    def on_analysis_ready(self, _message: object) -> None:
        """Shade ruts and declines and show the state under the cursor once the coach has read the journal;
        a refreshed analysis (after an edit) also brings the fresh ratings."""
        insight = getattr(self.app, "analysis", None)
        if self.track is None:
            return
        if insight is not None and insight is not getattr(self, "_track_insight", None):
            self._track_insight = insight
            self._keep_id = self.track.ids[self.cursor] if self.track.n else None
            journal = self.app.journal  # type: ignore[attr-defined]
            self._loaded(track_from_insight(insight, journal.connection, self._offset_days()))
            return
        self._apply_states()
        self.redraw()

    def on_return(self) -> None:
        if self.track is not None and self.track.n:
            self.reload(self.track.ids[self.cursor])

    # -- window ------------------------------------------------------------------------------------------
    @property
    def span(self) -> float | None:
        return ZOOMS[self.zoom]

    def _fit_window(self, force: bool = False) -> bool:
        """Make sure the cursor is inside the window; returns True when the window moved."""
        track = self.track
        if track is None or not track.n:
            return False
        first, last = track.days[0], track.days[-1]
        span = self.span
        cx = track.days[self.cursor]
        if span is None or span >= last - first:
            new = (first, last) if last > first else (first - 1, last + 1)
            if span is not None and last - first < span:
                new = (last - span, last) if last - first > 0 else (first - span / 2, first + span / 2)
        else:
            x0, x1 = self.window
            if not force and x0 <= cx <= x1 and abs((x1 - x0) - span) < 1e-6:
                return False
            if force:
                x0 = cx - span * 0.75
            elif cx < x0:
                x0 = cx - span * 0.25
            else:
                x0 = cx - span * 0.75
            x0 = max(first, min(x0, last - span))
            new = (x0, x0 + span)
        changed = new != self.window
        self.window = new
        return changed

    # -- drawing -----------------------------------------------------------------------------------------
    @property
    def dim(self) -> str | None:
        track = self.track
        return track.dims[self.dim_index] if track is not None and track.dims else None

    def redraw(self) -> None:
        """Rebuild the chart for the current mode, window and dimension, then the labels."""
        track = self.track
        chart = self.query_one("#chart", BrailleChart)
        if track is None:
            return
        if not track.n:
            chart.set_time([], (0.0, 1.0))
            self.query_one("#traj-title", Static).update("[b]Trajectory[/b]")
            self.query_one("#traj-cursor", Static).update("No check-ins yet: press c to check in.")
            return
        if self.path_view:
            self._draw_path(chart)
        else:
            self._draw_time(chart)
        self._update_labels()

    def _draw_time(self, chart: BrailleChart) -> None:
        track = self.track
        assert track is not None
        if self.show_all:
            panels = [Panel("satisf.", [Series(track.days, track.sat, PRIMARY)])]
            panels += [Panel(d, [Series(track.days, track.ratings[d], SECONDARY)]) for d in track.dims]
        else:
            series = []
            if self.dim is not None:
                series.append(Series(track.days, track.ratings[self.dim], SECONDARY))
            series.append(Series(track.days, track.sat, PRIMARY))
            low, high = self._value_range([s.ys for s in series])
            panels = [Panel("", series, low, high)]
        chart.set_time(panels, self.window, spans=self._spans, markers=track.markers,
                       cursor_x=track.days[self.cursor])

    def _value_range(self, columns: list[Any]) -> tuple[float, float]:
        """The rating range shown: the visible values with a point of margin, at least 4 points tall, so the
        chart uses its height instead of leaving half of the 0-10 scale empty."""
        i, j = self._window_indices()
        values = [v for col in columns for v in col[max(0, i - 1):j + 1] if v is not None and v == v]
        if not values:
            return 0.0, 10.0
        low, high = max(0.0, math.floor(min(values)) - 1), min(10.0, math.ceil(max(values)) + 1)
        while high - low < 4:
            low, high = max(0.0, low - 1), min(10.0, high + 1)
        return low, high

    def _window_indices(self) -> tuple[int, int]:
        track = self.track
        assert track is not None
        x0, x1 = self.window
        return bisect_left(track.days, x0), bisect_right(track.days, x1)

    def _draw_path(self, chart: BrailleChart) -> None:
        track = self.track
        assert track is not None
        if ensure_path(track) is None:
            chart.set_scatter([])
            return
        i, j = self._window_indices()
        coords = track.path.coords
        count = max(1, j - i)
        points = []
        for k in range(i, j):
            age = (k - i) / count
            st = self._states.get(track.ids[k])
            points.append(ScatterPoint(float(coords[k, 0]), float(coords[k, 1]), FAINT if age < 0.5 else NORMAL,
                                       rut=st is not None and st.state == "rut"))
        self._path_offset = i
        chart.set_scatter(points, cursor=self.cursor - i)

    def _update_labels(self) -> None:
        track = self.track
        assert track is not None
        chart = self.query_one("#chart", BrailleChart)
        zoom = ZOOM_NAMES[self.span]
        insight = getattr(self.app, "analysis", None)
        if self.path_view:
            title = f"[b]Path through life space[/b] · {zoom} · faint = older, ● = latest, ◉ = cursor"
            p = ensure_path(track)
            if p is None:
                axis, legend = "", "The path needs at least two check-ins with ratings."
            else:
                axis = f"→ {p.describe(0)} ({p.explained[0]:.0%} of the spread)"
                legend = f"↑ {p.describe(1)} ({p.explained[1]:.0%}) · shaded = in a rut"
        else:
            what = "all dimensions" if self.show_all else f"satisfaction (bold) and {self.dim or '—'}"
            title = f"[b]Trajectory[/b] · {what} · {zoom}"
            cols, _ = chart.plot_size()
            axis = axis_labels(*self.window, cols, chart.label_width)
            legend = "≈ rut  ↘ decline (shaded)  ▁▃▇ decisions by size"
        if insight is None:
            error = getattr(self.app, "analysis_error", None)
            legend += " · " + (f"coach unavailable: {error}" if error else READING)
        elif not self._spans and not self.path_view:
            states = {s.state for s in insight.states}
            if states <= {"insufficient"}:
                legend += " · not enough data for ruts yet"
        self.query_one("#traj-title", Static).update(title)
        self.query_one("#traj-axis", Static).update(axis)
        self.query_one("#traj-legend", Static).update(legend)
        self._update_cursor_label()

    def cursor_text(self, width: int | None = None) -> str:
        """The 1-row label: date and values under the cursor, the state then, decisions since the last one, and
        the position. Within ``width`` cells the words shorten (note, decisions, weekday) before anything goes,
        then the note, the decisions, the state and the dimensions go, so the date, satisfaction and position
        stay (down to 60 columns): cut at the edge, a label lost the position first."""
        track = self.track
        if track is None or not track.n:
            return ""
        i = self.cursor
        day = day_to_date(track.days[i])
        # each part: its wordings, fullest first; "" means it may be left out
        parts = [(f"[b]{day:%a} {day.day} {day:%b %Y}[/b]", f"[b]{day.day} {day:%b %Y}[/b]"),
                 (f"satisfaction [b]{format_value(track.sat[i])}[/b]", f"sat [b]{format_value(track.sat[i])}[/b]")]
        if self.show_all:
            parts += [(f"{d[:6]} {format_value(track.ratings[d][i])}", "") for d in track.dims]
        elif self.dim is not None:
            parts.append((f"{self.dim} {format_value(track.ratings[self.dim][i])}", ""))
        st = self._states.get(track.ids[i])
        if st is not None:
            parts.append((STATE_WORDS.get(st.state, st.state), ""))
        lo = track.days[i - 1] if i else -math.inf
        n = bisect_right(track.marker_days, track.days[i]) - bisect_right(track.marker_days, lo)
        if n:
            parts.append((f"{n} decision{'s' if n != 1 else ''}", f"{n} dec.", ""))
        if track.notes[i]:
            parts.append(("✎ note", "✎", ""))
        parts.append((f"{i + 1}/{track.n}",))
        return fit_parts(parts, width)

    def _update_cursor_label(self) -> None:
        label = self.query_one("#traj-cursor", Static)
        label.update(self.cursor_text(label.content_size.width or None))

    # -- cursor ------------------------------------------------------------------------------------------
    def _set_cursor(self, index: int) -> None:
        track = self.track
        if track is None or not track.n:
            return
        index = max(0, min(track.n - 1, index))
        if index == self.cursor and self.window != (0.0, 1.0):
            return
        self.cursor = index
        chart = self.query_one("#chart", BrailleChart)
        if self._fit_window():
            self.redraw()
            return
        if self.path_view:
            chart.move_cursor(point=index - getattr(self, "_path_offset", 0))
        else:
            chart.move_cursor(x=track.days[index])
        self._update_cursor_label()

    def action_move(self, step: int) -> None:
        self._set_cursor(self.cursor + step)

    def action_month(self, step: int) -> None:
        """Jump to the check-in nearest to a month earlier or later."""
        track = self.track
        if track is None or not track.n:
            return
        target = track.days[self.cursor] + step * MONTH_DAYS
        k = bisect_left(track.days, target)
        candidates = [c for c in (k - 1, k) if 0 <= c < track.n]
        best = min(candidates, key=lambda c: abs(track.days[c] - target))
        if best == self.cursor:
            best = self.cursor + step
        self._set_cursor(best)

    def action_ends(self, which: int) -> None:
        track = self.track
        if track is not None and track.n:
            self._set_cursor(0 if which < 0 else track.n - 1)

    def action_dimension(self, step: int) -> None:
        track = self.track
        if track is None or not track.dims:
            return
        self.dim_index = (self.dim_index + step) % len(track.dims)
        if self.show_all or self.path_view:
            self._update_cursor_label()
            self._update_labels()
        else:
            self.redraw()

    def action_zoom(self, step: int) -> None:
        new = max(0, min(len(ZOOMS) - 1, self.zoom + step))
        if new == self.zoom:
            self.notify("Zoomed in as far as it goes." if step < 0 else "Showing everything already.", timeout=2)
            return
        self.zoom = new
        self._fit_window(force=True)
        self.redraw()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        if self.path_view:
            self.path_view = False
        self.redraw()

    def action_toggle_path(self) -> None:
        self.path_view = not self.path_view
        self.redraw()

    # -- open / edit / delete ----------------------------------------------------------------------------
    def _current(self) -> tuple[Any, Any, list[Any]] | None:
        track = self.track
        if track is None or not track.n:
            return None
        journal = self.app.journal  # type: ignore[attr-defined]
        i = self.cursor
        checkin = journal.get_checkin(track.ids[i])
        if checkin is None:
            return None
        previous = journal.get_checkin(track.ids[i - 1]) if i else None
        since = previous.at.timestamp() if previous is not None else None
        until = checkin.at.timestamp()
        decisions = [d for d in journal.decisions(since=since) if d.created_at.timestamp() <= until
                     and str(d.status) != "dropped"] if (since is not None or i == 0) else []
        if i == 0:
            decisions = decisions[-20:]
        return checkin, previous, decisions

    def action_open(self) -> None:
        from coach.tui.screens.checkin_detail import CheckInDetailScreen

        current = self._current()
        if current is None:
            return
        checkin, previous, decisions = current
        st = self._states.get(checkin.id)
        text = f"The coach's view then: {STATE_WORDS.get(st.state, st.state)}. {st.explain()}" if st else ""
        self.app.push_screen(CheckInDetailScreen(checkin, decisions, previous, text), self._after_change)

    def action_edit(self) -> None:
        from coach.tui.screens.checkin import CheckInScreen

        current = self._current()
        if current is not None:
            self.app.push_screen(CheckInScreen(current[0]), lambda saved: self._after_change("edited" if saved
                                                                                             else None))

    @work
    async def action_delete(self) -> None:
        from coach.tui.screens.checkin_detail import confirm_delete

        current = self._current()
        if current is None:
            return
        checkin = current[0]
        ok = await self.app.push_screen_wait(confirm_delete(checkin))
        if ok:
            self.app.journal.delete_checkin(checkin.id)  # type: ignore[attr-defined]
            self.app.journal_changed()  # type: ignore[attr-defined]
            self.notify(f"Check-in of {checkin.at:%d %b %Y} deleted.")
            self._after_change("deleted")

    def _after_change(self, result: str | None) -> None:
        """Reload after an edit or a delete, keeping the cursor on (or just before) the same check-in."""
        track = self.track
        if result and track is not None and track.n:
            self.reload(track.ids[self.cursor])
