"""Rows of a dataset as the store keeps them: a canonical JSON key, canonical JSON data, WKB geometry — and back.

Encoding is canonical (sorted keys, no spaces, floats as Python writes them, NaN as null, times as
``YYYY-MM-DD HH:MM:SS``) so that an unchanged row encodes to the same text and compares equal: a write stores only
rows whose content differs. Geometry is stored as 2-D WKB in EPSG:4326; point datasets get their point from
``lon``/``lat`` when the frame has no geometry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.datasets.spec import DType
from geo.store.catalog import Dataset

Encoded = tuple[str, bytes | None]  # (data JSON, WKB)
CRS = "EPSG:4326"
TIME_FORMATS = {"datetime": "%Y-%m-%d %H:%M:%S", "date": "%Y-%m-%d"}


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _plain(column: pd.Series, dtype: DType) -> list[object]:
    """A column's values as JSON-ready Python values (None where missing), converted column by column."""
    missing = column.isna().to_numpy(dtype=bool)
    if dtype in ("datetime", "date"):
        text = pd.to_datetime(column).dt.strftime(TIME_FORMATS[dtype])
        values: list[object] = text.astype(object).tolist()
    elif dtype == "float":
        values = list(pd.to_numeric(column).astype("float64").tolist())
    elif dtype == "int":
        values = [int(v) for v in column.astype("Int64").fillna(0).tolist()]
    elif dtype == "bool":
        values = [bool(v) for v in column.astype("boolean").fillna(False).tolist()]
    else:
        values = [str(v) for v in column.astype(object).tolist()]
    return [None if m else v for v, m in zip(values, missing, strict=True)]


def dumps(value: object) -> str:
    return _ENCODER.encode(value)


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
    names = list(ds.column_names)
    empty = pd.Series(None, index=frame.index, dtype=object)  # an optional column the frame lacks
    columns = [_plain(frame[c.name] if c.name in frame.columns else empty, c.dtype) for c in ds.columns]
    where = [names.index(k) for k in ds.keys]
    out: dict[str, Encoded] = {}
    for values, geom in zip(zip(*columns, strict=True), _geometries(ds, frame), strict=True):
        out[dumps([values[i] for i in where])] = (dumps(dict(zip(names, values, strict=True))), geom)
    return out


def decode(ds: Dataset, rows: Iterable[Encoded]) -> pd.DataFrame:
    """A typed DataFrame (GeoDataFrame in EPSG:4326 for datasets with geometry) of encoded rows, in key order."""
    rows = list(rows)
    records = json.loads("[" + ",".join(data for data, _ in rows) + "]")  # one parse: 60,995 rows in ~0.3 s
    frame = pd.DataFrame(records, columns=list(ds.column_names))
    for col in ds.columns:
        if col.dtype == "int":
            frame[col.name] = frame[col.name].astype("Int64")
        elif col.dtype == "float":
            frame[col.name] = frame[col.name].astype("float64")
        elif col.dtype == "bool":
            values = frame[col.name]
            frame[col.name] = values.astype(bool) if values.notna().all() else values.astype("boolean")
        elif col.dtype in ("datetime", "date"):
            frame[col.name] = pd.to_datetime(frame[col.name], format=TIME_FORMATS[col.dtype])
    if ds.geometry is None:
        return frame
    geoms = shapely.from_wkb(np.array([g for _, g in rows], dtype=object))
    out: pd.DataFrame = gpd.GeoDataFrame(frame, geometry=geoms, crs=CRS)
    return out


def fields(data: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(data)
    return loaded
