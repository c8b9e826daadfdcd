"""VN_AQI (Decision 1459/QĐ-TCMT) as specified in DOMAIN.md §7: numbers small enough to check by hand."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from geo.air.aqi import (
    AQI_CLASSES,
    BREAKPOINTS,
    INDEX_LEVELS,
    SUB_INDEX_COLUMNS,
    classify,
    daily_aqi,
    hourly_aqi,
    nowcast,
    round_half_up,
    sub_index,
    validate_hourly,
)
from geo.errors import SchemaError

POLLUTANTS = ("pm25", "pm10", "o3", "no2", "so2", "co")
T0 = pd.Timestamp("2024-03-01 00:00")


def table(n: int, station: str = "A", start: pd.Timestamp = T0, **columns: object) -> pd.DataFrame:
    """``n`` consecutive hours of one station; pollutants not given are empty (NaN)."""
    frame = pd.DataFrame({"station_id": station, "time": pd.date_range(start, periods=n, freq="h")})
    for name in POLLUTANTS:
        frame[name] = np.asarray(columns.get(name, np.nan), dtype=float) * np.ones(n)
    return frame


def series(values: list[float], hours: list[int] | None = None, station: str = "A") -> pd.Series:
    hours = list(range(len(values))) if hours is None else hours
    times = [T0 + pd.Timedelta(hours=h) for h in hours]
    return pd.Series(values, index=pd.MultiIndex.from_arrays([[station] * len(values), times]), dtype=float)


# --- sub-indices -------------------------------------------------------------------------------------------------

BOUNDARIES = [(key, c, INDEX_LEVELS[i]) for key, points in BREAKPOINTS.items() for i, c in enumerate(points)]


@pytest.mark.parametrize(("pollutant", "conc", "expected"), BOUNDARIES)
def test_sub_index_at_every_breakpoint_equals_its_index_level(pollutant: str, conc: float, expected: float) -> None:
    assert sub_index([conc], pollutant)[0] == pytest.approx(expected)


MIDPOINTS = [
    (key, (points[i] + points[i + 1]) / 2, (INDEX_LEVELS[i] + INDEX_LEVELS[i + 1]) / 2)
    for key, points in BREAKPOINTS.items()
    for i in range(len(points) - 1)
]


@pytest.mark.parametrize(("pollutant", "conc", "expected"), MIDPOINTS)
def test_sub_index_is_linear_midway_between_breakpoints(pollutant: str, conc: float, expected: float) -> None:
    assert sub_index([conc], pollutant)[0] == pytest.approx(expected)


@pytest.mark.parametrize("pollutant", [k for k in BREAKPOINTS if k != "o3_8h"])
def test_sub_index_at_or_above_the_top_breakpoint_is_500(pollutant: str) -> None:
    top = BREAKPOINTS[pollutant][-1]
    assert sub_index([top, top + 0.1, 10 * top, math.inf], pollutant).tolist() == [500.0] * 4


def test_o3_8h_sub_index_is_300_at_400_and_not_used_above_it() -> None:
    assert sub_index([400.0], "o3_8h")[0] == 300.0
    assert np.isnan(sub_index([400.1, 1000.0], "o3_8h")).all()


def test_sub_index_of_missing_or_negative_concentration_is_nan() -> None:
    assert np.isnan(sub_index([np.nan, -0.1], "pm25")).all()


def test_sub_index_of_unknown_pollutant_raises_listing_the_keys() -> None:
    with pytest.raises(ValueError, match="pm25"):
        sub_index([1.0], "pm2.5")


def test_decisions_hourly_example_no2_118_7_gives_59_not_the_printed_60() -> None:
    # 50 + (100 - 50)/(200 - 100) · (118.7 - 100) = 59.35 → 59
    assert sub_index([118.7], "no2")[0] == pytest.approx(59.35)
    frame = table(3, pm25=10.0, no2=118.7)  # PM2.5 10 → 20, so NO2 dominates
    last = hourly_aqi(frame).iloc[-1]
    assert (last["aqi_no2"], last["vn_aqi"], last["dominant"], last["category"]) == (59, 59, "aqi_no2", "Trung bình")


# --- rounding and classes ----------------------------------------------------------------------------------------


def test_round_half_up_rounds_halves_up_unlike_pythons_round() -> None:
    assert round_half_up([0.5, 2.5, 49.5, 50.5, 50.49, 50.51]).tolist() == [1, 3, 50, 51, 50, 51]
    assert round(50.5) == 50  # what the code must not use


def test_round_half_up_ignores_float_noise_below_one_millionth() -> None:
    assert round_half_up([51.5 - 1e-12, 51.4999999999, 51.49999]).tolist() == [52, 52, 51]


def test_an_exact_half_computed_in_floats_still_rounds_up() -> None:
    # O3 1h 161.2: 50 + 50/40 · 1.2 = 51.5 exactly, but floats give 51.499999999999986
    value = sub_index([161.2], "o3_1h")[0]
    assert value < 51.5 and math.floor(value + 0.5) == 51
    assert round_half_up(value) == 52
    assert hourly_aqi(table(2, pm25=5.0, o3=161.2))["aqi_o3"].tolist() == [52, 52]


@pytest.mark.parametrize(
    ("aqi", "vi", "en", "colour"),
    [
        (0, "Tốt", "Good", "#00E400"),
        (50, "Tốt", "Good", "#00E400"),
        (50.4, "Tốt", "Good", "#00E400"),
        (50.5, "Trung bình", "Moderate", "#FFFF00"),
        (51, "Trung bình", "Moderate", "#FFFF00"),
        (100, "Trung bình", "Moderate", "#FFFF00"),
        (101, "Kém", "Poor", "#FF7E00"),
        (150, "Kém", "Poor", "#FF7E00"),
        (151, "Xấu", "Bad", "#FF0000"),
        (200, "Xấu", "Bad", "#FF0000"),
        (201, "Rất xấu", "Very bad", "#8F3F97"),
        (300, "Rất xấu", "Very bad", "#8F3F97"),
        (301, "Nguy hại", "Hazardous", "#7E0023"),
        (500, "Nguy hại", "Hazardous", "#7E0023"),
    ],
)
def test_classify_gives_the_official_class_names_and_colours(aqi: float, vi: str, en: str, colour: str) -> None:
    names = classify([aqi])
    assert (names[0][0], names[1][0], names[2][0]) == (vi, en, colour)


def test_classify_missing_aqi_is_na_and_keeps_the_series_index() -> None:
    vi, en, colour = classify(pd.Series([pd.NA, 75], index=[10, 11], dtype="Int64"))
    assert vi.isna().tolist() == [True, False] and en.isna()[10] and colour.isna()[10]
    assert vi.index.tolist() == [10, 11] and vi[11] == "Trung bình"


def test_aqi_classes_table_covers_0_to_500_without_gaps() -> None:
    assert [(c.low, c.high) for c in AQI_CLASSES] == [
        (0, 50),
        (51, 100),
        (101, 150),
        (151, 200),
        (201, 300),
        (301, 500),
    ]


# --- NowCast -----------------------------------------------------------------------------------------------------


def test_nowcast_of_a_constant_twelve_hours_is_that_constant() -> None:
    assert nowcast(series([30.0] * 12)).iloc[-1] == pytest.approx(30.0)


def test_nowcast_normalises_weights_when_w_is_one_half() -> None:
    # c1 = 20, c2 = 10: w* = 10/20 = ½ → w = ½; (20 + ½·10)/(1 + ½) = 16.667.
    # The decision's literal un-normalised form ½·20 + ¼·10 = 12.5 would be biased low.
    assert nowcast(series([10.0, 20.0])).iloc[-1] == pytest.approx(50 / 3)


def test_nowcast_with_w_above_one_half_uses_w_equal_min_over_max() -> None:
    # c1 = 30, c2 = 20, c3 = 24: w = 20/30 = ⅔; (30 + ⅔·20 + 4/9·24)/(1 + ⅔ + 4/9) = 54/(19/9) = 25.5789…
    assert nowcast(series([24.0, 20.0, 30.0])).iloc[-1] == pytest.approx(54 * 9 / 19)


def test_nowcast_uses_all_twelve_hours_with_geometric_weights() -> None:
    # c1 = 10, c2…c12 = 40: w* = ¼ → ½; (10 + 40·(1 − ½¹¹))/(2 − ½¹¹) = 49.98046875/1.99951171875
    values = [40.0] * 11 + [10.0]
    assert nowcast(series(values)).iloc[-1] == pytest.approx(49.98046875 / 1.99951171875)
    assert nowcast(series([99.0, *values])).iloc[-1] == pytest.approx(49.98046875 / 1.99951171875)  # 13th ignored


def test_nowcast_needs_two_of_the_three_latest_hours() -> None:
    # c1 present, c2 and c3 missing, c4…c12 present: undefined
    assert np.isnan(nowcast(series([40.0] * 9 + [np.nan, np.nan, 40.0])).iloc[-1])
    # c1 missing, c2 = 10, c3 = 20: w = ½; (½·10 + ¼·20)/(½ + ¼) = 13.333
    assert nowcast(series([20.0, 10.0, np.nan])).iloc[-1] == pytest.approx(40 / 3)
    assert np.isnan(nowcast(series([20.0])).iloc[-1])


def test_nowcast_inserts_missing_hours_so_a_gap_weighs_zero() -> None:
    # rows at 00:00 = 10, 01:00 = 20, 03:00 = 40 (02:00 absent); w* = 10/40 → ½.
    # 03:00: c1 = 40, c2 = missing, c3 = 20, c4 = 10: (40 + ¼·20 + ⅛·10)/(1 + ¼ + ⅛) = 33.636…
    # 02:00 (inserted): c2 = 20, c3 = 10: (½·20 + ¼·10)/(½ + ¼) = 16.667
    result = nowcast(series([10.0, 20.0, 40.0], hours=[0, 1, 3]))
    assert [t.hour for t in result.index.get_level_values(1)] == [0, 1, 2, 3]
    assert result.iloc[3] == pytest.approx(46.25 / 1.375)
    assert result.iloc[2] == pytest.approx(50 / 3)


def test_nowcast_never_mixes_stations() -> None:
    both = pd.concat([series([100.0] * 12, station="A"), series([10.0], hours=[12], station="B")])
    result = nowcast(both)
    assert np.isnan(result.loc[("B", T0 + pd.Timedelta(hours=12))])
    assert result.loc[("A", T0 + pd.Timedelta(hours=11))] == pytest.approx(100.0)


def test_nowcast_is_not_monotone_in_older_hours_because_w_depends_on_the_maximum() -> None:
    # c1 = 6, c2…c12 = 10: w = 0.6, NowCast = (6 + 10·(S − 1))/S with S = (1 − 0.6¹²)/0.4 → 8.3965.
    # Raising c12 to 12 makes w = ½ and NowCast exactly 8: a property of the method, kept as specified.
    assert nowcast(series([10.0] * 11 + [6.0])).iloc[-1] == pytest.approx(8.39651, abs=1e-5)
    assert nowcast(series([12.0] + [10.0] * 10 + [6.0])).iloc[-1] == pytest.approx(8.0)


# --- hourly AQI --------------------------------------------------------------------------------------------------


def test_hourly_aqi_columns_and_dtypes() -> None:
    result = hourly_aqi(table(2, pm25=30.0))
    assert list(result.columns) == ["station_id", "time", *SUB_INDEX_COLUMNS, "vn_aqi", "category", "dominant"]
    assert all(str(result[c].dtype) == "Int64" for c in [*SUB_INDEX_COLUMNS, "vn_aqi"])
    assert str(result["category"].dtype) == "string" and str(result["dominant"].dtype) == "string"


def test_hourly_aqi_without_pm_has_sub_indices_but_no_aqi() -> None:
    result = hourly_aqi(table(3, no2=150.0, o3=100.0))
    assert result["aqi_no2"].tolist() == [75] * 3
    assert result[["vn_aqi", "category", "dominant"]].isna().all().all()


def test_hourly_aqi_with_pm10_only_is_published() -> None:
    # PM10 100 → 50 + 50·(100 − 50)/100 = 75
    assert hourly_aqi(table(2, pm10=100.0))["vn_aqi"].tolist() == [pd.NA, 75]  # NowCast needs 2 hours


def test_hourly_aqi_is_the_largest_rounded_sub_index() -> None:
    # PM2.5 25.2 → 50.4 → 50; NO2 101 → 50.5 → 51
    last = hourly_aqi(table(2, pm25=25.2, no2=101.0)).iloc[-1]
    assert (last["aqi_pm25"], last["aqi_no2"], last["vn_aqi"], last["dominant"]) == (50, 51, 51, "aqi_no2")


def test_hourly_aqi_ties_go_to_pm25_then_pm10_o3_no2_so2_co() -> None:
    last = hourly_aqi(table(2, pm25=25.0, pm10=50.0, o3=160.0, no2=100.0)).iloc[-1]  # all exactly 50
    assert last["dominant"] == "aqi_pm25"
    last = hourly_aqi(table(2, pm25=5.0, o3=160.0, no2=100.0, so2=125.0)).iloc[-1]  # O3 = NO2 = SO2 = 50
    assert last["dominant"] == "aqi_o3"


def test_hourly_aqi_fills_each_stations_missing_hours() -> None:
    frame = table(4, pm25=40.0).drop(index=[2])
    result = hourly_aqi(frame)
    assert len(result) == 4 and result["aqi_pm25"].tolist() == [pd.NA, 80, 80, 80]  # hour 2: NowCast of c2, c3


def test_hourly_aqi_converts_aware_times_to_local_naive_time() -> None:
    frame = table(2, pm25=25.0)
    frame["time"] = pd.date_range("2024-03-01 00:00", periods=2, freq="h", tz="UTC")
    assert hourly_aqi(frame)["time"].tolist() == [pd.Timestamp("2024-03-01 07:00"), pd.Timestamp("2024-03-01 08:00")]


# --- daily AQI ---------------------------------------------------------------------------------------------------


def test_decisions_daily_example_gives_110() -> None:
    # O3: max 1h 114.6 (→ 35.8) and max 8h 89.3 (→ 44.65 → 45): the 8h window 08–15 holds 114.6, 64.0 and six
    # 89.3 (mean 714.4/8 = 89.3); every other window holds fewer of them and zeros. NO2 max 1h 130.8 → 65.4;
    # PM2.5 24h mean 55.7 → 100 + 50/30·5.7 = 109.5 → 110.
    o3 = np.zeros(24)
    o3[8:16] = [114.6, 64.0] + [89.3] * 6
    no2 = np.full(24, 20.0)
    no2[5] = 130.8
    frame = table(24, pm25=55.7)
    frame["o3"], frame["no2"] = o3, no2
    row = daily_aqi(frame).iloc[0]
    assert (row["aqi_o3"], row["aqi_no2"], row["aqi_pm25"]) == (45, 65, 110)
    assert (row["vn_aqi"], row["category"], row["dominant"]) == (110, "Kém", "aqi_pm25")
    assert row["date"] == dt.date(2024, 3, 1)


def test_daily_o3_8h_mean_above_400_is_not_used() -> None:
    # O3 450 all day: 8h mean 450 > 400 is dropped; 1h table: 200 + 100·(450 − 400)/400 = 212.5 → 213
    assert daily_aqi(table(24, pm25=10.0, o3=450.0))["aqi_o3"].iloc[0] == 213
    # O3 400 all day: the 8h table gives 300, larger than the 1h table's 200
    assert daily_aqi(table(24, pm25=10.0, o3=400.0))["aqi_o3"].iloc[0] == 300


def test_daily_pm_uses_the_24h_mean_not_nowcast() -> None:
    frame = table(24, pm25=0.0)
    frame.loc[12:, "pm25"] = 100.0  # mean 50 → 100
    assert daily_aqi(frame)["aqi_pm25"].iloc[0] == 100


def test_daily_statistics_need_18_hours_of_the_pollutant() -> None:
    frame = table(24, pm25=30.0, no2=150.0)
    frame.loc[:5, "pm25"] = np.nan  # 18 hours left
    frame.loc[:6, "no2"] = np.nan  # 17 hours left
    row = daily_aqi(frame).iloc[0]
    assert row["aqi_pm25"] == 60 and pd.isna(row["aqi_no2"])
    frame.loc[6, "pm25"] = np.nan  # 17 hours
    assert pd.isna(daily_aqi(frame)["vn_aqi"].iloc[0])


def test_daily_8h_mean_needs_6_of_its_8_hours() -> None:
    # O3 200 every 4th hour only: 1h max 200 (→ 100); no 8h window has 6 values, so the 8h table is unused
    frame = table(24, pm25=10.0, o3=0.0)
    frame.loc[frame.index % 4 != 0, "o3"] = np.nan
    frame.loc[frame.index % 4 == 0, "o3"] = 200.0
    assert len(frame.dropna(subset=["o3"])) == 6  # fewer than 18 hours: no O3 at all
    assert pd.isna(daily_aqi(frame)["aqi_o3"].iloc[0])
    frame["o3"] = 110.0  # 8h mean 110 → 75, 1h 110 → 34.4
    frame.loc[[3, 7, 11], "o3"] = np.nan  # 21 hours; each window still has ≥ 6
    assert daily_aqi(frame)["aqi_o3"].iloc[0] == 75


# --- monotonicity (hypothesis) -----------------------------------------------------------------------------------

concentration = st.one_of(st.just(math.nan), st.floats(0, 700, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(
    history=st.lists(st.tuples(*[concentration] * 6), min_size=3, max_size=14),
    pollutant=st.sampled_from(POLLUTANTS),
    step=st.floats(0.01, 300),
)
def test_hourly_aqi_never_falls_when_a_current_concentration_rises(
    history: list[tuple[float, ...]], pollutant: str, step: float
) -> None:
    frame = table(len(history))
    frame[list(POLLUTANTS)] = np.array(history)
    column = POLLUTANTS.index(pollutant)
    assume(not math.isnan(history[-1][column]))
    higher = frame.copy()
    higher.loc[higher.index[-1], pollutant] += step
    before, after = hourly_aqi(frame).iloc[-1], hourly_aqi(higher).iloc[-1]
    assert pd.isna(before["vn_aqi"]) == pd.isna(after["vn_aqi"])
    if not pd.isna(before["vn_aqi"]):
        assert after["vn_aqi"] >= before["vn_aqi"]


@settings(max_examples=40, deadline=None)
@given(
    day=st.lists(st.tuples(*[st.floats(0, 390)] * 6), min_size=24, max_size=24),
    hour=st.integers(0, 23),
    pollutant=st.sampled_from(POLLUTANTS),
    step=st.floats(0.01, 10),
)
def test_daily_aqi_never_falls_when_an_hourly_concentration_rises_with_o3_at_most_400(
    day: list[tuple[float, ...]], hour: int, pollutant: str, step: float
) -> None:
    frame = table(24)
    frame[list(POLLUTANTS)] = np.array(day)
    higher = frame.copy()
    higher.loc[hour, pollutant] += step
    assert daily_aqi(higher)["vn_aqi"].iloc[0] >= daily_aqi(frame)["vn_aqi"].iloc[0]


@settings(max_examples=200, deadline=None)
@given(key=st.sampled_from(sorted(BREAKPOINTS)), low=st.floats(0, 4000), high=st.floats(0, 4000))
def test_sub_index_is_non_decreasing(key: str, low: float, high: float) -> None:
    low, high = min(low, high), max(low, high)
    if key == "o3_8h" and high > 400:
        return  # not defined above 400
    assert sub_index([low], key)[0] <= sub_index([high], key)[0]


# --- validation --------------------------------------------------------------------------------------------------


def raw_table(*rows: list[object]) -> pd.DataFrame:
    """A table as read from a CSV of strings (empty cell = None)."""
    return pd.DataFrame(list(rows), columns=["station_id", "time", *POLLUTANTS], dtype=object)


def test_validate_hourly_lists_every_problem_with_its_spreadsheet_row() -> None:
    frame = raw_table(
        ["A", "2024-03-01 00:00", "12.5", "", "", "", "", ""],  # row 2: fine
        ["", "2024-03-01 01:00", "-3", "", "", "", "", ""],  # row 3: no station, negative PM2.5
        ["A", "2024-13-01 02:00", "abc", "", "", "", "", "2,000"],  # row 4: no month 13, text, 2000 or 2?
        ["A", "2024-03-01 00:00", "", "", "", "", "", ""],  # row 5: repeats row 2
        ["B", "2024-03-01 00:30", "", "", "", "", "", ""],  # row 6: not on the hour
    )
    with pytest.raises(SchemaError) as info:
        validate_hourly(frame, file="tram.csv")
    problems = info.value.problems
    assert [(p.row, p.field) for p in problems] == [
        (3, "station_id"),
        (3, "pm25"),
        (4, "time"),
        (4, "pm25"),
        (4, "co"),
        (5, "time"),
        (6, "time"),
    ]
    assert all(p.file == "tram.csv" for p in problems)
    assert problems[3].found == "abc" and problems[4].found == "2,000"
    assert problems[4].expected.en == "a number that reads only one way"
    assert "dòng 2" in str(problems[5].found)
    text_vi, text_en = info.value.render("vi"), info.value.render("en")
    assert "Tệp tram.csv, dòng 4, cột time" in text_vi and "Cách sửa" in text_vi
    assert "File tram.csv, row 4, field time" in text_en and "Fix:" in text_en


def test_validate_hourly_reads_day_first_times_and_decimal_commas() -> None:
    frame = raw_table(["A", "01/03/2024 02:00", "12,5", "", "", "", "", "1.234,5"])
    clean = validate_hourly(frame, file="x.csv")
    assert clean["time"].iloc[0] == pd.Timestamp("2024-03-01 02:00")
    assert (clean["pm25"].iloc[0], clean["co"].iloc[0]) == (12.5, 1234.5)


def test_validate_hourly_reports_missing_columns_on_the_header_row() -> None:
    frame = pd.DataFrame({"station_id": ["A"], "time": ["2024-03-01 00:00"], "pm25": [1.0]})
    with pytest.raises(SchemaError) as info:
        validate_hourly(frame, file="x.csv")
    assert [(p.row, p.field) for p in info.value.problems] == [(1, c) for c in ("pm10", "o3", "no2", "so2", "co")]


def test_validate_hourly_returns_clean_dtypes_and_accepts_iso_times() -> None:
    frame = raw_table(
        [" A ", "2024-03-01 00:00", "1", "", "", "", "", ""],
        ["A", "2024-03-01T01:00:00", "2.5", None, "", "", "", ""],
        ["A", "2024-03-01T02:00+07:00", "", "", "", "", "", ""],
        ["A", "2024-02-29T20:00:00Z", "", "", "", "", "", ""],  # 03:00 local
    )
    clean = validate_hourly(frame, file="x.csv")
    assert clean["station_id"].tolist() == ["A"] * 4
    assert [t.hour for t in clean["time"]] == [0, 1, 2, 3]
    assert clean["pm25"].dtype == np.float64 and clean["pm25"].tolist()[:2] == [1.0, 2.5]
    assert np.isnan(clean["pm10"]).all()


def test_validate_hourly_reads_pm2_5_headers_and_numeric_columns() -> None:
    frame = pd.DataFrame({"Station_ID": ["A"], "Time": ["2024-03-01 00:00"], "PM2.5": [3.0], "PM10": [4.0]})
    for name in ("o3", "no2", "so2", "co"):
        frame[name] = np.nan
    assert validate_hourly(frame, file="x.csv")[["pm25", "pm10"]].iloc[0].tolist() == [3.0, 4.0]
