"""Satisfaction trend (robust, real time) and movement through life space.

Why Huber + HAC: one-off bad weeks must not tilt the slope (Huber downweights them), check-ins are unevenly
spaced (we regress on real time in months), and residuals of a mood-drifting person are autocorrelated, so the
interval uses a Newey–West (Bartlett kernel) sandwich instead of the naive OLS standard error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .history import History, day_to_iso

MONTH = 30.44


def median(x: np.ndarray) -> float:
    """Median of a 1-d array by one sort (np.median's first call costs tens of ms of lazy imports)."""
    xs = np.sort(np.asarray(x, dtype=np.float64).ravel())
    n = len(xs)
    return float("nan") if n == 0 else float(0.5 * (xs[(n - 1) // 2] + xs[n // 2]))


def _wls_line(t: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted least-squares line [a, b] by the 2x2 normal equations (no LAPACK call needed)."""
    sw, st, sy = w.sum(), w @ t, w @ y
    stt, sty = w @ (t * t), w @ (t * y)
    det = sw * stt - st * st
    if det <= 1e-12 * max(sw * stt, 1e-300):
        return np.array([sy / max(sw, 1e-300), 0.0])
    return np.array([(stt * sy - st * sty) / det, (sw * sty - st * sy) / det])


def huber_line(t: np.ndarray, y: np.ndarray, k: float = 1.345, iters: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Huber M-estimate of y = a + b t by IRLS; returns (coef [a, b], final weights)."""
    w = np.ones_like(y)
    coef = _wls_line(t, y, w)
    for _ in range(iters):
        r = y - (coef[0] + coef[1] * t)
        scale = max(median(np.abs(r - median(r))) / 0.6745, 1e-6)
        u = np.abs(r) / (k * scale)
        w = np.where(u <= 1, 1.0, 1.0 / np.maximum(u, 1e-12))
        new = _wls_line(t, y, w)
        if np.allclose(new, coef, atol=1e-9):
            coef = new
            break
        coef = new
    return coef, w


def hac_cov(X: np.ndarray, resid: np.ndarray, w: np.ndarray, lag: int | None = None,
            bread: np.ndarray | None = None) -> np.ndarray:
    """Newey–West covariance of a weighted least-squares fit (Bartlett kernel, automatic lag).

    ``bread`` replaces (X'WX)^-1 (e.g. for a calibrated / ridge design). The variances are floored at the
    independent-errors sandwich and the classical variance: negative sample autocorrelations must never make us
    more certain.
    """
    n = X.shape[0]
    if lag is None:
        lag = math.floor(4 * (n / 100.0) ** (2 / 9)) + 1
    if bread is None:
        bread = np.linalg.pinv(X.T @ (X * w[:, None]))
    u = X * (w * resid)[:, None]
    S0 = u.T @ u
    S = S0.copy()
    for ell in range(1, min(lag, n - 1) + 1):
        g = u[ell:].T @ u[:-ell]
        S += (1 - ell / (lag + 1)) * (g + g.T)
    cov = bread @ S @ bread.T
    cov0 = bread @ S0 @ bread.T
    k = X.shape[1]
    # small-sample correction (like HC1): the sandwich is biased low with few points
    cov *= n / max(n - k, 1)
    # ... nor below the classical independent-errors variance s²·B X'W²X B (the sandwich can dip under it
    # when the largest residuals sit at low-leverage points)
    s2 = float(resid @ resid) / max(n - k, 1)
    cov_iid = s2 * (bread @ (X.T @ (X * (w * w)[:, None])) @ bread.T)
    di = np.diag_indices(k)
    cov[di] = np.maximum(np.maximum(cov[di], cov0[di] * n / max(n - k, 1)), cov_iid[di])
    return cov


#: Points a month: a trend whose 95 % interval stays within ± this is "about flat".
FLAT_WITHIN = 0.5


@dataclass
class Trend:
    """Satisfaction slope over the recent window and how far the ratings travelled."""

    slope: float | None          # points per month
    low: float | None            # 95 % interval
    high: float | None
    start_day: float | None
    checkins: int
    movement: float | None       # mean |change| of the dimension ratings over the window, points
    distance: float | None       # straight-line distance travelled in life space, points
    window_days: float

    def explain(self) -> str:
        """Plain words."""
        if self.slope is None:
            return "Not enough check-ins in the last weeks to give a trend yet."
        half = (self.high - self.low) / 2
        # "flat" only when the interval rules out more than half a point a month either way: +0.9 ± 0.9 was
        # called flat beside a state that called +0.5 ± 1.6 rising
        word = ("been rising" if self.low > 0 else "been falling" if self.high < 0
                else "been about flat" if self.low >= -FLAT_WITHIN and self.high <= FLAT_WITHIN
                else "shown no clear direction")
        s = (f"Over the last {self.window_days / 7:.0f} weeks ({self.checkins} check-ins) satisfaction has "
             f"{word}: {self.slope:+.1f} ± {half:.1f} points/month")
        if self.movement is not None:
            s += f"; your ratings moved {self.movement:.1f} points on average"
        return s + "."

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        r = lambda x: None if x is None else round(float(x), 4)  # noqa: E731
        return {"slope_per_month": r(self.slope), "low": r(self.low), "high": r(self.high),
                "since": None if self.start_day is None else day_to_iso(self.start_day),
                "checkins": self.checkins, "movement": r(self.movement), "distance": r(self.distance),
                "window_days": self.window_days, "summary": self.explain()}


def _nan_median0(x: np.ndarray) -> np.ndarray:
    """Column medians ignoring NaN (NaN where a column has none), without np.nanmedian's heavy machinery."""
    xs = np.sort(x, axis=0)
    k = np.isfinite(x).sum(axis=0)
    idx = np.arange(x.shape[1])
    lo = xs[np.maximum((k - 1) // 2, 0), idx]
    hi = xs[np.maximum(k // 2, 0), idx]
    return np.where(k > 0, 0.5 * (lo + hi), np.nan)


def movement(days: np.ndarray, ratings: np.ndarray, window_days: float) -> tuple[float | None, float | None]:
    """How far the ratings moved over the last window: mean |Δ| per dimension and the Euclidean distance.

    Uses the median of the first and last three check-ins in the window per dimension, so one noisy
    rating does not count as a move.
    """
    if len(days) == 0 or ratings.shape[1] == 0:
        return None, None
    m = days >= days[-1] - window_days
    R = ratings[m]
    if R.shape[0] < 4:
        return None, None
    first = _nan_median0(R[:3])
    last = _nan_median0(R[-3:])
    dlt = last - first
    fin = np.isfinite(R)
    varied = np.where(fin, R, -np.inf).max(axis=0) > np.where(fin, R, np.inf).min(axis=0)
    dlt = dlt[np.isfinite(dlt) & varied]  # a dimension that never changed says nothing about movement
    if len(dlt) == 0:
        return None, None
    return float(np.mean(np.abs(dlt))), float(np.sqrt(np.sum(dlt * dlt)))


def robust_trend(h: History, window_days: float = 90.0, movement_days: float = 56.0) -> Trend:
    """Huber slope of satisfaction on time (months) over the last ``window_days``, HAC 95 % interval."""
    if h.n == 0:
        return Trend(None, None, None, None, 0, None, None, window_days)
    mv, dist = movement(h.days, h.ratings, movement_days)
    m = (h.days >= h.days[-1] - window_days) & np.isfinite(h.satisfaction)
    t = (h.days[m] - h.days[-1]) / MONTH
    y = h.satisfaction[m]
    if len(y) < 4 or np.ptp(t) <= 0:
        return Trend(None, None, None, None, len(y), mv, dist, window_days)
    coef, w = huber_line(t, y)
    X = np.column_stack((np.ones_like(t), t))
    cov = hac_cov(X, y - X @ coef, w)
    se = math.sqrt(max(cov[1, 1], 0.0))
    b = float(coef[1])
    return Trend(b, b - 1.96 * se, b + 1.96 * se, float(h.days[m][0]), len(y), mv, dist, window_days)
