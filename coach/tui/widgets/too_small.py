"""The notice a screen shows instead of a broken layout when the terminal is too small."""

from __future__ import annotations

from textual.widgets import Static


class TooSmall(Static):
    """Hidden unless the screen carries the app's ``-too-narrow``/``-too-short`` breakpoint class."""

    def __init__(self) -> None:
        from coach.tui.app import MIN_HEIGHT, MIN_WIDTH

        super().__init__(
            f"Terminal too small\n\ncoach needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\nMake the window bigger.",
        )
