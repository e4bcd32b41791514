"""Form fields whose own keys act on them in the order typed, even in a burst that moves the focus.

Why: Textual resolves a widget's (non-priority) key binding only when the key has bubbled back up to the app,
and then against whichever widget has the focus *at that moment*. Keys typed in one burst (a fast typist,
a script, tmux) are all queued on the field that had the focus, and Tab is a priority binding (so that text
typed after it lands in the next field): it moves the focus before the field has read the keys before it.
Their bindings then acted on the next field: ``→ → Tab`` on an effect changed the next effect, and
``ctrl+u`` in the title deleted a line of the options typed after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.widget import Widget as _Mixin
else:
    _Mixin = object  # a plain mixin: Textual takes CSS and component classes from the first widget base only


class KeysInOrder(_Mixin):
    """Runs this widget's own bindings when it reads the key, on itself, whatever has the focus by then.

    The key then goes no further up, but the widget's own key handler still sees it (an input restarts its
    cursor's blink there); none of these widgets both binds a key and handles it itself.

    When one of its own bindings moved the focus (↓ on a picker), the keys already queued behind it were
    typed for the field that has it now: they are passed on there, in order, as Textual would have.
    """

    _passing_on = False  # an own binding moved the focus away: later keys belong to the focused field

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused  # (``has_focus`` follows only once the Blur event is handled)
        if self._passing_on and focused is not self:
            event.stop()
            event.prevent_default()
            if focused is not None:
                focused.post_message(events.Key(event.key, event.character))
            return
        self._passing_on = False
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                self._passing_on = focused is self and self.screen.focused is not self  # this key moved it
                return


class FieldInput(KeysInOrder, Input):
    """A one-line input for the forms. Coming back to it by Tab keeps what it holds: selected on focus (as
    Textual's is), the next key replaced a whole title."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
