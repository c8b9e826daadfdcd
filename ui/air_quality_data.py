"""Cached air-quality data for the page: read from the store and computed once per version of the datasets.

Stations, emission sources and hourly measurements are the store's current rows (:func:`ui.data.store_rows`, which
keeps every illustrative flag); the cache key is the store and the three datasets' head versions, so an import (new
measurements, the department's real stations) shows on the next rerun without restarting the app.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.air.aqi import daily_aqi, hourly_aqi
from geo.air.load import stored_hourly
from geo.air.qcvn05 import completeness, exceedances
from geo.settings import get_settings
from ui import data
from ui.air_quality_text import LOADING
from ui.i18n import tr

DATASETS = ("aq_stations", "emission_sources", "aq_hourly")


def key() -> tuple[str, tuple[int, ...]]:
    """The store and the head versions of the three datasets: what the page's data is cached by."""
    return get_settings().database_url, tuple(data.store_version(name) for name in DATASETS)


def stamp() -> str:
    """:func:`key` as text, for the caches of what is drawn from the data (the map)."""
    url, versions = key()
    return url + "|" + ",".join(f"{name}:{v}" for name, v in zip(DATASETS, versions, strict=True))


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
def _load(url: str, versions: tuple[int, ...]) -> AirData:
    stations, sources, rows = (data.store_rows(n, v) for n, v in zip(DATASETS, versions, strict=True))
    start = time.perf_counter()
    measurements = stored_hourly(rows, tuple(stations["id"]))
    hourly = hourly_aqi(measurements)
    daily = daily_aqi(measurements)
    exceeded = exceedances(measurements)
    complete = completeness(measurements, "D")
    seconds = time.perf_counter() - start
    return AirData(
        gpd.GeoDataFrame(stations), gpd.GeoDataFrame(sources), measurements, hourly, daily, exceeded, complete, seconds
    )


def air_data() -> AirData:
    """Everything the page shows, from the cache while the store's datasets have not changed."""
    with st.spinner(tr(LOADING)):
        return _load(*key())
