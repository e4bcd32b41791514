"""The check-in CSV: ``date,<dimension>,...,satisfaction[,note]``, one check-in a row.

* The header names the columns, in any order and any case: ``date`` and ``satisfaction`` are required,
  ``note`` is optional, every other column is a dimension (new ones are added to the journal).
* ``date``: ``YYYY-MM-DD`` (taken as 12:00 local time), ``YYYY-MM-DD HH:MM[:SS]`` or an ISO 8601 timestamp;
  a time without a UTC offset takes the local one.
* Ratings and satisfaction: numbers 0-10, decimals allowed (``6.5``). A blank cell skips that dimension.
* Blank lines are ignored; a UTF-8 byte-order mark (as Excel writes) is fine.

CSV rows carry no ids, so each row gets a deterministic one (uuid5 of its normalised contents) and a row
whose time and values are already in the journal counts as imported: re-importing a file adds nothing,
and neither does importing the CSV that ``coach export --format csv`` wrote from the same journal.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import datetime

from coach.domain.models import RATING_MAX, RATING_MIN, RESERVED_NAMES, CheckIn
from coach.domain.timefmt import SKIPPED, is_bare_date, not_lived_yet
from coach.errors import ImportFileError
from coach.exchange.document import parse_moment
from coach.exchange.problems import Parsed, Problem

DATE, SATISFACTION, NOTE = RESERVED = RESERVED_NAMES
_NUMBER = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*")
_ROW_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "coach-journal:checkin-row")


def parse_rating(text: str) -> float:
    """A 0-10 rating from a cell; ValueError with the message a person should see."""
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{_quoted(text)} is not a number 0-10")
    value = float(text)
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValueError(f"{_quoted(text)} is outside 0-10")
    return value


def _quoted(text: str) -> str:
    text = text if len(text) <= 40 else text[:37] + "..."
    return json.dumps(text, ensure_ascii=False)


def content_key(c: CheckIn) -> tuple[object, ...]:
    """What makes two check-ins the same entry regardless of id: instant, values and note."""
    return (int(c.at.timestamp()), float(c.satisfaction),
            tuple(sorted((k.strip().lower(), float(v)) for k, v in c.ratings.items())), c.note)


def row_id(c: CheckIn) -> str:
    """A deterministic id for an id-less row, so the same row always becomes the same check-in."""
    return str(uuid.uuid5(_ROW_NAMESPACE, json.dumps(content_key(c), ensure_ascii=False)))


def format_number(value: float) -> str:
    """``7`` for whole numbers, the shortest exact text otherwise (so a CSV round trip loses nothing)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def rows(text: str, source: str) -> list[tuple[int, list[str]]]:
    """The CSV records with the line each starts on; blank lines dropped. A broken CSV raises.

    Read strictly first: a quote left open would otherwise swallow every row after it into one field,
    silently. Any other strict complaint (a stray quote inside a quoted field, `"said "hi" then"`) is read
    leniently, as spreadsheets and hand-written files have it."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # a long note exports, so it must import
    try:
        return _records(text, source, strict=True)
    except csv.Error:
        return _records(text, source, strict=False)


def _records(text: str, source: str, *, strict: bool) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=strict)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                out.append((start, record))
            start = reader.line_num + 1
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            raise ImportFileError(f'{source} line {start}: a quoted field opened on this line is never closed '
                                  '(a " is missing)') from None
        if strict:
            raise
        raise ImportFileError(f"{source} line {reader.line_num}: not readable as CSV ({err})") from None
    return out


def dedupe(parsed: Parsed) -> None:
    """Give id-less rows their deterministic ids and drop repeats inside the file (counted as duplicates)."""
    seen: set[str] = set()
    kept = []
    for checkin in parsed.checkins:
        checkin.id = row_id(checkin)
        if checkin.id in seen:
            parsed.duplicates += 1
            continue
        seen.add(checkin.id)
        kept.append(checkin)
    parsed.checkins = kept


def parse_csv(text: str, source: str) -> Parsed:
    """Check-ins from the CSV text; header problems raise at once, bad rows are collected with line and column."""
    records = rows(text, source)
    parsed = Parsed(source=source, format="csv")
    if not records:
        raise ImportFileError(f"{source}: the file has no header row (expected date,<dimensions...>,satisfaction)")
    header_line, header = records[0]
    columns: dict[str, int] = {}
    unnamed: list[int] = []
    for index, cell in enumerate(header):
        name = cell.strip()
        if not name:
            unnamed.append(index)
            continue
        key = name.lower()
        if key in columns:
            raise ImportFileError(f'{source} line {header_line}: column "{name}" appears twice in the header '
                                  f"(columns {columns[key] + 1} and {index + 1})")
        columns[key] = index
    for required in (DATE, SATISFACTION):
        if required not in columns:
            hint = ""
            if "full_date" in columns and "mood" in columns:
                hint = "; this looks like a Daylio export: use --format daylio"
            raise ImportFileError(f'{source} line {header_line}: no "{required}" column (the header needs date '
                                  f"and satisfaction; the other columns name dimensions){hint}")
    dims = [(header[i].strip(), i) for key, i in columns.items() if key not in RESERVED]
    parsed.dimension_names = [name for name, _ in dims]
    width = len(header)
    for line, record in records[1:]:
        problems: list[Problem] = []

        def bad(column: str | None, message: str, line: int = line, problems: list[Problem] = problems) -> None:
            row = f"{source} line {line}"
            problems.append(Problem(row + (f', column "{column}"' if column else ""), message, row))

        if len(record) > width and any(cell.strip() for cell in record[width:]):
            bad(None, f"{len(record)} cells, but the header has {width} columns")
        for index in unnamed:
            if index < len(record) and record[index].strip():
                bad(None, f"a value ({_quoted(record[index].strip())}) under column {index + 1}, "
                          "which has no name in the header")

        def cell(index: int, record: list[str] = record) -> str:
            return record[index].strip() if index < len(record) else ""

        at: datetime | None = None
        date_text = cell(columns[DATE])
        if not date_text:
            bad(DATE, "is blank")
        else:
            try:
                at = parse_moment(date_text)
            except ValueError as err:
                bad(DATE, f"{_quoted(date_text)} {SKIPPED}" if str(err).endswith(SKIPPED) else
                    f"{_quoted(date_text)} is not a date: use YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or an ISO timestamp")
            why = None if at is None else not_lived_yet(at, bare_date=is_bare_date(date_text))
            if why:
                bad(DATE, f"{_quoted(date_text)} {why}")
        satisfaction: float | None = None
        sat_text = cell(columns[SATISFACTION])
        if not sat_text:
            bad(SATISFACTION, "is blank (every check-in needs a satisfaction 0-10)")
        else:
            try:
                satisfaction = parse_rating(sat_text)
            except ValueError as err:
                bad(SATISFACTION, str(err))
        ratings: dict[str, float] = {}
        for name, index in dims:
            text_value = cell(index)
            if text_value:
                try:
                    ratings[name] = parse_rating(text_value)
                except ValueError as err:
                    bad(name, str(err))
        note = record[columns[NOTE]] if NOTE in columns and columns[NOTE] < len(record) else ""
        if problems or at is None or satisfaction is None:
            parsed.problems.extend(problems)
            continue
        parsed.checkins.append(CheckIn(at=at, satisfaction=satisfaction, ratings=ratings, note=note))
    dedupe(parsed)
    return parsed
