"""Which dimensions have lately gone with higher satisfaction: a recency-weighted regression.

Why this form:
* satisfaction ≈ Σ g_d · rating_d + drift, and the objective drifts, so older check-ins are down-weighted
  with a half-life;
* ratings are noisy self-reports, which biases plain least squares towards zero (errors in variables); we
  smooth them a little and remove the remaining noise variance from X'WX (regression calibration);
* with few check-ins and correlated dimensions least squares is wild; a prior centred on "every dimension
  counts equally, weights summing to about 1" keeps it sane and is overruled by enough data;
* residuals are autocorrelated (mood drift) so naive OLS standard errors are too small; the data's weight
  is divided by a Newey–West design effect (Kish effective sample size for the lag).
A dimension that never varied (or was rarely rated) has no information: estimate 0, stderr None.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .history import History
from .params import Params
from .trend import hac_cov, median


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
        half = 1.96 * self.stderr[i]
        unsure = "; it could still be nothing" if self.estimate[i] - half <= 0 <= self.estimate[i] + half else ""
        return (f"Lately, a 1-point higher {self.dims[i]} rating has gone with {self.estimate[i]:+.2f} "
                f"(± {half:.2f}) points of satisfaction, the most of any dimension{unsure}.")


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


def rating_noise(ratings: np.ndarray) -> np.ndarray:
    """Per-dimension rating noise sd from second differences (removes straight-line movement: Δ²x has
    variance 6σ² for independent noise). Rounding of self-reports counts as noise too, which it is."""
    d2 = np.diff(ratings, n=2, axis=0)
    ok = np.isfinite(d2)
    n = ok.sum(axis=0)
    ms = np.where(ok, d2 * d2, 0.0).sum(axis=0) / np.maximum(n, 1)
    return np.where(n > 0, np.sqrt(ms / 6.0), 0.0)


def _smooth3(R: np.ndarray) -> np.ndarray:
    """Centred 3-check-in mean: a third of the rating noise, nearly none of a piecewise-linear path."""
    if R.shape[0] < 3:
        return R
    out = R.copy()
    out[1:-1] = (R[:-2] + R[1:-1] + R[2:]) / 3.0
    return out


def estimate_gradient(h: History, p: Params | None = None) -> Gradient:
    """Recency-weighted Bayesian regression of satisfaction on the ratings, honest (HAC-inflated) stderr.

    Model: s_i = c + Σ_d g_d x_{i,d} + e_i, weights w_i = 2^(−age_i / half-life). Prior g_d ~ N(1/D, τ²)
    (satisfaction is on the same 0–10 scale as the ratings, so the weights sum to about 1 a priori;
    D counts the dimensions that varied). The ratings are smoothed over 3 check-ins and the remaining
    noise variance is removed from X'WX (errors in variables). The data's precision is divided by a
    design effect = Newey–West variance / independent-errors variance (≥ 1) because residuals are
    autocorrelated. Stderr = posterior sd; None when the data added little to the prior.
    """
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
    R = _smooth3(_ffill(h.ratings))[ok_rows]
    w = 0.5 ** ((days[-1] - days) / p.gradient_halflife_days)
    n_eff = float(w.sum() ** 2 / (w * w).sum())
    wn = w / w.sum()
    Rz = np.nan_to_num(R)
    mu = wn @ Rz
    Xc = Rz - mu
    var = wn @ (Xc * Xc)
    noise = rating_noise(h.ratings)
    use = (rated.sum(axis=0) >= p.gradient_min_checkins) & (var > 1e-9) & np.isfinite(R).all(axis=0)
    k = int(use.sum())
    if k == 0:
        return Gradient(h.dims, est, se, n_eff)
    X = Xc[:, use]
    yc = y - wn @ y
    A = X.T @ (X * wn[:, None])
    c = X.T @ (wn * yc)
    # errors in variables: remove the (smoothed) rating-noise variance, keeping the matrix well inside PSD
    Ac = A - np.diag(np.minimum(noise[use] ** 2 / 3.0, 0.5 * var[use]))
    ev, V = np.linalg.eigh(Ac)
    Ac = (V * np.maximum(ev, 0.05 * float(np.min(np.diag(A))))) @ V.T
    g0 = np.full(k, p.gradient_prior_total / k)
    tau2 = p.gradient_prior_sd ** 2
    # first pass (nearly flat prior) for the residual variance and the autocorrelation design effect
    eps = 1e-3 * float(np.trace(Ac)) / k
    B = np.linalg.inv(Ac + eps * np.eye(k))
    g1 = B @ (c + eps * g0)
    r = yc - X @ g1
    s2 = float(wn @ (r * r)) * len(y) / max(len(y) - k - 1, 1)
    hac = hac_cov(X, r, wn, lag=math.floor(4 * (n_eff / 100.0) ** (2 / 9)) + 2, bread=B)
    naive = s2 / n_eff * B
    de = max(1.0, median(np.diag(hac) / np.maximum(np.diag(naive), 1e-12)))
    info = n_eff / (max(s2, 1e-6) * de)
    P = np.linalg.inv(info * Ac + np.eye(k) / tau2)
    P = 0.5 * (P + P.T)
    g = P @ (info * c + g0 / tau2)
    sd = np.sqrt(np.maximum(np.diag(P), 0.0))
    est[use] = g
    se[use] = np.where(sd <= p.gradient_se_max_frac * p.gradient_prior_sd, sd, np.nan)
    return Gradient(h.dims, est, se, n_eff)


def gradient_to_json(g: Gradient) -> dict[str, Any]:
    """Alias kept for symmetry with the other pieces."""
    return g.as_dict()
