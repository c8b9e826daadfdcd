"""VN_AQI per Decision 1459/QĐ-TCMT (12 Nov 2019): sub-indices, NowCast, hourly and daily AQI, classes.

Vectorised over stations and hours (see :mod:`geo.air.grid`); rules as in /work/shared/DOMAIN.md §7. Where the
decision is silent, this module chooses:

- Rounding: each sub-index is rounded half up, after rounding to 6 decimals so float noise (109.49999999999)
  cannot flip it; the AQI is the largest rounded sub-index. Rounding half up is monotone, so this is the same
  number as rounding the largest unrounded sub-index (the decision's order).
- NowCast (hourly PM): the 12 clock hours ending at the hour; hours without a value weigh 0 and the weighted mean
  is normalised for w = ½ too; it needs at least 2 of the 3 latest hours.
- Daily statistics: a day's 24h mean (PM), max 1h (O3, NO2, SO2, CO) and max 8h mean (O3) need at least
  :data:`MIN_HOURS_DAY` = 18 hours of that pollutant in the day (75 %); each 8h mean needs :data:`MIN_HOURS_8H`
  = 6 of its 8 hours (75 %). The 8h means are the rolling means ending at each hour of the day (those ending before
  07:00 reach into the evening before). Days are local calendar days.
- O3 8h: above the 8h table's top breakpoint (400 µg/m³) the 8h sub-index is not used (NaN); at 400 it is 300.
  So the daily AQI can fall when the O3 8h mean rises past 400: that is the decision's rule.
- ``dominant``: the column of the largest rounded sub-index; ties go to the first in :data:`SUB_INDEX_COLUMNS`
  (PM2.5, PM10, O3, NO2, SO2, CO; PM first because an AQI exists only with PM).
- Hourly output covers each station's complete hourly range (its first to its last input hour): an hour with no row
  is treated like a row of empty cells, and may still have a PM NowCast from the hours before it.
- Times are returned as tz-naive local time (Asia/Ho_Chi_Minh); aware input times are converted.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from geo.air.grid import FloatArray, HourlyGrid, Periods, rolling_mean
from geo.air.input import POLLUTANTS, canonical_columns, floats, validate_hourly
from geo.errors import Problem, SchemaError, Text

__all__ = [
    "AQI_CLASSES",
    "BREAKPOINTS",
    "INDEX_LEVELS",
    "MIN_HOURS_8H",
    "MIN_HOURS_DAY",
    "OUTPUT_COLUMNS",
    "SUB_INDEX_COLUMNS",
    "AqiClass",
    "classify",
    "daily_aqi",
    "hourly_aqi",
    "nowcast",
    "round_half_up",
    "sub_index",
    "validate_hourly",
]

INDEX_LEVELS: Final = (0.0, 50.0, 100.0, 150.0, 200.0, 300.0, 400.0, 500.0)
BREAKPOINTS: Final[Mapping[str, tuple[float, ...]]] = MappingProxyType(
    {  # µg/m³, at the index levels above; the O3 8h table stops at 300
        "o3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
        "o3_8h": (0, 100, 120, 170, 210, 400),
        "co": (0, 10000, 30000, 45000, 60000, 90000, 120000, 150000),
        "so2": (0, 125, 350, 550, 800, 1600, 2100, 2630),
        "no2": (0, 100, 200, 700, 1200, 2350, 3100, 3850),
        "pm10": (0, 50, 150, 250, 350, 420, 500, 600),
        "pm25": (0, 25, 50, 80, 150, 250, 350, 500),
    }
)
NOWCAST_HOURS: Final = 12
NOWCAST_MIN_RECENT: Final = 2  # of the 3 latest hours (c1, c2, c3)
MIN_HOURS_DAY: Final = 18  # hours with a value a day needs for its 24h mean, max 1h and max 8h
MIN_HOURS_8H: Final = 6  # hours with a value an 8h mean needs
SUB_INDEX_COLUMNS: Final = ("aqi_pm25", "aqi_pm10", "aqi_o3", "aqi_no2", "aqi_so2", "aqi_co")  # also tie order
OUTPUT_COLUMNS: Final = ("station_id", "time", *SUB_INDEX_COLUMNS, "vn_aqi", "category", "dominant")


class AqiClass(NamedTuple):
    low: int
    high: int
    vi: str
    en: str
    colour: str


AQI_CLASSES: Final = (
    AqiClass(0, 50, "Tốt", "Good", "#00E400"),
    AqiClass(51, 100, "Trung bình", "Moderate", "#FFFF00"),
    AqiClass(101, 150, "Kém", "Poor", "#FF7E00"),
    AqiClass(151, 200, "Xấu", "Bad", "#FF0000"),
    AqiClass(201, 300, "Rất xấu", "Very bad", "#8F3F97"),
    AqiClass(301, 500, "Nguy hại", "Hazardous", "#7E0023"),
)
_CLASS_TOPS: Final = np.array([c.high for c in AQI_CLASSES], dtype=np.float64)


def sub_index(conc: npt.ArrayLike, pollutant: str) -> FloatArray:
    """Sub-index by linear interpolation in the breakpoint table of ``pollutant`` (a key of :data:`BREAKPOINTS`).

    NaN where the concentration is missing or negative; 500 at or above the top breakpoint, except for 'o3_8h',
    whose table ends at 400 µg/m³ (index 300): above it the 8h value is not used and the result is NaN.
    """
    if pollutant not in BREAKPOINTS:
        raise ValueError(f"unknown pollutant {pollutant!r}; use one of {', '.join(BREAKPOINTS)}")
    points = np.asarray(BREAKPOINTS[pollutant], dtype=np.float64)
    levels = np.asarray(INDEX_LEVELS[: len(points)])
    c = np.asarray(conc, dtype=np.float64)
    band = np.clip(np.searchsorted(points, c, side="right") - 1, 0, len(points) - 2)
    lo, hi = points[band], points[band + 1]
    value = (levels[band + 1] - levels[band]) / (hi - lo) * (c - lo) + levels[band]
    top = points[-1]  # ≥ top → 500; but the O3 8h table is not used above its top (400 µg/m³)
    value = np.where(c > top, np.nan, value) if pollutant == "o3_8h" else np.where(c >= top, 500.0, value)
    return np.asarray(np.where(c < 0, np.nan, value), dtype=np.float64)


def round_half_up(x: npt.ArrayLike) -> FloatArray:
    """Round half up (50.5 → 51), first to 6 decimals so float error (51.4999999999) does not round down."""
    return np.asarray(np.floor(np.round(np.asarray(x, dtype=np.float64), 6) + 0.5), dtype=np.float64)


def classify(aqi: npt.ArrayLike | pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Class of each AQI value: (Vietnamese name, English name, colour hex), <NA> where the AQI is missing.

    Values are rounded half up first (50.4 is 'Tốt'); values above 500 are 'Nguy hại'.
    """
    index = aqi.index if isinstance(aqi, pd.Series) else None
    values = round_half_up(floats(aqi) if isinstance(aqi, pd.Series) else np.atleast_1d(np.asarray(aqi, float)))
    known = ~np.isnan(values) & (values >= 0)
    k = np.minimum(np.searchsorted(_CLASS_TOPS, np.where(known, values, 0.0), side="left"), len(AQI_CLASSES) - 1)
    codes = np.where(known, k, -1)
    return (
        pd.Series(_labels([c.vi for c in AQI_CLASSES], codes), index=index),
        pd.Series(_labels([c.en for c in AQI_CLASSES], codes), index=index),
        pd.Series(_labels([c.colour for c in AQI_CLASSES], codes), index=index),
    )


