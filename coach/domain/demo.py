"""A sample history for ``coach --demo``: 18 months of one person's check-ins and decisions.

Why a story and not noise: the demo is where people first see what the coach notices, so the data walks
through every state the coach knows — steady growth, a rut (flat satisfaction below the content level,
little movement, only small steps), a breakout after a big logged step, a decline (health dropping,
satisfaction falling over ~7 weeks) and a partial recovery — and it holds every kind of decision the
screens show (all sizes, every status, outcomes due, an overdue deadline, a coach-picked option).

Why stdlib ``random.Random(seed)`` and no numpy: ``--demo`` must start as fast as the rest of the CLI, and
one seed must give the very same journal (ids included) on every run so screenshots and tests are stable.
Everything is placed relative to ``today`` so the demo always looks current.
"""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from coach.domain.models import CheckIn, Decision, Dimension, Outcome, Result, Status
from coach.domain.sizing import Sizing, budget_seconds, review_after

if TYPE_CHECKING:
    from coach.store.journal import Journal

DIMENSIONS = ("career", "health", "relationships", "learning", "play", "finances")
#: North Star targets set in the demo, so the distance-to-target view has something to show.
TARGETS = {"career": 8.0, "health": 8.0, "play": 7.0}

#: The story's reference length in days (18 months); key frames below are placed on this scale and
#: stretched to the real span ending at ``today``.
REFERENCE_DAYS = 548
#: Phase boundaries on the reference scale (start day, end day).
PHASES: dict[str, tuple[int, int]] = {
    "growth": (0, 185),
    "rut": (205, 310),
    "breakout": (310, 425),
    "decline": (430, 480),
    "recovery": (480, REFERENCE_DAYS),
}

# Piecewise-linear key frames (reference day, value) for satisfaction and each dimension.
_SATISFACTION = ((0, 4.8), (185, 6.9), (205, 6.2), (310, 6.2), (330, 6.6), (400, 7.9), (430, 7.9), (480, 5.6),
                 (REFERENCE_DAYS, 6.8))
_RATINGS: dict[str, tuple[tuple[int, float], ...]] = {
    "career": ((0, 4.0), (185, 6.5), (205, 5.5), (310, 5.5), (345, 7.5), (REFERENCE_DAYS, 7.5)),
    "health": ((0, 5.0), (185, 7.0), (310, 6.5), (360, 7.8), (428, 7.8), (470, 3.8), (485, 3.8),
               (REFERENCE_DAYS, 6.2)),
    "relationships": ((0, 6.0), (185, 7.0), (310, 6.5), (430, 7.2), (480, 6.0), (REFERENCE_DAYS, 7.0)),
    "learning": ((0, 4.0), (185, 7.0), (205, 5.0), (310, 5.0), (360, 7.5), (REFERENCE_DAYS, 7.0)),
    "play": ((0, 3.0), (185, 5.0), (205, 4.0), (310, 4.0), (345, 7.5), (430, 7.5), (480, 5.0),
             (REFERENCE_DAYS, 6.0)),
    "finances": ((0, 5.0), (205, 5.8), (310, 5.8), (REFERENCE_DAYS, 6.8)),
}

_NOTES: dict[str, tuple[str, ...]] = {
    "growth": (
        "Good week, the running is paying off 🏃", "Finished the first course module.", "Busy but in a good way.",
        "Dinner with Ana and Joe, needed that.", "Slept well all week 😴", "Small wins: cooked 5 nights out of 7.",
        "Tired, but things are moving.", "Signed up for the spring 10k!",
    ),
    "rut": (
        "Same as last week.", "Meh. Nothing wrong, nothing great.", "Another week of the same tickets.",
        "Feel stuck 😐", "Watched a lot of TV.", "Not much to report.", "Groundhog week.",
        "Should probably change something.",
    ),
    "breakout": (
        "First week on the new team — a lot to learn 🤯", "Climbing class: arms are dead, spirit is alive 🧗",
        "Finally feel like I'm learning again.", "Great week!", "Bouldered a V3 🎉", "New team lunch, nice people.",
    ),
    "decline": (
        "Release crunch, skipped the gym again.", "Back hurts, sleeping badly.", "Too tired to climb.",
        "Rough week 😞", "Everything is the release.", "Cancelled on friends again.",
    ),
    "recovery": (
        "Physio says it's fixable 💪", "Bed by 23:00 four nights out of five.", "Back at the wall, gently.",
        "Better week.", "Slowly getting there.", "Saw friends, felt human again ☀️",
    ),
}

