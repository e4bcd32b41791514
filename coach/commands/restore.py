"""``coach restore [FILE]``: list backups, or put one back in place of the journal."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.errors import CoachError
from coach.paths import private_dirs
from coach.session import Session
from coach.store.backup import PREFIX, SUFFIX, backups, restore


def run_restore(session: Session, args: argparse.Namespace) -> int:
    folder = session.paths.backups
    found = backups(folder)
    if args.backup is None:
        if not found:
            print(f"No backups yet in {folder} (coach writes one a day when it opens the journal).")
            return 0
        print(f"Backups in {folder} (newest last); restore one with `coach restore DATE`:")
        for path in found:
            print(f"  {path.name[len(PREFIX):-len(SUFFIX)]}  {path.stat().st_size:>10,} bytes")
        return 0
    chosen = Path(args.backup)
    if not chosen.exists():  # a date as listed, exactly: a loose match could pick a backup nobody meant
        matches = [p for p in found if p.name == f"{PREFIX}{args.backup}{SUFFIX}"]
        if not matches:
            raise CoachError(f"{args.backup}: no such backup (run `coach restore` to list them)")
        chosen = matches[0]
    private_dirs(session.paths)
    kept = restore(session.paths.journal, chosen)
    print(f"Restored {chosen.name}." + ("" if kept is None else f" The journal it replaced is kept as {kept}."))
    return 0
