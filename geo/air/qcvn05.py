"""QCVN 05:2023/BTNMT ambient air limits (effective 12 Sep 2023): exceedances, data completeness, stale stations.

Input is the hourly table of :mod:`geo.air.input` (``station_id``, ``time`` local, ``pm25, pm10, o3, no2, so2, co``
in µg/m³, optional ``tsp``). The regulation's limits are in µg/Nm³; values are compared as given.

Averages (the same completeness rules as :mod:`geo.air.aqi`):

- 1h: each hourly value; ``period_start`` is the hour as labelled in the input.
- 8h: every rolling 8-hour mean with at least :data:`~geo.air.aqi.MIN_HOURS_8H` (6) of its 8 hours; ``period_start`` is
  its first hour (overlapping windows are each reported).
- 24h: the local calendar day's mean, with at least :data:`~geo.air.aqi.MIN_HOURS_DAY` (18) hours.
- year: the calendar year's mean of hourly values, with values for at least :data:`MIN_SHARE_YEAR` (75 %) of its hours.

A value exceeds a limit when it is strictly greater. The PM2.5 24h limit is 50 µg/m³ for days before 1 Jan 2026
and 45 µg/m³ from then on; the limit of a period is the one in force on its start date.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

import numpy as np
import pandas as pd

from geo.air.aqi import MIN_HOURS_8H, MIN_HOURS_DAY
from geo.air.grid import FloatArray, HourlyGrid, Periods, rolling_mean
from geo.air.input import OPTIONAL_COLUMNS, POLLUTANTS, canonical_columns, floats, to_local_naive

MIN_SHARE_YEAR: Final = 0.75
STALE_AFTER_HOURS: Final = 6.0
EXCEEDANCE_COLUMNS: Final = ("station_id", "pollutant", "period", "period_start", "value", "limit")


class Limit(NamedTuple):
    pollutant: str
    period: str  # '1h', '8h', '24h' or 'year'
    value: float  # µg/Nm³
    valid_from: dt.date | None = None  # first day in force (None: since the regulation)
    valid_until: dt.date | None = None  # first day no longer in force (None: still in force)


_2026: Final = dt.date(2026, 1, 1)
QCVN05_LIMITS: Final = (
    Limit("so2", "1h", 350),
    Limit("so2", "24h", 125),
    Limit("so2", "year", 50),
    Limit("co", "1h", 30000),
    Limit("co", "8h", 10000),
    Limit("no2", "1h", 200),
    Limit("no2", "24h", 100),
    Limit("no2", "year", 40),
    Limit("o3", "1h", 200),
    Limit("o3", "8h", 120),
    Limit("tsp", "1h", 300),
    Limit("tsp", "24h", 200),
    Limit("tsp", "year", 100),
    Limit("pm10", "24h", 100),
    Limit("pm10", "year", 50),
    Limit("pm25", "24h", 50, valid_until=_2026),
    Limit("pm25", "24h", 45, valid_from=_2026),
    Limit("pm25", "year", 25),
)


def limit_series(pollutant: str, period: str, starts: np.ndarray) -> FloatArray:
    """The limit in force at each period start (``datetime64`` array); NaN where none applies."""
    out = np.full(len(starts), np.nan)
    days = np.asarray(starts).astype("datetime64[D]")
    for limit in QCVN05_LIMITS:
        if limit.pollutant == pollutant and limit.period == period:
            valid = np.ones(len(days), dtype=bool)
            if limit.valid_from is not None:
                valid &= days >= np.datetime64(limit.valid_from)
            if limit.valid_until is not None:
                valid &= days < np.datetime64(limit.valid_until)
            out[valid] = limit.value
    return out


def _prepare(df: pd.DataFrame) -> tuple[HourlyGrid, dict[str, FloatArray]]:
    frame = canonical_columns(df)
    grid = HourlyGrid.from_frame(frame)
    names = [p for p in (*POLLUTANTS, *OPTIONAL_COLUMNS) if p in frame.columns]
    return grid, {p: floats(pd.to_numeric(frame[p])) for p in names}


def _averages(grid: HourlyGrid, values: FloatArray, period: str) -> tuple[np.ndarray, np.ndarray, FloatArray]:
    """(station code, period start as datetime64[h], mean) of every ``period`` average that can be formed."""
    if period == "1h":
        return grid.code, grid.hour.astype("datetime64[h]"), grid.on_grid(values)
    if period == "8h":
        mean = rolling_mean(grid.padded(values), 8, MIN_HOURS_8H)[grid.slot]
        return grid.code, (grid.hour - 7).astype("datetime64[h]"), mean
    groups = Periods.of(grid, "D" if period == "24h" else "Y")
    hourly = grid.on_grid(values)
    needed = np.full(len(groups.starts), MIN_HOURS_DAY) if period == "24h" else np.ceil(MIN_SHARE_YEAR * groups.hours)
    mean = np.where(groups.count(hourly) >= needed, groups.mean(hourly, 1), np.nan)
    return groups.code, groups.start, mean


def exceedances(df: pd.DataFrame) -> pd.DataFrame:
    """Every average above its QCVN 05:2023 limit: columns :data:`EXCEEDANCE_COLUMNS`, sorted.

    One row per station, pollutant, averaging period ('1h', '8h', '24h', 'year') and period start (a local
    Timestamp); ``value`` is the average and ``limit`` the limit in force at the period start.
    """
    grid, values = _prepare(df)
    parts = []
    for pollutant, period in dict.fromkeys((lim.pollutant, lim.period) for lim in QCVN05_LIMITS):
        if pollutant not in values:
            continue
        code, start, mean = _averages(grid, values[pollutant], period)
        limit = limit_series(pollutant, period, start)
        over = mean > limit  # NaN compares False
        parts.append(
            pd.DataFrame(
                {
                    "station_id": grid.stations.to_numpy(dtype=object)[code[over]],
                    "pollutant": pollutant,
                    "period": period,
                    "period_start": pd.Series(start[over].astype("datetime64[s]")),
                    "value": mean[over],
                    "limit": limit[over],
                }
            )
        )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EXCEEDANCE_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["station_id", "pollutant", "period", "period_start"], ignore_index=True)


def completeness(df: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """Share of the hours of each station and period that have a value, per pollutant and for 'any PM'.

    ``freq`` is 'D' (local day; hours/24), 'M' (month) or 'Y' (year). Every period from a station's first to its
    last input hour gets a row (0.0 for a period with no data); columns ``station_id``, ``period_start``, ``hours``
    (length of the period), one column per pollutant present and ``any_pm`` (PM2.5 or PM10 present).
    """
    grid, values = _prepare(df)
    groups = Periods.of(grid, freq)
    out = pd.DataFrame(
        {
            "station_id": grid.stations.to_numpy(dtype=object)[groups.code],
            "period_start": pd.Series(groups.start.astype("datetime64[s]")),
            "hours": groups.hours,
        }
    )
    hourly = {name: grid.on_grid(v) for name, v in values.items()}
    for name, v in hourly.items():
        out[name] = groups.count(v) / groups.hours
    pm = [hourly[p] for p in ("pm25", "pm10") if p in hourly]
    any_pm = np.fmax(*pm) if len(pm) == 2 else (pm[0] if pm else np.full(len(grid.code), np.nan))
    out["any_pm"] = groups.count(any_pm) / groups.hours
    return out


def last_received(df: pd.DataFrame, now: dt.datetime | pd.Timestamp) -> pd.DataFrame:
    """Per station: ``last_time`` with any value, ``hours_since`` it at ``now``, ``stale`` (> 6 h or never).

    Times are compared in local time (an aware ``now`` is converted to Asia/Ho_Chi_Minh).
    """
    frame = canonical_columns(df)
    times = to_local_naive(frame["time"].reset_index(drop=True))
    names = [p for p in (*POLLUTANTS, *OPTIONAL_COLUMNS) if p in frame.columns]
    has_value = np.zeros(len(frame), dtype=bool)
    for name in names:
        has_value |= ~np.isnan(floats(pd.to_numeric(frame[name])))
    stations = frame["station_id"].reset_index(drop=True)
    last = times.where(pd.Series(has_value)).groupby(stations, sort=True).max()
    now_local = to_local_naive(pd.Series([pd.Timestamp(now)])).iloc[0]
    hours = (now_local - last) / pd.Timedelta(hours=1)
    return pd.DataFrame(
        {
            "station_id": last.index.to_numpy(dtype=object),
            "last_time": last.to_numpy(),
            "hours_since": hours.to_numpy(dtype=float, na_value=np.nan),
            "stale": ~(hours.to_numpy(dtype=float, na_value=np.nan) <= STALE_AFTER_HOURS),
        }
    )
