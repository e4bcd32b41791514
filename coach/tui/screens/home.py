"""The home screen: what is due first, then the last decisions and the overthinking figure.

It reads only what it shows (open decisions, the last check-in, the last month's decisions) so the first
frame stays close to a bare Textual app's, even on a ten-year journal.
"""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.domain.agenda import agenda
from coach.domain.models import Status
from coach.tui.widgets.too_small import TooSmall


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    HELP_TITLE = "Home"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(id="due")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        app = self.app
        now = app.now()
        journal = app.journal
        decisions = journal.decisions(status=(Status.PENDING, Status.DECIDED))
        todo = agenda(decisions, journal.last_checkin(), now, app.session.config.week_start_index)
        lines = ["[b]Due[/b]"]
        for d in todo.overdue:
            lines.append(f"  ⏰ {d.title} — time to decide")
        for d in todo.deadline_soon + todo.pending:
            lines.append(f"  … {d.title} — pending")
        for d in todo.outcomes_due:
            lines.append(f"  ✓ {d.title} — outcome due")
        if not todo.checked_in_this_week:
            lines.append("  ○ This week's check-in is not done yet (press c)")
        if len(lines) == 1:
            lines.append("  Nothing due. Press n to size a decision.")
        recent = journal.decisions(since=(now - timedelta(days=30)).timestamp())
        if recent:
            lines.append("")
            lines.append("[b]Recent decisions[/b]")
            lines.extend(f"  [size {d.magnitude}] {d.title} ({d.status})" for d in recent[-5:])
        self.query_one("#due", Static).update("\n".join(lines))
