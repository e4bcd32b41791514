"""The analytics' input and the coach's stored states as numpy columns, kept in the journal between runs.

Why: reading ten years of check-ins means decoding ~17,000 JSON objects (ratings, decisions' effects, stored
states with their carry): ~100 ms, more than the analysis itself, every time the app opens and every time
``coach status`` follows a change. A snapshot holds those columns as raw arrays; the next reader takes them
as they are and reads only what changed since:

* check-ins added since (the rows after the last one the snapshot holds) are appended, and their states are
  computed from the last state's carry, when they come after every check-in it holds;
* an edited, deleted or back-dated check-in, other dimensions or another model rebuild it the slow way, once
  (the journal's epochs, bumped by schema triggers, say when; see ``coach.store.schema``);
* the steps (decided decisions) are a snapshot of their own, read again whenever a decision changes as a step.

The journal's ``states`` table stays the record of every state and its carry; a snapshot is derived data,
checked on every read, and a damaged one is rebuilt, never trusted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from math import prod
from typing import Any, NamedTuple

import numpy as np

from coach.analytics import History, StateAt
from coach.analytics.states import StateColumns, state_columns
from coach.domain.models import Dimension
from coach.store.journal import Journal, Series, StepSeries

CHECKINS = "checkins"
STEPS = "steps"
CHUNK = 512  # check-ins per stored chunk: an appended check-in rewrites at most one
_MAGIC = b"coach-columns 2\n"  # the layout's version: another is rebuilt, not read


def pack(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> bytes:
    """A JSON header and raw arrays in one blob, each array 8-byte aligned."""
    layout, chunks, offset = [], [], 0
    for name, array in arrays.items():
        raw = np.ascontiguousarray(array).tobytes()
        layout.append([name, array.dtype.str, list(array.shape), offset])
        chunks += [raw, b"\0" * (-len(raw) % 8)]
        offset += len(raw) + (-len(raw) % 8)
    head = json.dumps({"header": header, "arrays": layout}, separators=(",", ":")).encode()
    head += b" " * (-(len(_MAGIC) + 8 + len(head)) % 8)
    return b"".join([_MAGIC, len(head).to_bytes(8, "little"), head, *chunks])


def unpack(data: bytes) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The header and (writable) arrays of a blob made by ``pack``; ValueError if it is not one."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a snapshot")
    start = len(_MAGIC) + 8
    end = start + int.from_bytes(data[len(_MAGIC):start], "little")
    meta = json.loads(data[start:end])
    buffer = bytearray(data)  # a copy, so the arrays are writable like any others
    arrays = {}
    for name, dtype, shape, offset in meta["arrays"]:
        count = prod(shape)
        if end + offset + count * np.dtype(dtype).itemsize > len(data):
            raise ValueError(f"snapshot array {name!r} runs past the end")
        arrays[name] = np.frombuffer(buffer, dtype=dtype, count=count, offset=end + offset).reshape(shape)
    return meta["header"], arrays


def checkin_columns(series: Series, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Days, satisfaction, ratings (None -> NaN) and ids, ordered by local day.

    The journal orders by instant; local days differ from that order only across time zones, and a stable
    sort keeps the journal's order among equal days."""
    ids = series.ids
    days = np.array(series.days, dtype=np.float64)
    sat = np.array(series.satisfaction, dtype=np.float64)
    ratings = np.array(series.ratings, dtype=np.float64).reshape(len(ids), width)
    order = np.argsort(days, kind="stable")
    if len(ids) and np.any(order != np.arange(len(ids))):
        days, sat, ratings, ids = days[order], sat[order], ratings[order], [ids[i] for i in order]
    return days, sat, ratings, ids


def step_columns(steps: StepSeries, width: int) -> dict[str, np.ndarray]:
    """The History's step arrays, ordered by day (outcome NaN = not reviewed, effect NaN = not given)."""
    days = np.array(steps.days, dtype=np.float64)
    order = np.argsort(days, kind="stable")
    return {"step_days": days[order], "step_size": np.array(steps.sizes, dtype=np.float64)[order],
            "step_effects": np.array(steps.effects, dtype=np.float64).reshape(len(days), width)[order],
            "step_outcome": np.array(steps.outcomes, dtype=np.float64)[order]}


def _held(data: bytes | None, stamp: dict[str, Any]) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """A stored snapshot whose header agrees with ``stamp``; None when missing, stale or unreadable."""
    if data is None:
        return None
    try:
        header, arrays = unpack(data)
    except (ValueError, KeyError, TypeError):
        return None
    return (header, arrays) if all(header.get(k) == v for k, v in stamp.items()) else None


class Columns(NamedTuple):
    """What the analytics need from the journal, and what a reader must store again afterwards."""

    history: History
    ids: list[str]
    known: Sequence[StateAt] | None  # states the snapshot already holds (a prefix), None: ask the states table
    checkins: dict[str, Any] | None  # the check-ins snapshot's new header, None: nothing to store
    held_states: dict[str, np.ndarray]  # the state columns behind ``known``
    clean: int  # leading rows whose chunks are stored as they are
    steps: dict[str, Any] | None  # the steps snapshot's new header, None: it is up to date
    epoch: int  # the history epoch this was read at ...
    last_row: int  # ... and the last check-in row: the check-ins are as read while both stand


