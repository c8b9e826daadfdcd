"""Exact zonal statistics of a categorical raster: the area of each class in each zone (issue 4).

A pixel cut by a zone boundary counts by the fraction of its area inside the zone, as exactextract counts it, not
by whether its centre is inside. :func:`class_areas` works on an array in memory and is pure;
:func:`zonal_stats_projected` works on a raster file in metres of any size, strip by strip, reprojects the zones,
reports progress and caches its result. How the fractions are computed is in :mod:`geo.zonal.engine`; the checks and
the cache are in :mod:`geo.zonal.checks`. Callers use :func:`geo.zonal.entry.zonal_stats`, which picks this method or
the one for rasters in degrees (:mod:`geo.zonal.geographic`) by the raster's CRS.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from affine import Affine
from rasterio.windows import Window

from geo.zonal import checks
from geo.zonal.engine import ClassCounter, Edges, StripCoverage, polygon_edges, strip_coverage

Progress = Callable[[int, int], None]
Reader = Callable[[int, int, int, int], npt.NDArray[np.integer]]
STRIP_CELLS = 1 << 24  # at most this many pixels per strip when none is given (~16 MB of uint8)
STRIP_PIECES = 1 << 19  # and about this many cut pixel pieces (~100 MB of work arrays; more is slower, not faster)
GAP_COLUMNS = 4096  # a strip's columns without zones, this many or more side by side, are not read


def class_areas(
    values: npt.NDArray[np.integer],
    transform: Affine,
    zones: gpd.GeoSeries | gpd.GeoDataFrame,
    nodata: int | None = None,
    *,
    strip_rows: int | None = None,
) -> pd.DataFrame:
    """Area of each class value in each zone, with exact fractions of the pixels cut by zone boundaries.

    ``values`` is a 2-D integer raster whose pixel grid is ``transform``; ``zones`` are polygons in the raster's CRS.
    Returns one row per zone (same index as ``zones``) in CRS units squared: ``zone_area`` (the polygon's area,
    including any part outside the raster), ``valid_area`` (covered pixels that are not ``nodata``),
    ``nodata_area`` and one ``class_<value>`` column per class value met inside some zone (nodata excluded).
    """
    if values.ndim != 2 or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"values must be a 2-D integer array, got {values.ndim}-D {values.dtype}")
    if strip_rows is not None and strip_rows < 1:
        raise ValueError(f"strip_rows must be at least 1, got {strip_rows}")
    geoms = np.asarray(zones.geometry.array, dtype=object)
    edges = polygon_edges(geoms, transform)
    height, width = values.shape
    rows = strip_rows or default_strip_rows(edges, width, 1)
    counter = count_classes(edges, len(geoms), (height, width), rows, lambda r0, r1, c0, c1: values[r0:r1, c0:c1])
    return _areas_frame(counter, geoms, transform, nodata, zones.index)


def default_strip_rows(edges: Edges, width: int, block_rows: int) -> int:
    """A multiple of ``block_rows`` keeping a strip under STRIP_CELLS pixels and about STRIP_PIECES pieces."""
    rows = min(STRIP_CELLS // max(width, 1), int(STRIP_PIECES / max(edges.pieces_per_row(), 1.0)))
    return max(block_rows, rows // block_rows * block_rows)


def count_classes(
    edges: Edges,
    n_zones: int,
    shape: tuple[int, int],
    strip_rows: int,
    read: Reader,
    progress: Progress | None = None,
    block_cols: int = 1,
) -> ClassCounter:
    """Count covered pixels per zone and class over the strips of ``strip_rows`` rows that zones reach.

    ``read(row0, row1, col0, col1)`` returns those raster rows and columns; only the columns zones reach are read,
    in whole blocks of ``block_cols``. The next strip's coverage is computed and its pixels read in a second thread
    while the current strip is counted.
    """
    height, width = shape
    counter = ClassCounter(n_zones)
    if len(edges.zone) == 0:
        return counter
    first = max(0, int(np.floor(edges.wlo[0])))
    last = min(height, int(np.ceil(edges.whi.max())))
    plan = [(r0, min(r0 + strip_rows, last)) for r0 in range(first, last, strip_rows)]

    def prepare(row0: int, row1: int) -> tuple[StripCoverage, list[tuple[int, npt.NDArray[np.integer]]]]:
        cov = strip_coverage(edges, row0, row1)
        return cov, [(c0, read(row0, row1, c0, c1)) for c0, c1 in _windows(cov, width, block_cols)]

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="zonal-read") as pool:
        ahead = deque([pool.submit(prepare, *plan[0])] if plan else [])
        for i, (row0, _) in enumerate(plan):
            if i + 1 < len(plan):
                ahead.append(pool.submit(prepare, *plan[i + 1]))
            cov, blocks = ahead.popleft().result()
            for col0, block in blocks:
                counter.add(block, row0, col0, cov)
            if progress is not None:
                progress(i + 1, len(plan))
    return counter


def _windows(cov: StripCoverage, width: int, block_cols: int) -> list[tuple[int, int]]:
    """Column ranges [c0, c1) of the raster that ``cov`` reaches, in whole blocks, skipping wide gaps between zones."""
    if len(cov.cell_col) == 0:
        return []
    inside = (cov.cell_col >= 0) & (cov.cell_col < width)
    run_c0, run_c1 = np.clip(cov.run_c0, 0, width), np.clip(cov.run_c1, 0, width)
    edge = np.bincount(cov.cell_col[inside], minlength=width + 1)
    depth = np.cumsum(np.bincount(run_c0, minlength=width + 1) - np.bincount(run_c1, minlength=width + 1))
    used = ((edge > 0) | (depth > 0))[:width]
    nblocks = -(-width // block_cols)
    blocks = np.zeros(nblocks * block_cols, dtype=bool)
    blocks[:width] = used
    hit = np.flatnonzero(blocks.reshape(nblocks, block_cols).any(axis=1))
    if len(hit) == 0:
        return []
    split = np.flatnonzero(np.diff(hit) > max(1, GAP_COLUMNS // block_cols))
    first = hit[np.concatenate(([0], split + 1))]
    last = hit[np.concatenate((split, [len(hit) - 1]))]
    return [(int(a) * block_cols, min(width, (int(b) + 1) * block_cols)) for a, b in zip(first, last, strict=True)]


def _areas_frame(
    counter: ClassCounter, geoms: npt.NDArray[np.object_], transform: Affine, nodata: int | None, index: pd.Index
) -> pd.DataFrame:
    values, pixels = counter.table()
    pixel_area = abs(transform.a * transform.e - transform.b * transform.d)
    areas = pixels * pixel_area
    is_nodata = values == nodata if nodata is not None else np.zeros(len(values), dtype=bool)
    frame = pd.DataFrame(
        {
            "zone_area": np.nan_to_num(shapely.area(geoms).astype(np.float64)),
            "valid_area": areas[:, ~is_nodata].sum(axis=1),
            "nodata_area": areas[:, is_nodata].sum(axis=1),
        },
        index=index,
    )
    for value, column in zip(values.tolist(), areas.T, strict=True):
        if value != nodata and column.any():
            frame[f"class_{value}"] = column
    return frame


def zonal_stats_projected(
    raster_path: str | Path,
    zones_gdf: gpd.GeoDataFrame,
    id_field: str,
    forest_classes: list[int] | tuple[int, ...],
    *,
    band: int = 1,
    nodata: int | None = None,
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
    strip_rows: int | None = None,
    zones_name: str = "zones",
) -> pd.DataFrame:
    """Forest and class areas per zone of a categorical raster file in a projected CRS in metres, exact at zone edges.

    Zones are reprojected to the raster's CRS when they differ. The raster is read strip by strip (``strip_rows``
    rows; by default a multiple of its block height holding at most ~16 million pixels and ~0.5 million cut boundary
    pixels), only the rows and columns zones reach, so it may be far larger than memory. ``nodata`` defaults to the
    raster's own. ``progress(done, total)`` is called after each strip. With ``cache_dir`` the table is stored there,
    keyed by the raster's path, size and modification time, the zones' geometries and ids and the parameters, and
    returned from there on the next identical call.

    Columns: ``id_field``; ``area_ha`` (the zone's polygon area); ``valid_ha`` (area with data: not nodata and
    inside the raster); ``forest_ha`` (area of ``forest_classes``); ``forest_pct`` = forest_ha / valid_ha × 100;
    ``nodata_pct`` = share of the zone without data (nodata pixels or outside the raster) × 100; and ``ha_class_<v>``
    for every class met in a zone and every forest class. Raises :class:`~geo.errors.SchemaError` or
    :class:`~geo.errors.CRSError` with the file, the field and the fix.
    """
    path = Path(raster_path)
    checks.check_zones(zones_gdf, id_field, zones_name)
    with checks.open_raster(path) as src:
        nodata = checks.check_raster(src, path, band, nodata, forest_classes)
        classes = sorted({int(c) for c in forest_classes})
        key = checks.cache_key(path, zones_gdf, id_field, classes, band, nodata)
        cached = checks.read_cached(cache_dir, key, zones_gdf[id_field])
        if cached is not None:
            return cached
        zones = checks.to_raster_crs(zones_gdf, src.crs)
        checks.check_overlap(zones, src, path, zones_name)
        geoms = np.asarray(zones.geometry.array, dtype=object)
        edges = polygon_edges(geoms, src.transform)
        rows = strip_rows or default_strip_rows(edges, src.width, src.block_shapes[band - 1][0])

        def read(row0: int, row1: int, col0: int, col1: int) -> npt.NDArray[np.integer]:
            with checks.reading(path):
                return np.asarray(src.read(band, window=Window(col0, row0, col1 - col0, row1 - row0)))

        shape = (src.height, src.width)
        counter = count_classes(edges, len(geoms), shape, rows, read, progress, src.block_shapes[band - 1][1])
        areas = _areas_frame(counter, geoms, src.transform, nodata, zones.index)
    table = _hectares(areas, zones_gdf[id_field], id_field, classes)
    checks.write_cached(cache_dir, key, table)
    return table


def _hectares(areas: pd.DataFrame, ids: pd.Series, id_field: str, forest_classes: list[int]) -> pd.DataFrame:
    """Areas in m² (of a metre-based CRS) to the hectare table of :func:`zonal_stats_projected`."""
    ha = areas / 10_000.0
    class_cols = sorted(
        {int(c.removeprefix("class_")) for c in ha.columns if c.startswith("class_")} | set(forest_classes)
    )
    per_class = {f"ha_class_{v}": ha.get(f"class_{v}", pd.Series(0.0, index=ha.index)) for v in class_cols}
    forest = sum((per_class[f"ha_class_{v}"] for v in forest_classes), pd.Series(0.0, index=ha.index))
    valid = ha["valid_area"]
    area = ha["zone_area"]
    table = pd.DataFrame(
        {
            id_field: ids.to_numpy(),
            "area_ha": area.to_numpy(),
            "valid_ha": valid.to_numpy(),
            "forest_ha": forest.to_numpy(),
            "forest_pct": (forest / valid.where(valid > 0) * 100).to_numpy(),
            "nodata_pct": ((1 - valid / area.where(area > 0)) * 100).clip(0, 100).to_numpy(),
            **{name: col.to_numpy() for name, col in per_class.items()},
        }
    )
    return table
