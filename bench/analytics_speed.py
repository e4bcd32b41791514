"""Speed figures of the analytics, measured in one run on synthetic data (printed, never asserted).

    python bench/analytics_speed.py [--big 100000]

* full recompute of the causal states of 10 years of daily check-ins with 8 dimensions (target < 1 s);
* incremental update when one check-in is added to that journal (target < 5 ms);
* linearity: a full recompute of 100,000 check-ins against the 10-year one (target < 30x; the row ratio is
  27.4x, so this is "no worse than linear");
* analyze() on the 10-year journal;
* the whole round trip after one check-in on a 10-year journal file (``make_journal.py``: 3,652 check-ins,
  10,000 decisions): ``Insight.load`` reads the snapshot and the new row, updates the states, stores them and
  the snapshot's last chunk, and analyses; and what the same costs when the snapshot must be rebuilt.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_journal import build

from coach.analytics import History, analyze, causal_states, update_states
from coach.domain.models import CheckIn
from coach.insight import Insight
from coach.session import Session


def synthetic(n: int, d: int = 8, seed: int = 0) -> History:
    """Daily check-ins moving through regimes (flat / up / down), with rating noise and a few big steps."""
    rng = np.random.default_rng(seed)
    days = 18000.0 + np.arange(n)
    seg = np.cumsum(rng.random(n) < 1 / 60)            # a new regime every ~2 months
    rates = rng.choice([-0.03, 0.0, 0.0, 0.02], seg[-1] + 1)
    drift = np.cumsum(rates[seg])
    R = np.clip(5 + 2 * np.sin(drift[:, None] / 3 + rng.uniform(0, 6, d)) + rng.normal(0, 0.6, (n, d)), 0, 10)
    sat = np.clip(5 + 2 * np.sin(drift / 3) + rng.normal(0, 0.8, n), 0, 10)
    R[rng.random((n, d)) < 0.05] = np.nan
    m = n // 120
    sdays = np.sort(rng.choice(days, m, replace=False))
    return History(days, tuple(f"dim{i}" for i in range(d)), np.round(R * 2) / 2, np.round(sat * 2) / 2,
                   sdays, rng.integers(1, 6, m).astype(float))


def best_of(fn, repeat: int) -> float:
    """Fastest of ``repeat`` runs (seconds): the least disturbed measurement of the work itself."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return min(out)


def journal_round_trip(rounds: int = 15) -> tuple[list[float], float]:
    """Seconds of Insight.load right after each of ``rounds`` appended check-ins, and of one rebuild."""
    home = Path(tempfile.mkdtemp(prefix="coach-speed-"))
    try:
        build(home)
        session = Session.load(home)
        times = []
        with session.open_journal(backup=False) as journal:
            Insight.load(journal, session.config)  # states and snapshot, once
            for _ in range(rounds):
                last = journal.last_checkin()
                journal.add_checkin(CheckIn(at=last.at + timedelta(hours=6), satisfaction=6.0,  # type: ignore[union-attr]
                                            ratings={"career": 6.0}))
                started = time.perf_counter()
                Insight.load(journal, session.config)
                times.append(time.perf_counter() - started)
            journal.connection.execute("DELETE FROM snapshots")
            started = time.perf_counter()
            Insight.load(journal, session.config)
            rebuild = time.perf_counter() - started
        return times, rebuild
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--big", type=int, default=100_000, help="check-ins for the linearity run")
    a = ap.parse_args(argv)
    n10 = 3650
    h = synthetic(n10)
    full = best_of(lambda: causal_states(h), 3)
    states = causal_states(h)
    known = [json.loads(json.dumps(s.to_json())) for s in states[:-1]]
    inc = []
    for _ in range(30):
        t0 = time.perf_counter()
        update_states(h, known)
        inc.append(time.perf_counter() - t0)
    assert [s.to_json() for s in update_states(h, known)] == [states[-1].to_json()]
    big = synthetic(a.big, seed=1)
    t_big = best_of(lambda: causal_states(big), 1)
    t_an = best_of(lambda: analyze(h, states=states), 3)
    t_an_full = best_of(lambda: analyze(h), 1)
    print(f"10 years daily x 8 dims ({n10} check-ins):")
    print(f"  full recompute of states      {full * 1000:8.1f} ms   (target < 1000 ms)")
    print(f"  add one check-in (update)     {statistics.median(inc) * 1000:8.2f} ms median, "
          f"{max(inc) * 1000:.2f} ms max of 30   (target < 5 ms)")
    print(f"  analyze() with stored states  {t_an * 1000:8.1f} ms;  analyze() from scratch {t_an_full * 1000:.1f} ms")
    trip, rebuild = journal_round_trip()
    print(f"  journal round trip after one check-in (Insight.load: read, update, store, analyse) "
          f"{statistics.median(trip) * 1000:.1f} ms median of {len(trip)}; with the snapshot rebuilt "
          f"{rebuild * 1000:.1f} ms")
    print(f"{a.big} check-ins: full recompute {t_big:.2f} s = {t_big / full:.1f}x the 10-year run "
          f"for {a.big / n10:.1f}x the rows (target < 30x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
