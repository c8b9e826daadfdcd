"""Cached access to layers for the pages (the only place st.cache_* wraps the pure loaders).

Cache keys include a stamp of the built data (path and modification time of its manifest), so a rebuild or another
data directory is picked up without restarting the app.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import io
from geo.settings import get_settings
from geo.template import merge_values
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


def _file_stamp(path: Path) -> str:
    return f"{path}:{path.stat().st_mtime_ns}" if path.exists() else f"{path}:missing"


def department_values_path() -> Path:
    return get_settings().user_data_dir / "indicator_values.csv"


@st.cache_data(show_spinner=False, max_entries=4)
def _targets(stamp: str) -> pd.DataFrame:
    return pd.DataFrame(loader.load("targets"))


def targets() -> pd.DataFrame:
    return _targets(_file_stamp(loader.source_path(loader.REGISTRY["targets"].source)))


@st.cache_data(show_spinner=False, max_entries=4)
def _indicator_values(shipped_stamp: str, department_stamp: str) -> pd.DataFrame:
    shipped = pd.DataFrame(loader.load("indicator_values"))
    path = department_values_path()
    if not path.exists():
        return shipped
    department = pd.DataFrame(loader.load("indicator_values", path=path))
    return merge_values(shipped, department)


def indicator_values() -> pd.DataFrame:
    """Shipped values, overridden by the department's own uploads (same target, unit and year)."""
    shipped = loader.source_path(loader.REGISTRY["indicator_values"].source)
    return _indicator_values(_file_stamp(shipped), _file_stamp(department_values_path()))
