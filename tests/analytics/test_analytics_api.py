"""Unit tests of the analytics pieces (fast, synthetic data)."""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import replace

import numpy as np
import pytest

from coach.analytics import (
    MODEL_VERSION,
    Gradient,
    History,
    Params,
    Trend,
    analyze,
    causal_states,
    estimate_gradient,
    predict_step,
    robust_trend,
    update_states,
)
from coach.analytics.states import StateColumns, norm_cdf, state_columns, state_names, state_values


def make(n=60, d=3, slope=0.0, seed=0, cadence=7.0, noise=0.5, level=5.0, steps=()):
    rng = np.random.default_rng(seed)
    days = 19000 + np.arange(n) * cadence
    R = np.clip(level + rng.normal(0, noise, (n, d)), 0, 10)
    s = np.clip(level + slope * (days - days[0]) / 30.44 + rng.normal(0, noise, n), 0, 10)
    return History(days, tuple(f"d{i}" for i in range(d)), R, s, np.array([x for x, _ in steps], float),
                   np.array([z for _, z in steps], float))


def test_params_roundtrip_and_errors():
    p = Params.from_mapping({"rut_on": 0.7, "min_checkins": 6})
    assert p.rut_on == 0.7 and p.min_checkins == 6 and isinstance(p.min_checkins, int)
    assert p.fingerprint() == Params.from_mapping(p.to_dict()).fingerprint()
    assert p.fingerprint() != Params().fingerprint()
    with pytest.raises(ValueError, match="bogus"):
        Params.from_mapping({"bogus": 1})
    with pytest.raises(ValueError, match="min_checkins"):
        Params.from_mapping({"min_checkins": 2.5})
    with pytest.raises(ValueError, match="rut_on"):
        Params.from_mapping({"rut_on": "x"})
    assert isinstance(MODEL_VERSION, str)


def test_params_are_values():
    """Frozen and compared by value, as the dataclass they replaced was: a changed one is a new object."""
    p = Params(rut_on=0.6)
    assert p == Params(rut_on=0.6) and hash(p) == hash(Params(rut_on=0.6)) and p != Params()
    assert p.rut_on == 0.6 and p.trend_days == Params().trend_days and "rut_on=0.6" in repr(p)
    assert p.to_dict() == {**Params().to_dict(), "rut_on": 0.6}
    with pytest.raises(AttributeError):
        p.rut_on = 0.7  # type: ignore[misc]
    with pytest.raises(TypeError, match="bogus"):
        Params(bogus=1)
    assert len({Params().fingerprint(), p.fingerprint(), Params(rut_on=0.61).fingerprint()}) == 3


def test_history_from_rows_sorts_and_validates():
    rows = [{"date": "2024-01-08", "a": 5, "satisfaction": 6}, {"date": "2024-01-01", "a": "", "satisfaction": 5}]
    h = History.from_rows(rows, steps=[{"date": "2024-01-05", "size": 4, "effects": {"a": 1}}])
    assert h.dims == ("a",) and h.days[0] < h.days[1] and math.isnan(h.ratings[0, 0])
    assert h.step_effects.shape == (1, 1) and h.step_effects[0, 0] == 1
    with pytest.raises(ValueError):
        History(np.array([2.0, 1.0]), ("a",), np.ones((2, 1)), np.ones(2))
    with pytest.raises(ValueError):
        History(np.array([1.0, 2.0]), ("a",), np.full((2, 1), 11.0), np.ones(2))


def test_insufficient_says_how_much_more():
    h = make(n=3)
    st = causal_states(h)
    assert all(s.state == "insufficient" for s in st)
    assert "2 more check-ins" in st[-1].explain()


def test_flat_low_history_becomes_a_rut_and_high_is_content():
    assert causal_states(make(n=40, level=4.5, noise=0.4))[-1].state == "rut"
    assert causal_states(make(n=40, level=9.0, noise=0.3))[-1].state == "content"


def test_clear_trends():
    assert causal_states(make(n=24, slope=1.5, level=2.0, noise=0.4))[-1].state == "improving"
    assert causal_states(make(n=24, slope=-1.5, level=9.0, noise=0.4))[-1].state == "decline"