def _labels(names: Sequence[str], codes: npt.NDArray[np.intp]) -> pd.api.extensions.ExtensionArray:
    """``names[code]`` as a string array, <NA> where the code is -1 (fast: no Python objects per row)."""
    return pd.array(list(names), dtype="string").take(codes, allow_fill=True)


def _nowcast_flat(flat: FloatArray) -> FloatArray:
    """NowCast at every slot of a padded flat array (see :mod:`geo.air.grid`); NaN in the first 11 slots.

    The value i hours before slot q is ``flat[q - i]``, so the 12-hour window is 12 shifted views of ``flat``;
    Σ w^i·c(i+1) and Σ w^i over the hours present are evaluated by Horner's rule, one pass per lag.
    """
    out = np.full(flat.shape, np.nan)
    first = NOWCAST_HOURS - 1
    if len(flat) <= first:
        return out
    span = len(flat) - first
    lags = [flat[first - i : first - i + span] for i in range(NOWCAST_HOURS)]  # lags[i] holds c(i+1)
    high = functools.reduce(np.fmax, lags)  # NaN-skipping max and min over the hours present
    low = functools.reduce(np.fmin, lags)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(high > 0, low / high, 1.0)  # w* = min/max; all zeros → 1
    w = np.where(ratio > 0.5, ratio, 0.5)  # w = ½ when w* ≤ ½
    total, weight = np.zeros(span), np.zeros(span)
    for lag in reversed(lags):  # c12 first: total = (…(c12·w + c11)·w + …)·w + c1
        present = ~np.isnan(lag)  # a missing hour weighs 0
        total = total * w + np.where(present, lag, 0.0)
        weight = weight * w + present
    recent = sum((~np.isnan(lags[i])).astype(np.int64) for i in range(3))
    enough = recent >= NOWCAST_MIN_RECENT
    out[first:] = np.where(enough, total / np.where(enough, weight, 1.0), np.nan)
    return out


