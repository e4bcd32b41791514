"""Import and export: the journal as a versioned JSON/TOML document or a check-in CSV, and the importers
for those formats and for Daylio's CSV export.

Nothing here imports numpy or Textual, so ``coach import`` and ``coach export`` start as fast as the
interpreter. Modules:

* :mod:`coach.exchange.document` — the ``coach-journal`` document (the export contract) both ways;
* :mod:`coach.exchange.export` — journal → JSON / TOML / CSV text, and the atomic private file write;
* :mod:`coach.exchange.csvfile` — the check-in CSV (``date,<dimensions...>,satisfaction[,note]``);
* :mod:`coach.exchange.daylio` — Daylio's CSV export, moods mapped onto satisfaction;
* :mod:`coach.exchange.importers` — reading a file, telling its format, planning and applying an import.
"""
