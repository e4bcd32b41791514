"""The TOML config: everything has a default, so no file is needed.

Read with tomllib, written (``coach config init``) as a commented template. Every error names the file and
the line (syntax) or the key (a wrong value); the file itself is never rewritten by coach.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from coach.domain.models import RESERVED_MESSAGE, reserved_name
from coach.domain.timefmt import parse_duration
from coach.errors import ConfigError

if TYPE_CHECKING:
    from coach.analytics.params import Params

DEFAULT_DIMENSIONS = ("career", "health", "relationships", "learning", "play", "finances")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class BudgetScale(NamedTuple):
    """Deliberation budget: ``smallest`` at size 1 growing geometrically to ``largest`` at size 5.

    Budgets up to ``countdown_limit`` run as a live countdown; longer ones become "sleep on it" deadlines.
    """

    smallest: float = 60.0
    largest: float = 7 * 86400.0
    countdown_limit: float = 3600.0


class Config(NamedTuple):
    dimensions: tuple[str, ...] = DEFAULT_DIMENSIONS
    week_start: str = "monday"
    theme: str = "textual-dark"
    budget: BudgetScale = BudgetScale()
    analytics: Mapping[str, float] = MappingProxyType({})  # read-only: the default is shared
    source: Path | None = None

    @property
    def week_start_index(self) -> int:
        """0 = Monday, matching ``date.weekday()``."""
        return WEEKDAYS.index(self.week_start)


TEMPLATE = '''\
# coach configuration. Every setting is optional: delete a line to get its default back.

# The life dimensions a new journal starts with (rated 0-10 at each check-in).
# Dimensions added later (in the app or by import) are kept in the journal; changing this list
# never deletes history.
dimensions = [{dimensions}]

# First day of the week for the weekly review: monday ... sunday.
week_start = "{week_start}"

# Colour theme: any Textual theme name, e.g. "textual-dark", "textual-light", "nord", "gruvbox".
theme = "{theme}"

[budget]
# Deliberation budget for a decision: `smallest` at size 1, growing geometrically
# (the same factor per size step) to `largest` at size 5. Durations: 90s, 10m, 1h30m, 2d, 1w.
smallest = "{smallest}"
largest = "{largest}"
# Budgets up to this run as a live countdown; longer ones become a deadline ("sleep on it").
countdown_limit = "{countdown_limit}"

[analytics]
# Parameters of the rut detector and gradient estimate; the defaults are tuned, change with care.
# coach/analytics/README.md ("How the coach reads your history") says what each one means.
'''


def exact_duration(seconds: float) -> str:
    """A duration the config parser reads back to the same number of seconds, e.g. ``1h40m5s``."""
    rest, parts = round(seconds), []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


def template(config: Config | None = None, analytics_defaults: dict[str, float] | None = None) -> str:
    """The commented default config (``coach config init`` writes this), analytics defaults commented out."""
    c = config or Config()
    tuned = "".join(f"# {key} = {value!r}\n" for key, value in (analytics_defaults or {}).items())
    return TEMPLATE.format(
        dimensions=", ".join(f'"{d}"' for d in c.dimensions),
        week_start=c.week_start,
        theme=c.theme,
        smallest=exact_duration(c.budget.smallest),
        largest=exact_duration(c.budget.largest),
        countdown_limit=exact_duration(c.budget.countdown_limit),
    ) + tuned


def load(path: Path) -> Config:
    """Read ``path``; a missing file is the default config."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the config file: {err.strerror}") from None
    import tomllib  # only when there is a file: most runs have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: not UTF-8 text (byte {err.start})") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: {_syntax_message(str(err), raw)}") from None
    return from_mapping(data, source=path)


def _syntax_message(message: str, raw: bytes) -> str:
    """tomllib says "(at line 3, column 5)" or "(at end of document)"; lead with the line either way."""
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        return f"line {match[1]}, column {match[2]}: TOML syntax error: {message[:match.start()]}"
    if message.endswith("(at end of document)"):
        last = max(1, len(raw.rstrip(b"\n").split(b"\n")))
        return f"line {last} (end of file): TOML syntax error: {message.removesuffix(' (at end of document)')}"
    return f"TOML syntax error: {message}"


