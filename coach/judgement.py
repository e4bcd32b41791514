"""The coach's current report (``Report.to_json()``), cached in the journal for one revision.

Why: ``coach status`` on an unchanged journal should not pay for numpy and a ten-year analysis every time.
The journal's revision (bumped by triggers on every change to check-ins, decisions or dimensions), the
analytics model version and the parameter fingerprint key the cache; anything else recomputes it, and
the app's background analysis refreshes it too. Numpy loads only on a miss.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from coach.config import Config, analytics_params

if TYPE_CHECKING:
    from coach.analytics import Report
    from coach.insight import Insight
    from coach.store.journal import Journal

CACHE_KEY = "report"


def cache_key(journal: Journal, config: Config) -> str:
    from coach.analytics.params import MODEL_VERSION

    return f"{MODEL_VERSION}/{analytics_params(config).fingerprint()}/{journal.revision()}"


def remember(journal: Journal, key: str, report: Report) -> dict[str, Any]:
    """Store a freshly computed report for this revision; returns its JSON form."""
    data = report.to_json()
    journal.set_meta(CACHE_KEY, json.dumps({"key": key, "report": data}, ensure_ascii=False, allow_nan=False))
    return data


def refresh(journal: Journal, config: Config) -> tuple[Insight, dict[str, Any]]:
    """Compute the coach's view of the journal and keep its report, with the new states and snapshots in
    one transaction (one sync to disk).

    The revision is read first: a change made during the analysis leaves the report labelled older than
    its data, and the next ``coach status`` computes again rather than trusting it."""
    from coach.insight import Insight

    key = cache_key(journal, config)
    kept: list[dict[str, Any]] = []
    insight = Insight.load(journal, config, keep=lambda j, report: kept.append(remember(j, key, report)))
    return insight, kept[0]


def current_report(journal: Journal, config: Config) -> dict[str, Any]:
    """The report for the journal as it is now: from the cache when nothing changed, else computed."""
    key = cache_key(journal, config)
    stored = journal.get_meta(CACHE_KEY)
    if stored is not None:
        cached = json.loads(stored)
        if cached.get("key") == key:
            return cached["report"]
    return refresh(journal, config)[1]
