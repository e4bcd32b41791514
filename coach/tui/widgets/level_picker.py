"""A one-line picker for a level on a small scale: ``Reversibility  ◂ hard to undo ▸``.

Used for the sizing factors (1–5, or unanswered) and the expected effect per dimension (−3…+3). Keys:
←/→ (h/l) change the value, ↑/↓ (k/j) move to the previous/next field, 0 or backspace clears, and a click
on an arrow steps the value. The focused row gets a ▶ marker as well as a colour, for NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.tui.widgets.fields import KeysInOrder


def signed(value: int | None) -> str:
    """An effect as people read it: ``+2``, ``0``, ``−1`` (a real minus sign)."""
    if not value:
        return "0"
    return f"+{value}" if value > 0 else f"−{-value}"


class LevelPicker(KeysInOrder, Widget, can_focus=True):
    """A value from ``low``…``high`` (optionally None = unanswered), stepped with ←/→."""

    DEFAULT_CSS = """
    LevelPicker { height: 1; width: 1fr; }
    LevelPicker:focus { background: $accent 30%; text-style: bold; }
    """

    BINDINGS = [
        Binding("left,h", "step(-1)", "Less", show=False),
        Binding("right,l", "step(1)", "More", show=False),
        Binding("up,k", "app.focus_previous", "Previous field", show=False),
        Binding("down,j", "app.focus_next", "Next field", show=False),
        Binding("0,backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The value changed (by key or click)."""

        def __init__(self, picker: LevelPicker, value: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> LevelPicker:
            return self.picker

    def __init__(self, label: str, low: int, high: int, describe: Callable[[int | None], str], *,
                 value: int | None = None, optional: bool = True, label_width: int = 16,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.low, self.high = low, high
        self.describe = describe
        self.optional = optional
        self.label_width = label_width
        self.stands_for: int | None = None  # what an unanswered value counts as, if anything
        self.set_reactive(LevelPicker.value, value if value is not None or optional else (0 if low <= 0 else low))

    def render(self) -> str:
        marker = "▶ " if self.has_focus else "  "
        return f"{marker}{self.label[: self.label_width]:<{self.label_width}} ◂ {self.describe(self.value)} ▸"

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        """Step the value; below ``low`` an optional picker becomes unanswered, and back. An unanswered picker
        that stands for a level (``stands_for``) steps from that level: → on "— (as size 4)" gives 5, not 1."""
        if self.value is None:
            if self.stands_for is not None:
                self.value = min(self.high, max(self.low, self.stands_for + delta))
            elif delta > 0:
                self.value = self.low
            return
        target = self.value + delta
        if target < self.low:
            if self.optional:
                self.value = None
            return
        self.value = min(self.high, target)

    def action_clear(self) -> None:
        self.value = None if self.optional else (0 if self.low <= 0 <= self.high else self.low)

    def on_click(self, event: events.Click) -> None:
        left_arrow = 2 + self.label_width + 1
        if event.x <= left_arrow + 1:
            self.action_step(-1)
        else:
            right_arrow = len(self.render()) - 1
            if event.x >= right_arrow - 1:
                self.action_step(1)
