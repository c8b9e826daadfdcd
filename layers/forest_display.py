"""A small copy of a class raster for drawing on a web map: never the whole raster.

The raster is read at a reduced size (GDAL uses the file's overviews when it has them; the generated raster's are
built by majority, so small classes are not lost to chance) and reprojected, nearest neighbour, to Web Mercator
(EPSG:3857), the grid Leaflet stretches an image overlay on. The result is a few hundred kilobytes as a PNG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyproj
from affine import Affine
from rasterio.enums import Resampling
from rasterio.transform import array_bounds
from rasterio.warp import reproject, transform_bounds

from geo.zonal import checks

WEB_MERCATOR = "EPSG:3857"


@dataclass(frozen=True)
class DisplayImage:
    """Class codes on a Web Mercator grid, and its bounds in degrees (south, west, north, east)."""

    classes: npt.NDArray[np.integer]
    bounds: tuple[float, float, float, float]
    nodata: int


def display_classes(path: Path, *, max_px: int = 1600, nodata: int | None = None) -> DisplayImage:
    """The raster at ``path`` at most ``max_px`` pixels wide or high, in EPSG:3857, for an image overlay."""
    with checks.open_raster(path) as src:
        fill = nodata if nodata is not None else src.nodata
        fill = int(fill) if fill is not None else 255
        factor = max(1, math.ceil(max(src.width, src.height) / max_px))
        height, width = math.ceil(src.height / factor), math.ceil(src.width / factor)
        with checks.reading(path):
            small = src.read(1, out_shape=(height, width), resampling=Resampling.nearest)
        transform = src.transform @ Affine.scale(src.width / width, src.height / height)
        crs = src.crs
    left, bottom, right, top = array_bounds(height, width, transform)
    west, south, east, north = transform_bounds(crs, WEB_MERCATOR, left, bottom, right, top, densify_pts=21)
    size = max((east - west) / width, (north - south) / height)  # about the reduced pixel size, in EPSG:3857 metres
    dst_width, dst_height = math.ceil((east - west) / size), math.ceil((north - south) / size)
    dst_transform = Affine(size, 0, west, 0, -size, north)
    out = np.full((dst_height, dst_width), fill, dtype=small.dtype)
    reproject(
        small, out, src_transform=transform, src_crs=crs, dst_transform=dst_transform, dst_crs=WEB_MERCATOR,
        resampling=Resampling.nearest, src_nodata=fill, dst_nodata=fill,
    )  # fmt: skip
    x1, y0 = dst_transform @ (dst_width, dst_height)
    to_degrees = pyproj.Transformer.from_crs(WEB_MERCATOR, "EPSG:4326", always_xy=True)
    lon0, lat0 = to_degrees.transform(west, y0)
    lon1, lat1 = to_degrees.transform(x1, north)
    return DisplayImage(out, (float(lat0), float(lon0), float(lat1), float(lon1)), fill)
