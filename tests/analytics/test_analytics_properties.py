"""Property tests (hypothesis): invariances of the causal states and the report."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.analytics import History, analyze, causal_states, estimate_gradient, update_states
from coach.analytics.history import day_to_iso

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def histories(draw, min_n=5, max_n=45):
    """Irregularly spaced integer-day check-ins with regimes (flat / up / down) and noise, plus a few steps."""
    n = draw(st.integers(min_n, max_n))
    d = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    gaps = rng.integers(1, 15, n)
    days = 18000 + np.cumsum(gaps).astype(float)
    t = (days - days[0]) / 30.44
    knots = np.sort(rng.uniform(0, t[-1] + 1e-9, 2))
    rates = rng.choice([-1.0, 0.0, 0.0, 1.0], 3)
    seg = np.searchsorted(knots, t)
    drift = np.cumsum(np.r_[0, np.diff(t)] * rates[seg])
    base = rng.uniform(2, 7)
    sat = np.clip(np.round((base + drift + rng.normal(0, rng.uniform(0.2, 1.0), n)) * 2) / 2, 0, 10)
    R = np.clip(np.round(base + drift[:, None] * rng.uniform(0, 1, d) + rng.normal(0, 0.5, (n, d))), 0, 10)
    R[rng.random((n, d)) < 0.1] = np.nan
    m = draw(st.integers(0, 3))
    sdays = np.sort(rng.choice(days, m)) if m else np.zeros(0)
    sizes = rng.integers(1, 6, m).astype(float)
    return History(days, tuple(f"dim{i}" for i in range(d)), R, sat, sdays, sizes)


def states_of(h: History) -> list[str]:
    return [s.state for s in causal_states(h)]


def rows_of(h: History) -> list[dict]:
    return [{"date": day_to_iso(day), "satisfaction": h.satisfaction[i],
             **{k: h.ratings[i, j] for j, k in enumerate(h.dims)}} for i, day in enumerate(h.days)]


@FAST
@given(histories(), st.integers(-3000, 3000))
def test_shifting_all_dates_changes_nothing(h, shift):
    moved = History(h.days + shift, h.dims, h.ratings, h.satisfaction, h.step_days + shift, h.step_size)
    assert states_of(moved) == states_of(h)


@FAST
@given(histories(), st.randoms(use_true_random=False))
def test_shuffled_rows_change_nothing(h, rnd):
    rows = rows_of(h)
    rnd.shuffle(rows)
    steps = [{"date": day_to_iso(x), "size": s} for x, s in zip(h.step_days, h.step_size, strict=True)]
    rnd.shuffle(steps)
    again = History.from_rows(rows, dims=h.dims, steps=steps)
    assert np.array_equal(again.days, h.days)
    assert states_of(again) == states_of(h)


@FAST
@given(histories(), st.floats(0, 10).map(lambda x: round(x * 2) / 2))
def test_a_constant_dimension_changes_nothing(h, value):
    R = np.column_stack((h.ratings, np.full(h.n, value)))
    wider = History(h.days, (*h.dims, "constant"), R, h.satisfaction, h.step_days, h.step_size)
    assert states_of(wider) == states_of(h)
    g, g2 = estimate_gradient(h), estimate_gradient(wider)
    assert np.allclose(g.estimate, g2.estimate[:-1], atol=1e-9, equal_nan=True)
    assert g2.estimate[-1] == 0 and not np.isfinite(g2.stderr[-1])


@FAST
@given(histories(min_n=6), st.data())
def test_truncating_never_changes_earlier_states(h, data):
    k = data.draw(st.integers(1, h.n))
    full = [s.to_json() for s in causal_states(h)]
    cut = [s.to_json() for s in causal_states(h.truncated(k))]
    assert cut == full[:k]


@FAST
@given(histories(min_n=6), st.data())
def test_update_states_equals_causal_states(h, data):
    k = data.draw(st.integers(0, h.n))
    full = causal_states(h)
    known = [json.loads(json.dumps(s.to_json())) for s in causal_states(h.truncated(k))]
    rest = update_states(h, known)
    assert [s.to_json() for s in rest] == [s.to_json() for s in full[k:]]


@st.composite
def monotone(draw):
    """Strictly monotone satisfaction moving at 1-3 points/month in real time, a little noise elsewhere."""
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    rate = rng.uniform(1.0, 3.0) * draw(st.sampled_from([1.0, -1.0]))
    gaps = rng.integers(1, 15, 60)
    t = np.cumsum(gaps) / 30.44
    keep = np.abs(rate) * (t - t[0]) <= 9.0
    t = t[keep]
    n = len(t)
    sat = (0.5 if rate > 0 else 9.5) + rate * (t - t[0])
    d = int(rng.integers(1, 4))
    R = np.clip(5 + rng.normal(0, 0.5, (n, d)), 0, 10)
    return History(18000 + t * 30.44, tuple(f"d{i}" for i in range(d)), R, sat)


@FAST
@given(monotone())
def test_strictly_monotone_series_never_a_rut(h):
    assert "rut" not in states_of(h)


@FAST
@given(st.integers(0, 2**31 - 1), st.floats(2.0, 4.0), st.data())
def test_one_outlier_week_does_not_create_a_rut(seed, drop, data):
    """Steady growth with one bad week (2-4 points down) after the first ten check-ins creates no rut.

    (Within the first few check-ins nobody can tell a shock from a change, or noisy growth from a plateau.)
    """
    rng = np.random.default_rng(seed)
    n = 36
    days = 18000 + np.arange(n) * 7.0
    t = (days - days[0]) / 30.44
    sat = np.clip(1.0 + 1.0 * t + rng.normal(0, 0.3, n), 0, 10)
    R = np.clip(np.column_stack((1.0 + 1.0 * t, 5 + 0 * t)) + rng.normal(0, 0.4, (n, 2)), 0, 10)
    before = states_of(History(days, ("a", "b"), R, sat))
    i = data.draw(st.integers(10, n - 1))
    shocked = sat.copy()
    shocked[i] = max(0.0, shocked[i] - drop)
    after = states_of(History(days, ("a", "b"), R, shocked))
    assert not any(a == "rut" and b != "rut" for a, b in zip(after, before, strict=True))
    assert "rut" not in after[10:]


@FAST
@given(histories())
def test_report_is_json_and_intervals_match_states(h):
    rep = analyze(h)
    js = json.loads(json.dumps(rep.to_json(), allow_nan=False))
    n_rut = sum(s.state == "rut" for s in rep.states)
    assert sum(r["checkins"] for r in js["ruts"]) == n_rut
    assert 1 <= js["advice"]["size"] <= 5
