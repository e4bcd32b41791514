"""Journal → JSON, TOML or CSV text, and the private, atomic file write used by ``coach export -o``.

JSON and TOML carry the full ``coach-journal`` document (see :mod:`coach.exchange.document`); CSV carries
the check-ins only, in exactly the format the CSV importer reads, with the full timestamp in ``date``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.domain.models import CheckIn, Dimension, reserved_name
from coach.domain.timefmt import to_iso
from coach.errors import CoachError
from coach.exchange.csvfile import DATE, NOTE, RESERVED, SATISFACTION, format_number
from coach.exchange.document import build_document, without_nulls
from coach.store.journal import Journal

EXPORT_FORMATS = ("json", "csv", "toml")


def journal_document(journal: Journal, *, exported_at: datetime | None = None) -> dict[str, Any]:
    """The whole journal as the version-1 document."""
    return build_document(journal.dimensions(include_archived=True), journal.checkins(), journal.decisions(),
                          exported_at=exported_at)


def to_json(document: dict[str, Any]) -> str:
    """UTF-8 as is (notes stay readable), one record per line, newline-terminated.

    Why not ``indent=2``: indenting makes Python fall back to its pure-Python encoder, ten times slower on a
    ten-year journal; a record per line is as easy to read and to diff, and is still one JSON document.
    """
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
    try:
        lines = ["{"]
        keys = list(document)
        for k, key in enumerate(keys):
            value = document[key]
            comma = "," if k < len(keys) - 1 else ""
            if isinstance(value, list) and value:
                lines.append(f"  {encode(key)}: [")
                lines.extend(f"    {encode(item)}," for item in value[:-1])
                lines.append(f"    {encode(value[-1])}")
                lines.append(f"  ]{comma}")
            else:
                lines.append(f"  {encode(key)}: {encode(value)}{comma}")
        lines.append("}")
        return "\n".join(lines) + "\n"
    except ValueError as err:  # a non-finite number: JSON cannot hold it
        raise CoachError(f"cannot export as JSON: {err}") from None


def to_toml(document: dict[str, Any]) -> str:
    """The same document as TOML; nulls are left out because TOML has none."""
    import tomli_w

    return tomli_w.dumps(without_nulls(document))


def to_csv(dimensions: list[Dimension], checkins: list[CheckIn]) -> str:
    """Check-ins as ``date,<dimensions...>,satisfaction,note``: dimensions in journal order, archived ones only
    if some check-in rated them; a skipped dimension is a blank cell."""
    rated = {name.lower() for c in checkins for name in c.ratings}
    names = [d.name for d in dimensions if not d.archived or d.name.lower() in rated]
    clash = [n for n in names if reserved_name(n)]
    if clash:
        raise CoachError(f'cannot export as CSV: the dimension "{clash[0]}" has the name of a CSV column '
                         f"({', '.join(RESERVED)}), so it cannot be a column of its own; export JSON or TOML instead")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([DATE, *names, SATISFACTION, NOTE])
    for c in checkins:
        lowered = {k.lower(): v for k, v in c.ratings.items()}
        cells = ["" if n.lower() not in lowered else format_number(lowered[n.lower()]) for n in names]
        writer.writerow([to_iso(c.at), *cells, format_number(c.satisfaction), c.note])
    return out.getvalue()


def export_text(journal: Journal, fmt: str, *, exported_at: datetime | None = None) -> str:
    """The journal as ``fmt`` (json, toml or csv)."""
    if fmt == "csv":
        return to_csv(journal.dimensions(include_archived=True), journal.checkins())
    document = journal_document(journal, exported_at=exported_at)
    return to_toml(document) if fmt == "toml" else to_json(document)


def format_for(path: str | None, given: str | None) -> str:
    """``--format`` if given, else the output file's extension, else JSON."""
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in EXPORT_FORMATS else "json"


def is_stream(path: Path) -> bool:
    """A path under /dev or /proc (``/dev/stdout``, ``/proc/self/fd/3``): a stream to write into, not a file."""
    return path.is_absolute() and path.parts[1:2] in (("dev",), ("proc",))


def write_private(path: Path, text: str, *, keep_out: Path | None = None) -> None:
    """Write ``text`` to ``path`` as 0600, atomically: a temp file in the same folder, fsync, then rename.
    A symlink's target is what gets replaced; a pipe, a device or a stream (`-o /dev/stdout`, which a shell
    may have pointed at a file it appends to) is written into. Nothing is written inside ``keep_out`` (coach's
    data folder: an export over the journal or a backup would destroy it).

    Why: an export is the whole private journal, and a crash or a full disk must never leave a half-written
    file under the real name (or clobber a good earlier export with half of a new one).
    """
    if path.is_dir():
        raise CoachError(f"{path}: is a folder; give a file name")
    real = Path(os.path.realpath(path))
    if keep_out is not None and real.is_relative_to(os.path.realpath(keep_out)):
        raise CoachError(f"{path}: that is inside coach's data folder ({keep_out}), where it would replace the "
                         "journal or a backup; export somewhere else")
    if is_stream(path) or (path.exists() and not stat.S_ISREG(path.stat().st_mode)):  # written into, as it is
        try:  # appending: a shell's `>> file` behind /dev/stdout must not be truncated
            with open(path, "a", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as err:
            raise CoachError(f"{path}: cannot write the export ({err.strerror or err})") from None
        return
    path = real  # through a symlink: the file it points to is replaced, not the link
    folder = path.parent
    if not folder.is_dir():
        raise CoachError(f"{path}: the folder {folder} does not exist")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")  # created 0600
    except OSError as err:
        raise CoachError(f"{path}: cannot write here ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise CoachError(f"{path}: cannot write the export ({err.strerror or err}); nothing was written") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
