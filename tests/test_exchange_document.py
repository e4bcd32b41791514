"""The coach-journal document: export → import → export is exact (JSON and TOML), and bad documents are
reported by JSON path."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from coach.domain.models import CheckIn
from coach.errors import ImportFileError
from coach.exchange.document import FORMAT, VERSION
from coach.exchange.export import export_text, journal_document
from coach.exchange.importers import import_parsed, parse_text
from coach.store.journal import Journal
from tests.exchange_helpers import FIXED, empty_journal, fill, journals, sample_journal


def _round_trip(fmt: str, records: tuple) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = fill(empty_journal(Path(tmp) / "a.sqlite3"), *records)
        first = export_text(source, fmt, exported_at=FIXED)
        target = empty_journal(Path(tmp) / "b.sqlite3")
        plan = import_parsed(target, parse_text(first, fmt, f"x.{fmt}"))
        assert len(plan.checkins) == len(records[1]) and len(plan.decisions) == len(records[2])
        second = export_text(target, fmt, exported_at=FIXED)
        assert second == first
        again = import_parsed(target, parse_text(first, fmt, f"x.{fmt}"))  # idempotent
        assert again.empty and target.counts() == source.counts()
        source.close()
        target.close()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_json_round_trip_is_exact(records: tuple) -> None:
    _round_trip("json", records)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_toml_round_trip_is_exact(records: tuple) -> None:
    _round_trip("toml", records)


def test_document_schema(tmp_path: Path) -> None:
    doc = journal_document(sample_journal(tmp_path / "j.sqlite3"), exported_at=FIXED)
    assert doc["format"] == FORMAT and doc["version"] == VERSION == 1
    assert doc["exported_at"] == "2026-03-01T20:15:00+01:00"
    assert set(doc["dimensions"][0]) == {"id", "name", "position", "target", "archived"}
    assert doc["checkins"][0]["at"] == "2025-06-01T21:00:00+05:45"
    assert doc["checkins"][0]["ratings"] == {"health": 7.0, "old": 3.0}
    quit_ = doc["decisions"][0]
    assert list(quit_) == ["id", "title", "options", "sizing", "magnitude", "budget_seconds", "spent_seconds",
                           "status", "created_at", "deadline", "decided_at", "choice", "coach_picked", "effects",
                           "confidence", "review_on", "outcome"]
    assert quit_["outcome"] == {"result": "better", "satisfaction_change": 1.5, "again": True, "note": "good call",
                                "reviewed_at": "2025-07-02T21:00:00+05:45"}
    assert doc["decisions"][1]["outcome"] is None and doc["decisions"][1]["deadline"] is None


def _doc(**parts: object) -> str:
    return json.dumps({"format": FORMAT, "version": 1, **parts})


GOOD_CHECKIN = {"id": "c1", "at": "2025-01-01T10:00:00+01:00", "satisfaction": 5, "ratings": {}, "note": ""}


@pytest.mark.parametrize(("checkin", "path", "words"), [
    ({**GOOD_CHECKIN, "satisfaction": "high"}, "checkins[1].satisfaction", '"high" is not a number'),
    ({**GOOD_CHECKIN, "satisfaction": 11}, "checkins[1].satisfaction", "outside 0-10"),
    ({**GOOD_CHECKIN, "satisfaction": True}, "checkins[1].satisfaction", "true is not a number"),
    ({k: v for k, v in GOOD_CHECKIN.items() if k != "at"}, "checkins[1].at", "is missing"),
    ({**GOOD_CHECKIN, "at": "yesterday"}, "checkins[1].at", "not a date"),
    ({**GOOD_CHECKIN, "ratings": {"health": -1}}, 'checkins[1].ratings["health"]', "outside 0-10"),
    ({**GOOD_CHECKIN, "ratings": [1, 2]}, "checkins[1].ratings", "not an object"),
    ({**GOOD_CHECKIN, "id": "c0"}, "checkins[1].id", "repeats checkins[0]"),
    ({**GOOD_CHECKIN, "note": 3}, "checkins[1].note", "not a string"),
])
def test_bad_checkin_named_by_path(checkin: dict, path: str, words: str) -> None:
    text = _doc(checkins=[{**GOOD_CHECKIN, "id": "c0"}, checkin])
    parsed = parse_text(text, "json", "x.json")
    assert len(parsed.checkins) == 1
    messages = [str(p) for p in parsed.problems]
    assert any(m.startswith(f"x.json {path}:") and words in m for m in messages), messages


def test_bad_decision_fields_all_listed() -> None:
    decision = {"id": "d", "title": " ", "magnitude": 9, "budget_seconds": 0, "status": "maybe",
                "created_at": "2025-01-01", "effects": {"health": 5}, "confidence": 2,
                "outcome": {"result": "great", "again": "yes"}}
    parsed = parse_text(_doc(decisions=[decision]), "json", "x.json")
    where = {p.where for p in parsed.problems}
    assert where >= {"x.json decisions[0].title", "x.json decisions[0].magnitude",
                     "x.json decisions[0].budget_seconds", "x.json decisions[0].status",
                     'x.json decisions[0].effects["health"]', "x.json decisions[0].confidence",
                     "x.json decisions[0].outcome.result", "x.json decisions[0].outcome.again"}
    assert not parsed.decisions


@pytest.mark.parametrize(("text", "words"), [
    ("[1, 2]", "top level is not an object"),
    ('{"version": 1}', '"format": "coach-journal"'),
    (_doc(checkins={"a": 1}), "x.json checkins:"),
    (json.dumps({"format": FORMAT, "version": 2}), "newer coach"),
    ('{"format": "coach-journal",\n "version": 1,,}', "x.json line 2, column"),
])
def test_file_level_json_errors(text: str, words: str) -> None:
    with pytest.raises(ImportFileError) as err:
        parse_text(text, "json", "x.json")
    assert words in str(err.value)


def test_toml_syntax_error_names_line() -> None:
    text = 'format = "coach-journal"\nversion = 1\n\n[[checkins]]\nid = "a\nat = 3\n'
    with pytest.raises(ImportFileError) as err:
        parse_text(text, "toml", "x.toml")
    assert str(err.value).startswith("x.toml line 5, column")
    assert "TOML syntax error" in str(err.value)


def test_toml_missing_optional_keys_read_as_null_and_native_datetimes() -> None:
    text = ('format = "coach-journal"\nversion = 1\n[[decisions]]\nid = "d"\ntitle = "t"\nmagnitude = 2\n'
            'budget_seconds = 60.0\nstatus = "pending"\ncreated_at = 2025-01-01T10:00:00+02:00\n')
    parsed = parse_text(text, "toml", "x.toml")
    assert not parsed.problems
    d = parsed.decisions[0]
    assert d.deadline is None and d.outcome is None and d.confidence is None and d.choice is None
    assert d.created_at.isoformat() == "2025-01-01T10:00:00+02:00"


def test_rating_names_unknown_to_the_document_become_dimensions(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "j.sqlite3")
    text = _doc(checkins=[{**GOOD_CHECKIN, "ratings": {" Sleep ": 4}}])
    plan = import_parsed(journal, parse_text(text, "json", "x.json"))
    assert plan.new_dimensions == ["Sleep"]
    assert journal.checkins()[0].ratings == {"Sleep": 4.0}


def test_merging_maps_dimension_names_case_insensitively(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "j.sqlite3")
    journal.ensure_dimensions(["health"])
    text = _doc(dimensions=[{"id": "other", "name": "Health", "position": 0, "archived": False}],
                checkins=[{**GOOD_CHECKIN, "ratings": {"Health": 4}}])
    plan = import_parsed(journal, parse_text(text, "json", "x.json"))
    assert plan.new_dimensions == []
    assert [d.name for d in journal.dimensions()] == ["health"]
    assert journal.checkins()[0].ratings == {"health": 4.0}


def test_a_restore_into_a_new_home_keeps_targets_and_archived_flags(tmp_path: Path) -> None:
    """A home opened once has its default dimensions: the document's targets and archived flags were dropped."""
    journal = Journal.open(tmp_path / "j.sqlite3")
    journal.ensure_dimensions(["health", "play"])
    text = _doc(dimensions=[{"id": "a", "name": "Health", "position": 0, "target": 8, "archived": False},
                            {"id": "b", "name": "play", "position": 1, "target": None, "archived": True}])
    import_parsed(journal, parse_text(text, "json", "x.json"))
    dims = {d.name: d for d in journal.dimensions(include_archived=True)}
    assert dims["health"].target == 8.0 and dims["play"].archived
    journal.put_dimension(replace(dims["health"], target=6.0))  # the journal's own target: kept from now on
    journal.put_dimension(replace(dims["play"], archived=False))
    journal.add_checkin(CheckIn(at=datetime(2025, 2, 1, tzinfo=UTC), satisfaction=5))
    import_parsed(journal, parse_text(text, "json", "x.json"))
    dims = {d.name: d for d in journal.dimensions(include_archived=True)}
    assert dims["health"].target == 6.0 and not dims["play"].archived  # a journal in use keeps its own say


