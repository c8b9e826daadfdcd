"""A complete hourly index per station, laid out for vectorised moving windows and per-period reductions.

Every station's rows are placed on its own complete hourly range (first to last hour it reports); hours with no
row become NaN, so a moving window always spans real clock hours, never "the previous rows". The stations sit one
after another in one flat array, each preceded by :data:`PAD` NaN slots, so a window of up to ``PAD + 1`` hours
ending at any of a station's hours never reaches into the station before it. The value i hours before slot q is
then simply ``flat[q - i]``: shifted views (NowCast) or ``sliding_window_view`` (rolling means) over the one flat
array serve every station at once, without a loop over rows or stations.

Hours are counted since 1970-01-01 00:00 local time (Vietnam has no daylight saving, so days are 24 hours).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from geo.air.input import to_local_naive
from geo.errors import Problem, SchemaError, Text

PAD: Final = 11  # NaN slots before each station: enough for a 12-hour window (NowCast)
CHUNK: Final = 1 << 17  # windows processed at a time: bounds the temporaries to a few MB
_TIME_NEEDED: Final = Text("thời gian của mỗi dòng", "a time on every row")
_TIME_FIX: Final = Text(
    "điền thời gian, hoặc kiểm tra bảng bằng geo.air.aqi.validate_hourly trước",
    "fill it in, or check the table with geo.air.aqi.validate_hourly first",
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class HourlyGrid:
    """Complete hourly rows per station, sorted by station then hour."""

    stations: pd.Index  # station labels, sorted; ``code`` indexes into it
    code: IntArray  # per grid row
    hour: IntArray  # per grid row: hours since 1970-01-01 00:00 local time
    slot: IntArray  # per grid row: position in the padded flat arrays
    row_slot: IntArray  # per input row: position in the padded flat arrays
    size: int  # length of the padded flat arrays

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> HourlyGrid:
        """Grid of a frame with ``station_id`` and ``time``; a station given twice for one hour is a SchemaError."""
        times = to_local_naive(frame["time"].reset_index(drop=True))
        if bool(times.isna().any()):
            rows = np.flatnonzero(times.isna().to_numpy(dtype=bool)) + 2
            raise SchemaError([Problem(None, int(r), "time", _TIME_NEEDED, "", _TIME_FIX) for r in rows])
        hours = times.to_numpy().astype("datetime64[h]").astype(np.int64)
        codes, stations = pd.factorize(frame["station_id"].reset_index(drop=True), sort=True)
        return cls.build(codes.astype(np.int64), hours, pd.Index(stations))

    @classmethod
    def build(cls, codes: IntArray, hours: IntArray, stations: pd.Index) -> HourlyGrid:
        n_stations = len(stations)
        first = np.full(n_stations, np.iinfo(np.int64).max)
        last = np.full(n_stations, np.iinfo(np.int64).min)
        np.minimum.at(first, codes, hours)
        np.maximum.at(last, codes, hours)
        length = np.where(last >= first, last - first + 1, 0)
        start = np.cumsum(length + PAD) - length  # first data slot of each station (after its padding)
        row_slot = start[codes] + hours - first[codes]
        size = int(length.sum() + PAD * n_stations)
        counts = np.bincount(row_slot, minlength=size)
        if bool((counts > 1).any()):
            dup = np.flatnonzero(counts[row_slot] > 1) + 2
            expected = Text("mỗi trạm một dòng cho mỗi giờ", "one row per station and hour")
            fix = Text("bỏ các dòng trùng giờ", "drop the repeated hours")
            raise SchemaError([Problem(None, int(r), "time", expected, "", fix) for r in dup])
        code = np.repeat(np.arange(n_stations, dtype=np.int64), length)
        within = np.arange(int(length.sum()), dtype=np.int64) - np.repeat(np.cumsum(length) - length, length)
        return cls(stations, code, first[code] + within, start[code] + within, row_slot, size)

    def padded(self, values: npt.ArrayLike) -> FloatArray:
        """The input rows' values placed in the padded flat layout (NaN elsewhere)."""
        flat = np.full(self.size, np.nan)
        flat[self.row_slot] = np.asarray(values, dtype=np.float64)
        return flat

    def on_grid(self, values: npt.ArrayLike) -> FloatArray:
        """The input rows' values on the grid rows (NaN for the hours with no row)."""
        return self.padded(values)[self.slot]

    def station_labels(self) -> npt.NDArray[np.object_]:
        return np.asarray(self.stations.to_numpy(dtype=object)[self.code], dtype=np.object_)

    def times(self) -> pd.Series:
        return pd.Series(self.hour.astype("datetime64[h]").astype("datetime64[s]"))


