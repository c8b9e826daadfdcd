"""Pure helpers of the air-quality page: station status at a time and exports (geo.air.stations), circle sizes,
legend steps, chart bands and click look-up (layers.air_quality_display)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest

from geo.air.aqi import daily_aqi, hourly_aqi
from geo.air.stations import SNAPSHOT_COLUMNS, check_station_ids, day_snapshot, export_bytes, hour_snapshot, in_period
from geo.errors import SchemaError
from layers.air_quality_display import circle_radius, class_bands, legend_steps, nearest_station

POLLUTANTS = ("pm25", "pm10", "o3", "no2", "so2", "co")
DAY = pd.Timestamp("2026-01-01 00:00")


def rows(station: str, first_hour: int, hours: int, **values: float) -> pd.DataFrame:
    frame = pd.DataFrame({"station_id": station, "time": pd.date_range(DAY + pd.Timedelta(hours=first_hour),
                                                                      periods=hours, freq="h")})  # fmt: skip
    for p in POLLUTANTS:
        frame[p] = values.get(p, np.nan)
    return frame


@pytest.fixture
def network() -> pd.DataFrame:
    """A: PM2.5 30 all day (AQI 60). B: PM2.5 10 until 03:00, then silent. C: O3 only from 08:00. E: starts at 11:00."""
    return pd.concat(
        [
            rows("A", 0, 24, pm25=30.0),
            rows("B", 0, 4, pm25=10.0),
            rows("C", 8, 16, o3=80.0),
            rows("E", 11, 13, pm25=5.0),
        ],
        ignore_index=True,
    )


def test_hour_snapshot_colours_current_stations_and_marks_stale_silent_and_pm_less_ones(network):
    snap = hour_snapshot(hourly_aqi(network), network, ["A", "B", "C", "D", "E"], DAY + pd.Timedelta(hours=10))
    assert list(snap.columns) == list(SNAPSHOT_COLUMNS)
    got = snap.set_index("station_id")
    assert got["status"].tolist() == ["current", "stale", "no_aqi", "no_data", "no_data"]
    # PM2.5 NowCast 30 → 50 + 50/25·(30 − 25) = 60, class Trung bình, yellow
    assert got.loc["A", ["vn_aqi", "category", "category_en", "colour", "dominant"]].tolist() == [
        60, "Trung bình", "Moderate", "#FFFF00", "aqi_pm25"]  # fmt: skip
    assert got.loc["B", "hours_since"] == 7.0 and got.loc["B", "last_time"] == DAY + pd.Timedelta(hours=3)
    assert pd.isna(got.loc["B", "vn_aqi"]) and pd.isna(got.loc["B", "colour"])  # stale: never coloured
    assert pd.isna(got.loc["D", "last_time"]) and pd.isna(got.loc["E", "last_time"])  # D never, E only from 11:00


def test_a_station_silent_exactly_6_hours_is_not_stale_but_7_hours_is(network):
    table = hourly_aqi(network)
    at_9 = hour_snapshot(table, network, ["B"], DAY + pd.Timedelta(hours=9)).iloc[0]
    at_10 = hour_snapshot(table, network, ["B"], DAY + pd.Timedelta(hours=10)).iloc[0]
    assert (at_9["hours_since"], at_9["status"]) == (6.0, "no_aqi")  # reporting, but NowCast needs 2 of 3 hours
    assert (at_10["hours_since"], at_10["status"]) == (7.0, "stale")


def test_an_aqi_value_for_a_station_gone_quiet_is_not_shown_as_current(network):
    """Even if an AQI table (say, computed elsewhere) has a value, a station silent > 6 h is stale and uncoloured."""
    at = DAY + pd.Timedelta(hours=12)
    table = pd.DataFrame({"station_id": ["B"], "time": [at], "vn_aqi": pd.array([42], dtype="Int64"),
                          "dominant": ["aqi_pm25"]})  # fmt: skip
    snap = hour_snapshot(table, network, ["B"], at).iloc[0]
    assert snap["status"] == "stale" and pd.isna(snap["vn_aqi"]) and pd.isna(snap["category"])


def test_day_snapshot_judges_staleness_at_the_days_last_hour():
    full = rows("A", 0, 24, pm25=30.0)  # 24 h: daily AQI 60
    early = rows("F", 0, 18, pm25=55.0)  # 00:00–17:00: 18 hours is enough for a daily AQI; last value 6 h before 23:00
    quiet = rows("G", 0, 16, pm25=55.0)  # 00:00–15:00: 8 h before 23:00, stale
    frame = pd.concat([full, early, quiet], ignore_index=True)
    snap = day_snapshot(daily_aqi(frame), frame, ["A", "F", "G"], dt.date(2026, 1, 1)).set_index("station_id")
    assert snap["status"].tolist() == ["current", "current", "stale"]
    # PM2.5 24h mean 55 → 100 + 50/30·(55 − 50) = 108.33 → 108, Kém
    assert snap["vn_aqi"].tolist()[:2] == [60, 108] and snap.loc["F", "category"] == "Kém"
    assert snap.loc["G", "hours_since"] == 8.0


@pytest.mark.parametrize(
    ("value", "radius"), [(2800.0, 24.0), (700.0, 12.0), (175.0, 6.0), (10.0, 3.0), (0.0, 3.0), (np.nan, 3.0)]
)
def test_circle_area_is_proportional_to_the_load_with_a_3_px_floor(value, radius):
    assert circle_radius([value], max_value=2800.0)[0] == pytest.approx(radius)


def test_circle_radius_with_no_positive_load_gives_the_floor():
    assert circle_radius([0.0, 5.0], max_value=0.0).tolist() == [3.0, 3.0]


@pytest.mark.parametrize(("top", "steps"), [(2800, (2000, 200, 20)), (450, (400, 40, 4)), (9.5, (9, 0.9, 0.09)),
                                            (0, ())])  # fmt: skip
def test_size_legend_uses_round_values_below_the_largest_load(top, steps):
    assert legend_steps(top) == pytest.approx(steps)


def test_class_bands_are_the_official_classes_cut_at_the_chart_top():
    bands = class_bands("vi", top=160)
    assert bands[["low", "high"]].values.tolist() == [[0, 50], [50, 100], [100, 150], [150, 160]]
    assert bands["label"].tolist()[:2] == ["0–50 Tốt", "51–100 Trung bình"]
    assert bands["colour"].tolist() == ["#00E400", "#FFFF00", "#FF7E00", "#FF0000"]
    assert class_bands("en")["label"].iloc[-1] == "301–500 Hazardous"


def test_in_period_keeps_whole_days_of_times_and_of_dates():
    times = pd.DataFrame({"time": pd.to_datetime(["2026-01-01 23:00", "2026-01-02 00:00", "2026-01-03 23:59",
                                                  "2026-01-04 00:00"])})  # fmt: skip
    assert len(in_period(times, "time", dt.date(2026, 1, 2), dt.date(2026, 1, 3))) == 2
    dates = pd.DataFrame({"date": [dt.date(2026, 1, d) for d in range(1, 6)]})
    assert in_period(dates, "date", dt.date(2026, 1, 2), dt.date(2026, 1, 4))["date"].tolist() == [
        dt.date(2026, 1, 2), dt.date(2026, 1, 3), dt.date(2026, 1, 4)]  # fmt: skip


def test_a_click_selects_the_station_within_about_200_m_only():
    stations = pd.DataFrame({"id": ["BG01", "BG02"], "lat": [21.276, 21.253], "lon": [106.196, 106.083]})
    assert nearest_station(21.2761, 106.1959, stations) == "BG01"
    assert nearest_station(21.2530, 106.0845, stations) == "BG02"  # 0.0015° away
    assert nearest_station(21.30, 106.20, stations) is None
    assert nearest_station(21.3, 106.2, stations.iloc[:0]) is None


def test_unknown_station_ids_are_listed_with_their_spreadsheet_rows():
    with pytest.raises(SchemaError) as err:
        check_station_ids(pd.Series(["BG01", "BG9", "BG02", "bg01"]), ["BG01", "BG02"], file="gio.csv")
    assert [(p.row, p.field, p.found) for p in err.value.problems] == [(3, "station_id", "BG9"),
                                                                       (5, "station_id", "bg01")]  # fmt: skip
    assert "aq_stations.csv" in err.value.render("vi")


def test_csv_export_has_a_bom_for_excel_and_xlsx_holds_every_sheet():
    a = pd.DataFrame({"station_id": ["BG01"], "category": ["Trung bình"]})
    b = pd.DataFrame({"x": [1, 2]})
    csv = export_bytes({"gio": a, "ngay": b}, "csv")
    assert csv.startswith(b"\xef\xbb\xbfstation_id,category\r\n") or csv.startswith(
        b"\xef\xbb\xbfstation_id,category\n"
    )
    assert "Trung bình" in csv.decode("utf-8-sig")
    book = pd.read_excel(io.BytesIO(export_bytes({"gio": a, "ngay": b}, "xlsx")), sheet_name=None)
    assert list(book) == ["gio", "ngay"] and book["ngay"]["x"].tolist() == [1, 2]


def test_an_aware_chosen_hour_is_taken_in_vietnam_local_time(network):
    local = hour_snapshot(hourly_aqi(network), network, ["A", "B"], DAY + pd.Timedelta(hours=10))
    aware = hour_snapshot(hourly_aqi(network), network, ["A", "B"], pd.Timestamp("2026-01-01 03:30", tz="UTC"))
    pd.testing.assert_frame_equal(aware, local)  # 03:30 UTC is 10:30 in Hà Nội: the 10:00 hour
    assert aware.set_index("station_id").loc["B", "hours_since"] == 7.0


def test_measurements_with_aware_times_give_the_same_snapshot_as_local_ones(network):
    aware = network.assign(time=network["time"].dt.tz_localize("Asia/Ho_Chi_Minh").dt.tz_convert("UTC"))
    at = DAY + pd.Timedelta(hours=10)
    pd.testing.assert_frame_equal(hour_snapshot(hourly_aqi(aware), aware, ["A", "B", "C"], at),
                                  hour_snapshot(hourly_aqi(network), network, ["A", "B", "C"], at))  # fmt: skip


def test_an_aware_datetime_names_the_local_day_it_falls_on():
    frame = pd.concat([rows("A", 0, 24, pm25=30.0), rows("A", 24, 24, pm25=55.0)], ignore_index=True)
    table = daily_aqi(frame)
    late_utc = dt.datetime(2026, 1, 1, 20, 0, tzinfo=dt.UTC)  # 03:00 on 2 January in Vietnam
    assert day_snapshot(table, frame, ["A"], late_utc).iloc[0]["vn_aqi"] == 108  # the 2 January AQI, not 60


def test_in_period_converts_aware_times_and_bounds_to_local_days():
    utc = pd.DataFrame({"time": pd.to_datetime(["2026-01-01 16:30", "2026-01-01 17:30"]).tz_localize("UTC")})
    # 23:30 on 1 January and 00:30 on 2 January in Vietnam
    assert in_period(utc, "time", dt.date(2026, 1, 2), dt.date(2026, 1, 2))["time"].tolist() == [utc["time"].iloc[1]]
    bound = dt.datetime(2026, 1, 1, 18, 0, tzinfo=dt.UTC)  # 01:00 on 2 January in Vietnam
    assert len(in_period(utc, "time", bound, bound)) == 1
