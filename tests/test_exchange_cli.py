"""``coach export`` / ``coach import`` through the real command line (subprocesses, private homes)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

from coach.store.journal import Journal
from tests.exchange_helpers import run, sample_journal


def _home_with_sample(tmp_path: Path, name: str = "home") -> Path:
    home = tmp_path / name
    (home / "data").mkdir(parents=True)
    sample_journal(home / "data" / "journal.sqlite3").close()
    return home


def _counts(home: Path) -> dict[str, int]:
    with Journal.open(home / "data" / "journal.sqlite3", create=False) as journal:
        return journal.counts()


def _without_time(text: str) -> dict:
    doc = json.loads(text)
    doc.pop("exported_at")
    return doc


def test_export_json_to_stdout_and_round_trip_through_a_new_home(tmp_path: Path) -> None:
    home = _home_with_sample(tmp_path)
    out = run(home, "export")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["format"] == "coach-journal" and doc["version"] == 1
    assert len(doc["checkins"]) == 2 and doc["decisions"][0]["outcome"]["result"] == "better"
    (tmp_path / "j.json").write_text(out.stdout, encoding="utf-8")
    fresh = tmp_path / "fresh"
    imported = run(fresh, "import", str(tmp_path / "j.json"))
    assert imported.returncode == 0, imported.stderr
    assert "added 2 check-ins, 2 decisions; new dimensions: health, career, old" in imported.stdout
    assert _without_time(run(fresh, "export").stdout) == _without_time(out.stdout)
    again = run(fresh, "import", str(tmp_path / "j.json"))
    assert "added 0 check-ins, 0 decisions" in again.stdout and "2 check-ins, 2 decisions" in again.stdout
    assert _counts(fresh) == _counts(home)


def test_export_files_are_private_and_format_follows_extension(tmp_path: Path) -> None:
    home = _home_with_sample(tmp_path)
    for name, check in [("out.toml", lambda t: tomllib.loads(t)["format"] == "coach-journal"),
                        ("out.csv", lambda t: t.startswith("date,health,career,old,satisfaction,note\n")),
                        ("out.data", lambda t: json.loads(t)["version"] == 1)]:
        target = tmp_path / name
        target.write_text("old contents")
        target.chmod(0o644)
        result = run(home, "export", "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert check(target.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.csv", "out.data", "out.toml"]  # no temps
    forced = run(home, "export", "--format", "csv", "-o", str(tmp_path / "x.json"))
    assert forced.returncode == 0 and (tmp_path / "x.json").read_text().startswith("date,")


def test_export_to_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    result = run(_home_with_sample(tmp_path), "export", "-o", str(tmp_path / "nope" / "x.json"))
    assert result.returncode == 2 and result.stderr.startswith("coach: ") and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_through_a_symlink_into_a_pipe_and_to_dash(tmp_path: Path) -> None:
    """A symlink stays a symlink (its target gets the export), a FIFO is written into, "-" is stdout."""
    import os
    import threading

    home = _home_with_sample(tmp_path)
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run(home, "export", "-o", str(link)).returncode == 0
    assert link.is_symlink() and json.loads(target.read_text())["version"] == 1
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run(home, "export", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and json.loads(got[0])["version"] == 1
    dash = run(home, "export", "-o", "-", cwd=tmp_path)
    assert json.loads(dash.stdout)["version"] == 1 and not (tmp_path / "-").exists()


def test_export_never_lands_on_the_journal_nor_truncates_a_redirected_stream(tmp_path: Path) -> None:
    """Through a symlink, an export replaced the journal itself; into /dev/stdout behind `>> log`, it wiped log."""
    home = _home_with_sample(tmp_path)
    journal = home / "data" / "journal.sqlite3"
    before = journal.read_bytes()
    link = tmp_path / "j.json"
    link.symlink_to(journal)
    result = run(home, "export", "-o", str(link))
    assert result.returncode == 2 and "inside coach's data folder" in result.stderr
    assert journal.read_bytes() == before
    log = tmp_path / "log"
    log.write_text("KEEP\n")
    with open(log, "a") as appended:
        result = subprocess.run([sys.executable, "-m", "coach", "--home", str(home), "export", "-o", "/dev/stdout",
                                 "--format", "csv"], stdout=appended, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 0 and "Exported" in result.stderr, result.stderr
    assert log.read_text().startswith("KEEP\ndate,")


def test_import_into_a_home_opened_once_takes_the_documents_dimension_settings(tmp_path: Path) -> None:
    """A home that was opened once has the configured dimensions: targets were dropped without a word."""
    source = _home_with_sample(tmp_path)
    (tmp_path / "j.json").write_text(run(source, "export").stdout, encoding="utf-8")
    home = tmp_path / "opened"
    (home).mkdir()
    (home / "config.toml").write_text('dimensions = ["health", "career", "old"]\n')
    assert run(home, "status").returncode == 0  # creates the journal with those dimensions, no targets
    dry = run(home, "import", str(tmp_path / "j.json"), "--dry-run")
    assert "Would take dimension settings from the document: career (active, target 8), old (archived)." \
        in dry.stdout, dry.stdout
    result = run(home, "import", str(tmp_path / "j.json"))
    assert "Took dimension settings from the document" in result.stdout, result.stderr
    doc = json.loads(run(home, "export").stdout)
    assert {d["name"]: (d["target"], d["archived"]) for d in doc["dimensions"]} == {
        "health": (None, False), "career": (8.0, False), "old": (None, True)}


def test_toml_round_trip_through_cli(tmp_path: Path) -> None:
    home = _home_with_sample(tmp_path)
    assert run(home, "export", "-o", str(tmp_path / "j.toml")).returncode == 0
    fresh = tmp_path / "fresh"
    assert run(fresh, "import", str(tmp_path / "j.toml")).returncode == 0
    assert run(fresh, "export", "-o", str(tmp_path / "again.toml")).returncode == 0
    first, second = (tomllib.loads((tmp_path / n).read_text()) for n in ("j.toml", "again.toml"))
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second  # TOML drops the sizing's null answers, so compare TOML with TOML


BAD_CSV = ("date,health,satisfaction,note\n"
           "2024-01-01,5,7,ok\n"
           "2024-01-02,eleven,7,\n"
           "2024-01-03,5,,\n"
           "2024-01-04,4,6,fine\n")


def test_bad_csv_lists_every_row_and_imports_nothing(tmp_path: Path) -> None:
    home = _home_with_sample(tmp_path)
    before = _counts(home)
    (tmp_path / "data.csv").write_text(BAD_CSV, encoding="utf-8")
    result = run(home, "import", str(tmp_path / "data.csv"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert 'data.csv line 3, column "health": "eleven" is not a number 0-10' in result.stderr
    assert 'data.csv line 4, column "satisfaction": is blank' in result.stderr
    assert "2 bad rows; nothing was imported" in result.stderr
    assert _counts(home) == before


def test_skip_invalid_imports_the_rest_and_lists_skipped_rows(tmp_path: Path) -> None:
    home = _home_with_sample(tmp_path)
    before = _counts(home)
    (tmp_path / "data.csv").write_text(BAD_CSV, encoding="utf-8")
    result = run(home, "import", str(tmp_path / "data.csv"), "--skip-invalid")
    assert result.returncode == 0, result.stderr
    assert "added 2 check-ins" in result.stdout and "Skipped 2 bad rows:" in result.stdout
    assert "line 3" in result.stdout and "line 4" in result.stdout
    assert _counts(home)["checkins"] == before["checkins"] + 2
    again = run(home, "import", str(tmp_path / "data.csv"), "--skip-invalid")
    assert "added 0 check-ins" in again.stdout and "Already in the journal" in again.stdout
    assert _counts(home)["checkins"] == before["checkins"] + 2


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    home = _home_with_sample(tmp_path)
    (tmp_path / "new.csv").write_text("date,sleep,satisfaction\n2024-01-01,5,7\n", encoding="utf-8")
    before = _counts(home)
    result = run(home, "import", str(tmp_path / "new.csv"), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Dry run, nothing written" in result.stdout and "would add 1 check-in; new dimensions: sleep" \
        in result.stdout
    assert _counts(home) == before
    fresh = tmp_path / "fresh"
    assert run(fresh, "import", str(tmp_path / "new.csv"), "--dry-run").returncode == 0
    assert not (fresh / "data" / "journal.sqlite3").exists()


def test_daylio_via_cli_unmapped_then_mapped(tmp_path: Path) -> None:
    home = tmp_path / "home"
    daylio = tmp_path / "daylio_export.csv"
    daylio.write_text("full_date,date,weekday,time,mood,activities,note_title,note,scales\n"
                      "2024-03-02,March 2,Saturday,12:15 AM,super,work | reading,,🎉,\n"
                      "2024-03-01,March 1,Friday,9:00 PM,tired,,,,\n"
                      "2024-03-01,March 1,Friday,8:00 AM,good,,,,\n", encoding="utf-8")
    stopped = run(home, "import", str(daylio))
    assert stopped.returncode == 2
    assert '"super": 1 row' in stopped.stderr and '"tired": 1 row' in stopped.stderr
    done = run(home, "import", str(daylio), "--mood-map", "super=10", "--mood-map", "tired=4")
    assert done.returncode == 0, done.stderr
    assert "(daylio): added 3 check-ins" in done.stdout
    notes = [c["note"] for c in json.loads(run(home, "export").stdout)["checkins"]]
    assert notes == ["", "", "🎉\n#work #reading"]


def test_file_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (tmp_path / "bad.toml").write_text('format = "coach-journal"\nversion = 1\nx = = 3\n', encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"format": "coach-journal", "version": 1, "checkins": [{"id": "a"}]}')
    (tmp_path / "latin.csv").write_bytes(b"date,satisfaction,note\n2024-01-01,5,caf\xe9\n")
    (tmp_path / "empty.csv").write_bytes(b"")
    cases = [
        (["missing.csv"], "missing.csv: no such file"),
        ([str(tmp_path / "bad.toml")], "bad.toml line 3, column 5: TOML syntax error"),
        ([str(tmp_path / "bad.json")], "checkins[0].at: is missing"),
        ([str(tmp_path / "latin.csv")], "line 2, column 17: not UTF-8 text"),
        ([str(tmp_path / "empty.csv")], "the file is empty"),
        ([str(tmp_path / "bad.json"), "--format", "csv", "--mood-map", "x=1"], "--mood-map is for Daylio"),
    ]
    for args, words in cases:
        result = run(home, "import", *args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stderr.startswith("coach: ") and words in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_import_and_export_load_neither_numpy_nor_textual(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("date,satisfaction\n2024-01-01,5\n", encoding="utf-8")
    code = ("import sys\nfrom coach.cli import main\n"
            f"main(['--home', {str(tmp_path / 'h')!r}, 'import', {str(tmp_path / 'c.csv')!r}])\n"
            f"main(['--home', {str(tmp_path / 'h')!r}, 'export', '-o', {str(tmp_path / 'o.toml')!r}])\n"
            "print(' '.join(sys.modules))")
    mods = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
               .stdout.split())
    assert "numpy" not in mods and not any(m == "textual" or m.startswith("textual.") for m in mods)


def test_times_without_offset_take_the_local_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (tmp_path / "n.csv").write_text("date,satisfaction\n2024-07-01,5\n2024-07-02 08:30,6\n"
                                    "2024-07-03T09:00:00Z,7\n", encoding="utf-8")
    env_run = subprocess.run(
        [sys.executable, "-m", "coach", "--home", str(home), "import", str(tmp_path / "n.csv")],
        capture_output=True, text=True, env={**__import__("os").environ, "TZ": "Asia/Kathmandu"}, timeout=60)
    assert env_run.returncode == 0, env_run.stderr
    at = [c["at"] for c in json.loads(run(home, "export").stdout)["checkins"]]
    assert at == ["2024-07-01T12:00:00+05:45", "2024-07-02T08:30:00+05:45", "2024-07-03T09:00:00+00:00"]
