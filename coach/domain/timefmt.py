"""Dates, times and durations as people type them and as the journal stores them.

The journal stores timestamps as ISO 8601 with the UTC offset they were entered at, so a check-in made at
21:00 in Lisbon stays "21:00 +00:00" after a move to Tokyo, and ordering uses the absolute instant.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(w|d|h|m|s)", re.IGNORECASE)
YEARS = (1900, 2200)  # a life journal's plausible range; outside it a date is a typo
_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def now() -> datetime:
    """The current local time, aware of its offset."""
    return datetime.now().astimezone()


#: Why a check-in dated after today is refused, wherever it comes from (the CLI, any import).
AFTER_TODAY = "is after today: a check-in records a day already lived"
IN_FUTURE = "is in the future: a check-in records time already lived"
CLOCK_SKEW = timedelta(minutes=5)  # another device's clock may run a little ahead


def not_lived_yet(moment: datetime, *, bare_date: bool = False, current: datetime | None = None) -> str | None:
    """Why ``moment`` cannot be a check-in's time (a message), or None when it can.

    A check-in from the future would stand as the latest one, and every trend and the form's pre-fill would
    start from it. A bare date (taken as noon) may be today, in its own offset; a time may not be later than
    now, give or take a few minutes of clock difference."""
    current = current or now()
    if moment.date() > current.astimezone(moment.tzinfo).date():
        return AFTER_TODAY
    if not bare_date and moment - current > CLOCK_SKEW:
        return IN_FUTURE
    return None


SKIPPED = "does not exist on this computer's clock (daylight saving time skips it)"


def local(naive: datetime) -> datetime:
    """A wall-clock time as an aware one in the local zone. ValueError (``SKIPPED``) for a time the clock
    skips when daylight saving time starts: taken as it is, it would be stored an hour off without a word."""
    moment = naive.astimezone()
    if moment.replace(tzinfo=None) != naive:
        raise ValueError(SKIPPED)
    return moment


def to_iso(moment: datetime) -> str:
    """Serialise an aware datetime; naive ones are taken as local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Parse what ``to_iso`` wrote (or any ISO date/datetime); naive values get the local offset."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.astimezone()


def is_bare_date(text: str) -> bool:
    """A day without a time of day (``2026-11-01``, ``today``, ``yesterday``): it stands for noon, and a
    check-in's date of today is fine even before then."""
    cleaned = text.strip()
    return len(cleaned) == 10 or cleaned.lower() in ("today", "yesterday")


def parse_when(text: str, *, default_time: time = time(12, 0)) -> datetime:
    """Parse a user's date: ``2026-11-01``, ``2026-11-01 09:30``, ISO with offset, ``today``/``yesterday``.

    Raises ValueError with a message fit to show.
    """
    cleaned = text.strip()
    lowered = cleaned.lower()
    if lowered in {"today", "now"}:
        return now() if lowered == "now" else datetime.combine(date.today(), default_time).astimezone()
    if lowered == "yesterday":
        return datetime.combine(date.today() - timedelta(days=1), default_time).astimezone()
    try:
        if is_bare_date(cleaned):
            moment = datetime.combine(date.fromisoformat(cleaned), default_time)
        else:
            moment = datetime.fromisoformat(cleaned.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date: use YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or an ISO timestamp"
        ) from None
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ValueError(f"{text!r} is too far in the past or future (years {YEARS[0]}-{YEARS[1]})")
    if moment.tzinfo is not None:
        return moment
    try:
        return local(moment)
    except ValueError as err:
        raise ValueError(f"{text!r} {err}") from None


def parse_duration(text: str) -> float:
    """Seconds in ``90s``, ``10m``, ``1h30m``, ``2d``, ``1w`` (or a bare number of seconds).

    Raises ValueError naming the text when it is not a positive duration.
    """
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        seconds = float(cleaned)
    else:
        pos, seconds = 0, 0.0
        for match in _DURATION.finditer(cleaned):
            if match.start() != pos:
                break
            seconds += float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
            pos = match.end()
        if pos != len(cleaned) or pos == 0:
            raise ValueError(f"{text!r} is not a duration: use e.g. 90s, 10m, 1h30m, 2d or 1w")
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a positive duration")
    return seconds


def format_duration(seconds: float) -> str:
    """A short human duration: ``45s``, ``12m``, ``1h 40m``, ``3d 4h``, ``1w``."""
    s = round(abs(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        m, rest = divmod(s, 60)
        return f"{m}m" if rest == 0 or m >= 10 else f"{m}m {rest}s"
    if s < 86400:
        h, rest = divmod(s, 3600)
        return f"{h}h {rest // 60}m" if rest >= 60 else f"{h}h"
    d, rest = divmod(s, 86400)
    return f"{d}d {rest // 3600}h" if rest >= 3600 else f"{d}d"


def clock_text(seconds: float) -> str:
    """A countdown reading ``m:ss`` (``h:mm:ss`` past an hour); negative values show overtime as ``+m:ss``."""
    sign = "+" if seconds < 0 else ""
    s = int(abs(seconds) + (0 if seconds < 0 else 0.999))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{sign}{h}:{m:02d}:{sec:02d}" if h else f"{sign}{m}:{sec:02d}"
