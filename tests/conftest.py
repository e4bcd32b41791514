"""Shared fixtures: every test gets its own temporary coach home; nothing touches the real user's files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.session import Session

FIXED_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private COACH_HOME per test; also guards against reading the developer's real config."""
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    return home


@pytest.fixture
def session(coach_home: Path) -> Session:
    return Session.load(coach_home)


class FakeClock:
    """A monotonic clock the test moves by hand, so no test sleeps through a countdown."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class FakeNow:
    """Wall-clock time for the app, moved together with a FakeClock."""

    def __init__(self, clock: FakeClock, start: datetime = FIXED_NOW) -> None:
        self.clock, self.start, self.t0 = clock, start, clock.t

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=self.clock.t - self.t0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake_now(clock: FakeClock) -> FakeNow:
    return FakeNow(clock)


@pytest.fixture
def make_app(session: Session, clock: FakeClock, fake_now: FakeNow) -> Iterator[Callable[..., object]]:
    """Build a CoachApp on the test's home with the fake clocks (Textual imported only by UI tests)."""
    from coach.tui.app import CoachApp

    def build(start: str = "home", **kwargs: object) -> CoachApp:
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("now", fake_now)
        return CoachApp(Session.load(session.paths.config_dir), start, **kwargs)  # type: ignore[arg-type]

    yield build


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blinking cursors make screenshots and snapshots differ run to run."""
    try:
        from textual.widgets import Input
    except ImportError:  # pragma: no cover - textual is a runtime dependency
        return
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)
