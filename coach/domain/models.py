"""What the journal records: dimensions, check-ins and decisions.

Plain dataclasses so the store, the import/export code, the CLI and the screens share one vocabulary.
Ids are UUID strings, stable across export and import, so two journals can be merged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


def new_id() -> str:
    """A random (version 4) UUID string; built from os.urandom because importing uuid costs start-up time."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


RATING_MIN, RATING_MAX = 0.0, 10.0
EFFECT_MIN, EFFECT_MAX = -3, 3
#: The check-in CSV's own columns: a dimension by one of these names could never be exported as CSV.
RESERVED_NAMES = ("date", "satisfaction", "note")
RESERVED_MESSAGE = f"is a check-in's own field ({', '.join(RESERVED_NAMES)}), not a name a dimension can have"


def reserved_name(name: str) -> bool:
    """Whether ``name`` (any case) is one of the CSV's own columns, so no dimension may be called that."""
    return name.strip().lower() in RESERVED_NAMES


@dataclass
class Dimension:
    """A life dimension; archived ones keep their history but are no longer asked about."""

    name: str
    position: int = 0
    target: float | None = None
    archived: bool = False
    id: str = field(default_factory=new_id)


@dataclass
class CheckIn:
    """One check-in: a rating per dimension (by name; skipped ones are absent), satisfaction and a note."""

    at: datetime
    satisfaction: float
    ratings: dict[str, float] = field(default_factory=dict)
    note: str = ""
    id: str = field(default_factory=new_id)


class Status(StrEnum):
    PENDING = "pending"
    DECIDED = "decided"
    REVIEWED = "reviewed"
    DROPPED = "dropped"


class Result(StrEnum):
    BETTER = "better"
    AS_EXPECTED = "as_expected"
    WORSE = "worse"


@dataclass
class Outcome:
    """How a decision turned out, recorded at its review."""

    result: Result
    satisfaction_change: float | None = None
    again: bool | None = None
    note: str = ""
    reviewed_at: datetime | None = None


@dataclass
class Decision:
    """A step: what was weighed, how big it was judged, how long was spent, what was chosen, how it went.

    ``sizing`` holds the answers given when sizing (quick size and the optional refinement factors) so
    the magnitude can be explained and recomputed later.
    """

    title: str
    created_at: datetime
    magnitude: int
    budget_seconds: float
    options: list[str] = field(default_factory=list)
    sizing: dict[str, object] = field(default_factory=dict)
    spent_seconds: float = 0.0
    status: Status = Status.PENDING
    deadline: datetime | None = None
    decided_at: datetime | None = None
    choice: str | None = None
    coach_picked: bool = False
    effects: dict[str, int] = field(default_factory=dict)
    confidence: float | None = None
    review_on: datetime | None = None
    outcome: Outcome | None = None
    id: str = field(default_factory=new_id)

    @property
    def over_budget(self) -> float:
        """Deliberation spent as a multiple of the budget (the overthinking ratio)."""
        return self.spent_seconds / self.budget_seconds if self.budget_seconds > 0 else 0.0
