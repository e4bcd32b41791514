"""Shared pieces of the import/export tests: a journal builder, the CLI runner and hypothesis strategies."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import strategies as st

from coach.domain.models import CheckIn, Decision, Dimension, Outcome, Result, Status
from coach.store.journal import Journal

FIXED = datetime(2026, 3, 1, 20, 15, tzinfo=timezone(timedelta(hours=1)))


def run(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, on its own home (never the user's)."""
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "coach", "--home", str(home), *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60)


_TEMPLATE: list[bytes] = []


def empty_journal(path: Path) -> Journal:
    """A new, migrated, empty journal, fast: copied from a template and without fsyncs (tests only)."""
    if not _TEMPLATE:
        with tempfile.TemporaryDirectory() as tmp:
            Journal.open(Path(tmp) / "t.sqlite3").close()
            _TEMPLATE.append((Path(tmp) / "t.sqlite3").read_bytes())
    path.write_bytes(_TEMPLATE[0])
    journal = Journal.open(path)
    journal.connection.execute("PRAGMA synchronous = OFF")
    return journal


def fill(journal: Journal, dimensions: Iterable[Dimension], checkins: Iterable[CheckIn],
         decisions: Iterable[Decision]) -> Journal:
    with journal.transaction():
        for d in dimensions:
            journal.put_dimension(d)
        for c in checkins:
            journal.add_checkin(c)
        for d in decisions:
            journal.add_decision(d)
    return journal


def sample_journal(path: Path) -> Journal:
    """A small journal with every kind of record, for the CLI tests."""
    dims = [Dimension("health", 0), Dimension("career", 1, target=8.0), Dimension("old", 2, archived=True)]
    at = datetime(2025, 6, 1, 21, 0, tzinfo=timezone(timedelta(hours=5, minutes=45)))
    checkins = [
        CheckIn(at=at, satisfaction=6.5, ratings={"health": 7.0, "old": 3.0}, note="first 🙂\nשלום"),
        CheckIn(at=at + timedelta(days=1), satisfaction=7.0, ratings={"career": 5.5}, note=""),
    ]
    decisions = [
        Decision(title="Quit?", created_at=at, magnitude=4, budget_seconds=86400.0, options=["stay", "go"],
                 sizing={"quick": 4, "stakes": None}, spent_seconds=120.0, status=Status.REVIEWED,
                 decided_at=at + timedelta(hours=3), choice="go", coach_picked=True, effects={"career": 2},
                 confidence=0.7, review_on=at + timedelta(days=30),
                 outcome=Outcome(Result.BETTER, 1.5, True, "good call", at + timedelta(days=31))),
        Decision(title="Lunch", created_at=at + timedelta(hours=1), magnitude=1, budget_seconds=60.0),
    ]
    return fill(Journal.open(path), dims, checkins, decisions)


# -- hypothesis strategies ------------------------------------------------------------------------------
SPECIAL_TEXT = ["", "שלום עולם", "مرحبا \u200f!", "🎉🧠 emoji", "line\nbreak", "tab\tand \"quotes\", commas",
                "\r\nCRLF", "   padded  ", "#tag #other", "ümlaut ß", "\x00nul"]
texts = st.one_of(st.text(max_size=30), st.sampled_from(SPECIAL_TEXT))
names = st.text(min_size=1, max_size=12).map(str.strip).filter(
    lambda s: bool(s) and s.lower() not in ("date", "satisfaction", "note"))
offsets = st.one_of(st.sampled_from([0, 345, 330, -570, 765, 840, -720, 45]),
                    st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59))


@st.composite
def moments(draw: st.DrawFn) -> datetime:
    naive = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
    tz = timezone(timedelta(minutes=draw(offsets)))
    return naive.replace(microsecond=0, tzinfo=tz)


ratings_values = st.floats(min_value=0, max_value=10, allow_nan=False)


@st.composite
def journals(draw: st.DrawFn) -> tuple[list[Dimension], list[CheckIn], list[Decision]]:
    """Dimensions (some archived, some with targets), check-ins with skipped dimensions and odd offsets,
    decisions in every status with and without outcomes."""
    dim_names = draw(st.lists(names, max_size=5, unique_by=str.lower))
    dims = [Dimension(name=n, position=i, target=draw(st.none() | ratings_values), archived=draw(st.booleans()))
            for i, n in enumerate(dim_names)]
    checkins = []
    for _ in range(draw(st.integers(0, 6))):
        rated = draw(st.lists(st.sampled_from(dim_names), unique=True)) if dim_names else []
        checkins.append(CheckIn(at=draw(moments()), satisfaction=draw(ratings_values),
                                ratings={n: draw(ratings_values) for n in rated}, note=draw(texts)))
    decisions = []
    for _ in range(draw(st.integers(0, 4))):
        status = draw(st.sampled_from(list(Status)))
        outcome = None
        if draw(st.booleans()):
            outcome = Outcome(result=draw(st.sampled_from(list(Result))),
                              satisfaction_change=draw(st.none() | st.floats(-10, 10, allow_nan=False)),
                              again=draw(st.none() | st.booleans()), note=draw(texts),
                              reviewed_at=draw(st.none() | moments()))
        affected = draw(st.lists(st.sampled_from(dim_names), unique=True)) if dim_names else []
        decisions.append(Decision(
            title=draw(texts.filter(lambda t: bool(t.strip()) and "\x00" not in t)), created_at=draw(moments()),
            magnitude=draw(st.integers(1, 5)), budget_seconds=draw(st.floats(0.5, 1e7)),
            options=draw(st.lists(texts, max_size=3)),
            sizing=draw(st.dictionaries(st.sampled_from(["quick", "reversibility", "stakes", "horizon"]),
                                        st.none() | st.integers(1, 5))),
            spent_seconds=draw(st.floats(0, 1e6)), status=status, deadline=draw(st.none() | moments()),
            decided_at=draw(st.none() | moments()), choice=draw(st.none() | texts),
            coach_picked=draw(st.booleans()), effects={n: draw(st.integers(-3, 3)) for n in affected},
            confidence=draw(st.none() | st.floats(0, 1)), review_on=draw(st.none() | moments()), outcome=outcome,
        ))
    return dims, checkins, decisions
