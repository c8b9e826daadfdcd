"""Cached access to layers for the pages (the only place st.cache_* wraps the pure loaders)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import io
from geo.settings import get_settings
from layers import loader
from layers.registry import unit_set_layer


@st.cache_data(show_spinner=False)
def units(unit_set: str, display: bool = True) -> gpd.GeoDataFrame:
    return loader.load(unit_set_layer(unit_set), display=display)


@st.cache_data(show_spinner=False)
def crosswalk() -> pd.DataFrame:
    return io.read_parquet(get_settings().build_dir / "crosswalk.parquet")
