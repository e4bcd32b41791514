"""The magnitude formula and the budget: properties that must hold for every answer a person can give."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.sizing import FACTOR_LEVELS, SIZE_EXAMPLES, SIZE_NAMES, Sizing, budget_seconds, review_after

levels = st.one_of(st.none(), st.integers(1, 5))
effects = st.dictionaries(st.sampled_from(["career", "health", "play", "finances"]), st.integers(-3, 3), max_size=4)
sizings = st.builds(Sizing, quick=st.integers(1, 5), reversibility=levels, stakes=levels, horizon=levels,
                    effects=effects)


@given(sizings)
def test_size_is_1_to_5_and_magnitude_in_range(s: Sizing) -> None:
    assert s.size in range(1, 6)
    assert 1.0 <= s.magnitude <= 5.0
    assert s.explain().startswith(f"size {s.size} ({SIZE_NAMES[s.size]})")


@given(sizings, st.sampled_from(["quick", "reversibility", "stakes", "horizon"]))
def test_monotone_non_decreasing_in_each_factor(s: Sizing, factor: str) -> None:
    value = getattr(s, factor)
    if value is None or value == 5:
        return
    bigger = Sizing(**{**_fields(s), factor: value + 1})
    assert bigger.magnitude >= s.magnitude - 1e-12
    assert bigger.size >= s.size


@given(sizings, st.sampled_from(["career", "health", "play", "finances"]))
def test_monotone_in_reach(s: Sizing, dim: str) -> None:
    """A larger expected effect on any dimension (in either direction) never makes the step smaller."""
    current = s.effects.get(dim, 0)
    if abs(current) == 3 or not any(s.effects.values()):
        return  # unanswered reach takes the quick pick's value: answering it may lower it, by design
    stronger = current + (1 if current >= 0 else -1)
    bigger = Sizing(**{**_fields(s), "effects": {**s.effects, dim: stronger}})
    assert bigger.magnitude >= s.magnitude - 1e-12
    assert bigger.size >= s.size


def _fields(s: Sizing) -> dict[str, object]:
    return {"quick": s.quick, "reversibility": s.reversibility, "stakes": s.stakes, "horizon": s.horizon,
            "effects": dict(s.effects)}


@given(st.floats(0, 6, allow_nan=False), st.floats(0, 6, allow_nan=False),
       st.floats(1, 3600, allow_nan=False), st.floats(1, 30 * 86400, allow_nan=False))
def test_budget_monotone_and_within_scale(a: float, b: float, smallest: float, extra: float) -> None:
    largest = smallest + extra
    lo, hi = sorted((a, b))
    assert budget_seconds(lo, smallest, largest) <= budget_seconds(hi, smallest, largest) * (1 + 1e-12)
    for m in (lo, hi):
        assert smallest * (1 - 1e-9) <= budget_seconds(m, smallest, largest) <= largest * (1 + 1e-9)


def test_budget_defaults_match_the_documented_table() -> None:
    """Sizes 1…5 get about 1 m, 10 m, 1 h 40 m, 16 h 46 m and 7 d (the module docstring's table)."""
    expected = [60, 600, 6000, 16 * 3600 + 46 * 60, 7 * 86400]
    assert [budget_seconds(m) for m in (1, 2, 3, 4, 5)] == pytest.approx(expected, rel=0.01)


def test_quick_pick_alone_is_the_size() -> None:
    for q in range(1, 6):
        s = Sizing(q)
        assert (s.size, s.refined, s.explain()) == (q, False, f"size {q} ({SIZE_NAMES[q]}): your quick pick")
        assert SIZE_EXAMPLES[q]


def test_explain_names_the_factors() -> None:
    s = Sizing(3, reversibility=4, stakes=4, horizon=4, effects={"career": 3, "finances": 2})
    assert s.size == 4
    assert s.explain() == "size 4 (large): hard to undo, high stakes, moves career and finances, lasts years"


def test_one_way_door_lasting_years_is_at_least_large() -> None:
    assert Sizing(1, reversibility=5, stakes=1, horizon=4).size >= 4


def test_invalid_answers_are_refused() -> None:
    with pytest.raises(ValueError, match="quick"):
        Sizing(6)
    with pytest.raises(ValueError, match="effect on career"):
        Sizing(2, effects={"career": 4})


def test_review_after_grows_with_size_and_horizon() -> None:
    assert review_after(1) == timedelta(days=3)
    assert review_after(5, 5) == timedelta(days=180)
    days = [review_after(s).days for s in range(1, 6)]
    assert days == sorted(days)
    assert len(FACTOR_LEVELS["horizon"]) == 5
