"""The weekly review (``r``, ``coach review``): one week at a time, ``[`` and ``]`` for earlier and later.

What a week shows, each with its evidence in words: the check-in against the one before (with a small
chart of the last weeks), the coach's status and advice from the analytics, the steps taken (how many, how
big, how well aimed, deliberation against budget) and the outcomes now due, openable with Enter.

Why it reads the journal itself (a few weeks of check-ins and decisions) and takes only the judgement from
``app.analysis``: the week's numbers are on screen at once even on a ten-year journal, while the
analytics may still be loading; the status section fills in when :class:`AnalysisReady` arrives.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.domain.models import Decision, Status
from coach.domain.overthinking import verdict
from coach.domain.sizing import SIZE_NAMES
from coach.domain.timefmt import format_duration
from coach.domain.weekly import (
    SPARK_WEEKS,
    Week,
    WeekCheckins,
    WeekSteps,
    compare_week,
    outcomes_due,
    reviewed_in,
    week_of,
    week_steps,
)
from coach.tui.breakpoints import preset_breakpoints
from coach.tui.returning import ReadsAgainOnReturn
from coach.tui.screens.checkin import short_date
from coach.tui.widgets.lean_footer import LeanFooter
from coach.tui.widgets.lean_header import LeanHeader
from coach.tui.widgets.rating import format_value
from coach.tui.widgets.spark_rows import SparkRows
from coach.tui.widgets.too_small import TooSmall

STATE_WORDS = {
    "improving": "↗ improving",
    "steady": "→ steady",
    "rut": "≈ in a rut",
    "decline": "↘ declining",
    "content": "✓ content",
    "insufficient": "… not enough data yet",
}
READING = "The coach is still reading your journal…"


MUTED = "[$text 60%]"  # the colour of the app's .muted class, in markup (legible in light and dark themes)


def title(text: str) -> str:
    """A section title, styled like the app's .section-title."""
    return f"[b $accent]{text}[/]"


def signed(value: float | None) -> str:
    """``+1.5``, ``−2`` (a real minus sign, as everywhere else), ``±0``."""
    return "" if value is None else ("±0" if abs(value) < 0.05 else f"{value:+.1f}".replace(".0", "").replace("-", "−"))


def day_month(moment: Any) -> str:
    return f"{moment.day} {moment:%b}"


