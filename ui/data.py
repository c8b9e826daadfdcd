"""Cached access to layers for the pages (the only place st.cache_* wraps the pure loaders).

Datasets of the store are read with :func:`store_rows`, keyed by their head version (a write shows at once); other
cache keys include a stamp of the built data (path and modification time of its manifest), so a rebuild or another
data directory is picked up without restarting the app.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.boundaries import sets
from geo.datasets.registry import DATASETS
from geo.errors import GeoDataError, Text
from geo.forest import cover as forest
from geo.io import files as io
from geo.progress.feeds import COLUMNS, apply_feeds, wastewater_feed
from geo.progress.template import merge_values, own_rows
from geo.settings import get_settings
from geo.store import versions
from geo.wastewater import register as kcn_ccn
from geo.wastewater import rules as ww
from layers import loader
from layers.registry import UNIT_SETS, unit_set_layer
from layers.spec import LayerSpec

SEED_VERSION = 1  # the shipped files, as seeded by `python -m geo db init`


def data_stamp() -> str:
    manifest = get_settings().build_dir / "manifest.json"
    return f"{manifest}:{manifest.stat().st_mtime_ns}" if manifest.exists() else f"{manifest}:missing"


@st.cache_data(show_spinner=False, max_entries=16)
def _units(unit_set: str, display: bool, stamp: str) -> gpd.GeoDataFrame:
    return loader.load(unit_set_layer(unit_set), display=display)


@st.cache_data(show_spinner=False, max_entries=16)
def _imported_units(url: str, unit_set: str, display: bool, version: int) -> gpd.GeoDataFrame:
    return sets.load_unit_set(unit_set, store_rows("units", version), display=display)


def units(unit_set: str, display: bool = True) -> gpd.GeoDataFrame:
    """A unit set's polygons (code, name, …, area_km2, EPSG:4326): built from the build directory, imported from the
    store (cached by the store's version of ``units``, so a new import shows at once)."""
    if unit_set in UNIT_SETS:
        return _units(unit_set, display, data_stamp())
    return _imported_units(get_settings().database_url, unit_set, display, store_version("units"))


@st.cache_resource(show_spinner=False, max_entries=8)
def _unit_sets(url: str, version: int) -> tuple[sets.UnitSet, ...]:
    return sets.unit_sets(store_rows("units", version))


def unit_sets() -> tuple[sets.UnitSet, ...]:
    """The unit sets a page offers: the built ones, then those the department imported into the store (immutable:
    shared by all sessions, read again when the store's version of ``units`` changes)."""
    return _unit_sets(get_settings().database_url, store_version("units"))


def unit_set_titles() -> dict[str, Text]:
    return {s.id: s.title for s in unit_sets()}


def imported_sets() -> list[str]:
    return [s.id for s in unit_sets() if s.imported]


def unit_layer(unit_set: str) -> LayerSpec:
    """How ``unit_set`` is drawn (an imported set: :func:`layers.registry.imported_layer`)."""
    return unit_set_layer(unit_set, imported_sets())


@st.cache_data(show_spinner=False, max_entries=4)
def _crosswalk(stamp: str) -> pd.DataFrame:
    return io.read_parquet(get_settings().build_dir / "crosswalk.parquet")


def crosswalk() -> pd.DataFrame:
    return _crosswalk(data_stamp())


def _file_stamp(path: Path) -> str:
    return f"{path}:{path.stat().st_mtime_ns}" if path.exists() else f"{path}:missing"


@st.cache_data(show_spinner=False, max_entries=4)
def _targets(stamp: str) -> pd.DataFrame:
    return pd.DataFrame(loader.load("targets"))


def targets() -> pd.DataFrame:
    return _targets(_file_stamp(loader.source_path(DATASETS["targets"].source)))


def kcn_ccn_register() -> gpd.GeoDataFrame:
    """The KCN/CCN register: the store's current rows, or the file ``BGGM_KCN_CCN`` names (a file to try out before
    importing it; validated whole like any import)."""
    tried = kcn_ccn.tried_path()
    return kcn_ccn.load_register(tried) if tried else gpd.GeoDataFrame(store_rows("kcn_ccn"))


def kcn_ccn_stamp() -> str:
    """What the register's caches are keyed by: the tried-out file's stamp, or the store's version."""
    tried = kcn_ccn.tried_path()
    if tried:
        return _file_stamp(tried)
    return f"{get_settings().database_url}:kcn_ccn:{store_version('kcn_ccn')}"


def _feeds() -> tuple[list[pd.DataFrame], list[GeoDataError]]:
    """Figures computed elsewhere in the app; a feed whose data fails validation is left out and reported."""
    feeds, problems = [], []
    try:
        assessed = ww.assess(kcn_ccn_register())
        feeds.append(wastewater_feed(assessed, kcn_ccn.unit_names("districts_2019")))
    except GeoDataError as exc:
        problems.append(exc)
    try:  # target 5a from the forest raster, where no official figure is published
        official = store_rows("forest_official")
        feeds.append(forest.target_feed(forest.load_config(), loader.load("districts_2019"), official))
    except GeoDataError as exc:
        problems.append(exc)
    return feeds, problems


def store_version(name: str) -> int:
    """The dataset's current version in the store (cheap: the cache key of everything read from it)."""
    return versions.head_version(name)


def store_stamp(name: str) -> str:
    """The dataset's identity for a cache key shared by all sessions: the store and the dataset's current version."""
    return f"{get_settings().database_url}:{name}:{store_version(name)}"


@st.cache_data(show_spinner=False, max_entries=16)
def _store_rows(url: str, name: str, version: int) -> pd.DataFrame:
    return versions.as_of(name, version) if version else versions.current(name)


def store_rows(name: str, version: int | None = None) -> pd.DataFrame:
    """A dataset's rows from the store: current, or as of ``version``; cached by store, dataset and version."""
    return _store_rows(get_settings().database_url, name, store_version(name) if version is None else version)


@st.cache_data(show_spinner=False, max_entries=4)
def _indicator_values(url: str, version: int, feeds_stamp: str) -> tuple[pd.DataFrame, list[GeoDataError]]:
    seed = store_rows("indicator_values", SEED_VERSION)
    feeds, problems = _feeds()
    values = apply_feeds(seed[COLUMNS], feeds)
    own = own_rows(store_rows("indicator_values", version)[COLUMNS], seed[COLUMNS])
    return (merge_values(values, own) if not own.empty else values), problems


def _feeds_stamp() -> str:
    official = store_version("forest_official")
    return f"{kcn_ccn_stamp()}|{data_stamp()}|{forest.feed_stamp()}|forest_official:{official}"


def progress_stamp() -> str:
    """Everything the targets and their values come from (the register file, the store, the feeds), as text: the
    cache key of what is computed from them for everyone (status tables, maps)."""
    register = _file_stamp(loader.source_path(DATASETS["targets"].source))
    return f"{register}|{get_settings().database_url}|{store_version('indicator_values')}|{_feeds_stamp()}"


def indicator_values_with_problems() -> tuple[pd.DataFrame, list[GeoDataError]]:
    """Shipped values (the store's first version), then the figures the app computes (target 7 from the KCN/CCN
    register, 5a from the forest raster), then the department's own figures (what later versions changed),
    each replacing the one before for the same target, unit and year
    (an illustrative figure never replaces a real one). Also the errors of any feed that could not be computed."""
    return _indicator_values(get_settings().database_url, store_version("indicator_values"), _feeds_stamp())


def indicator_values() -> pd.DataFrame:
    return indicator_values_with_problems()[0]
