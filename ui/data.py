"""Cached access to layers for the pages (the only place st.cache_* wraps the pure loaders).

Cache keys include a stamp of the built data (path and modification time of its manifest), so a rebuild or another
data directory is picked up without restarting the app.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.datasets.registry import DATASETS
from geo.errors import GeoDataError
from geo.forest import cover as forest
from geo.io import files as io
from geo.progress.feeds import apply_feeds, wastewater_feed
from geo.progress.template import merge_values
from geo.settings import get_settings
from geo.wastewater import register as kcn_ccn
from geo.wastewater import rules as ww
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
    return _targets(_file_stamp(loader.source_path(DATASETS["targets"].source)))


def _feeds() -> tuple[list[pd.DataFrame], list[GeoDataError]]:
    """Figures computed elsewhere in the app; a feed whose data fails validation is left out and reported."""
    feeds, problems = [], []
    try:
        assessed = ww.assess(kcn_ccn.load_register())
        feeds.append(wastewater_feed(assessed, kcn_ccn.unit_names("districts_2019")))
    except GeoDataError as exc:
        problems.append(exc)
    try:  # target 5a from the forest raster, where no official figure is published
        official = pd.DataFrame(loader.load("forest_official"))
        feeds.append(forest.target_feed(forest.load_config(), loader.load("districts_2019"), official))
    except GeoDataError as exc:
        problems.append(exc)
    return feeds, problems


@st.cache_data(show_spinner=False, max_entries=4)
def _indicator_values(
    shipped_stamp: str, department_stamp: str, feeds_stamp: str
) -> tuple[pd.DataFrame, list[GeoDataError]]:
    shipped = pd.DataFrame(loader.load("indicator_values"))
    feeds, problems = _feeds()
    values = apply_feeds(shipped, feeds)
    path = department_values_path()
    if path.exists():
        values = merge_values(values, pd.DataFrame(loader.load("indicator_values", path=path, own=True)))
    return values, problems


def indicator_values_with_problems() -> tuple[pd.DataFrame, list[GeoDataError]]:
    """Shipped values, then the figures the app computes (target 7 from the KCN/CCN register, 5a from the forest
    raster), then the department's own uploads, each replacing the one before for the same target, unit and year
    (an illustrative figure never replaces a real one). Also the errors of any feed that could not be computed."""
    shipped = loader.source_path(DATASETS["indicator_values"].source)
    feeds_stamp = f"{_file_stamp(kcn_ccn.register_path())}|{data_stamp()}|{forest.feed_stamp()}"
    return _indicator_values(_file_stamp(shipped), _file_stamp(department_values_path()), feeds_stamp)


def indicator_values() -> pd.DataFrame:
    return indicator_values_with_problems()[0]
