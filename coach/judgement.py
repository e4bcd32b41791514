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
    """Compute the coach's view of the journal and keep its report for this revision.

    One write transaction from reading the revision to storing the report: the new states, the snapshots and
    the report land together (one sync to disk), and the report is labelled with the revision it was
    computed from even while another process writes."""
    from coach.insight import Insight

    with journal.transaction():
        key = cache_key(journal, config)
        insight = Insight.load(journal, config)
        return insight, remember(journal, key, insight.report)


def current_report(journal: Journal, config: Config) -> dict[str, Any]:
    """The report for the journal as it is now: from the cache when nothing changed, else computed."""
    key = cache_key(journal, config)
    stored = journal.get_meta(CACHE_KEY)
    if stored is not None:
        cached = json.loads(stored)
        if cached.get("key") == key:
            return cached["report"]
    return refresh(journal, config)[1]
