"""Daylio's CSV export (More → Export entries → CSV) as check-ins.

Header: ``full_date,date,weekday,time,mood,activities,note_title,note``. Older exports lack ``note_title``;
newer ones add ``scales`` (and may add more): columns beyond these are accepted and ignored. Rows come newest
first, several a day, times as Daylio shows them (``9:00 PM`` or ``21:00``) in local time without an offset,
so each takes the local UTC offset of its date.

Mood → satisfaction (0-10), case-insensitive:

=======  ============
mood     satisfaction
=======  ============
rad      9
good     7
meh      5
bad      3
awful    1
=======  ============

Why these numbers: Daylio's five moods are evenly spaced, and mapping them onto 1..9 keeps them evenly
spaced while leaving room at both ends of coach's 0-10 scale for the days Daylio could not express. Custom
mood names (Daylio lets you rename or add moods) need ``--mood-map NAME=VALUE``; ``--mood-map`` can also
override a standard mood. An import meeting moods without a value stops and lists them all, with how many
rows each, so one rerun with the right ``--mood-map`` options is enough.

A Daylio row has no dimension ratings (satisfaction only). Activities (``work | reading``) are kept as tags
at the end of the note (``#work #reading``; spaces inside an activity become ``_``); ``note_title`` and
``note`` are joined by a blank line.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time

from coach.domain.models import CheckIn
from coach.domain.timefmt import SKIPPED, local, not_lived_yet
from coach.errors import CoachError, ImportFileError
from coach.exchange.csvfile import _quoted, dedupe, parse_rating, rows
from coach.exchange.document import MAX_YEAR, MIN_YEAR
from coach.exchange.problems import Parsed, Problem

STANDARD_MOODS: dict[str, float] = {"rad": 9.0, "good": 7.0, "meh": 5.0, "bad": 3.0, "awful": 1.0}
SIGNATURE = ("full_date", "date", "weekday", "time", "mood", "activities")
ACTIVITY_SEPARATOR = " | "
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)


def looks_like_daylio(text: str) -> bool:
    """True when the first non-blank line is a Daylio header (how the format is recognised without --format)."""
    for line in text.splitlines():
        if line.strip():
            cells = [c.strip().strip('"').strip().lower() for c in line.split(",")]
            return tuple(cells[: len(SIGNATURE)]) == SIGNATURE
    return False


def parse_mood_map(items: list[str]) -> dict[str, float]:
    """``--mood-map NAME=VALUE`` options as ``{lower-case name: satisfaction}``; a bad one is a CoachError."""
    moods: dict[str, float] = {}
    for item in items:
        name, sep, value = item.rpartition("=")
        if not sep or not name.strip():
            raise CoachError(f"--mood-map {item!r}: use NAME=VALUE, e.g. --mood-map ecstatic=10")
        if name.strip().lower() in moods:
            raise CoachError(f"--mood-map {name.strip()}: given twice; map each mood once")
        try:
            moods[name.strip().lower()] = parse_rating(value)
        except ValueError as err:
            raise CoachError(f"--mood-map {item!r}: {err}") from None
    return moods


def parse_time(text: str) -> time:
    """``9:00 PM``, ``12:05 am``, ``21:00`` or ``21:00:30``; ValueError otherwise."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    return time(hour, minute, second)  # raises ValueError for 24:00, :60 ...


def tags(activities: str) -> str:
    """``work | going out`` → ``#work #going_out``."""
    names = [a.strip() for a in activities.split("|")]
    return " ".join("#" + re.sub(r"\s+", "_", a) for a in names if a)


def parse_daylio(text: str, source: str, mood_map: dict[str, float] | None = None) -> Parsed:
    """Check-ins from a Daylio CSV. Unmapped moods raise (all listed); other bad rows are collected."""
    moods = {**STANDARD_MOODS, **(mood_map or {})}
    records = rows(text, source)
    if not records:
        raise ImportFileError(f"{source}: the file has no header row")
    header_line, header = records[0]
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        columns.setdefault(cell.strip().lower(), index)
    for required in ("full_date", "time", "mood"):
        if required not in columns:
            raise ImportFileError(f'{source} line {header_line}: no "{required}" column; a Daylio export starts '
                                  f"with {','.join(SIGNATURE)}")
    parsed = Parsed(source=source, format="daylio")
    unmapped: Counter[str] = Counter()  # moods match ignoring case: counted under their first spelling
    spelled: dict[str, str] = {}
    for line, record in records[1:]:
        problems: list[Problem] = []

        def cell(name: str, record: list[str] = record) -> str:
            index = columns.get(name)
            return record[index] if index is not None and index < len(record) else ""

        def bad(column: str, message: str, line: int = line, problems: list[Problem] = problems) -> None:
            problems.append(Problem(f'{source} line {line}, column "{column}"', message, f"{source} line {line}"))

        day: date | None = None
        day_text = cell("full_date").strip()
        try:
            day = date.fromisoformat(day_text)
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise ValueError
        except ValueError:
            bad("full_date", f"{_quoted(day_text)} is not a date (YYYY-MM-DD)" if day_text else "is blank")
            day = None
        clock: time | None = None
        time_text = cell("time").strip()
        try:
            clock = parse_time(time_text)
        except ValueError:
            bad("time", f"{_quoted(time_text)} is not a time like 9:00 PM or 21:00" if time_text else "is blank")
        mood = cell("mood").strip()
        satisfaction = moods.get(mood.lower())
        if not mood:
            bad("mood", "is blank")
        elif satisfaction is None:
            unmapped[spelled.setdefault(mood.lower(), mood)] += 1
        parsed.problems.extend(problems)
        if problems or day is None or clock is None or satisfaction is None:
            continue
        try:
            at = local(datetime.combine(day, clock)).replace(microsecond=0)
        except (ValueError, OverflowError, OSError) as err:
            why = f"the time {err}" if str(err) == SKIPPED else "the date and time are not a usable time"
            parsed.problems.append(Problem(f"{source} line {line}", why, f"{source} line {line}"))
            continue
        # by day only: Daylio writes wall-clock times without a zone, so a phone set to a zone ahead of this
        # computer exports its latest entries "in the future" by the clock here
        why = not_lived_yet(at, bare_date=True)
        if why:
            bad("full_date", f"{_quoted(day_text)} {why}")
            parsed.problems.extend(problems)
            continue
        parts = [p.strip() for p in (cell("note_title"), cell("note")) if p.strip()]
        note = "\n\n".join(parts)
        activity_tags = tags(cell("activities"))
        if activity_tags:
            note = f"{note}\n{activity_tags}" if note else activity_tags
        parsed.checkins.append(CheckIn(at=at, satisfaction=satisfaction, note=note))
    if unmapped:
        listing = "\n".join(f'  "{name}": {count} row{"s" if count > 1 else ""}'
                            for name, count in sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0].lower())))
        example = " ".join(f"--mood-map {_cli_word(name)}=N" for name in sorted(unmapped, key=str.lower)[:3])
        raise ImportFileError(
            f"{source}: {len(unmapped)} mood{'s' if len(unmapped) > 1 else ''} without a satisfaction value "
            f"(the standard ones are rad 9, good 7, meh 5, bad 3, awful 1):\n{listing}\n"
            f"Give each a value 0-10, e.g. {example}"
        )
    parsed.checkins.sort(key=lambda c: c.at.timestamp())
    dedupe(parsed)
    return parsed


def _cli_word(name: str) -> str:
    return name if re.fullmatch(r"[\w.-]+", name) else "'" + name.replace("'", "'\\''") + "'"
