"""Loading the air-quality datasets declared in :mod:`geo.datasets.air`, with every problem listed by row and field.

Beyond the declaration (checked by :mod:`geo.datasets`), these check each ``pollutants`` list, and the hourly
table's station ids against the stations. A file either loads whole or raises one :class:`~geo.errors.SchemaError`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.air.aqi import validate_hourly
from geo.air.input import OPTIONAL_COLUMNS
from geo.air.stations import unknown_stations
from geo.datasets import load as datasets
from geo.datasets.air import AQ_HOURLY, AQ_STATIONS, EMISSION_SOURCES, LOADS, POLLUTANTS
from geo.datasets.load import source_path
from geo.datasets.spec import Dataset
from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from geo.text.parse import parse_booleans

METADATA: Final = "data/monitoring/aq_metadata.json"
STORED_HOURLY: Final = "aq_hourly (kho dữ liệu / data store)"  # named where a problem's file would be


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


def _points(dataset: Dataset, path: Path | None, allowed: tuple[str, ...]) -> gpd.GeoDataFrame:
    target = path or source_path(dataset.source)
    frame, problems = datasets.check_file(dataset, target)
    if "pollutants" in frame.columns:
        problems += _token_problems(frame, allowed, file=target.name)
    if problems:
        raise SchemaError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    return datasets.with_points(frame)


def load_stations(path: Path | None = None) -> gpd.GeoDataFrame:
    """The monitoring stations, validated; ``lon``/``lat`` kept beside the point geometry."""
    return _points(AQ_STATIONS, path, POLLUTANTS)


def load_sources(path: Path | None = None) -> gpd.GeoDataFrame:
    """The large emission sources, validated; ``lon``/``lat`` kept beside the point geometry."""
    return _points(EMISSION_SOURCES, path, tuple(LOADS))


def load_hourly(path: Path | None = None, *, stations: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The hourly measurements, validated by :func:`geo.air.aqi.validate_hourly` (every problem with its row), with
    every ``station_id`` checked against ``stations`` when given. Returns the clean table plus ``illustrative``."""
    target = path or source_path(AQ_HOURLY.source)
    table = io.read_table(target, raw=True)
    problems: list[Problem] = []
    try:
        clean = validate_hourly(table, file=target.name)
    except SchemaError as exc:
        problems += exc.problems
    if stations is not None and "station_id" in table.columns:
        problems += unknown_stations(table["station_id"].fillna("").str.strip(), stations, file=target.name)
    flags = table["illustrative"] if "illustrative" in table.columns else pd.Series(False, index=table.index)
    illustrative, found = parse_booleans(flags, file=target.name, field="illustrative")
    problems += found
    if problems:
        raise SchemaError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    clean["illustrative"] = illustrative.fillna(False).to_numpy(dtype=bool)
    return clean


def stored_hourly(rows: pd.DataFrame, stations: tuple[str, ...]) -> pd.DataFrame:
    """The store's ``aq_hourly`` rows (validated when they were written) as :func:`load_hourly` returns them:
    ``station_id`` text, ``time`` in nanoseconds, float64 concentrations, ``tsp`` only when some row has it, plus
    ``illustrative``. Every ``station_id`` is checked against ``stations`` (the store's current stations): a station
    removed after its measurements were written is one :class:`~geo.errors.SchemaError` naming each row."""
    ids = rows["station_id"].astype(str)
    unknown = ids[~ids.isin(list(stations))].value_counts(sort=False).sort_index()
    if len(unknown):
        expected = Text("mã trạm có trong bộ dữ liệu aq_stations", "a station id of the aq_stations dataset")
        fix = Text(
            "nhập lại trạm vào aq_stations (python -m geo import aq_stations TỆP …) hoặc khôi phục phiên bản trước "
            "của aq_stations ở trang Dữ liệu",
            "import the station into aq_stations again (python -m geo import aq_stations FILE …) or restore the "
            "earlier version of aq_stations on the Data page",
        )
        raise SchemaError(
            Problem(STORED_HOURLY, None, "station_id", expected, Text(f"{sid}: {n} dòng", f"{sid}: {n} rows"), fix)
            for sid, n in unknown.items()
        )
    out = pd.DataFrame({"station_id": rows["station_id"].astype(str), "time": rows["time"].astype("datetime64[ns]")})
    for name in (*POLLUTANTS, *OPTIONAL_COLUMNS):
        if name in rows.columns and (name in POLLUTANTS or rows[name].notna().any()):
            out[name] = rows[name].to_numpy(dtype="float64", na_value=np.nan)
    out["illustrative"] = rows["illustrative"].fillna(False).to_numpy(dtype=bool)
    return out.reset_index(drop=True)


def load_metadata(path: Path | None = None) -> dict[str, object]:
    """The generator's sidecar description of the shipped files (seed, period, gaps, outliers, stale station)."""
    data = io.read_json(path or source_path(METADATA))
    if not isinstance(data, dict):
        raise SchemaError(
            Problem(METADATA, None, None, Text("một đối tượng JSON", "a JSON object"), type(data).__name__)
        )
    return data
