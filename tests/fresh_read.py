"""The journal read afresh, row by row, without the snapshot: what every snapshot read must equal."""

from __future__ import annotations

from coach import snapshot
from coach.analytics import History
from coach.store.journal import Journal


def load_history(journal: Journal) -> tuple[History, list[str], dict[str, float]]:
    """The journal as the analytics' arrays: one scan of check-ins, one of steps; and the targets."""
    dims = journal.dimensions()
    keys = [d.id for d in dims]
    days, sat, ratings, ids = snapshot.checkin_columns(journal.series(keys), len(keys))
    history = History(days=days, dims=tuple(d.name for d in dims), ratings=ratings, satisfaction=sat,
                      **snapshot.step_columns(journal.step_series(keys), len(keys)))
    targets = {d.name: d.target for d in dims if d.target is not None}
    return history, ids, targets
