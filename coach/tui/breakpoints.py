"""The app's breakpoint classes, put on a screen before its widgets are first styled.

Textual adds a screen's breakpoint classes on its first Resize, after every widget has been styled once, and
a class change on the screen restyles and repaints the whole tree again (measured: several ms of the home
screen's first frame and of opening the review). Set in ``compose``, that Resize finds them already there.
"""

from __future__ import annotations

from textual.screen import Screen


def preset_breakpoints(screen: Screen[object]) -> None:
    """Give ``screen`` the breakpoint classes the terminal's current size calls for, without restyling."""
    app = screen.app
    width, height = app.size
    horizontal = (app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None
                  else screen.HORIZONTAL_BREAKPOINTS) or []
    vertical = (app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None
                else screen.VERTICAL_BREAKPOINTS) or []
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for name in (*screen._get_breakpoint_classes(width, horizontal),
                 *screen._get_breakpoint_classes(height, vertical)):
        classes[name] = True
    screen.update_classes(classes, update=False)
