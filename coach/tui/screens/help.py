"""``?``: every key the current screen answers to, read from its live bindings so it never goes stale."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coach.tui.widgets.too_small import TooSmall

NAVIGATION = (
    ("↑ ↓ ← → / h j k l", "move"),
    ("tab / shift+tab", "next / previous field"),
    ("enter", "choose, confirm"),
    ("escape", "go back"),
    ("ctrl+p", "command palette: every action by name"),
)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc")]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self._for = screen

    def compose(self) -> ComposeResult:
        keys: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        for active in self._for.active_bindings.values():
            binding = active.binding
            if not binding.description or (not binding.show and active.node is not self._for):
                continue
            # A tooltip marks a footer entry that stands for more than its binding ("↑↓ Dimension"): the help
            # gives its own key and the full wording instead. Other key displays ("1-9") stand as they are.
            shown = replace(binding, key_display=None) if binding.tooltip else binding
            keys.setdefault(binding.action, []).append(self.app.get_key_display(shown))
            labels.setdefault(binding.action, binding.tooltip or binding.description)
        rows = [f"[b]{', '.join(dict.fromkeys(keys[a])):>14}[/b]  {labels[a]}" for a in keys]
        title = getattr(self._for, "HELP_TITLE", None) or type(self._for).__name__.removesuffix("Screen")
        intro = getattr(self._for, "HELP", "")
        with VerticalScroll(id="help-box"):
            yield Static(f"[b]Keys: {title}[/b]", id="help-title")
            if intro:
                yield Static(intro, id="help-intro", classes="muted")
            yield Static("\n".join(rows), id="help-keys")
            yield Static("\n".join(f"[b]{k:>14}[/b]  {v}" for k, v in NAVIGATION), id="help-nav")
            yield Static("escape closes this help", classes="muted")
        yield TooSmall()
