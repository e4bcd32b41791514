"""The check-in CSV parser: every bad cell named by line and column, file-level errors, and fuzzing."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import ImportFileError
from coach.exchange.csvfile import parse_csv
from coach.exchange.export import to_csv
from coach.exchange.importers import import_parsed, read_text
from tests.exchange_helpers import empty_journal


def test_reads_dimensions_dates_blanks_and_notes() -> None:
    text = ("Date,health,Sleep,Satisfaction,note\n"
            "2024-01-01,5,6.5,7,plain\n"
            "\n"
            '2024-01-02T21:00:00+05:45,,6,8,"multi\nline, 🙂"\n'
            "2024-01-03 08:30,10,0,0\n")
    parsed = parse_csv(text, "d.csv")
    assert not parsed.problems
    assert parsed.dimension_names == ["health", "Sleep"]
    first, second, third = parsed.checkins
    assert first.ratings == {"health": 5.0, "Sleep": 6.5} and first.satisfaction == 7.0 and first.note == "plain"
    assert (first.at.hour, first.at.minute) == (12, 0) and first.at.utcoffset() == datetime(2024, 1, 1).astimezone()\
        .utcoffset()
    assert second.ratings == {"Sleep": 6.0} and second.note == "multi\nline, 🙂"
    assert second.at.isoformat() == "2024-01-02T21:00:00+05:45"
    assert third.note == "" and third.at.tzinfo is not None and third.at.hour == 8


def test_every_bad_row_is_named_by_line_and_column() -> None:
    text = ("date,health,satisfaction\n"
            "2024-01-01,5,7\n"
            "2024-01-02,eleven,7\n"
            "2024-13-01,5,7\n"
            "2024-01-04,5,\n"
            "2024-01-05,11,7.5.1\n"
            "2024-01-06,5,7,extra\n")
    parsed = parse_csv(text, "data.csv")
    messages = [str(p) for p in parsed.problems]
    assert messages == [
        'data.csv line 3, column "health": "eleven" is not a number 0-10',
        'data.csv line 4, column "date": "2024-13-01" is not a date: use YYYY-MM-DD, \'YYYY-MM-DD HH:MM\' or an '
        "ISO timestamp",
        'data.csv line 5, column "satisfaction": is blank (every check-in needs a satisfaction 0-10)',
        'data.csv line 6, column "satisfaction": "7.5.1" is not a number 0-10',
        'data.csv line 6, column "health": "11" is outside 0-10',
        "data.csv line 7: 4 cells, but the header has 3 columns",
    ]
    assert len(parsed.checkins) == 1


def test_a_checkin_after_today_is_a_bad_row() -> None:
    """It would stand as the latest check-in, and every trend and the form's pre-fill would start from it."""
    tomorrow = (datetime.now().astimezone() + timedelta(days=1)).date().isoformat()
    today = datetime.now().astimezone().date().isoformat()
    parsed = parse_csv(f"date,satisfaction\n{today},6\n{tomorrow},7\n2126-03-01 09:00,5\n", "f.csv")
    assert [str(p) for p in parsed.problems] == [
        f'f.csv line 3, column "date": "{tomorrow}" is after today: a check-in records a day already lived',
        'f.csv line 4, column "date": "2126-03-01 09:00" is after today: a check-in records a day already lived']
    assert [c.at.date().isoformat() for c in parsed.checkins] == [today]


def test_a_time_later_today_is_a_bad_row_but_todays_date_is_fine() -> None:
    """A time hours ahead stood as the latest check-in; a bare date means the day, so today is fine."""
    ahead = (datetime.now().astimezone() + timedelta(hours=2)).replace(second=0, microsecond=0)
    if ahead.date() != datetime.now().astimezone().date():
        pytest.skip("too close to midnight to be later today")
    today = ahead.date().isoformat()
    text = f"date,satisfaction\n{today},6\n{ahead:%Y-%m-%d %H:%M},7\n"
    parsed = parse_csv(text, "f.csv")
    assert [str(p) for p in parsed.problems] == [f'f.csv line 3, column "date": "{ahead:%Y-%m-%d %H:%M}" '
                                                 "is in the future: a check-in records time already lived"]
    assert len(parsed.checkins) == 1


def test_line_numbers_count_multiline_cells() -> None:
    text = 'date,satisfaction,note\n2024-01-01,5,"a\nb\nc"\n2024-01-02,x,\n'
    assert str(parse_csv(text, "f.csv").problems[0]).startswith('f.csv line 5, column "satisfaction"')


def test_a_quote_left_open_is_named_not_swallowing_the_rows_after_it() -> None:
    text = 'date,satisfaction,note\n2026-03-01,5,"oops forgot to close\n2026-03-02,6,day 2\n2026-03-03,7,day 3\n'
    with pytest.raises(ImportFileError) as err:
        parse_csv(text, "q.csv")
    assert str(err.value) == 'q.csv line 2: a quoted field opened on this line is never closed (a " is missing)'


def test_a_stray_quote_inside_a_quoted_note_is_still_read_as_before() -> None:
    parsed = parse_csv('date,satisfaction,note\n2026-11-01,6,"said "hi" then"\n', "s.csv")
    assert not parsed.problems and parsed.checkins[0].note == 'said hi" then"'


