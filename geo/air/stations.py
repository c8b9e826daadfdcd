"""Station status at a chosen hour or day, the rows of a period, station-id checks and tables to export.

Drawing helpers (circle sizes, legend steps, chart bands, the station nearest a click) are in
:mod:`layers.air_quality_display`.

A station's status at a chosen time (see :func:`hour_snapshot` and :func:`day_snapshot`):

- ``current``: it sent a value in the :data:`~geo.air.qcvn05.STALE_AFTER_HOURS` (6) hours before the chosen time and has
  an AQI for the chosen hour or day: coloured by its VN_AQI class.
- ``no_aqi``: it sent a value in those 6 hours but no AQI may be published (no PM2.5/PM10, too few hours).
- ``stale``: its last value is more than 6 hours older than the chosen time: never coloured as current.
- ``no_data``: it sent no value at all up to the chosen time.

For a day the chosen time is the day's last hour (23:00): a station that went quiet at 15:00 is stale for that day.

Times are Vietnam local time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). Naive times are taken as local; aware
times — a chosen hour, a day given as an aware datetime, a table's time column — are converted to local time first.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Final, Literal

import numpy as np
import pandas as pd

from geo.air.aqi import classify
from geo.air.input import local_timestamp, to_local_naive
from geo.air.qcvn05 import STALE_AFTER_HOURS, last_received
from geo.errors import Problem, SchemaError, Text
from geo.io.cells import safe_table

Status = Literal["current", "no_aqi", "stale", "no_data"]
STATUSES: Final[tuple[Status, ...]] = ("current", "no_aqi", "stale", "no_data")
SNAPSHOT_COLUMNS: Final = (
    "station_id",
    "vn_aqi",
    "category",
    "category_en",
    "colour",
    "dominant",
    "last_time",
    "hours_since",
    "status",
)


def _combine(
    values: pd.DataFrame, measurements: pd.DataFrame, stations: Sequence[str], at: pd.Timestamp
) -> pd.DataFrame:
    """One row per station in ``stations`` order: the AQI row of ``values`` (if any) and the status at ``at``."""
    seen = measurements[(to_local_naive(measurements["time"].reset_index(drop=True)) <= at).to_numpy(dtype=bool)]
    out = pd.DataFrame({"station_id": pd.Series(list(stations), dtype=object)})
    if len(seen):
        last = last_received(seen, at)[["station_id", "last_time", "hours_since"]]
        out = out.merge(last, on="station_id", how="left")
    else:
        out["last_time"], out["hours_since"] = pd.NaT, np.nan
    picked = values.drop_duplicates("station_id").set_index("station_id")
    aqi = out["station_id"].map(picked["vn_aqi"]).astype("Int64") if len(picked) else pd.Series(pd.NA, dtype="Int64")
    out["vn_aqi"] = aqi.to_numpy()
    out["dominant"] = out["station_id"].map(picked["dominant"]).astype("string") if len(picked) else pd.NA
    hours = out["hours_since"].to_numpy(dtype=float, na_value=np.nan)
    never = np.isnan(hours)
    stale = ~never & (hours > STALE_AFTER_HOURS)
    has_aqi = out["vn_aqi"].notna().to_numpy(dtype=bool)
    status = np.select([never, stale, has_aqi], ["no_data", "stale", "current"], default="no_aqi")
    out["status"] = pd.Series(status, dtype="string")
    shown = out["vn_aqi"].where(pd.Series(status == "current"))  # stale stations are never coloured as current
    vi, en, colour = classify(shown.astype("Float64"))
    out["category"], out["category_en"], out["colour"] = vi.to_numpy(), en.to_numpy(), colour.to_numpy()
    out["vn_aqi"] = shown.to_numpy()
    out["last_time"] = pd.to_datetime(out["last_time"])
    return out[list(SNAPSHOT_COLUMNS)]


def hour_snapshot(
    hourly_aqi: pd.DataFrame, measurements: pd.DataFrame, stations: Sequence[str], at: dt.datetime | pd.Timestamp
) -> pd.DataFrame:
    """Status and hourly VN_AQI of every station at the hour ``at``, columns :data:`SNAPSHOT_COLUMNS`.

    ``hourly_aqi`` is :func:`geo.air.aqi.hourly_aqi` of ``measurements`` (the validated hourly table). A naive
    ``at`` is local time; an aware one is converted to Asia/Ho_Chi_Minh (05:30 UTC is the 12:00 local hour).
    """
    when = local_timestamp(at).floor("h")
    return _combine(hourly_aqi[hourly_aqi["time"] == when], measurements, stations, when)


def day_snapshot(
    daily_aqi: pd.DataFrame, measurements: pd.DataFrame, stations: Sequence[str], day: dt.date
) -> pd.DataFrame:
    """Status and daily VN_AQI of every station on ``day``; staleness is judged at the day's last hour (23:00).
    An aware datetime names the local day it falls on (2024-03-01 20:00 UTC is 2 March in Vietnam)."""
    day = local_timestamp(day).date()
    end = pd.Timestamp(day) + pd.Timedelta(hours=23)
    return _combine(daily_aqi[daily_aqi["date"] == day], measurements, stations, end)


def in_period(table: pd.DataFrame, column: str, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Rows whose ``column`` (a time or a date) falls on the local days ``first`` … ``last``, inclusive; aware
    times (in the table or as bounds) are converted to Asia/Ho_Chi_Minh first."""
    values = to_local_naive(pd.to_datetime(table[column]).reset_index(drop=True))
    start = pd.Timestamp(local_timestamp(first).date())
    end = pd.Timestamp(local_timestamp(last).date()) + pd.Timedelta(days=1)
    keep = (values >= start) & (values < end)
    return table[keep.to_numpy(dtype=bool)]


def unknown_stations(station_ids: pd.Series, known: Sequence[str], *, file: str, first_row: int = 2) -> list[Problem]:
    """One problem per row whose ``station_id`` is not in the stations layer."""
    bad = ~station_ids.astype(str).isin(list(known)).to_numpy(dtype=bool)
    expected = Text("mã trạm có trong lớp trạm quan trắc", "a station id from the stations layer")
    fix = Text(
        f"dùng một trong: {', '.join(known)}, hoặc thêm trạm vào aq_stations.csv",
        f"use one of: {', '.join(known)}, or add the station to aq_stations.csv",
    )
    return [
        Problem(file, int(i) + first_row, "station_id", expected, str(station_ids.iloc[i]), fix)
        for i in np.flatnonzero(bad)
    ]


def check_station_ids(station_ids: pd.Series, known: Sequence[str], *, file: str) -> None:
    """Raise one :class:`SchemaError` listing every row with an unknown station id (row 2 = first data row)."""
    problems = unknown_stations(station_ids, known, file=file)
    if problems:
        raise SchemaError(problems)


def export_bytes(sheets: Mapping[str, pd.DataFrame], fmt: Literal["csv", "xlsx"]) -> bytes:
    """Tables as a download: CSV (UTF-8 with BOM, so Excel shows Vietnamese right; the first table only) or an
    Excel workbook with one sheet per table. Nothing touches the disk."""
    if fmt == "csv":
        first = next(iter(sheets.values()))
        return safe_table(first).to_csv(index=False).encode("utf-8-sig")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_table(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
