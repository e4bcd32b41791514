"""Driving the app by keys, as a person would: shared by the screenshot script and the UI tests."""

from __future__ import annotations

from typing import Any

KEY_NAMES = {" ": "space", "+": "plus", "-": "minus", "%": "percent_sign", ".": "full_stop", ",": "comma",
             "'": "apostrophe", ":": "colon"}


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
