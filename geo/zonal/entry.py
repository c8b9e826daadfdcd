"""The one zonal-statistics entry: picks the exact method by the raster's CRS.

A raster in a projected CRS in metres goes to :func:`geo.zonal.stats.zonal_stats_projected` (every pixel the same
area); a raster in geographic degrees (ESA WorldCover, EPSG:4326) to
:func:`geo.zonal.geographic.zonal_stats_geographic` (pixel areas by latitude, geodesic zone areas). Both give the same
columns. The forest page (through :func:`geo.forest.cover.forest_table`) and ``python -m geo zonal`` call this, so a
raster one accepts the other accepts too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypedDict, Unpack

import geopandas as gpd
import pandas as pd

from geo.zonal.geographic import is_geographic, zonal_stats_geographic
from geo.zonal.stats import zonal_stats_projected


class ZonalOptions(TypedDict, total=False):
    """Keyword options both methods take: band, nodata override, result cache, progress callback, zones' name."""

    band: int
    nodata: int | None
    cache_dir: str | Path | None
    progress: Callable[[int, int], None] | None
    zones_name: str


def zonal_stats(
    raster_path: str | Path,
    zones_gdf: gpd.GeoDataFrame,
    id_field: str,
    forest_classes: list[int] | tuple[int, ...],
    **options: Unpack[ZonalOptions],
) -> pd.DataFrame:
    """Per zone: ``id_field``, ``area_ha``, ``valid_ha``, ``forest_ha``, ``forest_pct``, ``nodata_pct`` and
    ``ha_class_<v>``, exact at zone edges, for a raster in metres or in degrees (see
    :func:`geo.zonal.stats.zonal_stats_projected` for the columns, the options, the cache and the errors)."""
    method = zonal_stats_geographic if is_geographic(Path(raster_path)) else zonal_stats_projected
    return method(raster_path, zones_gdf, id_field, forest_classes, **options)
