"""Write a large synthetic journal into a coach home, for benchmarks and for trying the app at scale.

    python bench/make_journal.py --home DIR                      # 10 years of daily check-ins, 10,000 decisions
    python bench/make_journal.py --home DIR --checkins 100000    # 100,000 check-ins over the same 10 years
    coach --home DIR status                                      # then use it like any journal

Why a separate script: the benchmarks and anyone curious about scale need the same journal, built the same
way (deterministic for a seed), without going through the app. It refuses to write into a journal that
already holds entries, so it cannot pollute a real one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from coach.domain.bulk import bulk_history
from coach.paths import resolve
from coach.store.journal import Journal


def build(home: Path, *, years: float = 10, checkins: int | None = None, decisions: int = 10_000, dims: int = 8,
          seed: int = 0) -> tuple[Path, dict[str, int], float]:
    """Build the journal under ``home``; return its path, the counts written and the seconds it took."""
    path = resolve(home).journal
    started = time.perf_counter()
    with Journal.open(path) as journal:
        counts = journal.counts()
        if counts["checkins"] or counts["decisions"]:
            raise SystemExit(f"{path} already holds entries ({counts['checkins']} check-ins, "
                             f"{counts['decisions']} decisions); use an empty --home")
        written = bulk_history(journal, years=years, dims=dims, decisions=decisions, checkins=checkins, seed=seed)
    return path, written, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--home", required=True, metavar="DIR", help="coach home to write into (created if missing)")
    p.add_argument("--years", type=float, default=10, help="span in years (default 10)")
    p.add_argument("--checkins", type=int, default=None, metavar="N",
                   help="number of check-ins spread over the span (default: one a day)")
    p.add_argument("--decisions", type=int, default=10_000, metavar="N", help="number of decisions (default 10000)")
    p.add_argument("--dims", type=int, default=8, metavar="N", help="number of dimensions (default 8)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    path, written, seconds = build(Path(args.home), years=args.years, checkins=args.checkins,
                                   decisions=args.decisions, dims=args.dims, seed=args.seed)
    size_mb = path.stat().st_size / 1e6
    print(f"{path}: {written['checkins']} check-ins ({written['ratings']} ratings), {written['decisions']} decisions, "
          f"{written['dimensions']} dimensions over {args.years:g} years; {size_mb:.1f} MB in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
