"""Hourly air-monitoring tables: the expected columns, local time, and validation with every problem listed.

An hourly table has one row per station and hour: ``station_id``, ``time`` (the hour, local time
Asia/Ho_Chi_Minh, written ``YYYY-MM-DD HH:MM``, ``DD/MM/YYYY HH:MM`` or ISO 8601; a time with an offset such as
``+07:00`` or ``Z`` is converted to local time) and the 1-hour means of ``pm25, pm10, o3, no2, so2, co`` in µg/m³
(an empty cell means no value; Vietnamese or English decimals). The columns are declared in
:mod:`geo.datasets.air` (``AQ_HOURLY``). ``tsp`` is optional (used by :mod:`geo.air.qcvn05` only). Other
columns are ignored.

:func:`validate_hourly` collects every problem of a table and raises one :class:`~geo.errors.SchemaError`; row
numbers are the ones seen in a spreadsheet (header = row 1, first data row = row 2).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from geo.datasets.air import AQ_HOURLY
from geo.datasets.air import POLLUTANTS as POLLUTANTS
from geo.errors import Problem, SchemaError, Text
from geo.text.parse import LOCAL_TZ as LOCAL_TZ
from geo.text.parse import TIME_EXPECTED, blank_cells, parse_dates, parse_numbers

INPUT_COLUMNS: Final = tuple(c.name for c in AQ_HOURLY.columns if c.required)
OPTIONAL_COLUMNS: Final = tuple(c.name for c in AQ_HOURLY.columns if not c.required and c.dtype == "float")
_ORDER: Final = {name: i for i, name in enumerate(AQ_HOURLY.names)}
_NUMBER_EXPECTED: Final = Text("số không âm (µg/m³) hoặc ô trống", "a non-negative number (µg/m³) or an empty cell")
_NEGATIVE_FIX: Final = Text(
    "số âm là lỗi thiết bị: để trống ô này", "a negative value is an instrument fault: leave the cell empty"
)


def to_local_naive(times: pd.Series | pd.Index) -> pd.Series:
    """Times as tz-naive local time (Asia/Ho_Chi_Minh): aware times are converted, naive ones taken as local."""
    series = times.to_series(index=pd.RangeIndex(len(times))) if isinstance(times, pd.Index) else times
    if not (pd.api.types.is_datetime64_any_dtype(series.dtype) or isinstance(series.dtype, pd.DatetimeTZDtype)):
        series = pd.to_datetime(series, format="ISO8601")
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert(LOCAL_TZ).dt.tz_localize(None)
    return series


def local_timestamp(value: dt.datetime | dt.date | pd.Timestamp | str) -> pd.Timestamp:
    """One time as a tz-naive local (Asia/Ho_Chi_Minh) Timestamp: an aware time is converted (12:00 UTC → 19:00),
    a naive one or a date is taken as local time already."""
    stamp = pd.Timestamp(value)
    return stamp.tz_convert(LOCAL_TZ).tz_localize(None) if stamp.tzinfo is not None else stamp


def canonical_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Headers as declared for the hourly table ("Station_ID", "PM2.5", "pm2_5", "Thời gian" → station_id, pm25,
    time); other headers stripped and lower-cased."""
    names = [AQ_HOURLY.header_column(c) or str(c).strip().lower() for c in frame.columns]
    return frame.set_axis(names, axis=1)


def _flagged(
    mask: npt.NDArray[np.bool_], cells: pd.Series, field: str, expected: Text, fix: Text, file: str
) -> list[Problem]:
    rows = np.flatnonzero(mask)
    shown = cells.iloc[rows].astype("string").fillna("")
    return [Problem(file, int(i) + 2, field, expected, str(t), fix) for i, t in zip(rows, shown, strict=True)]


def floats(column: pd.Series) -> npt.NDArray[np.float64]:
    """A numeric (possibly nullable) Series as a float64 array with NaN for missing."""
    return np.asarray(column.astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)


