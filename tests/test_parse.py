"""Reading numbers, yes/no and dates as the department writes them (geo.text.parse)."""

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import assume, given
from hypothesis import strategies as st

from geo.text.parse import (
    AmbiguousNumberError,
    boolean_word,
    number_convention,
    parse_booleans,
    parse_date,
    parse_dates,
    parse_number,
    parse_numbers,
    readings,
)


def numbers(*cells: object, **kwargs: object) -> tuple[list[float], list[tuple[int | None, str | None, object]]]:
    values, problems = parse_numbers(pd.Series(cells, dtype=object), file="f.csv", field="v", **kwargs)  # type: ignore[arg-type]
    return values.tolist(), [(p.row, p.field, p.found) for p in problems]


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("1.234,5", Decimal("1234.5"), None),
        ("1,234.5", None, Decimal("1234.5")),
        ("1,5", Decimal("1.5"), None),
        ("12.34", None, Decimal("12.34")),
        ("0,500", Decimal("0.5"), None),
        ("1.234.567", Decimal("1234567"), None),
        ("1 234,5", Decimal("1234.5"), None),
        ("2.000", Decimal("2000"), Decimal("2")),
        ("2,000", Decimal("2"), Decimal("2000")),
        ("−3", Decimal("-3"), Decimal("-3")),
        ("khoảng 500", None, None),
    ],
)
def test_each_convention_reads_what_it_can(text, vi, en):
    assert readings(text) == (vi, en)


def test_both_conventions_are_read_in_their_own_columns():
    assert numbers("1.234,5", "2,5", "10") == ([1234.5, 2.5, 10.0], [])
    assert numbers("1,234.5", "2.5", "10") == ([1234.5, 2.5, 10.0], [])


def test_two_thousand_with_a_comma_alone_in_its_column_is_ambiguous_not_two():
    values, problems = numbers("2,000")
    assert np.isnan(values[0]) and problems == [(2, "v", "2,000")]


def test_the_ambiguity_message_names_both_readings_and_the_fix():
    _, problems = parse_numbers(pd.Series(["1", "2.500"]), file="f.csv", field="area_ha")
    (problem,) = problems
    assert problem.row == 3 and problem.expected.en == "a number that reads only one way"
    assert "2500 (Vietnamese)" in problem.fix.en and "2.5 (English)" in problem.fix.en


def test_an_ambiguous_value_takes_the_convention_the_rest_of_its_column_shows():
    assert numbers("2,000", "1,5") == ([2.0, 1.5], [])
    assert numbers("2,000", "1.5") == ([2000.0, 1.5], [])
    assert numbers("1.500", "7,25", "1.234,5") == ([1500.0, 7.25, 1234.5], [])


def test_a_column_mixing_conventions_decides_nothing_for_its_ambiguous_cells():
    assert numbers("1,5", "1.5", "2,000")[1] == [(4, "v", "2,000")]


def test_a_reading_the_column_cannot_hold_is_dropped():
    assert numbers("2.020", integer=True) == ([2020.0], [])
    assert numbers("21.276", low=20.8, high=22.0) == ([21.276], [])


def test_numbers_from_excel_cells_are_taken_as_they_are_and_empty_cells_are_missing():
    values, problems = numbers(1.234, 7, None, "", "  ", np.nan)
    assert values[:2] == [1.234, 7.0] and np.isnan(values[2:]).all() and problems == []


def test_cells_that_are_not_numbers_are_each_reported_with_their_row():
    assert numbers("12", "abc", "< 5", "3")[1] == [(3, "v", "abc"), (4, "v", "< 5")]


def test_a_fraction_in_a_whole_number_column_is_reported():
    assert numbers(2020.5, integer=True)[1] == [(2, "v", 2020.5)]


def test_a_single_number_needs_a_convention_only_when_ambiguous():
    assert parse_number("1.234,5") == 1234.5 and parse_number("2,000", "en") == 2000.0
    with pytest.raises(AmbiguousNumberError):
        parse_number("2,000")
    with pytest.raises(ValueError):
        parse_number("hai")


def test_the_column_convention_comes_from_its_unambiguous_values():
    assert number_convention(["2,000", "1,5"]) == "vi"
    assert number_convention(["2,000", "1,234.5"]) == "en"
    assert number_convention(["2,000", "12"]) is None
    assert number_convention(["1,5", "1.5"]) is None


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_a_number_written_either_way_reads_back_to_itself(value):
    vi = format_decimal(value, format="#,##0.##", locale="vi_VN")
    en = format_decimal(value, format="#,##0.##", locale="en_US")
    assume(readings(vi)[1] in (None, readings(vi)[0]))  # a value such as 2.000 is ambiguous on its own
    assert parse_number(vi) == float(value) == parse_number(en)


@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False))
def test_a_column_written_the_vietnamese_way_reads_whole_once_one_value_decides(value):
    text = format_decimal(value, format="#,##0.###", locale="vi_VN")
    assert numbers(text, "0,5") == ([float(value), 0.5], [])


@pytest.mark.parametrize("word", ["có", "Có", "CO", "c", "x", "X", "true", "True", "yes", "Y", "1", "đúng", 1, True])
def test_yes_words(word):
    assert boolean_word(word) is True


@pytest.mark.parametrize("word", ["không", "Khong", "k", "KO", "false", "no", "N", "0", "sai", "chưa", 0, False])
def test_no_words(word):
    assert boolean_word(word) is False


def test_a_yes_no_column_reports_other_words_and_leaves_empty_cells_missing():
    values, problems = parse_booleans(pd.Series(["có", "", "chưa rõ", None, "x"]), file="f.csv", field="b")
    assert values.tolist() == [True, pd.NA, pd.NA, pd.NA, True]
    assert [(p.row, p.found) for p in problems] == [(4, "chưa rõ")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-03-05", "2024-03-05 00:00"),
        ("05/03/2024", "2024-03-05 00:00"),  # day first, as Vietnamese write it
        ("5/3/2024 7:30", "2024-03-05 07:30"),
        ("05-03-2024", "2024-03-05 00:00"),
        ("2024-03-01T02:00Z", "2024-03-01 09:00"),  # converted to local time
        (45356, "2024-03-05 00:00"),  # an Excel serial day
        (pd.Timestamp("2024-03-05 13:00"), "2024-03-05 13:00"),
    ],
)
def test_dates_are_read_in_every_form_the_department_writes(cell, expected):
    assert parse_date(cell) == pd.Timestamp(expected)


def test_a_date_column_reports_impossible_dates_with_their_row():
    values, problems = parse_dates(pd.Series(["01/02/2024", "31/02/2024", "", "hôm qua"]), file="f.csv", field="d")
    assert values.iloc[0] == pd.Timestamp("2024-02-01") and values.iloc[1:].isna().all()
    assert [(p.row, p.found) for p in problems] == [(3, "31/02/2024"), (5, "hôm qua")]


def test_a_file_whose_writer_is_known_settles_its_ambiguous_cells():
    assert numbers("12.345", convention="en") == ([12.345], [])
    assert numbers("1.500", convention="vi") == ([1500.0], [])
