"""The coach's view of a journal: the analytics (coach.analytics) fed from the store, with the causal state
of every check-in kept in the journal so that opening the app or ``coach status`` never recomputes a long
history.

States are stored as check-ins arrive, keyed by a model key (analytics model version, parameter
fingerprint and the dimensions analysed). The stored states that still form an unbroken prefix of the
check-ins in time order are reused; the rest (new check-ins, anything after an edited or back-dated one)
is computed from the last stored state's carry and written in one transaction. Changing the model or the
config changes the key, and the whole column is recomputed once. The columns themselves (check-ins, steps,
states) are read through ``coach.snapshot``, which keeps them between runs.

Imports numpy: only ``status``, ``analyze`` and the app's background worker load this module.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime

from coach import snapshot
from coach.analytics import (
    MODEL_VERSION,
    STATES,
    History,
    Params,
    Report,
    StateAt,
    analyze,
    predict_step,
    update_states,
)
from coach.analytics.states import state_head
from coach.config import Config, analytics_params
from coach.domain.models import CheckIn, Decision, Status
from coach.store.journal import Journal

_EPOCH = datetime(1970, 1, 1)

@dataclass
class Insight:
    """History, per-check-in states and the full report, ready for the screens and the CLI."""

    history: History
    checkin_ids: list[str]
    states: Sequence[StateAt]  # the carry (all a resumed update needs) only on the last
    report: Report
    targets: dict[str, float]
    _as_of: dict[int, Report] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, journal: Journal, config: Config,
             keep: Callable[[Journal, Report], object] | None = None) -> Insight:
        """The report on the journal as it is, computed outside any write transaction (the app keeps writing
        meanwhile); new states, stale snapshots and whatever ``keep`` writes land afterwards in one.

        States and snapshots are stored only if the check-ins are still as read (no edit, no deletion, no
        check-in added meanwhile, which might come earlier): a state stored for a check-in is trusted by the
        next reader. ``keep``'s data is labelled with the revision it was computed from, so it may always
        be; the steps' snapshot is labelled with its epoch."""
        params = analytics_params(config)
        with journal.reading():
            dims = journal.dimensions()
            key = model_key(params, tuple(d.name for d in dims))
            columns = snapshot.read(journal, dims, key)
            known = stored_prefix(journal, columns.ids, key) if columns.known is None else columns.known
        history, ids = columns.history, columns.ids
        fresh = update_states(history, known, params) if len(known) < len(ids) else []
        states = known + fresh
        targets = {d.name: d.target for d in dims if d.target is not None}
        report = analyze(history, params, targets=targets or None, states=states)
        if fresh or columns.checkins is not None or columns.steps is not None or keep is not None:
            with journal.transaction():
                if (journal.epochs()[0], journal.last_checkin_row()) == (columns.epoch, columns.last_row):
                    store_states(journal, ids[len(known):], fresh, key)
                    snapshot.write(journal, columns, states, key)
                else:
                    snapshot.write(journal, columns._replace(checkins=None), states, key)
                if keep is not None:
                    keep(journal, report)
        return cls(history=history, checkin_ids=ids, states=states, report=report, targets=targets)

    def report_as_of(self, index: int) -> Report:
        """What the coach said right after check-in ``index``: its trend, advice and North Star from the
        check-ins and steps up to then (outcomes are as known now). A past week's review shows these: today's
        advice beside that week's state read as the coach contradicting itself."""
        if index >= len(self.states) - 1:
            return self.report
        known = self._as_of.get(index)
        if known is None:
            known = analyze(self.history.truncated(index + 1), self.report.params, targets=self.targets or None,
                            states=state_head(self.states, index + 1))
            self._as_of = {index: known}  # the week on show; moving a week computes the next (~10 ms)
        return known

    def predict(self, effects: Mapping[str, float], size: int) -> tuple[float, float, float] | None:
        """Δsatisfaction for a step (mean, low, high), or None when the gradient is not known yet."""
        moved = {k: float(v) for k, v in effects.items() if v}
        known = self.report.gradient.as_dict()
        if not moved or not any(known.get(k, {}).get("stderr") is not None for k in moved):
            return None
        return predict_step(self.report, moved, size)


def local_day(moment: datetime) -> float:
    """Days since 1970-01-01 on the wall clock the moment was lived at (its own UTC offset)."""
    return (moment.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400.0


def history_from_records(dims: Sequence[str], checkins: Sequence[CheckIn],
                         decisions: Sequence[Decision] = ()) -> History:
    """A History from parsed records (``coach analyze`` on files, without any journal)."""
    names = tuple(dims)
    steps = [d for d in decisions if d.decided_at is not None and d.status in (Status.DECIDED, Status.REVIEWED)]
    return History.from_rows(
        ({"date": local_day(c.at), "satisfaction": c.satisfaction, **c.ratings} for c in checkins),
        dims=names,
        steps=[{"date": local_day(d.decided_at), "size": d.magnitude, "effects": d.effects,  # type: ignore[arg-type]
                "outcome": None if d.outcome is None else d.outcome.satisfaction_change} for d in steps],
    )


def model_key(params: Params, dims: tuple[str, ...]) -> str:
    """What a stored state depends on: model, parameters, the dimensions analysed, and the stored layout
    (the fields, and the states by their position, as snapshots store them)."""
    layout = ",".join([f.name for f in fields(StateAt)] + list(STATES))
    digest = zlib.crc32("\x1f".join((*dims, layout)).encode())  # hashlib (OpenSSL) costs ~4 ms to import
    return f"{MODEL_VERSION}/{params.fingerprint()}/{digest:08x}"


def _state_to_json(state: StateAt) -> str:
    """Every field of the state, in field order (a positional array parses fastest; NaN is kept as NaN)."""
    return json.dumps([getattr(state, f.name) for f in fields(StateAt)], separators=(",", ":"))


def stored_prefix(journal: Journal, ids: list[str], key: str) -> list[StateAt]:
    """The states stored for this model that still form an unbroken prefix of ``ids`` (one parse)."""
    stored = dict(journal.connection.execute("SELECT checkin_id, detail FROM states WHERE model = ?",
                                             (key,)).fetchall())
    prefix = 0
    for cid in ids:
        if cid not in stored:
            break
        prefix += 1
    return [StateAt(*row) for row in json.loads("[" + ",".join(stored[c] for c in ids[:prefix]) + "]")]


def store_states(journal: Journal, ids: Sequence[str], states: Sequence[StateAt], key: str) -> None:
    """Store states computed with this model. Every check-in's state is then of this model: the ones before
    ``ids`` were read as this model's, and a state replaces any other of its check-in (so no scan of every
    state for other models' is needed: it cost ~2 ms on ten years)."""
    with journal.transaction() as c:
        c.executemany(
            "INSERT INTO states (checkin_id, state, detail, model) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (checkin_id) DO UPDATE SET state = excluded.state, detail = excluded.detail, "
            "model = excluded.model",
            [(cid, st.state, _state_to_json(st), key) for cid, st in zip(ids, states, strict=True)],
        )
