"""Where coach keeps its data and config.

By default platformdirs' per-user folders for the app name ``coach``; ``--home DIR`` or ``COACH_HOME`` put
both under one folder, which is what every test and ``--demo`` use so they never touch a real journal.
Folders are created 0700 and files 0600 because the journal is a private diary.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "coach"
HOME_ENV = "COACH_HOME"


class Paths(NamedTuple):
    """The folders and files of one coach installation.

    A NamedTuple, like the other small records on the start-up path: building a dataclass costs ten times
    more at import, and every command and the first frame import these.
    """

    data_dir: Path
    config_dir: Path

    @property
    def journal(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def config(self) -> Path:
        return self.config_dir / "config.toml"


def resolve(home: str | os.PathLike[str] | None = None) -> Paths:
    """Pick the folders: an explicit home wins, then ``COACH_HOME``, then platformdirs."""
    chosen = home if home is not None else os.environ.get(HOME_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().resolve()
        return Paths(data_dir=root / "data", config_dir=root)
    import platformdirs

    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed, owner-only: nobody else may read a journal (parents it has
    to create, such as ``~/.local/share``, get the usual permissions)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def private_dirs(paths: Paths) -> None:
    """Coach's own folders, owner-only: the config folder (with ``--home``, the home itself, which holds the
    config) and the data folder."""
    private_dir(paths.config_dir)
    private_dir(paths.data_dir)


def private_file(path: Path) -> None:
    """Tighten an existing file to 0600."""
    if path.exists():
        path.chmod(0o600)
