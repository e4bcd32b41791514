"""What the importers return: the parsed records plus every problem found, each named by line and field.

Parsers never stop at the first bad row: a person fixing a file wants the whole list at once. Problems in
one row (a check-in, a decision) are *row problems*: ``--skip-invalid`` may drop that row. Problems that make
the whole file unusable (not UTF-8, no header, a syntax error) are raised at once as ImportFileError.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.domain.models import CheckIn, Decision, Dimension
from coach.errors import ImportFileError


@dataclass(frozen=True)
class Problem:
    """One bad row: ``where`` names file, line and column (or JSON path); ``message`` says what is wrong."""

    where: str
    message: str
    row: str = ""  # the row it belongs to (``data.csv line 14``, ``x.json checkins[3]``), for counting rows

    @property
    def row_key(self) -> str:
        return self.row or self.where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Parsed:
    """The records an import file holds, before they are compared with the journal.

    ``dimensions`` are full dimensions from a coach document (ids kept); ``dimension_names`` are bare names
    from a CSV header. A check-in whose time and values are already in the journal counts as already
    imported, whatever its id (CSV and Daylio rows have none of their own).
    """

    source: str
    format: str
    dimensions: list[Dimension] = field(default_factory=list)
    dimension_names: list[str] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: int = 0

    @property
    def is_document(self) -> bool:
        return self.format in ("json", "toml")


def count_rows(problems: list[Problem]) -> int:
    return len({p.row_key for p in problems})


def bad_file(source: str, problems: list[Problem], *, importing: bool = True) -> ImportFileError:
    """The error for a file with bad rows: every problem listed, and (importing) how to import the rest."""
    n = count_rows(problems)
    lines = "\n".join(f"  {p}" for p in problems)
    fix = f"fix {'it' if n == 1 else 'them'}"
    outcome = (f"nothing was imported ({fix}, or pass --skip-invalid to import the rest)" if importing
               else f"nothing was analysed ({fix} first)")
    return ImportFileError(f"{source}: {n} bad row{'' if n == 1 else 's'}; {outcome}:\n{lines}")