def test_big_step_is_a_warm_restart():
    h = make(n=40, level=4.5, noise=0.4)
    base = causal_states(h)
    assert base[30].state == "rut"
    h2 = make(n=40, level=4.5, noise=0.4, steps=[(h.days[30] - 1, 4)])
    st = causal_states(h2)
    assert st[30].restart and st[30].state != "rut"


def test_update_states_equals_causal_states_with_json_carry():
    h = make(n=50, level=4.5)
    full = causal_states(h)
    known = [json.loads(json.dumps(s.to_json())) for s in full[:30]]
    rest = update_states(h, known)
    assert [s.to_json() for s in rest] == [s.to_json() for s in full[30:]]


def test_trend_slope_and_interval():
    tr = robust_trend(make(n=30, slope=1.0, noise=0.3, level=3.0), window_days=120)
    half = (tr.high - tr.low) / 2
    assert abs(tr.slope - 1.0) < 2 * half and 0.05 < half < 0.5
    assert "points/month" in tr.explain()


def test_gradient_recovers_weights():
    rng = np.random.default_rng(1)
    n = 300
    days = 19000 + np.arange(n) * 7.0
    X = np.clip(5 + np.cumsum(rng.normal(0, 0.3, (n, 3)), axis=0), 0, 10)
    w = np.array([0.6, 0.1, 0.0])
    s = np.clip(1 + X @ w + rng.normal(0, 0.3, n), 0, 10)
    g = estimate_gradient(History(days, ("a", "b", "c"), np.clip(X + rng.normal(0, 0.1, X.shape), 0, 10), s))
    assert np.argmax(g.estimate) == 0
    assert np.all(np.isfinite(g.stderr))
    assert abs(g.estimate[0] - 0.6) < 4 * g.stderr[0] + 0.05


def test_constant_dimension_has_no_stderr():
    h = make(n=40)
    h.ratings[:, 1] = 5.0
    g = estimate_gradient(h)
    assert g.stderr[1] != g.stderr[1] and g.estimate[1] == 0.0


def test_predict_step_widens_with_size():
    g = {"a": {"estimate": 0.5, "stderr": 0.1}, "b": {"estimate": -0.2, "stderr": None}}
    m1, lo1, hi1 = predict_step(g, {"a": 1.0}, 1)
    m5, lo5, hi5 = predict_step(g, {"a": 1.0}, 5)
    assert m1 == pytest.approx(0.5) and m5 == pytest.approx(0.5)
    assert hi5 - lo5 > hi1 - lo1 > 0


def test_analyze_json_shape_and_explanations():
    h = make(n=60, level=4.5, steps=[(19000 + 7 * 55, 2)])
    rep = analyze(h, targets={"d0": 8.0, "nope": 3})
    js = rep.to_json()
    json.dumps(js)
    for key in ("state", "ruts", "declines", "gradient", "advice", "trend", "steps", "north_star"):
        assert key in js
    assert js["state"] in ("improving", "steady", "rut", "decline", "content", "insufficient")
    assert 1 <= js["advice"]["size"] <= 5 and js["advice"]["summary"]
    assert js["north_star"]["distance"] > 0
    for r in js["ruts"]:
        assert r["start"] and "summary" in r
    assert all(isinstance(s, str) and s for s in rep.explain())


def test_momentum_warning():
    rng = np.random.default_rng(0)
    h = make(n=30)
    m = 4
    eff = np.zeros((m, 3))
    eff[:, 0] = 2.0
    h2 = History(h.days, h.dims, h.ratings, h.satisfaction, h.days[-m:] - 1, np.full(m, 2.0), eff,
                 np.array([-0.5, -0.8, -1.0, -1.2]) + rng.normal(0, 0.01, m) * 0)
    rep = analyze(h2)
    assert rep.momentum is not None and rep.momentum["dimension"] == "d0"


def test_norm_cdf():
    assert norm_cdf(0.0) == pytest.approx(0.5)
    assert norm_cdf(1.96) == pytest.approx(0.975, abs=1e-4)
    assert norm_cdf(-1.96) == pytest.approx(0.025, abs=1e-4)


def test_missing_satisfaction_counts_as_not_enough_data():
    h = make(n=30)
    h.satisfaction[:] = np.nan
    h.satisfaction[[3, 9]] = 5.0
    st = causal_states(h)
    assert all(s.state == "insufficient" for s in st)
    assert "3 more check-ins" in st[-1].explain()


