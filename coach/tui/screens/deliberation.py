"""Deliberating: the live countdown for budgets up to the config's limit, "sleep on it" for longer ones.

Every second of deliberation is recorded: a :class:`DeliberationSession` measures this visit with the
app's injectable clock and adds it to the journal (``add_deliberation``) when the visit ends — deciding,
Esc, dropping, or quitting the app (the screen's unmount) — and every 30 s in between, so even a killed
terminal loses at most half a minute. Sessions add up across app runs: a resumed decision starts from the
total recorded so far.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.widgets.option_list import Option

from coach.domain.models import Decision, Status
from coach.domain.sizing import SIZE_NAMES, Sizing
from coach.domain.timefmt import clock_text, format_duration
from coach.tui.breakpoints import preset_breakpoints
from coach.tui.widgets.countdown import Countdown, elapsed_text
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.too_small import TooSmall
from coach.tui.widgets.vim_list import VimOptionList

FLUSH_EVERY = 30.0  # seconds between checkpoints of the deliberation time
PICKABLE_UP_TO = 2  # "pick for me" is offered for sizes 1–2 only
SEED: int | None = None  # tests set this (or pass rng=) so "pick for me" is reproducible

PICK_REASON = (
    "On small decisions exploring beats deliberating; in Levitt's coin-toss study (2020) people nudged into a "
    "change were happier six months on. A nudge, never a command: Enter takes it, or choose another."
)


def make_rng(rng: random.Random | None) -> random.Random:
    return rng if rng is not None else random.Random(SEED)


def sizing_of(decision: Decision) -> Sizing | None:
    """Rebuild the sizing answers stored with a decision (None if they were recorded in another shape)."""
    raw = decision.sizing
    try:
        return Sizing(
            int(raw.get("quick", decision.magnitude)),  # type: ignore[arg-type]
            **{k: raw.get(k) if isinstance(raw.get(k), int) else None for k in ("reversibility", "stakes", "horizon")},
            effects={k: v for k, v in decision.effects.items() if -3 <= v <= 3},
        )
    except (TypeError, ValueError):
        return None


class DeliberationSession:
    """One visit's deliberation time, measured with the app's clock and written to the journal in pieces.

    ``freeze`` stops the count when a choice is made (filling the form is not deliberating); ``thaw``
    restarts it if the person goes back. Everything written goes through :meth:`flush`, so a piece is
    never counted twice.
    """

    def __init__(self, journal: object, decision_id: str, clock: Callable[[], float], before: float) -> None:
        self.journal = journal
        self.decision_id = decision_id
        self.clock = clock
        self.before = before
        self.started = clock()
        self.flushed = 0.0
        self.frozen_at: float | None = None
        self.paused_for = 0.0
        self.closed = False

    def seconds(self) -> float:
        """This visit's deliberation so far."""
        end = self.frozen_at if self.frozen_at is not None else self.clock()
        return max(0.0, end - self.started - self.paused_for)

    def total(self) -> float:
        """All deliberation on this decision: earlier sessions plus this one."""
        return self.before + self.seconds()

    def freeze(self) -> None:
        if self.frozen_at is None:
            self.frozen_at = self.clock()

    def thaw(self) -> None:
        """Back from the choice form: the count resumes (the form's time counts as thinking again)."""
        self.frozen_at = None

    def flush(self) -> float:
        """Add the unrecorded part of this visit to the journal; returns the seconds written."""
        if self.closed:
            return 0.0
        delta = self.seconds() - self.flushed
        if delta <= 0:
            return 0.0
        self.journal.add_deliberation(self.decision_id, delta)  # type: ignore[attr-defined]
        self.flushed += delta
        return delta

    def close(self) -> float:
        """The final flush: nothing is written after this."""
        written = self.flush()
        self.closed = True
        return written


