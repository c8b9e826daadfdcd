"""The page "Không khí & nguồn thải" as a person uses it, through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.store import versions
from tests import data_facts
from tests.hostile import shown_markdown
from ui import air_quality_data

APP = Path(__file__).resolve().parent.parent / "app.py"


def open_page() -> AppTest:
    """Run the app once, then open the page registered at /khong-khi (st.Page of a function: no file to switch to)."""
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at._page_hash = next(h for h, p in at._registered_pages.items() if p["url_pathname"] == "khong-khi")
    return at.run()


@pytest.fixture
def app(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    return open_page()


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def status(at: AppTest) -> pd.DataFrame:
    return table_with(at, "VN_AQI")


def station_fills(at: AppTest) -> list[tuple[str, str]]:
    """(CSS class, fill colour) of each station circle in the map's stations feature group."""
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    found = re.findall(r'"className": "aq-station (aq-\w+)".*?"fillColor": "(#\w+)"', args["feature_group"], re.S)
    return [(cls, colour.upper()) for cls, colour in found]


def test_page_opens_on_the_last_day_with_the_illustrative_banner(app):
    assert not app.exception
    assert app.title[0].value == "Không khí & nguồn thải"
    assert "Số liệu minh họa." in app.warning[0].value and "không phải số liệu chính thức" in app.warning[0].value
    assert app.date_input(key="aq_day").value == dt.date(2026, 10, 31)
    table = status(app)
    assert table["VN_AQI"].tolist() == ["72", "55", "84", "109", "—", "—", "50", "48"]
    assert table["Trạng thái"].tolist().count("không có số liệu > 6 giờ") == 2  # BG05 stopped, BG06 periodic


def test_choosing_another_day_recolours_the_stations_on_the_map(app):
    before = station_fills(app)
    assert (
        len(before) == data_facts.stations()
        and before[4] == ("aq-stale", "#BDBDBD")
        and before[3] == ("aq-current", "#FF7E00")
    )
    app.date_input(key="aq_day").set_value(dt.date(2026, 1, 15)).run()
    after = station_fills(app)
    assert after != before
    assert after[0] == ("aq-current", "#FF7E00")  # BG01: 101, Kém
    assert after[4] == ("aq-current", "#FF7E00")  # BG05 was reporting in January
    assert after[5] == ("aq-stale", "#BDBDBD")  # BG06: last campaign ended on 14 January
    assert status(app)["VN_AQI"].tolist() == ["101", "118", "108", "134", "108", "—", "66", "46"]


def test_hour_mode_shows_the_hourly_aqi_at_the_chosen_hour(app):
    app.radio(key="aq_mode").set_value("hour").run()
    app.select_slider(key="aq_hour").set_value(14).run()
    assert any(m.value == "**Các trạm lúc 14:00 31/10/2026**" for m in app.markdown)
    assert app.metric[0].label == "VN_AQI lúc 14:00 31/10/2026"
    assert not app.exception


def test_choosing_a_station_shows_its_charts_exceedances_and_completeness(app):
    app.selectbox(key="aq_station").set_value("BG04").run()
    assert app.subheader[0].value == "BG04 – KCN Song Khê – Nội Hoàng"
    assert len(app.get("vega_lite_chart")) == 1  # the open chart only: hourly
    app.button_group(key="aq_chart").set_value("exceed").run()
    summary = table_with(app, "Số lần vượt")
    pm25 = summary[(summary["Chất"] == "PM2.5") & (summary["Thời gian trung bình"] == "24 giờ")]
    assert pm25["Giới hạn (µg/m³)"].tolist() == ["45,0"]  # the 2026 limit
    assert int(pm25["Số lần vượt"].iloc[0].replace(".", "")) > 0
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["VN_AQI ngày 31/10/2026"] == "109 – Kém"
    assert metrics["Ngày đủ số liệu (≥ 18 giờ)"].endswith("/30")
    app.button_group(key="aq_chart").set_value("complete").run()
    assert len(app.get("vega_lite_chart")) == 1 and any("18/24 giờ" in c.value for c in app.caption)


def test_the_aqi_tables_of_the_period_can_be_downloaded(app):
    buttons = {b.key: b for b in app.get("download_button")}
    assert set(buttons) == {"aq_dl_hourly", "aq_dl_daily", "aq_dl_xlsx", "aq_png_projector", "aq_png_print"}
    assert "AQI giờ (CSV)" in buttons["aq_dl_hourly"].proto.label
    assert any("Tải bảng AQI (02/10/2026 – 31/10/2026)" in m.value for m in app.markdown)


