"""Cached access to layers for the pages (the only place st.cache_* wraps the pure loaders).

Cache keys include a stamp of the built data (path and modification time of its manifest), so a rebuild or another
data directory is picked up without restarting the app.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import io
from geo.settings import get_settings
from layers import loader
from layers.registry import unit_set_layer


def data_stamp() -> str:
    manifest = get_settings().build_dir / "manifest.json"
    return f"{manifest}:{manifest.stat().st_mtime_ns}" if manifest.exists() else f"{manifest}:missing"


@st.cache_data(show_spinner=False, max_entries=16)
def _units(unit_set: str, display: bool, stamp: str) -> gpd.GeoDataFrame:
    return loader.load(unit_set_layer(unit_set), display=display)


def units(unit_set: str, display: bool = True) -> gpd.GeoDataFrame:
    return _units(unit_set, display, data_stamp())


@st.cache_data(show_spinner=False, max_entries=4)
def _crosswalk(stamp: str) -> pd.DataFrame:
    return io.read_parquet(get_settings().build_dir / "crosswalk.parquet")


def crosswalk() -> pd.DataFrame:
    return _crosswalk(data_stamp())