def validate_hourly(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check an hourly table and return it cleaned, or raise one SchemaError listing every problem.

    Checks: the required columns exist; ``station_id`` is not empty; ``time`` reads as a date and time (see
    :mod:`geo.text.parse`) and falls on the hour; concentrations are non-negative numbers or empty (Vietnamese or
    English decimals, ambiguity reported); no station has two rows for the same hour. Returns a frame with
    ``station_id`` (str), ``time`` (datetime64, tz-naive local time) and float64 concentrations (NaN = none), plus
    ``tsp`` when the table has it. Problems are listed by row, then by column.
    """
    frame = canonical_columns(frame).reset_index(drop=True)
    problems: list[Problem] = []
    for name in INPUT_COLUMNS:
        if name not in frame.columns:
            expected = Text(f"cột '{name}' trong dòng tiêu đề", f"a column '{name}' in the header")
            fix = Text(
                f"thêm cột {name}; các cột cần có: {', '.join(INPUT_COLUMNS)}",
                f"add the column {name}; required columns: {', '.join(INPUT_COLUMNS)}",
            )
            problems.append(Problem(file, 1, name, expected, ", ".join(map(str, frame.columns)), fix))
    out = pd.DataFrame(index=frame.index)
    if "station_id" in frame.columns:
        station = frame["station_id"].astype("string").str.strip()
        blank = (station.isna() | (station == "")).to_numpy(dtype=bool)
        expected = Text("mã trạm không rỗng", "a non-empty station id")
        fix = Text("ghi mã trạm quan trắc vào ô này", "write the monitoring station's id in this cell")
        problems += _flagged(blank, station.fillna(""), "station_id", expected, fix, file)
        out["station_id"] = station.fillna("").astype(str)
    if "time" in frame.columns:
        times, found = parse_dates(frame["time"], file=file, field="time", times=True)
        blank = blank_cells(frame["time"])
        fix = Text("ghi thời điểm đầu giờ, ví dụ 2024-03-01 13:00", "write the hour, e.g. 2024-03-01 13:00")
        problems += found + _flagged(blank, frame["time"], "time", TIME_EXPECTED, fix, file)
        off_hour = times.notna().to_numpy(dtype=bool) & (times != times.dt.floor("h")).to_numpy(dtype=bool)
        expected = Text("đầu giờ (phút và giây bằng 00)", "the start of an hour (minutes and seconds 00)")
        fix = Text("ghi thời điểm đầu giờ của giá trị trung bình 1 giờ, ví dụ 13:00", "write the hour's start: 13:00")
        problems += _flagged(off_hour, frame["time"], "time", expected, fix, file)
        out["time"] = times
    for name in (*POLLUTANTS, *OPTIONAL_COLUMNS):
        if name in frame.columns:
            values, found = parse_numbers(frame[name], file=file, field=name)
            negative = (values < 0).to_numpy(dtype=bool)
            problems += found + _flagged(negative, frame[name], name, _NUMBER_EXPECTED, _NEGATIVE_FIX, file)
            out[name] = values.where(~negative).to_numpy(dtype=np.float64)
    if "station_id" in out.columns and "time" in out.columns:
        problems += _duplicates(out, file)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, _ORDER.get(p.field or "", len(_ORDER))))
        raise SchemaError(problems)
    return out


def _duplicates(out: pd.DataFrame, file: str) -> list[Problem]:
    """Rows repeating an earlier row's station and hour (each names the first row)."""
    usable = out[(out["station_id"] != "") & out["time"].notna()]
    rows = pd.Series(usable.index.to_numpy() + 2, index=usable.index)
    first = rows.groupby([usable["station_id"], usable["time"]]).transform("min")
    repeated = (first != rows).to_numpy(dtype=bool)
    expected = Text("mỗi trạm một dòng cho mỗi giờ", "one row per station and hour")
    fix = Text("xóa dòng trùng hoặc sửa lại thời gian", "delete the repeated row or correct its time")
    found: list[Problem] = []
    again = usable[repeated]
    labels = again["station_id"].astype(str) + " " + again["time"].dt.strftime("%Y-%m-%d %H:%M")
    for row, label, earlier in zip(rows[repeated], labels, first[repeated], strict=True):
        text = f"{label} (trùng dòng {earlier} / same as row {earlier})"
        found.append(Problem(file, int(row), "time", expected, text, fix))
    return found
