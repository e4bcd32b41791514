"""Reading an import file, telling its format, and turning it into a plan that is applied in one transaction.

Why a plan: ``--dry-run`` and the real import must report the same thing, so both compare the parsed file
with a snapshot of the journal (ids for coach documents, content for id-less CSV/Daylio rows) to decide what
is new; only the real import then writes, inside one transaction, so the file lands whole or not at all.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coach.domain.models import CheckIn, Decision, Dimension
from coach.errors import ImportFileError
from coach.exchange.csvfile import content_key, parse_csv
from coach.exchange.daylio import looks_like_daylio, parse_daylio
from coach.exchange.document import parse_document
from coach.exchange.problems import Parsed
from coach.store.journal import Journal

FORMATS = ("csv", "json", "toml", "daylio")
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json", ".toml": "toml"}


def read_text(path: Path, source: str) -> str:
    """The file as text; unreadable, empty or non-UTF-8 files raise with what to do about it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise ImportFileError(f"{source}: is a folder, not a file") from None
    except PermissionError:
        raise ImportFileError(f"{source}: not readable (permission denied)") from None
    except OSError as err:
        raise ImportFileError(f"{source}: cannot be read ({err.strerror or err})") from None
    except ValueError:  # a NUL byte in the name
        raise ImportFileError(f"{source!r}: not a usable file name") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(f"{source}: the file is UTF-16 text; save it as UTF-8 and try again")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise ImportFileError(f"{source} line {line}, column {column}: not UTF-8 text (byte 0x{data[err.start]:02x}); "
                              "save the file as UTF-8 and try again") from None
    if not text.strip():
        raise ImportFileError(f"{source}: the file is empty")
    return text


def detect_format(path: Path, text: str, given: str | None) -> str:
    """``--format`` if given; else the extension (a CSV with Daylio's header is Daylio); else the content."""
    if given:
        return given
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt == "csv" or fmt is None:
        if looks_like_daylio(text):
            return "daylio"
        if fmt is not None:
            return fmt
        head = text.lstrip()
        if head.startswith("{"):
            return "json"
        first = head.splitlines()[0].lower() if head else ""
        if "date" in first and "satisfaction" in first and "," in first:
            return "csv"
        raise ImportFileError(f"{path}: cannot tell the format from the name or the contents; "
                              f"pass --format ({'|'.join(FORMATS)})")
    return fmt


def _toml_syntax(source: str, err: Exception, lines: list[str]) -> ImportFileError:
    text = str(err)
    match = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if match:
        reason = text[: match.start()].strip()
        return ImportFileError(f"{source} line {match[1]}, column {match[2]}: TOML syntax error: {reason}")
    if "(at end of document)" in text:
        reason = text.replace("(at end of document)", "").strip()
        return ImportFileError(f"{source}: TOML syntax error at the end of the file (line {len(lines)}): {reason}")
    return ImportFileError(f"{source}: TOML syntax error: {text}")


def parse_text(text: str, fmt: str, source: str, mood_map: dict[str, float] | None = None) -> Parsed:
    """Parse ``text`` as ``fmt``; file-level problems raise ImportFileError, row problems are collected."""
    if fmt == "csv":
        return parse_csv(text, source)
    if fmt == "daylio":
        return parse_daylio(text, source, mood_map)
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ImportFileError(f"{source} line {err.lineno}, column {err.colno}: JSON syntax error: {err.msg}") \
                from None
        except (ValueError, RecursionError) as err:
            raise ImportFileError(f"{source}: not readable as JSON ({err})") from None
        return parse_document(data, source, "json")
    if fmt == "toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise _toml_syntax(source, err, text.splitlines()) from None
        except (ValueError, RecursionError) as err:
            raise ImportFileError(f"{source}: not readable as TOML ({err})") from None
        return parse_document(data, source, "toml")
    raise ImportFileError(f"{source}: unknown format {fmt!r} (use one of {', '.join(FORMATS)})")


def load(path: Path, fmt: str | None, *, source: str | None = None,
         mood_map: dict[str, float] | None = None) -> Parsed:
    """Read, detect and parse one import file."""
    name = source or str(path)
    text = read_text(path, name)
    return parse_text(text, detect_format(path, text, fmt), name, mood_map)


# -- comparing with the journal -------------------------------------------------------------------------
@dataclass
class Snapshot:
    """What the journal already holds, as far as deciding "is this new?" needs."""

    dimensions: list[Dimension] = field(default_factory=list)
    checkin_ids: set[str] = field(default_factory=set)
    checkin_keys: set[tuple[object, ...]] = field(default_factory=set)
    decision_ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, journal: Journal) -> Snapshot:
        checkins = journal.checkins()
        return cls(dimensions=journal.dimensions(include_archived=True),
                   checkin_ids={c.id for c in checkins}, checkin_keys={content_key(c) for c in checkins},
                   decision_ids={d.id for d in journal.decisions()})

    @classmethod
    def fresh(cls, names: Iterable[str]) -> Snapshot:
        """A journal that does not exist yet: it would start with these dimensions."""
        return cls(dimensions=[Dimension(name=n, position=i) for i, n in enumerate(names)])


