"""Loading the air-quality layers declared in :mod:`layers.air_quality`, with every problem listed by row and field.

Unlike the generic :func:`layers.loader.load`, these read unit codes as text (commune codes keep their leading zero,
``07210``), require ``lon``/``lat`` and check them, check each ``pollutants`` list, and check the hourly table's
station ids against the stations layer. A file either loads whole or raises one :class:`~geo.errors.SchemaError`.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.air.aqi import validate_hourly
from geo.air.input import POLLUTANTS
from geo.air.stations import unknown_stations
from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from layers import loader
from layers.air_quality import AQ_HOURLY, AQ_STATIONS, EMISSION_SOURCES, LOADS, METADATA
from layers.spec import LayerSpec

_YES, _NO = {"true", "1", "có", "yes", "x"}, {"false", "0", "không", "no"}
_CODES = {"id": "str", "district_2019": "str", "commune_2025": "str", "kcn_ccn": "str"}


def _token_problems(frame: pd.DataFrame, allowed: tuple[str, ...], *, file: str) -> list[Problem]:
    """Rows whose ``pollutants`` list (separated by ';') names something not in ``allowed``."""
    problems = []
    expected = Text(f"các mã cách nhau bởi ';' trong: {', '.join(allowed)}", f"';'-separated codes of {allowed}")
    fix = Text("ví dụ: " + ";".join(allowed[:2]), "for example: " + ";".join(allowed[:2]))
    for i, cell in enumerate(frame["pollutants"].astype("string").fillna("")):
        tokens = [t.strip() for t in str(cell).split(";")]
        if not all(tokens) or any(t not in allowed for t in tokens):
            problems.append(Problem(file, i + 2, "pollutants", expected, str(cell), fix))
    return problems


def _booleans(table: pd.DataFrame, spec: LayerSpec) -> pd.DataFrame:
    """Yes/no columns written as text (true/false, có/không, 1/0, any case) read as booleans; anything else is
    left as it is, so validation reports it with its row."""
    for col in spec.columns:
        if col.dtype == "bool" and col.name in table.columns and not pd.api.types.is_bool_dtype(table[col.name]):
            text = table[col.name].astype("string").str.strip().str.lower()
            table[col.name] = table[col.name].where(~text.isin(_YES | _NO), text.isin(_YES))
    return table


def _points(spec: LayerSpec, path: Path | None, allowed: tuple[str, ...]) -> gpd.GeoDataFrame:
    target = path or loader.source_path(spec.source)
    table = _booleans(io.read_table(target, dtype=_CODES), spec)
    problems = [
        Problem(
            target.name,
            1,
            name,
            Text("có cột này", "this column"),
            Text("thiếu cột", "missing column"),
            Text(f"thêm cột '{name}' (độ, WGS84)", f"add the column '{name}' (degrees, WGS84)"),
        )
        for name in ("lon", "lat")
        if name not in table.columns
    ]
    if "pollutants" in table.columns:
        problems += _token_problems(table, allowed, file=target.name)
    try:
        frame = loader.validate(table, spec, file=target.name)
    except SchemaError as exc:
        problems += exc.problems
    if problems:
        raise SchemaError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"])
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def load_stations(path: Path | None = None) -> gpd.GeoDataFrame:
    """The monitoring stations, validated; ``lon``/``lat`` kept beside the point geometry."""
    return _points(AQ_STATIONS, path, POLLUTANTS)


def load_sources(path: Path | None = None) -> gpd.GeoDataFrame:
    """The large emission sources, validated; ``lon``/``lat`` kept beside the point geometry."""
    return _points(EMISSION_SOURCES, path, tuple(LOADS))


def load_hourly(path: Path | None = None, *, stations: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The hourly measurements, validated by :func:`geo.air.aqi.validate_hourly` (every problem with its row), with
    every ``station_id`` checked against ``stations`` when given. Returns the clean table plus ``illustrative``."""
    target = path or loader.source_path(AQ_HOURLY.source)
    table = io.read_table(target, dtype={"station_id": "str", "time": "str"})
    problems: list[Problem] = []
    try:
        clean = validate_hourly(table, file=target.name)
    except SchemaError as exc:
        problems += exc.problems
    if stations is not None and "station_id" in table.columns:
        problems += unknown_stations(table["station_id"].fillna("").str.strip(), stations, file=target.name)
    flags = (
        table["illustrative"].astype("string").str.strip().str.lower()
        if "illustrative" in table.columns
        else pd.Series("false", index=table.index, dtype="string")
    )
    expected, fix = Text("true hoặc false", "true or false"), Text("ghi true hoặc false", "write true or false")
    for i in np.flatnonzero(~flags.isin(_YES | _NO).to_numpy(dtype=bool)):
        found = str(table["illustrative"].iloc[i])
        problems.append(Problem(target.name, int(i) + 2, "illustrative", expected, found, fix))
    if problems:
        raise SchemaError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    illustrative = flags.isin(_YES)
    clean["illustrative"] = illustrative.to_numpy(dtype=bool)
    return clean


def load_metadata(path: Path | None = None) -> dict[str, object]:
    """The generator's sidecar description of the shipped files (seed, period, gaps, outliers, stale station)."""
    data = io.read_json(path or loader.source_path(METADATA))
    if not isinstance(data, dict):
        raise SchemaError(
            Problem(METADATA, None, None, Text("một đối tượng JSON", "a JSON object"), type(data).__name__)
        )
    return data