def analytics_params(config: Config) -> Params:
    """The analytics parameters from the [analytics] table (no numpy needed); a bad key is a config error."""
    from coach.analytics.params import Params

    try:
        return Params.from_mapping(config.analytics)
    except (ValueError, TypeError) as err:
        where = f"{config.source}: " if config.source else ""
        raise ConfigError(f"{where}[analytics]: {err}") from None


def _fail(source: Path | None, key: str, message: str) -> ConfigError:
    where = f"{source}: " if source else ""
    return ConfigError(f"{where}key '{key}': {message}")


def from_mapping(data: dict[str, Any], *, source: Path | None = None) -> Config:
    """Validate a parsed TOML table into a Config; errors name the key and what is wrong."""
    known = {"dimensions", "week_start", "theme", "budget", "analytics"}
    for key in data:
        if key not in known:
            raise _fail(source, key, f"unknown setting (known: {', '.join(sorted(known))})")
    dims = data.get("dimensions", list(DEFAULT_DIMENSIONS))
    if not isinstance(dims, list) or not dims or not all(isinstance(d, str) and d.strip() for d in dims):
        raise _fail(source, "dimensions", "must be a non-empty list of names, e.g. [\"career\", \"health\"]")
    names = [d.strip() for d in dims]
    if len({n.lower() for n in names}) != len(names):
        raise _fail(source, "dimensions", "names must be unique")
    for name in names:
        if reserved_name(name):
            raise _fail(source, "dimensions", f'"{name}" {RESERVED_MESSAGE}')
    week_start = data.get("week_start", "monday")
    if not isinstance(week_start, str) or week_start.lower() not in WEEKDAYS:
        raise _fail(source, "week_start", f"must be one of {', '.join(WEEKDAYS)}, not {week_start!r}")
    theme = data.get("theme", "textual-dark")
    if not isinstance(theme, str) or not theme:
        raise _fail(source, "theme", "must be a theme name such as \"textual-dark\"")
    budget = _budget(data.get("budget", {}), source)
    analytics = data.get("analytics", {})
    if not isinstance(analytics, dict):
        raise _fail(source, "analytics", "must be a table")
    for key, value in analytics.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(source, f"analytics.{key}", f"must be a number, not {value!r}")
    return Config(
        dimensions=tuple(names),
        week_start=week_start.lower(),
        theme=theme,
        budget=budget,
        analytics=MappingProxyType({k: float(v) for k, v in analytics.items()}),
        source=source,
    )


MAX_BUDGET = 366 * 86400.0


def _budget(table: Any, source: Path | None) -> BudgetScale:
    if not isinstance(table, dict):
        raise _fail(source, "budget", "must be a table")
    default = BudgetScale()
    values: dict[str, float] = {}
    for key in ("smallest", "largest", "countdown_limit"):
        raw = table.get(key, getattr(default, key))
        try:
            if isinstance(raw, bool):
                raise ValueError(f"{str(raw).lower()} is not a duration: use e.g. 90s, 10m, 1h30m, 2d or 1w")
            values[key] = float(raw) if isinstance(raw, int | float) else parse_duration(str(raw))
            if not values[key] > 0:  # NaN too
                raise ValueError(f"{raw!r} is not a positive duration")
            if values[key] > MAX_BUDGET:  # a deadline years away is no budget (and past 9999, no date at all)
                raise ValueError(f"{raw!r} is longer than a year (366d), the most a decision's budget can be")
        except ValueError as err:
            raise _fail(source, f"budget.{key}", str(err)) from None
    for key in table:
        if key not in values:
            raise _fail(source, f"budget.{key}", "unknown setting (known: smallest, largest, countdown_limit)")
    if values["largest"] < values["smallest"]:
        raise _fail(source, "budget.largest", "must not be smaller than budget.smallest")
    return BudgetScale(**values)


def to_mapping(config: Config) -> dict[str, Any]:
    """The effective config as a TOML-ready mapping (``coach config show``)."""
    return {
        "dimensions": list(config.dimensions),
        "week_start": config.week_start,
        "theme": config.theme,
        "budget": {
            "smallest": exact_duration(config.budget.smallest),
            "largest": exact_duration(config.budget.largest),
            "countdown_limit": exact_duration(config.budget.countdown_limit),
        },
        "analytics": dict(config.analytics),
    }
