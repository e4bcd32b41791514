"""``coach export`` and ``coach import``: the journal to and from JSON, TOML, CSV and Daylio files.

Both stay light (no numpy, no Textual) so they run about as fast as the interpreter. Every failure a file can
cause is an ImportFileError/CoachError naming the file, line and field: the CLI prints it and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.paths import private_dirs
from coach.session import Session
from coach.store.journal import Journal

if TYPE_CHECKING:
    from coach.exchange.importers import Plan
    from coach.exchange.problems import Parsed


def run_export(session: Session, args: argparse.Namespace) -> int:
    from coach.exchange.export import export_text, format_for, is_stream, write_private  # only what export needs

    fmt = format_for(args.output, args.format)
    with session.open_journal(backup=False) as journal:
        text = export_text(journal, fmt)
        counts = journal.counts()
    if not args.output or args.output == "-":
        # The export is a UTF-8 file format whatever the terminal's locale says, so write bytes.
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        return 0
    output = Path(args.output)
    write_private(output, text, keep_out=session.paths.data_dir)
    what = f"{_plural(counts['checkins'], 'check-in')}"
    if fmt != "csv":
        what += f", {_plural(counts['decisions'], 'decision')}, {_plural(counts['dimensions'], 'dimension')}"
    # into /dev/stdout the export itself is the output: the confirmation goes beside it, on standard error
    print(f"Exported {what} to {args.output} ({fmt.upper()}).", file=sys.stderr if is_stream(output) else sys.stdout)
    return 0


def run_import(session: Session, args: argparse.Namespace) -> int:
    from coach.exchange.daylio import parse_mood_map
    from coach.exchange.importers import Snapshot, import_parsed, load, make_plan
    from coach.exchange.problems import bad_file

    mood_map = parse_mood_map(args.mood_map)
    if mood_map and args.format not in (None, "daylio"):
        raise CoachError("--mood-map is for Daylio files only")
    parsed = load(Path(args.file), args.format, source=args.file, mood_map=mood_map)
    if parsed.problems and not args.skip_invalid:
        raise bad_file(parsed.source, parsed.problems)
    path = session.paths.journal
    if args.dry_run:
        if path.exists():
            with Journal.open(path, create=False) as journal:
                plan = make_plan(parsed, Snapshot.of(journal))
        else:
            plan = make_plan(parsed, Snapshot.fresh(() if parsed.is_document else session.config.dimensions))
        _say(_report(parsed, plan, dry_run=True))
        return 0
    if not path.exists() and parsed.is_document:
        # A coach export brings its own dimensions: restoring it into a new journal must not mix in the
        # configured defaults (with other ids), so that export → import → export is exact.
        private_dirs(session.paths)
        journal = Journal.open(path)
    else:
        journal = session.open_journal()
    with journal:
        plan = import_parsed(journal, parsed)
    _say(_report(parsed, plan, dry_run=False))
    return 0


def _say(text: str) -> None:
    """Print a report that may quote notes and cells; a non-UTF-8 terminal gets escapes, not a crash."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    print(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _report(parsed: Parsed, plan: Plan, *, dry_run: bool) -> str:
    """What was (or would be) added, what was already there, and every bad row that was skipped."""
    from coach.exchange.problems import count_rows

    added = [_plural(len(plan.checkins), "check-in")]
    if parsed.is_document:
        added.append(_plural(len(plan.decisions), "decision"))
    line = (f"Dry run, nothing written: {parsed.source} ({parsed.format}) would add " if dry_run
            else f"Imported {parsed.source} ({parsed.format}): added ") + ", ".join(added)
    if plan.new_dimensions:
        line += f"; new dimensions: {', '.join(plan.new_dimensions)}"
    lines = [line + "."]
    if plan.updated_dimensions:  # settings the journal lacked, taken from the document
        taken = [f"{d.name} ({'archived' if d.archived else 'active'}"
                 + (f", target {d.target:g})" if d.target is not None else ")") for d in plan.updated_dimensions]
        lines.append(f"{'Would take' if dry_run else 'Took'} dimension settings from the document: "
                     f"{', '.join(taken)}.")
    present = []
    if plan.present_checkins:
        present.append(_plural(plan.present_checkins, "check-in"))
    if plan.present_decisions:
        present.append(_plural(plan.present_decisions, "decision"))
    if present:
        lines.append(f"Already in the journal (left as they are): {', '.join(present)}.")
    if parsed.duplicates:
        lines.append(f"Repeated rows in the file, imported once: {parsed.duplicates}.")
    if parsed.problems:
        verb = "Would skip" if dry_run else "Skipped"
        lines.append(f"{verb} {_plural(count_rows(parsed.problems), 'bad row')}:")
        lines.extend(f"  {p}" for p in parsed.problems)
    return "\n".join(lines)