def test_the_download_table_has_the_cli_columns_station_names_and_the_flag(build_dir):
    from ui.air_quality_downloads import aqi_table

    air = air_quality_data._load(*air_quality_data.key())
    daily = aqi_table(air, True, dt.date(2026, 10, 30), dt.date(2026, 10, 31), "en")
    assert daily.columns[:3].tolist() == ["station_id", "station_name", "date"] and daily["illustrative"].all()
    assert len(daily) == 14  # 8 stations × 2 days, less BG06, whose last campaign ended on 28 October
    assert daily.loc[daily["station_id"] == "BG04", "category"].tolist()[-1] == "Poor"


def test_english_switch_translates_the_page_and_keeps_the_choices(app):
    app.radio(key="aq_mode").set_value("hour").run()
    app.selectbox(key="aq_pollutant").set_value("so2").run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Air & emission sources"
    assert app.radio(key="aq_mode").value == "hour" and app.selectbox(key="aq_pollutant").value == "so2"
    assert any(m.value == "**Stations at 23:00 31/10/2026**" for m in app.markdown)
    assert "Illustrative data." in app.warning[0].value
    assert status(app)["Class"].tolist()[0] == "Moderate"


def test_measurements_of_a_station_removed_from_the_store_are_named_and_the_page_keeps_running(build_dir, app_store,
                                                                                            monkeypatch):  # fmt: skip
    stations = versions.current("aq_stations", url=app_store)
    kept = stations[stations["id"] != "BG08"]
    removed = versions.write("aq_stations", kept, user="an", reason="bỏ trạm BG08", base_version=1, mode="replace",
                             url=app_store)  # fmt: skip
    assert (removed.version, removed.removed) == (2, 1)
    bg08 = sum(r["station_id"] == "BG08" for r in data_facts.rows("aq_hourly.csv.gz"))
    monkeypatch.setenv("BGGM_TILES", "none")
    at = open_page()
    assert not at.exception
    text = shown_markdown(at.error[0].value)
    assert "Tệp aq_hourly (kho dữ liệu / data store), cột station_id" in text
    assert f"BG08: {bg08} dòng" in text and "khôi phục phiên bản trước" in text  # 8,637 rows


def test_the_page_shows_the_stores_current_rows_after_an_import(build_dir, app_store, monkeypatch):
    stations = versions.current("aq_stations", url=app_store)
    renamed = stations.assign(name=stations["name"].where(stations["id"] != "BG04", "Trạm Song Khê mới"))
    versions.write("aq_stations", renamed, user="an", reason="đổi tên", base_version=1, url=app_store)
    monkeypatch.setenv("BGGM_TILES", "none")
    at = open_page()
    at.selectbox(key="aq_station").set_value("BG04").run()
    assert at.subheader[0].value == "BG04 – Trạm Song Khê mới"
    assert air_quality_data.key() == (app_store, (2, 1, 1))


def test_pm25_days_across_new_year_are_judged_against_the_limit_in_force_that_day(app):
    app.date_input(key="aq_day").set_value(dt.date(2026, 1, 15)).run()
    app.selectbox(key="aq_span").set_value(90).run()
    app.button_group(key="aq_chart").set_value("exceed").run()
    summary = table_with(app, "Số lần vượt")
    pm25 = summary[(summary["Chất"] == "PM2.5") & (summary["Thời gian trung bình"] == "24 giờ")]
    assert pm25["Giới hạn (µg/m³)"].tolist() == [
        "50,0",
        "45,0",
    ]  # QCVN 05:2023: 50 µg/m³ until 2025, 45 from 1 Jan 2026
    assert pm25["Lần gần nhất"].str.endswith("/2025 00:00").tolist() == [True, False]


def test_the_aqi_workbook_flags_every_row_and_says_so_on_a_notes_sheet(build_dir):
    from openpyxl import load_workbook

    from ui.air_quality_downloads import workbook_bytes

    air = air_quality_data._load(*air_quality_data.key())
    data = workbook_bytes(air, dt.date(2026, 10, 30), dt.date(2026, 10, 31), "vi")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["aqi_gio", "aqi_ngay", "tram", "ghi_chu"]
    daily = book["aqi_ngay"]
    flag = [c.value for c in daily[1]].index("illustrative") + 1
    assert all(daily.cell(r, flag).value is True for r in range(2, daily.max_row + 1))
    assert book["ghi_chu"]["A2"].value.startswith("Có số liệu MINH HỌA")
