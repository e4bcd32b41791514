"""Opening a coach installation: paths, config and journal together, as every command needs them."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from coach import config as config_mod
from coach.paths import Paths, private_dirs, resolve
from coach.store.backup import backup_if_due
from coach.store.journal import Journal


class Session(NamedTuple):
    paths: Paths
    config: config_mod.Config

    @classmethod
    def load(cls, home: str | Path | None = None) -> Session:
        paths = resolve(home)
        return cls(paths=paths, config=config_mod.load(paths.config))

    def open_journal(self, *, backup: bool = True) -> Journal:
        """Open the journal; a new one starts with the configured dimensions. Backs up once a day."""
        private_dirs(self.paths)
        journal = Journal.open(self.paths.journal)
        if not journal.dimensions(include_archived=True):
            journal.ensure_dimensions(self.config.dimensions)
        if backup:
            backup_if_due(journal.connection, self.paths.backups)
        return journal
