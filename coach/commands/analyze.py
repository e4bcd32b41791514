"""``coach analyze FILE...``: the coach's judgement on check-in files, without touching the journal.

Reads the CSV import format and coach's JSON/TOML export (decisions in an export count as logged steps).
With ``--json``, one JSON object per file per line; a file that cannot be read gives ``{"file", "error"}``
on its line and the exit code is 2, but the other files are still analysed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.session import Session


def analyze_file(path: Path, session: Session, mood_map: dict[str, float] | None = None) -> dict[str, Any]:
    from coach.analytics import analyze
    from coach.config import analytics_params
    from coach.exchange.importers import load
    from coach.exchange.problems import bad_file
    from coach.insight import history_from_records

    parsed = load(path, None, mood_map=mood_map)
    if parsed.problems:
        raise bad_file(str(path), parsed.problems, importing=False)
    dims = parsed.dimension_names or [d.name for d in parsed.dimensions if not d.archived]
    history = history_from_records(dims, parsed.checkins, parsed.decisions)
    targets = {d.name: d.target for d in parsed.dimensions if d.target is not None}
    report = analyze(history, analytics_params(session.config), targets=targets or None)
    return {"file": str(path), **report.to_json()}


def run_analyze(session: Session, args: argparse.Namespace) -> int:
    from coach.exchange.daylio import parse_mood_map

    mood_map = parse_mood_map(args.mood_map)
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            result = analyze_file(path, session, mood_map)
        except CoachError as err:
            failed += 1
            if args.json:
                print(json.dumps({"file": name, "error": str(err)}, ensure_ascii=False), flush=True)
            else:
                print(f"coach: {err}", file=sys.stderr)
            continue
        if args.json:
            print(json.dumps(result, ensure_ascii=False, allow_nan=False))
        else:
            n = result["n_checkins"]
            print(f"{name}: {n} check-in{'' if n == 1 else 's'}, state {result['state'].upper()}")
            for line in result["summary"]:
                print(f"  {line}")
            for kind in ("ruts", "declines"):
                for alert in result[kind]:
                    end = alert["end"] or "ongoing"
                    print(f"  {kind[:-1]} {alert['start']} → {end}: {alert['summary']}")
    return 2 if failed else 0
