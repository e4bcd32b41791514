"""The notice a screen shows instead of a broken layout when the terminal is too small."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static


class TooSmall(Static):
    """Hidden unless the screen carries the app's ``-too-narrow``/``-too-short`` breakpoint class.

    Hiding the screen's content takes the focus away from it; the notice remembers which widget had the
    focus and gives it back when the terminal grows again, so a half-filled form carries on where it was.
    """

    def __init__(self) -> None:
        from coach.tui.app import MIN_HEIGHT, MIN_WIDTH

        super().__init__(
            f"Terminal too small\n\ncoach needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\nMake the window bigger.",
        )
        self._last_focus: Widget | None = None

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._remember, init=True)

    def _remember(self, focused: Widget | None) -> None:
        if focused is not None and not self.display:
            self._last_focus = focused

    def on_hide(self) -> None:
        widget = self._last_focus
        if widget is not None and widget.is_attached and self.screen.focused is None:
            self.call_after_refresh(self.screen.set_focus, widget)