def window_apply(flat: FloatArray, hours: int, kernel: Callable[[FloatArray], FloatArray]) -> FloatArray:
    """``kernel`` applied to the windows of ``hours`` slots ending at each slot (oldest first in each window row).

    Slots before the first full window get NaN. Work runs in chunks of :data:`CHUNK` windows.
    """
    out = np.full(flat.shape, np.nan)
    if len(flat) < hours:
        return out
    windows = sliding_window_view(flat, hours)
    for begin in range(0, len(windows), CHUNK):
        part = windows[begin : begin + CHUNK]
        out[begin + hours - 1 : begin + hours - 1 + len(part)] = kernel(part)
    return out


def rolling_mean(flat: FloatArray, hours: int, min_hours: int) -> FloatArray:
    """Mean of the ``hours`` hours ending at each slot, where at least ``min_hours`` of them have a value."""

    def kernel(block: FloatArray) -> FloatArray:
        present = ~np.isnan(block)
        count = present.sum(axis=1)
        total = np.where(present, block, 0.0).sum(axis=1)
        return np.where(count >= min_hours, total / np.maximum(count, 1), np.nan)

    return window_apply(flat, hours, kernel)


@dataclass(frozen=True)
class Periods:
    """Grid rows grouped into calendar periods (day, month or year) per station."""

    starts: IntArray  # first grid row of each group
    code: IntArray  # station code of each group
    start: npt.NDArray[np.datetime64]  # period start of each group (datetime64[h])
    hours: IntArray  # length of the calendar period in hours (24 for a day)

    @classmethod
    def of(cls, grid: HourlyGrid, unit: str) -> Periods:
        """Group by calendar ``unit``: 'D' (day), 'M' (month) or 'Y' (year), in local time."""
        if unit not in ("D", "M", "Y"):
            raise ValueError(f"unit must be 'D', 'M' or 'Y', not {unit!r}")
        period = grid.hour.astype("datetime64[h]").astype(f"datetime64[{unit}]")
        new = np.ones(len(period), dtype=bool)
        new[1:] = (grid.code[1:] != grid.code[:-1]) | (period[1:] != period[:-1])
        starts = np.flatnonzero(new).astype(np.int64)
        first = period[starts]
        length = ((first + 1).astype("datetime64[h]") - first.astype("datetime64[h]")).astype(np.int64)
        return cls(starts, grid.code[starts], first.astype("datetime64[h]"), length)

    def count(self, values: FloatArray) -> IntArray:
        if len(self.starts) == 0:
            return np.zeros(0, dtype=np.int64)
        return np.add.reduceat((~np.isnan(values)).astype(np.int64), self.starts)

    def mean(self, values: FloatArray, min_hours: int) -> FloatArray:
        """Mean of each group's values where at least ``min_hours`` have one."""
        count = self.count(values)
        if len(self.starts) == 0:
            return np.zeros(0)
        total = np.add.reduceat(np.where(np.isnan(values), 0.0, values), self.starts)
        return np.where(count >= min_hours, total / np.maximum(count, 1), np.nan)

    def max(self, values: FloatArray) -> FloatArray:
        """Largest value of each group (NaN when none); NaNs are skipped."""
        if len(self.starts) == 0:
            return np.zeros(0)
        return np.fmax.reduceat(values, self.starts)
