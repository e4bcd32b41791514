"""A new decision: name it (and its options), size it, optionally refine the size, then start deliberating.

One screen with three steps (describe → size → refine) in a ContentSwitcher, so Esc steps back without
losing answers, and starting the deliberation *replaces* this screen: from the countdown, Esc goes home
(the decision is already saved as pending), never back into a half-finished form.

The size comes from :mod:`coach.domain.sizing` (the documented formula); this screen only collects the
answers and shows the result with its reason and the budget it earns.
"""

from __future__ import annotations

import random
from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Label, Static, TextArea
from textual.widgets.option_list import Option

from coach.domain.models import Decision, Status
from coach.domain.sizing import FACTOR_LEVELS, SIZE_EXAMPLES, SIZE_NAMES, Sizing, budget_seconds
from coach.domain.timefmt import format_duration
from coach.tui.breakpoints import preset_breakpoints
from coach.tui.widgets.fields import FieldInput, KeysInOrder
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.level_picker import LevelPicker, signed
from coach.tui.widgets.too_small import TooSmall
from coach.tui.widgets.vim_list import VimOptionList

STEPS = ("describe", "size", "refine")
MAX_OPTIONS = 9  # keys 1–9 choose one later


class FieldTextArea(KeysInOrder, TextArea):
    """The options box (the one multi-line field: kept here, so the other forms do not import TextArea)."""


def parse_options(text: str) -> list[str]:
    """One option per non-blank line, trimmed, duplicates dropped (keeping the first)."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def budget_for(sizing: Sizing, app: object) -> float:
    """The deliberation budget for a sizing with the config's scale."""
    scale = app.session.config.budget  # type: ignore[attr-defined]
    return budget_seconds(sizing.magnitude, scale.smallest, scale.largest)


def budget_line(budget: float, countdown_limit: float, deadline_text: str) -> str:
    """What the budget means: a live countdown, or a deadline to sleep on."""
    if budget <= countdown_limit:
        return f"Budget [b]{format_duration(budget)}[/b]: a live countdown starts when you press Enter."
    return (f"Budget [b]{format_duration(budget)}[/b]: too long for a countdown, so sleep on it — "
            f"decide by {deadline_text}; coach brings it back on the home screen.")


def factor_text(factor: str, quick: int | None) -> object:
    """Describe a factor's level; unanswered shows what it falls back to."""
    def describe(value: int | None) -> str:
        if value is None:
            return "— (follows your quick pick)" if quick is None else f"— (as size {quick})"
        return f"{value} {FACTOR_LEVELS[factor][value - 1]}"
    return describe


