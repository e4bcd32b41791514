"""Causal state of every check-in: what the coach would have said at the time.

Model (why): a person's satisfaction and dimension ratings move piecewise-linearly through regimes
(growth, rut, decline, ...). At each check-in we look back over a bounded window and ask *when did the
current regime start?* — a posterior over the last changepoint, where each candidate split is scored by the
Bayesian marginal likelihood of one straight line per series before and after it (satisfaction plus the
dimension ratings, the latter tempered because they are only supporting evidence). Single-week shocks are
winsorised against a local median so that they neither create nor break a regime. Given the current regime
we get the posterior probability that satisfaction is flat / rising / falling, its level, and how far the
ratings moved. A rut = flat for long enough, below the content level. A hysteresis state machine (the only
carry between check-ins) turns probabilities into alerts that do not flicker; a logged big decision acts as a
warm restart that ends a rut alert at once.

Per check-in work is fixed (window of at most ``window_checkins`` rows), so a full recompute is linear and an
incremental update costs one step.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .history import History, day_to_iso
from .params import Params

STATES = ("improving", "steady", "rut", "decline", "content", "insufficient")
MONTH = 30.44
_LOG2PI = math.log(2 * math.pi)


def norm_cdf(x: np.ndarray | float) -> np.ndarray:
    """Standard normal CDF without scipy (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7)."""
    x = np.asarray(x, dtype=np.float64)
    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = 1.0 - poly * np.exp(-z * z)
    return 0.5 * (1.0 + np.sign(x) * erf)


@dataclass
class StateAt:
    """The coach's verdict at one check-in, with its evidence and the carry for incremental updates."""

    day: float
    state: str
    p_rut: float = 0.0
    p_flat: float = 0.0
    p_up: float = 0.0
    p_down: float = 0.0
    slope: float = float("nan")          # satisfaction points / month in the current regime
    slope_low: float = float("nan")      # 95 % interval
    slope_high: float = float("nan")
    level: float = float("nan")          # current satisfaction level (model fit)
    movement: float = float("nan")       # mean |change| of the dimension ratings over the regime, points
    regime_start: float = float("nan")   # day the current regime most probably started
    regime_checkins: int = 0
    restart: bool = False                # a big logged decision arrived with this check-in
    needed_checkins: int = 0             # for 'insufficient': how many more check-ins are needed
    needed_days: float = 0.0             # ... and how many more days of history
    carry: dict[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> str:
        """ISO date of the check-in."""
        return day_to_iso(self.day)

    def explain(self) -> str:
        """One plain-English sentence with the numbers behind the state."""
        if self.state == "insufficient":
            parts = []
            if self.needed_checkins > 0:
                parts.append(f"{self.needed_checkins} more check-in{'s' if self.needed_checkins != 1 else ''}")
            if self.needed_days > 0:
                parts.append(f"{math.ceil(self.needed_days)} more day{'s' if self.needed_days > 1 else ''}")
            return "Not enough data yet: " + (" and ".join(parts) or "a few more check-ins") + " needed."
        weeks = max(0.0, (self.day - self.regime_start) / 7.0)
        since = day_to_iso(self.regime_start)
        half = (self.slope_high - self.slope_low) / 2
        trend = f"{self.slope:+.1f} ± {half:.1f} points/month"
        moved = f"your ratings moved {self.movement:.1f} points on average"
        span = f"for {weeks:.0f} weeks since {since}"
        if self.state == "rut":
            return (f"Satisfaction has been flat ({trend}) {span} at about {self.level:.1f}/10, and {moved}: "
                    f"that looks like a rut ({self.p_rut:.0%} sure).")
        if self.state == "decline":
            return f"Satisfaction has been falling ({trend}) {span}; now about {self.level:.1f}/10."
        if self.state == "improving":
            return f"Satisfaction has been rising ({trend}) {span}; now about {self.level:.1f}/10."
        if self.state == "content":
            return (f"Satisfaction is steady at a high {self.level:.1f}/10 ({trend}) {span}: "
                    "nothing to fix.")
        extra = " (a big decision was just logged: a fresh start)" if self.restart else ""
        return f"No clear direction: satisfaction {trend} {span}, about {self.level:.1f}/10{extra}."

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (NaN -> None); includes the carry so it can be stored and resumed."""

        def f(x: float) -> float | None:
            return None if x is None or not math.isfinite(x) else round(float(x), 4)

        return {"date": self.date, "day": self.day, "state": self.state, "p_rut": f(self.p_rut),
                "p_flat": f(self.p_flat), "p_up": f(self.p_up), "p_down": f(self.p_down),
                "slope": f(self.slope), "slope_low": f(self.slope_low), "slope_high": f(self.slope_high),
                "level": f(self.level), "movement": f(self.movement),
                "regime_start": None if not math.isfinite(self.regime_start) else day_to_iso(self.regime_start),
                "regime_checkins": self.regime_checkins, "restart": self.restart,
                "needed_checkins": self.needed_checkins, "needed_days": f(self.needed_days),
                "summary": self.explain(), "carry": dict(self.carry)}


def _initial_carry() -> dict[str, Any]:
    return {"mode": "none", "since": None, "quiet_until": None, "restarts": 0}


def _robust_sd(y: np.ndarray, floor: float) -> np.ndarray:
    """Per-column noise sd from the median absolute successive difference (trend barely matters)."""
    d = np.abs(np.diff(y, axis=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        s = np.nanmedian(d, axis=0) / (0.6745 * math.sqrt(2.0))
    return np.maximum(np.nan_to_num(s, nan=floor), floor)


def _winsorise(y: np.ndarray, sd: np.ndarray, z: float) -> np.ndarray:
    """Clip each value to its local 5-point median ± z·sd: a one-week shock is damped, a level shift kept."""
    w = y.shape[0]
    if w < 3:
        return y
    pad = np.full((w + 4, y.shape[1]), np.nan)
    pad[2:-2] = y
    win = np.lib.stride_tricks.sliding_window_view(pad, 5, axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = np.nanmedian(win, axis=-1)
    return np.clip(y, ref - z * sd, ref + z * sd)


def _segment_fit(c: dict[str, np.ndarray], i: np.ndarray, j: int | np.ndarray, ref: np.ndarray,
                 sig2: np.ndarray, m0: np.ndarray, va: float, vb: float):
    """Bayesian straight line per series on rows [i, j): log marginal likelihood and posterior of (a, b).

    Time is measured from ``ref`` (months) so that ``a`` is the level at ``ref``. Arrays broadcast as
    (splits, series). Prior a ~ N(m0, va), b ~ N(0, vb), noise N(0, sig2).
    """
    s0 = c["m"][j] - c["m"][i]
    st = c["t"][j] - c["t"][i]
    stt = c["tt"][j] - c["tt"][i]
    sy = c["y"][j] - c["y"][i]
    sty = c["ty"][j] - c["ty"][i]
    syy = c["yy"][j] - c["yy"][i]
    r = ref[:, None]
    s1 = st - r * s0
    s2 = stt - 2 * r * st + r * r * s0
    sxy = sty - r * sy
    l00 = 1.0 / va + s0 / sig2
    l01 = s1 / sig2
    l11 = 1.0 / vb + s2 / sig2
    h0 = m0 / va + sy / sig2
    h1 = sxy / sig2
    det = l00 * l11 - l01 * l01
    a = (l11 * h0 - l01 * h1) / det
    b = (l00 * h1 - l01 * h0) / det
    logml = (-0.5 * s0 * (_LOG2PI + np.log(sig2)) - 0.5 * math.log(va * vb) - 0.5 * np.log(det)
             - 0.5 * (syy / sig2 + m0 * m0 / va - (h0 * a + h1 * b)))
    return logml, a, b, l11 / det, l00 / det


def _evidence(h: History, n: int, p: Params) -> dict[str, Any]:
    """Regime posterior at check-in n from the bounded window ending there (pure function of the data)."""
    days = h.days
    w0 = max(0, n + 1 - p.window_checkins)
    w0 = min(max(w0, int(np.searchsorted(days, days[n] - p.window_days))), max(0, n + 1 - p.min_checkins))
    dwin = days[w0:n + 1]
    w = len(dwin)
    t = (dwin - days[n]) / MONTH
    y = np.column_stack((h.satisfaction[w0:n + 1], h.ratings[w0:n + 1]))
    mask = np.isfinite(y)
    sd = _robust_sd(y, p.noise_floor)
    yc = np.where(mask, _winsorise(y, sd, p.outlier_z), 0.0)
    mf = mask.astype(np.float64)
    tt = t[:, None]
    zero = np.zeros((1, y.shape[1]))
    c = {k: np.vstack((zero, np.cumsum(v, axis=0))) for k, v in
         (("m", mf), ("t", mf * tt), ("tt", mf * tt * tt), ("y", yc), ("ty", yc * tt), ("yy", yc * yc))}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m0 = np.nan_to_num(np.nanmean(np.where(mask, yc, np.nan), axis=0), nan=5.0)
    sig2 = sd * sd
    va, vb = p.level_prior_sd ** 2, p.slope_prior_sd ** 2
    weight = np.full(y.shape[1], p.dims_evidence)
    weight[0] = 1.0
    # candidate starts of the current regime: s = 0 (no change in the window) or 2..w-2
    s = np.r_[0, np.arange(2, w - 1)] if w >= 4 else np.array([0])
    end_ref = np.zeros(len(s))
    ll2, a2, b2, va2, vb2 = _segment_fit(c, s, w, end_ref, sig2, m0, va, vb)
    ll1 = np.zeros_like(ll2)
    if len(s) > 1:
        i1 = np.zeros(len(s) - 1, dtype=int)
        ref1 = t[s[1:] - 1]
        ll1[1:] = _segment_fit(c, i1, s[1:], ref1, sig2, m0, va, vb)[0]
    loglik = ((ll1 + ll2) * weight).sum(axis=1)
    age = (days[n] - dwin[s]) / p.segment_days
    gap = np.where(s > 0, (dwin[s] - dwin[np.maximum(s - 1, 0)]) / p.segment_days, 1.0)
    logprior = -age + np.where(s > 0, np.log1p(-np.exp(-np.maximum(gap, 1e-9))), 0.0)
    lp = loglik + logprior
    post = np.exp(lp - lp.max())
    post /= post.sum()
    b, sdb = b2[:, 0], np.sqrt(vb2[:, 0])
    a, sda = a2[:, 0], np.sqrt(va2[:, 0])
    delta = p.flat_slope
    p_up_s = 1.0 - norm_cdf((delta - b) / sdb)
    p_down_s = norm_cdf((-delta - b) / sdb)
    p_flat_s = 1.0 - p_up_s - p_down_s
    dur = days[n] - dwin[s]
    long_enough = (dur >= p.min_rut_days) & ((w - s) >= p.min_rut_checkins)
    below = norm_cdf((p.content_level - a) / sda)
    moved = np.abs(b2[:, 1:]) * (dur / MONTH)[:, None]
    best = int(np.argmax(post))
    mean_b = float(post @ b)
    var_b = float(post @ (sdb ** 2 + (b - mean_b) ** 2))
    return {
        "p_rut": float(post @ (p_flat_s * long_enough * below)),
        "p_flat": float(post @ p_flat_s), "p_up": float(post @ p_up_s), "p_down": float(post @ p_down_s),
        "p_high": float(post @ (1.0 - below)),
        "slope": mean_b, "slope_sd": math.sqrt(var_b), "level": float(post @ a),
        "movement": float(moved[best].mean()) if moved.shape[1] else 0.0,
        "start": float(dwin[s[best]]), "count": int(w - s[best]),
    }


def _restart_between(h: History, lo: float, hi: float, p: Params) -> bool:
    """Was a big decision (size >= restart_size) logged in (lo, hi]?"""
    m = (h.step_days > lo) & (h.step_days <= hi) & (h.step_size >= p.restart_size)
    return bool(m.any())


def step_state(h: History, n: int, carry: Mapping[str, Any] | None, p: Params) -> StateAt:
    """State at check-in n given the carry left by check-in n-1 (None for the first)."""
    prev = dict(carry) if carry else _initial_carry()
    day = float(h.days[n])
    lo = float(h.days[n - 1]) if n > 0 else -math.inf
    restart = _restart_between(h, lo, day, p)
    span = day - float(h.days[0])
    if n + 1 < p.min_checkins or span < p.min_days:
        out = _initial_carry()
        return StateAt(day=day, state="insufficient", restart=restart,
                       needed_checkins=max(0, p.min_checkins - (n + 1)),
                       needed_days=max(0.0, p.min_days - span), carry=out)
    ev = _evidence(h, n, p)
    mode, since = prev["mode"], prev["since"]
    quiet_until, restarts = prev["quiet_until"], int(prev["restarts"])
    if restart:
        if mode == "rut":
            restarts += 1
        quiet = p.restart_quiet_days * (p.restart_t_mult ** max(0, restarts - 1))
        quiet_until = day + quiet
        if mode == "rut":
            mode, since = "none", None
    quiet_now = quiet_until is not None and day < quiet_until
    # hysteresis: each alert has an on and a lower off threshold
    if mode == "rut":
        if ev["p_rut"] < p.rut_off or ev["p_up"] >= p.trend_on or ev["p_down"] >= p.trend_on:
            mode = "none"
    elif mode == "decline":
        if ev["p_down"] < p.trend_off:
            mode = "none"
    elif mode == "improving" and ev["p_up"] < p.trend_off:
        mode = "none"
    if mode == "none":
        if ev["p_down"] >= p.trend_on:
            mode = "decline"
        elif ev["p_up"] >= p.trend_on:
            mode = "improving"
        elif ev["p_rut"] >= p.rut_on and not quiet_now:
            mode = "rut"
        if mode != "none":
            since = day
    if mode != "rut" and prev["mode"] == "rut" and not restart:
        restarts = 0  # broke out on their own: the next rut starts a fresh restart schedule
    if mode == "none":
        since = None
        state = "content" if (ev["p_flat"] >= 0.5 and ev["level"] >= p.content_level) else "steady"
    else:
        state = mode
    half = 1.96 * ev["slope_sd"]
    return StateAt(day=day, state=state, p_rut=ev["p_rut"], p_flat=ev["p_flat"], p_up=ev["p_up"],
                   p_down=ev["p_down"], slope=ev["slope"], slope_low=ev["slope"] - half,
                   slope_high=ev["slope"] + half, level=ev["level"], movement=ev["movement"],
                   regime_start=ev["start"], regime_checkins=ev["count"], restart=restart,
                   carry={"mode": mode, "since": since, "quiet_until": quiet_until, "restarts": restarts})


def causal_states(history: History, params: Params | None = None) -> list[StateAt]:
    """One state per check-in, each using only that check-in, earlier ones and decisions logged by then."""
    return update_states(history, [], params)


def update_states(history: History, known: Sequence[StateAt | Mapping[str, Any]],
                  params: Params | None = None) -> list[StateAt]:
    """States for check-ins len(known)..n-1, resuming from the carry stored with the last known state.

    ``known`` may hold StateAt objects or their ``to_json()`` dicts (only the last one's carry is used).
    The result equals ``causal_states(history)[len(known):]``.
    """
    p = params or Params()
    k = len(known)
    if k > history.n:
        raise ValueError("more known states than check-ins")
    carry: Mapping[str, Any] | None = None
    if k:
        last = known[-1]
        carry = last.carry if isinstance(last, StateAt) else last.get("carry")
        if carry is None:
            raise ValueError("the last known state has no carry; recompute with causal_states")
    out = []
    for i in range(k, history.n):
        st = step_state(history, i, carry, p)
        out.append(st)
        carry = st.carry
    return out
