"""Rows of a dataset as the store keeps them: a canonical JSON key, canonical JSON data, WKB geometry — and back.

Encoding is canonical (sorted keys, no spaces, floats as Python writes them, NaN as null, times as
``YYYY-MM-DD HH:MM:SS``) so that an unchanged row encodes to the same text and compares equal: a write stores only
rows whose content differs. Geometry is stored as 2-D WKB in EPSG:4326; point datasets get their point from
``lon``/``lat`` when the frame has no geometry.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.store.catalog import Dataset
from geo.store.schema import DType

Encoded = tuple[str, bytes | None]  # (data JSON, WKB)
CRS = "EPSG:4326"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _time(value: object, fmt: str) -> str:
    return pd.Timestamp(value).strftime(fmt)  # type: ignore[arg-type]


_TO_JSON: dict[DType, Callable[[Any], object]] = {
    "str": str,
    "int": lambda v: int(v),
    "float": lambda v: float(v),
    "bool": lambda v: bool(v),
    "datetime": lambda v: _time(v, "%Y-%m-%d %H:%M:%S"),
    "date": lambda v: _time(v, "%Y-%m-%d"),
}


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def key_of(ds: Dataset, values: Mapping[str, object]) -> str:
    """The row key: the key columns' encoded values as a JSON list."""
    return dumps([values[k] for k in ds.keys])


def _geometries(ds: Dataset, frame: pd.DataFrame) -> list[bytes | None]:
    if ds.geometry is None:
        return [None] * len(frame)
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
        geoms = frame.geometry if frame.crs is None else frame.geometry.to_crs(CRS)
        values = geoms.to_numpy()
    else:
        lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype=float)
        lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype=float)
        values = np.asarray(shapely.points(lon, lat), dtype=object)
        values[np.isnan(lon) | np.isnan(lat)] = None
    wkb = shapely.to_wkb(values, output_dimension=2)
    return [None if w is None else bytes(w) for w in wkb]


def encode(ds: Dataset, frame: pd.DataFrame) -> dict[str, Encoded]:
    """``{row key: (data JSON, WKB)}`` of a typed frame with the dataset's columns."""
    converters = [(c.name, _TO_JSON[c.dtype]) for c in ds.columns]
    geoms = _geometries(ds, frame)
    out: dict[str, Encoded] = {}
    records = frame[list(ds.column_names)].to_dict("records")
    for record, geom in zip(records, geoms, strict=True):
        data = {name: None if _missing(record[name]) else conv(record[name]) for name, conv in converters}
        out[key_of(ds, data)] = (dumps(data), geom)
    return out


def decode(ds: Dataset, rows: Iterable[Encoded]) -> pd.DataFrame:
    """A typed DataFrame (GeoDataFrame in EPSG:4326 for datasets with geometry) of encoded rows, in key order."""
    rows = list(rows)
    frame = pd.DataFrame([json.loads(data) for data, _ in rows], columns=list(ds.column_names))
    for col in ds.columns:
        if col.dtype == "int":
            frame[col.name] = frame[col.name].astype("Int64")
        elif col.dtype == "float":
            frame[col.name] = frame[col.name].astype("float64")
        elif col.dtype == "bool":
            values = frame[col.name]
            frame[col.name] = values.astype(bool) if values.notna().all() else values.astype("boolean")
        elif col.dtype in ("datetime", "date"):
            frame[col.name] = pd.to_datetime(frame[col.name])
    if ds.geometry is None:
        return frame
    geoms = shapely.from_wkb(np.array([g for _, g in rows], dtype=object))
    out: pd.DataFrame = gpd.GeoDataFrame(frame, geometry=geoms, crs=CRS)
    return out


def fields(data: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(data)
    return loaded
