"""Regenerate the SVG screenshots in ``screenshots/`` from the real app on the demo journal.

    python -m coach.screenshots [--out screenshots] [--only NAME ...]

Reproducible: the demo journal for a fixed seed and date, a fixed clock, UTC, and the analytics awaited
before each shot. ``tests/test_screenshots.py`` regenerates them into a temporary folder and fails when a
committed one is stale.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from coach.tui.scripting import new_decision

SEED = 7
TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 19, 30, tzinfo=UTC)
SIZE = (100, 32)
ROOT = Path(__file__).resolve().parents[1]


class _Clock:
    """The fixed monotonic clock the countdown reads; shots advance it by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


async def _settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def home(pilot: Any, clock: _Clock) -> None:
    del clock


async def help_screen(pilot: Any, clock: _Clock) -> None:
    await pilot.press("question_mark")


async def sizing(pilot: Any, clock: _Clock) -> None:
    await new_decision(pilot, "Which climbing shoes to buy", ["La Sportiva", "Scarpa", "Wait for sale"], 2)
    # unanswered factors stand for size 2: easy to undo (1), stakes 2, a short horizon (1)
    await pilot.press("f", "left", "down", "right", "left", "down", "left")


async def countdown(pilot: Any, clock: _Clock) -> None:
    await new_decision(pilot, "Saturday plan", ["Hike", "Climbing gym", "Board games"], 2)
    await pilot.press("enter")
    await pilot.pause()
    clock.t += 7 * 60 + 12
    pilot.app.screen.tick()


async def pending(pilot: Any, clock: _Clock) -> None:
    await new_decision(pilot, "Move to a flat nearer the climbing gym", ["Move", "Stay"], 5)
    await pilot.press("enter")
    await pilot.pause()
    clock.t += 25 * 60
    pilot.app.screen.tick()


async def outcome_review(pilot: Any, clock: _Clock) -> None:
    from coach.domain.models import Status
    from coach.tui.screens.outcome import OutcomeScreen

    app = pilot.app
    due = [d for d in app.journal.decisions(status=Status.DECIDED) if d.review_on and d.review_on <= app.now()]
    app.push_screen(OutcomeScreen(due[0]))
    await pilot.pause()
    await pilot.press("b", "y")


async def checkin(pilot: Any, clock: _Clock) -> None:
    await pilot.press("c")


async def review_rut(pilot: Any, clock: _Clock) -> None:
    from coach.domain.demo import PHASES, REFERENCE_DAYS

    await pilot.press("r")
    await _settle(pilot)
    span = (TODAY - (TODAY - timedelta(days=548))).days
    rut_mid = (PHASES["rut"][0] + PHASES["rut"][1]) * 0.5 * span / REFERENCE_DAYS
    weeks_back = int((span - rut_mid) // 7) - 3
    await pilot.press(*["left_square_bracket"] * weeks_back)


async def trajectory(pilot: Any, clock: _Clock) -> None:
    await pilot.press("t")
    await _settle(pilot)
    await pilot.press(*["h"] * 12)


async def path_view(pilot: Any, clock: _Clock) -> None:
    await pilot.press("t")
    await _settle(pilot)
    await pilot.press("p")


SHOTS: dict[str, Callable[[Any, _Clock], Awaitable[None]]] = {
    "home": home,
    "help": help_screen,
    "sizing": sizing,
    "countdown": countdown,
    "pending": pending,
    "outcome-review": outcome_review,
    "checkin": checkin,
    "review-rut": review_rut,
    "trajectory": trajectory,
    "path-view": path_view,
}


async def _shoot(name: str, home_dir: Path, out: Path) -> Path:
    from coach.session import Session
    from coach.tui.app import CoachApp

    clock = _Clock()
    start = clock.t

    def now() -> datetime:
        return NOW + timedelta(seconds=clock.t - start)

    app = CoachApp(Session.load(home_dir), clock=clock, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await SHOTS[name](pilot, clock)
        await _settle(pilot)
        svg = app.export_screenshot(title=f"coach — {name.replace('-', ' ')}")
    path = out / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def generate(out: Path, only: list[str] | None = None) -> list[Path]:
    """Write the screenshots into ``out``; each shot starts from a fresh copy of the demo journal."""
    from coach.commands.demo import make_demo_home

    saved = {key: os.environ.get(key) for key in ("TZ", "NO_COLOR")}
    os.environ["TZ"] = "UTC"
    os.environ.pop("NO_COLOR", None)
    time.tzset()
    out.mkdir(parents=True, exist_ok=True)
    template = make_demo_home(SEED, TODAY)
    written = []
    try:
        for name in only or list(SHOTS):
            home_dir = template.with_name(template.name + "-" + name)
            shutil.copytree(template, home_dir)
            try:
                written.append(asyncio.run(_shoot(name, home_dir, out)))
            finally:
                shutil.rmtree(home_dir, ignore_errors=True)
    finally:
        shutil.rmtree(template, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        time.tzset()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coach.screenshots", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only", nargs="*", choices=list(SHOTS))
    args = parser.parse_args(argv)
    for path in generate(args.out, args.only):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
