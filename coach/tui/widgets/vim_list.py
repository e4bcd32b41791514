"""An OptionList that also answers to vim keys (j/k, g/G), as the product promises everywhere."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

from coach.tui.widgets.fields import KeysInOrder


class VimOptionList(KeysInOrder, OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]