def test_a_long_note_imports_as_it_exports() -> None:
    note = "x" * 300_000  # over the csv module's default field limit (128 KiB)
    parsed = parse_csv(f'date,satisfaction,note\n2024-01-01,5,"{note}"\n', "n.csv")
    assert parsed.checkins[0].note == note and not parsed.problems


@pytest.mark.parametrize(("text", "words"), [
    ("date,health,note\n2024-01-01,5,x\n", 'no "satisfaction" column'),
    ("health,satisfaction\n5,5\n", 'no "date" column'),
    ("date,health,Health,satisfaction\n", 'column "Health" appears twice in the header (columns 2 and 3)'),
    ("full_date,date,weekday,time,mood,activities,note\n", "looks like a Daylio export"),
])
def test_header_problems(text: str, words: str) -> None:
    with pytest.raises(ImportFileError) as err:
        parse_csv(text, "h.csv")
    assert words in str(err.value) and str(err.value).startswith("h.csv line 1")


def test_unnamed_trailing_columns_are_fine_when_empty() -> None:
    parsed = parse_csv("date,satisfaction,,\n2024-01-01,5,,\n2024-01-02,5,,oops\n", "t.csv")
    assert len(parsed.checkins) == 1
    assert "column 4, which has no name" in str(parsed.problems[0])


@pytest.mark.parametrize(("data", "words"), [
    (b"", "the file is empty"),
    (b"  \n\n", "the file is empty"),
    (b"date,satisfaction\n2024-01-01,5\n2024-01-02,\xe9t\xe9\n", "line 3, column 12: not UTF-8 text (byte 0xe9)"),
    ("date,satisfaction\n".encode("utf-16"), "UTF-16"),
])
def test_file_problems(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as err:
        read_text(path, "f.csv")
    assert words in str(err.value)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        read_text(tmp_path / "nope.csv", "nope.csv")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_text(tmp_path, "dir")


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("date,satisfaction\n2024-01-01,5\n".encode("utf-8-sig"))
    assert len(parse_csv(read_text(path, "bom.csv"), "bom.csv").checkins) == 1


def test_repeated_rows_import_once_and_reimport_adds_nothing(tmp_path: Path) -> None:
    text = "date,mood,satisfaction\n2024-01-01,5,7\n2024-01-01,5,7\n2024-01-02,,6\n"
    parsed = parse_csv(text, "r.csv")
    assert parsed.duplicates == 1 and len(parsed.checkins) == 2
    journal = empty_journal(tmp_path / "j.sqlite3")
    assert len(import_parsed(journal, parsed).checkins) == 2
    again = import_parsed(journal, parse_csv(text, "r.csv"))
    assert again.empty and again.present_checkins == 2 and journal.checkin_count() == 2


def test_exported_csv_reimports_as_nothing_new(tmp_path: Path) -> None:
    from tests.exchange_helpers import sample_journal

    journal = sample_journal(tmp_path / "j.sqlite3")
    text = to_csv(journal.dimensions(include_archived=True), journal.checkins())
    assert text.splitlines()[0] == "date,health,career,old,satisfaction,note"
    parsed = parse_csv(text, "e.csv")
    assert not parsed.problems
    assert [(c.at, c.satisfaction, c.ratings, c.note) for c in parsed.checkins] == \
        [(c.at, c.satisfaction, c.ratings, c.note) for c in journal.checkins()]
    plan = import_parsed(journal, parsed)
    assert plan.empty and plan.present_checkins == 2


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_arbitrary_text_raises_only_our_errors(text: str) -> None:
    with contextlib.suppress(ImportFileError):
        parse_csv(text, "fuzz.csv")


cells = st.one_of(st.sampled_from(["", "5", "10", "-1", "1e3", "nan", "inf", "2024-01-01", "2024-02-30",
                                   "0001-01-01", "9999-12-31T23:59:59-23:59", "2024-01-01T25:00", '"', "\x00",
                                   "date", "satisfaction", "note", " 7.5 ", "٣", "½"]),
                  st.text(max_size=8))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, max_size=6), max_size=8), st.sampled_from([",", ";", "\n"]))
def test_fuzz_csv_shaped_text_raises_only_our_errors(grid: list[list[str]], sep: str) -> None:
    text = "date,health,satisfaction,note\n" + "\n".join(",".join(row) for row in grid) + sep
    try:
        parsed = parse_csv(text, "fuzz.csv")
    except ImportFileError:
        return
    for checkin in parsed.checkins:
        assert 0 <= checkin.satisfaction <= 10 and checkin.at.tzinfo is not None


def test_a_time_the_clock_skips_is_named_not_shifted(monkeypatch: pytest.MonkeyPatch) -> None:
    """02:30 on the night daylight saving time starts was stored as 01:30 without a word."""
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        parsed = parse_csv("date,satisfaction\n2026-03-29 02:30,5\n2026-03-29 03:30,6\n", "d.csv")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [str(p) for p in parsed.problems] == [
        'd.csv line 2, column "date": "2026-03-29 02:30" does not exist on this computer\'s clock '
        "(daylight saving time skips it)"]
    assert [c.at.isoformat() for c in parsed.checkins] == ["2026-03-29T03:30:00+02:00"]
