"""The TOML config: defaults, validation errors that name file and line or key, init never overwrites."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach import config
from coach.domain.timefmt import parse_duration
from coach.errors import ConfigError


def test_missing_file_is_the_default(tmp_path: Path) -> None:
    c = config.load(tmp_path / "nope.toml")
    assert c.dimensions == config.DEFAULT_DIMENSIONS and c.budget.smallest == 60 and c.week_start == "monday"


def test_template_parses_back_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(config.template())
    loaded = config.load(path)
    assert config.to_mapping(loaded) == config.to_mapping(config.Config())


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('week_start = "someday"', "key 'week_start'"),
        ("dimensions = []", "key 'dimensions'"),
        ('dimensions = ["a", "A"]', "unique"),
        ('dimensions = ["career", "Note"]', '"Note" is a check-in\'s own field'),  # CSV export would be stuck
        ('[budget]\nsmallest = "ten minutes"', "key 'budget.smallest'"),
        ('[budget]\nsmallest = "1h"\nlargest = "1m"', "key 'budget.largest'"),
        ('[budget]\nspeed = "1h"', "key 'budget.speed'"),
        ('[budget]\nlargest = "1000000w"', "longer than a year"),  # its deadline crashed the sizing screen
        ("[budget]\nsmallest = true", "true is not a duration"),
        ("[budget]\nlargest = nan", "not a positive duration"),  # NaN slipped past every comparison
        ('[analytics]\nrut_on = "high"', "key 'analytics.rut_on'"),
        ("colour = 3", "key 'colour'"),
        ("theme = 3", "key 'theme'"),
        ('week_start = "monday"\nweek_start = "friday"', "line 2"),
        ("dimensions = [\n", "line"),
    ],
)
def test_bad_values_name_file_and_key_or_line(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        config.load(path)
    assert str(path) in str(err.value) and needle in str(err.value)
    assert path.read_text() == text


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff'")
    with pytest.raises(ConfigError, match="UTF-8"):
        config.load(path)


@given(st.integers(min_value=1, max_value=10**7))
def test_exact_duration_round_trips(seconds: int) -> None:
    assert parse_duration(config.exact_duration(seconds)) == seconds


@given(st.text(max_size=30))
def test_duration_parser_raises_only_value_error(text: str) -> None:
    try:
        assert parse_duration(text) > 0
    except ValueError as err:
        assert repr(text) in str(err) or "positive" in str(err)


@given(st.dictionaries(st.sampled_from(["week_start", "theme", "dimensions", "budget", "x"]),
                       st.one_of(st.text(max_size=8), st.integers(), st.lists(st.text(max_size=5), max_size=3))))
def test_any_mapping_is_accepted_or_a_config_error(data: dict) -> None:
    try:
        config.from_mapping(data)
    except ConfigError as err:
        assert "key '" in str(err)


def test_to_mapping_is_valid_toml_for_tomli_w() -> None:
    import tomli_w

    text = tomli_w.dumps(config.to_mapping(config.Config()))
    assert config.from_mapping(tomllib.loads(text)) == config.Config()


def test_a_budget_of_a_whole_year_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[budget]\nlargest = "365d"\n')
    assert config.load(path).budget.largest == 365 * 86400
