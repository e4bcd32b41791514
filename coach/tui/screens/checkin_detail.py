"""Detail views opened from the review and the trajectory: a check-in, a decision, and a yes/no confirmation.

Why modal screens: they sit over the chart or the review without losing its cursor or week, and Esc
returns exactly where the person was. A check-in shows its note and the decisions taken since the previous
check-in (each openable); ``e`` edits it in the check-in form and ``d`` deletes it after a confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.domain.models import CheckIn, Decision, Status
from coach.domain.sizing import SIZE_NAMES
from coach.domain.timefmt import format_duration
from coach.tui.screens.checkin import long_date, short_date
from coach.tui.screens.confirm import ConfirmScreen
from coach.tui.widgets.rating import format_value


def open_decision(app: Any, decision: Decision, callback: Callable[[Any], None] | None = None) -> None:
    """Open a decision: its outcome review when it is decided (the review is due or early), else its details."""
    if decision.status is Status.DECIDED:
        from coach.tui.screens.outcome import OutcomeScreen

        app.push_screen(OutcomeScreen(decision), callback)
    else:
        app.push_screen(DecisionDetailScreen(decision), callback)


def decision_lines(d: Decision) -> list[str]:
    """Everything recorded about a decision, in words (markup-escaped)."""
    lines = [f"[b]{escape(d.title)}[/b]",
             f"Size {d.magnitude} ({SIZE_NAMES.get(d.magnitude, '?')}) · {d.status} · created "
             f"{short_date(d.created_at)}"]
    if d.options:
        lines.append("Options: " + escape(" / ".join(d.options)))
    if d.choice:
        lines.append(f"Chose: {escape(d.choice)}" + (" (picked by the coach)" if d.coach_picked else "")
                     + (f" on {short_date(d.decided_at)}" if d.decided_at else ""))
    budget = format_duration(d.budget_seconds)
    lines.append(f"Deliberation: {format_duration(d.spent_seconds)} of a {budget} budget ({d.over_budget:.1f}×)")
    if d.effects:
        lines.append("Expected effect: " + ", ".join(f"{k} {v:+d}" for k, v in d.effects.items() if v))
    if d.confidence is not None:
        lines.append(f"Confidence: {d.confidence:.0%}")
    if d.outcome is not None:
        o = d.outcome
        change = "" if o.satisfaction_change is None else f", satisfaction {o.satisfaction_change:+g}"
        again = "" if o.again is None else (", would do it again" if o.again else ", would not do it again")
        lines.append(f"Outcome: {str(o.result).replace('_', ' ')}{change}{again}"
                     + (f" — {escape(o.note)}" if o.note else ""))
    elif d.review_on is not None:
        lines.append(f"Outcome review {'due since' if d.status == 'decided' else 'on'} {short_date(d.review_on)}")
    return lines


def confirm_delete(checkin: CheckIn) -> ConfirmScreen:
    """The question before deleting a check-in: which one, and that it cannot be undone."""
    return ConfirmScreen(f"Delete the check-in of {long_date(checkin.at)} (satisfaction "
                         f"{format_value(checkin.satisfaction)})?\nThis cannot be undone (your daily backups "
                         "still hold it).", yes="Delete", no="Keep")


class DecisionDetailScreen(ModalScreen[None]):
    """One decision's record; Esc closes."""

    HELP_TITLE = "Decision"
    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close", key_display="esc")]
    DEFAULT_CSS = """
    DecisionDetailScreen { align: center middle; }
    DecisionDetailScreen > VerticalScroll {
        width: 80%; max-width: 90; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    """

    def __init__(self, decision: Decision) -> None:
        super().__init__()
        self.decision = decision

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("\n".join(decision_lines(self.decision)), id="decision-detail")
            yield Static("esc closes", classes="muted")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class CheckInDetailScreen(ModalScreen[str | None]):
    """A check-in with its note and the decisions since the previous one.

    Dismisses with ``"edited"`` or ``"deleted"`` when the journal changed, so the caller can reload.
    """

    HELP_TITLE = "Check-in"
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("escape,q", "close", "Close", key_display="esc"),
    ]
    DEFAULT_CSS = """
    CheckInDetailScreen { align: center middle; }
    CheckInDetailScreen > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    CheckInDetailScreen #checkin-detail { height: auto; }
    CheckInDetailScreen OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, checkin: CheckIn, decisions: list[Decision], previous: CheckIn | None = None,
                 state_text: str = "") -> None:
        super().__init__()
        self.checkin, self.decisions, self.previous, self.state_text = checkin, decisions, previous, state_text
        self.changed: str | None = None

    def compose(self) -> ComposeResult:
        c = self.checkin
        lines = [f"[b]Check-in of {long_date(c.at)}[/b], {c.at:%H:%M}"]
        prev = self.previous
        parts = []
        for name, value in [("satisfaction", c.satisfaction), *c.ratings.items()]:
            before = None if prev is None else (prev.satisfaction if name == "satisfaction" else
                                                 prev.ratings.get(name))
            change = "" if before is None or before == value else f" ({value - before:+g})"
            parts.append(f"{name} {format_value(value)}{change}")
        lines.append(", ".join(parts))
        if prev is not None:
            lines.append(f"[dim]changes against {short_date(prev.at)}[/dim]")
        if self.state_text:
            lines.append(escape(self.state_text))
        lines.append("")
        lines.append("Note: " + (escape(c.note) if c.note else "[dim](none)[/dim]"))
        lines.append("")
        since = f"since {short_date(prev.at)}" if prev is not None else "before it"
        n = len(self.decisions)
        lines.append(f"[b]{n} decision{'s' if n != 1 else ''} {since}[/b]" + (" — Enter opens one" if n else ""))
        with Vertical():
            yield Static("\n".join(lines), id="checkin-detail")
            if self.decisions:
                yield OptionList(*[Option(self._label(d), id=d.id) for d in self.decisions], id="checkin-decisions")
            yield Static("e edit · d delete · esc close", classes="muted")

    @staticmethod
    def _label(d: Decision) -> str:
        return f"[size {d.magnitude}] {d.title} — {d.status}" + (f": {d.choice}" if d.choice else "")

    @on(OptionList.OptionSelected, "#checkin-decisions")
    def _open(self, event: OptionList.OptionSelected) -> None:
        chosen = next(d for d in self.decisions if d.id == event.option.id)
        self.app.push_screen(DecisionDetailScreen(chosen))

    def action_close(self) -> None:
        self.dismiss(self.changed)

    def action_edit(self) -> None:
        from coach.tui.screens.checkin import CheckInScreen

        def done(saved: CheckIn | None) -> None:
            if saved is not None:
                self.dismiss("edited")

        self.app.push_screen(CheckInScreen(self.checkin), done)

    @work
    async def action_delete(self) -> None:
        """Delete after a confirmation that says which check-in and that it cannot be undone."""
        c = self.checkin
        ok = await self.app.push_screen_wait(confirm_delete(c))
        if not ok:
            return
        self.app.journal.delete_checkin(c.id)  # type: ignore[attr-defined]
        self.app.journal_changed()  # type: ignore[attr-defined]
        self.app.notify(f"Check-in of {short_date(c.at)} deleted.")
        self.dismiss("deleted")
