"""Checks and cache of :func:`geo.zonal.entry.zonal_stats`: every input problem becomes a bilingual domain error.

The raster is opened here with rasterio (tables still go through :mod:`geo.io.files`, which also writes the cache).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import rasterio
import shapely
from rasterio.errors import RasterioIOError
from rasterio.io import DatasetReader

from geo.errors import NO_SUCH_FILE, CRSError, Problem, SchemaError, Text
from geo.io.files import read_table, write_table

CACHE_VERSION = "zonal-1"
_POLYGONAL = ("Polygon", "MultiPolygon")


@contextlib.contextmanager
def open_raster(path: Path) -> Iterator[DatasetReader]:
    """Open ``path`` for reading (tiles decoded on all cores) or raise a SchemaError naming it."""
    if not path.exists():
        raise SchemaError(
            Problem(
                file=str(path),
                expected=Text("một tệp ảnh raster có thật", "an existing raster file"),
                found=NO_SUCH_FILE,
                fix=Text("kiểm tra lại đường dẫn và tên tệp raster", "check the raster's path and file name"),
            )
        )
    # Tiles are decoded on all cores; each is read once, so GDAL's block cache (5 % of RAM by default) is kept small.
    with rasterio.Env(GDAL_NUM_THREADS="ALL_CPUS", GDAL_CACHEMAX=64):
        with reading(path):
            src = rasterio.open(path)
        with src:
            yield src


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn GDAL's failure to open or decode ``path`` into a SchemaError naming it."""
    try:
        yield
    except RasterioIOError as exc:
        raise SchemaError(
            Problem(
                file=str(path),
                expected=Text("ảnh raster GDAL đọc được (GeoTIFF...)", "a raster GDAL can read (GeoTIFF...)"),
                found=str(exc.__cause__ or exc).splitlines()[0],  # GDAL's own words when rasterio chains them
                fix=Text(
                    "mở thử tệp trong QGIS; xuất lại dạng GeoTIFF nếu tệp hỏng hoặc sai định dạng",
                    "try opening it in QGIS; export it again as GeoTIFF if it is damaged or in another format",
                ),
            )
        ) from exc


def check_raster(
    src: DatasetReader,
    path: Path,
    band: int,
    nodata: int | None,
    forest_classes: Sequence[int],
    *,
    degrees: bool = False,
) -> int | None:
    """Check band, data type, CRS (projected in metres, or geographic in degrees with ``degrees``) and class codes;
    return the nodata value to use."""
    name = path.name
    if not 1 <= band <= src.count:
        raise SchemaError(
            Problem(
                file=name,
                field="band",
                expected=Text(f"kênh từ 1 đến {src.count}", f"a band from 1 to {src.count}"),
                found=band,
                fix=Text("chọn một kênh có trong ảnh", "choose a band the raster has"),
            )
        )
    dtype = np.dtype(src.dtypes[band - 1])
    if not np.issubdtype(dtype, np.integer):
        raise SchemaError(
            Problem(
                file=name,
                field="dtype",
                expected=Text("ảnh phân loại kiểu số nguyên (uint8...)", "a categorical integer raster (uint8...)"),
                found=str(dtype),
                fix=Text(
                    "dùng ảnh mã lớp phủ (0 không rừng, 1 rừng tự nhiên...), không dùng ảnh giá trị liên tục",
                    "use a class-code raster (0 non-forest, 1 natural forest...), not a continuous one",
                ),
            )
        )
    if degrees:
        _check_degrees(src, name)
    elif src.crs is None or not src.crs.is_projected or src.crs.linear_units_factor[1] != 1.0:
        raise CRSError(
            Problem(
                file=name,
                expected=Text(
                    "hệ tọa độ phẳng theo mét (VN-2000, UTM) hoặc hệ tọa độ địa lý theo độ (EPSG:4326)",
                    "a projected CRS in metres (VN-2000, UTM) or a geographic CRS in degrees (EPSG:4326)",
                ),
                found=src.crs.to_string() if src.crs is not None else None,
                fix=Text(
                    "gán hoặc chiếu lại ảnh sang VN-2000 (EPSG:9214) hay UTM 48N (EPSG:32648), ví dụ bằng gdalwarp",
                    "assign or reproject the raster to VN-2000 (EPSG:9214) or UTM 48N (EPSG:32648), e.g. with gdalwarp",
                ),
            )
        )
    info = np.iinfo(dtype)
    if nodata is None and src.nodatavals[band - 1] is not None:
        nodata = int(src.nodatavals[band - 1])
    bad = [c for c in forest_classes if not info.min <= int(c) <= info.max or int(c) == nodata]
    if bad or not forest_classes:
        raise SchemaError(
            Problem(
                file=name,
                field="classes",
                expected=Text(
                    f"mã lớp rừng trong khoảng {info.min}–{info.max} của ảnh {dtype}, khác giá trị nodata {nodata}",
                    f"forest class codes within {info.min}–{info.max} of a {dtype} raster, other than nodata {nodata}",
                ),
                found=bad or list(forest_classes),
                fix=Text(
                    "ghi đúng mã lớp rừng của ảnh, ví dụ --classes 1,2 (rừng tự nhiên, rừng trồng)",
                    "give the raster's forest class codes, e.g. --classes 1,2 (natural, planted forest)",
                ),
            )
        )
    return nodata


