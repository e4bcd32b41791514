"""Every scriptable command through a subprocess: output, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import stat
from datetime import UTC
from pathlib import Path

import pytest

from coach import __version__
from tests.clihelp import coach


def test_version_and_help(coach_home: Path) -> None:
    out = coach(coach_home, "--version")
    assert out.returncode == 0 and out.stdout.strip() == f"coach {__version__}"
    for cmd in ([], ["checkin"], ["checkin", "add"], ["status"], ["export"], ["import"], ["config"],
                ["analyze"], ["restore"], ["decide"], ["review"], ["trajectory"]):
        res = coach(coach_home, *cmd, "--help")
        assert res.returncode == 0 and "usage: coach" in res.stdout, cmd
    assert not coach_home.exists()  # --help and --version touch nothing


@pytest.mark.parametrize("args", [[], ["checkin"], ["trajectory"], ["--demo"]])
def test_the_app_without_a_terminal_says_so(coach_home: Path, args: list[str]) -> None:
    """From a script or a pipe the app has no keys to read: it used to spin at full CPU, writing escape
    codes into the pipe."""
    res = coach(coach_home, *args, input="", timeout=30)
    assert res.returncode == 2, res.stderr
    assert "the app needs a terminal" in res.stderr and "coach checkin add" in res.stderr
    assert "\x1b[" not in res.stdout and "Traceback" not in res.stderr


def test_checkin_add_then_status(coach_home: Path) -> None:
    res = coach(coach_home, "checkin", "add", "--rate", "career=6", "--rate", "Health=7.5", "-s", "7",
                "--note", "good week 🌱", "--at", "2026-11-23 20:15")
    assert res.returncode == 0, res.stderr
    assert "satisfaction 7" in res.stdout and "health 7.5" in res.stdout
    res = coach(coach_home, "checkin", "add", "--rate", "sleep=4", "-s", "6")
    assert res.returncode == 0 and "New dimension added: sleep" in res.stdout
    status = json.loads(coach(coach_home, "status", "--json").stdout)
    assert status["checkins"] == 2 and status["last_checkin"]["ratings"] == {"sleep": 4.0}
    text = coach(coach_home, "status").stdout
    assert "Last check-in" in text and "Open decisions: none" in text
    journal = coach_home / "data" / "journal.sqlite3"
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert stat.S_IMODE((coach_home / "data").stat().st_mode) == 0o700
    assert stat.S_IMODE(coach_home.stat().st_mode) == 0o700  # a new --home holds the config: private too


def test_checkin_add_never_dates_a_checkin_in_the_future(coach_home: Path) -> None:
    from datetime import datetime, timedelta

    current = datetime.now().astimezone()
    midnight = (current + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    if midnight - current < timedelta(minutes=15):
        pytest.skip("too close to midnight for a time later today beyond the clock tolerance")
    ahead = current + min(timedelta(hours=3), (midnight - current) / 2)  # later today, whatever the hour
    res = coach(coach_home, "checkin", "add", "-s", "5", "--at", f"{ahead:%Y-%m-%dT%H:%M:%S%z}")
    assert res.returncode == 2 and "is in the future" in res.stderr, res.stderr
    before = datetime.now().astimezone()
    assert coach(coach_home, "checkin", "add", "-s", "5", "--at", "today").returncode == 0
    last = json.loads(coach(coach_home, "status", "--json").stdout)["last_checkin"]["at"]
    moment = datetime.fromisoformat(last)
    assert moment <= datetime.now().astimezone()  # never ahead of the clock
    noon = before.replace(hour=12, minute=0, second=0, microsecond=0)
    assert moment == noon if before >= noon else moment >= before.replace(microsecond=0)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--rate", "career=eleven", "-s", "5"], "--rate career: 'eleven' is not a number"),
        (["--rate", "career=11", "-s", "5"], "outside 0-10"),
        (["--rate", "career", "-s", "5"], "use DIMENSION=N"),
        (["--rate", "career=5", "--rate", "Career=6", "-s", "5"], "--rate Career: given twice"),
        (["--rate", "Satisfaction=4", "-s", "5"], "--rate Satisfaction: is a check-in's own field"),
        (["--rate", "car\x1b[31mEER=4", "-s", "5"], "a dimension's name cannot hold control characters"),
        (["-s", "x"], "--satisfaction: 'x' is not a number"),
        (["-s", "5", "--at", "last tuesday"], "--at: 'last tuesday' is not a date"),
        (["-s", "5", "--at", "2030-01-01"], "--at: '2030-01-01' is after today: a check-in records a day already"),
    ],
)
def test_checkin_add_bad_input(coach_home: Path, args: list[str], needle: str) -> None:
    res = coach(coach_home, "checkin", "add", *args)
    assert res.returncode == 2 and needle in res.stderr and "Traceback" not in res.stderr
    if (coach_home / "data" / "journal.sqlite3").exists():
        status = json.loads(coach(coach_home, "status", "--json").stdout)
        assert status["checkins"] == 0


def test_an_empty_home_is_refused_not_taken_as_the_current_folder(tmp_path: Path) -> None:
    res = coach(tmp_path / "unused", "--home", "", "config", "path")  # e.g. --home "$UNSET_VARIABLE"
    assert res.returncode == 2 and "'' is not a usable file or folder name" in res.stderr


def test_config_commands(coach_home: Path) -> None:
    path = coach(coach_home, "config", "path").stdout.strip()
    assert path == str(coach_home / "config.toml")
    shown = coach(coach_home, "config", "show").stdout
    assert 'week_start = "monday"' in shown and "defaults" in shown
    assert coach(coach_home, "config", "init").returncode == 0
    assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600
    before = Path(path).read_text()
    again = coach(coach_home, "config", "init")
    assert again.returncode == 2 and "exists already" in again.stderr and Path(path).read_text() == before


def test_bad_config_is_reported_not_rewritten(coach_home: Path) -> None:
    coach_home.mkdir()
    cfg = coach_home / "config.toml"
    cfg.write_text('dimensions = ["a"]\nweek_start = "caturday"\n')
    for cmd in (["status"], ["checkin", "add", "-s", "5"], ["config", "show"]):
        res = coach(coach_home, *cmd)
        assert res.returncode == 2 and "key 'week_start'" in res.stderr and str(cfg) in res.stderr
        assert "Traceback" not in res.stderr
    assert cfg.read_text() == 'dimensions = ["a"]\nweek_start = "caturday"\n'


def test_corrupt_journal_is_reported_untouched(coach_home: Path) -> None:
    data = coach_home / "data"
    data.mkdir(parents=True)
    journal = data / "journal.sqlite3"
    journal.write_bytes(b"SQLite format 3\x00" + b"garbage" * 1000)
    before = journal.read_bytes()
    res = coach(coach_home, "status")
    assert res.returncode == 3 and "coach restore" in res.stderr and "Traceback" not in res.stderr
    assert journal.read_bytes() == before


def test_restore_lists_and_restores(coach_home: Path) -> None:
    coach(coach_home, "checkin", "add", "-s", "5", "--note", "first")
    listing = coach(coach_home, "restore").stdout
    assert "Backups in" in listing
    date = listing.strip().splitlines()[-1].split()[0]
    coach(coach_home, "checkin", "add", "-s", "6", "--note", "second")
    res = coach(coach_home, "restore", date)
    assert res.returncode == 0 and "Restored" in res.stdout
    # today's backup was taken when the journal was first opened, before any check-in
    assert json.loads(coach(coach_home, "status", "--json").stdout)["checkins"] == 0
    assert list((coach_home / "data").glob("journal.sqlite3.replaced-*"))
    assert coach(coach_home, "restore", "1999-01-01").returncode == 2


def _flat_csv(path: Path, weeks: int = 30) -> Path:
    rows = ["date,career,health,satisfaction"]
    for w in range(weeks):
        day = f"2025-{1 + w * 7 // 28:02d}-{1 + (w * 7) % 28:02d}"
        rows.append(f"{day},5,{5 + (w % 2) * 0.5},{4.5 + (w % 3) * 0.5}")
    path.write_text("\n".join(rows) + "\n")
    return path


def test_analyze_json_lines_and_bad_file(coach_home: Path, tmp_path: Path) -> None:
    good = _flat_csv(tmp_path / "flat.csv")
    res = coach(coach_home, "analyze", "--json", str(good), str(tmp_path / "missing.csv"))
    assert res.returncode == 2
    first, second = (json.loads(line) for line in res.stdout.splitlines())
    assert first["file"] == str(good) and first["n_checkins"] == 30
    assert {"state", "ruts", "declines", "gradient", "advice"} <= first.keys()
    assert set(first["gradient"]) == {"career", "health"}
    for alert in first["ruts"] + first["declines"]:
        assert alert["start"] <= (alert["end"] or "9999")
    assert second == {"file": str(tmp_path / "missing.csv"), "error": f"{tmp_path / 'missing.csv'}: no such file"}
    bad = tmp_path / "bad.csv"
    bad.write_text("date,satisfaction\n2025-01-01,5\n2025-01-08,11\n")
    res = coach(coach_home, "analyze", str(bad))
    assert res.returncode == 2 and "1 bad row; nothing was analysed (fix it first)" in res.stderr
    assert "--skip-invalid" not in res.stderr  # an import's remedy: analyze has no such option
    assert not coach_home.exists()  # analyze never touches the journal


def test_analyze_reads_daylio_with_its_own_moods(coach_home: Path, tmp_path: Path) -> None:
    """Its message named --mood-map, which analyze did not have."""
    daylio = tmp_path / "daylio.csv"
    daylio.write_text("full_date,date,weekday,time,mood,activities,note\n"
                      "2025-01-01,January 1,Wednesday,10:00,ecstatic,,\n")
    res = coach(coach_home, "analyze", str(daylio))
    assert res.returncode == 2 and "--mood-map ecstatic=N" in res.stderr and "imported" not in res.stderr
    res = coach(coach_home, "analyze", str(daylio), "--mood-map", "ecstatic=10")
    assert res.returncode == 0 and "1 check-in, state INSUFFICIENT" in res.stdout, res.stderr


def test_status_reports_the_coach(coach_home: Path) -> None:
    for w in range(12):
        coach(coach_home, "checkin", "add", "-s", str(4 + w % 2), "--rate", f"career={5 + w % 3}",
              "--at", f"2026-0{1 + w // 4}-{1 + 7 * (w % 4):02d}")
    data = json.loads(coach(coach_home, "status", "--json").stdout)
    assert data["coach"]["state"] in {"improving", "steady", "rut", "decline", "content", "insufficient"}
    assert "summary" in data["coach"]["advice"]
    text = coach(coach_home, "status").stdout
    assert "Coach:" in text and "Next step:" in text


def test_status_prints_no_control_characters_from_the_journal(coach_home: Path) -> None:
    """A title imported from a file could rewrite the terminal (escape sequences, a carriage return)."""
    from datetime import datetime

    from coach.domain.models import Decision
    from coach.session import Session

    with Session.load(coach_home).open_journal(backup=False) as journal:
        journal.add_decision(Decision(title="\x1b[2Jhello\rworld\x07", created_at=datetime.now(UTC),
                                      magnitude=2, budget_seconds=600))
    out = coach(coach_home, "status").stdout
    assert "?[2Jhello?world?" in out and not any(c in out for c in "\x1b\r\x07")
