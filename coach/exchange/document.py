"""The ``coach-journal`` document: the whole journal as plain data, the contract of ``coach export``.

Version 1 (JSON shown; TOML is the same document, see below)::

    {"format": "coach-journal", "version": 1, "exported_at": "2026-03-01T20:15:00+01:00",
     "dimensions": [{"id", "name", "position", "target": float|null, "archived": bool}],
     "checkins":   [{"id", "at", "satisfaction", "ratings": {dimension name: 0-10}, "note"}],
     "decisions":  [{"id", "title", "options": [str], "sizing": {...}, "magnitude": 1-5,
                     "budget_seconds", "spent_seconds", "status": "pending|decided|reviewed|dropped",
                     "created_at", "deadline", "decided_at", "choice", "coach_picked": bool,
                     "effects": {dimension name: -3..3}, "confidence": 0-1|null, "review_on",
                     "outcome": null | {"result": "better|as_expected|worse", "satisfaction_change",
                                        "again": bool|null, "note", "reviewed_at"}}]}

Times are ISO 8601 strings with the UTC offset they were recorded at (``2026-03-01T20:15:00+01:00``), so a
check-in keeps its wall-clock time across moves between time zones. Ids are the journal's own, which is what
makes re-importing a document add nothing. Skipped dimensions are simply absent from ``ratings``.

TOML has no null: a key whose value is null is left out, and a missing optional key reads back as null (so
a null inside the free-form ``sizing`` answers is dropped in TOML; JSON keeps it). Times stay strings in
TOML too, so both files carry the same document; native TOML datetimes are accepted on import.

Why validation collects instead of raising: each check-in, decision or dimension is a *row* that
``--skip-invalid`` may drop, and every bad one is named by its path (``checkins[3].satisfaction``).
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time
from typing import Any

from coach.domain.models import (
    EFFECT_MAX,
    EFFECT_MIN,
    RATING_MAX,
    RATING_MIN,
    CheckIn,
    Decision,
    Dimension,
    Outcome,
    Result,
    Status,
)
from coach.domain.timefmt import SKIPPED, is_bare_date, local, now, to_iso
from coach.errors import ImportFileError
from coach.exchange.problems import Parsed, Problem

FORMAT = "coach-journal"
VERSION = 1
MAX_MAGNITUDE = 5


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else to_iso(moment)


# -- journal → document ---------------------------------------------------------------------------------
def dimension_record(d: Dimension) -> dict[str, Any]:
    return {"id": d.id, "name": d.name, "position": d.position, "target": d.target, "archived": d.archived}


def checkin_record(c: CheckIn) -> dict[str, Any]:
    return {"id": c.id, "at": to_iso(c.at), "satisfaction": c.satisfaction, "ratings": dict(c.ratings),
            "note": c.note}


def decision_record(d: Decision) -> dict[str, Any]:
    o = d.outcome
    outcome = None if o is None else {
        "result": str(o.result), "satisfaction_change": o.satisfaction_change, "again": o.again, "note": o.note,
        "reviewed_at": _iso(o.reviewed_at),
    }
    return {
        "id": d.id, "title": d.title, "options": list(d.options), "sizing": d.sizing, "magnitude": d.magnitude,
        "budget_seconds": d.budget_seconds, "spent_seconds": d.spent_seconds, "status": str(d.status),
        "created_at": to_iso(d.created_at), "deadline": _iso(d.deadline), "decided_at": _iso(d.decided_at),
        "choice": d.choice, "coach_picked": d.coach_picked, "effects": dict(d.effects), "confidence": d.confidence,
        "review_on": _iso(d.review_on), "outcome": outcome,
    }


def build_document(dimensions: list[Dimension], checkins: list[CheckIn], decisions: list[Decision], *,
                   exported_at: datetime | None = None) -> dict[str, Any]:
    """The version-1 document for these records (in the journal's order: dimensions by position)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_iso(exported_at or now()),
        "dimensions": [dimension_record(d) for d in dimensions],
        "checkins": [checkin_record(c) for c in checkins],
        "decisions": [decision_record(d) for d in decisions],
    }


