"""Which dimensions have lately gone with higher satisfaction: a recency-weighted regression.

Why this form:
* satisfaction ≈ Σ g_d · rating_d + drift, and the objective drifts, so older check-ins are down-weighted
  with a half-life;
* ratings are noisy self-reports, which biases plain least squares towards zero (errors in variables); we
  remove the estimated rating-noise variance from X'WX (regression calibration);
* residuals are autocorrelated (mood drift) so naive OLS standard errors are too small; we use a
  Newey–West sandwich on the weighted scores with the Kish effective sample size for the lag.
A dimension that barely varied (or was rarely rated) has no information: its stderr is None.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from .history import History
from .params import Params
from .trend import hac_cov


@dataclass
class Gradient:
    """Per-dimension estimate of d satisfaction / d rating and its standard error (None = not enough data)."""

    dims: tuple[str, ...]
    estimate: np.ndarray
    stderr: np.ndarray               # NaN where not enough data
    effective_n: float

    def as_dict(self) -> dict[str, dict[str, float | None]]:
        """``{dim: {"estimate": g, "stderr": se or None}}``."""
        out = {}
        for k, g, s in zip(self.dims, self.estimate, self.stderr, strict=True):
            out[k] = {"estimate": round(float(g), 4), "stderr": None if not math.isfinite(s) else round(float(s), 4)}
        return out

    def explain(self) -> str:
        """Plain words: the dimension that most goes with satisfaction lately."""
        ok = np.isfinite(self.stderr)
        if not ok.any():
            return "Not enough varied check-ins yet to tell which dimensions go with your satisfaction."
        i = int(np.argmax(np.where(ok, self.estimate, -np.inf)))
        return (f"Lately, a 1-point higher {self.dims[i]} rating has gone with {self.estimate[i]:+.2f} "
                f"(± {1.96 * self.stderr[i]:.2f}) points of satisfaction, the most of any dimension.")


def _ffill(R: np.ndarray) -> np.ndarray:
    """Carry the last rating forward over skipped cells (a skipped rating most likely did not change)."""
    R = R.copy()
    for j in range(R.shape[1]):
        col = R[:, j]
        ok = np.isfinite(col)
        if not ok.any():
            continue
        idx = np.where(ok, np.arange(len(col)), 0)
        np.maximum.accumulate(idx, out=idx)
        filled = col[idx]
        first = np.argmax(ok)
        filled[:first] = col[first]
        R[:, j] = filled
    return R


def estimate_gradient(h: History, p: Params | None = None) -> Gradient:
    """Recency-weighted, noise-corrected regression of satisfaction on the ratings, with HAC stderr."""
    p = p or Params()
    d = len(h.dims)
    est = np.zeros(d)
    se = np.full(d, np.nan)
    ok_rows = np.isfinite(h.satisfaction)
    if ok_rows.sum() < max(4, p.gradient_min_checkins) or d == 0:
        return Gradient(h.dims, est, se, float(ok_rows.sum()))
    days = h.days[ok_rows]
    y = h.satisfaction[ok_rows]
    rated = np.isfinite(h.ratings[ok_rows])
    R = _ffill(h.ratings)[ok_rows]
    w = 0.5 ** ((days[-1] - days) / p.gradient_halflife_days)
    n_eff = float(w.sum() ** 2 / (w * w).sum())
    wn = w / w.sum()
    mu = wn @ np.nan_to_num(R)
    Xc = np.nan_to_num(R) - mu
    var = wn @ (Xc * Xc)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        noise = np.nanmedian(np.abs(np.diff(h.ratings, axis=0)), axis=0) / (0.6745 * math.sqrt(2))
    noise = np.nan_to_num(noise, nan=0.0)
    use = (rated.sum(axis=0) >= p.gradient_min_checkins) & (var > 0.05 + noise ** 2) & np.isfinite(R).all(axis=0)
    if not use.any():
        return Gradient(h.dims, est, se, n_eff)
    X = Xc[:, use]
    yc = y - wn @ y
    A = X.T @ (X * wn[:, None])
    # regression calibration: part of the ratings' spread is noise, which would attenuate g towards 0
    corr = np.diag(np.minimum(noise[use] ** 2, 0.5 * var[use]))
    ridge = p.gradient_ridge / n_eff * np.eye(X.shape[1])
    g = np.linalg.solve(A - corr + ridge, X.T @ (wn * yc))
    resid = yc - X @ g
    bread = np.linalg.inv(A - corr + ridge)
    cov = hac_cov(X, resid, wn, lag=math.floor(4 * (n_eff / 100.0) ** (2 / 9)) + 2, bread=bread)
    est[use] = g
    se[use] = np.sqrt(np.maximum(np.diag(cov), 0.0))
    return Gradient(h.dims, est, se, n_eff)


def gradient_to_json(g: Gradient) -> dict[str, Any]:
    """Alias kept for symmetry with the other pieces."""
    return g.as_dict()
