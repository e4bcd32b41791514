"""The demo generator, the demo home and the bulk generator.

The demo is what people see first, so these tests pin the story (growth, a flat rut below content, a
breakout after a big step, a decline), the variety of decisions the screens need, and the promise that
``--demo`` never touches the real journal.
"""

from __future__ import annotations

import argparse
import os
import stat
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach.commands import demo as demo_cmd
from coach.domain.bulk import bulk_history
from coach.domain.demo import DIMENSIONS, DemoData, generate, write_demo
from coach.domain.models import CheckIn, Result, Status
from coach.domain.sizing import budget_seconds
from coach.store.journal import Journal

TODAY = date(2026, 11, 26)
SEEDS = (7, 1, 2, 3, 11)
CONTENT_LEVEL = 7.5  # coach.analytics.params.Params.content_level


def _slope_per_month(points: list[CheckIn]) -> float:
    """Least-squares slope of satisfaction, in points per 30.44 days."""
    xs = [p.at.timestamp() / 86400 for p in points]
    ys = [p.satisfaction for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs) * 30.44


def _in(data: DemoData, phase: str) -> list[CheckIn]:
    lo, hi = data.phases[phase]
    return [c for c in data.checkins if lo <= c.at.date() < hi]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def test_same_seed_same_data_and_different_seed_different() -> None:
    assert generate(7, TODAY) == generate(7, TODAY)
    other = generate(8, TODAY)
    assert other != generate(7, TODAY)
    assert [c.satisfaction for c in other.checkins] != [c.satisfaction for c in generate(7, TODAY).checkins]


def test_default_today_is_the_real_today() -> None:
    data = generate(7)
    assert data.today == date.today()
    assert data.checkins[-1].at.date() < date.today()


@pytest.mark.parametrize("seed", SEEDS)
def test_spans_eighteen_months_of_irregular_weekly_checkins(seed: int) -> None:
    data = generate(seed, TODAY)
    assert data.start == date(2025, 5, 26)
    assert data.checkins[0].at.date() == data.start
    assert TODAY - timedelta(days=8) <= data.checkins[-1].at.date() < TODAY
    gaps = [(b.at.date() - a.at.date()).days for a, b in zip(data.checkins, data.checkins[1:], strict=False)]
    assert min(gaps) >= 5 and max(gaps) <= 14
    assert 60 <= len(data.checkins) <= 90
    assert min(gaps) <= 6 and max(gaps) >= 9  # irregular, not clockwork
    assert any(len(c.ratings) < len(DIMENSIONS) for c in data.checkins)  # some skipped dimensions
    assert sum(bool(c.note) for c in data.checkins) >= 10
    assert any(any(ord(ch) > 0x2000 for ch in c.note) for c in data.checkins)  # emoji in notes
    assert all(0 <= v <= 10 for c in data.checkins for v in [c.satisfaction, *c.ratings.values()])
    assert [d.name for d in data.dimensions] == list(DIMENSIONS)


@pytest.mark.parametrize("seed", SEEDS)
def test_story_phases(seed: int) -> None:
    data = generate(seed, TODAY)
    growth, rut, breakout, decline = (_in(data, p) for p in ("growth", "rut", "breakout", "decline"))
    assert _slope_per_month(growth) > 0.2
    growth_peak = max(c.satisfaction for c in growth)
    # The rut: flat, below content, below the growth peak, little movement, only small steps.
    assert len(rut) >= 12
    assert abs(_slope_per_month(rut)) < 0.25
    assert _mean([c.satisfaction for c in rut]) < min(growth_peak, CONTENT_LEVEL)
    lo, hi = data.phases["rut"]
    rut_steps = [d for d in data.decisions
                 if lo + timedelta(days=7) <= d.created_at.date() < hi and d.status is not Status.DROPPED]
    assert max(d.magnitude for d in rut_steps if d.created_at.date() < hi - timedelta(days=30)) <= 2
    # The breakout follows a big logged step taken at the end of the rut.
    big = [d for d in data.decisions if d.magnitude >= 4 and d.decided_at is not None
           and hi - timedelta(days=30) <= d.decided_at.date() <= hi + timedelta(days=14)]
    assert big
    assert _mean([c.satisfaction for c in breakout[-4:]]) > _mean([c.satisfaction for c in rut]) + 0.8
    # The decline: satisfaction and health fall over ~7 weeks.
    assert (decline[-1].at - decline[0].at).days >= 30
    assert _slope_per_month(decline) < -0.8
    health = [c.ratings["health"] for c in decline if "health" in c.ratings]
    assert _mean(health[-2:]) < _mean(health[:2]) - 1.5


