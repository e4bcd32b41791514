"""Recording a decision: the choice, its expected effect per dimension, a confidence and a review date.

Nothing is written until every field reads right; a bad field gets an inline message and the focus. The
predicted change in satisfaction comes from the analytics only: while they load, or when they have no
estimate for this step, the line stays empty rather than show a made-up number.
"""

from __future__ import annotations

from datetime import date, datetime, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static
from textual.widgets.option_list import Option

from coach.domain.models import Decision, Status
from coach.domain.sizing import review_after
from coach.domain.timefmt import format_duration, parse_when
from coach.tui.app import AnalysisReady
from coach.tui.breakpoints import preset_breakpoints
from coach.tui.screens.deliberation import DeliberationSession, sizing_of
from coach.tui.widgets.countdown import elapsed_text
from coach.tui.widgets.fields import FieldInput
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.level_picker import LevelPicker, signed
from coach.tui.widgets.too_small import TooSmall
from coach.tui.widgets.vim_list import VimOptionList

REVIEW_TIME = time(9, 0)  # a date-only review day means that morning


def parse_confidence(text: str) -> float | None:
    """``"70"`` or ``"70%"`` → 0.7; blank → None. Raises ValueError with a message fit to show."""
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise ValueError(f"Confidence must be a whole number from 0 to 100, not {text.strip()!r}.")
    value = int(cleaned)
    if value > 100:
        raise ValueError(f"Confidence is a percentage: 0 to 100, not {value}.")
    return value / 100


def parse_review(text: str, now: datetime) -> datetime:
    """A review day (``YYYY-MM-DD``: that morning in the current offset, or now if it is today and the
    morning has gone) or moment; not in the past."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("A review date is needed: when will you know how it went? (YYYY-MM-DD)")
    try:
        if len(cleaned) == 10:
            day = date.fromisoformat(cleaned)
            moment = max(datetime.combine(day, REVIEW_TIME, tzinfo=now.tzinfo), now)
            past = day < now.date()
        else:
            moment = parse_when(cleaned)
            past = moment < now
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a date: use YYYY-MM-DD.") from None
    if past:
        raise ValueError(f"The review date {cleaned} is in the past: pick today or a later day.")
    return moment


def prediction_text(analysis: object, effects: dict[str, int], size: int) -> str:
    """The analytics' predicted Δ satisfaction with its range, or "" when there is none to show."""
    if analysis is None or not hasattr(analysis, "predict"):
        return ""
    try:
        result = analysis.predict(effects, size)
    except Exception:  # an estimate that fails is not shown: never a made-up number
        return ""
    if result is None:
        return ""
    mean, low, high = result
    return (f"Predicted change in satisfaction for this step: [b]{mean:+.1f}[/b] (range {low:+.1f} to "
            f"{high:+.1f}). Far from where you are, the estimate is a guess.")