class NewDecisionScreen(Screen[None]):
    CSS_PATH = "decision.tcss"
    HELP_TITLE = "New decision"
    HELP = ("Name the decision, then say how big it is: the budget grows with size, from a minute for trivia "
            "to days for one-way doors. Refine (f) with reversibility, stakes, reach and horizon if the quick "
            "pick feels wrong.")
    BINDINGS = [
        Binding("ctrl+s", "next", "Next"),
        Binding("1", "quick(1)", "Size", key_display="1-5"),
        *[Binding(str(i), f"quick({i})", "", show=False) for i in range(2, 6)],
        Binding("f", "refine", "Refine size"),
        Binding("enter", "start", "Start", priority=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, *, rng: random.Random | None = None) -> None:
        super().__init__()
        self.rng = rng
        self.step = "describe"
        self.title_text = ""
        self.options: list[str] = []
        self.quick: int | None = None

    # -- layout ------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        preset_breakpoints(self)
        yield LeanHeader()
        with VerticalScroll(id="decision-body"):
            with ContentSwitcher(initial="describe", id="steps"):
                with Vertical(id="describe"):
                    yield Static("[b]New decision[/b] — what are you deciding?", classes="step-title")
                    yield Label("Title (required)")
                    yield FieldInput(placeholder="e.g. Which laptop to buy", id="title")
                    yield Label("Options, one per line (optional; with two or more, small ones can be picked for you)")
                    yield FieldTextArea(id="options", soft_wrap=True, show_line_numbers=False)
                    yield Static("", id="describe-error", classes="error")
                with Vertical(id="size"):
                    yield Static("", id="size-title", classes="step-title")
                    yield VimOptionList(*self._size_options(), id="size-list")
                with Vertical(id="refine"):
                    yield Static("[b]Refine the size[/b] — ←/→ change, ↑/↓ move, 0 clears; unanswered factors "
                                 "follow your quick pick", classes="step-title")
                    for factor in ("reversibility", "stakes", "horizon"):
                        yield LevelPicker(factor.capitalize(), 1, 5, factor_text(factor, None), id=f"f-{factor}")
                    yield Static("Reach: the expected effect on each dimension (−3 … +3)", classes="subhead")
                    for i, dim in enumerate(self._dimensions()):
                        yield LevelPicker(dim, -3, 3, signed, value=0, optional=False, id=f"e-{i}",
                                          classes="effect")
            with Vertical(id="summary"):
                yield Static("", id="why")
                yield Static("", id="budget")
        yield LeanFooter()
        yield TooSmall()

    def _dimensions(self) -> list[str]:
        return [d.name for d in self.app.journal.dimensions()]

    @staticmethod
    def _size_options() -> list[Option]:
        return [Option(f"{n}  {SIZE_NAMES[n]:<14} {SIZE_EXAMPLES[n]}", id=f"size-{n}") for n in range(1, 6)]

    def on_mount(self) -> None:
        self.query_one("#summary").display = False
        self.query_one("#title", Input).focus()

    # -- state -------------------------------------------------------------------------------------------
    def sizing(self) -> Sizing | None:
        """The answers so far as a Sizing, or None before a quick size is picked."""
        if self.quick is None:
            return None
        factors = {f: self.query_one(f"#f-{f}", LevelPicker).value for f in ("reversibility", "stakes", "horizon")}
        effects = {p.label: p.value for p in self.query(".effect").results(LevelPicker) if p.value}
        return Sizing(self.quick, effects=effects, **factors)

    def show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#steps", ContentSwitcher).current = step
        self.query_one("#summary").display = step != "describe"
        if step == "describe":
            self.query_one("#title", Input).focus()
        elif step == "size":
            self.query_one("#size-title", Static).update(
                f"How big is [b]{escape(self.title_text)}[/b]?  Press 1–5, or ↑/↓ and Enter.")
            size_list = self.query_one("#size-list", VimOptionList)
            size_list.focus()
            # no size until one is picked: Enter on a list highlighted at 1 started a one-minute budget
            size_list.highlighted = None if self.quick is None else self.quick - 1
        else:
            self.query_one("#f-reversibility", LevelPicker).focus()
        self.update_summary()
        self.refresh_bindings()

    def update_summary(self) -> None:
        sizing = self.sizing()
        why, budget = self.query_one("#why", Static), self.query_one("#budget", Static)
        if sizing is None:
            why.update("Pick a size: 1 trivial … 5 life-changing.")
            budget.update("")
            return
        why.update(f"[b]{escape(sizing.explain())}[/b]")
        seconds = budget_for(sizing, self.app)
        deadline = self.app.now() + timedelta(seconds=seconds)
        budget.update(budget_line(seconds, self.app.session.config.budget.countdown_limit,
                                  f"{deadline:%a %d %b %H:%M}"))
        for factor in ("reversibility", "stakes", "horizon"):
            picker = self.query_one(f"#f-{factor}", LevelPicker)
            picker.describe, picker.stands_for = factor_text(factor, self.quick), self.quick
            picker.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each step shows only its own keys in the footer (and digits type freely in the text fields)."""
        if action == "next":
            return self.step == "describe"
        if action in {"quick", "refine"}:
            return self.step == "size"
        if action == "start":
            return self.step in {"size", "refine"} and self.quick is not None
        return True

    # -- describe ----------------------------------------------------------------------------------------
    @on(Input.Submitted, "#title")
    def _title_submitted(self) -> None:
        self.action_next()

    @on(Input.Changed, "#title")
    def _title_changed(self, event: Input.Changed) -> None:
        if event.value.strip():  # the "needs a title" warning is answered
            self.query_one("#describe-error", Static).update("")

    def action_next(self) -> None:
        """Leave the first step only with a title; options are optional."""
        if self.step != "describe":
            self.action_start()
            return
        title = self.query_one("#title", Input).value.strip()
        error = self.query_one("#describe-error", Static)
        if not title:
            error.update("⚠ A decision needs a title: what are you deciding?")
            self.query_one("#title", Input).focus()
            return
        options = parse_options(self.query_one("#options", TextArea).text)
        if len(options) > MAX_OPTIONS:
            error.update(f"⚠ At most {MAX_OPTIONS} options (keys 1–9 pick them); you have {len(options)}.")
            self.query_one("#options", TextArea).focus()
            return
        error.update("")
        self.title_text, self.options = title, options
        self.show_step("size")

    # -- size --------------------------------------------------------------------------------------------
    def action_quick(self, size: int) -> None:
        self.quick = size
        self.query_one("#size-list", VimOptionList).highlighted = size - 1
        self.update_summary()
        self.refresh_bindings()

    @on(VimOptionList.OptionHighlighted, "#size-list")
    def _size_highlighted(self, event: VimOptionList.OptionHighlighted) -> None:
        if self.step != "size":  # the list highlights its first option as it mounts: that is no choice
            return
        self.quick = event.option_index + 1
        self.update_summary()
        self.refresh_bindings()

    @on(VimOptionList.OptionSelected, "#size-list")
    def _size_selected(self, event: VimOptionList.OptionSelected) -> None:
        self.quick = event.option_index + 1
        self.action_start()

    def action_refine(self) -> None:
        if self.quick is None:
            self.notify("Pick a quick size first (1–5); the refinement adjusts it.", severity="warning")
            return
        self.show_step("refine")

    @on(LevelPicker.Changed)
    def _factor_changed(self) -> None:
        if self.step != "describe":
            self.update_summary()

    # -- start -------------------------------------------------------------------------------------------
    def action_start(self) -> None:
        """Save the decision as pending right away (so quitting loses nothing), then deliberate."""
        sizing = self.sizing()
        if sizing is None or self.step == "describe":
            return
        from coach.tui.screens.deliberation import DeliberationScreen

        app = self.app
        seconds = float(round(budget_for(sizing, app)))
        now = app.now()
        decision = Decision(
            title=self.title_text, created_at=now, magnitude=sizing.size, budget_seconds=seconds,
            options=list(self.options), sizing=sizing.to_json(), status=Status.PENDING,
            deadline=now + timedelta(seconds=seconds), effects={k: v for k, v in sizing.effects.items() if v},
        )
        app.journal.add_decision(decision)
        app.journal_changed()
        app.switch_screen(DeliberationScreen(decision, fresh=True, rng=self.rng))

    def action_back(self) -> None:
        """Esc steps back through the form; from the first step it leaves without saving anything (asking
        first if a title or options were typed)."""
        if self.step == "refine":
            self.show_step("size")
        elif self.step == "size":
            self.show_step("describe")
        elif not (self.query_one("#title", Input).value.strip() or self.query_one("#options", TextArea).text.strip()):
            self.dismiss()
        else:  # what was typed would be lost: ask first
            from coach.tui.screens.confirm import leave_after_asking

            leave_after_asking(self, "Leave without saving? This decision is not recorded yet.")