def _nowcast_grid(grid: HourlyGrid, values: npt.ArrayLike) -> FloatArray:
    return _nowcast_flat(grid.padded(values))[grid.slot]


def nowcast(series_by_station: pd.Series) -> pd.Series:
    """NowCast of hourly concentrations per station, on each station's complete hourly index.

    ``series_by_station`` is indexed by (station_id, time); hours missing from the index are inserted as NaN before
    computing, so a gap in time weighs 0 rather than shifting older hours forward. The result is indexed by
    (station_id, time) over every hour from each station's first to its last, NaN where NowCast is undefined.
    """
    index = series_by_station.index
    if not isinstance(index, pd.MultiIndex) or index.nlevels != 2:
        raise ValueError("nowcast needs a Series indexed by (station_id, time)")
    keys = pd.DataFrame({"station_id": index.get_level_values(0), "time": index.get_level_values(1)})
    grid = HourlyGrid.from_frame(keys)
    values = _nowcast_grid(grid, floats(series_by_station))
    names = [
        name if name is not None else default for name, default in zip(index.names, ("station_id", "time"), strict=True)
    ]
    out_index = pd.MultiIndex.from_arrays([grid.station_labels(), grid.times()], names=names)
    return pd.Series(values, index=out_index, name=series_by_station.name)


def _inputs(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, FloatArray]]:
    frame = canonical_columns(frame)
    missing = [c for c in ("station_id", "time", *POLLUTANTS) if c not in frame.columns]
    if missing:
        columns = ", ".join(("station_id", "time", *POLLUTANTS))
        expected = Text(f"các cột {columns}", f"the columns {columns}")
        fix = Text("thêm các cột còn thiếu (để trống nếu không đo)", "add the missing columns (empty if not measured)")
        raise SchemaError([Problem(None, 1, name, expected, "", fix) for name in missing])
    return frame, {p: floats(pd.to_numeric(frame[p])) for p in POLLUTANTS}


def _int64(values: FloatArray) -> pd.arrays.IntegerArray:
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)


