"""Analytics core of coach: states, ruts, trend, gradient, advice (pure numpy + stdlib, no UI).

Public API (others code against these names):
``MODEL_VERSION``, ``Params``, ``History``, ``StateAt``, ``causal_states``, ``update_states``, ``analyze``,
``Report``, ``predict_step``.
"""

from .gradient import Gradient, estimate_gradient
from .history import History, day_to_iso, to_day
from .params import MODEL_VERSION, Params
from .report import Report, analyze, predict_step
from .states import STATES, StateAt, causal_states, update_states
from .trend import Trend, robust_trend

__all__ = [
    "MODEL_VERSION", "STATES", "Gradient", "History", "Params", "Report", "StateAt", "Trend", "analyze",
    "causal_states", "day_to_iso", "estimate_gradient", "predict_step", "robust_trend", "to_day",
    "update_states",
]