def _chunk(i: int) -> str:
    return f"{CHECKINS}/{i:06d}"


def _held_checkins(blobs: dict[str, bytes], stamp: dict[str, Any]
                   ) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """The check-ins snapshot, its chunks joined, when every part is there, readable and of one generation."""
    held = _held(blobs.get(CHECKINS), stamp)
    if held is None:
        return None
    header = held[0]
    ids: list[str] = []
    parts: dict[str, list[np.ndarray]] = {}
    try:
        for i, count in enumerate(header["chunks"]):
            chunk = _held(blobs.get(_chunk(i)), {"generation": header["generation"]})
            if chunk is None or len(chunk[0]["ids"]) != count:
                return None
            ids += chunk[0]["ids"]
            for name, array in chunk[1].items():
                parts.setdefault(name, []).append(array)
        joined = {name: np.concatenate(arrays) for name, arrays in parts.items()}
        if len(joined["days"]) != len(ids) or header["tail"] is None:
            return None
    except (KeyError, TypeError, ValueError):
        return None
    return {**header, "ids": ids}, joined


def _follows(held: tuple[dict[str, Any], dict[str, np.ndarray]], ts: float, first: str, day: float) -> bool:
    """Whether check-ins from (ts, first) on, none before ``day``, come after every one the snapshot holds:
    then the journal's order (instant, id), sorted stably by local day, is the snapshot's rows then theirs."""
    header, arrays = held
    return [ts, first] > header["tail"] and day >= arrays["days"][-1]


def read(journal: Journal, dims: Sequence[Dimension], key: str) -> Columns:
    """The journal's check-ins and steps as a History, from the snapshots plus whatever came since."""
    keys, names = [d.id for d in dims], [d.name for d in dims]
    width = len(keys)
    with journal.reading():
        history_epoch, steps_epoch = journal.epochs()
        held = _held_checkins(journal.snapshots(CHECKINS), {"epoch": history_epoch, "dims": keys, "names": names})
        series = journal.series(keys, after_row=held[0]["last_row"] if held else 0)
        days, sat, ratings, ids = checkin_columns(series, width)
        if held and ids and not _follows(held, series.ts[0], series.ids[0], days[0]):
            held = None  # a back-dated check-in: the order changes
            series = journal.series(keys)
            days, sat, ratings, ids = checkin_columns(series, width)
        steps_stamp = {"epoch": steps_epoch, "dims": keys}
        held_steps = _held(journal.snapshots(STEPS).get(STEPS), steps_stamp)
        steps = held_steps[1] if held_steps else step_columns(journal.step_series(keys), width)
    known, held_states, clean = None, {}, 0
    tail = [series.ts[-1], series.ids[-1]] if series.ids else None
    generation = os.urandom(8).hex()
    if held:
        header, arrays = held
        days = np.concatenate((arrays["days"], days))
        sat = np.concatenate((arrays["satisfaction"], sat))
        ratings = np.concatenate((arrays["ratings"], ratings))
        ids = header["ids"] + ids
        tail = tail or header["tail"]
        if header["model"] == key:
            held_states = {k: arrays[k] for k in ("state_numbers", "state_codes")}
            known = StateColumns(arrays, header["carry"])
            clean, generation = len(known) // CHUNK * CHUNK, header["generation"]
    history = History(days=days, dims=tuple(names), ratings=ratings, satisfaction=sat, **steps)
    fresh = not held or bool(series.ids) or known is None
    return Columns(
        history, ids, known,
        checkins={"epoch": history_epoch, "dims": keys, "names": names, "last_row": series.last_row,
                  "tail": tail, "generation": generation} if fresh and ids else None,
        held_states=held_states, clean=clean, steps=None if held_steps else steps_stamp, epoch=history_epoch,
        last_row=series.last_row)


def write(journal: Journal, columns: Columns, states: Sequence[StateAt], key: str) -> None:
    """Store the snapshots a read found stale (inside the caller's transaction, with the states): of the
    check-ins, only the chunks from the first that changed."""
    h = columns.history
    if columns.checkins is not None:
        kept = len(columns.known or ())  # states the snapshot held: their columns come along as they are
        fresh = state_columns(states[kept:])
        arrays = {"days": h.days, "satisfaction": h.satisfaction, "ratings": h.ratings}
        arrays.update({k: np.concatenate((columns.held_states[k], fresh[k])) for k in fresh}
                      if columns.held_states else fresh)
        n, ids, generation = h.n, columns.ids, columns.checkins["generation"]
        header = {**columns.checkins, "model": key, "carry": states[-1].carry,
                  "chunks": [min(CHUNK, n - start) for start in range(0, n, CHUNK)]}
        blobs = {CHECKINS: pack(header, {})}
        for start in range(columns.clean, n, CHUNK):
            part = slice(start, start + CHUNK)
            blobs[_chunk(start // CHUNK)] = pack({"generation": generation, "ids": ids[part]},
                                                 {name: array[part] for name, array in arrays.items()})
        journal.put_snapshots(blobs, replacing=CHECKINS if columns.clean == 0 else None)
    if columns.steps is not None:
        journal.put_snapshots({STEPS: pack(columns.steps, {
            "step_days": h.step_days, "step_size": h.step_size, "step_effects": h.step_effects,
            "step_outcome": h.step_outcome})})
