"""Hourly air-monitoring tables: the expected columns, local time, and validation with every problem listed.

An hourly table has one row per station and hour: ``station_id``, ``time`` (the hour, local time
Asia/Ho_Chi_Minh, written ``YYYY-MM-DD HH:MM`` or ISO 8601; a time with an offset such as ``+07:00`` or ``Z`` is
converted to local time) and the 1-hour means of ``pm25, pm10, o3, no2, so2, co`` in µg/m³ (an empty cell means no
value). ``tsp`` is optional (used by :mod:`geo.air.qcvn05` only). Other columns are ignored.

:func:`validate_hourly` collects every problem of a table and raises one :class:`~geo.errors.SchemaError`; row
numbers are the ones seen in a spreadsheet (header = row 1, first data row = row 2).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from geo.errors import Problem, SchemaError, Text

LOCAL_TZ: Final = "Asia/Ho_Chi_Minh"
POLLUTANTS: Final = ("pm25", "pm10", "o3", "no2", "so2", "co")
INPUT_COLUMNS: Final = ("station_id", "time", *POLLUTANTS)
OPTIONAL_COLUMNS: Final = ("tsp",)
_ALIASES: Final = {"pm2.5": "pm25", "pm2_5": "pm25", "pm_10": "pm10"}
_TIME_RE: Final = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
_OFFSET_RE: Final = r"(?:Z|[+-]\d{2}:?\d{2})$"

_TIME_EXPECTED: Final = Text(
    "thời gian dạng 'YYYY-MM-DD HH:MM' hoặc ISO 8601", "a time written 'YYYY-MM-DD HH:MM' or ISO 8601"
)
_TIME_FIX: Final = Text(
    "viết lại theo mẫu 2024-03-01 13:00 (năm-tháng-ngày giờ:phút, giờ địa phương); kiểu 01/03/2024 không được nhận",
    "rewrite it like 2024-03-01 13:00 (year-month-day hour:minute, local time); 01/03/2024 is not accepted",
)
_NUMBER_EXPECTED: Final = Text("số không âm (µg/m³) hoặc ô trống", "a non-negative number (µg/m³) or an empty cell")
_NUMBER_FIX: Final = Text(
    "dùng dấu chấm thập phân, bỏ ký hiệu như '<' hay đơn vị; để trống nếu không có số liệu",
    "use a decimal point, drop signs like '<' and units; leave the cell empty when there is no value",
)
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


def canonical_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Header names stripped and lower-cased, ``PM2.5``/``pm2_5`` read as ``pm25``."""
    names = [str(c).strip().lower() for c in frame.columns]
    return frame.set_axis([_ALIASES.get(n, n) for n in names], axis=1)


_Found = list[tuple[int, int, Problem]]


def _report(mask: npt.NDArray[np.bool_], cells: pd.Series, field: str, expected: Text, fix: Text, file: str) -> _Found:
    """One problem per flagged row (sort keys: row, then the column's place in the header order)."""
    order = (*INPUT_COLUMNS, *OPTIONAL_COLUMNS).index(field)
    flagged = np.flatnonzero(mask)
    shown = cells.iloc[flagged].astype("string").fillna("")  # only the flagged cells become text
    return [
        (int(i) + 2, order, Problem(file, int(i) + 2, field, expected, str(text), fix))
        for i, text in zip(flagged, shown, strict=True)
    ]


def _parse_times(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column.dtype) or isinstance(column.dtype, pd.DatetimeTZDtype):
        return to_local_naive(column)
    text = column.astype("string").str.strip()
    shaped = text.str.fullmatch(_TIME_RE).fillna(False).astype(bool)
    aware = shaped & text.str.contains(_OFFSET_RE).fillna(False).astype(bool)
    naive = pd.to_datetime(text.where(shaped & ~aware), format="ISO8601", errors="coerce")
    if bool(aware.any()):
        converted = pd.to_datetime(text.where(aware), format="ISO8601", errors="coerce", utc=True)
        naive = naive.where(~aware, converted.dt.tz_convert(LOCAL_TZ).dt.tz_localize(None))
    return naive