class DeliberationScreen(Screen[None]):
    CSS_PATH = "deliberation.tcss"
    HELP_TITLE = "Deliberating"
    HELP = ("The budget is what this decision is worth. Choose with 1–9 (or ↑/↓ and Enter), d to decide "
            "with free text, p to let the coach pick on a small decision, Esc to leave it pending. Time past "
            "the budget keeps counting (+m:ss) and is recorded.")
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *[Binding(str(i), f"choose({i})", "", show=False) for i in range(2, 10)],
        Binding("d", "decide", "Decide"),
        Binding("enter", "decide", "Decide", show=False),
        Binding("p", "pick", "Pick for me"),
        Binding("x", "drop", "Drop"),
        Binding("escape", "leave", "Back (stays pending)"),
    ]

    def __init__(self, decision: Decision, *, fresh: bool = False, rng: random.Random | None = None) -> None:
        super().__init__()
        self.decision = decision
        self.fresh = fresh
        self.rng = make_rng(rng)
        self.picked: int | None = None
        self.session: DeliberationSession | None = None
        self._timer: Timer | None = None
        self._last_flush = 0.0

    # -- layout ------------------------------------------------------------------------------------------
    @property
    def live(self) -> bool:
        """A live countdown when the budget fits the config's countdown limit, else a deadline."""
        return self.decision.budget_seconds <= self.app.session.config.budget.countdown_limit

    def compose(self) -> ComposeResult:
        preset_breakpoints(self)
        d = self.decision
        self.session = DeliberationSession(self.app.journal, d.id, self.app.clock, d.spent_seconds)
        yield LeanHeader()
        with VerticalScroll(id="delib-body"):
            yield Static(f"[b]{escape(d.title)}[/b]", id="delib-title")
            yield Static(self._meta(), id="delib-meta", classes="muted")
            if self.live:
                yield Countdown(d.budget_seconds, self.session.total, id="countdown")
            else:
                yield Static("", id="sleep")
            yield Static("", id="prompt")
            yield Static("", id="pick", classes="hidden")
            if d.options:
                yield Static("Options — 1–9, or ↑/↓ and Enter:", id="options-label", classes="subhead")
                yield VimOptionList(*[Option(f"{i}  {escape(o)}", id=f"opt-{i}")
                                      for i, o in enumerate(d.options, 1)], id="delib-options")
        yield LeanFooter()
        yield TooSmall()

    def _meta(self) -> str:
        d = self.decision
        sizing = sizing_of(d)
        why = sizing.explain() if sizing is not None else f"size {d.magnitude} ({SIZE_NAMES.get(d.magnitude, '?')})"
        text = f"{escape(why)} · budget {format_duration(d.budget_seconds)}"
        if not self.fresh:
            text += f" · resumed: {elapsed_text(d.spent_seconds)} deliberated before"
        return text

    def on_mount(self) -> None:
        self._timer = self.set_interval(1.0, self.tick)
        self.tick()
        if self.decision.options:
            self.query_one("#delib-options", VimOptionList).focus()

    # -- the clock ---------------------------------------------------------------------------------------
    def tick(self) -> None:
        """Redraw from the clock and checkpoint the time every 30 s; tests call this after moving the clock."""
        session = self.session
        assert session is not None
        if self.live:
            countdown = self.query_one("#countdown", Countdown)
            countdown.tick()
            self.query_one("#prompt", Static).update(self._countdown_prompt(countdown.phase, countdown.remaining))
        else:
            self._update_sleep()
        if session.seconds() - self._last_flush >= FLUSH_EVERY and session.frozen_at is None:
            session.flush()
            self._last_flush = session.seconds()

    def _countdown_prompt(self, phase: str, remaining: float) -> str:
        spent = self.session.total() if self.session else 0.0
        if phase == "over":
            return (f"[b]⏰ Time to decide.[/b] {clock_text(remaining)} past the budget, counted and recorded. "
                    f"Choose now: more thinking is unlikely to change much.")
        if phase == "near":
            return f"[b]⚠ Nearly time[/b] ({elapsed_text(spent)} spent): settle on one."
        return (f"{elapsed_text(spent)} of {clock_text(self.decision.budget_seconds)} spent. Think it over; "
                f"d decides, Esc keeps it pending.")

    def _update_sleep(self) -> None:
        d, session = self.decision, self.session
        assert session is not None
        now: datetime = self.app.now()
        deadline = d.deadline
        lines = []
        if deadline is not None and deadline <= now:
            lines.append("[b]⏰ The deadline has passed: time to decide.[/b]")
        else:
            by = f"{deadline:%a %d %b %H:%M}" if deadline is not None else "when you are ready"
            left = f" (in {format_duration((deadline - now).total_seconds())})" if deadline is not None else ""
            lines.append(f"[b]💤 Sleep on it.[/b] This one deserves {format_duration(d.budget_seconds)}: "
                         f"decide by {by}{left}.")
            lines.append("It stays pending and comes back on the home screen; Esc leaves it for now.")
        lines.append(f"Deliberated: [b]{elapsed_text(session.total())}[/b] in all, "
                     f"{elapsed_text(session.seconds())} this session.")
        self.query_one("#sleep", Static).update("\n".join(lines))
        self.query_one("#prompt", Static).display = False

    # -- keys --------------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return self.decision.magnitude <= PICKABLE_UP_TO and len(self.decision.options) >= 2
        if action == "choose":
            return bool(parameters) and int(parameters[0]) <= len(self.decision.options)  # type: ignore[call-overload]
        return True

    def action_choose(self, number: int) -> None:
        if number <= len(self.decision.options):
            self.open_choice(number - 1)

    @on(VimOptionList.OptionSelected, "#delib-options")
    def _option_selected(self, event: VimOptionList.OptionSelected) -> None:
        event.stop()
        self.open_choice(event.option_index)

    def action_decide(self) -> None:
        """Decide now: with the coach's pick if one was made, else with the highlighted option or free text."""
        index = self.picked
        if index is None and self.decision.options:
            index = self.query_one("#delib-options", VimOptionList).highlighted
        self.open_choice(index)

    def action_pick(self) -> None:
        """Let the coach pick at random among the options (a nudge, shown with its reason)."""
        options = self.decision.options
        if len(options) < 2 or self.decision.magnitude > PICKABLE_UP_TO:
            return
        self.picked = self.rng.randrange(len(options))
        self.query_one("#delib-options", VimOptionList).highlighted = self.picked
        pick = self.query_one("#pick", Static)
        pick.update(f"[b]🎲 The coach picks: {self.picked + 1}  {escape(options[self.picked])}[/b]. {PICK_REASON}")
        pick.display = True

    def open_choice(self, index: int | None) -> None:
        """Freeze the count (the choice is made) and open the form that records it."""
        from coach.tui.screens.choose import ChooseScreen

        assert self.session is not None
        self.session.freeze()
        coach_picked = index is not None and index == self.picked
        self.app.push_screen(ChooseScreen(self.decision, self.session, index, coach_picked=coach_picked),
                             self._choice_done)

    def _choice_done(self, saved: bool | None) -> None:
        if saved:
            self.dismiss()
        else:
            assert self.session is not None
            self.session.thaw()
            self.tick()

    def action_leave(self) -> None:
        """Esc: record this session's time; the decision stays pending with its deadline."""
        self._end_session()
        self.notify(f"Kept pending: {self.decision.title} ({elapsed_text(self.session.total() if self.session else 0)}"
                    " deliberated in all).", markup=False)
        self.dismiss()

    def action_drop(self) -> None:
        from coach.tui.screens.confirm import ConfirmScreen

        def done(ok: bool | None) -> None:
            if ok:
                self._end_session()
                fresh = self.app.journal.get_decision(self.decision.id)
                if fresh is not None:
                    fresh.status = Status.DROPPED
                    self.app.journal.update_decision(fresh)
                self.app.journal_changed()
                self.notify(f"Dropped: {self.decision.title}", markup=False)
                self.dismiss()

        self.app.push_screen(ConfirmScreen(f"Drop “{self.decision.title}”? It stays in the journal as dropped."),
                             done)

    def _end_session(self) -> None:
        if self.session is not None and not self.session.closed:
            self.session.close()
            self.app.journal_changed()

    def on_unmount(self) -> None:
        """Quitting mid-countdown: the time so far is still recorded."""
        if self.session is not None and not self.session.closed:
            try:
                self.session.close()
            except Exception as err:  # the app is going away; say so rather than crash the exit
                self.log.error(f"could not record deliberation time: {err}")
