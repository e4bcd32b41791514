"""Analytics core of coach: states, ruts, trend, gradient, advice (pure numpy + stdlib, no UI).

Public API (others code against these names):
``MODEL_VERSION``, ``Params``, ``History``, ``StateAt``, ``causal_states``, ``update_states``, ``analyze``,
``Report``, ``predict_step``.

Exports are lazy (PEP 562): ``from coach.analytics.params import Params`` or ``coach.analytics.MODEL_VERSION``
loads no numpy, so ``coach status`` can check its cached report and ``coach config`` can validate the
``[analytics]`` table without paying for numpy; the numpy modules load on first use of anything else.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Gradient": "gradient", "estimate_gradient": "gradient",
    "History": "history", "day_to_iso": "history", "to_day": "history",
    "MODEL_VERSION": "params", "Params": "params",
    "Report": "report", "analyze": "report", "predict_step": "report",
    "STATES": "states", "StateAt": "states", "causal_states": "states", "update_states": "states",
    "Trend": "trend", "robust_trend": "trend",
}

__all__ = [
    "MODEL_VERSION", "STATES", "Gradient", "History", "Params", "Report", "StateAt", "Trend", "analyze",
    "causal_states", "day_to_iso", "estimate_gradient", "predict_step", "robust_trend", "to_day",
    "update_states",
]

if TYPE_CHECKING:
    from .gradient import Gradient, estimate_gradient
    from .history import History, day_to_iso, to_day
    from .params import MODEL_VERSION, Params
    from .report import Report, analyze, predict_step
    from .states import STATES, StateAt, causal_states, update_states
    from .trend import Trend, robust_trend


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