class ChooseScreen(Screen[bool]):
    CSS_PATH = "choose.tcss"
    HELP_TITLE = "Decide"
    HELP = ("Record what you chose, what you expect it to change (−3…+3 per dimension), how sure you are, and "
            "when to look back at how it went. Ctrl+S saves; Esc goes back to deliberating.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save decision"),
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *[Binding(str(i), f"choose({i})", "", show=False) for i in range(2, 10)],
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, decision: Decision, session: DeliberationSession, index: int | None = None, *,
                 coach_picked: bool = False) -> None:
        super().__init__()
        self.decision = decision
        self.session = session
        self.index = index if index is not None and 0 <= index < len(decision.options) else None
        self.coach_index = self.index if coach_picked else None

    # -- layout ------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        preset_breakpoints(self)
        d = self.decision
        yield LeanHeader()
        with VerticalScroll(id="choose-body"):
            yield Static(f"[b]Decide:[/b] {escape(d.title)}", id="choose-title")
            yield Static(self._deliberated(), id="deliberated", classes="muted")
            if d.options:
                yield Static("Your choice — 1–9 or ↑/↓, or type your own below:", classes="subhead")
                yield VimOptionList(*[Option(f"{i}  {escape(o)}", id=f"choice-{i}")
                                      for i, o in enumerate(d.options, 1)], id="choice-list")
            placeholder = "…or type your own choice" if d.options else "What did you decide?"
            yield FieldInput(placeholder=placeholder, id="other", compact=True)
            yield Static("", id="chosen")
            yield Static("Expected effect per dimension (−3 … +3), from the sizing — ←/→ to change:",
                         classes="subhead")
            with Grid(id="effects"):
                for i, dim in enumerate(self._dimensions()):
                    yield LevelPicker(dim, -3, 3, signed, value=d.effects.get(dim, 0), optional=False,
                                      label_width=14, id=f"eff-{i}", classes="effect")
            with Horizontal(id="numbers"):
                yield Label("Confidence %")
                yield FieldInput(placeholder="0–100", id="confidence", compact=True)
                yield Label("Review on")
                yield FieldInput(self._default_review(), id="review", compact=True)
            yield Static("", id="prediction")
            yield Static("", id="choose-error", classes="error hidden")
            yield Button("Save decision", id="save", variant="primary", compact=True)
        yield LeanFooter()
        yield TooSmall()

    def _dimensions(self) -> list[str]:
        names = [dim.name for dim in self.app.journal.dimensions()]
        return names + [n for n in self.decision.effects if n not in names]

    def _default_review(self) -> str:
        sizing = sizing_of(self.decision)
        horizon = sizing.horizon if sizing is not None else None
        return (self.app.now() + review_after(self.decision.magnitude, horizon)).date().isoformat()

    def _deliberated(self) -> str:
        total, budget = self.session.total(), self.decision.budget_seconds
        if total > budget:
            return (f"Deliberated {elapsed_text(total)}: +{elapsed_text(total - budget)} over the "
                    f"{format_duration(budget)} budget.")
        return f"Deliberated {elapsed_text(total)} of a {format_duration(budget)} budget."

    def on_mount(self) -> None:
        if self.decision.options:
            options = self.query_one("#choice-list", VimOptionList)
            if self.index is not None:
                options.highlighted = self.index
            options.focus()
        else:
            self.query_one("#other", Input).focus()
        self.update_chosen()
        self.update_prediction()

    # -- state -------------------------------------------------------------------------------------------
    def choice(self) -> str:
        """Free text wins over the list; otherwise the highlighted option."""
        other = self.query_one("#other", Input).value.strip()
        if other:
            return other
        return self.decision.options[self.index] if self.index is not None else ""

    @property
    def coach_picked(self) -> bool:
        return (self.coach_index is not None and self.index == self.coach_index
                and not self.query_one("#other", Input).value.strip())

    def effects(self) -> dict[str, int]:
        return {p.label: int(p.value) for p in self.query(".effect").results(LevelPicker) if p.value}

    def update_chosen(self) -> None:
        choice = self.choice()
        text = f"Choice: [b]● {escape(choice)}[/b]" if choice else "Choice: ○ none yet"
        if self.coach_picked:
            text += "  (the coach's pick)"
        self.query_one("#chosen", Static).update(text)

    def update_prediction(self) -> None:
        text = prediction_text(self.app.analysis, self.effects(), self.decision.magnitude)
        line = self.query_one("#prediction", Static)
        line.update(text)
        line.display = bool(text)

    def on_analysis_ready(self, _: AnalysisReady) -> None:
        self.update_prediction()

    # -- events ------------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return bool(parameters) and int(parameters[0]) <= len(self.decision.options)  # type: ignore[call-overload]
        return True

    def action_choose(self, number: int) -> None:
        if number <= len(self.decision.options):
            self.query_one("#choice-list", VimOptionList).highlighted = number - 1

    @on(VimOptionList.OptionHighlighted, "#choice-list")
    def _highlighted(self, event: VimOptionList.OptionHighlighted) -> None:
        self.index = event.option_index
        self.update_chosen()

    @on(VimOptionList.OptionSelected, "#choice-list")
    def _selected(self, event: VimOptionList.OptionSelected) -> None:
        self.index = event.option_index
        self.query_one("#other", Input).value = ""
        self.update_chosen()
        if self.query("#eff-0"):
            self.query_one("#eff-0", LevelPicker).focus()

    @on(Input.Changed, "#other")
    def _other_changed(self) -> None:
        self.update_chosen()

    @on(LevelPicker.Changed)
    def _effect_changed(self) -> None:
        self.update_prediction()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "other":
            self.focus_next()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def fail(self, message: str, field: str) -> None:
        error = self.query_one("#choose-error", Static)
        error.update(f"⚠ {escape(message)}")
        error.display = True
        self.query_one(field).focus()

    def action_save(self) -> None:
        """Validate every field; write the decision and its deliberation in one transaction."""
        app = self.app
        now = app.now()
        choice = self.choice()
        if not choice:
            self.fail("Choose an option (1–9) or type what you decided.",
                      "#choice-list" if self.decision.options else "#other")
            return
        try:
            confidence = parse_confidence(self.query_one("#confidence", Input).value)
        except ValueError as err:
            self.fail(str(err), "#confidence")
            return
        try:
            review_on = parse_review(self.query_one("#review", Input).value, now)
        except ValueError as err:
            self.fail(str(err), "#review")
            return
        flushed_before = self.session.flushed
        journal = app.journal
        try:
            with journal.transaction():
                self.session.flush()
                fresh = journal.get_decision(self.decision.id) or self.decision
                fresh.status = Status.DECIDED
                fresh.choice = choice
                fresh.coach_picked = self.coach_picked
                fresh.effects = self.effects()
                fresh.confidence = confidence
                fresh.review_on = review_on
                fresh.decided_at = now
                journal.update_decision(fresh)
        except Exception as err:
            self.session.flushed = flushed_before
            self.fail(f"Could not save: {err}", "#save")
            return
        self.session.closed = True
        app.journal_changed()
        self.notify(f"Decided: {choice}. Review on {review_on:%a %d %b}.", markup=False)
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
