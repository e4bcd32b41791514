"""Daylio CSV exports: old and new headers, 12-hour times, newest-first rows, custom moods."""

from __future__ import annotations

import contextlib
from datetime import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import CoachError, ImportFileError
from coach.exchange.daylio import STANDARD_MOODS, looks_like_daylio, parse_daylio, parse_mood_map, parse_time
from coach.exchange.importers import detect_format, import_parsed
from tests.exchange_helpers import empty_journal

NEW = ("full_date,date,weekday,time,mood,activities,note_title,note,scales\n"
       '2024-03-02,March 2,Saturday,12:15 AM,rad,work | reading | going out,Title 🎉,"Long day\nbut good",\n'
       "2024-03-01,March 1,Friday,9:00 PM,Good,,,,\n"
       "2024-03-01,March 1,Friday,12:30 PM,meh,family,,lunch ☕,\n"
       "2024-03-01,March 1,Friday,8:05 am,AWFUL,,,,\n")
OLD = ("full_date,date,weekday,time,mood,activities,note\n"
       "2019-07-04,July 4,Thursday,21:30,bad,friends | שלום,fireworks\n"
       "2019-07-03,July 3,Wednesday,07:00,good,,\n")


def test_standard_scale_is_documented() -> None:
    assert STANDARD_MOODS == {"rad": 9.0, "good": 7.0, "meh": 5.0, "bad": 3.0, "awful": 1.0}
    import coach.exchange.daylio as module

    assert all(f"{m:<9}{int(v)}" in (module.__doc__ or "") for m, v in STANDARD_MOODS.items())


def test_new_header_newest_first_several_a_day() -> None:
    parsed = parse_daylio(NEW, "d.csv")
    assert not parsed.problems
    at = [c.at.strftime("%Y-%m-%d %H:%M") for c in parsed.checkins]
    assert at == ["2024-03-01 08:05", "2024-03-01 12:30", "2024-03-01 21:00", "2024-03-02 00:15"]
    assert [c.satisfaction for c in parsed.checkins] == [1.0, 5.0, 7.0, 9.0]
    assert all(c.ratings == {} and c.at.tzinfo is not None for c in parsed.checkins)
    assert parsed.checkins[3].note == "Title 🎉\n\nLong day\nbut good\n#work #reading #going_out"
    assert parsed.checkins[1].note == "lunch ☕\n#family"
    assert parsed.checkins[2].note == ""


def test_old_header_and_24_hour_times() -> None:
    parsed = parse_daylio(OLD, "old.csv")
    assert [(c.at.hour, c.at.minute, c.satisfaction) for c in parsed.checkins] == [(7, 0, 7.0), (21, 30, 3.0)]
    assert parsed.checkins[1].note == "fireworks\n#friends #שלום"


@pytest.mark.parametrize(("text", "expected"), [
    ("12:00 AM", time(0, 0)), ("12:59 am", time(0, 59)), ("12:00 PM", time(12, 0)), ("12:45 PM", time(12, 45)),
    ("1:05 PM", time(13, 5)), ("11:59 PM", time(23, 59)), ("9:00 p.m.", time(21, 0)), ("00:10", time(0, 10)),
    ("23:59", time(23, 59)),
])
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["13:00 PM", "0:30 AM", "24:00", "9 PM", "9:60", "noon", ""])
def test_bad_times(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


def test_bad_rows_named() -> None:
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "2024-02-30,x,x,9:00 PM,good,,\n"
            "2024-02-01,x,x,25:00,good,,\n"
            "2024-02-02,x,x,9:00 PM,,,\n")
    messages = [str(p) for p in parse_daylio(text, "d.csv").problems]
    assert messages == ['d.csv line 2, column "full_date": "2024-02-30" is not a date (YYYY-MM-DD)',
                        'd.csv line 3, column "time": "25:00" is not a time like 9:00 PM or 21:00',
                        'd.csv line 4, column "mood": is blank']


