"""The path through life space, flattened onto its two main directions (PCA, plain numpy).

Why PCA: the ratings live in as many dimensions as the person tracks, a screen has two. The two directions
along which the ratings varied most keep most of the path's shape, and each direction can be named after
the dimensions it mostly is ("right = more career and learning"), so the picture stays readable.

Skipped ratings are carried forward (a skipped rating most likely did not change), then filled with the
dimension's mean, so a skip never looks like a jump. Pure: no I/O, no UI; imported lazily by the screens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Projection:
    """Coordinates of each check-in on the two main directions, and what those directions are made of."""

    coords: np.ndarray          # (n, 2): position on the first and second direction, in rating points
    components: np.ndarray      # (2, d): unit loadings of each direction on the dimensions
    explained: tuple[float, float]  # share of the total spread each direction carries (0-1)
    dims: tuple[str, ...]
    mean: np.ndarray            # (d,) the centre the coordinates are measured from

    def describe(self, axis: int, top: int = 2) -> str:
        """Plain words for one direction: ``"higher career and learning, lower health"``."""
        if not self.dims or self.explained[axis] <= 0:
            return "no spread"
        load = self.components[axis]
        order = [int(i) for i in np.argsort(-np.abs(load))[:top] if abs(load[i]) >= 0.2]
        if not order:
            order = [int(np.argmax(np.abs(load)))]
        ups = [self.dims[i] for i in order if load[i] > 0]
        downs = [self.dims[i] for i in order if load[i] < 0]
        parts = []
        if ups:
            parts.append("higher " + " and ".join(ups))
        if downs:
            parts.append("lower " + " and ".join(downs))
        return ", ".join(parts)


def fill_forward(ratings: np.ndarray) -> np.ndarray:
    """Carry each dimension's last rating over skipped (NaN) cells; leading gaps take the column mean."""
    r = np.array(ratings, dtype=np.float64, copy=True)
    if r.size == 0:
        return r
    for j in range(r.shape[1]):
        col = r[:, j]
        ok = np.isfinite(col)
        if not ok.any():
            col[:] = 5.0
            continue
        idx = np.where(ok, np.arange(len(col)), -1)
        np.maximum.accumulate(idx, out=idx)
        lead = idx < 0
        col[~lead] = col[idx[~lead]]
        col[lead] = np.nanmean(r[ok, j])
    return r


def project(ratings: np.ndarray, dims: Sequence[str]) -> Projection:
    """PCA of the (n, d) ratings: the path's coordinates on its two directions of largest spread.

    The sign of each direction is fixed so its largest loading is positive (the picture does not flip
    between runs). With fewer than two dimensions or check-ins the missing direction is all zeros.
    """
    dims = tuple(dims)
    r = fill_forward(np.asarray(ratings, dtype=np.float64).reshape(-1, len(dims)))
    n, d = r.shape
    mean = r.mean(axis=0) if n else np.zeros(d)
    coords = np.zeros((n, 2))
    comps = np.zeros((2, d))
    explained = [0.0, 0.0]
    if n >= 2 and d >= 1:
        x = r - mean
        # eigenvectors of the d×d scatter matrix = right singular vectors of x: the same directions as an
        # SVD of the n×d matrix, at a fraction of the cost on a ten-year daily journal (n in the thousands)
        values, vectors = np.linalg.eigh(x.T @ x)
        order = np.argsort(values)[::-1]
        values = np.maximum(values[order], 0.0)
        total = float(values.sum())
        for k in range(min(2, d)):
            v = vectors[:, order[k]]
            if v[np.argmax(np.abs(v))] < 0:
                v = -v
            comps[k] = v
            coords[:, k] = x @ v
            explained[k] = float(values[k] / total) if total > 0 else 0.0
    return Projection(coords, comps, (explained[0], explained[1]), dims, mean)
