"""The coach app: screens, global keys, the command palette, themes and the "terminal too small" notice.

Screens are imported inside the actions that open them, so the first frame pays only for Textual and the
home screen. The analytics (numpy) load in a thread after the first frame; screens that need them ask
``app.analysis`` and are told when it is ready through :class:`AnalysisReady`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, InvalidThemeError, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen

from coach.domain import timefmt
from coach.session import Session
from coach.tui.commands import CoachCommands

if TYPE_CHECKING:
    from coach.store.journal import Journal

MIN_WIDTH, MIN_HEIGHT = 60, 20
NAVIGATION = frozenset({"new_decision", "checkin", "review", "trajectory", "leave"})
# Only these screens answer n/c/r/t/q: in the middle of a form or a countdown the same letters would stack a
# second task on top of the first, or quit and lose the form (Esc leads back; ctrl+q still quits).
BROWSING_SCREENS = frozenset({"HomeScreen", "ReviewScreen", "TrajectoryScreen"})
VIEWS = frozenset({"ReviewScreen", "TrajectoryScreen"})  # opened over home, in place of each other


class AnalysisReady(Message):
    """Posted to the active screen when the analytics finished (or were refreshed after a write)."""


class CoachApp(App[int]):
    TITLE = "coach"
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses (tests, benches) live elsewhere
    COMMANDS = App.COMMANDS | {CoachCommands}
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-wide-enough")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall-enough")]
    BINDINGS = [
        Binding("n", "new_decision", "New decision", id="coach.new"),
        Binding("c", "checkin", "Check in", id="coach.checkin"),
        Binding("r", "review", "Review", id="coach.review"),
        Binding("t", "trajectory", "Trajectory", id="coach.trajectory"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="coach.help"),
        Binding("q", "leave", "Quit", id="coach.quit"),
        # Priority, so focus moves before the next key is delivered: typed fast (or pasted), text after a
        # Tab lands in the next field, not the one being left.
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self,
        session: Session,
        start: str = "home",
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = timefmt.now,
        journal: Journal | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.start = start
        self.clock = clock
        self.now = now
        self.journal = journal if journal is not None else session.open_journal()
        self.analysis: Any = None  # coach.insight.Insight once loaded
        self.analysis_error: str | None = None
        try:
            self.theme = session.config.theme
        except InvalidThemeError:
            self.notify(f"Unknown theme {session.config.theme!r} in the config; using the default.",
                        severity="warning")

    # -- start-up ----------------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        from coach.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        opener = {
            "decide": self.action_new_decision,
            "checkin": self.action_checkin,
            "review": self.action_review,
            "trajectory": self.action_trajectory,
        }.get(self.start)
        if opener is not None:
            opener()
        self.call_after_refresh(self.warm_up)

    def warm_up(self) -> None:
        """Load numpy and the analytics off the UI thread, after the first frame is on screen."""
        self.refresh_analysis()

    @work(thread=True, exclusive=True, group="analytics", exit_on_error=False)
    def refresh_analysis(self) -> None:
        """(Re)compute the coach's view of the journal; called after start-up and after every write."""
        from coach.judgement import refresh
        from coach.store.journal import Journal

        try:
            journal = Journal.open(self.journal.path)  # sqlite connections are per thread
            try:
                # keeps the report for `coach status` too, so it need not recompute what the app just did
                insight, _ = refresh(journal, self.session.config)
            finally:
                journal.close()
        except Exception as err:  # shown on the screens that need it; the app stays usable
            self.call_from_thread(self._analysis_failed, f"{type(err).__name__}: {err}")
            return
        self.call_from_thread(self._analysis_loaded, insight)

    def _analysis_loaded(self, insight: Any) -> None:
        self.analysis, self.analysis_error = insight, None
        self._tell_screens()

    def _analysis_failed(self, message: str) -> None:
        self.analysis_error = message
        self._tell_screens()

    def _tell_screens(self) -> None:
        """Every screen on the stack hears of it, so one under a modal is current when it comes back."""
        for screen in self.screen_stack:
            screen.post_message(AnalysisReady())

    def journal_changed(self) -> None:
        """Every screen that writes calls this, so the analytics and the home screen catch up."""
        self.refresh_analysis()

    # -- actions -----------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in NAVIGATION:
            return True
        # the screen a modal (help, a confirmation) sits on decides: help lists the keys of what it covers
        return type(self._base_screen()).__name__ in BROWSING_SCREENS

    def action_new_decision(self) -> None:
        from coach.tui.screens.decision import NewDecisionScreen

        self.push_screen(NewDecisionScreen())

    def action_checkin(self) -> None:
        from coach.tui.screens.checkin import CheckInScreen

        self.push_screen(CheckInScreen())

    def action_review(self) -> None:
        from coach.tui.screens.review import ReviewScreen

        self._open_view(ReviewScreen)

    def action_trajectory(self) -> None:
        from coach.tui.screens.trajectory import TrajectoryScreen

        self._open_view(TrajectoryScreen)

    def _open_view(self, view: type[Screen[None]]) -> None:
        """The review and the trajectory sit beside each other over home, not on top of each other: from one,
        the other replaces it (so Esc always leads home), and the one on show stays as it is. Stacked, ``r t r
        t`` took four Escapes to get home, and an old week's review came back from under a new one."""
        base = self._base_screen()
        if type(base).__name__ in VIEWS:
            while self.screen is not base:  # a modal over the view (help, a question) goes with it
                self.pop_screen()
            if not isinstance(base, view):
                self.switch_screen(view())
        else:
            self.push_screen(view())

    def _base_screen(self) -> Screen[Any]:
        """The screen a modal (help, a confirmation, the palette) sits on, or the screen itself."""
        return next((s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen)), self.screen)

    def action_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_leave(self) -> None:
        """`q`: quit from the browsing screens (ctrl+q, Textual's own quit, works everywhere)."""
        self.exit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, less those coach has under its own name (Quit; Keys, which ``?`` shows
        better) and Maximize, which no coach screen needs: the palette lists each thing once."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys", "Maximize", "Minimize"):
                yield command

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def on_unmount(self) -> None:
        self.journal.close()