def without_nulls(value: Any) -> Any:
    """The document as TOML can hold it: null values (in tables and arrays) left out."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value if v is not None]
    return value


# -- document → records ---------------------------------------------------------------------------------
_MISSING = object()


class _Row:
    """Reads one object's fields, noting each problem under its JSON path instead of stopping."""

    def __init__(self, obj: dict[str, Any], path: str, source: str) -> None:
        self.obj, self.path, self.source = obj, path, source
        self.problems: list[Problem] = []

    def bad(self, key: str, message: str) -> None:
        row = f"{self.source} {self.path.split('.')[0]}"
        self.problems.append(Problem(f"{self.source} {self.path}.{key}" if key else f"{self.source} {self.path}",
                                     message, row))

    def raw(self, key: str, required: bool) -> Any:
        value = self.obj.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.bad(key, "is missing")
            return None
        return value

    def string(self, key: str, *, required: bool = True, default: str | None = None,
               nonblank: bool = False) -> str | None:
        value = self.raw(key, required and default is None)
        if value is None:
            return default
        if not isinstance(value, str):
            self.bad(key, f"{_show(value)} is not a string")
            return default
        if nonblank and not value.strip():
            self.bad(key, "is blank")
        return value

    def number(self, key: str, *, required: bool = True, default: float | None = None,
               low: float | None = None, high: float | None = None, above: float | None = None) -> float | None:
        value = self.raw(key, required and default is None)
        if value is None:
            return default
        return _number(value, lambda m: self.bad(key, m), low, high, above)

    def integer(self, key: str, *, required: bool = True, default: int | None = None, low: int | None = None,
                high: int | None = None) -> int | None:
        value = self.raw(key, required and default is None)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(key, f"{_show(value)} is not a whole number")
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.bad(key, f"{value} is outside {low}..{high}")
        return value

    def boolean(self, key: str, *, required: bool = True, default: bool | None = None) -> bool | None:
        value = self.raw(key, required and default is None)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.bad(key, f"{_show(value)} is not true or false")
            return default
        return value

    def moment(self, key: str, *, required: bool = True) -> datetime | None:
        value = self.raw(key, required)
        if value is None:
            return None
        try:
            return parse_moment(value)
        except ValueError as err:
            self.bad(key, str(err))
            return None

    def table(self, key: str) -> dict[str, Any]:
        value = self.raw(key, False)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.bad(key, f"{_show(value)} is not an object")
            return {}
        return value


