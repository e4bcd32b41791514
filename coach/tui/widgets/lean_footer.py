"""The key bar at the bottom of a screen, drawn by one widget instead of one widget per key.

Why: Textual's ``Footer`` is a container with a ``FooterKey`` widget per binding, and it removes and
re-mounts all of them each time the screen says "bindings updated" (a screen says so several times while
it opens: on resume, when the focus lands, after the first refresh). Profiled on the weekly review with a
10-year journal, the footer was the largest single cost of opening the screen (~55 ms of ~320 ms even
after its rebuilds were deduplicated): a dozen widgets to style, lay out and composite, each several
times. This widget keeps the same look (the same theme variables and component classes as ``Footer`` and
``FooterKey``, the palette key on the right), the same behaviour (a click presses the key, a disabled key
is dimmed and rings the bell, hover highlights, tooltips) and only repaints itself when the keys change.
Not supported: binding groups (each binding is shown on its own) and scrolling an overflowing bar with
the mouse wheel. When the keys do not fit, whole keys are left out from the end rather than one cut in
the middle, and the help key always stays: it lists every key of the screen.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.screen import Screen
from textual.widget import Widget

HELP_ACTIONS = frozenset({"help", "app.help"})  # the key that lists all the others: never left out


class _Key(NamedTuple):  # a NamedTuple like the other records on the start-up path (cheap to build at import)
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    action: str


class LeanFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "lean-footer--item",
        "lean-footer--hover",
        "lean-footer--palette-border",
    }
    # the values of Footer's and FooterKey's DEFAULT_CSS (Textual 8.2), so the bar looks the same
    DEFAULT_CSS = """
    LeanFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    LeanFooter > .lean-footer--item {
        background: $footer-item-background;
    }
    LeanFooter > .lean-footer--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    LeanFooter > .footer-key--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    LeanFooter > .footer-key--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    LeanFooter > .lean-footer--palette-border {
        color: $foreground 20%;
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.show_command_palette = show_command_palette
        self._keys: tuple[_Key, ...] = ()
        self._palette: _Key | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # x ranges of the keys as last drawn
        self._hover: _Key | None = None

    # -- which keys ----------------------------------------------------------------------------------------
    def _collect(self) -> tuple[tuple[_Key, ...], _Key | None]:
        """The keys Footer would show: the first shown binding of each action, in binding order."""
        app = self.app
        active = self.screen.active_bindings
        seen: dict[str, _Key] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = self._key(binding, enabled, tooltip)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = self._key(binding, enabled, binding.tooltip or binding.description)
        return tuple(seen.values()), palette

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> _Key:
        return _Key(binding.key, self.app.get_key_display(binding), binding.description, enabled, tooltip,
                    binding.action)

    def _update_keys(self, *_: object) -> None:
        keys, palette = self._collect()
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def on_mount(self) -> None:
        self._keys, self._palette = self._collect()
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self._update_keys()

    # -- drawing -------------------------------------------------------------------------------------------
    @staticmethod
    def _style(fg: Color | None, bg: Color, *, bold: bool = False, dim: bool = False) -> Style:
        return Style(color=None if fg is None else (bg + fg).rich_color, bgcolor=bg.rich_color,
                     bold=bold or None, dim=dim or None)

    def _draw_key(self, k: _Key, base: Color, palette: bool = False) -> Text:
        """One key as FooterKey draws it: `` key description `` (the palette key: ``▏key description ``,
        compact, as Footer leaves it)."""
        component = self.get_component_styles
        item = component("lean-footer--hover" if k == self._hover else "lean-footer--item")
        key_part, description_part = component("footer-key--key"), component("footer-key--description")
        bg = base + item.background
        key_bg, description_bg = bg + key_part.background, bg + description_part.background
        dim = not k.enabled
        text = Text()
        key_pad = "" if palette else " "
        if palette:
            border = component("lean-footer--palette-border")
            text.append("▏", self._style(border.color, bg, dim=dim))
        if k.description:
            text.append(f"{key_pad}{k.display}{key_pad}", self._style(key_part.color, key_bg, bold=True, dim=dim))
            description = f" {k.description}" if palette else f"{k.description} "
            text.append(description, self._style(description_part.color, description_bg, dim=dim))
        else:
            text.append(k.display, self._style(key_part.color, key_bg, bold=True, dim=dim))
        if palette:
            text.append(" ", self._style(None, bg, dim=dim))
        return text

    def render(self) -> Text:
        width = self.size.width
        _, base = self.background_colors
        right = self._draw_key(self._palette, base, palette=True) if self._palette is not None else Text()
        room = max(0, width - right.cell_len)
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, _Key]] = []
        for k, part in self._fitting([(k, self._draw_key(k, base)) for k in self._keys], room):
            spans.append((line.cell_len, line.cell_len + part.cell_len, k))
            line.append_text(part)
        if line.cell_len < room:  # the bar's own background between the keys and the palette key
            line.append(" " * (room - line.cell_len), self._style(None, base))
        if self._palette is not None and right.cell_len <= width:
            spans.append((room, width, self._palette))
            line.append_text(right)
        self._spans = spans
        return line

    @staticmethod
    def _fitting(parts: list[tuple[_Key, Text]], room: int) -> list[tuple[_Key, Text]]:
        """The keys that fit in ``room`` cells, in order: all if they fit, else the help key and, before it,
        every other key that still fits (a long one left out may leave room for a shorter one after it)."""
        if sum(part.cell_len for _, part in parts) <= room:
            return parts
        helps = [(k, part) for k, part in parts if k.action in HELP_ACTIONS]
        left = room - sum(part.cell_len for _, part in helps)
        if left < 0:
            return []
        kept = []
        for k, part in parts:
            if k.action in HELP_ACTIONS:
                kept.append((k, part))
            elif part.cell_len <= left:
                kept.append((k, part))
                left -= part.cell_len
        return kept

    # -- mouse ---------------------------------------------------------------------------------------------
    def _at(self, x: int) -> _Key | None:
        return next((k for a, b, k in self._spans if a <= x < b), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
