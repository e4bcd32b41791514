"""Large synthetic journals for the benchmarks: years of daily check-ins and thousands of decisions.

Why it exists: the speed goals (open and read a 10-year journal in under 50 ms, export it in about the time
the interpreter takes to start) only mean something on a journal that big, and nobody has one yet.

Why it writes rows itself: going through ``Journal.add_checkin`` one row at a time costs a dimension lookup
and a statement per row; ``executemany`` inside ONE transaction builds a 10-year journal in about a second.
The rows use exactly the journal's columns (decisions go through ``Journal._decision_row``), so what the
benchmarks read is what the app would have written. The content is a plausible random walk, not a story:
the demo (:mod:`coach.domain.demo`) is the story.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from coach.domain.models import Decision, Outcome, Result, Status
from coach.domain.sizing import budget_seconds
from coach.domain.timefmt import to_iso

if TYPE_CHECKING:
    from coach.store.journal import Journal

DAY = 86400.0
YEAR_DAYS = 365.25
_EXTRA_DIMENSIONS = ("creativity", "community", "home", "spirituality", "family", "travel")
_DEFAULTS = ("career", "health", "relationships", "learning", "play", "finances")
_TITLES = ("Cook or order in", "Which course next", "Ask for feedback", "Weekend plans", "New running shoes",
           "Change team", "Call an old friend", "Move savings", "Take the trip", "Sign up for the class")
_SIZE_WEIGHTS = (40, 30, 18, 8, 4)


def dimension_names(count: int) -> list[str]:
    """The six default dimensions, then plausible extras, then numbered ones."""
    names = list(_DEFAULTS + _EXTRA_DIMENSIONS)[:count]
    names += [f"dimension {i}" for i in range(len(names) + 1, count + 1)]
    return names


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def bulk_history(journal: Journal, *, years: float = 10, dims: int = 8, decisions: int = 10_000,
                 checkins: int | None = None, seed: int = 0, end: datetime | None = None) -> dict[str, int]:
    """Write ``checkins`` check-ins (default: one a day for ``years``) rating ``dims`` dimensions, and
    ``decisions`` decisions, spread over ``years`` ending at ``end`` (default now), in one transaction.

    Returns the counts written. Deterministic for a seed and an ``end``.
    """
    from coach.store.journal import _DECISION_COLUMNS

    rng = random.Random(seed)
    end_ts = (end or datetime.now().astimezone()).timestamp()
    span = years * YEAR_DAYS * DAY
    start_ts = end_ts - span
    n_checkins = round(years * YEAR_DAYS) if checkins is None else checkins
    names = dimension_names(dims)

    with journal.transaction() as c:
        ids = journal.ensure_dimensions(names)
        dim_ids = [ids[n] for n in names]

        checkin_rows: list[tuple[str, str, float, float, str, str]] = []
        rated = 0
        step = span / max(n_checkins, 1)
        satisfaction = 6.0
        levels = [rng.uniform(4, 8) for _ in names]
        for i in range(n_checkins):
            ts = start_ts + i * step + rng.uniform(0, step * 0.3)
            # A mean-reverting random walk: it drifts, has ruts and runs, and stays within 0-10.
            satisfaction = min(10.0, max(0.0, satisfaction + 0.05 * (6.5 - satisfaction) + rng.gauss(0, 0.4)))
            cid = _uid(rng)
            note = "bulk note ✍️" if rng.random() < 0.1 else ""
            ratings: dict[str, float] = {}
            for j, did in enumerate(dim_ids):
                levels[j] = min(10.0, max(0.0, levels[j] + 0.05 * (6.0 - levels[j]) + rng.gauss(0, 0.5)))
                if rng.random() >= 0.05:  # some dimensions skipped
                    ratings[did] = float(round(levels[j]))
            rated += len(ratings)
            checkin_rows.append((cid, to_iso(datetime.fromtimestamp(ts).astimezone()), ts,
                                 round(satisfaction * 2) / 2, note, json.dumps(ratings, separators=(",", ":"))))
        c.executemany("INSERT INTO checkins (id, at, ts, satisfaction, note, ratings) VALUES (?, ?, ?, ?, ?, ?)",
                      checkin_rows)

        decision_rows = _decisions(journal, rng, decisions, start_ts, end_ts, names, ids)
        columns = f"{_DECISION_COLUMNS}, created_ts"
        marks = ", ".join("?" * (columns.count(",") + 1))
        c.executemany(f"INSERT INTO decisions ({columns}) VALUES ({marks})", decision_rows)
    return {"checkins": n_checkins, "ratings": rated, "decisions": decisions, "dimensions": dims}


def _decisions(journal: Journal, rng: random.Random, count: int, start_ts: float, end_ts: float,
               names: list[str], ids: dict[str, str]) -> list[tuple[object, ...]]:
    """Decision rows: the journal's own row layout (effects included) plus ``created_ts``."""
    rows: list[tuple[object, ...]] = []
    for created_ts in sorted(rng.uniform(start_ts, end_ts - DAY) for _ in range(count)):
        size = rng.choices((1, 2, 3, 4, 5), weights=_SIZE_WEIGHTS)[0]
        budget = budget_seconds(size)
        created = datetime.fromtimestamp(created_ts).astimezone()
        decided = datetime.fromtimestamp(created_ts + budget * rng.uniform(0.2, 1.0)).astimezone()
        review = datetime.fromtimestamp(created_ts + budget + size * 7 * DAY).astimezone()
        age = end_ts - created_ts
        roll = rng.random()
        # Most are reviewed a few days after their review date; the rest are open or due, as in real use.
        status = (Status.DROPPED if roll < 0.03 else Status.PENDING if age < 14 * DAY and roll < 0.5
                  else Status.REVIEWED if review.timestamp() < end_ts - 7 * DAY and roll < 0.998
                  else Status.DECIDED)
        title = rng.choice(_TITLES)
        options = ["Option A", "Option B", "Option C"][: rng.randint(2, 3)]
        outcome = None
        if status is Status.REVIEWED:
            result = rng.choices((Result.BETTER, Result.AS_EXPECTED, Result.WORSE), weights=(45, 40, 15))[0]
            outcome = Outcome(result=result, satisfaction_change=round(rng.uniform(-2, 2) * 2) / 2,
                              again=rng.random() < 0.7, note="", reviewed_at=review)
        d = Decision(
            title=title, created_at=created, magnitude=size, budget_seconds=budget, options=options,
            sizing={"quick": size}, spent_seconds=round(budget * rng.uniform(0.1, 2.5), 1), status=status,
            deadline=datetime.fromtimestamp(created_ts + budget).astimezone() if size >= 3 else None,
            decided_at=None if status in (Status.PENDING, Status.DROPPED) else decided,
            choice=None if status in (Status.PENDING, Status.DROPPED) else rng.choice(options),
            coach_picked=size == 1 and rng.random() < 0.1, confidence=round(rng.uniform(0.3, 0.95), 2),
            review_on=review if status in (Status.DECIDED, Status.REVIEWED) else None, outcome=outcome,
            id=_uid(rng),
            effects={name: rng.choice((-3, -2, -1, 1, 1, 2, 2, 3))
                     for name in rng.sample(names, rng.randint(1, min(3, len(names))))},
        )
        rows.append((*journal._decision_row(d, ids), created_ts))
    return rows
