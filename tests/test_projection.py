"""The PCA path: coordinates, deterministic signs, skipped ratings and plain-word axes."""

from __future__ import annotations

import numpy as np

from coach.domain.projection import fill_forward, project


def test_first_direction_follows_the_biggest_spread() -> None:
    t = np.linspace(0, 1, 50)
    ratings = np.column_stack((2 + 6 * t, 5 + 0.1 * np.sin(9 * t), 7 - 3 * t))
    p = project(ratings, ("career", "health", "play"))
    assert p.coords.shape == (50, 2)
    assert p.explained[0] > 0.95
    assert p.components[0, 0] > 0.8 and p.components[0, 2] < -0.3
    assert p.describe(0) == "higher career, lower play"
    # coordinates rise along the path on the first direction
    assert p.coords[-1, 0] > p.coords[0, 0]


def test_sign_is_stable_under_reversal() -> None:
    rng = np.random.default_rng(1)
    ratings = rng.normal(5, 1, (40, 4))
    a = project(ratings, "abcd")
    b = project(ratings[::-1], "abcd")
    assert np.allclose(a.components, b.components)


def test_skipped_ratings_are_carried_forward() -> None:
    r = np.array([[np.nan, 1.0], [4.0, np.nan], [np.nan, 3.0], [6.0, np.nan]])
    f = fill_forward(r)
    assert f.tolist() == [[5.0, 1.0], [4.0, 1.0], [4.0, 3.0], [6.0, 3.0]]
    p = project(r, ("a", "b"))
    assert np.all(np.isfinite(p.coords))


def test_degenerate_inputs() -> None:
    assert project(np.zeros((0, 3)), "abc").coords.shape == (0, 2)
    one = project(np.array([[1.0, 2.0]]), "ab")
    assert one.coords.tolist() == [[0.0, 0.0]]
    single_dim = project(np.array([[1.0], [3.0], [5.0]]), ("health",))
    assert single_dim.coords[:, 1].tolist() == [0.0, 0.0, 0.0]
    assert single_dim.describe(1) == "no spread"
    flat = project(np.full((5, 2), 4.0), "ab")
    assert flat.explained == (0.0, 0.0)
