"""Exact zonal class areas on a raster in degrees (e.g. ESA WorldCover, EPSG:4326), with true areas in m².

:func:`geo.zonal.stats.zonal_stats_projected` needs a raster in metres, where every pixel has the same area. In
degrees a pixel's area shrinks with latitude (about 0.004 % per 100 m north-south here), so the raster is read strip
by strip and each band of rows spanning at most ``BAND_RADIANS`` of latitude is counted on its own, with the exact
ellipsoidal area of a pixel at the band's middle latitude (the area between two parallels and two meridians has a
closed form): pixel areas within a band differ from it by less than tan(latitude) × BAND_RADIANS / 2, 1e-5 of
themselves at 21° N. Coverage fractions are the engine's (:mod:`geo.zonal.engine`), computed in the raster's own
grid: pixels cut by a unit edge count by the share inside. Zone areas are geodesic, on the raster's ellipsoid. The
result has the columns of :func:`geo.zonal.stats.zonal_stats_projected`; :func:`geo.zonal.entry.zonal_stats` sends
rasters in degrees here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyproj
from affine import Affine
from rasterio.io import DatasetReader
from rasterio.windows import Window

from geo.zonal import checks
from geo.zonal.engine import Edges, polygon_edges
from geo.zonal.stats import _hectares, count_classes

BAND_RADIANS = 5e-5  # latitude span of the rows counted with one pixel area (~36 rows of WorldCover's 1/12000°)
MAX_BAND_ROWS = 256
STRIP_ROWS = 1024  # rows read at once (a multiple of the usual block heights)


def band_rows(transform: Affine) -> int:
    """Rows per band: as many as span BAND_RADIANS of latitude, at least 1 and at most MAX_BAND_ROWS."""
    return int(min(MAX_BAND_ROWS, max(1, BAND_RADIANS // math.radians(abs(transform.e)))))


def is_geographic(path: Path) -> bool:
    """Whether the raster at ``path`` has a geographic CRS (degrees)."""
    with checks.open_raster(path) as src:
        return src.crs is not None and src.crs.is_geographic


def band_pixel_area(t: Affine, row0: int, row1: int, geod: pyproj.Geod) -> float:
    """Area in m² of one pixel at the middle row of rows [row0, row1) of a north-up grid in degrees."""
    lat = t.f + t.e * (row0 + row1) / 2
    half = abs(t.e) / 2
    return _zone_area(geod, math.radians(abs(t.a)), math.radians(lat - half), math.radians(lat + half))


def _zone_area(geod: pyproj.Geod, dlon: float, lat1: float, lat2: float) -> float:
    """Area between two parallels over ``dlon`` radians of longitude on the ellipsoid of ``geod`` (authalic form)."""
    a, e2 = geod.a, geod.es
    e = math.sqrt(e2)

    def q(phi: float) -> float:
        s = math.sin(phi)
        if e == 0:
            return 2 * s
        return (1 - e2) * (s / (1 - e2 * s * s) - math.log((1 - e * s) / (1 + e * s)) / (2 * e))

    return abs(a * a * dlon * (q(lat2) - q(lat1)) / 2)


def zonal_stats_geographic(
    raster_path: str | Path,
    zones_gdf: gpd.GeoDataFrame,
    id_field: str,
    forest_classes: list[int] | tuple[int, ...],
    *,
    band: int = 1,
    nodata: int | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    zones_name: str = "zones",
) -> pd.DataFrame:
    """:func:`geo.zonal.stats.zonal_stats_projected` for a raster in degrees: same columns, areas in true hectares."""
    path = Path(raster_path)
    checks.check_zones(zones_gdf, id_field, zones_name)
    classes = sorted({int(c) for c in forest_classes})
    with checks.open_raster(path) as src:
        nodata = checks.check_raster(src, path, band, nodata, classes, degrees=True)
        key = checks.cache_key(path, zones_gdf, id_field, classes, band, nodata)
        cached = checks.read_cached(cache_dir, key, zones_gdf[id_field])
        if cached is not None:
            return cached
        zones = checks.to_raster_crs(zones_gdf, src.crs)
        checks.check_overlap(zones, src, path, zones_name)
        geod = pyproj.CRS.from_wkt(src.crs.to_wkt()).get_geod()
        assert geod is not None
        geoms = np.asarray(zones.geometry.array, dtype=object)
        edges = polygon_edges(geoms, src.transform)
        areas = _count(src, path, band, edges, len(geoms), geod, progress)
    zone_area = np.array([abs(geod.geometry_area_perimeter(g)[0]) if g is not None else 0.0 for g in geoms])
    frame = pd.DataFrame({"zone_area": zone_area}, index=zones_gdf.index)
    is_nodata = np.array([v == nodata for v in areas], dtype=bool)
    columns = np.array(list(areas.values())).T if areas else np.zeros((len(geoms), 0))
    frame["valid_area"] = columns[:, ~is_nodata].sum(axis=1) if areas else 0.0
    frame["nodata_area"] = columns[:, is_nodata].sum(axis=1) if areas else 0.0
    for value, column in areas.items():
        if value != nodata and column.any():
            frame[f"class_{value}"] = column
    table = _hectares(frame, zones_gdf[id_field], id_field, classes)
    checks.write_cached(cache_dir, key, table)
    return table


def _count(
    src: DatasetReader,
    path: Path,
    band: int,
    edges: Edges,
    n_zones: int,
    geod: pyproj.Geod,
    progress: Callable[[int, int], None] | None,
) -> dict[int, npt.NDArray[np.float64]]:
    """m² of every class value in every zone, strip by strip, one pixel area per band of rows (:func:`band_rows`)."""
    areas: dict[int, npt.NDArray[np.float64]] = {}
    if len(edges.zone) == 0:
        return areas
    first = max(0, int(np.floor(edges.wlo[0])))
    last = min(src.height, int(np.ceil(edges.whi.max())))
    block_cols = src.block_shapes[band - 1][1]
    strips = list(range(first, last, STRIP_ROWS))
    rows = band_rows(src.transform)
    for i, s0 in enumerate(strips):
        s1 = min(s0 + STRIP_ROWS, last)
        with checks.reading(path):
            strip = np.asarray(src.read(band, window=Window(0, s0, src.width, s1 - s0)))
        for b0 in range(s0, s1, rows):
            b1 = min(b0 + rows, s1)
            shifted = Edges(edges.zone, edges.ua, edges.wa - b0, edges.ub, edges.wb - b0, edges.wlo - b0,
                            edges.whi - b0)  # fmt: skip

            read = _reader(strip[b0 - s0 : b1 - s0])
            counter = count_classes(shifted, n_zones, (b1 - b0, src.width), b1 - b0, read, None, block_cols)
            values, pixels = counter.table()
            pixel_area = band_pixel_area(src.transform, b0, b1, geod)
            for value, column in zip(values.tolist(), pixels.T, strict=True):
                areas[value] = areas.get(value, np.zeros(n_zones)) + column * pixel_area
        if progress is not None:
            progress(i + 1, len(strips))
    return dict(sorted(areas.items()))


def _reader(rows: npt.NDArray[np.integer]) -> Callable[[int, int, int, int], npt.NDArray[np.integer]]:
    return lambda r0, r1, c0, c1: rows[r0:r1, c0:c1]
