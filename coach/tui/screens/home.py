"""The home screen: what is due first, then the last decisions and the overthinking figure.

It reads only what it shows — the open decisions, the last check-in and the last 30 days' decisions — and
imports nothing heavy, so the first frame stays close to a bare Textual app's, even on a ten-year journal.
Everything is one list (j/k or arrows, Enter, mouse): Enter resumes a pending decision, opens the review of
an outcome that is due, or opens the check-in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.domain import overthinking
from coach.domain.agenda import agenda
from coach.domain.models import Decision, Status
from coach.domain.timefmt import format_duration
from coach.tui.breakpoints import preset_breakpoints
from coach.tui.returning import ReadsAgainOnReturn
from coach.tui.widgets.glance_list import GlanceList, Row
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.too_small import TooSmall

RECENT = 3
STATUS_GLYPH = {Status.PENDING: "…", Status.DECIDED: "✓", Status.REVIEWED: "★", Status.DROPPED: "✗"}


def _when(moment: datetime, now: datetime) -> str:
    """A deadline people read at a glance: a weekday and time within a week, else a date (with its year when
    that is not this year's: an outcome left unreviewed for years must not read as due since last month)."""
    if abs(moment - now) < timedelta(days=6):
        return f"{moment:%a %H:%M}"
    return f"{moment:%d %b}" if moment.year == now.year else f"{moment:%d %b %Y}"


def times(ratio: float) -> str:
    """``1.4×``; tiny ratios as ``<0.1×`` rather than a misleading ``0.0×``."""
    return "<0.1×" if 0 < ratio < 0.05 else f"{ratio:.1f}×"


def overthinking_text(decisions: list[Decision], now: datetime) -> str:
    """The 30-day figure with its evidence (how many decisions, per size), or what it will show."""
    total = overthinking.overall(decisions, now)
    if total is None:
        return ("[b]Overthinking[/b] (last 30 days): no decided decisions yet — it will show the time you "
                "spent deliberating against each budget.")
    by_size = overthinking.median_by_size(decisions, now)
    sizes = " · ".join(f"size {s}: {times(f.median)} ({f.count})" for s, f in by_size.items())
    return (f"[b]Overthinking[/b] (last 30 days): median [b]{times(total.median)}[/b] the budget — "
            f"{overthinking.verdict(total.median)}, {total.count} decision{'s' if total.count != 1 else ''}.\n"
            f"By size (median, count): {sizes}")


# Per kind: the home screen is a glance, not a ledger. Three of each plus their "and N more" lines, the
# week's check-in and three recent decisions fill an 80×24 terminal with nothing below the fold, even when
# everything is overdue (with five, the recent decisions were out of sight on a busy journal).
DUE_SHOWN = 3


def _capped(rows: list[Row], what: str, expanded: bool) -> list[Row]:
    """The first DUE_SHOWN rows and a line saying how many more there are (Enter on it shows them all)."""
    if expanded or len(rows) <= DUE_SHOWN:
        return rows
    more = Row(f"   … and {len(rows) - DUE_SHOWN} more {what} (Enter shows them)", id=f"more:{what.split()[0]}")
    return [*rows[:DUE_SHOWN], more]


class HomeScreen(ReadsAgainOnReturn, Screen[None]):
    # The app builds Home through get_default_screen, and Textual loads a screen's CSS_PATH only when it is
    # pushed, switched to or built from MODES: so the stylesheet comes in as DEFAULT_CSS, read once here.
    DEFAULT_CSS = (Path(__file__).parent / "home.tcss").read_text(encoding="utf-8")
    HELP_TITLE = "Home"
    HELP = ("What is due comes first: decisions whose deadline is near or past, outcomes to review, the weekly "
            "check-in (three of each kind; Enter on “… and N more” shows the rest). Enter resumes a pending "
            "decision or opens an outcome review; x drops a decision.")
    BINDINGS = [
        Binding("x", "drop", "Drop decision", show=False),
        Binding("escape", "top", "Back to the top", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._expanded: set[str] = set()  # kinds of due rows shown in full ("pending", "outcomes")

    def compose(self) -> ComposeResult:
        # Built with its rows, so the first frame is laid out once: filling an empty list after mounting
        # costs a second layout and a repaint of every row (measured: a tenth of the start-up on a big journal).
        preset_breakpoints(self)
        rows, overthinking_line = self._content()
        yield LeanHeader()
        yield GlanceList(rows, id="home-list")
        yield Static(overthinking_line, id="overthinking")
        yield LeanFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        self.query_one("#home-list", GlanceList).focus()

    def on_return(self) -> None:
        self.refresh_view()

    # -- content -----------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        rows, overthinking_line = self._content()
        items = self.query_one("#home-list", GlanceList)
        current = items.highlighted_row
        keep = current.id if current is not None else None
        ids = [row.id for row in rows if row is not None and row.id]
        if keep in ids and any(items.index_of(row_id) is None for row_id in ids[:ids.index(keep)]):
            keep = None  # something new came up above it (a decision left pending, an outcome due): the top
        # the cursor stays on its item; when that is gone (decided, reviewed) it starts at the top
        items.set_rows(rows, keep=keep)
        self.query_one("#overthinking", Static).update(overthinking_line)

    def _content(self) -> tuple[list[Row | None], str]:
        """The list's rows and the overthinking line, read from the journal."""
        app = self.app
        now = app.now()
        journal = app.journal
        open_ones = journal.decisions(status=(Status.PENDING, Status.DECIDED))
        todo = agenda(open_ones, journal.last_checkin(), now, app.session.config.week_start_index)
        recent = journal.decisions(since=(now - timedelta(days=30)).timestamp())

        rows: list[Row | None] = [Row("Due", bold=True)]
        open_rows = [
            Row(f"⏰ {d.title} — deadline passed: time to decide", id=f"pending:{d.id}") for d in todo.overdue
        ] + [
            Row(f"⏳ {d.title} — {f'decide by {_when(d.deadline, now)}' if d.deadline else 'pending'}",
                id=f"pending:{d.id}")
            for d in todo.deadline_soon + todo.pending
        ]
        due_rows = [
            Row(f"✎ {d.title} — outcome due{f' since {_when(d.review_on, now)}' if d.review_on else ''}"
                ": how did it go?", id=f"outcome:{d.id}")
            for d in todo.outcomes_due
        ]
        rows.extend(_capped(open_rows, "pending decisions", "pending" in self._expanded))
        rows.extend(_capped(due_rows, "outcomes due", "outcomes" in self._expanded))
        due_ids = {d.id for d in todo.open_decisions + todo.outcomes_due}
        if todo.checked_in_this_week:
            last = todo.last_checkin
            day = f" ({last.at:%a %d %b})" if last is not None else ""
            rows.append(Row(f"✓ This week's check-in is done{day}", id="checkin"))
        else:
            rows.append(Row("○ This week's check-in is not done yet — Enter or c", id="checkin"))
        if len(rows) == 2 and todo.checked_in_this_week:
            rows.insert(1, Row("Nothing due. Press n to size a decision."))
        if todo.last_checkin is None and not open_ones and not recent:
            rows.append(Row(Content.assemble(
                "New here? Quit (q) and run ", ("coach --demo", "bold"), " to explore 18 months of sample data "
                "(kept in a temporary folder; your journal is not touched).")))

        latest = [d for d in reversed(recent) if d.id not in due_ids][:RECENT]
        rows.append(None)
        rows.append(Row("Recent decisions", bold=True))
        if latest:
            rows.extend(Row(self._recent_text(d), id=f"recent:{d.id}") for d in latest)
        else:
            rows.append(Row("None in the last 30 days. Press n to size one."))
        return rows, overthinking_text(recent, now)

    @staticmethod
    def _recent_text(d: Decision) -> str:
        glyph = STATUS_GLYPH.get(d.status, "·")
        detail = {
            Status.PENDING: "pending",
            Status.DECIDED: f"chose {d.choice or '—'}",
            Status.REVIEWED: f"chose {d.choice or '—'}, "
                             f"{d.outcome.result.value.replace('_', ' ') if d.outcome else 'reviewed'}",
            Status.DROPPED: "dropped",
        }[d.status]
        spent = f"{format_duration(d.spent_seconds)} of {format_duration(d.budget_seconds)}"
        return f"{glyph} [size {d.magnitude}] {d.title} — {detail} · {spent}"

    # -- actions -----------------------------------------------------------------------------------------
    def _selected(self) -> tuple[str, Decision | None]:
        row = self.query_one("#home-list", GlanceList).highlighted_row
        if row is None or row.id is None:
            return "", None
        kind, _, ident = row.id.partition(":")
        return kind, (self.app.journal.get_decision(ident) if ident else None)

    @on(GlanceList.Selected, "#home-list")
    def _open(self, event: GlanceList.Selected) -> None:
        self.open_item(event.row.id or "")

    def open_item(self, option_id: str) -> None:
        """Enter: resume a pending decision, review an outcome (early if need be), or open the check-in."""
        kind, _, ident = option_id.partition(":")
        if kind == "more":  # the whole list of that kind, the cursor on the first row it was hiding
            self._expanded.add(ident)
            items = self.query_one("#home-list", GlanceList)
            first_hidden = items.index_of(option_id)
            self.refresh_view()
            items.highlighted = first_hidden
            return
        if kind == "checkin":
            self.app.action_checkin()
            return
        decision = self.app.journal.get_decision(ident) if ident else None
        if decision is None:
            return
        if decision.status is Status.PENDING:
            from coach.tui.screens.deliberation import DeliberationScreen

            self.app.push_screen(DeliberationScreen(decision))
        elif decision.status is Status.DECIDED:
            from coach.tui.screens.outcome import OutcomeScreen

            self.app.push_screen(OutcomeScreen(decision))
        else:
            outcome = decision.outcome
            how = outcome.result.value.replace("_", " ") if outcome else str(decision.status)
            self.notify(f"{decision.title}: {decision.status} ({how}); nothing left to do.", markup=False)

    def action_drop(self) -> None:
        """Drop the highlighted pending or decided decision, after a confirmation."""
        from coach.tui.screens.confirm import ConfirmScreen

        _, decision = self._selected()
        if decision is None or decision.status not in (Status.PENDING, Status.DECIDED):
            self.notify("Highlight a pending or decided decision to drop it.", severity="warning")
            return

        def done(ok: bool | None) -> None:
            if ok and decision is not None:
                decision.status = Status.DROPPED
                self.app.journal.update_decision(decision)
                self.app.journal_changed()
                self.notify(f"Dropped: {decision.title}", markup=False)
                self.refresh_view()

        self.app.push_screen(ConfirmScreen(f"Drop “{decision.title}”? It stays in the journal as dropped."), done)

    def action_top(self) -> None:
        self.query_one("#home-list", GlanceList).action_first()
