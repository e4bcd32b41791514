"""How big a decision is, and how long it deserves.

The essays' rule: "If the decision vector is small in magnitude, accuracy isn't worth it." So a decision is
sized first, and the deliberation budget grows with size, geometrically (log-linear), from about a minute
for trivia to about a week for one-way doors.

Magnitude. A quick pick ``q`` (1–5) can be refined with four factors, each on a 1–5 scale:

* reversibility ``r`` — 1 easy to undo … 5 one-way door
* stakes ``s`` — 1 trivial … 5 life-changing
* reach ``e`` — from the expected effect per dimension (−3…+3): the length of that step vector,
  ``e = clamp(1 + ‖effect‖₂ · 2/3, 1, 5)`` (one dimension moved by 3 gives 3; three moved by 3 give ≈4.5)
* horizon ``h`` — how long the effect lasts: 1 days, 2 weeks, 3 months, 4 years, 5 decades

Unanswered factors take the quick pick's value. Then

    m = 0.30·r + 0.25·s + 0.25·e + 0.20·h          (a continuous magnitude, 1…5)
    size = clamp(round(m), 1, 5), raised to at least 4 for a one-way door (r = 5) lasting years (h ≥ 4)

Budget. ``budget(m) = smallest · (largest / smallest) ** ((m − 1) / 4)`` with the config's scale
(defaults 1 minute and 7 days), rounded for reading: sizes 1…5 get 1 m, 10 m, 1 h 40 m, 16 h 45 m
and 7 d. Budgets up to the
config's countdown limit (default 1 h) run as a live countdown; longer ones become a deadline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

SIZE_NAMES = {1: "trivial", 2: "small", 3: "medium", 4: "large", 5: "life-changing"}
SIZE_EXAMPLES = {
    1: "what to eat, which film tonight",
    2: "a weekend plan, a small purchase",
    3: "a new laptop, a course, a trip",
    4: "change teams, move flat, a big project",
    5: "quit a job, move country, have a child",
}
FACTORS = ("reversibility", "stakes", "horizon")
FACTOR_LEVELS = {
    "reversibility": ("easy to undo", "some effort to undo", "costly to undo", "hard to undo", "one-way door"),
    "stakes": ("trivial stakes", "modest stakes", "real stakes", "high stakes", "life-changing stakes"),
    "horizon": ("lasts days", "lasts weeks", "lasts months", "lasts years", "lasts decades"),
}
WEIGHTS = {"reversibility": 0.30, "stakes": 0.25, "reach": 0.25, "horizon": 0.20}
REVIEW_BASE_DAYS = {1: 3, 2: 7, 3: 14, 4: 30, 5: 90}
HORIZON_REVIEW_FACTOR = {1: 0.5, 2: 0.75, 3: 1.0, 4: 1.5, 5: 2.0}


def _clamp(value: float, low: float = 1.0, high: float = 5.0) -> float:
    return max(low, min(high, value))


def reach_level(effects: Mapping[str, float]) -> float:
    """The step's length across dimensions, mapped onto the 1–5 factor scale."""
    norm = math.sqrt(sum(float(v) ** 2 for v in effects.values()))
    return _clamp(1 + norm * 2 / 3)


@dataclass(frozen=True)
class Sizing:
    """The answers given when sizing; any refinement factor may be missing (None)."""

    quick: int
    reversibility: int | None = None
    stakes: int | None = None
    horizon: int | None = None
    effects: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("quick", *FACTORS):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 5:
                raise ValueError(f"{name} must be 1-5, not {value}")
        for dim, value in self.effects.items():
            if not -3 <= value <= 3:
                raise ValueError(f"effect on {dim} must be -3..+3, not {value}")

    @property
    def refined(self) -> bool:
        return any(getattr(self, f) is not None for f in FACTORS) or any(self.effects.values())

    def levels(self) -> dict[str, float]:
        """Each factor's level, unanswered ones taking the quick pick's value."""
        q = float(self.quick)
        return {
            "reversibility": float(self.reversibility or q),
            "stakes": float(self.stakes or q),
            "reach": reach_level(self.effects) if any(self.effects.values()) else q,
            "horizon": float(self.horizon or q),
        }

    @property
    def magnitude(self) -> float:
        """The continuous magnitude m (1–5); the quick pick alone when nothing was refined."""
        if not self.refined:
            return float(self.quick)
        lv = self.levels()
        return _clamp(sum(WEIGHTS[k] * lv[k] for k in WEIGHTS))

    @property
    def size(self) -> int:
        size = int(_clamp(math.floor(self.magnitude + 0.5)))
        if self.reversibility == 5 and (self.horizon or 0) >= 4:
            size = max(size, 4)
        return size

    def explain(self) -> str:
        """Why this size, in words: "size 4 (large): hard to undo, moves career and finances, lasts years"."""
        parts: list[str] = []
        for factor in ("reversibility", "stakes"):
            value = getattr(self, factor)
            if value is not None:
                parts.append(FACTOR_LEVELS[factor][value - 1])
        moved = [d for d, v in self.effects.items() if v]
        if moved:
            parts.append("moves " + _join(moved))
        if self.horizon is not None:
            parts.append(FACTOR_LEVELS["horizon"][self.horizon - 1])
        head = f"size {self.size} ({SIZE_NAMES[self.size]})"
        return f"{head}: {', '.join(parts)}" if parts else f"{head}: your quick pick"

    def to_json(self) -> dict[str, object]:
        return {
            "quick": self.quick, "reversibility": self.reversibility, "stakes": self.stakes,
            "horizon": self.horizon, "magnitude": round(self.magnitude, 3),
        }


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_ROUNDING = ((600, 10), (3600, 60), (86400, 300), (float("inf"), 3600))


def budget_seconds(magnitude: float, smallest: float = 60.0, largest: float = 7 * 86400.0) -> float:
    """Deliberation budget for a (continuous) magnitude: log-linear between ``smallest`` and ``largest``,
    rounded to a figure a person reads at a glance (10 s steps under 10 minutes, whole minutes under an hour,
    5 minutes under a day, whole hours beyond), never outside the scale."""
    m = _clamp(magnitude)
    raw = smallest * (largest / smallest) ** ((m - 1) / 4)
    step = next(step for limit, step in _ROUNDING if raw < limit)
    return min(largest, max(smallest, round(raw / step) * step))


def review_after(size: int, horizon: int | None = None) -> timedelta:
    """Default wait before reviewing the outcome: longer for bigger, longer-lasting decisions."""
    days = REVIEW_BASE_DAYS[size] * HORIZON_REVIEW_FACTOR[horizon or 3]
    return timedelta(days=max(1, round(days)))
