"""Causal state of every check-in: what the coach would have said at the time.

Model (why): a person's satisfaction and dimension ratings move piecewise-linearly through regimes
(growth, rut, decline, ...). At each check-in we look back over a bounded window and ask *when did the
current regime start?* — a posterior over the last changepoint, where each candidate split is scored by the
Bayesian marginal likelihood of one straight line per series before and after it (satisfaction plus the
dimension ratings, the latter tempered because they are only supporting evidence); the line after a change
usually starts where the line before it ended (continuous regimes), unless the change is a jump. The window
is a number of slots; frequent check-ins are pooled into slots so that it still spans weeks. Single-week shocks are
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, overload

import numpy as np

from .history import History, day_to_iso, day_to_text
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


def weeks_phrase(weeks: float) -> str:
    """'1 week', '3 weeks' (rounded as printed: the plural follows the number shown)."""
    shown = f"{weeks:.0f}"
    return f"{shown} week" if shown == "1" else f"{shown} weeks"


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
    restarts: int = 0                    # warm restarts tried in the current rut (the advice's T_mult); a
                                         # field, not only in the carry, which a stored state keeps only last
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
        since = day_to_text(self.regime_start)
        half = (self.slope_high - self.slope_low) / 2
        trend = f"{self.slope:+.1f} ± {half:.1f} points/month"
        moved = f"your ratings moved {self.movement:.1f} points on average"
        span = f"for {weeks_phrase(weeks)} since {since}"
        if self.state == "rut":
            return (f"Satisfaction has been flat ({trend}) {span} at about {self.level:.1f}/10, and {moved}: "
                    f"that looks like a rut ({self.p_rut:.0%} sure).")
        if self.state == "decline":
            return (f"Satisfaction has been falling ({trend}; {self.p_down:.0%} sure) {span}; now about "
                    f"{self.level:.1f}/10.")
        if self.state == "improving":
            return (f"Satisfaction has been rising ({trend}; {self.p_up:.0%} sure) {span}; now about "
                    f"{self.level:.1f}/10.")
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


#: A state's numbers in field order (everything but ``state`` and ``carry``), with the type each reads back as.
_NUMERIC = [(f.name, float if f.default is MISSING else type(f.default)) for f in fields(StateAt)
            if f.name not in ("state", "carry")]


def state_columns(states: Iterable[StateAt]) -> dict[str, np.ndarray]:
    """States as two columns: ``state_numbers`` (one float row each) and ``state_codes`` (index in STATES)."""
    states = list(states)
    numbers = np.array([[float(getattr(s, name)) for name, _ in _NUMERIC] for s in states],
                       dtype=np.float64).reshape(len(states), len(_NUMERIC))
    codes = np.array([STATES.index(s.state) for s in states], dtype=np.uint8)
    return {"state_numbers": numbers, "state_codes": codes}


class StateColumns(Sequence[StateAt]):
    """States kept as the columns of ``state_columns`` (then any more as objects), each built as a StateAt
    only when read.

    Why: a report reads the last state and those in alerts, a few hundred of ten years' 3,652; building them
    all cost ~6 ms of every ``coach status`` after a check-in. As a list, only the last state has a carry
    (what ``update_states`` resumes from).
    """

    def __init__(self, columns: Mapping[str, np.ndarray], carry: Mapping[str, Any],
                 more: Sequence[StateAt] = ()) -> None:
        self._numbers, self._codes = columns["state_numbers"], columns["state_codes"]
        self._carry, self._more = dict(carry), list(more)

    def __len__(self) -> int:
        return len(self._codes) + len(self._more)

    @overload
    def __getitem__(self, i: int) -> StateAt: ...

    @overload
    def __getitem__(self, i: slice) -> list[StateAt]: ...

    def __getitem__(self, i: int | slice) -> StateAt | list[StateAt]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        held = len(self._codes)
        k = i + len(self) if i < 0 else i
        if not 0 <= k < len(self):
            raise IndexError("state index out of range")
        if k >= held:
            return self._more[k - held]
        day, *rest = (kind(v) for (_, kind), v in zip(_NUMERIC, self._numbers[k].tolist(), strict=True))
        state = StateAt(day, STATES[self._codes[k]], *rest)
        if k == held - 1 and not self._more:
            state.carry = self._carry
        return state

    def __add__(self, more: Sequence[StateAt]) -> StateColumns:
        return StateColumns({"state_numbers": self._numbers, "state_codes": self._codes}, self._carry,
                            self._more + list(more))

    def head(self, k: int) -> StateColumns:
        """The first ``k`` states, still as columns (with no carry: only the last of all states has one)."""
        held = len(self._codes)
        columns = {"state_numbers": self._numbers[:k], "state_codes": self._codes[:k]}
        return StateColumns(columns, {}, self._more[:max(0, k - held)])

    def names(self) -> list[str]:
        """Every state's name, without building the states."""
        return [STATES[c] for c in self._codes.tolist()] + [s.state for s in self._more]

    def values(self, name: str) -> list[float]:
        """One numeric field of every state, without building the states."""
        column = [n for n, _ in _NUMERIC].index(name)
        return self._numbers[:, column].tolist() + [float(getattr(s, name)) for s in self._more]