def test_a_checkin_imported_from_csv_then_from_an_export_is_one(tmp_path: Path) -> None:
    journal = empty_journal(tmp_path / "j.sqlite3")
    import_parsed(journal, parse_text("date,satisfaction,note\n2025-01-01T10:00:00+01:00,5,\n", "csv", "x.csv"))
    plan = import_parsed(journal, parse_text(_doc(checkins=[GOOD_CHECKIN]), "json", "x.json"))
    assert plan.present_checkins == 1 and journal.checkin_count() == 1


def test_a_journal_with_a_dimension_named_like_a_csv_column_still_round_trips(tmp_path: Path) -> None:
    """Older coach let `checkin add --rate Date=4` make such a dimension: its JSON export must still import."""
    journal = empty_journal(tmp_path / "j.sqlite3")
    text = _doc(dimensions=[{"id": "d", "name": "Date", "position": 0, "archived": False}],
                checkins=[{**GOOD_CHECKIN, "ratings": {"Date": 4}}])
    parsed = parse_text(text, "json", "x.json")
    assert not parsed.problems
    import_parsed(journal, parsed)
    assert journal.checkins()[0].ratings == {"Date": 4.0}


def test_renamed_dimension_keeps_the_journals_name(tmp_path: Path) -> None:
    journal = empty_journal(tmp_path / "j.sqlite3")
    journal.ensure_dimensions(["fitness"])
    dim_id = journal.dimensions()[0].id
    text = _doc(dimensions=[{"id": dim_id, "name": "health", "position": 0, "archived": False}],
                checkins=[{**GOOD_CHECKIN, "ratings": {"health": 4}}])
    plan = import_parsed(journal, parse_text(text, "json", "x.json"))
    assert plan.new_dimensions == [] and journal.checkins()[0].ratings == {"fitness": 4.0}


def test_skippable_rows_and_bad_file_message() -> None:
    from coach.exchange.problems import bad_file

    text = _doc(checkins=[GOOD_CHECKIN, {**GOOD_CHECKIN, "id": "c2", "satisfaction": 12, "at": "x"}, 7])
    parsed = parse_text(text, "json", "x.json")
    assert [c.id for c in parsed.checkins] == ["c1"]
    message = str(bad_file("x.json", parsed.problems))
    assert message.startswith("x.json: 2 bad rows; nothing was imported")
    assert "x.json checkins[1].at:" in message and "x.json checkins[1].satisfaction:" in message
    assert "x.json checkins[2]: 7 is not an object" in message