def test_edge_histories_give_json():
    empty = History(np.zeros(0), ("a",), np.zeros((0, 1)), np.zeros(0))
    assert analyze(empty).to_json()["state"] == "insufficient"
    h = make(n=20, d=0)
    json.dumps(analyze(h).to_json(), allow_nan=False)
    h = make(n=20, d=2)
    h.ratings[:, 0] = np.nan
    rep = analyze(h, targets={"d0": 8.0, "d1": 6.0})
    json.dumps(rep.to_json(), allow_nan=False)
    assert rep.north_star["gaps"]["d0"] is None


def test_rut_alert_ends_soon_when_a_young_trend_starts():
    """A flat low stretch, then satisfaction and the ratings fall together: the rut alert stops within a few
    check-ins of the slide (and never later than without the young-trend exit rule)."""
    rng = np.random.default_rng(3)
    n_flat, n_fall = 30, 12
    n = n_flat + n_fall
    days = 19000 + np.arange(n) * 7.0
    t = np.maximum(0.0, (days - days[n_flat - 1]) / 30.44)
    sat = np.clip(5.0 - 1.2 * t + rng.normal(0, 0.4, n), 0, 10)
    R = np.clip(5.0 - 1.0 * t[:, None] + rng.normal(0, 0.4, (n, 3)), 0, 10)
    h = History(days, ("a", "b", "c"), R, sat, np.zeros(0), np.zeros(0))

    def rut_end(params):
        sts = causal_states(h, params)
        assert sts[n_flat - 1].state == "rut"
        return next(i for i in range(n_flat, n) if sts[i].state != "rut")

    with_break = rut_end(Params())
    assert with_break - n_flat <= 4
    assert with_break <= rut_end(Params(rut_break=1.0))


def test_frequent_checkins_still_cover_weeks_of_history():
    """Daily or every-other-day check-ins: the window pools neighbouring check-ins into slots, so a long
    flat low stretch is still seen as a rut (a window of 16 check-ins alone would span only 16 days)."""
    for cadence in (1.0, 2.0):
        n = int(150 / cadence)
        sts = causal_states(make(n=n, cadence=cadence, level=4.5, noise=0.5))
        assert sts[-1].state == "rut"
        assert sum(s.state == "rut" for s in sts) >= 0.6 * n
        assert sts[-1].regime_checkins >= 42 / cadence - 1


def test_update_equals_causal_with_mixed_cadence():
    """Daily check-ins, then weekly ones: windows of different pooling give the same numbers whether a
    check-in is computed alone, in a small batch or in a full recompute."""
    rng = np.random.default_rng(5)
    days = np.concatenate((19000 + np.arange(80.0), 19080 + 7 * np.arange(1, 30.0)))
    n = len(days)
    sat = np.clip(5 + rng.normal(0, 0.6, n), 0, 10)
    R = np.clip(5 + rng.normal(0, 0.5, (n, 3)), 0, 10)
    h = History(days, ("a", "b", "c"), R, sat, np.array([19050.0]), np.array([4.0]))
    full = [s.to_json() for s in causal_states(h)]
    for k in (20, 79, 81, 100, n - 1):
        known = full[:k]
        assert [s.to_json() for s in update_states(h, known)] == full[k:]


def test_plateau_after_growth_is_found_sooner_with_continuous_regimes():
    """Growth, then a flat stretch at the level reached: anchoring the new regime where the old one ended
    pins its slope down sooner than fitting it afresh (jump_prob = 1, the model before 2.3)."""
    rng = np.random.default_rng(11)
    n_up, n_flat = 18, 14
    days = 19000 + np.arange(n_up + n_flat) * 7.0
    t = np.minimum(days - days[0], days[n_up - 1] - days[0]) / 30.44
    sat = np.clip(2.0 + 1.0 * t + rng.normal(0, 0.4, len(days)), 0, 10)
    R = np.clip(np.column_stack((2.0 + 1.0 * t, 3.0 + 0.8 * t)) + rng.normal(0, 0.4, (len(days), 2)), 0, 10)
    h = History(days, ("a", "b"), R, sat, np.zeros(0), np.zeros(0))

    def first_rut(params):
        sts = causal_states(h, params)
        assert all(s.state != "rut" for s in sts[:n_up])
        return next(i for i, s in enumerate(sts) if s.state == "rut")

    assert first_rut(Params()) <= first_rut(Params(jump_prob=1.0))


