"""QCVN 05:2023/BTNMT limits: exceedances per averaging period, data completeness, stations gone quiet."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.air.qcvn05 import EXCEEDANCE_COLUMNS, QCVN05_LIMITS, completeness, exceedances, last_received, limit_series

POLLUTANTS = ("pm25", "pm10", "o3", "no2", "so2", "co")


def table(n: int, start: str = "2024-03-01 00:00", station: str = "A", **columns: object) -> pd.DataFrame:
    frame = pd.DataFrame({"station_id": station, "time": pd.date_range(start, periods=n, freq="h")})
    for name in POLLUTANTS:
        frame[name] = np.asarray(columns.get(name, np.nan), dtype=float) * np.ones(n)
    return frame


def test_limits_table_holds_the_regulations_values() -> None:
    limits = {(lim.pollutant, lim.period, lim.valid_from): lim.value for lim in QCVN05_LIMITS}
    assert limits[("so2", "1h", None)] == 350 and limits[("so2", "24h", None)] == 125
    assert limits[("co", "8h", None)] == 10000 and limits[("no2", "year", None)] == 40
    assert limits[("o3", "8h", None)] == 120 and limits[("tsp", "24h", None)] == 200
    assert limits[("pm10", "24h", None)] == 100 and limits[("pm25", "year", None)] == 25
    assert limits[("pm25", "24h", None)] == 50 and limits[("pm25", "24h", dt.date(2026, 1, 1))] == 45


def test_pm25_24h_limit_is_50_until_2025_and_45_from_2026() -> None:
    starts = np.array(["2025-12-31", "2026-01-01"], dtype="datetime64[h]")
    assert limit_series("pm25", "24h", starts).tolist() == [50.0, 45.0]
    assert np.isnan(limit_series("pm25", "1h", starts)).all()  # no 1h limit for PM2.5


def test_daily_pm25_of_47_exceeds_only_from_2026() -> None:
    result = exceedances(table(48, start="2025-12-31 00:00", pm25=47.0))
    assert result[["pollutant", "period", "value", "limit"]].values.tolist() == [["pm25", "24h", 47.0, 45.0]]
    assert result["period_start"].iloc[0] == pd.Timestamp("2026-01-01")


def test_hourly_value_equal_to_the_limit_does_not_exceed() -> None:
    frame = table(3, no2=[200.0, 200.1, 20.0])
    result = exceedances(frame)
    assert list(result.columns) == list(EXCEEDANCE_COLUMNS)
    assert result[["pollutant", "period", "value"]].values.tolist() == [["no2", "1h", 200.1]]
    assert result["period_start"].iloc[0] == pd.Timestamp("2024-03-01 01:00")


def test_8h_exceedances_are_rolling_windows_labelled_by_their_first_hour() -> None:
    # O3 100 everywhere but 130 from 10:00 to 17:00: the window 10–17 has mean 130; 09–16 and 11–18 have
    # (7·130 + 100)/8 = 126.25; 08–15 and 12–19 have 122.5; 07–14 has 118.75 (< 120, not listed).
    o3 = np.full(24, 100.0)
    o3[10:18] = 130.0
    result = exceedances(table(24, o3=o3))
    o3_8h = result[result["period"] == "8h"]
    assert [t.hour for t in o3_8h["period_start"]] == [8, 9, 10, 11, 12]
    assert o3_8h["value"].tolist() == pytest.approx([122.5, 126.25, 130.0, 126.25, 122.5])
    assert len(result[result["period"] == "1h"]) == 0  # 130 is under the 1h limit of 200


def test_8h_mean_needs_6_of_its_8_hours() -> None:
    o3 = np.full(8, 150.0)
    o3[[1, 3, 5]] = np.nan  # 5 of 8
    assert exceedances(table(8, o3=o3)).empty
    o3[5] = 150.0  # 6 of 8
    assert len(exceedances(table(8, o3=o3))) == 1


def test_24h_mean_needs_18_hours() -> None:
    pm10 = np.full(24, 120.0)
    pm10[:7] = np.nan  # 17 hours
    assert exceedances(table(24, pm10=pm10)).empty
    pm10[6] = 120.0
    assert exceedances(table(24, pm10=pm10))["period"].tolist() == ["24h"]


def test_annual_mean_needs_three_quarters_of_the_years_hours() -> None:
    year = table(8784, start="2024-01-01 00:00", no2=41.0)  # 2024 has 8784 hours
    result = exceedances(year)
    assert result[["period", "value", "limit"]].values.tolist() == [["year", 41.0, 40.0]]
    assert result["period_start"].iloc[0] == pd.Timestamp("2024-01-01")
    assert exceedances(year.iloc[:6587]).empty  # 6587 < 0.75·8784 = 6588
    assert len(exceedances(year.iloc[:6588])) == 1


def test_tsp_is_checked_when_the_table_has_it() -> None:
    frame = table(2)
    frame["tsp"] = [301.0, 10.0]
    assert exceedances(frame)[["pollutant", "period"]].values.tolist() == [["tsp", "1h"]]


def test_exceedances_of_clean_air_is_an_empty_table_with_the_columns() -> None:
    result = exceedances(table(24, pm25=10.0, no2=10.0))
    assert result.empty and list(result.columns) == list(EXCEEDANCE_COLUMNS)


def test_completeness_is_the_share_of_hours_with_a_value_per_day() -> None:
    frame = table(48, pm25=20.0, pm10=30.0, no2=5.0)
    frame.loc[:5, "pm25"] = np.nan  # day 1: PM2.5 18/24
    frame.loc[3:8, "pm10"] = np.nan  # day 1: PM10 18/24; any PM missing only at 03–05 → 21/24
    frame = frame.drop(index=range(24, 36))  # day 2: rows 12:00–23:00 only
    result = completeness(frame)
    assert result["period_start"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02")]
    assert result["pm25"].tolist() == [0.75, 0.5]
    assert result["pm10"].tolist() == [0.75, 0.5]
    assert result["any_pm"].tolist() == [21 / 24, 0.5]
    assert result["o3"].tolist() == [0.0, 0.0]


def test_completeness_gives_a_row_to_a_day_with_no_data_between_two_with_data() -> None:
    frame = pd.concat([table(24, pm25=1.0), table(24, start="2024-03-03 00:00", pm25=1.0)])
    assert completeness(frame)["any_pm"].tolist() == [1.0, 0.0, 1.0]


def test_completeness_per_month_divides_by_the_hours_of_the_month() -> None:
    result = completeness(table(24, pm25=1.0), freq="M")
    assert result["hours"].tolist() == [31 * 24] and result["pm25"].tolist() == [1 / 31]


def test_last_received_marks_stations_silent_for_more_than_6_hours_as_stale() -> None:
    frame = pd.concat(
        [
            table(3, station="A", pm25=[5.0, 5.0, np.nan]),  # last value 01:00
            table(3, station="B", no2=1.0),  # last value 02:00
            table(2, station="C"),  # never a value
        ]
    )
    result = last_received(frame, now=pd.Timestamp("2024-03-01 08:00")).set_index("station_id")
    assert result.loc["A", "last_time"] == pd.Timestamp("2024-03-01 01:00")
    assert result["hours_since"].tolist()[:2] == [7.0, 6.0]
    assert result["stale"].tolist() == [True, False, True]
    assert pd.isna(result.loc["C", "last_time"])


def test_last_received_converts_an_aware_now_to_local_time() -> None:
    now = pd.Timestamp("2024-03-01 01:00", tz="UTC")  # 08:00 in Hà Nội
    assert last_received(table(1, pm25=1.0), now=now)["hours_since"].tolist() == [8.0]