def state_names(states: Sequence[StateAt]) -> list[str]:
    """Every state's name; from a StateColumns without building its states."""
    return states.names() if isinstance(states, StateColumns) else [s.state for s in states]


def state_head(states: Sequence[StateAt], k: int) -> Sequence[StateAt]:
    """The first ``k`` states; of a StateColumns without building them (a past week's report slices 3,652)."""
    return states.head(k) if isinstance(states, StateColumns) else list(states[:k])


def state_values(states: Sequence[StateAt], name: str) -> list[float]:
    """One numeric field of every state; from a StateColumns without building its states."""
    return states.values(name) if isinstance(states, StateColumns) else [float(getattr(s, name)) for s in states]


def _initial_carry() -> dict[str, Any]:
    return {"mode": "none", "since": None, "quiet_until": None, "restarts": 0, "score": None, "streak": 0, "pending": 9}


def _median5(pad: np.ndarray) -> np.ndarray:
    """Median ignoring NaN of each 5-value run along axis 1 (``pad`` has 4 more rows than the result).

    The same numbers as sorting each window of 5 (NaN last) and averaging its middle finite value(s), but by
    a 9-comparator sorting network on whole arrays (NaN counted as +inf): ~3x faster than a sort per window.
    """
    n = pad.shape[1] - 4
    v = [np.where(np.isnan(a), np.inf, a) for a in (pad[:, i:i + n] for i in range(5))]
    k = sum(np.isfinite(a).astype(np.int8) for a in v)
    for i, j in ((0, 1), (3, 4), (2, 4), (2, 3), (0, 3), (0, 2), (1, 4), (1, 3), (1, 2)):
        v[i], v[j] = np.minimum(v[i], v[j]), np.maximum(v[i], v[j])
    lo = np.choose(np.maximum((k - 1) // 2, 0), v)
    hi = np.choose(k // 2, v)
    return np.where(k > 0, 0.5 * (lo + hi), np.nan)


def _robust_sd(y: np.ndarray, floor: float, prior_sd: float, prior_n: float) -> np.ndarray:
    """Per-series noise sd from second differences (a straight-line trend cancels out).

    |Δ²y| of independent noise is |N(0, 6σ²)|; we average its lower 90 % (so a one-week shock barely counts)
    and rescale by the matching Gaussian constant. Unlike a median of first differences this survives
    ratings rounded to whole numbers (many zero differences). With few values the estimate is shrunk towards
    a typical noise level (``prior_n`` pseudo-values at ``prior_sd``), so that five lucky check-ins do not
    look like a precise flat line. ``y`` is (batch, window, series); returns (batch, series).
    """
    d2 = np.abs(y[:, 2:] - 2.0 * y[:, 1:-1] + y[:, :-2])
    srt = np.sort(d2, axis=1)  # NaN last
    k = np.isfinite(d2).sum(axis=1)
    m = np.maximum(np.floor(0.9 * k).astype(np.int64), 1)
    csum = np.cumsum(np.nan_to_num(srt), axis=1)
    tmean = np.take_along_axis(csum, (m - 1)[:, None, :], axis=1)[:, 0, :] / m
    s = np.where(k > 0, tmean / (0.6574 * math.sqrt(6.0)), 0.0)
    s2 = (k * s * s + prior_n * prior_sd * prior_sd) / (k + prior_n)
    return np.maximum(np.sqrt(s2), floor)


def _robust_weights(y: np.ndarray, sd: np.ndarray, z: float, z_new: float) -> np.ndarray:
    """Weight of each value by its distance to the local 5-point median (Cauchy-like redescending).

    A one-week shock sits far from the median of its neighbours (for the newest value: of itself and the two
    before it) and gets a weight near 0, so it neither creates nor breaks a regime; a real level shift
    moves the median along and keeps full weight once a second value confirms it.
    """
    b, w, j = y.shape
    pad = np.full((b, w + 4, j), np.nan)
    pad[:, 2:-2] = y
    ref = _median5(pad)
    zz = np.full((1, w, 1), z)
    zz[0, -1, 0] = z_new  # the newest value has no later one to confirm it: judge it more sternly
    u = np.abs(y - ref) / (zz * sd[:, None, :])
    return np.where(np.isfinite(y), 1.0 / np.maximum(1.0, u * u), 0.0)


def _segment_fit(sums: Mapping[str, np.ndarray], ref: np.ndarray | None, sig2: np.ndarray, m0: np.ndarray,
                 va: float, slope_priors: Sequence[tuple[float, float]]) -> list[tuple[np.ndarray, ...]]:
    """Bayesian straight line per series on a segment: log marginal likelihood and posterior of (a, b).

    ``sums`` hold the segment sums of weight, t, t², y, t·y, y² (batch, splits, series); time is shifted to
    be measured from ``ref`` (batch, splits; None = from the current check-in) so that ``a`` is the level
    there. Prior a ~ N(m0, va), noise N(0, sig2); one result per slope prior b ~ N(mb, vb) in
    ``slope_priors`` (the terms they share are computed once). Each result is
    (log marginal likelihood, a, b, l11, l00, 1/det), arrays (batch, splits, series); var a = l11/det,
    var b = l00/det.
    """
    s0, st, stt, sy, sty, syy = (sums[k] for k in ("m", "t", "tt", "y", "ty", "yy"))
    if ref is None:
        s1, s2, sxy = st, stt, sty
    else:
        r = ref[:, :, None]
        s1 = st - r * s0
        s2 = stt - 2 * r * st + r * r * s0
        sxy = sty - r * sy
    inv = (1.0 / sig2)[:, None, :]
    lognorm = (_LOG2PI + np.log(sig2))[:, None, :]
    if m0.ndim == 2:
        m0 = m0[:, None, :]
    logva = np.log(va)
    l00 = 1.0 / va + s0 * inv
    l01 = s1 * inv
    l01sq = l01 * l01
    s2i = s2 * inv
    h0 = m0 / va + sy * inv
    sxyi = sxy * inv
    const = -0.5 * (s0 * lognorm + syy * inv + m0 * m0 / va)
    out = []
    for mb, vb in slope_priors:
        l11 = 1.0 / vb + s2i
        h1 = mb / vb + sxyi if mb else sxyi
        det = l00 * l11 - l01sq
        idet = 1.0 / det
        a = (l11 * h0 - l01 * h1) * idet
        b = (l00 * h1 - l01 * h0) * idet
        logml = const - 0.5 * (logva + math.log(vb) + mb * mb / vb) - 0.5 * (np.log(det) - (h0 * a + h1 * b))
        out.append((logml, a, b, l11, l00, idet))
    return out


KINDS = ("still", "churn", "up", "down")


def _kind_prior(p: Params) -> np.ndarray:
    """Prior of the four regime kinds when nothing is known about the previous regime."""
    pr = np.array([p.prior_still, p.prior_churn, p.prior_up, p.prior_down])
    return pr / pr.sum()


def _transitions(p: Params) -> np.ndarray:
    """P(kind of this regime | kind of the previous one): the grammar of a life's regimes.

    A plateau follows growth or a decline (not another plateau: the end of a plateau is a breakout or a
    slide); after a plateau comes a breakout (mostly) or a decline; after a decline, a plateau or a recovery.
    Within "flat", still vs churn keeps the prior's proportion.
    """
    pr = _kind_prior(p)
    churn = pr[1] / (pr[0] + pr[1])

    def row(flat: float, up_share: float) -> list[float]:
        rest = 1.0 - flat
        return [flat * (1 - churn), flat * churn, rest * up_share, rest * (1 - up_share)]

    T = np.array([row(p.flat_after_flat, 0.6), row(p.flat_after_flat, 0.6), row(p.flat_after_up, 0.35),
                  row(p.flat_after_down, 0.9)])
    return np.maximum(T, 1e-6)


def _dims_evidence(ll_ds: np.ndarray, ll_dm: np.ndarray, act_d: np.ndarray, p: Params
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The dimensions' evidence (tempered by ``dims_evidence``): all still, and each still or moving (a
    spike/slab mixture per dimension); also that mixture per dimension."""
    pm, lam = p.move_fraction, p.dims_evidence
    mix = np.logaddexp(math.log1p(-pm) + ll_ds, math.log(pm) + ll_dm)
    return lam * (ll_ds * act_d).sum(axis=2), lam * (mix * act_d).sum(axis=2), mix


def _per_kind(ll_flat: np.ndarray, ll_up: np.ndarray, ll_dn: np.ndarray, ll_still_d: np.ndarray | float,
              ll_move_d: np.ndarray | float, p: Params) -> np.ndarray:
    """Log likelihood per regime kind (still, churn, up, down): satisfaction's fit plus the dimensions'."""
    ls = p.sat_evidence
    return np.stack((ls * ll_flat[:, :, 0] + ll_still_d, ls * ll_flat[:, :, 0] + ll_move_d,
                     ls * ll_up[:, :, 0] + ll_move_d, ls * ll_dn[:, :, 0] + ll_move_d), axis=2)


def _kind_logliks(sums: Mapping[str, np.ndarray], ref: np.ndarray | None, sig2: np.ndarray, m0: np.ndarray,
                  act_d: np.ndarray, n_act: np.ndarray, p: Params,
                  anchor: tuple[np.ndarray, np.ndarray] | None = None, loglik_only: bool = False):
    """Log marginal likelihood of a segment under each regime kind (batch, splits, 4), plus its fits.

    still: satisfaction and every dimension flat; churn: satisfaction flat, some dimensions move;
    up / down: satisfaction rises / falls at a typical rate, some dimensions move. "Some dimensions move" is
    a spike (flat) / slab (moving) mixture per dimension. Returns (loglik per kind, level per kind,
    slope and its variances under a vague prior, level var, dimension movement in points/month, anchor).

    Each series' level at ``ref`` has the prior N(m0, level_prior_sd²), or, with ``anchor`` = (mean, var)
    arrays (batch, splits, series), N(mean, var): the line carries on from where the regime before it ended.
    The returned anchor is the level at ``ref`` and its variance (vague slope prior), per series.
    """
    v0, v1, vt = p.still_slope_sd ** 2, p.slope_prior_sd ** 2, p.trend_slope_sd ** 2
    if anchor is None:
        va = p.level_prior_sd ** 2
        ms, md, vs, vd = m0[:, :1], m0[:, 1:], va, va
    else:
        am, av = anchor
        ms, md, vs, vd = am[:, :, :1], am[:, :, 1:], av[:, :, :1], av[:, :, 1:]
    sat = {k: v[:, :, :1] for k, v in sums.items()}
    sat_priors = ((0.0, v0), (p.up_slope, vt), (-p.down_slope, vt))
    if loglik_only:
        dims = {k: v[:, :, 1:] for k, v in sums.items()}
        (ll_flat, *_), (ll_up, *_), (ll_dn, *_) = _segment_fit(sat, ref, sig2[:, :1], ms, vs, sat_priors)
        ll_ds, ll_dm = (f[0] for f in _segment_fit(dims, ref, sig2[:, 1:], md, vd,
                                                    ((0.0, p.dim_still_slope_sd ** 2), (0.0, v1))))
        ll_still_d, ll_move_d, _ = _dims_evidence(ll_ds, ll_dm, act_d, p)
        return _per_kind(ll_flat, ll_up, ll_dn, ll_still_d, ll_move_d, p)
    (ll_flat, a_flat, *_), (ll_up, a_up, *_), (ll_dn, a_dn, *_), (_, a_v, b_v, l11_v, l00_v, idet_v) = \
        _segment_fit(sat, ref, sig2[:, :1], ms, vs, (*sat_priors, (0.0, v1)))
    shape = ll_flat.shape[:2]
    anc_m, anc_v = [a_v], [l11_v * idet_v]
    if sig2.shape[1] > 1:
        dims = {k: v[:, :, 1:] for k, v in sums.items()}
        (ll_ds, _, b_ds, *_), (ll_dm, a_dm, b_dm, l11_dm, _, idet_dm) = \
            _segment_fit(dims, ref, sig2[:, 1:], md, vd, ((0.0, p.dim_still_slope_sd ** 2), (0.0, v1)))
        ll_still_d, ll_move_d, mix = _dims_evidence(ll_ds, ll_dm, act_d, p)
        pmove = np.exp(math.log(p.move_fraction) + ll_dm - mix)
        moved = (np.abs(pmove * b_dm + (1 - pmove) * b_ds) * act_d).sum(axis=2) / n_act
        anc_m.append(a_dm)
        anc_v.append(l11_dm * idet_dm)
    else:
        ll_still_d = ll_move_d = moved = np.zeros(shape)
    logc = _per_kind(ll_flat, ll_up, ll_dn, ll_still_d, ll_move_d, p)
    a_kind = np.stack((a_flat[:, :, 0], a_flat[:, :, 0], a_up[:, :, 0], a_dn[:, :, 0]), axis=2)
    anc = (np.concatenate(anc_m, axis=2), np.concatenate(anc_v, axis=2))
    return logc, a_kind, b_v[:, :, 0], (l11_v * idet_v)[:, :, 0], (l00_v * idet_v)[:, :, 0], moved, anc


def _prepare(h: History, p: Params, first: int = 0) -> dict[str, Any]:
    """Arrays shared by every batch from check-in ``first`` on (built once per call: work stays linear,
    and an incremental update only touches the last window of rows)."""
    lo = max(0, first - max(p.window_checkins * p.slot_checkins, p.noise_checkins))
    return {"y": np.column_stack((h.satisfaction[lo:], h.ratings[lo:])), "lo": lo,
            "nsat": np.cumsum(np.isfinite(h.satisfaction)),
            "big": np.sort(h.step_days[h.step_size >= p.restart_size])}


def _evidence_batch(h: History, ns: np.ndarray, p: Params, prep: Mapping[str, Any] | None = None
                    ) -> dict[str, np.ndarray]:
    """Regime posterior at each check-in in ``ns`` from the bounded window ending there.

    Each row depends only on its own window (elementwise ops and per-row reductions), so evaluating one
    check-in alone gives bit-for-bit the same numbers as evaluating it inside a batch.
    """
    days = h.days
    W = p.window_checkins
    R = W * p.slot_checkins
    bsz = len(ns)
    # the window: the last window_days days, at most R check-ins; it is cut into at most W slots of k
    # consecutive check-ins (k = 1 unless the person checks in often), and the current regime may start at
    # any slot. Frequent check-ins thus still cover weeks of history, and every check-in counts as evidence.
    w0 = np.minimum(ns + 1 - W, np.searchsorted(days, days[ns] - p.window_min_days))
    w0 = np.maximum(np.maximum(0, np.maximum(w0, ns + 1 - R)), np.searchsorted(days, days[ns] - p.window_days))
    w0 = np.minimum(w0, np.maximum(0, ns + 1 - p.min_checkins))
    m_rows = ns + 1 - w0
    k = np.maximum(1, -(-m_rows // W))[:, None]
    # rows held per window in this batch: only as many as the longest window needs (the padding is exact
    # zeros, so a check-in's numbers do not depend on the batch it is computed in)
    R = int(min(R, max(W, int(m_rows.max()))))
    prep = prep or _prepare(h, p, int(ns.min()))
    yall = prep["y"]
    lo = prep["lo"]
    idx = ns[:, None] - (R - 1) + np.arange(R)[None, :]
    inwin = idx >= w0[:, None]
    idxc = np.maximum(idx, lo)
    nser = yall.shape[1]
    y = np.where(inwin[:, :, None], yall[idxc - lo], np.nan)
    dn = days[ns][:, None]
    drow = np.where(inwin, days[idxc], dn)
    t = (drow - dn) / MONTH
    mask = np.isfinite(y)
    # the noise level is a trait of the person: estimated over the last noise_checkins check-ins
    L = p.noise_checkins
    idn = ns[:, None] - (L - 1) + np.arange(L)[None, :]
    yn = np.where((idn >= 0)[:, :, None], yall[np.maximum(idn, lo) - lo], np.nan)
    sd = _robust_sd(yn, p.noise_floor, p.noise_prior_sd, p.noise_prior_n)
    mf = _robust_weights(y, sd, p.outlier_z, p.outlier_z_newest)
    if not p.robust_dims:
        mf[:, :, 1:] = mask[:, :, 1:]  # the ratings have noise but no shocks: keep jumps (breakouts) whole
    yc = np.where(mask, y, 0.0) * mf
    yr = np.where(mask, y, 0.0)
    tt = t[:, :, None]
    zero = np.zeros((bsz, 1, nser))
    # slot boundaries (row positions): slot j starts at row R - (W - j)·k, clipped to the window start
    rs = (R - m_rows)[:, None]
    spos = np.broadcast_to(np.arange(W)[None, :], (bsz, W))
    srow = np.maximum(R - (W - spos) * k, rs)                 # first row of each slot
    bnd = np.concatenate((srow, np.full((bsz, 1), R)), axis=1)[:, :, None]
    c = {key: np.take_along_axis(np.concatenate((zero, np.cumsum(v, axis=1)), axis=1),
                                 np.broadcast_to(bnd, (bsz, W + 1, nser)), axis=1)
         for key, v in (("m", mf), ("t", mf * tt), ("tt", mf * tt * tt), ("y", yc), ("ty", yc * tt),
                        ("yy", yc * yr))}
    cnt = mf.sum(axis=1)
    m0 = np.where(cnt > 0, yc.sum(axis=1) / np.maximum(cnt, 1e-9), 5.0)
    sig2 = sd * sd
    dwin = np.take_along_axis(drow, np.minimum(srow, R - 1), axis=1)      # day each slot starts
    tprev = np.take_along_axis(t, np.maximum(srow - 1, 0), axis=1)        # time of the row before it
    rows_after = R - srow                                                  # check-ins since the slot start
    # candidate starts of the current regime (slots): p0 = no change in the window,
    # or a change at slot s with at least 2 slots before it
    p0 = W - (-(-m_rows[:, None] // k))
    valid = (spos == p0) | ((spos >= p0 + 2) & (rows_after >= p.min_regime_rows))
    prevslot = np.take_along_axis(dwin, np.maximum(spos - 1, 0), axis=1)  # day the slot before starts
    # a logged big decision makes a change right after it much more likely (many such steps change
    # nothing, so it is a prior boost, not a forced changepoint)
    big = prep["big"]
    step_boost = np.zeros((bsz, W))
    step_hit = np.zeros((bsz, W), dtype=bool)
    if len(big):
        hit = np.searchsorted(big, dwin, side="right") > np.searchsorted(big, prevslot, side="right")
        step_hit = hit & (spos > p0)
        step_boost = np.where(step_hit, math.log(p.step_change_odds), 0.0)
        kk = np.searchsorted(big, days[ns], side="right")
        last_step = np.where(kk > 0, big[np.maximum(kk - 1, 0)], -np.inf)[:, None]
    else:
        last_step = np.full((bsz, 1), -np.inf)
    # segment sums by prefix differences: after s = c[W] - c[s]; before s (from p0) = c[s] - c[p0]
    head = {key: v[:, :W] for key, v in c.items()}
    after = {key: v[:, W:W + 1] - head[key] for key, v in c.items()}
    p0j = np.broadcast_to(p0[:, :, None], (bsz, 1, nser))
    before = {key: head[key] - np.take_along_axis(v, p0j, axis=1) for key, v in c.items()}
    # the current regime is one of four kinds (see _kind_logliks), and so was the one before the split
    # a dimension that did not change at all in the window carries no evidence (and adding one to a
    # journal must change nothing): it is left out
    hi = np.where(mask, y, -np.inf).max(axis=1)
    lo = np.where(mask, y, np.inf).min(axis=1)
    active = (hi > lo).astype(np.float64)
    active[:, 0] = 1.0
    act_d = active[:, None, 1:]
    n_act = np.maximum(act_d.sum(axis=2), 1.0)
    kinds2, a_kind, b_v, va_v, vb_v, moved, _ = _kind_logliks(after, None, sig2, m0, act_d, n_act, p)
    ref1 = tprev
    kinds1, *_, (anc_m, anc_v) = _kind_logliks(before, ref1, sig2, m0, act_d, n_act, p)
    if p.jump_prob < 1:
        # regimes join up: the line after the change starts where the line before it ended (plus a small
        # jump), unless the split is a jump (a breakout: the levels start afresh), more likely right after
        # a logged big decision. Anchored, a few check-ins of a new regime already pin its slope down.
        vj = np.full(nser, p.jump_sd_dims ** 2)
        vj[0] = p.jump_sd_sat ** 2
        kinds2a = _kind_logliks(after, ref1, sig2, m0, act_d, n_act, p, anchor=(anc_m, anc_v + vj),
                                loglik_only=True)
        q = np.where(step_hit, p.jump_prob_step, p.jump_prob)[:, :, None]
        kinds2c = np.logaddexp(np.log1p(-q) + kinds2a, np.log(q) + kinds2)
    else:
        kinds2c = kinds2
    logpi = np.log(_kind_prior(p))
    # regime grammar: what the previous regime was changes what the current one is likely to be
    life = np.array([p.flat_days, p.flat_days, p.segment_days, p.segment_days])
    joint = np.logaddexp.reduce((kinds1 + logpi)[:, :, :, None] + np.log(_transitions(p))[None, None], axis=2)
    logc = np.where((spos > p0)[:, :, None], joint + kinds2c, kinds2 + logpi)
    # prior of the current regime having started at s: regimes end at a constant rate, a plateau lasting
    # longer (about flat_days) than a trend (segment_days): P(start at s, kind) =
    # (1 - e^(-gap/L_kind)) e^(-age/L_kind) (no change in the window: e^(-age/L_kind))
    age = ((dn - dwin)[:, :, None]) / life
    gap = np.maximum((dwin - prevslot)[:, :, None] / life, 1e-9)
    logprior = -age + np.where((spos > p0)[:, :, None], np.log1p(-np.exp(-gap)), 0.0) + step_boost[:, :, None]
    logc = logc + logprior
    ll12 = np.logaddexp.reduce(logc, axis=2)
    pc = np.exp(logc - ll12[:, :, None])            # P(kind | regime started at s)
    lp = np.where(valid, ll12, -np.inf)
    post = np.exp(lp - lp.max(axis=1, keepdims=True))
    post = post / post.sum(axis=1, keepdims=True)
    level = (pc * a_kind).sum(axis=2)
    sda = np.sqrt(va_v)
    b, sdb = b_v, np.sqrt(vb_v)
    dur = dn - dwin
    # a regime that began with the history has no observed start (nothing before it to anchor on, no
    # grammar): it has its own minimum before it may be called a rut
    open_start = (spos == p0) & (w0 == 0)[:, None]
    long_enough = ((dur >= np.where(open_start, p.min_rut_days_open, p.min_rut_days))
                   & (rows_after >= p.min_rut_checkins))
    below = norm_cdf((p.content_level - level) / sda)
    flat = pc[:, :, 0] + pc[:, :, 1]
    best = np.argmax(post, axis=1)[:, None]
    mean_b = (post * b).sum(axis=1)
    var_b = (post * (sdb ** 2 + (b - mean_b[:, None]) ** 2)).sum(axis=1)
    pick = lambda x: np.take_along_axis(x, best, axis=1)[:, 0]  # noqa: E731
    rut_mass = post * (flat * long_enough * below)
    return {
        "p_rut": rut_mass.sum(axis=1),
        # the part of P(rut) from "no change in the window": a plateau whose start is not seen
        "p_rut_unseen": (rut_mass * (spos == p0)).sum(axis=1),
        "p_flat": (post * flat).sum(axis=1), "p_up": (post * pc[:, :, 2]).sum(axis=1),
        "p_down": (post * pc[:, :, 3]).sum(axis=1), "slope": mean_b, "slope_sd": np.sqrt(var_b),
        "level": (post * level).sum(axis=1), "movement": pick(moved * dur / MONTH), "start": pick(dwin),
        "count": np.take_along_axis(rows_after, best, axis=1)[:, 0],
        # how sure we are that the current regime began after the last logged big decision
        "p_since_step": (post * ((dwin > last_step) & (spos > p0))).sum(axis=1),
        # a young regime that rises or falls: the plateau has just ended
        "p_break": (post * (1.0 - flat) * (dur < p.break_days) * (spos > p0)).sum(axis=1),
    }


def _restart_between(big: np.ndarray, lo: float, hi: float) -> bool:
    """Was a big decision (sorted days ``big``, size >= restart_size) logged in (lo, hi]?"""
    return bool(np.searchsorted(big, hi, side="right") > np.searchsorted(big, lo, side="right"))


def step_state(h: History, n: int, carry: Mapping[str, Any] | None, p: Params,
               ev: Mapping[str, float] | None = None, prep: Mapping[str, Any] | None = None) -> StateAt:
    """State at check-in n given the carry left by check-in n-1 (None for the first).

    ``ev`` is the precomputed evidence row for check-in n (computed here when omitted).
    """
    prev = dict(carry) if carry else _initial_carry()
    day = float(h.days[n])
    lo = float(h.days[n - 1]) if n > 0 else -math.inf
    prep = prep or _prepare(h, p, n)
    restart = _restart_between(prep["big"], lo, day)
    span = day - float(h.days[0])
    rated = int(prep["nsat"][n])  # check-ins with a satisfaction rating so far
    if rated < p.min_checkins or span < p.min_days:
        out = _initial_carry()
        return StateAt(day=day, state="insufficient", restart=restart,
                       needed_checkins=max(0, p.min_checkins - rated),
                       needed_days=max(0.0, p.min_days - span), carry=out)
    if ev is None:
        ev = _evidence_rows(h, np.array([n]), p, prep)[0]
    mode, since = prev["mode"], prev["since"]
    quiet_until, restarts = prev["quiet_until"], int(prev["restarts"])
    if restart:
        if mode == "rut":
            restarts += 1
        quiet = p.restart_quiet_days * (p.restart_t_mult ** max(0, restarts - 1))
        quiet_until = day + quiet
        if mode == "rut" and p.restart_ends_rut:
            mode, since = "none", None
    pending = 0 if restart else min(int(prev.get("pending", 9)) + 1, 9)
    if mode == "rut" and pending < p.breakout_checkins and ev["p_since_step"] >= p.breakout_on:
        # the big decision changed something: the dimensions jumped, a new regime began: a breakout
        mode, since = "none", None
    quiet_now = quiet_until is not None and day < quiet_until
    # smoothed rut evidence (exponential moving average) and a streak of check-ins above the on-threshold
    prev_score = prev.get("score")
    score = ev["p_rut"] if prev_score is None else p.rut_smooth * ev["p_rut"] + (1 - p.rut_smooth) * prev_score
    streak = int(prev.get("streak", 0)) + 1 if score >= p.rut_on else 0
    # hysteresis: each alert has an on and a lower off threshold
    trend = max(ev["p_up"], ev["p_down"])
    if mode == "rut":
        if (score < p.rut_off or ev["p_up"] >= p.trend_on or ev["p_down"] >= p.trend_on
                or ev.get("p_break", 0.0) >= p.rut_break
                or (int(prev.get("age", 0)) >= 1 and score < p.rut_exit_score and trend >= p.rut_exit_trend
                    and ev.get("p_rut_unseen", 0.0) <= p.unseen_share * ev["p_rut"])):
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
        elif (streak >= p.rut_confirm and not quiet_now and trend < p.rut_block_trend
              and (trend < p.rut_block_trend_unseen
                   or ev.get("p_rut_unseen", 0.0) <= p.unseen_share * ev["p_rut"])):
            mode = "rut"
        if mode != "none":
            since = day
    if mode != "rut" and prev["mode"] == "rut" and not restart:
        restarts = 0  # broke out on their own: the next rut starts a fresh restart schedule
        # a rut is followed by a breakout, a decline or growth, not straight by another rut
        quiet_until = day + p.rut_exit_quiet_days
    if mode == "none":
        since = None
        state = "content" if (ev["p_flat"] >= 0.5 and ev["level"] >= p.content_level) else "steady"
    else:
        state = mode
    half = 1.96 * ev["slope_sd"]
    return StateAt(day=day, state=state, p_rut=ev["p_rut"], p_flat=ev["p_flat"], p_up=ev["p_up"],
                   p_down=ev["p_down"], slope=ev["slope"], slope_low=ev["slope"] - half,
                   slope_high=ev["slope"] + half, level=ev["level"], movement=ev["movement"],
                   regime_start=ev["start"], regime_checkins=ev["count"], restart=restart, restarts=restarts,
                   carry={"mode": mode, "since": since, "quiet_until": quiet_until, "restarts": restarts,
                          "score": score, "streak": streak, "pending": pending,
                          # check-ins the current alert has been on before this one
                          "age": int(prev.get("age", 0)) + 1 if mode == prev["mode"] != "none" else 0})


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
    prep = _prepare(history, p, k)
    ready = k
    for start in range(k, history.n, _CHUNK):
        stop = min(history.n, start + _CHUNK)
        todo = np.arange(max(start, ready), stop)
        rows = _evidence_rows(history, todo, p, prep) if len(todo) else []
        off = todo[0] if len(todo) else stop
        for i in range(start, stop):
            ev = rows[i - off] if i >= off else {}
            st = step_state(history, i, carry, p, ev, prep)
            out.append(st)
            carry = st.carry
    return out


_CHUNK = 256


def _evidence_rows(h: History, ns: np.ndarray, p: Params, prep: Mapping[str, Any] | None = None
                   ) -> list[dict[str, float]]:
    """Evidence for each check-in in ``ns`` as plain-float dicts (batched computation)."""
    if len(ns) == 0:
        return []
    ev = _evidence_batch(h, ns.astype(np.int64), p, prep)
    cols = {k: v.tolist() for k, v in ev.items()}
    return [{k: cols[k][r] for k in cols} for r in range(len(ns))]
