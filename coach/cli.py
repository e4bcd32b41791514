"""The command line. Imports stay light: the scriptable commands load neither Textual nor numpy unless they
need them (``status`` and ``analyze`` load numpy, the screens load Textual), which keeps ``coach checkin add``
about as fast as the interpreter itself.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from coach import __version__
from coach.errors import CoachError

SCREENS = ("decide", "checkin", "review", "trajectory")


def _path(text: str) -> str:
    """A file or folder name as typed; NUL cannot be in one, so it is refused here rather than deep inside,
    and an empty one (an unset shell variable) would silently mean the current folder."""
    if "\x00" in text or not text.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not a usable file or folder name")
    return text


def _checkin(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="checkin_command", metavar="ACTION")
    add = actions.add_parser("add", help="record a check-in without opening the app")
    add.add_argument("--rate", action="append", default=[], metavar="DIM=N",
                     help="a 0-10 rating for a dimension; repeat for each (skipped ones stay blank)")
    add.add_argument("--satisfaction", "-s", required=True, metavar="N", help="overall satisfaction, 0-10")
    add.add_argument("--note", default="", help="a free-text note")
    add.add_argument("--at", metavar="DATE", help="when (YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or ISO); default now")


def _status(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("json", "csv", "toml"), default=None,
                   help="output format (default: from the -o extension, else json)")
    p.add_argument("-o", "--output", metavar="FILE", type=_path, help="write here instead of stdout")


def _import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", type=_path)
    p.add_argument("--format", choices=("csv", "json", "toml", "daylio"), default=None,
                   help="input format (default: from the extension; Daylio CSVs are recognised by header)")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.add_argument("--skip-invalid", action="store_true", help="import the good rows and list the bad ones")
    _mood_map(p)


def _analyze(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", type=_path)
    p.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    _mood_map(p)


def _mood_map(p: argparse.ArgumentParser) -> None:
    p.add_argument("--mood-map", action="append", default=[], metavar="NAME=VALUE",
                   help="satisfaction (0-10) for a custom Daylio mood; repeat for each")


def _config(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    actions.add_parser("path", help="print the config file's path")
    actions.add_parser("show", help="print the effective config (defaults included) as TOML")
    actions.add_parser("init", help="write a commented default config (never over an existing file)")


def _restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("backup", nargs="?", metavar="FILE", type=_path, help="a backup file (or its date) to restore")


def _no_arguments(p: argparse.ArgumentParser) -> None:
    del p


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "decide": ("open the app on a new decision", _no_arguments),
    "checkin": ("open the check-in form, or `checkin add` to record one", _checkin),
    "review": ("open the weekly review", _no_arguments),
    "trajectory": ("open the trajectory browser", _no_arguments),
    "status": ("a short summary: last check-in, open decisions, the coach's state", _status),
    "export": ("write the whole journal (JSON by default) to stdout or a file", _export),
    "import": ("import check-ins (CSV), a coach export (JSON/TOML) or a Daylio CSV", _import),
    "analyze": ("analyse check-in files (CSV or JSON export) without the journal", _analyze),
    "config": ("where the config is, what it says, or write a commented default", _config),
    "restore": ("list the journal's backups, or put one back", _restore),
}


# command -> (module in coach.commands, function taking (session, args))
HANDLERS: dict[str, tuple[str, str]] = {
    "checkin": ("checkin", "run_add"),
    "status": ("status", "run_status"),
    "export": ("exchange", "run_export"),
    "import": ("exchange", "run_import"),
    "analyze": ("analyze", "run_analyze"),
    "config": ("config_cmd", "run_config"),
    "restore": ("restore", "run_restore"),
}


def _wanted(argv: Sequence[str]) -> str | None:
    """The command named on the line, so only its arguments are built (argparse set-up costs start-up time)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in ("--home", "--seed"):
            skip = True
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coach",
        allow_abbrev=False,  # `--ho DIR` would be --home for argparse, but not for _wanted above
        description="A terminal decision coach: size a decision, time-box it, track your trajectory.",
        epilog="Run a command with --help for its options. With no command, coach opens the app.",
    )
    p.add_argument("--version", action="version", version=f"coach {__version__}")
    p.add_argument("--home", metavar="DIR", type=_path, help="keep journal and config under DIR (or set COACH_HOME)")
    p.add_argument("--demo", action="store_true",
                   help="open the app on a generated sample journal in a temporary folder")
    p.add_argument("--seed", type=int, default=7, help="random seed for --demo (default 7)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    wanted = _wanted(argv)
    for name, (help_text, build) in COMMANDS.items():
        if name == wanted:
            build(sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + "."))
        else:  # listed in the help; a bare stand-in is enough since it is not the one being parsed
            sub.add_parser(name, help=help_text, add_help=False)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = _parser(words).parse_args(words)
    try:
        return _dispatch(args)
    except CoachError as err:
        print(f"coach: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"coach: {where}{err.strerror or err}; nothing was changed.", file=sys.stderr)
        return 3
    except Exception as err:
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(err, sqlite3.Error):
            raise
        from coach.paths import resolve
        from coach.store.journal import trouble

        print(f"coach: {trouble(err, resolve(args.home).journal)}", file=sys.stderr)
        return 3


def _dispatch(args: argparse.Namespace) -> int:
    from coach.session import Session

    if args.demo:
        from coach.commands.demo import run_demo

        return run_demo(args)
    command = args.command
    if command is None or (command in SCREENS and not getattr(args, "checkin_command", None)):
        return run_tui(Session.load(args.home), command or "home")
    module, function = HANDLERS[command]
    handler = getattr(import_module(f"coach.commands.{module}"), function)  # each command loads only its own
    return handler(Session.load(args.home), args)


def run_tui(session: object, screen: str) -> int:
    """Open the app on ``screen``; Textual is imported only here.

    Without a terminal on both ends (a script, a pipe, cron) the app would have nothing to read keys from
    and would spin: the person gets the commands meant for scripts instead. Textual draws on standard
    error, so that is the end checked (`coach > file` still runs the app on the terminal)."""
    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        raise CoachError("the app needs a terminal, and standard input or error is not one here; in a "
                         "script use the commands: `coach checkin add`, `coach status`, `coach export` "
                         "(see `coach --help`)")
    from coach.tui.app import CoachApp

    app = CoachApp(session, start=screen)  # type: ignore[arg-type]
    app.run()
    return app.return_code or 0
