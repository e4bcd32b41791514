"""The command palette (ctrl+p) offers the same actions as the keys, so nothing needs memorising."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("New decision", "new_decision", "Size a decision and get a deliberation budget (n)"),
    ("Check in", "checkin", "Rate each dimension and your satisfaction (c)"),
    ("Weekly review", "review", "This week's check-in, steps, outcomes and the coach's status (r)"),
    ("Trajectory", "trajectory", "Browse your check-ins over time with charts (t)"),
    ("Help", "help", "Every key of the current screen (?)"),
    ("Toggle light/dark theme", "toggle_theme", "Switch between the light and the dark theme"),
    ("Quit", "quit", "Leave coach (q)"),
)


class CoachCommands(Provider):
    async def discover(self) -> Hits:
        for title, action, help_text in ACTIONS:
            yield DiscoveryHit(title, self._runner(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in ACTIONS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(action), help=help_text)

    def _runner(self, action: str):
        async def run() -> None:
            await self.app.run_action(action)

        return run