_REASONS_SMALL = ("Small decision: decided on the spot.", "Went with my gut.", "Coin-flip territory.")


@dataclass(frozen=True)
class _Template:
    """A decision a person in this story might weigh."""

    title: str
    size: int
    options: tuple[str, ...]
    effects: dict[str, int]


# The random pool. Size 2+ ones are used once each; size 1 may recur (people do order in twice).
_POOL: tuple[_Template, ...] = (
    _Template("Cook or order in tonight", 1, ("Cook the pasta", "Order Thai"), {"health": 1, "finances": 1}),
    _Template("Which book next", 1, ("Thinking in Systems", "The Overstory", "Project Hail Mary"),
              {"learning": 1, "play": 1}),
    _Template("Go to the Thursday meetup", 1, ("Go", "Stay home"), {"learning": 1, "relationships": 1}),
    _Template("Run or swim this morning", 1, ("Run", "Swim"), {"health": 1}),
    _Template("Reply to the recruiter", 1, ("Reply now", "Ignore", "Reply next week"), {"career": 1}),
    _Template("Cheaper or better headphones", 1, ("Cheaper pair", "Better pair"), {"finances": -1, "play": 1}),
    _Template("Call mum tonight or Sunday", 1, ("Tonight", "Sunday"), {"relationships": 1}),
    _Template("Film night pick", 1, ("Arrival", "Paddington 2", "Heat"), {"play": 1}),
    _Template("Lunch walk or eat at the desk", 1, ("Walk", "Desk"), {"health": 1, "career": -1}),
    _Template("Saturday: hike or lie-in", 1, ("Hike", "Lie-in"), {"health": 1, "play": 1}),
    _Template("Take the stairs all week", 1, ("Yes", "No"), {"health": 1}),
    _Template("Which team-lunch place", 1, ("Ramen", "Salad bar", "Tacos"), {"relationships": 1}),
    _Template("Sign up for a 10k in spring", 2, ("Sign up", "Maybe next year"), {"health": 2, "play": 1}),
    _Template("Take the Spanish evening class", 2, ("Enrol", "Use an app instead"), {"learning": 2, "play": 1}),
    _Template("Cancel two streaming subscriptions", 2, ("Cancel both", "Cancel one", "Keep all"),
              {"finances": 1, "play": -1}),
    _Template("Weekend trip to the coast", 2, ("Go", "Stay and rest"), {"relationships": 1, "play": 2,
                                                                           "finances": -1}),
    _Template("Ask my lead for blunt feedback", 2, ("Ask this week", "Wait for the review cycle"),
              {"career": 2}),
    _Template("Standing desk", 2, ("Buy one", "Use a box"), {"health": 1, "finances": -1}),
    _Template("Host a dinner for friends", 2, ("Host", "Meet at a restaurant"), {"relationships": 2, "play": 1}),
    _Template("Volunteer for the on-call rota", 2, ("Volunteer", "Pass"), {"career": 1, "health": -1}),
    _Template("Give the conference talk", 2, ("Submit the talk", "Attend only"), {"career": 2, "learning": 1}),
    _Template("Join the Sunday five-a-side", 2, ("Join", "Not this season"), {"health": 1, "play": 2,
                                                                              "relationships": 1}),
    _Template("Switch to a cheaper phone plan", 2, ("Switch", "Keep it"), {"finances": 1}),
    _Template("Start a weekly budget review", 2, ("Sunday evenings", "Monthly instead"), {"finances": 2}),
    _Template("Learn to cook five new dishes", 2, ("One a week", "A course"), {"health": 1, "learning": 1,
                                                                              "play": 1}),
    _Template("Say no to the side project", 2, ("Say no", "Take it on"), {"play": 1, "career": -1}),
    _Template("Visit Gran for a long weekend", 2, ("This month", "At Christmas"), {"relationships": 2}),
    _Template("Get a proper mattress", 2, ("Buy it", "Wait for the sale"), {"health": 1, "finances": -1}),
    _Template("Take the online ML course (12 weeks)", 3, ("Take it", "Pick a shorter one", "Not now"),
              {"learning": 3, "career": 1, "play": -1}),
    _Template("Ask for a raise", 3, ("Ask now", "Wait until after the project"), {"finances": 2, "career": 1}),
    _Template("Move savings into index funds", 3, ("All of it", "Half", "Keep in savings"), {"finances": 2}),
    _Template("Lead the migration project", 3, ("Lead it", "Contribute only"), {"career": 2, "health": -1,
                                                                                   "learning": 1}),
    _Template("Buy a road bike", 3, ("Buy new", "Buy second-hand", "Rent first"),
              {"health": 2, "play": 1, "finances": -1}),
    _Template("Volunteer at the food bank weekly", 3, ("Weekly", "Monthly"), {"relationships": 1, "play": 1}),
    _Template("Apply for the tech lead role", 3, ("Apply", "Wait a year"), {"career": 2, "learning": 1,
                                                                            "play": -1}),
    _Template("Sell the car", 3, ("Sell it", "Keep it", "Share it"), {"finances": 2, "play": -1}),
    _Template("Join a choir", 3, ("Join", "Try a taster session"), {"play": 2, "relationships": 1}),
    _Template("Pay off the credit card early", 3, ("Pay it all", "Pay half"), {"finances": 2, "play": -1}),
    _Template("Take a month of unpaid leave", 3, ("Take it", "Take two weeks"), {"play": 2, "finances": -2,
                                                                                  "health": 1}),
    _Template("Start therapy", 4, ("Start now", "Try a group first", "Not yet"),
              {"health": 2, "relationships": 1, "finances": -1}),
    _Template("Three weeks in Japan", 4, ("Go in spring", "Go in autumn", "Shorter trip"),
              {"play": 3, "finances": -2, "relationships": 1}),
    _Template("Go to four days a week", 4, ("Ask for it", "Keep five days"),
              {"career": -1, "play": 2, "finances": -2, "learning": 1}),
    _Template("Adopt a dog", 4, ("Adopt now", "Foster first", "Not yet"),
              {"play": 2, "health": 1, "finances": -1, "relationships": 1}),
    _Template("Go back to study part-time", 4, ("Enrol in autumn", "Short courses instead"),
              {"learning": 3, "play": -2, "finances": -1}),
    _Template("Buy a flat", 5, ("Buy this year", "Keep renting"), {"finances": -2, "play": 1,
                                                                    "relationships": 1}),
    _Template("Move in with Ana", 5, ("Move in this year", "Wait a year"), {"relationships": 3, "finances": 1}),
)

