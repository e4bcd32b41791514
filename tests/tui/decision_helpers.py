"""Helpers shared by the decision-flow pilot tests: the rendered screen as text, and the journal via export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any


def screen_text(app: Any) -> str:
    """What the terminal shows right now, as plain text lines (the compositor's output, not widget state)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def export_journal() -> dict[str, Any]:
    """The journal as ``coach export`` writes it (JSON), read with this test's COACH_HOME."""
    done = subprocess.run([sys.executable, "-m", "coach", "export"], env=dict(os.environ),
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def exported_decisions() -> list[dict[str, Any]]:
    return export_journal()["decisions"]


KEY_NAMES = {" ": "space", "+": "plus", "-": "minus", "%": "percent_sign", ".": "full_stop", ",": "comma",
             "'": "apostrophe"}


async def type_text(pilot: Any, text: str) -> None:
    """Type text key by key (spaces and punctuation by their key names)."""
    await pilot.press(*[KEY_NAMES.get(ch, ch) for ch in text])


async def new_decision(pilot: Any, title: str, options: list[str], size: int) -> None:
    """From home: n, the title, the options (one per line), then the quick size; stops on the size step."""
    await pilot.press("n")
    await pilot.pause()
    await type_text(pilot, title)
    if options:
        await pilot.press("tab")
        for i, option in enumerate(options):
            if i:
                await pilot.press("enter")
            await type_text(pilot, option)
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press(str(size))
    await pilot.pause()


def flat_text(app: Any) -> str:
    """The screen's text with all whitespace (line wraps included) collapsed to single spaces."""
    return " ".join(screen_text(app).split())
