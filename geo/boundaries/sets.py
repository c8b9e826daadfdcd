"""The unit sets a user can choose: the boundary layers built by ``python -m geo data build`` and every unit set the
department imported into the store (``python -m geo import units FILE --unit-set NAME`` or the Dữ liệu page).

The store's ``units`` dataset holds every set in one table (column ``unit_set``; the built sets are seeded into it).
A set there whose name is not a built one is an *imported* set; the store is its only source. Built sets are read
from the build directory as before (the seeded copies in the store are the same polygons).

    sets = unit_sets(stored)                       # built first, then imported, each with a vi/en title
    frame = load_unit_set("vung_quy_hoach", stored)  # code, name, …, area_km2, geometry (EPSG:4326)

``stored`` is the store's current ``units`` rows (:func:`stored_units`, or ``ui.data.store_rows("units")`` in the
app); both functions are pure given it. Without it only the built sets are known.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.boundaries.build import DISPLAY_TOLERANCE_M, display_version
from geo.datasets import load as datasets
from geo.datasets.registry import DATASETS
from geo.errors import Problem, Text, UnknownIdError
from geo.io import crs as gcrs
from geo.io import display_cache
from geo.settings import get_settings

# The built sets a page offers, in the order shown, and their titles (the ids are the platform's shared vocabulary).
BUILT_TITLES: Final[dict[str, Text]] = {
    "districts_2019": Text("Huyện/thành phố 2019 (10 đơn vị)", "2019 districts (10 units)"),
    "communes_2025": Text("Xã/phường 2025 – Bắc Giang cũ (58)", "2025 communes – former Bắc Giang (58)"),
    "communes_2025_all": Text("Xã/phường 2025 – toàn tỉnh Bắc Ninh (99)", "2025 communes – all of Bắc Ninh (99)"),
}
# Every built set (the province outline too: ``geo zonal --units province_2019``); never an imported name.
BUILT_NAMES: Final = (*BUILT_TITLES, "province_2019")
UNIT_SET = "unit_set"  # the store's column naming a row's set


@dataclass(frozen=True)
class UnitSet:
    """One choosable unit set: its id (the URL's ``units=``), title, and whether the department imported it."""

    id: str
    title: Text
    imported: bool = False
    units: int | None = None  # number of units (imported sets; the built titles say it)


def imported_title(name: str, units: int) -> Text:
    """The title of an imported set: its name, marked as the department's own."""
    return Text(f"{name} (tự nhập, {units} đơn vị)", f"{name} (imported, {units} units)")


def imported_names(stored: pd.DataFrame | None) -> list[str]:
    """The names of the imported sets in the store's ``units`` rows, sorted; the built names are left out."""
    if stored is None or stored.empty or UNIT_SET not in stored.columns:
        return []
    return sorted({str(s) for s in stored[UNIT_SET].dropna()} - set(BUILT_NAMES))


def stored_units(url: str | None = None) -> pd.DataFrame | None:
    """The store's current ``units`` rows; None for a store not created yet (then only the built sets are known)."""
    from sqlalchemy import inspect  # the store imports the wastewater rules, which import this module

    from geo.store import versions
    from geo.store.engine import reading
    from geo.store.models import RowVersion

    with reading(url) as conn:
        if not inspect(conn).has_table(RowVersion.__tablename__):
            return None
    return versions.current("units", url)


def unit_sets(stored: pd.DataFrame | None = None) -> tuple[UnitSet, ...]:
    """The unit sets a page offers: the built ones (:data:`BUILT_TITLES`), then each imported set in ``stored``."""
    built = tuple(UnitSet(name, title) for name, title in BUILT_TITLES.items())
    if stored is None:
        return built
    counts = stored[UNIT_SET].astype(str).value_counts() if UNIT_SET in stored.columns else pd.Series(dtype=int)
    names = imported_names(stored)
    return built + tuple(UnitSet(n, imported_title(n, int(counts[n])), True, int(counts[n])) for n in names)


def titles(stored: pd.DataFrame | None = None) -> dict[str, Text]:
    """``{id: title}`` of :func:`unit_sets`, for a choice widget's labels."""
    return {s.id: s.title for s in unit_sets(stored)}


def is_imported(name: str, stored: pd.DataFrame | None) -> bool:
    return name in imported_names(stored)


def unknown_set(name: str, valid: list[str]) -> UnknownIdError:
    listed = ", ".join(valid)
    return UnknownIdError(
        Problem(
            field="units",
            expected=Text(f"một trong: {listed}", f"one of: {listed}"),
            found=name,
            fix=Text(
                "chọn một bộ đơn vị có trong danh sách, hoặc nhập lớp ranh giới: python -m geo import units TỆP",
                "choose one of the listed unit sets, or import a boundary layer: python -m geo import units FILE",
            ),
        )
    )


def load_unit_set(name: str, stored: pd.DataFrame | None = None, *, display: bool = False) -> gpd.GeoDataFrame:
    """The polygons of unit set ``name`` as the pages use them: the ``units`` declaration's columns (code, name,
    name_full, unit_type, name_key, area_km2 …) and geometry in EPSG:4326, one row per unit, sorted by code.

    A built set is read from the build directory (``display=True``: its simplified copy); an imported set is taken
    from ``stored`` (the store's ``units`` rows; ``display=True``: simplified the way the build does, once per
    content, see :func:`display_copy`). An area the
    store lacks is measured in EPSG:9214. An unknown name raises :class:`UnknownIdError` listing the valid ones.
    """
    if name in BUILT_NAMES:
        source = f"build:{name}_display" if display else f"build:{name}"
        return gpd.GeoDataFrame(datasets.load(DATASETS["units"], source=source))
    if not is_imported(name, stored):
        raise unknown_set(name, [*BUILT_NAMES, *imported_names(stored)])
    assert stored is not None  # is_imported said so
    rows = stored[stored[UNIT_SET].astype(str) == name].drop(columns=[UNIT_SET])
    frame = gpd.GeoDataFrame(rows, geometry=rows.geometry.name, crs=stored.crs).to_crs(gcrs.STORAGE_CRS)
    frame = frame.sort_values("code", ignore_index=True)
    if "area_km2" not in frame.columns:
        frame["area_km2"] = np.nan
    missing = frame["area_km2"].isna()
    if missing.any():
        frame["area_km2"] = frame["area_km2"].where(~missing, pd.Series(gcrs.area_km2(frame.geometry), frame.index))
    return display_copy(frame) if display else frame


def display_copy(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` simplified for drawing (:func:`geo.boundaries.build.display_version`), its geometry made once per
    content and kept on disk (:mod:`geo.io.display_cache`): a later call, in any process, reads it back instead."""
    root = get_settings().display_cache_dir
    key = display_cache.content_key(frame, DISPLAY_TOLERANCE_M)
    geometry = display_cache.read(root, key, frame["code"])
    if geometry is None:
        shown = display_version(frame, DISPLAY_TOLERANCE_M)
        display_cache.write(root, key, shown)
        return shown
    out = frame.copy()
    out[frame.geometry.name] = geometry
    return out


def unit_of_points(points: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> pd.Series:
    """The code of the unit each point lies in (point in polygon; on overlapping units, the first by code; missing
    outside every unit or without a location), indexed like ``points``: figures by unit for any set, e.g. an
    imported one that no register column names."""
    located = points[~(points.geometry.isna() | points.geometry.is_empty)]
    zones = units[["code", "geometry"]].sort_values("code")
    zones = zones.to_crs(points.crs) if points.crs is not None else zones
    hits = gpd.sjoin(located[[located.geometry.name]], zones, how="inner", predicate="within")
    first = hits[~hits.index.duplicated(keep="first")]["code"].astype(str)
    return first.reindex(points.index).astype("string")