@pytest.mark.parametrize("seed", SEEDS)
def test_decisions_cover_every_size_status_and_case(seed: int) -> None:
    data = generate(seed, TODAY)
    now = datetime.combine(TODAY, datetime.min.time()).astimezone()
    ds = data.decisions
    assert {d.magnitude for d in ds} == {1, 2, 3, 4, 5}
    assert {d.status for d in ds} == set(Status)
    sizes = [d.magnitude for d in ds]
    assert sizes.count(1) + sizes.count(2) > sizes.count(4) + sizes.count(5) * 2  # more small than big
    assert 2 <= len(ds) / 18 <= 4.5  # ~2-4 a month
    pending = [d for d in ds if d.status is Status.PENDING]
    assert any(d.deadline is not None and d.deadline < now for d in pending)  # overdue
    assert any(d.deadline is not None and now < d.deadline <= now + timedelta(days=3) for d in pending)
    assert sum(d.status is Status.DROPPED for d in ds) == 1
    decided = [d for d in ds if d.status is Status.DECIDED]
    assert any(d.review_on is not None and d.review_on <= now for d in decided)  # outcomes due
    assert any(d.review_on is not None and d.review_on > now for d in decided)
    reviewed = [d for d in ds if d.status is Status.REVIEWED]
    assert len(reviewed) > len(ds) / 2
    assert {d.outcome.result for d in reviewed if d.outcome} == set(Result)
    assert all(d.outcome is not None and d.outcome.reviewed_at is not None and d.outcome.reviewed_at < now
               for d in reviewed)
    assert any(d.outcome and d.outcome.again is False for d in reviewed)
    assert 1 <= sum(d.coach_picked for d in ds) <= 2
    assert all(d.magnitude == 1 for d in ds if d.coach_picked)
    assert any(d.over_budget > 1.5 and d.magnitude in (2, 3) for d in ds)  # overthinking on mid-size ones
    for d in ds:
        assert d.created_at < now and (d.decided_at is None or d.decided_at < now)
        m = float(d.sizing["magnitude"])  # type: ignore[arg-type]  # stored to 3 decimals
        assert abs(m - d.magnitude) <= 0.5 or d.magnitude >= 4  # one-way doors lasting years are at least 4
        # the documented scale, rounded for reading (m is stored to 3 decimals, so allow one rounding step)
        assert d.budget_seconds == pytest.approx(budget_seconds(m), rel=1e-2)
        assert all(-3 <= v <= 3 for v in d.effects.values()) and d.effects
        assert d.confidence is None or 0 <= d.confidence <= 1
        assert d.sizing and len(d.options) >= 2
        assert d.choice is None or d.choice in d.options


