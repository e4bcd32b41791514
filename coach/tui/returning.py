"""Screens that read the journal again when they come back to the top of the stack."""

from __future__ import annotations


class ReadsAgainOnReturn:
    """Mixed into a Screen whose first showing is built in ``compose``: Textual sends ScreenResume for that
    first showing too, and reading the journal twice there would cost its start. From then on, every return
    (from a check-in, a decision, an outcome) calls ``on_return``, as the screen on top may have written."""

    _seen = False

    def on_screen_resume(self) -> None:
        if self._seen:
            self.on_return()
        self._seen = True

    def on_return(self) -> None:
        raise NotImplementedError
