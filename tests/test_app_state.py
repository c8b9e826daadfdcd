"""Choices survive language switches and live in the URL, on every page (AppTest).

A person's choices (language, unit set, unit, indicator, year, date, tab) are kept by id: switching the language
changes the labels only; ``?units=…&unit=…`` opens the same view; a wrong value in the URL falls back to the default.
"""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from layers import loader
from tests import apptest


@pytest.fixture
def page(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    return apptest.open_page


def _switch(at: AppTest, lang: str) -> AppTest:
    at.sidebar.radio(key="lang").set_value(lang).run()
    assert not at.exception
    return at


def test_home_keeps_unit_set_and_unit_through_english_and_back_with_english_labels(page):
    at = page("home")
    at.radio(key="unit_set").set_value("communes_2025").run()
    at.selectbox(key="unit_code").set_value("07525").run()
    _switch(at, "en")
    assert at.radio(key="unit_set").value == "communes_2025" and at.selectbox(key="unit_code").value == "07525"
    assert at.radio(key="unit_set").options[1] == "2025 communes – former Bắc Giang (58)"
    assert at.query_params["lang"] == "en"
    _switch(at, "vi")
    assert at.radio(key="unit_set").value == "communes_2025" and at.subheader[0].value == "Phường Chũ"
    assert "lang" not in at.query_params  # Vietnamese is the default: the URL leaves it out


def test_home_opens_the_view_a_link_describes(page):
    at = page("home", lang="en", units="communes_2025", unit="07525")
    assert not at.exception
    assert at.title[0].value == "Bắc Giang green-growth map"
    assert at.radio(key="unit_set").value == "communes_2025" and at.subheader[0].value == "Chũ Ward"


def test_changing_a_choice_writes_it_to_the_url_and_the_default_leaves_it(page):
    at = page("home")
    assert dict(at.query_params) == {}
    at.radio(key="unit_set").set_value("communes_2025").run()
    at.selectbox(key="unit_code").set_value("07525").run()
    assert at.query_params["units"] == "communes_2025" and at.query_params["unit"] == "07525"
    at.selectbox(key="unit_code").set_value("").run()
    assert "unit" not in at.query_params


@pytest.mark.parametrize(
    "params",
    [{"units": "communes"}, {"unit": "99999"}, {"units": "districts_2019", "unit": "07525"}, {"lang": "fr"},
     {"units": "<script>alert(1)</script>"}],
)  # fmt: skip
def test_a_wrong_value_in_the_url_falls_back_to_the_default_without_error(page, params):
    at = page("home", **params)
    assert not at.exception and not at.error
    assert at.radio(key="unit_set").value == "districts_2019" and at.selectbox(key="unit_code").value == ""
    assert at.sidebar.radio(key="lang").value == "vi"


def test_a_search_applies_again_in_the_other_unit_set(page):
    at = page("home")
    at.text_input(key="unit_query").input("luc ngan").run()
    assert at.selectbox(key="unit_code").value == "219"
    at.radio(key="unit_set").set_value("communes_2025").run()
    assert at.text_input(key="unit_query").value == "luc ngan"
    assert at.selectbox(key="unit_code").value == "07582"  # Xã Lục Ngạn, best match among the 2025 communes


def test_clicking_a_unit_on_the_home_map_selects_it(page):
    at = page("home")
    inside = loader.load("districts_2019", display=True).set_index("code").geometry["219"].representative_point()
    at.session_state["home_map_districts_2019"] = {"last_object_clicked": {"lat": inside.y, "lng": inside.x}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="unit_code").value == "219" and at.subheader[0].value == "Huyện Lục Ngạn"
    assert at.query_params["unit"] == "219"
    at.session_state["home_map_districts_2019"] = {"last_object_clicked": {"lat": 20.0, "lng": 105.0}}
    at.run()  # a click outside the province changes nothing
    assert at.selectbox(key="unit_code").value == "219"


def test_wastewater_filters_and_unit_survive_english_and_back_and_come_from_the_url(page):
    at = page("wastewater", units="communes_2025", unit="07795", kinds="CCN,KCN", measure="compliant_pct")
    assert at.radio(key="ww_unit_set").value == "communes_2025" and at.selectbox(key="ww_unit").value == "07795"
    assert at.multiselect(key="ww_kinds").value == ["KCN", "CCN"]
    assert at.radio(key="ww_measure").value == "compliant_pct"
    at.multiselect(key="ww_statuses").set_value(["not_compliant", "pending"]).run()
    assert at.query_params["statuses"] == "not_compliant,pending"
    _switch(at, "en")
    assert at.multiselect(key="ww_statuses").value == ["not_compliant", "pending"]
    assert at.multiselect(key="ww_statuses").options[0] == "Compliant"
    assert at.selectbox(key="ww_unit").value == "07795"
    _switch(at, "vi")
    assert at.multiselect(key="ww_statuses").value == ["not_compliant", "pending"]
    assert at.radio(key="ww_unit_set").value == "communes_2025"


def test_forest_unit_set_radio_keeps_its_choice_and_labels_in_english(page):
    at = page("forest")
    at.radio(key="forest_unit_set").set_value("communes_2025").run()
    _switch(at, "en")
    radio = at.radio(key="forest_unit_set")
    assert radio.value == "communes_2025" and radio.index == 1
    assert radio.options == ["2019 districts (10 units)", "2025 communes – former Bắc Giang (58)"]
    assert at.query_params["units"] == "communes_2025"


def test_air_quality_day_hour_and_pollutant_come_from_the_url_and_survive_a_language_switch(page):
    at = page("air_quality", date="2026-03-15", mode="hour", hour="7", pollutant="so2", station="BG04")
    assert not at.exception
    assert at.date_input(key="aq_day").value == dt.date(2026, 3, 15)
    assert at.radio(key="aq_mode").value == "hour" and at.select_slider(key="aq_hour").value == 7
    assert at.selectbox(key="aq_pollutant").value == "so2" and at.selectbox(key="aq_station").value == "BG04"
    _switch(at, "en")
    assert at.date_input(key="aq_day").value == dt.date(2026, 3, 15) and at.selectbox(key="aq_station").value == "BG04"
    assert any(m.value == "**Stations at 07:00 15/03/2026**" for m in at.markdown)


def test_air_quality_chosen_chart_survives_a_language_switch_and_a_reload(page):
    at = page("air_quality", station="BG04")
    assert at.button_group(key="aq_chart").value == "hourly" and len(at.get("vega_lite_chart")) == 1
    at.button_group(key="aq_chart").set_value("complete").run()
    assert at.query_params["chart"] == "complete"
    assert any(c.value.startswith("Một ngày đủ số liệu khi có ít nhất 18/24 giờ") for c in at.caption)
    _switch(at, "en")
    assert at.button_group(key="aq_chart").value == "complete"  # st.tabs went back to the first chart here
    assert any(c.value.startswith("A day has enough data with at least 18 of 24 hours") for c in at.caption)
    reloaded = page("air_quality", chart="daily", lang="en")
    assert reloaded.button_group(key="aq_chart").value == "daily" and len(reloaded.get("vega_lite_chart")) == 1
    assert page("air_quality", chart="bogus").button_group(key="aq_chart").value == "hourly"


def test_air_quality_date_outside_the_data_falls_back_to_the_last_day(page):
    at = page("air_quality", date="2019-01-01")
    assert not at.exception and at.date_input(key="aq_day").value == dt.date(2026, 10, 31)


def _png_heading(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Bản đồ ảnh PNG"))


def test_progress_indicator_7_through_english_and_back_then_meetings_tab_has_its_exports(page):
    """The reported bug: an IndexError replaced the exports and the data-entry tab stayed empty."""
    at = page("targets", tab="map")
    at.selectbox(key="tgt_target").set_value("7").run()
    _switch(at, "en")
    assert at.selectbox(key="tgt_target").value == "7"
    assert at.selectbox(key="tgt_target").options[0].startswith("4a · High-tech share")
    assert at.query_params["tab"] == "map" and at.radio(key="tgt_set").label == "Unit set"  # Map stays open
    _switch(at, "vi")
    at.query_params["tab"] = "meet"
    at.run()
    assert not at.exception
    assert _png_heading(at).endswith("— 7, 2025")
    assert "Tải PNG máy chiếu (1920×1080)" in [b.label for b in at.get("download_button")]
    at.query_params["tab"] = "entry"
    at.run()
    assert not at.exception and "Tải mẫu Excel năm 2025" in [b.label for b in at.get("download_button")]


def test_progress_brief_lists_are_in_english_after_a_switch_and_keep_the_choice(page):
    at = page("targets", tab="meet")
    at.selectbox(key="brief_scope").set_value("219").run()
    at.multiselect(key="brief_maps").set_value(["7"]).run()
    _switch(at, "en")
    assert at.selectbox(key="brief_scope").value == "219" and at.selectbox(key="brief_scope").options[0] == (
        "Whole province"
    )
    assert at.multiselect(key="brief_maps").value == ["7"]
    assert at.multiselect(key="brief_maps").options[0].startswith("4a · High-tech share")


def test_presentation_mode_after_a_language_switch_shows_the_chosen_indicator(page):
    at = page("targets", tab="map", indicator="7", year="2023")
    _switch(at, "en")
    at.toggle(key="tgt_present").set_value(True).run()
    assert not at.exception
    assert at.selectbox(key="tgt_target").value == "7" and at.select_slider(key="tgt_year").value == 2023
    assert at.query_params["present"] == "1" and at.query_params["indicator"] == "7"


@pytest.mark.parametrize(
    ("params", "indicator", "year"),
    [
        ({"indicator": "99"}, "4a", 2025),
        ({"year": "1990"}, "4a", 2025),
        ({"indicator": "8", "year": "2022"}, "8", 2022),
    ],
)
def test_progress_url_choices_are_checked_against_the_options(page, params, indicator, year):
    at = page("targets", tab="map", **params)
    assert not at.exception
    assert at.selectbox(key="tgt_target").value == indicator and at.select_slider(key="tgt_year").value == year
