"""The journal: one SQLite file, every user action one transaction."""

from coach.store.journal import Journal

__all__ = ["Journal"]
