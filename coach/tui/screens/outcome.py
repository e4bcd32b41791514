"""Reviewing an outcome: how it turned out, the change in satisfaction, "again?", and a note.

This closes the loop the essays ask for: a step's expected effect against what happened, so the coach can
later tell aim from luck. Only the result is required; a wrong number gets an inline message and nothing is
saved until it is fixed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from coach.domain.models import Decision, Outcome, Result, Status
from coach.tui.breakpoints import preset_breakpoints
from coach.tui.widgets.fields import FieldInput
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.level_picker import signed
from coach.tui.widgets.too_small import TooSmall

RESULTS = (Result.BETTER, Result.AS_EXPECTED, Result.WORSE)
RESULT_LABELS = {Result.BETTER: "Better (b)", Result.AS_EXPECTED: "As expected (e)", Result.WORSE: "Worse (w)"}


def parse_change(text: str) -> float | None:
    """The satisfaction change, −10…+10 (blank = not given). Raises ValueError with a message fit to show."""
    cleaned = text.strip().replace("−", "-").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"The satisfaction change is a number from −10 to +10, not {text.strip()!r}.") from None
    if not -10 <= value <= 10:
        raise ValueError(f"The satisfaction change must be between −10 and +10, not {value:g}.")
    return value


def summary(decision: Decision) -> str:
    """What was decided and expected, so the review compares against it."""
    parts = [f"You chose [b]{escape(decision.choice or '—')}[/b]"]
    if decision.decided_at is not None:
        parts.append(f"on {decision.decided_at:%a %d %b %Y}")
    if decision.confidence is not None:
        parts.append(f"({decision.confidence * 100:.0f}% sure)")
    text = " ".join(parts) + "."
    if decision.effects:
        text += " Expected: " + ", ".join(f"{escape(k)} {signed(v)}" for k, v in decision.effects.items()) + "."
    return text


def mixed_remark(result: Result, change: float | None) -> str:
    """A word when the verdict and the satisfaction change point opposite ways ("better", yet −2): both are
    kept as said, since a step can be right and still cost something, but it should not pass unnoticed."""
    if change is None or not ((result is Result.BETTER and change < 0) or (result is Result.WORSE and change > 0)):
        return ""
    moved = "fell" if change < 0 else "rose"
    return f" Kept as you said, though your satisfaction {moved} by {abs(change):g}."


class OutcomeScreen(Screen[bool]):
    CSS_PATH = "outcome.tcss"
    HELP_TITLE = "Outcome review"
    HELP = "How did it turn out? b/e/w for the result, y/n for 'again?', then ctrl+s saves. Esc leaves unsaved."
    BINDINGS = [
        Binding("b", "result(0)", "Better"),
        Binding("e", "result(1)", "As expected"),
        Binding("w", "result(2)", "Worse"),
        Binding("y", "again(True)", "Again: yes"),
        Binding("n", "again(False)", "Again: no"),
        Binding("ctrl+s", "save", "Save review"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, decision: Decision) -> None:
        super().__init__()
        self.decision = decision

    def compose(self) -> ComposeResult:
        preset_breakpoints(self)
        d = self.decision
        yield LeanHeader()
        with VerticalScroll(id="outcome-body"):
            yield Static(f"[b]Outcome:[/b] {escape(d.title)}", id="outcome-title")
            yield Static(summary(d), id="outcome-summary", classes="muted")
            yield Label("How did it turn out?", classes="subhead")
            with RadioSet(id="result"):
                for result in RESULTS:
                    yield RadioButton(RESULT_LABELS[result], id=f"r-{result}")
            with Horizontal(classes="row"):
                yield Label("Satisfaction change (−10 … +10)")
                yield FieldInput(placeholder="e.g. +2", id="change", compact=True)
            yield Label("Would you decide the same again?", classes="subhead")
            with RadioSet(id="again"):
                yield RadioButton("Yes (y)", id="again-yes")
                yield RadioButton("No (n)", id="again-no")
            with Horizontal(classes="row"):
                yield Label("Note")
                yield FieldInput(placeholder="what happened, what you learnt", id="note", compact=True)
            yield Static("", id="outcome-error", classes="error")
            yield Button("Save review", id="save", variant="primary", compact=True)
        yield LeanFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        self.query_one("#result", RadioSet).focus()

    def action_result(self, index: int) -> None:
        self.query_one(f"#r-{RESULTS[index]}", RadioButton).value = True

    def action_again(self, yes: bool) -> None:
        self.query_one("#again-yes" if yes else "#again-no", RadioButton).value = True

    def _result(self) -> Result | None:
        pressed = self.query_one("#result", RadioSet).pressed_index
        return RESULTS[pressed] if pressed >= 0 else None

    def _again(self) -> bool | None:
        pressed = self.query_one("#again", RadioSet).pressed_index
        return None if pressed < 0 else pressed == 0

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def fail(self, message: str, field: str) -> None:
        self.query_one("#outcome-error", Static).update(f"⚠ {escape(message)}")
        self.query_one(field).focus()

    def action_save(self) -> None:
        result = self._result()
        if result is None:
            self.fail("How did it turn out? Press b (better), e (as expected) or w (worse).", "#result")
            return
        try:
            change = parse_change(self.query_one("#change", Input).value)
        except ValueError as err:
            self.fail(str(err), "#change")
            return
        app = self.app
        fresh = app.journal.get_decision(self.decision.id) or self.decision
        fresh.outcome = Outcome(result=result, satisfaction_change=change, again=self._again(),
                                note=self.query_one("#note", Input).value.strip(), reviewed_at=app.now())
        fresh.status = Status.REVIEWED
        app.journal.update_decision(fresh)
        app.journal_changed()
        self.notify(f"Reviewed: {fresh.title} — {result.value.replace('_', ' ')}.{mixed_remark(result, change)}",
                    markup=False)
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