def test_a_day_after_today_is_a_bad_row() -> None:
    text = "full_date,date,weekday,time,mood,activities,note\n2126-02-01,x,x,9:00 PM,good,,\n"
    assert [str(p) for p in parse_daylio(text, "d.csv").problems] == [
        'd.csv line 2, column "full_date": "2126-02-01" is after today: a check-in records a day already lived']


def test_a_later_time_today_is_taken_as_a_phone_ahead_of_this_clock() -> None:
    """Daylio times carry no zone: an export from a phone in a zone ahead has its last entries 'in the future'."""
    from datetime import datetime, timedelta

    ahead = datetime.now() + timedelta(minutes=90)
    if ahead.date() != datetime.now().date():
        pytest.skip("too close to midnight for a later time today")
    text = f"full_date,date,weekday,time,mood,activities,note\n{ahead:%Y-%m-%d},x,x,{ahead:%H:%M},good,,\n"
    parsed = parse_daylio(text, "d.csv")
    assert not parsed.problems and len(parsed.checkins) == 1


def test_unmapped_moods_all_listed_with_counts() -> None:
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "2024-01-03,x,x,9:00 PM,ecstatic,,\n"
            "2024-01-02,x,x,9:00 PM,so so,,\n"
            "2024-01-01,x,x,9:00 PM,Ecstatic,,\n"
            "2024-01-01,x,x,8:00 PM,ecstatic,,\n"
            "2024-01-01,x,x,7:00 PM,good,,\n")
    with pytest.raises(ImportFileError) as err:
        parse_daylio(text, "d.csv")
    message = str(err.value)
    assert "2 moods without a satisfaction value" in message
    assert '"ecstatic": 3 rows' in message and "Ecstatic" not in message
    assert '"so so": 1 row' in message and "--mood-map" in message


def test_custom_moods_mapped_case_insensitively() -> None:
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "2024-01-03,x,x,9:00 PM,Ecstatic,,\n"
            "2024-01-02,x,x,9:00 PM,so so,,\n"
            "2024-01-01,x,x,9:00 PM,good,,\n")
    moods = parse_mood_map(["ecstatic=10", "So So=4.5", "good=8"])
    parsed = parse_daylio(text, "d.csv", moods)
    assert [c.satisfaction for c in parsed.checkins] == [8.0, 4.5, 10.0]


@pytest.mark.parametrize("item", ["ecstatic", "=5", "x=11", "x=high"])
def test_bad_mood_map(item: str) -> None:
    with pytest.raises(CoachError, match="--mood-map"):
        parse_mood_map([item])


def test_autodetected_by_header(tmp_path: Path) -> None:
    assert looks_like_daylio(NEW) and looks_like_daylio(OLD)
    assert not looks_like_daylio("date,health,satisfaction\n")
    assert detect_format(tmp_path / "daylio_export.csv", NEW, None) == "daylio"
    assert detect_format(tmp_path / "x.csv", "date,satisfaction\n", None) == "csv"


def test_reimport_adds_nothing(tmp_path: Path) -> None:
    journal = empty_journal(tmp_path / "j.sqlite3")
    assert len(import_parsed(journal, parse_daylio(NEW, "d.csv")).checkins) == 4
    again = import_parsed(journal, parse_daylio(NEW, "d.csv"))
    assert again.empty and again.present_checkins == 4


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(["2024-01-01", "9:00 PM", "12:00 AM", "rad", "x | y", "",
                                                      "13:61", "0000-00-00"]), st.text(max_size=6)),
                         max_size=9), max_size=6))
def test_fuzz_raises_only_our_errors(grid: list[list[str]]) -> None:
    text = "full_date,date,weekday,time,mood,activities,note\n" + "\n".join(",".join(r) for r in grid)
    with contextlib.suppress(ImportFileError):
        parse_daylio(text, "fuzz.csv", {"x": 1.0})


def test_a_mood_mapped_twice_is_refused() -> None:
    with pytest.raises(CoachError, match="--mood-map rad: given twice"):
        parse_mood_map(["Rad=2", "rad=3"])
