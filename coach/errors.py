"""The one exception type the command line turns into a clean message and an exit code.

Everything a user can cause (a bad file, a bad config, a journal from the future) raises CoachError with
a message that names what is wrong; the CLI prints it without a traceback.
"""

from __future__ import annotations


class CoachError(Exception):
    """A user-facing failure: `str(err)` is the whole message, `exit_code` what the process returns."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class ConfigError(CoachError):
    """The config file is unreadable or holds a wrong value; the message names file and line or key."""


class JournalError(CoachError):
    """The journal cannot be opened or written safely (exit 3); the message says why and what to do."""

    def __init__(self, message: str, exit_code: int = 3) -> None:
        super().__init__(message, exit_code)


class ImportFileError(CoachError):
    """An import file has bad rows; the message lists each one by line and field."""
