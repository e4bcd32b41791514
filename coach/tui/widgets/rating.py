"""A 0–10 rating field for the check-in form: type a digit, nudge with arrows or h/l, skip with x.

Why a custom widget rather than an Input: a check-in should take seconds, so one keystroke sets a value
(no Enter, no selecting text), the bar shows the value at a glance, and "skipped" is a real state, not an
empty string. "10" is typed as ``1`` then ``0`` (a ``0`` right after a ``1`` makes 10), or ``t``.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.tui.widgets.fields import KeysInOrder

BAR_CELLS = 10


def format_value(value: float | None) -> str:
    """``6``, ``6.5`` or ``skip``: halves come from imported journals and are kept as they are."""
    if value is None or value != value:  # None or NaN (a skipped rating read from the arrays)
        return "skip"
    return f"{value:g}"


class RatingInput(KeysInOrder, Widget, can_focus=True):
    """One dimension's rating (or satisfaction); ``value`` is None when skipped."""

    COMPONENT_CLASSES = {"rating--filled", "rating--empty", "rating--label", "rating--was"}
    DEFAULT_CSS = """
    RatingInput {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    RatingInput:focus {
        background: $boost;
        text-style: bold;
    }
    RatingInput > .rating--filled { color: $primary; }
    RatingInput > .rating--empty { color: $foreground 30%; }
    RatingInput > .rating--label { color: $foreground; }
    RatingInput > .rating--was { color: $text-muted; }
    """
    # run by the field itself as it reads each key (KeysInOrder), so a burst "←←↓" nudges this field, not the next
    BINDINGS = [
        Binding("left,h", "nudge(-1)", "−1", key_display="←/h"),
        Binding("right,l", "nudge(1)", "+1", key_display="→/l"),
        Binding("x,backspace,delete", "skip", "Skip", key_display="x"),
        Binding("j", "app.focus_next", "Next", show=False),
        Binding("k", "app.focus_previous", "Previous", show=False),
    ]

    value: reactive[float | None] = reactive(None)

    class Changed(Message):
        """The rating changed (typed, nudged or skipped)."""

        def __init__(self, rating: RatingInput, value: float | None) -> None:
            super().__init__()
            self.rating, self.value = rating, value

        @property
        def control(self) -> RatingInput:
            return self.rating

    def __init__(self, label: str, value: float | None = None, *, was: float | None = None, compare: bool = True,
                 id: str | None = None, classes: str | None = None) -> None:
        """``was``: the value last time (None: skipped then); ``compare=False`` when there was no last time,
        so no "(last …)" is shown at all."""
        super().__init__(id=id, classes=classes)
        self.label = label
        self.was = was
        self.compare = compare
        self._last_digit: str | None = None
        self.set_reactive(RatingInput.value, value)

    def validate_value(self, value: float | None) -> float | None:
        return None if value is None else max(0.0, min(10.0, float(value)))

    def watch_value(self, value: float | None) -> None:
        self.post_message(self.Changed(self, value))

    # -- keys --------------------------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        """Digits and ``t`` set the value; any other key ends a ``1`` ``0`` pair (the bindings follow)."""
        key = event.key
        if key in "0123456789" and len(key) == 1:
            event.stop()
            event.prevent_default()
            if key == "0" and self._last_digit == "1" and self.value == 1:
                self.value = 10.0
                self._last_digit = None
            else:
                self.value = float(key)
                self._last_digit = key
        elif key == "t":
            event.stop()
            self.value = 10.0
            self._last_digit = None
        else:
            self._last_digit = None

    def action_nudge(self, step: int) -> None:
        """Raise or lower by one whole point (a half is rounded in the direction of the step)."""
        if self.value is None:
            self.value = self.was if self.was is not None else 5.0
            return
        v = self.value
        target = (v // 1 + 1) if step > 0 else (-(-v // 1) - 1)
        self.value = max(0.0, min(10.0, float(target)))

    def action_skip(self) -> None:
        self.value = None

    # -- drawing -----------------------------------------------------------------------------------------
    def render(self) -> Text:
        focused = self.has_focus
        pointer = "›" if focused else " "
        v = self.value
        filled = 0 if v is None else round(v)
        label_style = self.get_component_rich_style("rating--label", partial=True)
        filled_style = self.get_component_rich_style("rating--filled", partial=True)
        empty_style = self.get_component_rich_style("rating--empty", partial=True)
        was_style = self.get_component_rich_style("rating--was", partial=True)
        name = self.label if len(self.label) <= 14 else self.label[:13] + "…"
        parts: list[tuple[str, object] | str] = [f"{pointer} ", (f"{name:<15}", label_style)]
        if v is None:
            parts.append(("·" * BAR_CELLS, empty_style))
        else:
            parts.append(("█" * filled, filled_style))
            parts.append(("░" * (BAR_CELLS - filled), empty_style))
        parts.append(f" {format_value(v):>4}")
        if self.compare and (self.was is not None or v is not None):
            was = "—" if self.was is None else format_value(self.was)
            change = ""
            if self.was is not None and v is not None and v != self.was:
                change = f", {v - self.was:+g}".replace("-", "−")  # a real minus, as everywhere else
            parts.append((f"  (last {was}{change})", was_style))
        return Text.assemble(*parts)  # type: ignore[arg-type]

    def on_focus(self) -> None:
        self._last_digit = None
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
