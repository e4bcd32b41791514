"""A writer for the crash tests: adds check-ins and decisions, printing each id once its commit returned.

Run as ``python -m tests.reliability.writer HOME SEED``; the test kills it with SIGKILL at a random moment
and then checks that every id printed (acknowledged) is in the journal.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta

from coach.domain.models import CheckIn, Decision
from coach.session import Session


def main(home: str, seed: int) -> None:
    rnd = random.Random(seed)
    journal = Session.load(home).open_journal(backup=False)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for i in range(100_000):
        at = t0 + timedelta(minutes=seed * 100_000 + i)
        if rnd.random() < 0.8:
            item = journal.add_checkin(CheckIn(at=at, satisfaction=rnd.randint(0, 10),
                                               ratings={"career": rnd.randint(0, 10), "health": rnd.randint(0, 10)},
                                               note="x" * rnd.randint(0, 2000)))
        else:
            item = journal.add_decision(Decision(title=f"d{i}", created_at=at, magnitude=rnd.randint(1, 5),
                                                 budget_seconds=60.0, effects={"career": 1}))
        out.write(f"{item.id}\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