def _parse_numbers(column: pd.Series) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Values as float (NaN where empty or unreadable) and a mask of cells that are not a number."""
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
        return floats(column), np.zeros(len(column), dtype=np.bool_)
    text = column.astype("string").str.strip()
    empty = (text.isna() | (text == "")).to_numpy(dtype=bool)
    parsed = pd.to_numeric(text.where(~pd.Series(empty, index=text.index)), errors="coerce")
    values = floats(parsed)
    return values, ~empty & np.isnan(values)


def floats(column: pd.Series) -> npt.NDArray[np.float64]:
    """A numeric (possibly nullable) Series as a float64 array with NaN for missing."""
    return np.asarray(column.astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)


def validate_hourly(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check an hourly table and return it cleaned, or raise one SchemaError listing every problem.

    Checks: the required columns exist; ``station_id`` is not empty; ``time`` parses and falls on the hour;
    concentrations are non-negative numbers or empty; no station has two rows for the same hour. Returns a frame
    with ``station_id`` (str), ``time`` (datetime64, tz-naive local time) and float64 concentrations (NaN = none),
    plus ``tsp`` when the table has it. Problems are listed by row, then by column.
    """
    frame = canonical_columns(frame).reset_index(drop=True)
    problems: _Found = []
    for order, name in enumerate(INPUT_COLUMNS):
        if name not in frame.columns:
            expected = Text(f"cột '{name}' trong dòng tiêu đề", f"a column '{name}' in the header")
            fix = Text(
                f"thêm cột {name}; các cột cần có: {', '.join(INPUT_COLUMNS)}",
                f"add the column {name}; required columns: {', '.join(INPUT_COLUMNS)}",
            )
            found = ", ".join(map(str, frame.columns))
            problems.append((1, order, Problem(file, 1, name, expected, found, fix)))
    out = pd.DataFrame(index=frame.index)
    if "station_id" in frame.columns:
        station = frame["station_id"].astype("string").str.strip()
        blank = (station.isna() | (station == "")).to_numpy(dtype=bool)
        expected = Text("mã trạm không rỗng", "a non-empty station id")
        fix = Text("ghi mã trạm quan trắc vào ô này", "write the monitoring station's id in this cell")
        problems += _report(blank, station.fillna(""), "station_id", expected, fix, file)
        out["station_id"] = station.fillna("").astype(str)
    if "time" in frame.columns:
        times = _parse_times(frame["time"])
        bad = times.isna().to_numpy(dtype=bool)
        problems += _report(bad, frame["time"], "time", _TIME_EXPECTED, _TIME_FIX, file)
        off_hour = ~bad & (times != times.dt.floor("h")).to_numpy(dtype=bool)
        expected = Text("đầu giờ (phút và giây bằng 00)", "the start of an hour (minutes and seconds 00)")
        fix = Text("ghi thời điểm đầu giờ của giá trị trung bình 1 giờ, ví dụ 13:00", "write the hour's start: 13:00")
        problems += _report(off_hour, frame["time"], "time", expected, fix, file)
        out["time"] = times
    for name in (*POLLUTANTS, *OPTIONAL_COLUMNS):
        if name in frame.columns:
            values, not_number = _parse_numbers(frame[name])
            negative = values < 0
            problems += _report(not_number | np.isinf(values), frame[name], name, _NUMBER_EXPECTED, _NUMBER_FIX, file)
            problems += _report(negative, frame[name], name, _NUMBER_EXPECTED, _NEGATIVE_FIX, file)
            out[name] = np.where(not_number | negative | np.isinf(values), np.nan, values)
    if "station_id" in out.columns and "time" in out.columns:
        problems += _duplicates(out, file)
    if problems:
        problems.sort(key=lambda item: (item[0], item[1]))
        raise SchemaError([p for _, _, p in problems])
    return out


def _duplicates(out: pd.DataFrame, file: str) -> _Found:
    """Rows repeating an earlier row's station and hour (each names the first row)."""
    usable = out[(out["station_id"] != "") & out["time"].notna()]
    rows = pd.Series(usable.index.to_numpy() + 2, index=usable.index)
    first = rows.groupby([usable["station_id"], usable["time"]]).transform("min")
    repeated = (first != rows).to_numpy(dtype=bool)
    expected = Text("mỗi trạm một dòng cho mỗi giờ", "one row per station and hour")
    fix = Text("xóa dòng trùng hoặc sửa lại thời gian", "delete the repeated row or correct its time")
    found: _Found = []
    again = usable[repeated]
    labels = again["station_id"].astype(str) + " " + again["time"].dt.strftime("%Y-%m-%d %H:%M")
    for row, label, earlier in zip(rows[repeated], labels, first[repeated], strict=True):
        text = f"{label} (trùng dòng {earlier} / same as row {earlier})"
        found.append((int(row), 1, Problem(file, int(row), "time", expected, text, fix)))
    return found