def test_week_counts_are_singular_for_one():
    from coach.analytics.states import StateAt, weeks_phrase

    assert weeks_phrase(1.2) == "1 week" and weeks_phrase(0.4) == "0 weeks" and weeks_phrase(3.0) == "3 weeks"
    st = StateAt(day=19007.0, state="steady", slope=0.1, slope_low=-0.4, slope_high=0.6, level=5.0,
                 movement=0.2, regime_start=19000.0)
    assert "for 1 week since" in st.explain()
    rep = analyze(make(n=40, level=4.5, noise=0.4))
    assert all(" 1 weeks" not in r["summary"] for r in rep.to_json()["ruts"])


def test_continuity_params_are_validated():
    with pytest.raises(ValueError, match="jump_prob"):
        Params.from_mapping({"jump_prob": 1.5})
    with pytest.raises(ValueError, match="slot_checkins"):
        Params.from_mapping({"slot_checkins": 0})


def test_median5_matches_nanmedian():
    from coach.analytics.states import _median5

    rng = np.random.default_rng(2)
    x = np.round(rng.normal(5, 2, (6, 40, 3)) * 2) / 2
    x[rng.random(x.shape) < 0.3] = np.nan
    pad = np.full((6, 44, 3), np.nan)
    pad[:, 2:-2] = x
    win = np.lib.stride_tricks.sliding_window_view(pad, 5, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows
        ref = np.nanmedian(win, axis=-1)
    assert np.array_equal(_median5(pad), ref, equal_nan=True)


@pytest.mark.parametrize("held", [0, 1, 30, 59, 60])
def test_state_columns_read_as_the_states_they_hold(held):
    """The report reads stored states through StateColumns: each must come back as it was computed, only
    the last with its carry, and the names and numbers without building any."""
    states = causal_states(make(n=60, slope=0.0, seed=3))
    states = [*states[:-1], replace(states[-1], regime_checkins=7, restart=True, restarts=2)]
    carry = states[held - 1].carry if held else {}
    cols = StateColumns(state_columns(states[:held]), carry) + states[held:]
    expect = [replace(s, carry={}) for s in states[:held]] + states[held:]
    if held and held == len(states):
        expect[-1] = states[-1]
    def same(a, b):  # to_json: NaN (a fresh object on each read) as None, and the carry
        return [s.to_json() for s in a] == [s.to_json() for s in b]

    assert len(cols) == 60 and same(cols, expect) and cols[-1].carry == states[-1].carry
    assert same(cols[10:13], expect[10:13]) and same(cols[-3:], expect[-3:]) and same(cols[::-1], expect[::-1])
    assert isinstance(cols[-1].regime_checkins, int) and cols[-1].restart is True and cols[-1].restarts == 2
    assert same(StateColumns(state_columns(states), {}).head(20), [replace(s, carry={}) for s in states[:20]])
    assert same(cols.head(50), expect[:50])
    assert state_names(cols) == [s.state for s in states]
    assert state_values(cols, "p_rut") == [s.p_rut for s in states]
    with pytest.raises(IndexError):
        cols[60]


@pytest.mark.parametrize(("low", "high", "word"), [
    (0.1, 1.7, "has been rising"), (-1.2, -0.2, "has been falling"), (-0.4, 0.45, "has been about flat"),
    (-0.1, 1.9, "has shown no clear direction"), (-0.6, 0.3, "has shown no clear direction")])
def test_trend_words_follow_the_interval(low, high, word):
    """+0.9 ± 0.9 was "about flat" beside a state calling +0.5 ± 1.6 rising: flat now needs a narrow interval."""
    trend = Trend((low + high) / 2, low, high, 0.0, 12, 0.5, 1.0, 91.0)
    assert f"satisfaction {word}: " in trend.explain()


def test_gradient_says_when_its_best_dimension_could_be_nothing():
    sure = Gradient(("a", "b"), np.array([0.5, 0.1]), np.array([0.1, 0.1]), 50.0)
    unsure = Gradient(("a", "b"), np.array([0.08, 0.01]), np.array([0.05, 0.05]), 50.0)
    assert "a 1-point higher a rating" in sure.explain() and "could still be nothing" not in sure.explain()
    assert unsure.explain().endswith("the most of any dimension; it could still be nothing.")
