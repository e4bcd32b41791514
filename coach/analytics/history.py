"""The input of the analytics: check-ins and logged decisions as numpy arrays.

Days are float days since 1970-01-01 (local dates; fractional allowed) so that every computation uses
real time gaps, not row numbers.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_EPOCH = _dt.date(1970, 1, 1).toordinal()


def to_day(value: Any) -> float:
    """Convert a date / datetime / ISO string / number to float days since 1970-01-01."""
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float | np.floating | np.integer):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            value = _dt.datetime.fromisoformat(text) if ("T" in text or " " in text) else _dt.date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"not an ISO date: {value!r}") from exc
    if isinstance(value, _dt.datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return float(value.date().toordinal() - _EPOCH) + seconds / 86400.0
    if isinstance(value, _dt.date):
        return float(value.toordinal() - _EPOCH)
    raise ValueError(f"not a date: {value!r}")


def day_to_date(day: float) -> _dt.date:
    """Float day -> the local date it falls in."""
    return _dt.date.fromordinal(math.floor(day) + _EPOCH)


def day_to_text(day: float) -> str:
    """A day as people write it in a sentence: ``8 July 2025`` (ISO stays for the JSON fields)."""
    d = day_to_date(day)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def day_to_iso(day: float) -> str:
    """Float day -> 'YYYY-MM-DD' (the local date the day falls in)."""
    return day_to_date(day).isoformat()


def _num(v: Any) -> float:
    if v is None or (isinstance(v, str) and v.strip() == ""):
        return float("nan")
    return float(v)


@dataclass
class History:
    """Check-ins (ascending by day) and logged decisions. Validated on construction.

    NaN marks a skipped rating (or a missing satisfaction in an imported file).
    """

    days: np.ndarray
    dims: tuple[str, ...]
    ratings: np.ndarray
    satisfaction: np.ndarray
    step_days: np.ndarray = field(default_factory=lambda: np.zeros(0))
    step_size: np.ndarray = field(default_factory=lambda: np.zeros(0))
    step_effects: np.ndarray | None = None
    step_outcome: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        self.dims = tuple(str(d) for d in self.dims)
        d = len(self.dims)
        self.days = np.asarray(self.days, dtype=np.float64).reshape(-1)
        n = len(self.days)
        self.ratings = np.asarray(self.ratings, dtype=np.float64).reshape(n, d)
        self.satisfaction = np.asarray(self.satisfaction, dtype=np.float64).reshape(-1)
        self.step_days = np.asarray(self.step_days, dtype=np.float64).reshape(-1)
        m = len(self.step_days)
        self.step_size = np.asarray(self.step_size, dtype=np.float64).reshape(-1)
        if self.step_effects is None:
            self.step_effects = np.full((m, d), np.nan)
        self.step_effects = np.asarray(self.step_effects, dtype=np.float64).reshape(m, d)
        self.step_outcome = np.asarray(self.step_outcome, dtype=np.float64).reshape(-1)
        if len(self.step_outcome) == 0 and m:
            self.step_outcome = np.full(m, np.nan)
        self.validate()

    def validate(self) -> None:
        """Raise ValueError on shapes, order or ranges that the model cannot use."""
        n, d = len(self.days), len(self.dims)
        if len(set(self.dims)) != d:
            raise ValueError("dimension names must be unique")
        if self.satisfaction.shape != (n,):
            raise ValueError("satisfaction must have one value per check-in")
        if not np.all(np.isfinite(self.days)):
            raise ValueError("check-in days must be finite")
        if n > 1 and np.any(np.diff(self.days) < 0):
            raise ValueError("check-in days must be ascending (use History.from_rows to sort)")
        for name, arr in (("ratings", self.ratings), ("satisfaction", self.satisfaction)):
            ok = np.isnan(arr) | ((arr >= 0) & (arr <= 10))
            if not np.all(ok):
                raise ValueError(f"{name} must be within 0-10 (NaN = skipped)")
        m = len(self.step_days)
        for name, arr in (("step_size", self.step_size), ("step_outcome", self.step_outcome)):
            if arr.shape != (m,):
                raise ValueError(f"{name} must have one value per step")
        if not np.all(np.isfinite(self.step_days)):
            raise ValueError("step days must be finite")
        if m and not np.all((self.step_size >= 1) & (self.step_size <= 5)):
            raise ValueError("step_size must be within 1-5")
        eff = self.step_effects
        if eff is not None and not np.all(np.isnan(eff) | ((eff >= -3) & (eff <= 3))):
            raise ValueError("step_effects must be within -3..+3 (NaN = unspecified)")

    @property
    def n(self) -> int:
        """Number of check-ins."""
        return len(self.days)

    def truncated(self, k: int) -> History:
        """The history as it was after the first k check-ins (steps logged up to that check-in)."""
        k = max(0, min(k, self.n))
        last = self.days[k - 1] if k else -np.inf
        keep = self.step_days <= last
        return History(self.days[:k], self.dims, self.ratings[:k], self.satisfaction[:k], self.step_days[keep],
                       self.step_size[keep], self.step_effects[keep], self.step_outcome[keep])

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]], dims: Sequence[str] | None = None,
                  steps: Iterable[Mapping[str, Any]] = (), satisfaction_key: str = "satisfaction",
                  date_key: str = "date") -> History:
        """Build from check-in dicts ``{"date": ..., <dim>: rating, "satisfaction": s}`` in any order.

        Steps are dicts ``{"date": ..., "size": 1-5, "effects": {dim: e}, "outcome": Δs or None}``.
        Rows are sorted by date (ties broken by their values, so the order they came in never matters).
        Missing or blank values become NaN.
        """
        rows = list(rows)
        if dims is None:
            seen: dict[str, None] = {}
            for r in rows:
                for k in r:
                    if k not in (date_key, satisfaction_key):
                        seen.setdefault(k, None)
            dims = tuple(seen)
        dims = tuple(dims)
        days = np.array([to_day(r[date_key]) for r in rows], dtype=np.float64)
        ratings = np.array([[_num(r.get(k)) for k in dims] for r in rows], dtype=np.float64).reshape(len(rows),
                                                                                                    len(dims))
        sat = np.array([_num(r.get(satisfaction_key)) for r in rows], dtype=np.float64)
        keys = [days, np.nan_to_num(sat, nan=-1.0)] + [np.nan_to_num(ratings[:, j], nan=-1.0)
                                                       for j in range(len(dims))]
        order = np.lexsort(keys[::-1])
        steps = list(steps)
        sd = np.array([to_day(s[date_key]) for s in steps], dtype=np.float64)
        ss = np.array([float(s.get("size", 1)) for s in steps], dtype=np.float64)
        se = np.array([[_num((s.get("effects") or {}).get(k)) for k in dims] for s in steps],
                      dtype=np.float64).reshape(len(steps), len(dims))
        so = np.array([_num(s.get("outcome")) for s in steps], dtype=np.float64)
        sorder = np.lexsort((ss, sd)) if len(steps) else np.zeros(0, dtype=int)
        return cls(days[order], dims, ratings[order], sat[order], sd[sorder], ss[sorder], se[sorder], so[sorder])