def _table(
    stations: npt.ArrayLike, when: npt.ArrayLike | pd.Series, label: str, subs: dict[str, FloatArray]
) -> pd.DataFrame:
    """Rounded sub-indices, AQI (PM required), class and dominant column, one row per station and time.

    Built column by column (``subs`` is emptied as it goes) so no (rows × 6) matrix is ever held.
    """
    table = pd.DataFrame({"station_id": stations, label: when})
    best = np.full(len(table), -1.0)
    dominant = np.full(len(table), -1, dtype=np.intp)
    for j, name in enumerate(SUB_INDEX_COLUMNS):
        rounded = round_half_up(subs.pop(name))
        table[name] = _int64(rounded)
        higher = rounded > best  # strict: a tie keeps the earlier column; NaN is never higher
        best = np.where(higher, rounded, best)
        dominant = np.where(higher, j, dominant)
    has_pm = (table["aqi_pm25"].notna() | table["aqi_pm10"].notna()).to_numpy(dtype=bool)
    aqi = np.where(has_pm, best, np.nan)
    table["vn_aqi"] = _int64(aqi)
    table["category"] = classify(aqi)[0].array
    table["dominant"] = _labels(SUB_INDEX_COLUMNS, np.where(has_pm, dominant, -1))
    return table


def hourly_aqi(df: pd.DataFrame) -> pd.DataFrame:
    """Hourly VN_AQI: one row per station and hour (see the module notes), columns :data:`OUTPUT_COLUMNS`.

    PM sub-indices come from the NowCast, O3/NO2/SO2/CO from the hour's 1h mean; sub-indices and ``vn_aqi`` are
    rounded integers (Int64, <NA> where not computable); ``vn_aqi``, ``category`` and ``dominant`` are <NA> when
    neither PM2.5 nor PM10 has a sub-index.
    """
    frame, values = _inputs(df)
    grid = HourlyGrid.from_frame(frame)
    subs = {
        "aqi_pm25": sub_index(_nowcast_grid(grid, values["pm25"]), "pm25"),
        "aqi_pm10": sub_index(_nowcast_grid(grid, values["pm10"]), "pm10"),
        "aqi_o3": sub_index(grid.on_grid(values["o3"]), "o3_1h"),
        "aqi_no2": sub_index(grid.on_grid(values["no2"]), "no2"),
        "aqi_so2": sub_index(grid.on_grid(values["so2"]), "so2"),
        "aqi_co": sub_index(grid.on_grid(values["co"]), "co"),
    }
    return _table(grid.station_labels(), grid.times(), "time", subs)


def daily_aqi(df: pd.DataFrame) -> pd.DataFrame:
    """Daily VN_AQI: one row per station and local date (column ``date``, a ``datetime.date``), same columns.

    PM from the 24h mean; NO2, SO2, CO from the day's max 1h; O3 from the larger of the 1h-table sub-index of the
    max 1h and the 8h-table sub-index of the max rolling 8h mean (unused above 400 µg/m³). Each statistic needs
    :data:`MIN_HOURS_DAY` hours of that pollutant in the day.
    """
    frame, values = _inputs(df)
    grid = HourlyGrid.from_frame(frame)
    days = Periods.of(grid, "D")
    hourly = {p: grid.on_grid(values[p]) for p in POLLUTANTS}

    def daily(pollutant: str, statistic: FloatArray) -> FloatArray:
        return np.where(days.count(hourly[pollutant]) >= MIN_HOURS_DAY, statistic, np.nan)

    o3_8h = rolling_mean(grid.padded(values["o3"]), 8, MIN_HOURS_8H)[grid.slot]
    subs = {
        "aqi_pm25": sub_index(daily("pm25", days.mean(hourly["pm25"], MIN_HOURS_DAY)), "pm25"),
        "aqi_pm10": sub_index(daily("pm10", days.mean(hourly["pm10"], MIN_HOURS_DAY)), "pm10"),
        "aqi_o3": np.fmax(
            sub_index(daily("o3", days.max(hourly["o3"])), "o3_1h"),
            sub_index(daily("o3", days.max(o3_8h)), "o3_8h"),
        ),
        "aqi_no2": sub_index(daily("no2", days.max(hourly["no2"])), "no2"),
        "aqi_so2": sub_index(daily("so2", days.max(hourly["so2"])), "so2"),
        "aqi_co": sub_index(daily("co", days.max(hourly["co"])), "co"),
    }
    dates = days.start.astype("datetime64[D]").astype(object)
    return _table(grid.stations.to_numpy(dtype=object)[days.code], dates, "date", subs)