def _check_degrees(src: DatasetReader, name: str) -> None:
    """A geographic CRS and a north-up grid without rotation (rows run along parallels)."""
    t = src.transform
    if src.crs is not None and src.crs.is_geographic and t.b == 0 and t.d == 0 and t.e < 0:
        return
    raise CRSError(
        Problem(
            file=name,
            expected=Text("lưới độ hướng bắc, không xoay", "a north-up grid in degrees, not rotated"),
            found=f"{src.crs.to_string() if src.crs is not None else None} {tuple(t)[:6]}",
            fix=Text("chiếu lại ảnh bằng gdalwarp", "warp the raster with gdalwarp"),
        )
    )


def check_zones(zones: gpd.GeoDataFrame, id_field: str, name: str) -> None:
    """The id field exists with unique non-empty ids, geometries are polygons, and the CRS is set."""
    if id_field not in zones.columns:
        raise SchemaError(
            Problem(
                file=name,
                field=id_field,
                expected=Text("một cột mã đơn vị có trong tệp", "an id column the file has"),
                found=[str(c) for c in zones.columns if c != zones.geometry.name],
                fix=Text("chọn --id-field là một trong các cột đã có", "pick --id-field among the columns found"),
            )
        )
    ids = zones[id_field]
    rows = np.arange(1, len(zones) + 1)
    problems = [
        Problem(file=name, row=int(r), field=id_field, expected=Text("mã không trống", "a non-empty id"), found=None)
        for r in rows[ids.isna().to_numpy()]
    ]
    duplicated = (ids.duplicated(keep=False) & ids.notna()).to_numpy()
    problems += [
        Problem(
            file=name,
            row=int(r),
            field=id_field,
            expected=Text("mã không trùng", "a unique id"),
            found=str(v),
            fix=Text("mỗi đơn vị cần một mã riêng", "give every unit its own id"),
        )
        for r, v in zip(rows[duplicated], ids[duplicated], strict=True)
    ]
    kinds = zones.geometry.geom_type
    wrong = ~(kinds.isin(_POLYGONAL) | zones.geometry.is_empty | zones.geometry.isna()).to_numpy()
    problems += [
        Problem(
            file=name,
            row=int(r),
            field=str(zones.geometry.name),
            expected=Text("vùng (Polygon/MultiPolygon)", "an area (Polygon/MultiPolygon)"),
            found=str(k),
            fix=Text("chỉ dùng lớp ranh giới dạng vùng", "use a boundary layer of polygons only"),
        )
        for r, k in zip(rows[wrong], kinds[wrong], strict=True)
    ]
    if problems:
        raise SchemaError(problems)
    if zones.crs is None:
        raise CRSError(
            Problem(
                file=name,
                expected=Text("lớp ranh giới có hệ tọa độ", "a boundary layer with a CRS"),
                found=Text("không có hệ tọa độ", "no CRS"),
                fix=Text(
                    "gán hệ tọa độ đúng của tệp (ví dụ EPSG:4326 hoặc EPSG:9214) bằng QGIS hay GeoDataFrame.set_crs;"
                    " không đoán",
                    "set the file's real CRS (e.g. EPSG:4326 or EPSG:9214) in QGIS or with GeoDataFrame.set_crs;"
                    " do not guess",
                ),
            )
        )


