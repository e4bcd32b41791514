"""The deliberation countdown: remaining time as big ``m:ss``, a progress bar, and the overtime count.

The widget holds no time of its own: :meth:`Countdown.tick` asks ``spent()`` (total deliberation so far,
read from the app's injectable clock) and redraws. So the display is a pure function of the clock: no drift
when the interval timer runs late, and tests move a fake clock and call ``tick`` instead of sleeping.

Near the end the time turns the warning colour *and* gains a ⚠ glyph and bold; at zero it says
"time to decide" in reverse video, so the change still shows under NO_COLOR's greyscale.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, ProgressBar, Static

from coach.domain.timefmt import clock_text

NEAR_FRACTION = 0.2  # the last fifth of the budget is "nearly time"


def elapsed_text(seconds: float) -> str:
    """Time spent as ``m:ss``, rounded down: with the countdown's rounded-up remainder it adds up to the budget."""
    return clock_text(float(int(abs(seconds))))


def phase(remaining: float, budget: float) -> str:
    """``running``, ``near`` (last fifth of the budget) or ``over`` (at or past zero)."""
    if remaining <= 0:
        return "over"
    if remaining <= budget * NEAR_FRACTION:
        return "near"
    return "running"


class Countdown(Vertical):
    """Remaining budget as a live countdown; past zero it keeps counting as overtime (``+m:ss``)."""

    DEFAULT_CSS = """
    Countdown { height: auto; }
    Countdown #cd-row { height: 3; }
    Countdown #cd-glyph { width: 4; height: 3; content-align: left middle; text-style: bold; }
    Countdown Digits { width: auto; }
    Countdown #cd-status { width: 1fr; height: 3; content-align: left middle; padding-left: 2; }
    Countdown.-near Digits, Countdown.-near #cd-glyph, Countdown.-near #cd-status {
        color: $warning; text-style: bold;
    }
    Countdown.-over Digits, Countdown.-over #cd-glyph { color: $error; text-style: bold; }
    Countdown.-over #cd-status { color: $error; text-style: bold reverse; }
    Countdown.-over ProgressBar Bar > .bar--complete { color: $error; }
    """

    def __init__(self, budget: float, spent: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.budget = budget
        self._spent = spent
        self.remaining = budget - spent()

    def compose(self) -> ComposeResult:
        with Horizontal(id="cd-row"):
            yield Static(id="cd-glyph")
            yield Digits(id="cd-digits")
            yield Static(id="cd-status")
        yield ProgressBar(total=self.budget, show_eta=False, id="cd-bar")

    def on_mount(self) -> None:
        self.tick()

    @property
    def phase(self) -> str:
        return phase(self.remaining, self.budget)

    def tick(self) -> None:
        """Redraw from the clock: called every second by the screen, and by tests after moving the clock."""
        spent = self._spent()
        self.remaining = self.budget - spent
        now = self.phase
        glyph, status = {
            "running": ("⏳", "left"),
            "near": ("⚠", "left — nearly time"),
            "over": ("⏰", " TIME TO DECIDE "),
        }[now]
        digits = clock_text(self.remaining) if self.remaining != 0 else "0:00"  # past zero: "+m:ss"
        self.query_one("#cd-glyph", Static).update(glyph)
        self.query_one("#cd-digits", Digits).update(digits)
        self.query_one("#cd-status", Static).update(status)
        self.query_one("#cd-bar", ProgressBar).update(progress=min(spent, self.budget))
        self.set_class(now == "near", "-near")
        self.set_class(now == "over", "-over")