@dataclass
class Plan:
    """What an import adds; the counts of what was already there are for the report."""

    dimensions: list[Dimension] = field(default_factory=list)
    dimension_names: list[str] = field(default_factory=list)
    updated_dimensions: list[Dimension] = field(default_factory=list)  # the journal's, with a target added
    checkins: list[CheckIn] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    present_checkins: int = 0
    present_decisions: int = 0

    @property
    def new_dimensions(self) -> list[str]:
        return [d.name for d in self.dimensions] + self.dimension_names

    @property
    def empty(self) -> bool:
        return not (self.dimensions or self.dimension_names or self.updated_dimensions or self.checkins
                    or self.decisions)


def make_plan(parsed: Parsed, snapshot: Snapshot) -> Plan:
    """Decide what is new. Dimensions match by id, then by name ignoring case (the journal's name wins, and
    its settings, but for a target it lacks); check-ins match by id or by content, decisions by id."""
    plan = Plan()
    by_id = {d.id: d.name for d in snapshot.dimensions}
    by_name = {d.name.lower(): d.name for d in snapshot.dimensions}
    rename: dict[str, str] = {}
    position = max((d.position for d in snapshot.dimensions), default=-1)
    keep_positions = not snapshot.dimensions
    dims = {d.name.lower(): d for d in snapshot.dimensions}
    fresh_journal = not snapshot.checkin_ids and not snapshot.decision_ids
    for dim in parsed.dimensions:
        existing = by_id.get(dim.id) or by_name.get(dim.name.lower())
        if existing is not None:
            rename[dim.name.lower()] = existing
            ours = dims.get(existing.lower())
            # what the journal does not say yet comes from the document: a North Star target, and on a journal
            # with nothing in it (a new machine, its default dimensions only) whether the dimension is archived
            if ours is not None and ((ours.target is None and dim.target is not None)
                                     or (fresh_journal and dim.archived != ours.archived)):
                plan.updated_dimensions.append(Dimension(
                    id=ours.id, name=ours.name, position=ours.position,
                    target=ours.target if ours.target is not None else dim.target,
                    archived=dim.archived if fresh_journal else ours.archived))
            continue
        position += 1
        plan.dimensions.append(dim if keep_positions else
                               Dimension(id=dim.id, name=dim.name, position=position, target=dim.target,
                                         archived=dim.archived))
        by_name[dim.name.lower()] = dim.name
    for name in parsed.dimension_names:
        if name.lower() not in by_name:
            by_name[name.lower()] = name
            plan.dimension_names.append(name)

    def renamed(scores: dict[str, float]) -> dict[str, float]:
        return {rename.get(k.lower(), k): v for k, v in scores.items()}

    for checkin in parsed.checkins:
        # by content too, whatever the file: the same check-in imported from a CSV (no ids) and then from a
        # coach export (its own ids) is one check-in, not two
        if checkin.id in snapshot.checkin_ids or content_key(checkin) in snapshot.checkin_keys:
            plan.present_checkins += 1
            continue
        checkin.ratings = renamed(checkin.ratings)
        plan.checkins.append(checkin)
    for decision in parsed.decisions:
        if decision.id in snapshot.decision_ids:
            plan.present_decisions += 1
            continue
        decision.effects = {k: int(v) for k, v in renamed(dict(decision.effects)).items()}
        plan.decisions.append(decision)
    # Names used in ratings or effects but listed nowhere become dimensions too; say so in the report.
    for scores in [c.ratings for c in plan.checkins] + [d.effects for d in plan.decisions]:
        for name in scores:
            if name.lower() not in by_name:
                by_name[name.lower()] = name
                plan.dimension_names.append(name)
    return plan


def apply(journal: Journal, plan: Plan) -> None:
    """Write the plan in the current transaction (the caller holds one, so it lands whole or not at all)."""
    try:
        for dim in plan.dimensions + plan.updated_dimensions:
            journal.put_dimension(dim)
        if plan.dimension_names:
            journal.ensure_dimensions(plan.dimension_names)
        for checkin in plan.checkins:
            journal.add_checkin(checkin)
        for decision in plan.decisions:
            journal.add_decision(decision)
        if plan.checkins:
            # Check-ins slotted into the past make the coach's stored states after them stale.
            first = min(plan.checkins, key=lambda c: c.at.timestamp())
            journal._forget_states_from(journal.connection, first.id)
    except sqlite3.Error as err:
        raise ImportFileError(f"the journal refused the import ({err}); nothing was imported") from None


def import_parsed(journal: Journal, parsed: Parsed) -> Plan:
    """Plan and apply in ONE transaction: the snapshot and the writes see the same journal."""
    with journal.transaction():
        plan = make_plan(parsed, Snapshot.of(journal))
        apply(journal, plan)
    return plan
