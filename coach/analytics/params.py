"""Tunable parameters of the analytics, kept in one immutable class.

Why a class of plain numbers: the config code writes/reads them as a TOML ``[analytics]`` table
(field names are the keys), and stored states carry ``Params.fingerprint()`` so that changing a parameter
(or :data:`MODEL_VERSION`) invalidates them and they are recomputed.

Why not a frozen dataclass: every ``coach status`` needs the fingerprint, and generating (compiling) a
dataclass's methods for 66 fields cost ~10 ms of each start. The class below is frozen and compares by
value all the same, with methods written once.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping
from typing import Any

#: Bump whenever the model changes in a way that changes states; stored states are recomputed then.
MODEL_VERSION = "2.4"


class Params:
    """All tunables, with defaults chosen for the idea (not for one data set); ``Params(name=value, ...)``
    overrides some. Immutable, compared and hashed by value.

    Time constants are in days, slopes in satisfaction points per month (30.44 days).
    """

    # --- when is there enough data to say anything
    min_checkins: int = 5
    min_days: float = 21.0
    # --- the changepoint model (regime since the last change, looked for in a bounded window)
    window_checkins: int = 16          # slots a window holds (a regime may start at any slot)
    window_days: float = 240.0
    window_min_days: float = 42.0      # frequent check-ins: the window still spans this many days ...
    slot_checkins: int = 4             # ... pooling up to this many consecutive check-ins into one slot
    segment_days: float = 45.0         # how long a trend (up / down) lasts, on average
    flat_days: float = 90.0            # how long a plateau (still / churn) lasts, on average
    slope_prior_sd: float = 1.0
    still_slope_sd: float = 0.15
    dim_still_slope_sd: float = 0.05
    trend_slope_sd: float = 0.4
    up_slope: float = 0.7
    down_slope: float = 1.0
    move_fraction: float = 0.3
    prior_still: float = 0.3
    prior_churn: float = 0.03
    prior_up: float = 0.4
    prior_down: float = 0.25
    flat_after_flat: float = 0.05
    flat_after_up: float = 0.6
    flat_after_down: float = 0.6
    level_prior_sd: float = 3.0
    dims_evidence: float = 1.0
    sat_evidence: float = 1.0
    outlier_z: float = 3.0
    outlier_z_newest: float = 3.0
    robust_dims: int = 1
    min_regime_rows: int = 1
    # continuity: a new regime starts where the old one ended, unless the split is a jump (a breakout);
    # jump_prob = 1 lets every regime start afresh (the model before 2.3)
    jump_prob: float = 0.2
    jump_prob_step: float = 0.8
    jump_sd_sat: float = 0.5
    jump_sd_dims: float = 0.5
    noise_floor: float = 0.3
    noise_checkins: int = 24
    noise_prior_sd: float = 0.7
    noise_prior_n: float = 6.0
    # --- what counts as flat / a rut / content
    flat_slope: float = 0.25
    min_rut_days: float = 16.0
    min_rut_days_open: float = 35.0    # ... for a regime whose start is not seen (it began with the history)
    min_rut_checkins: int = 4
    content_level: float = 7.5
    rut_on: float = 0.55
    rut_off: float = 0.3
    rut_smooth: float = 1.0
    rut_confirm: int = 1
    rut_block_trend: float = 0.3
    # a rut whose evidence is mostly "no change anywhere in the window" (its start is not seen: what slow
    # growth looks like) is blocked by a trend this likely instead; it counts as such above this share
    rut_block_trend_unseen: float = 0.2
    unseen_share: float = 0.4
    rut_break: float = 0.5
    break_days: float = 35.0           # ... a trend younger than this (rut_break) ends a rut alert
    # a rut alert that has been on for 2 check-ins also ends when P(rut) < rut_exit_score while a rise or
    # fall is rut_exit_trend likely (rut_exit_trend > 1 switches this rule off)
    rut_exit_score: float = 0.5
    rut_exit_trend: float = 0.3
    trend_on: float = 0.7
    trend_off: float = 0.5
    # --- warm restarts: a logged decision this big ends a rut alert for a while
    restart_size: int = 4
    restart_quiet_days: float = 42.0
    restart_t_mult: float = 2.0
    restart_ends_rut: int = 1
    step_change_odds: float = 10.0
    breakout_on: float = 0.5
    breakout_checkins: int = 3
    rut_exit_quiet_days: float = 45.0
    # --- trend, gradient, steps, advice
    trend_days: float = 90.0
    movement_days: float = 56.0
    gradient_halflife_days: float = 730.0
    gradient_prior_total: float = 1.0
    gradient_prior_sd: float = 0.2
    gradient_se_max_frac: float = 1.0
    gradient_min_checkins: int = 12
    momentum_min_steps: int = 3
    step_uncertainty_growth: float = 0.5

    def __init__(self, **overrides: int | float) -> None:
        unknown = sorted(set(overrides) - set(_DEFAULTS))
        if unknown:
            raise TypeError(f"unknown analytics parameter {unknown[0]!r}")
        values = self.__dict__
        values.update(_DEFAULTS)
        values.update(overrides)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Params is immutable: build another with Params({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Params is immutable")

    def __eq__(self, other: object) -> bool:
        return self.__dict__ == other.__dict__ if isinstance(other, Params) else NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.values()))

    def __repr__(self) -> str:
        changed = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if v != _DEFAULTS[k])
        return f"Params({changed})"

    @classmethod
    def from_mapping(cls, d: Mapping[str, Any]) -> Params:
        """Build from a TOML-like mapping; unknown keys or wrong types raise ValueError naming the key."""
        kw: dict[str, Any] = {}
        for key, value in d.items():
            if key not in _DEFAULTS:
                raise ValueError(f"unknown analytics parameter {key!r}")
            default = getattr(cls, key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"analytics parameter {key!r} must be a number, got {value!r}")
            if isinstance(default, int) and not isinstance(default, bool):
                if float(value) != int(value):
                    raise ValueError(f"analytics parameter {key!r} must be an integer, got {value!r}")
                value = int(value)
            else:
                value = float(value)
                if not math.isfinite(value):
                    raise ValueError(f"analytics parameter {key!r} must be finite, got {value!r}")
            kw[key] = value
        p = cls(**kw)
        p.validate()
        return p

    def validate(self) -> None:
        """Reject values that make the model meaningless (raising ValueError naming the key)."""
        may_be_zero = ("dims_evidence", "prior_churn", "gradient_prior_total", "restart_ends_rut", "robust_dims")
        positive = [name for name in _DEFAULTS if name not in may_be_zero]
        for key in positive:
            if getattr(self, key) <= 0:
                raise ValueError(f"analytics parameter {key!r} must be > 0")
        for key in may_be_zero:
            if getattr(self, key) < 0:
                raise ValueError(f"analytics parameter {key!r} must be >= 0")
        for key in ("jump_prob", "jump_prob_step"):
            if getattr(self, key) > 1:
                raise ValueError(f"analytics parameter {key!r} must be within (0, 1]")
        if self.jump_prob < 1 and self.jump_prob_step >= 1:
            raise ValueError("analytics parameter 'jump_prob_step' must be < 1 while 'jump_prob' < 1")
        if not 0 < self.move_fraction < 1:
            raise ValueError("analytics parameter 'move_fraction' must be within (0, 1)")
        if self.rut_smooth > 1:
            raise ValueError("analytics parameter 'rut_smooth' must be within (0, 1]")
        if not self.rut_off < self.rut_on <= 1:
            raise ValueError("analytics parameter 'rut_off' must be < 'rut_on' <= 1")
        if not self.trend_off < self.trend_on <= 1:
            raise ValueError("analytics parameter 'trend_off' must be < 'trend_on' <= 1")
        if self.window_checkins < self.min_checkins:
            raise ValueError("analytics parameter 'window_checkins' must be >= 'min_checkins'")

    def to_dict(self) -> dict[str, int | float]:
        """Plain dict (TOML-ready)."""
        return dict(self.__dict__)

    def fingerprint(self) -> str:
        """Stable short hash of the model version and every parameter value (order-independent).

        Two 32-bit checksums rather than a cryptographic hash: it only has to change when a value does,
        and ``hashlib`` (OpenSSL) would cost every ``coach status`` ~4 ms to import.
        """
        text = (MODEL_VERSION + ";" + ";".join(f"{k}={v!r}" for k, v in sorted(self.__dict__.items()))).encode()
        return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


#: The defaults, read once from the class body: the names are the TOML keys, the values' types say
#: which parameters are integers.
_DEFAULTS: dict[str, int | float] = {name: vars(Params)[name] for name in Params.__annotations__}
