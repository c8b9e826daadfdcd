"""What an import expects of each dataset beyond its declaration: the columns a department's file may leave out, the
columns derived when absent, and the reshaping of a wide station export into the long hourly table.

- ``kcn_ccn``: only id, name, kind and a location (lon/lat, or X/Y) are essential; every other column may be
  missing or empty and then counts as "no data".
- ``units``: polygons the department brings (official boundaries, planning zones) become a unit set: ``name_key``,
  ``name_full`` and ``area_km2`` (measured in EPSG:9214) are derived when absent, ``unit_type`` may be empty, and
  ``unit_set`` names the set (a column, or the ``unit_set`` option).
- ``aq_hourly``: a wide export (a time column, then one column per station and pollutant: "BG01 PM2.5",
  "PM10_BG02") becomes one row per station and hour.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from geo.boundaries.names import name_key
from geo.datasets.air import POLLUTANTS
from geo.datasets.registry import dataset as declared
from geo.datasets.spec import Dataset
from geo.errors import Problem, Text
from geo.importers.steps import headers_by_column

ESSENTIAL: dict[str, tuple[str, ...]] = {"kcn_ccn": ("id", "name", "kind", "lon", "lat")}
DERIVED: dict[str, tuple[str, ...]] = {"units": ("name_full", "name_key", "area_km2", "unit_type")}


def declaration(name: str) -> Dataset:
    """The declaration an import of ``name`` checks against (its optional columns relaxed as above)."""
    ds = declared(name)
    keep = ESSENTIAL.get(name)
    loose = DERIVED.get(name, ())
    if keep is None and not loose:
        return ds
    columns = tuple(
        dataclasses.replace(c, required=False, nullable=True)
        if (keep is not None and c.name not in keep) or c.name in loose
        else c
        for c in ds.columns
    )
    return dataclasses.replace(ds, columns=columns)


def complete(frame: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """Every declared column present (a missing one empty: no data)."""
    out = frame.copy()
    for col in ds.columns:
        if col.name not in out.columns:
            out[col.name] = pd.Series([None] * len(out), index=out.index, dtype=object)
    return out


def derive_units(frame: pd.DataFrame, area_km2: pd.Series | None) -> pd.DataFrame:
    """``name_full``, ``name_key`` and ``area_km2`` when the file lacks them (the names from the column its header
    names, e.g. "TEN" or "Tên đơn vị")."""
    out = frame.copy()
    columns = headers_by_column(out.columns, declared("units"))
    if "name" in columns:
        names = out[columns["name"]].astype("string")
        if "name_full" not in columns:
            out["name_full"] = names
        if "name_key" not in columns:
            out["name_key"] = names.map(lambda n: name_key(n) if isinstance(n, str) else None)
    if "area_km2" not in columns and area_km2 is not None:
        out["area_km2"] = area_km2.round(4)
    return out


_ALIASES = sorted(
    ((h.lower(), p) for p in POLLUTANTS for h in declared("aq_hourly").column(p).headers), key=lambda hp: -len(hp[0])
)  # longest first: "pm2.5" before "pm2"
_SEP = " _|/:-"


def _station_and_pollutant(header: str) -> tuple[str, str] | None:
    """("BG01", "pm25") for "BG01 PM2.5", "PM2.5_BG01" or "BG01 - PM2,5 (µg/m³)"; None for other headers."""
    text = re.sub(r"\(.*?\)", "", header).strip().lower()
    for alias, pollutant in _ALIASES:
        if text.endswith(alias) and len(text) > len(alias) and text[-len(alias) - 1] in _SEP:
            station = header.strip()[: len(text) - len(alias)].strip(_SEP)
        elif text.startswith(alias) and len(text) > len(alias) and text[len(alias)] in _SEP:
            station = re.sub(r"\(.*?\)", "", header).strip()[len(alias) :].strip(_SEP)
        else:
            continue
        if station:
            return station, pollutant
    return None


def is_wide(frame: pd.DataFrame) -> bool:
    ds = declared("aq_hourly")
    names = {ds.header_column(c) for c in frame.columns}
    return "station_id" not in names and any(_station_and_pollutant(str(c)) for c in frame.columns)


def wide_to_long(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per station and hour from a wide export; the first row of a station's hour keeps its sheet row
    number in ``_row`` (for messages). A station whose cells are all empty at an hour measured nothing then: no row
    (in update mode an empty row would blank the stored values of that hour)."""
    ds = declared("aq_hourly")
    time_col = next((str(c) for c in frame.columns if ds.header_column(c) == "time"), None)
    if time_col is None:
        return frame, [
            Problem(
                file=file,
                row=1,
                field="time",
                code="missing_column",
                expected=Text("cột thời gian", "a time column"),
                found=", ".join(map(str, frame.columns)),
                fix=Text("thêm cột 'Thời gian'", "add a 'Time' column"),
            )
        ]
    parts: dict[str, dict[str, str]] = {}
    for col in frame.columns:
        found = _station_and_pollutant(str(col))
        if found:
            parts.setdefault(found[0], {})[found[1]] = str(col)
    rows = []
    for station, columns in parts.items():
        part = pd.DataFrame({"station_id": station, "time": frame[time_col]}, index=frame.index)
        for pollutant in POLLUTANTS:
            part[pollutant] = frame[columns[pollutant]] if pollutant in columns else None
        measured = part[list(columns)].apply(lambda v: v.astype("string").str.strip().replace("", pd.NA)).notna()
        rows.append(part[measured.any(axis=1)])  # a station's hour with every cell empty is no measurement
    return pd.concat(rows, ignore_index=True), []
