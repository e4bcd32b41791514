"""The command line. Imports stay light: the scriptable commands load neither Textual nor numpy unless they
need them (``status`` and ``analyze`` load numpy, the screens load Textual), which keeps ``coach checkin add``
about as fast as the interpreter itself.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coach import __version__
from coach.errors import CoachError

SCREENS = ("decide", "checkin", "review", "trajectory")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coach",
        description="A terminal decision coach: size a decision, time-box it, track your trajectory.",
        epilog="Run a command with --help for its options. With no command, coach opens the app.",
    )
    p.add_argument("--version", action="version", version=f"coach {__version__}")
    p.add_argument("--home", metavar="DIR", help="keep journal and config under DIR (or set COACH_HOME)")
    p.add_argument("--demo", action="store_true",
                   help="open the app on a generated sample journal in a temporary folder")
    p.add_argument("--seed", type=int, default=7, help="random seed for --demo (default 7)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("decide", help="open the app on a new decision")
    checkin = sub.add_parser("checkin", help="open the check-in form, or `checkin add` to record one")
    checkin_sub = checkin.add_subparsers(dest="checkin_command", metavar="ACTION")
    add = checkin_sub.add_parser("add", help="record a check-in without opening the app")
    add.add_argument("--rate", action="append", default=[], metavar="DIM=N",
                     help="a 0-10 rating for a dimension; repeat for each (skipped ones stay blank)")
    add.add_argument("--satisfaction", "-s", required=True, metavar="N", help="overall satisfaction, 0-10")
    add.add_argument("--note", default="", help="a free-text note")
    add.add_argument("--at", metavar="DATE", help="when (YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or ISO); default now")
    sub.add_parser("review", help="open the weekly review")
    sub.add_parser("trajectory", help="open the trajectory browser")

    status = sub.add_parser("status", help="a short summary: last check-in, open decisions, the coach's state")
    status.add_argument("--json", action="store_true", help="machine-readable output")

    export = sub.add_parser("export", help="write the whole journal (JSON by default) to stdout or a file")
    export.add_argument("--format", choices=("json", "csv", "toml"), default=None,
                        help="output format (default: from the -o extension, else json)")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    imp = sub.add_parser("import", help="import check-ins (CSV), a coach export (JSON/TOML) or a Daylio CSV")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=("csv", "json", "toml", "daylio"), default=None,
                     help="input format (default: from the extension; Daylio CSVs are recognised by header)")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.add_argument("--skip-invalid", action="store_true", help="import the good rows and list the bad ones")
    imp.add_argument("--mood-map", action="append", default=[], metavar="NAME=VALUE",
                     help="satisfaction (0-10) for a custom Daylio mood; repeat for each")

    analyze = sub.add_parser("analyze", help="analyse check-in files (CSV or JSON export) without the journal")
    analyze.add_argument("files", nargs="+", metavar="FILE")
    analyze.add_argument("--json", action="store_true", help="one JSON object per file, one per line")

    cfg = sub.add_parser("config", help="where the config is, what it says, or write a commented default")
    cfg_sub = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    cfg_sub.add_parser("path", help="print the config file's path")
    cfg_sub.add_parser("show", help="print the effective config (defaults included) as TOML")
    cfg_sub.add_parser("init", help="write a commented default config (never over an existing file)")

    restore = sub.add_parser("restore", help="list the journal's backups, or put one back")
    restore.add_argument("backup", nargs="?", metavar="FILE", help="a backup file (or its date) to restore")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except CoachError as err:
        print(f"coach: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _dispatch(args: argparse.Namespace) -> int:
    from coach.session import Session

    if args.demo:
        from coach.commands.demo import run_demo

        return run_demo(args)
    command = args.command
    if command is None or (command in SCREENS and not getattr(args, "checkin_command", None)):
        return run_tui(Session.load(args.home), command or "home")
    session = Session.load(args.home)
    if command == "checkin":
        from coach.commands.checkin import run_add

        return run_add(session, args)
    if command == "status":
        from coach.commands.status import run_status

        return run_status(session, args)
    if command == "export":
        from coach.commands.exchange import run_export

        return run_export(session, args)
    if command == "import":
        from coach.commands.exchange import run_import

        return run_import(session, args)
    if command == "analyze":
        from coach.commands.analyze import run_analyze

        return run_analyze(session, args)
    if command == "config":
        from coach.commands.config_cmd import run_config

        return run_config(session, args)
    if command == "restore":
        from coach.commands.restore import run_restore

        return run_restore(session, args)
    raise AssertionError(f"unhandled command {command}")


def run_tui(session: object, screen: str) -> int:
    """Open the app on ``screen``; Textual is imported only here."""
    from coach.tui.app import CoachApp

    app = CoachApp(session, start=screen)  # type: ignore[arg-type]
    app.run()
    return app.return_code or 0
