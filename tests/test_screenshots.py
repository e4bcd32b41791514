"""The committed screenshots are what the app shows now: regenerate them and compare, byte for byte."""

from __future__ import annotations

from pathlib import Path

from coach.screenshots import SHOTS, generate

COMMITTED = Path(__file__).resolve().parents[1] / "screenshots"


def test_committed_screenshots_are_current(tmp_path: Path) -> None:
    fresh = {p.name: p.read_text(encoding="utf-8") for p in generate(tmp_path)}
    assert set(fresh) == {f"{name}.svg" for name in SHOTS}
    stale = [name for name, svg in fresh.items()
             if not (COMMITTED / name).exists() or (COMMITTED / name).read_text(encoding="utf-8") != svg]
    assert not stale, f"stale screenshots {stale}: run `python -m coach.screenshots` and commit screenshots/"