def test_write_demo_round_trips_through_the_journal(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        journal.ensure_dimensions(["career", "health"])  # as Session.open_journal would have
        data = write_demo(journal, 7, TODAY)
        assert journal.checkins() == data.checkins
        assert journal.decisions() == data.decisions
        dims = {d.name: d for d in journal.dimensions()}
        assert list(dims) == list(DIMENSIONS)
        assert dims["career"].target == 8.0


def _modes(root: Path) -> dict[str, int]:
    out = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        out[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return out


def test_demo_home_is_private_temporary_and_leaves_coach_home_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user_home = tmp_path / "user-coach-home"
    monkeypatch.setenv("COACH_HOME", str(user_home))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    home = demo_cmd.make_demo_home(7, TODAY)
    try:
        assert home.parent == scratch
        modes = _modes(home)
        assert modes["data/journal.sqlite3"] == 0o600
        for name, mode in modes.items():
            assert mode == (0o700 if (home / name).is_dir() else 0o600), name
        with Journal.open(home / "data" / "journal.sqlite3", create=False) as journal:
            assert journal.counts()["checkins"] == len(generate(7, TODAY).checkins)
        assert not user_home.exists()
    finally:
        import shutil

        shutil.rmtree(home)


def test_run_demo_opens_the_app_on_the_demo_home_and_removes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import coach.cli

    user_home = tmp_path / "user-coach-home"
    monkeypatch.setenv("COACH_HOME", str(user_home))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen: dict[str, object] = {}

    def fake_tui(session: object, screen: str) -> int:
        journal = session.paths.journal  # type: ignore[attr-defined]
        seen.update(journal=journal, exists=journal.exists(), screen=screen)
        return 0

    monkeypatch.setattr(coach.cli, "run_tui", fake_tui)
    assert demo_cmd.run_demo(argparse.Namespace(seed=3, command=None)) == 0
    journal = seen["journal"]
    assert isinstance(journal, Path) and seen["exists"] and seen["screen"] == "home"
    assert journal.is_relative_to(tmp_path)
    assert not journal.parent.parent.exists()  # removed afterwards
    out = capsys.readouterr().out
    assert str(journal.parent.parent) in out and out.count("\n") == 1
    assert not user_home.exists()


def test_run_demo_removes_the_home_even_when_the_app_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.cli

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def broken_tui(session: object, screen: str) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(coach.cli, "run_tui", broken_tui)
    with pytest.raises(RuntimeError):
        demo_cmd.run_demo(argparse.Namespace(seed=7, command=None))
    assert not any(tmp_path.glob("coach-demo-*"))


def test_bulk_history_sizes(tmp_path: Path) -> None:
    end = datetime(2026, 11, 26, 12, 0).astimezone()
    with Journal.open(tmp_path / "ten.sqlite3") as journal:
        counts = bulk_history(journal, end=end)
        assert journal.counts() == {"checkins": 3652, "decisions": 10_000, "dimensions": 8}
        assert counts["checkins"] == 3652
        first, last = journal.checkins()[0], journal.last_checkin()
        assert last is not None and 3651 <= (last.at - first.at).days <= 3653
        assert {d.status for d in journal.decisions()} == set(Status)
    with Journal.open(tmp_path / "many.sqlite3") as journal:
        bulk_history(journal, years=1, dims=3, decisions=50, checkins=5000, seed=1, end=end)
        assert journal.counts() == {"checkins": 5000, "decisions": 50, "dimensions": 3}
    with Journal.open(tmp_path / "again.sqlite3") as journal:
        bulk_history(journal, years=1, dims=3, decisions=50, checkins=5000, seed=1, end=end)
        again = journal.checkins()
    with Journal.open(tmp_path / "many.sqlite3") as journal:
        assert journal.checkins() == again


def test_demo_modules_stay_light() -> None:
    """The generators must not need numpy or Textual (``--demo`` starts fast)."""
    import subprocess
    import sys

    code = ("import sys, coach.domain.demo, coach.domain.bulk, coach.commands.demo; "
            "print(any(m.split('.')[0] in ('numpy', 'textual') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ}).stdout.strip()
    assert out == "False"


def test_demo_folder_is_removed_when_the_terminal_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGHUP (terminal closed) or SIGTERM mid-demo still deletes the temporary journal."""
    import argparse
    import os
    import signal

    import coach.cli
    from coach.commands import demo as demo_cmd

    made: list[Path] = []
    real = demo_cmd.make_demo_home
    monkeypatch.setattr(demo_cmd, "make_demo_home", lambda seed: made.append(real(seed)) or made[-1])
    monkeypatch.setattr(coach.cli, "run_tui", lambda session, screen: os.kill(os.getpid(), signal.SIGHUP))
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        with pytest.raises(SystemExit):
            demo_cmd.run_demo(argparse.Namespace(seed=3, command=None))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    assert made and not made[0].exists()