_OUTCOME_NOTES: dict[Result, tuple[str, ...]] = {
    Result.BETTER: ("Better than I hoped 🙌", "Glad I did it.", "Would do it again tomorrow.", "Worth it.", ""),
    Result.AS_EXPECTED: ("About what I expected.", "Fine.", "No surprises.", ""),
    Result.WORSE: ("Not great 😬", "Should have thought about timing.", "Meh, lesson learned.", "Regret it a bit."),
}


@dataclass
class DemoData:
    """What :func:`generate` produces; ``phases`` maps each story phase to its (start, end) dates."""

    dimensions: list[Dimension]
    checkins: list[CheckIn]
    decisions: list[Decision]
    today: date
    start: date
    phases: dict[str, tuple[date, date]] = field(default_factory=dict)


def _months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _interp(frames: Sequence[tuple[int, float]], x: float) -> float:
    if x <= frames[0][0]:
        return frames[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(frames):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return frames[-1][1]


def _uid(rng: random.Random) -> str:
    """A UUID4 drawn from the seeded generator, so ids are reproducible too."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _clamp(value: float, low: float = 0.0, high: float = 10.0) -> float:
    return max(low, min(high, value))


class _Story:
    """Builds one history; holds the seeded generator and the time scale."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.start = _months_before(today, 18)
        self.span = (today - self.start).days
        self.now = datetime.combine(today, time(0, 0)).astimezone()

    # -- time helpers ------------------------------------------------------------------------------------
    def ref(self, day: date) -> float:
        """A real date on the reference (548-day) scale."""
        return (day - self.start).days * REFERENCE_DAYS / self.span

    def day_at(self, ref_day: float) -> date:
        return self.start + timedelta(days=round(ref_day * self.span / REFERENCE_DAYS))

    def moment(self, day: date, first_hour: int = 8, last_hour: int = 22) -> datetime:
        hour = self.rng.randint(first_hour, last_hour)
        return datetime.combine(day, time(hour, self.rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)))).astimezone()

    def note(self, phase: str, ref_day: float) -> str:
        """A note from the phase's pool, which is in story order, so "first week on the new team" comes first."""
        pool = _NOTES[phase]
        lo, hi = PHASES[phase]
        progress = (ref_day - lo) / (hi - lo)
        index = round(progress * (len(pool) - 1) + self.rng.uniform(-1.0, 1.0))
        return pool[max(0, min(len(pool) - 1, index))]

    def phase_of(self, ref_day: float) -> str:
        for name, (lo, hi) in PHASES.items():
            if lo <= ref_day < hi:
                return name
        return "growth" if ref_day < PHASES["rut"][0] else "recovery"

    # -- dimensions and check-ins ------------------------------------------------------------------------
    def dimensions(self) -> list[Dimension]:
        return [Dimension(name=n, position=i, target=TARGETS.get(n), id=_uid(self.rng))
                for i, n in enumerate(DIMENSIONS)]

    def checkins(self) -> list[CheckIn]:
        rng, out = self.rng, []
        day = self.start
        last = self.today - timedelta(days=rng.randint(1, 3))
        while day <= last:
            x = self.ref(day)
            phase = self.phase_of(x)
            quiet = phase == "rut"  # a rut is flat: small wobbles only
            sat_sd, dim_sd = (0.2, 0.3) if quiet else (0.25, 0.4) if phase == "decline" else (0.35, 0.55)
            satisfaction = round(_clamp(_interp(_SATISFACTION, x) + rng.gauss(0, sat_sd)) * 2) / 2
            ratings: dict[str, float] = {}
            skipped = set(rng.sample(DIMENSIONS, rng.choice((1, 1, 2)))) if rng.random() < 0.12 else set()
            for name in DIMENSIONS:
                if name in skipped:
                    continue
                ratings[name] = float(round(_clamp(_interp(_RATINGS[name], x) + rng.gauss(0, dim_sd))))
            note = self.note(phase, x) if rng.random() < 0.35 else ""
            out.append(CheckIn(at=self.moment(day, 19, 22), satisfaction=satisfaction, ratings=ratings, note=note,
                               id=_uid(rng)))
            gap = rng.choices((5, 6, 7, 8, 9, 10, 14), weights=(5, 10, 55, 12, 7, 5, 6))[0]
            if quiet or phase == "decline":  # a rut is regular; in the decline they keep checking in
                gap = rng.choice((6, 7, 7, 7, 8))
            if day < last < day + timedelta(days=gap) and (last - day).days >= 5:
                gap = (last - day).days  # the latest check-in is recent, so the demo opens on fresh data
            day += timedelta(days=gap)
        return out

    # -- decisions ---------------------------------------------------------------------------------------
    def decision(self, tpl: _Template, created: datetime, *, choice: str | None = None,
                 result: Result | None = None, spent_factor: float | None = None,
                 confidence: float | None = None) -> Decision:
        """A decided decision with its whole life (deliberation, choice, review date, outcome when due)."""
        rng, size = self.rng, tpl.size
        sizing, horizon, budget = self.sized(tpl)
        if spent_factor is None:
            if size in (2, 3) and rng.random() < 0.35:
                spent_factor = rng.uniform(1.5, 4.0)  # overthinking shows up on the mid-size ones
            elif size >= 4:
                spent_factor = rng.uniform(0.05, 0.3)  # slept on it: little active time, most of it waiting
            else:
                spent_factor = rng.uniform(0.3, 1.1)
        spent = round(budget * spent_factor, 1)
        deadline = created + timedelta(seconds=round(budget)) if size >= 3 else None
        waited = budget * rng.uniform(0.6, 1.0) if size >= 3 else spent
        decided = created + timedelta(seconds=round(max(waited, spent if size < 3 else 0)))
        review_day = decided.date() + review_after(size, horizon) + timedelta(days=rng.randint(0, 2))
        review_on = datetime.combine(review_day, time(9, 0)).astimezone()
        d = Decision(
            title=tpl.title, created_at=created, magnitude=size, budget_seconds=budget,
            options=list(tpl.options), sizing=sizing, spent_seconds=spent, status=Status.DECIDED,
            deadline=deadline, decided_at=decided, choice=choice or rng.choice(tpl.options),
            effects=dict(tpl.effects), review_on=review_on, id=_uid(rng),
            confidence=confidence if confidence is not None else round(rng.uniform(0.55, 0.9) - 0.05 * size, 2),
        )
        reviewed_at = review_on + timedelta(days=rng.randint(0, 4), hours=rng.randint(9, 12))
        # A review that fell due in the last three weeks is left open half the time: outcomes due.
        recent = self.now - review_on < timedelta(days=21) and rng.random() < 0.5
        if reviewed_at < self.now and not recent:
            d.status = Status.REVIEWED
            # Big steps turn out worse less often (Levitt 2020: people are too cautious with them).
            d.outcome = self.outcome(result, reviewed_at, worse_odds=0.05 if size >= 4 else 0.15)
        return d

    def sized(self, tpl: _Template) -> tuple[dict[str, object], int | None, float]:
        """The sizing answers (as the sizing screen stores them), their horizon, and the budget they give.

        Most small ones keep the quick pick; bigger ones are often refined with factors near the quick
        pick, kept only when they give the template's size, so the stored answers explain the size shown.
        """
        rng, q = self.rng, tpl.size
        sizing = Sizing(quick=q)
        if rng.random() < (0.2 if q <= 2 else 0.7):
            for _ in range(12):
                r, st, h = (max(1, min(5, q + rng.choice((-1, 0, 0, 1)))) for _ in range(3))
                candidate = Sizing(quick=q, reversibility=r, stakes=st, horizon=h, effects=tpl.effects)
                if candidate.size == q:
                    sizing = candidate
                    break
        return sizing.to_json(), sizing.horizon, budget_seconds(sizing.magnitude)

    def pending(self, tpl: _Template, created: datetime, deadline: datetime, spent: float) -> Decision:
        """A decision still being weighed (or, later, dropped): no choice, no review."""
        sizing, _, budget = self.sized(tpl)
        return Decision(title=tpl.title, created_at=created, magnitude=tpl.size, budget_seconds=budget,
                        options=list(tpl.options), sizing=sizing, spent_seconds=spent, deadline=deadline,
                        effects=dict(tpl.effects), id=_uid(self.rng))

    def outcome(self, result: Result | None, reviewed_at: datetime, worse_odds: float = 0.15) -> Outcome:
        rng = self.rng
        if result is None:
            r = rng.random()
            result = Result.WORSE if r < worse_odds else Result.BETTER if r < worse_odds + 0.45 else Result.AS_EXPECTED
        change = {Result.BETTER: rng.uniform(0.5, 2.0), Result.AS_EXPECTED: rng.uniform(-0.3, 0.7),
                  Result.WORSE: rng.uniform(-2.0, -0.3)}[result]
        again = rng.random() < {Result.BETTER: 0.95, Result.AS_EXPECTED: 0.7, Result.WORSE: 0.2}[result]
        note = rng.choice(_OUTCOME_NOTES[result]) if rng.random() < 0.6 else ""
        return Outcome(result=result, satisfaction_change=round(change * 2) / 2, again=again, note=note,
                       reviewed_at=reviewed_at)

    def random_decisions(self) -> list[Decision]:
        """~2-4 a month, more small than big; in the rut only a few small ones (little movement)."""
        rng, out = self.rng, []
        used: set[str] = set()
        for month_start in range(0, self.span - 14, 30):
            x = month_start * REFERENCE_DAYS / self.span
            count = rng.choice((1, 1, 2)) if self.phase_of(x + 15) == "rut" else rng.choice((2, 3, 3, 4))
            for _ in range(count):
                offset = rng.randint(0, 29)
                day = self.start + timedelta(days=month_start + offset)
                if day >= self.today - timedelta(days=1):
                    continue
                phase = self.phase_of(self.ref(day))
                if phase == "rut":
                    size = rng.choice((1, 1, 1, 2))
                else:
                    size = rng.choices((1, 2, 3, 4, 5), weights=(40, 30, 20, 7, 3))[0]
                candidates = [t for t in _POOL if t.size == size and t.title not in used]
                while not candidates:
                    size -= 1
                    candidates = [t for t in _POOL if t.size == size and (size == 1 or t.title not in used)]
                tpl = rng.choice(candidates)
                created = self.moment(day)
                if created + timedelta(seconds=budget_seconds(size + 0.5)) >= self.now:
                    continue  # still being slept on: the scripted open decisions cover that case
                if size >= 2:
                    used.add(tpl.title)
                worse = 0.35 if phase == "decline" else 0.15
                d = self.decision(tpl, created)
                if d.outcome is not None and phase == "decline" and rng.random() < worse:
                    d.outcome = self.outcome(Result.WORSE, d.outcome.reviewed_at or self.now)
                out.append(d)
        return out

    def scripted_decisions(self) -> list[Decision]:
        """The decisions that carry the story, placed on the reference scale."""
        rng, t = self.rng, _Template

        def at(ref_day: float) -> datetime:
            return self.moment(self.day_at(ref_day))

        out = [
            self.decision(t("Evening data course", 3, ("Take it", "Not now"), {"learning": 3, "career": 1,
                                                                                "play": -1}),
                          at(120), choice="Take it", result=Result.BETTER),
        ]
        created = at(240)
        startup = self.pending(t("Quit and join Sam's startup", 5, ("Join Sam", "Stay"),
                                 {"career": 3, "finances": -2, "health": -1}),
                               created, created + timedelta(days=7), round(3 * 3600 + rng.uniform(0, 3600), 1))
        startup.status = Status.DROPPED
        out.append(startup)
        out.append(self.decision(
            t("Change team", 5, ("Stay in payments", "Move to the platform team", "Ask for a hybrid role"),
              {"career": 3, "learning": 2, "relationships": -1, "finances": 1}),
            at(292), choice="Move to the platform team", result=Result.BETTER, spent_factor=0.12,
            confidence=0.55))
        out.append(self.decision(
            t("Start climbing", 4, ("Join the bouldering gym", "Stick with running", "Take a beginners' course"),
              {"play": 3, "health": 2, "relationships": 1, "finances": -1}),
            at(306), choice="Take a beginners' course", result=Result.BETTER, spent_factor=0.2, confidence=0.6))
        out.append(self.decision(
            t("Take on the release crunch", 3, ("Take it on", "Push back on the date"),
              {"career": 2, "health": -2, "play": -1}),
            at(418), choice="Take it on", result=Result.WORSE, spent_factor=2.6, confidence=0.7))
        out.append(self.decision(
            t("Pause climbing until the release ships", 2, ("Pause", "Keep one session a week"),
              {"health": -1, "play": -2, "career": 1}),
            at(440), choice="Pause", result=Result.WORSE, spent_factor=3.1))
        out.append(self.decision(
            t("See a physio about my back", 3, ("Book this week", "Wait and see"), {"health": 3, "finances": -1}),
            at(484), choice="Book this week", result=Result.BETTER, spent_factor=0.4, confidence=0.8))
        out.append(self.decision(
            t("Bed by 23:00 on weeknights", 2, ("Try for a month", "Only before workouts"),
              {"health": 2, "play": -1}),
            at(494), choice="Try for a month", result=Result.AS_EXPECTED))
        # Near today: an outcome now due, a review in the future, two open decisions.
        due = self.decision(t("Join the climbing league", 2, ("Join", "Climb casually"), {"play": 2,
                                                                                          "relationships": 1}),
                            self.moment(self.today - timedelta(days=19)), choice="Join")
        due.review_on = datetime.combine(self.today - timedelta(days=4), time(9, 0)).astimezone()
        due.status, due.outcome = Status.DECIDED, None
        out.append(due)
        future = self.decision(t("Mentor a new joiner", 3, ("Say yes", "Suggest someone else"),
                                 {"career": 1, "relationships": 1, "play": -1}),
                               self.moment(self.today - timedelta(days=9)), choice="Say yes")
        future.review_on = datetime.combine(self.today + timedelta(days=21), time(9, 0)).astimezone()
        future.status, future.outcome = Status.DECIDED, None
        out.append(future)
        flat = self.pending(t("Move to a flat nearer the climbing gym", 4, ("Move in spring", "Stay put"),
                              {"play": 2, "finances": -2, "health": 1}),
                            self.moment(self.today - timedelta(days=10)),
                            datetime.combine(self.today - timedelta(days=3), time(20, 0)).astimezone(), 2.5 * 3600)
        trip = self.pending(t("Summer trip: Lisbon or the Alps", 3, ("Lisbon", "The Alps", "Both, shorter"),
                              {"play": 2, "finances": -1, "relationships": 1}),
                            self.moment(self.today - timedelta(days=1)),
                            datetime.combine(self.today + timedelta(days=2), time(18, 0)).astimezone(), 1500.0)
        out.extend((flat, trip))
        return out