class ReviewScreen(ReadsAgainOnReturn, Screen[None]):
    CSS_PATH = "review.tcss"
    HELP_TITLE = "Weekly review"
    HELP = ("One week at a time: [ and ] move a week; the check-in against the one before, the coach's "
            "status with its evidence, the week's steps and the outcomes now due (Enter opens one).")
    BINDINGS = [
        Binding("left_square_bracket", "week(-1)", "Earlier week", key_display="["),
        Binding("right_square_bracket", "week(1)", "Later week", key_display="]"),
        Binding("full_stop", "this_week", "This week", key_display="."),
        Binding("escape", "app.pop_screen", "Back", key_display="esc"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week_offset = 0
        self._due: list[Decision] | None = None
        self._first_week: Week | None = None
        # the week's numbers by week offset: [ and ] back and forth read the journal once per week
        self._weeks: dict[int, tuple[WeekCheckins, WeekSteps, list[Decision]]] = {}
        self._shown: dict[str, str] = {}  # what each Static shows, so an unchanged text is not re-laid out
        self._shown_due: list[str] = []

    # -- data --------------------------------------------------------------------------------------------
    @property
    def first_weekday(self) -> int:
        return self.app.session.config.week_start_index  # type: ignore[attr-defined]

    @property
    def week(self) -> Week:
        return week_of(self.app.now().date(), self.first_weekday, self.week_offset)  # type: ignore[attr-defined]

    def _earliest_week(self) -> Week:
        """The week of the first check-in or decision: `[` stops there."""
        if self._first_week is None:
            conn = self.app.journal.connection  # type: ignore[attr-defined]
            ts = [conn.execute("SELECT min(ts) FROM checkins").fetchone()[0],
                  conn.execute("SELECT min(created_ts) FROM decisions").fetchone()[0]]
            known = [t for t in ts if t is not None]
            now = self.app.now()  # type: ignore[attr-defined]
            day = datetime.fromtimestamp(min(known), now.tzinfo).date() if known else now.date()
            self._first_week = week_of(day, self.first_weekday)
        return self._first_week

    def _load(self) -> tuple[WeekCheckins, WeekSteps, list[Decision], list[Decision]]:
        app = self.app
        journal = app.journal  # type: ignore[attr-defined]
        now = app.now()  # type: ignore[attr-defined]
        tz = now.tzinfo
        week = self.week
        if self._due is None:
            self._due = outcomes_due(journal.review_due(now), now)
        cached = self._weeks.get(self.week_offset)
        if cached is not None and cached[0].week == week:
            wc, steps, reviewed = cached
            return wc, steps, self._due, reviewed
        since = week.shifted(-26).bounds(tz)[0]
        until = week.bounds(tz)[1]
        checkins = journal.checkins(since=since, until=until)
        dims = [d.name for d in journal.dimensions()]
        wc = compare_week(checkins, week, dims, self.first_weekday)
        decisions = journal.decisions(since=week.shifted(-SPARK_WEEKS - 8).bounds(tz)[0])
        steps = week_steps([d for d in decisions if d.created_at.timestamp() < until], week, tz)
        # by when the outcome was recorded: a step taken months ago may be reviewed this week
        reviewed = reviewed_in(journal.reviewed_between(*week.bounds(tz)), week, tz)
        self._weeks[self.week_offset] = (wc, steps, reviewed)
        return wc, steps, self._due, reviewed

    # -- layout ------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        preset_breakpoints(self)
        wc, steps, due, reviewed = self._load()
        self._week_data = (wc, steps, reviewed)
        text = {**self._week_texts(), "outcomes-head": self._outcomes_head(due)}
        self._shown = dict(text)
        self._shown_due = [d.id for d in due]
        yield LeanHeader()
        yield Static(text["review-week"], id="review-week")
        # one widget per section, its title included: every widget costs styling, layout and a render
        # several times while a screen opens, so the week is a handful of Statics rather than dozens
        with VerticalScroll(id="review-body"):
            yield Static(text["checkin-head"], id="checkin-head", classes="section")
            with Horizontal(id="checkin-table"):
                # one Static for the numbers and one for the charts beside it, whatever the number of dimensions
                yield Static(text["checkin-numbers"], id="checkin-numbers")
                yield SparkRows(self._spark_rows(wc), f"last {SPARK_WEEKS} weeks", id="checkin-sparks")
            yield Static(text["coach-status"], id="coach-status", classes="section")
            yield Static(text["steps"], id="steps", classes="section")
            yield Static(text["outcomes-head"], id="outcomes-head", classes="section")
            if due:
                yield OptionList(*self._due_options(due), id="outcomes")
        yield LeanFooter()
        yield TooSmall()

    def _week_texts(self) -> dict[str, str]:
        """What the week's Statics show, by widget id."""
        wc, steps, reviewed = self._week_data
        return {
            "review-week": self._week_title(self.week),
            "checkin-head": self._checkin_head(wc),
            "checkin-numbers": self._checkin_numbers(wc),
            "coach-status": self._status_text(),
            "steps": self._steps_text(steps, reviewed),
        }

    def _show(self, texts: dict[str, str]) -> None:
        """Update the Statics whose text changed (an update costs a layout pass; an equal text needs none)."""
        for widget_id, text in texts.items():
            if self._shown.get(widget_id) != text:
                self._shown[widget_id] = text
                self.query_one(f"#{widget_id}", Static).update(text)

    def _show_week(self) -> None:
        """Show the week at ``week_offset`` in the widgets already there (no recompose: a few Static updates)."""
        wc, steps, _due, reviewed = self._load()
        self._week_data = (wc, steps, reviewed)
        self._show(self._week_texts())
        self.query_one("#checkin-sparks", SparkRows).set_rows(self._spark_rows(wc))

    @staticmethod
    def _spark_rows(wc: WeekCheckins) -> list[list[float | None]]:
        return [row.history for row in wc.rows]

    def _due_options(self, due: list[Decision]) -> list[Option]:
        return [Option(self._due_label(d), id=d.id) for d in due]

    @staticmethod
    def _outcomes_head(due: list[Decision]) -> str:
        head = title(f"Outcomes due now ({len(due)})")
        if due:
            return f"{head} {MUTED}· Enter on one records how it turned out.[/]"
        return f"{head}\n{MUTED}No outcome is due for review.[/]"

    def _week_title(self, week: Week) -> str:
        if self.week_offset == 0:
            when = "this week"
        elif self.week_offset == -1:
            when = "last week"
        else:
            when = f"{-self.week_offset} weeks ago"
        return f"[b]Week of {week.title()}[/b] · {when}    [dim]\\[ earlier · ] later[/dim]"

    def _checkin_head(self, wc: WeekCheckins) -> str:
        head = [title("Check-in")]
        if not wc.checkins:
            if self.week_offset == 0:
                head.append("[b $warning]No check-in this week yet: press [b]c[/b] to check in (it takes seconds).[/]")
            else:
                head.append("[b $warning]No check-in that week.[/]")
        latest = wc.latest
        count = len(wc.checkins)
        if latest is not None:
            note = f" · “{escape(latest.note)}”" if latest.note else ""
            many = f" (mean of {count} check-ins)" if count > 1 else ""
            head.append(f"{MUTED}Checked in {short_date(latest.at)}{many}{note}[/]")
        return "\n".join(head)

    def _checkin_numbers(self, wc: WeekCheckins) -> str:
        before = "before"
        if wc.before_week is not None:
            before = f"wk {day_month(wc.before_week.start)}"
        lines = [f"[dim]{'':<15}{'this wk':>8}{before:>10}{'change':>9}[/dim]"]
        for i, row in enumerate(wc.rows):
            name = row.name[:14]
            name = f"[b]{name:<15}[/b]" if i == 0 else f"{name:<15}"
            lines.append(f"{name}{self._num(row.now):>8}{self._num(row.before):>10}{self._change(row.change):>9}")
        return "\n".join(lines)

    @staticmethod
    def _num(value: float | None) -> str:
        return "—" if value is None else format_value(round(value, 1))

    @staticmethod
    def _change(value: float | None) -> str:
        if value is None:
            return ""
        if abs(value) < 0.05:
            return "= 0"
        return ("▲ " if value > 0 else "▼ ") + signed(value)

    def _due_label(self, d: Decision) -> str:
        due = f"due {short_date(d.review_on)}" if d.review_on else ""
        # escaped: a title or choice holding "[/]" would otherwise be read as markup (and raise)
        return escape(f"[size {d.magnitude}] {d.title} — chose “{d.choice or '?'}”, {due}")

    # -- the coach's judgement ---------------------------------------------------------------------------
    def _insight_index(self, insight: Any) -> int | None:
        """Where the week's latest check-in (or the last one before the week) is in the analysis."""
        wc = self._week_data[0]
        target = wc.latest or (wc.before[-1] if wc.before else None)
        if target is None:
            return None
        index = getattr(self, "_id_index", None)
        if index is None or index[0] is not insight:
            index = (insight, {cid: i for i, cid in enumerate(insight.checkin_ids)})
            self._id_index = index
        return index[1].get(target.id)

    def _status_text(self) -> str:
        return f"{title('The coach')}\n{self._status_body()}"

    def _status_body(self) -> str:
        app = self.app
        insight = getattr(app, "analysis", None)
        if insight is None:
            error = getattr(app, "analysis_error", None)
            if error:
                return f"The coach could not read your journal: {escape(error)}"
            return READING
        i = self._insight_index(insight)
        lines = []
        if i is None:
            lines.append("[b]Status: … not enough data yet[/b] — no check-in up to this week.")
            if self.week_offset:
                return "\n".join(lines)
            report = insight.report
        else:
            st = insight.states[i]
            report = insight.report if self.week_offset == 0 else insight.report_as_of(i)
            when = "now" if self.week_offset == 0 else f"as of {st.date}"
            lines.append(f"[b]Status ({when}): {STATE_WORDS.get(st.state, st.state)}[/b]")
            lines.append(escape(st.explain()))
        lines.append(escape(report.trend.explain()))
        advice = report.advice
        direction = ", ".join(advice.get("direction") or [])
        size = advice.get("size")
        then = "Next week" if self.week_offset == 0 else "The advice then"
        lines.append(f"[b]{then}: a step of size {size} ({SIZE_NAMES.get(size, '?')})"
                     f"{f' towards {direction}' if direction else ''}.[/b]")
        lines.append(escape(advice.get("summary", "")))
        ns = report.north_star
        if ns:
            lines.append(f"North Star: {escape(ns['summary'])}")
        if report.momentum:
            lines.append(f"[b]⚠ Momentum:[/b] {escape(report.momentum['summary'])}")
        return "\n".join(lines)

    def _steps_text(self, steps: WeekSteps, reviewed: list[Decision]) -> str:
        insight = getattr(self.app, "analysis", None)
        n = len(steps.decided)
        lines = [title("Steps")]
        usual = "" if steps.usual_per_week is None else f" (usually {steps.usual_per_week:.1f} a week over the " \
                                                         f"{SPARK_WEEKS} weeks before)"
        lines.append(f"[b]How many:[/b] {n} step{'s' if n != 1 else ''} decided this week{usual}.")
        if n:
            sizes = ", ".join(f"{k}× size {s} ({SIZE_NAMES[s]})" for s, k in steps.by_size.items())
            lines.append(f"[b]How big:[/b] {sizes}; mean size {steps.mean_size:.1f}.")
            aim = []
            for d in steps.decided:
                expected = ""
                if insight is not None and d.effects:
                    pred = insight.predict(d.effects, d.magnitude)
                    if pred is not None:
                        mean, low, high = pred
                        expected = f"expected {mean:+.1f} satisfaction ({low:+.1f} to {high:+.1f})"
                if not expected:
                    expected = "no expected effect" if not d.effects else "expected effect not known yet"
                outcome = ""
                if d.outcome is not None:
                    change = d.outcome.satisfaction_change
                    outcome = f"; turned out {str(d.outcome.result).replace('_', ' ')}" + (
                        f" ({change:+g})" if change is not None else "")
                aim.append(f"  • {escape(d.title)} (size {d.magnitude}): {expected}{outcome}")
            lines.append("[b]How well aimed[/b] (from what has gone with your satisfaction lately):")
            lines.extend(aim[:8])
            if len(aim) > 8:
                lines.append(f"  … and {len(aim) - 8} more")
            if insight is None:
                lines.append(f"  [dim]{READING}[/dim]")
            ratio = steps.budget_ratio
            if ratio is not None:
                lines.append(f"[b]Deliberation:[/b] {format_duration(steps.spent)} against a budget of "
                             f"{format_duration(steps.budget)} ({ratio:.1f}×: {verdict(ratio)}).")
            for d, r in steps.overthought[:3]:
                lines.append(f"  ⚠ {escape(d.title)}: {r:.1f}× its budget — overthinking a size-{d.magnitude} step.")
        else:
            hint = ": press n to size one." if self.week_offset == 0 else "."
            lines.append("No decision was made this week" + hint)
        pending = [d for d in steps.opened if d.status is Status.PENDING]
        if pending:
            lines.append(f"Still open: {', '.join(escape(d.title) for d in pending[:3])}.")
        for d in reviewed[:4]:
            o = d.outcome
            if o is not None:
                lines.append(f"Reviewed: {escape(d.title)} — {str(o.result).replace('_', ' ')}"
                             + (f" ({o.satisfaction_change:+g})" if o.satisfaction_change is not None else ""))
        if insight is not None and self.week_offset == 0:
            summary = insight.report.steps.get("summary")
            if summary:
                lines.append(f"[dim]{escape(summary)}[/dim]")
        return "\n".join(lines)

    # -- events ------------------------------------------------------------------------------------------
    def on_analysis_ready(self, _message: object) -> None:
        """The analytics arrived (or were refreshed): fill in the judgement without rebuilding the week."""
        _, steps, reviewed = self._week_data
        self._show({"coach-status": self._status_text(), "steps": self._steps_text(steps, reviewed)})

    def on_return(self) -> None:
        self._due = None
        self._weeks.clear()
        self._first_week = None
        before = self._shown_due
        self._show_week()
        due = self._due or []
        if bool(due) != bool(before):  # the list appears or goes: rebuild the screen
            self.refresh(recompose=True)
            return
        self._show({"outcomes-head": self._outcomes_head(due)})
        if [d.id for d in due] != before:
            self._shown_due = [d.id for d in due]
            outcomes = self.query_one("#outcomes", OptionList)
            outcomes.clear_options()
            outcomes.add_options(self._due_options(due))

    def action_week(self, step: int) -> None:
        """Move a week; never past this week nor before the first entry."""
        new = min(0, self.week_offset + step)
        earliest = self._earliest_week()
        today_week = week_of(self.app.now().date(), self.first_weekday)  # type: ignore[attr-defined]
        floor = -((today_week.start - earliest.start).days // 7)
        new = max(new, min(0, floor))
        if new == self.week_offset:
            self.notify("This is the current week." if step > 0 else "No earlier entries.", timeout=2)
            return
        self.week_offset = new
        self._show_week()

    def action_this_week(self) -> None:
        if self.week_offset != 0:
            self.week_offset = 0
            self._show_week()

    @on(OptionList.OptionSelected, "#outcomes")
    def _open_outcome(self, event: OptionList.OptionSelected) -> None:
        from coach.tui.screens.checkin_detail import open_decision

        decision = next((d for d in self._due or [] if d.id == event.option.id), None)
        if decision is not None:
            open_decision(self.app, decision)
