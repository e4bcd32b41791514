"""The check-in form (``c``, ``coach checkin``): rate each dimension and satisfaction, add a note, save.

Why it is prefilled: most weeks look like the last one, so the last values are already there and an
unchanged week is ``ctrl+s``. Each field shows the last value and the change, so a moved rating is visible
before saving. The same form edits a past check-in (from the trajectory browser): its date and id stay.
Saving is one journal transaction (``add_checkin`` / ``update_checkin``), then the analytics refresh.
"""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from coach.domain.models import CheckIn
from coach.tui.breakpoints import preset_breakpoints
from coach.tui.widgets.fields import FieldInput
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.rating import RatingInput, format_value
from coach.tui.widgets.too_small import TooSmall

SATISFACTION = "satisfaction"


def long_date(moment: object) -> str:
    """``Thursday 26 November 2026`` (no locale surprises, no leading zero)."""
    return f"{moment:%A} {moment.day} {moment:%B %Y}"  # type: ignore[attr-defined]


def short_date(moment: object) -> str:
    """``Thu 26 Nov 2026``."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}"  # type: ignore[attr-defined]


class CheckInScreen(Screen[CheckIn | None]):
    """New check-in (no argument) or edit of ``checkin``; dismisses with the saved check-in, or None."""

    CSS_PATH = "checkin.tcss"
    HELP_TITLE = "Check-in"
    HELP = ("Type a digit to rate 0-9; 1 then 0 (or t) makes 10. ←/→ or h/l nudge by one, x or backspace "
            "skips a dimension. Tab or ↓/↑ move between fields. ctrl+s saves from anywhere.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", key_display="^S", priority=True),
        Binding("escape", "cancel", "Cancel", key_display="esc"),
        # priority: handled in the order keys arrive, so "7<Tab>8" typed fast (or pasted over ssh) still
        # puts the 8 in the next field; a plain binding would run after the 8 was already routed
        Binding("tab,down", "field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab,up", "field(-1)", "Previous field", show=False, priority=True),
    ]

    def __init__(self, checkin: CheckIn | None = None) -> None:
        super().__init__()
        self.editing = checkin
        self._saving = False  # a save is waiting for the fields: a second ctrl+s in the same burst is the same save

    # -- building ----------------------------------------------------------------------------------------
    def _previous_values(self) -> tuple[dict[str, float], float | None, CheckIn | None]:
        """The latest value of each dimension before this check-in (looking back a few months)."""
        journal = self.app.journal  # type: ignore[attr-defined]
        if self.editing is not None:
            until = self.editing.at.timestamp()
            recent = journal.checkins(since=until - 120 * 86400, until=until)
        else:
            last = journal.last_checkin()
            if last is None:
                return {}, None, None
            recent = journal.checkins(since=last.at.timestamp() - 120 * 86400)
        values: dict[str, float] = {}
        for c in reversed(recent):
            for name, v in c.ratings.items():
                values.setdefault(name, v)
        last = recent[-1] if recent else None
        return values, (last.satisfaction if last else None), last

    def compose(self) -> ComposeResult:
        preset_breakpoints(self)
        app = self.app
        journal = app.journal  # type: ignore[attr-defined]
        dims = [d.name for d in journal.dimensions()]
        editing = self.editing
        if editing is not None:
            dims += [n for n in editing.ratings if n not in dims]
        previous, prev_sat, last = self._previous_values()
        yield LeanHeader()
        with VerticalScroll(id="checkin-form"):
            if editing is not None:
                yield Static(f"[b]Edit the check-in of {long_date(editing.at)}[/b]", id="checkin-title")
            else:
                yield Static(f"[b]Check-in · {long_date(app.now())}[/b]", id="checkin-title")  # type: ignore
            yield Static(self._hint(last), id="checkin-hint", classes="muted")
            for i, name in enumerate(dims):
                value = editing.ratings.get(name) if editing is not None else previous.get(name)
                yield RatingInput(name, value, was=previous.get(name), compare=last is not None, id=f"rate-{i}",
                                  classes="dimension")
            sat = editing.satisfaction if editing is not None else prev_sat
            yield RatingInput(SATISFACTION, sat, was=prev_sat, compare=last is not None, id="rate-satisfaction")
            yield FieldInput(editing.note if editing else "", placeholder="A note for this week (optional)",
                        id="note", compact=True)
            with Horizontal(id="checkin-buttons"):
                yield Button("Save  ^S", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")
        yield LeanFooter()
        yield TooSmall()

    def _hint(self, last: CheckIn | None) -> str:
        if self.editing is not None:
            return "Change what needs changing; the date stays. Skipped dimensions stay blank."
        if last is None:
            return "Your first check-in: rate each part of your life 0-10 (x skips one)."
        now = self.app.now()  # type: ignore[attr-defined]
        when = short_date(last.at)
        text = f"Prefilled from your check-in of {when}: if nothing changed, just press ctrl+s."
        if now - last.at < timedelta(days=6):
            days = max(0, (now.date() - last.at.astimezone(now.tzinfo).date()).days)
            ago = "earlier today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
            text += f" (That was {ago}; this adds another check-in.)"
        return text

    def on_mount(self) -> None:
        first = self.query(RatingInput).first()
        first.focus()
        self._as_opened = self._entered()

    def _entered(self) -> tuple[object, ...]:
        return (*(field.value for field in self.query(RatingInput)), self.query_one("#note", Input).value.strip())

    # -- actions -----------------------------------------------------------------------------------------
    def collect(self) -> CheckIn | None:
        """The check-in the form describes, or None (with a notice) when satisfaction is missing."""
        ratings: dict[str, float] = {}
        satisfaction: float | None = None
        for field in self.query(RatingInput):
            if field.id == "rate-satisfaction":
                satisfaction = field.value
            elif field.value is not None:
                ratings[field.label] = field.value
        if satisfaction is None:
            self.notify("Satisfaction is the one rating a check-in needs.", severity="warning")
            self.query_one("#rate-satisfaction", RatingInput).focus()
            return None
        note = self.query_one("#note", Input).value.strip()
        if self.editing is not None:
            return CheckIn(at=self.editing.at, satisfaction=satisfaction, ratings=ratings, note=note,
                           id=self.editing.id)
        return CheckIn(at=self.app.now(), satisfaction=satisfaction, ratings=ratings, note=note)  # type: ignore

    def action_save(self) -> None:
        """Save once every field has handled the keys typed before ctrl+s.

        ctrl+s is a priority binding (no field may swallow it), so it runs as it arrives, while keys typed
        just before it may still wait in the fields' queues (each field has its own); the save waits for a
        callback queued behind them in every field."""
        if self._saving:
            return
        self._saving = True
        fields = [*self.query(RatingInput), self.query_one("#note", Input)]
        waiting = len(fields)

        def arrived() -> None:
            nonlocal waiting
            waiting -= 1
            if waiting == 0:
                self._save()

        for field in fields:
            if not field.call_later(arrived):  # a field already closing has nothing left to handle
                arrived()

    def _save(self) -> None:
        """Write the check-in in one transaction, refresh the analytics and go back."""
        self._saving = False
        if not self.is_current:  # already saved (a click on Save while ctrl+s waited) or left
            return
        checkin = self.collect()
        if checkin is None:
            return
        journal = self.app.journal  # type: ignore[attr-defined]
        if self.editing is not None:
            journal.update_checkin(checkin)
            message = f"Check-in of {short_date(checkin.at)} updated."
        else:
            journal.add_checkin(checkin)
            rated = ", ".join(f"{k} {format_value(v)}" for k, v in checkin.ratings.items())
            message = f"Checked in: satisfaction {format_value(checkin.satisfaction)}" + (f"; {rated}" if rated else "")
        self.app.journal_changed()  # type: ignore[attr-defined]
        self.app.notify(message, title="Saved")
        self.dismiss(checkin)

    def action_field(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_cancel(self) -> None:
        """Esc leaves; after a change it asks first: what was typed would be lost."""
        if self._entered() == self._as_opened:
            self.dismiss(None)
            return
        from coach.tui.screens.confirm import leave_after_asking

        leave_after_asking(self, "Leave without saving? What you changed in this check-in is lost.")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self._save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#note")
    def _note_done(self) -> None:
        self.query_one("#save", Button).focus()
