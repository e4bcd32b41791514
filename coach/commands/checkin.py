"""``coach checkin add``: record a check-in from a script or a shell alias."""

from __future__ import annotations

import argparse

from coach.domain.models import RESERVED_MESSAGE, CheckIn, reserved_name
from coach.domain.timefmt import is_bare_date, not_lived_yet, now, parse_when, to_iso
from coach.errors import CoachError
from coach.session import Session


def parse_rating(text: str, what: str) -> float:
    """A 0–10 rating (halves allowed, as in imported files); the error names ``what``."""
    try:
        value = float(text)
    except ValueError:
        raise CoachError(f"{what}: {text!r} is not a number (use 0-10)") from None
    if not 0 <= value <= 10 or value != value:
        raise CoachError(f"{what}: {text!r} is outside 0-10")
    return value


def run_add(session: Session, args: argparse.Namespace) -> int:
    ratings: dict[str, float] = {}
    for item in args.rate:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CoachError(f"--rate {item!r}: use DIMENSION=N, e.g. --rate career=6")
        if reserved_name(name):
            raise CoachError(f"--rate {name.strip()}: {RESERVED_MESSAGE}")
        if not name.strip().isprintable():
            raise CoachError(f"--rate {name.strip()!r}: a dimension's name cannot hold control characters")
        if name.strip().lower() in {k.lower() for k in ratings}:
            raise CoachError(f"--rate {name.strip()}: given twice; rate each dimension once")
        ratings[name.strip()] = parse_rating(value, f"--rate {name.strip()}")
    satisfaction = parse_rating(args.satisfaction, "--satisfaction")
    moment = now()
    try:
        at = parse_when(args.at) if args.at else moment
    except ValueError as err:
        raise CoachError(f"--at: {err}") from None
    bare_date = bool(args.at) and is_bare_date(args.at)
    why = not_lived_yet(at, bare_date=bare_date, current=moment)
    if why:
        raise CoachError(f"--at: {args.at!r} {why}")
    if bare_date and at > moment:
        at = moment  # today's date in the morning: now, not noon (a check-in must not outrank later ones)
    with session.open_journal() as journal:
        known = {d.name.lower(): d.name for d in journal.dimensions(include_archived=True)}
        ratings = {known.get(k.lower(), k): v for k, v in ratings.items()}
        new = sorted(k for k in ratings if k.lower() not in known)
        checkin = journal.add_checkin(CheckIn(at=at, satisfaction=satisfaction, ratings=ratings, note=args.note))
    rated = ", ".join(f"{k} {v:g}" for k, v in checkin.ratings.items()) or "no dimensions"
    print(f"Checked in at {to_iso(checkin.at)}: satisfaction {satisfaction:g}; {rated}.")
    if new:
        print(f"New dimension{'s' if len(new) > 1 else ''} added: {', '.join(new)}.")
    return 0