def _show(value: Any) -> str:
    """A value as the file wrote it (``true``, ``null``, ``10:00``), not as Python prints it (``True``,
    ``datetime.time(10, 0)``), cut to 40 characters."""
    if isinstance(value, str):
        text = f'"{value}"'
    elif isinstance(value, date | time):
        text = value.isoformat()
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(value: Any, bad: Any, low: float | None, high: float | None, above: float | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        bad(f"{_show(value)} is not a number")
        return None
    number = float(value)
    if not math.isfinite(number):
        bad(f"{_show(value)} is not a finite number")
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        bad(f"{value:g} is outside {low:g}-{high:g}" if low is not None and high is not None
            else f"{value:g} is out of range")
        return None
    if above is not None and number <= above:
        bad(f"{value:g} must be more than {above:g}")
        return None
    return number


MIN_YEAR, MAX_YEAR = 1900, 2999


def parse_moment(value: Any) -> datetime:
    """An ISO 8601 time (or a native TOML datetime/date); no offset means the local one. ValueError says why.

    Sub-second parts are dropped because the journal keeps whole seconds; that keeps ids and duplicate
    detection stable across a round trip.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(12, 0))
    elif isinstance(value, str):
        text = value.strip()
        try:
            if is_bare_date(text):
                moment = datetime.combine(date.fromisoformat(text), time(12, 0))
            else:
                moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
        except ValueError:
            raise ValueError(f"{_show(value)} is not a date or ISO timestamp") from None
    else:
        raise ValueError(f"{_show(value)} is not a date or ISO timestamp")
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ValueError(f"{_show(value)}: the year is outside {MIN_YEAR}-{MAX_YEAR}")
    try:
        if moment.tzinfo is None:
            moment = local(moment)
        moment.timestamp()
    except ValueError as err:
        raise ValueError(f"{_show(value)} {err if str(err) == SKIPPED else 'is not a usable time'}") from None
    except (OverflowError, OSError):
        raise ValueError(f"{_show(value)} is not a usable time") from None
    return moment.replace(microsecond=0)


def _scores(row: _Row, key: str, low: float, high: float, *, whole: bool) -> dict[str, float]:
    """A ``{dimension: value}`` table (ratings or effects); names are trimmed and unique ignoring case."""
    out: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for name, value in row.table(key).items():
        field = f'{key}["{name}"]'
        clean = name.strip()
        if not clean:
            row.bad(field, "a dimension name is blank")
            continue
        if clean.lower() in seen:
            row.bad(field, f'repeats dimension "{seen[clean.lower()]}"')
            continue
        seen[clean.lower()] = clean
        if whole:
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                row.bad(field, f"{_show(value)} is not a whole number {int(low)}..{int(high)}")
                continue
            out[clean] = value
        else:
            number = _number(value, lambda m, f=field: row.bad(f, m), low, high, None)
            if number is not None:
                out[clean] = number
    return out


def _dimension(row: _Row) -> Dimension | None:
    dim_id = row.string("id", nonblank=True)
    name = row.string("name", nonblank=True)
    position = row.integer("position", default=0)
    target = row.number("target", required=False, low=RATING_MIN, high=RATING_MAX)
    archived = row.boolean("archived", default=False)
    if row.problems or dim_id is None or name is None:
        return None
    return Dimension(id=dim_id, name=name.strip(), position=position or 0, target=target, archived=bool(archived))


def _checkin(row: _Row) -> CheckIn | None:
    checkin_id = row.string("id", nonblank=True)
    at = row.moment("at")  # after today is taken as it is: the document is an exact copy of a journal
    satisfaction = row.number("satisfaction", low=RATING_MIN, high=RATING_MAX)
    ratings = _scores(row, "ratings", RATING_MIN, RATING_MAX, whole=False)
    note = row.string("note", default="")
    if row.problems or checkin_id is None or at is None or satisfaction is None:
        return None
    return CheckIn(id=checkin_id, at=at, satisfaction=satisfaction, ratings=ratings, note=note or "")


def _enum(row: _Row, key: str, kind: type[Status] | type[Result], *, required: bool = True) -> Any:
    text = row.string(key, required=required)
    if text is None:
        return None
    try:
        return kind(text)
    except ValueError:
        row.bad(key, f"{_show(text)} is not one of {', '.join(m.value for m in kind)}")
        return None


def _options(row: _Row) -> list[str]:
    value = row.raw("options", False)
    if value is None:
        return []
    if not isinstance(value, list):
        row.bad("options", f"{_show(value)} is not a list")
        return []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            row.bad(f"options[{i}]", f"{_show(item)} is not a string")
    return list(value)


def _plain_json(value: Any, row: _Row, key: str) -> Any:
    """Sizing answers must survive JSON (the journal stores them as JSON text): TOML dates become strings."""
    if isinstance(value, dict):
        return {str(k): _plain_json(v, row, f"{key}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v, row, f"{key}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        row.bad(key, f"{value!r} is not a finite number")
    return value


def _outcome(row: _Row) -> Outcome | None:
    value = row.raw("outcome", False)
    if value is None:
        return None
    if not isinstance(value, dict):
        row.bad("outcome", f"{_show(value)} is not an object or null")
        return None
    sub = _Row(value, f"{row.path}.outcome", row.source)
    result = _enum(sub, "result", Result)
    change = sub.number("satisfaction_change", required=False, low=-RATING_MAX, high=RATING_MAX)
    again = sub.boolean("again", required=False)
    note = sub.string("note", default="")
    reviewed_at = sub.moment("reviewed_at", required=False)
    row.problems.extend(sub.problems)
    if sub.problems or result is None:
        return None
    return Outcome(result=result, satisfaction_change=change, again=again, note=note or "", reviewed_at=reviewed_at)


def _decision(row: _Row) -> Decision | None:
    decision_id = row.string("id", nonblank=True)
    title = row.string("title", nonblank=True)
    options = _options(row)
    sizing = _plain_json(row.table("sizing"), row, "sizing")
    magnitude = row.integer("magnitude", low=1, high=MAX_MAGNITUDE)
    budget = row.number("budget_seconds", above=0.0)
    spent = row.number("spent_seconds", default=0.0, low=0.0, high=math.inf)
    status = _enum(row, "status", Status)
    created_at = row.moment("created_at")
    deadline = row.moment("deadline", required=False)
    decided_at = row.moment("decided_at", required=False)
    choice = row.string("choice", required=False)
    coach_picked = row.boolean("coach_picked", default=False)
    effects = _scores(row, "effects", EFFECT_MIN, EFFECT_MAX, whole=True)
    confidence = row.number("confidence", required=False, low=0.0, high=1.0)
    review_on = row.moment("review_on", required=False)
    outcome = _outcome(row)
    if row.problems or None in (decision_id, title, magnitude, budget, status, created_at):
        return None
    return Decision(
        id=decision_id, title=title, options=options, sizing=sizing, magnitude=magnitude,  # type: ignore[arg-type]
        budget_seconds=budget, spent_seconds=spent or 0.0, status=status, created_at=created_at,  # type: ignore[arg-type]
        deadline=deadline, decided_at=decided_at, choice=choice, coach_picked=bool(coach_picked),
        effects={k: int(v) for k, v in effects.items()}, confidence=confidence, review_on=review_on,
        outcome=outcome,
    )


def parse_document(data: Any, source: str, fmt: str) -> Parsed:
    """Records from a parsed JSON/TOML document; a wrong top-level shape raises, bad rows are collected."""
    if not isinstance(data, dict):
        raise ImportFileError(f"{source}: not a coach export (the top level is not an object)")
    if data.get("format") != FORMAT:
        raise ImportFileError(f'{source}: not a coach export (it needs "format": "{FORMAT}" at the top level)')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportFileError(f"{source} version: {_show(version)} is not a version number")
    if version > VERSION:
        raise ImportFileError(f"{source}: written by a newer coach (document version {version}; this coach "
                              f"reads up to {VERSION}). Upgrade coach to import it.")
    parsed = Parsed(source=source, format=fmt)
    readers = {"dimensions": (_dimension, parsed.dimensions), "checkins": (_checkin, parsed.checkins),
               "decisions": (_decision, parsed.decisions)}
    names: dict[str, int] = {}
    for key, (read, out) in readers.items():
        items = data.get(key, [])
        if not isinstance(items, list):
            raise ImportFileError(f"{source} {key}: {_show(items)} is not a list")
        ids: dict[str, int] = {}
        for i, item in enumerate(items):
            path = f"{key}[{i}]"
            if not isinstance(item, dict):
                parsed.problems.append(Problem(f"{source} {path}", f"{_show(item)} is not an object"))
                continue
            row = _Row(item, path, source)
            record = read(row)
            if record is not None and record.id in ids:
                row.bad("id", f"repeats {key}[{ids[record.id]}]")
                record = None
            if isinstance(record, Dimension):
                if record.name.lower() in names:
                    row.bad("name", f'"{record.name}" repeats dimensions[{names[record.name.lower()]}]')
                    record = None
                else:
                    names[record.name.lower()] = i
            if record is not None:
                ids[record.id] = i
                out.append(record)  # type: ignore[attr-defined]
            parsed.problems.extend(row.problems)
    return parsed