def to_raster_crs(zones: gpd.GeoDataFrame, crs: rasterio.crs.CRS) -> gpd.GeoSeries:
    """Zone geometries in the raster's CRS, invalid ones repaired (their area is kept, slivers dropped)."""
    target = pyproj.CRS.from_wkt(crs.to_wkt())
    geoms = zones.geometry if target.equals(zones.crs, ignore_axis_order=True) else zones.geometry.to_crs(target)
    invalid = ~geoms.is_valid.to_numpy() & geoms.notna().to_numpy()
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(np.asarray(geoms.array, dtype=object)[invalid])
    return geoms


def check_overlap(zones: gpd.GeoSeries, src: DatasetReader, path: Path, name: str) -> None:
    """At least one zone overlaps the raster's extent, or the CRS of one of them is probably wrong."""
    extent = shapely.box(*src.bounds)
    if len(zones) and shapely.intersects(np.asarray(zones.array, dtype=object), extent).any():
        return
    found = [round(v, 1) for v in zones.total_bounds] if len(zones) else []
    raise CRSError(
        Problem(
            file=name,
            expected=Text(
                f"vùng nằm trong phạm vi ảnh {path.name} {[round(v, 1) for v in src.bounds]}",
                f"zones within the extent of {path.name} {[round(v, 1) for v in src.bounds]}",
            ),
            found=found,
            fix=Text(
                "kiểm tra hệ tọa độ khai báo của lớp ranh giới và của ảnh (VN-2000 hay WGS 84), và đúng tỉnh",
                "check the CRS declared by the boundary layer and by the raster (VN-2000 or WGS 84), and the area",
            ),
        )
    )


def cache_key(
    path: Path,
    zones: gpd.GeoDataFrame,
    id_field: str,
    classes: Sequence[int],
    band: int,
    nodata: int | None,
) -> str:
    """Digest of the raster (path, size, modification time), the zones and the parameters."""
    stat = path.stat()
    digest = hashlib.sha256()
    params = (CACHE_VERSION, str(path.resolve()), stat.st_size, stat.st_mtime_ns, id_field, tuple(classes), band)
    digest.update(repr((*params, nodata)).encode())
    digest.update(zones.crs.to_wkt().encode() if zones.crs is not None else b"")
    digest.update("\x1f".join(map(str, zones[id_field].tolist())).encode())
    for wkb in shapely.to_wkb(np.asarray(zones.geometry.array, dtype=object)):
        digest.update(wkb if wkb is not None else b"\x00")
    return digest.hexdigest()[:32]


def read_cached(cache_dir: str | Path | None, key: str, ids: pd.Series) -> pd.DataFrame | None:
    """The cached table for ``key`` with its id column restored exactly, or None."""
    if cache_dir is None or not (path := Path(cache_dir) / f"zonal-{key}.csv").exists():
        return None
    table = read_table(path)
    table[str(ids.name)] = ids.to_numpy()
    return table


def write_cached(cache_dir: str | Path | None, key: str, table: pd.DataFrame) -> None:
    if cache_dir is not None:
        write_table(table, Path(cache_dir) / f"zonal-{key}.csv")