def generate(seed: int = 7, today: date | None = None) -> DemoData:
    """The demo history for ``seed``, ending the day before ``today`` (default: the real today)."""
    story = _Story(seed, today or date.today())
    dims = story.dimensions()
    checkins = story.checkins()
    decisions = story.random_decisions() + story.scripted_decisions()
    picked = [d for d in decisions if d.magnitude == 1 and d.status is Status.REVIEWED and len(d.options) > 1]
    for d in story.rng.sample(picked, min(2, len(picked))):
        d.coach_picked = True  # "pick for me": exploration on trivia is a feature
        d.sizing = {**d.sizing, "note": story.rng.choice(_REASONS_SMALL)}
    decisions.sort(key=lambda d: (d.created_at, d.id))
    phases = {name: (story.day_at(lo), story.day_at(hi)) for name, (lo, hi) in PHASES.items()}
    return DemoData(dims, checkins, decisions, story.today, story.start, phases)


def write_demo(journal: Journal, seed: int = 7, today: date | None = None) -> DemoData:
    """Write the demo history into ``journal`` in one transaction (all of it lands, or none).

    Dimensions already present (e.g. the defaults a new journal starts with) keep their ids and get the
    demo's targets, so this works on a fresh journal or one opened through ``Session.open_journal``.
    """
    data = generate(seed, today)
    with journal.transaction():
        existing = {d.name.lower(): d for d in journal.dimensions(include_archived=True)}
        for dim in data.dimensions:
            have = existing.get(dim.name.lower())
            if have is None:
                journal.put_dimension(dim)
            else:
                journal.set_target(have.name, dim.target)
        for checkin in data.checkins:
            journal.add_checkin(checkin)
        for decision in data.decisions:
            journal.add_decision(decision)
    return data
