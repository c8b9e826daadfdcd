"""Cached air-quality data for the page: loaded, validated and computed once per version of the data files.

The cache key is a stamp of the files in data/monitoring/ (path, size and modification time), so replacing a file
(new measurements, the department's real stations) is picked up on the next rerun without restarting the app.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.air.aqi import daily_aqi, hourly_aqi
from geo.air.load import load_hourly, load_sources, load_stations
from geo.air.qcvn05 import completeness, exceedances
from layers import loader
from layers.air_quality import AQ_HOURLY, AQ_STATIONS, EMISSION_SOURCES
from ui.air_quality_text import LOADING
from ui.i18n import tr


def stamp() -> str:
    parts = []
    for spec in (AQ_STATIONS, EMISSION_SOURCES, AQ_HOURLY):
        path = loader.source_path(spec.source)
        info = path.stat() if path.exists() else None
        parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}" if info else f"{path}:missing")
    return "|".join(parts)


@dataclass(frozen=True)
class AirData:
    stations: gpd.GeoDataFrame
    sources: gpd.GeoDataFrame
    measurements: pd.DataFrame  # validated hourly table (geo.air.input), plus ``illustrative``
    hourly: pd.DataFrame  # geo.air.aqi.hourly_aqi
    daily: pd.DataFrame  # geo.air.aqi.daily_aqi
    exceedances: pd.DataFrame  # geo.air.qcvn05.exceedances over the whole table
    completeness: pd.DataFrame  # geo.air.qcvn05.completeness per station-day
    seconds: float  # time to validate and compute all of the above

    @property
    def illustrative(self) -> bool:
        return bool(
            self.stations["illustrative"].any()
            or self.sources["illustrative"].any()
            or self.measurements["illustrative"].any()
        )

    @property
    def first_hour(self) -> pd.Timestamp:
        return pd.Timestamp(self.measurements["time"].min())

    @property
    def last_hour(self) -> pd.Timestamp:
        return pd.Timestamp(self.measurements["time"].max())


@st.cache_data(show_spinner=False, max_entries=2)
def _load(stamp: str) -> AirData:
    stations = load_stations()
    sources = load_sources()
    start = time.perf_counter()
    measurements = load_hourly(stations=tuple(stations["id"]))
    hourly = hourly_aqi(measurements)
    daily = daily_aqi(measurements)
    exceeded = exceedances(measurements)
    complete = completeness(measurements, "D")
    seconds = time.perf_counter() - start
    return AirData(stations, sources, measurements, hourly, daily, exceeded, complete, seconds)


def air_data() -> AirData:
    """Everything the page shows, from the cache when the files have not changed."""
    with st.spinner(tr(LOADING)):
        return _load(stamp())
