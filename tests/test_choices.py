"""The choice logic behind every page's widgets and URL, as plain functions (no Streamlit)."""

import datetime as dt

import pytest

from ui import choices

SETS = ["districts_2019", "communes_2025", "communes_2025_all"]
YEARS = [2020, 2021, 2025]


@pytest.mark.parametrize(
    ("value", "text"),
    [("communes_2025", "communes_2025"), (2025, "2025"), (["KCN", "CCN"], "KCN,CCN"), ([], ""),
     (dt.date(2026, 10, 31), "2026-10-31"), (True, "1"), (False, "0")],
)  # fmt: skip
def test_encode_writes_ids_not_labels(value, text):
    assert choices.encode(value) == text


def test_parse_one_finds_the_option_by_its_url_text_whatever_its_type():
    assert choices.parse_one("communes_2025", SETS) == "communes_2025"
    assert choices.parse_one(" 2021 ", YEARS) == 2021  # an int option from its text, spaces ignored
    assert choices.parse_one("7", ["4a", "7", "8"]) == "7"


@pytest.mark.parametrize("raw", [None, "", "communes", "Xã/phường 2025", "2030", "<script>"])
def test_parse_one_returns_none_for_anything_that_is_not_an_option(raw):
    assert choices.parse_one(raw, [*SETS, *YEARS]) is None


def test_parse_many_keeps_known_names_in_the_options_order_and_skips_the_rest():
    assert choices.parse_many("CCN,KCN,XYZ", ["KCN", "CCN"]) == ["KCN", "CCN"]
    assert choices.parse_many("", ["KCN", "CCN"]) == []  # an empty parameter is an empty choice
    assert choices.parse_many("XYZ", ["KCN", "CCN"]) is None  # nothing valid: use the default
    assert choices.parse_many(None, ["KCN"]) is None


def test_parse_date_accepts_iso_dates_within_the_data_only():
    first, last = dt.date(2025, 11, 1), dt.date(2026, 10, 31)
    assert choices.parse_date("2026-03-15", first, last) == dt.date(2026, 3, 15)
    assert choices.parse_date("2024-03-15", first, last) is None  # before the data
    assert choices.parse_date("15/03/2026", first, last) is None  # not ISO
    assert choices.parse_date("2026-02-30", first, last) is None


@pytest.mark.parametrize(("raw", "flag"), [("1", True), ("true", True), ("0", False), ("no", False), ("x", None)])
def test_parse_flag(raw, flag):
    assert choices.parse_flag(raw) is flag


def test_valid_falls_back_to_the_default_then_to_the_first_option():
    assert choices.valid("communes_2025", SETS, "districts_2019") == "communes_2025"
    assert choices.valid("Xã/phường 2025", SETS, "districts_2019") == "districts_2019"  # a stale label
    assert choices.valid("219", ["", "213"], "") == ""  # a unit of another set
    assert choices.valid(2030, YEARS, 2031) == 2020  # neither value nor default: the first option
    assert choices.valid("x", [], "y") is None


def test_valid_for_a_multiple_choice_keeps_members_in_the_users_order_once_each():
    assert choices.valid(["no_data", "compliant", "no_data", "bad"], ["compliant", "no_data"], []) == [
        "no_data",
        "compliant",
    ]
    assert choices.valid("compliant", ["compliant"], ["compliant"]) == ["compliant"]  # not a list: the default


def test_is_default_lets_the_url_leave_defaults_out():
    assert choices.is_default("districts_2019", "districts_2019")
    assert not choices.is_default("communes_2025", "districts_2019")
    assert choices.is_default(("KCN", "CCN"), ["KCN", "CCN"]) and not choices.is_default(["KCN"], ["KCN", "CCN"])
