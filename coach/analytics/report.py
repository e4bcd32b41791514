"""The full analysis of a history: state, trend, ruts/declines, gradient, steps, advice, momentum, North Star.

Everything carries the numbers behind it and a plain-English ``summary`` so a person can disagree with it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .gradient import Gradient, estimate_gradient
from .history import History, day_to_iso, day_to_text
from .params import MODEL_VERSION, Params
from .states import StateAt, causal_states, state_names, state_values, weeks_phrase
from .trend import Trend, median, robust_trend


def _r(x: float | None, nd: int = 3) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else round(float(x), nd)


def alert_intervals(h: History, states: Sequence[StateAt], which: str) -> list[dict[str, Any]]:
    """Runs of consecutive check-ins whose causal state was ``which`` (end None = still ongoing).

    Ten years hold hundreds of runs: the steps near each are found by binary search over the step days
    (sorted here: a History does not promise their order), not by a mask over every step."""
    out: list[dict[str, Any]] = []
    n = len(states)
    flags = [name == which for name in state_names(states)]
    starts = [i for i in range(n) if flags[i] and (i == 0 or not flags[i - 1])]
    ends = [i for i in range(n) if flags[i] and (i == n - 1 or not flags[i + 1])]
    days = state_values(states, "day")
    probability = state_values(states, "p_rut" if which == "rut" else "p_down")
    order = np.argsort(h.step_days, kind="stable")
    step_days, step_size = h.step_days[order], h.step_size[order]
    lows = np.searchsorted(step_days, [days[i] - 56 for i in starts], side="left").tolist()
    highs = np.searchsorted(step_days, [days[j] for j in ends], side="right").tolist()
    for i, j, lo, hi in zip(starts, ends, lows, highs, strict=True):
        last = states[j]
        a, b = days[i], last.day
        sizes = step_size[lo:hi].tolist()
        mean_size = sum(sizes) / len(sizes) if sizes else None
        ongoing = j == n - 1
        half = (last.slope_high - last.slope_low) / 2
        word = "flat" if which == "rut" else "falling"
        weeks = (b - last.regime_start) / 7
        summary = (f"Satisfaction {word} ({last.slope:+.1f} ± {half:.1f} points/month) for {weeks_phrase(weeks)} "
                   f"since {day_to_text(last.regime_start)}, ratings moved {last.movement:.1f} points on average"
                   + (f"; {len(sizes)} decision{'s' if len(sizes) != 1 else ''} logged, mean size {mean_size:.1f}"
                      if sizes else
                      "; no decisions logged") + ("; still going." if ongoing else f"; ended {day_to_text(b)}."))
        out.append({"start": day_to_iso(a), "end": None if ongoing else day_to_iso(b),
                    "checkins": j - i + 1, "regime_start": day_to_iso(last.regime_start),
                    "slope": _r(last.slope), "slope_low": _r(last.slope_low), "slope_high": _r(last.slope_high),
                    "level": _r(last.level), "movement": _r(last.movement),
                    "probability": _r(max(probability[i:j + 1])),
                    "steps": len(sizes), "mean_step_size": _r(mean_size), "summary": summary})
    return out


def _grad_vectors(report_or_gradient: Any) -> tuple[dict[str, float], dict[str, float | None]]:
    if isinstance(report_or_gradient, Report):
        report_or_gradient = report_or_gradient.gradient
    if isinstance(report_or_gradient, Gradient):
        report_or_gradient = report_or_gradient.as_dict()
    g, s = {}, {}
    for k, v in dict(report_or_gradient).items():
        if isinstance(v, Mapping):
            g[k] = float(v.get("estimate", 0.0))
            s[k] = v.get("stderr")
        else:
            g[k], s[k] = float(v), None
    return g, s


def predict_step(report_or_gradient: Any, effects: Mapping[str, float], size: int) -> tuple[float, float, float]:
    """Expected Δsatisfaction of a step ≈ gradient · effect, with a 95 % interval widening with size.

    The interval combines the gradient's uncertainty (Σ e_d² se_d², a missing se counts as 0.5) and the
    fact that the linear picture is less trustworthy far from where you are: the sd is multiplied by
    ``1 + 0.5·(size − 1)`` and a floor of 0.15·size points is added for everything the model leaves out.
    """
    if not 1 <= int(size) <= 5:
        raise ValueError("size must be 1-5")
    g, s = _grad_vectors(report_or_gradient)
    mean, var = 0.0, 0.0
    for k, e in effects.items():
        e = float(e)
        if not math.isfinite(e):
            continue
        mean += g.get(k, 0.0) * e
        se = s.get(k)
        se = 0.5 if se is None else float(se)
        var += (e * se) ** 2
    sd = math.sqrt(var + (0.15 * size) ** 2) * (1 + 0.5 * (int(size) - 1))
    return mean, mean - 1.96 * sd, mean + 1.96 * sd


@dataclass
class Report:
    """Everything ``analyze`` concludes about a history. ``to_json()`` is what ``coach analyze --json`` prints."""

    dims: tuple[str, ...]
    n_checkins: int
    states: Sequence[StateAt]
    trend: Trend
    ruts: list[dict[str, Any]]
    declines: list[dict[str, Any]]
    gradient: Gradient
    steps: dict[str, Any]
    advice: dict[str, Any]
    momentum: dict[str, Any] | None
    north_star: dict[str, Any] | None
    params: Params = field(default_factory=Params)

    @property
    def state(self) -> StateAt | None:
        """The current state (the last check-in's), None for an empty history."""
        return self.states[-1] if self.states else None

    def explain(self) -> list[str]:
        """The whole report as a few plain sentences."""
        out = [self.state.explain() if self.state else "No check-ins yet.", self.trend.explain(),
               self.gradient.explain(), self.steps["summary"], self.advice["summary"]]
        if self.momentum:
            out.append(self.momentum["summary"])
        if self.north_star:
            out.append(self.north_star["summary"])
        return out

    def to_json(self, include_states: bool = False) -> dict[str, Any]:
        """JSON-ready dict; the schema is documented in the README (``coach analyze --json``)."""
        st = self.state
        out: dict[str, Any] = {
            "model_version": MODEL_VERSION, "params": self.params.fingerprint(), "n_checkins": self.n_checkins,
            "state": st.state if st else "insufficient",
            "state_detail": ({k: v for k, v in st.to_json().items() if k != "carry"} if st else None),
            "trend": self.trend.to_json(), "ruts": self.ruts, "declines": self.declines,
            "gradient": self.gradient.as_dict(), "steps": self.steps, "advice": self.advice,
            "momentum": self.momentum, "north_star": self.north_star, "summary": self.explain()}
        if include_states:
            out["states"] = [s.to_json() for s in self.states]
        return out


def step_stats(h: History, g: Gradient, weeks: float = 8.0) -> dict[str, Any]:
    """Frequency, size and accuracy of logged steps: recent weeks and all time."""
    m = len(h.step_days)
    now = h.days[-1] if h.n else (h.step_days[-1] if m else 0.0)
    recent = h.step_days >= now - 7 * weeks
    span_weeks = max(1.0, (now - min(h.days[0] if h.n else now, h.step_days.min() if m else now)) / 7)
    E = np.nan_to_num(h.step_effects).reshape(m, len(h.dims))  # a blank effect pushes nowhere
    pred = E @ g.estimate
    has_eff = np.isfinite(h.step_effects).any(axis=1) if m else np.zeros(0, bool)
    reviewed = has_eff & np.isfinite(h.step_outcome)
    gn = float(np.linalg.norm(g.estimate))
    en = np.sqrt(np.einsum("ij,ij->i", E, E))
    aimed = has_eff & (en > 0)
    aim = E[aimed] @ g.estimate / en[aimed] / gn if gn > 0 else np.zeros(0)
    sign_ok = (np.sign(pred[reviewed]) == np.sign(h.step_outcome[reviewed])) if reviewed.any() else np.zeros(0)
    err = np.abs(pred[reviewed] - h.step_outcome[reviewed]) if reviewed.any() else np.zeros(0)
    freq = float(recent.sum() / weeks)
    size = float(h.step_size[recent].mean()) if recent.any() else None
    count = int(recent.sum())
    s = f"In the last {weeks:.0f} weeks you logged {count} decision{'s' if count != 1 else ''} ({freq:.1f}/week)"
    s += f", mean size {size:.1f}" if size is not None else ""
    if len(aim):
        s += f"; they pointed {np.mean(aim):+.2f} along your gradient (1 = exactly uphill)"
    if len(err):
        s += f"; outcomes matched the expected direction {np.mean(sign_ok):.0%} of the time"
    return {"per_week": _r(freq), "per_week_all_time": _r(m / span_weeks), "recent_count": count,
            "mean_size": _r(size), "mean_size_all_time": _r(h.step_size.mean()) if m else None,
            "aim_vs_gradient": _r(float(np.mean(aim))) if len(aim) else None,
            "outcome_sign_agreement": _r(float(np.mean(sign_ok))) if len(sign_ok) else None,
            "outcome_mean_abs_error": _r(float(np.mean(err))) if len(err) else None,
            "reviewed": int(reviewed.sum()), "summary": s + "."}


def momentum_warning(h: History, p: Params) -> dict[str, Any] | None:
    """Sunk-cost momentum: the last few reviewed decisions pushed the same way and kept coming out worse."""
    idx = np.flatnonzero(np.isfinite(h.step_outcome) & np.isfinite(h.step_effects).any(axis=1))
    k = p.momentum_min_steps
    if len(idx) < k:
        return None
    last = idx[-k:]
    E = np.nan_to_num(h.step_effects[last])
    main = np.argmax(np.abs(E), axis=1)
    if len(set(main.tolist())) != 1:
        return None
    j = int(main[0])
    if len(set(np.sign(E[:, j]).tolist())) != 1 or E[0, j] == 0:
        return None
    out = h.step_outcome[last]
    if not (np.all(out < 0) or (np.all(np.diff(out) < 0) and out[-1] < 0)):
        return None
    dim, way = h.dims[j], "up" if E[0, j] > 0 else "down"
    return {"dimension": dim, "direction": way, "steps": int(k),
            "dates": [day_to_iso(x) for x in h.step_days[last]], "outcomes": [_r(x) for x in out],
            "summary": (f"Your last {k} decisions all pushed {dim} {way} and their outcomes came out "
                        f"{', '.join(f'{x:+.1f}' for x in out)}: worth asking whether you keep going out of "
                        "momentum.")}


def north_star(h: History, targets: Mapping[str, float] | None, weeks: float = 8.0) -> dict[str, Any] | None:
    """Distance from the current ratings (median of the last 3 per dimension) to the target ratings."""
    if not targets or h.n == 0:
        return None
    dims = [k for k in targets if k in h.dims]
    if not dims:
        return None
    import warnings

    def pos(upto: int) -> np.ndarray:
        cols = [h.dims.index(k) for k in dims]
        R = h.ratings[:upto, cols]
        out = np.full(len(cols), np.nan)
        for c in range(len(cols)):
            v = R[:, c][np.isfinite(R[:, c])]
            if len(v):
                out[c] = median(v[-3:])
        return out

    tgt = np.array([float(targets[k]) for k in dims])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        now = pos(h.n)
        k0 = int(np.searchsorted(h.days, h.days[-1] - 7 * weeks, side="right"))
        before = pos(k0) if k0 >= 1 else np.full(len(dims), np.nan)
    ok = np.isfinite(now)
    if not ok.any():
        return None  # none of the target dimensions has been rated yet
    dist = float(np.sqrt(np.sum((tgt[ok] - now[ok]) ** 2)))
    okb = ok & np.isfinite(before)
    dist_b = float(np.sqrt(np.sum((tgt[okb] - before[okb]) ** 2))) if okb.any() else None
    dist_now_b = float(np.sqrt(np.sum((tgt[okb] - now[okb]) ** 2))) if okb.any() else None
    shrinking = None if dist_b is None else bool(dist_now_b < dist_b - 1e-9)
    gaps = {k: _r(float(tgt[i] - now[i])) for i, k in enumerate(dims)}
    far = max((k for k in gaps if gaps[k] is not None), key=lambda k: abs(gaps[k]))
    s = f"You are {dist:.1f} points from your North Star"
    if dist_b is not None:
        s += f" ({'closer than' if shrinking else 'not closer than'} {weeks:.0f} weeks ago, {dist_b:.1f})"
    s += f"; the biggest gap is {far} ({gaps[far]:+.1f})."
    return {"distance": _r(dist), "distance_before": _r(dist_b), "shrinking": shrinking, "gaps": gaps,
            "summary": s}


def _unexplored(h: History, g: Gradient, p: Params) -> np.ndarray:
    """How little each dimension moved lately and was aimed at by decisions (1 = untouched)."""
    d = len(h.dims)
    if h.n < 2 or d == 0:
        return np.ones(d)
    m = h.days >= h.days[-1] - 4 * p.movement_days
    R = h.ratings[m]
    fin = np.isfinite(R)
    cnt = np.maximum(fin.sum(axis=0), 1)
    mean = np.where(fin, R, 0.0).sum(axis=0) / cnt
    spread = np.sqrt(np.where(fin, (R - mean) ** 2, 0.0).sum(axis=0) / cnt)
    aimed = np.zeros(d)
    sm = h.step_days >= h.days[-1] - 4 * p.movement_days
    if sm.any():
        aimed = np.nansum(np.abs(np.nan_to_num(h.step_effects[sm])), axis=0)
    return 1.0 / (1.0 + spread + 0.5 * aimed)


def make_advice(h: History, states: Sequence[StateAt], g: Gradient, trend: Trend, p: Params) -> dict[str, Any]:
    """Step-size suggestion (1-5) and direction, like a learning-rate schedule with warm restarts.

    rut -> a bigger exploratory step (≥4) towards a promising, unexplored dimension; after a restart that did
    not help, wait longer (the quiet period grows by restart_t_mult) and point somewhere else;
    decline -> a small corrective step on the dimension that matters most; improving -> ease off (keep going,
    smaller steps); content -> leave it; big recent swings -> smaller steps (overshooting).
    """
    st = states[-1] if states else None
    recent = h.step_days >= (h.days[-1] - 56 if h.n else 0)
    typical = float(median(h.step_size[recent])) if recent.any() else 2.0
    ok = np.isfinite(g.stderr)
    score = np.where(ok, g.estimate, -np.inf)
    order = [int(i) for i in np.argsort(-score) if np.isfinite(score[i])]
    swing = None
    if h.n >= 6:
        ds = np.abs(np.diff(h.satisfaction[-6:]))
        swing = float(ds[np.isfinite(ds)].max()) if np.isfinite(ds).any() else None
    overshoot = swing is not None and swing >= 3.0
    state = st.state if st else "insufficient"
    direction: list[str] = []
    wait_days = None
    if state == "insufficient":
        size = 2
        msg = st.explain() if st else "Check in a few times first."
        summary = f"{msg} Meanwhile keep steps moderate (size {size})."
    elif state == "rut":
        restarts = st.restarts
        size = 5 if restarts >= 1 else max(4, min(5, round(typical) + 2))
        explore = np.where(ok, np.maximum(g.estimate, 0) + 0.05, 0.05) * _unexplored(h, g, p)
        cand = [int(i) for i in np.argsort(-explore)]
        pick = cand[min(restarts, len(cand) - 1)] if cand else None
        direction = [h.dims[pick]] if pick is not None else []
        wait_days = p.restart_quiet_days * p.restart_t_mult ** restarts
        why = (f" Your last big step did not break it, so try a different direction and give it "
               f"{wait_days:.0f} days." if restarts else f" Then give it {wait_days:.0f} days to show.")
        summary = (f"You look stuck ({st.slope:+.1f} ± {(st.slope_high - st.slope_low) / 2:.1f} points/month since "
                   f"{day_to_text(st.regime_start)}): take a bigger step (size {size}) in "
                   f"{direction[0] if direction else 'a direction you have not tried'}, which you have "
                   f"explored little lately.{why}")
    elif state == "decline":
        size = 1 if overshoot else 2
        direction = [h.dims[order[0]]] if order else []
        summary = (f"Satisfaction is falling ({st.slope:+.1f} points/month): take small, careful steps "
                   f"(size {size})" + (f" on {direction[0]}, which matters most for you lately" if direction
                                       else "") + ".")
    elif state == "improving":
        size = max(1, min(round(typical) - 1, 3))
        direction = [h.dims[order[0]]] if order else []
        summary = (f"Things are improving ({st.slope:+.1f} points/month): keep going with smaller steps "
                   f"(size {size}); no need to shake things up.")
    elif state == "content":
        size = 1
        summary = f"You are content ({st.level:.1f}/10, steady): nothing to fix, keep steps small (size {size})."
    else:
        size = max(1, min(3, round(typical)))
        if overshoot:
            size = max(1, size - 1)
        direction = [h.dims[order[0]]] if order else []
        summary = (f"No clear direction lately: a moderate step (size {size})"
                   + (f" towards {direction[0]}, which has gone with higher satisfaction" if direction else "")
                   + ".")
    if overshoot and state not in ("insufficient", "content"):
        summary += f" (Satisfaction swung by {swing:.1f} points recently: don't overshoot.)"
    return {"size": int(size), "direction": direction, "state": state, "typical_recent_size": _r(typical),
            "wait_days": _r(wait_days), "overshoot": bool(overshoot), "summary": summary}


def analyze(history: History, params: Params | None = None, targets: Mapping[str, float] | None = None,
            states: Sequence[StateAt] | None = None) -> Report:
    """Run every piece of the analysis. Pass precomputed ``states`` (e.g. from update_states) to skip them."""
    p = params or Params()
    h = history
    sts = states if states is not None else causal_states(h, p)
    if len(sts) != h.n:
        raise ValueError("states must have one entry per check-in")
    trend = robust_trend(h, p.trend_days, p.movement_days)
    g = estimate_gradient(h, p)
    return Report(dims=h.dims, n_checkins=h.n, states=sts, trend=trend,
                  ruts=alert_intervals(h, sts, "rut"), declines=alert_intervals(h, sts, "decline"),
                  gradient=g, steps=step_stats(h, g), advice=make_advice(h, sts, g, trend, p),
                  momentum=momentum_warning(h, p), north_star=north_star(h, targets), params=p)
