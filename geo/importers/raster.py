"""Forest rasters: a GeoTIFF of class codes in any CRS, with the class mapping the user gives (code → label).

The report gives the raster's CRS, size, bounds (degrees) and the class values found; a raster with no CRS is
``crs_needed``, a class value the mapping does not name is ``class_unmapped``, and a raster that does not reach the
province is ``outside_province``. The frame is one row describing the raster (for the store's raster catalogue).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import shapely

from geo.errors import Problem, Text
from geo.io import crs as gcrs
from geo.io import uploads

if TYPE_CHECKING:
    from geo.importers.report import Report
    from geo.importers.steps import Options


def _p(file: str, field: str, code: str, expected: Text, found: object, fix: Text) -> Problem:
    return Problem(file=file, field=field, expected=expected, found=found, fix=fix, code=code)


def read_raster(path: Path, options: Options, report: Report) -> pd.DataFrame | None:
    if path.suffix.lower() not in (".tif", ".tiff"):
        report.problems.append(
            _p(
                path.name,
                "file",
                "unsupported_format",
                Text("ảnh GeoTIFF (.tif)", "a GeoTIFF"),
                path.suffix,
                Text("xuất ảnh dạng GeoTIFF", "export the raster as GeoTIFF"),
            )
        )
        return None
    info = uploads.raster_info(path)
    crs = info["crs"] or options.crs
    report.details.update({k: info[k] for k in ("width", "height", "nodata", "dtype", "classes")})
    report.rows = 1
    if crs is None:
        report.problems.append(
            _p(
                path.name,
                "crs",
                "crs_needed",
                Text("ảnh có hệ tọa độ", "a raster with a CRS"),
                Text("không có hệ tọa độ", "no CRS"),
                Text(
                    "gán hệ tọa độ cho ảnh (ví dụ EPSG:9214) hoặc chọn trên trang",
                    "assign the raster's CRS (e.g. EPSG:9214) or choose it on the page",
                ),
            )
        )
    else:
        report.crs = crs
        box = gpd.GeoSeries([shapely.box(*info["bounds"])], crs=crs).to_crs(gcrs.STORAGE_CRS)
        w, s, e, n = (round(float(v), 6) for v in box.total_bounds)
        report.bounds = (w, s, e, n)
        pw, ps, pe, pn = gcrs.PROVINCE_LONLAT_BOUNDS
        if e < pw or w > pe or n < ps or s > pn:
            report.problems.append(
                _p(
                    path.name,
                    "bounds",
                    "outside_province",
                    Text("ảnh phủ tỉnh", "a raster over the province"),
                    f"{w}, {s}, {e}, {n}",
                    Text("kiểm tra hệ tọa độ của ảnh", "check the raster's CRS"),
                )
            )
    mapping = options.classes or {}
    if not mapping:
        report.problems.append(
            _p(
                path.name,
                "classes",
                "classes_needed",
                Text("bảng mã lớp → tên lớp", "a class map"),
                ", ".join(map(str, info["classes"])),
                Text(
                    "cho biết mỗi mã lớp là gì (ví dụ 1=rừng tự nhiên, 2=rừng trồng)",
                    "say what each class code is (e.g. 1=natural forest, 2=plantation)",
                ),
            )
        )
    unmapped = [c for c in info["classes"] if c not in mapping and c != info["nodata"]]
    if mapping and unmapped:
        report.problems.append(
            _p(
                path.name,
                "classes",
                "class_unmapped",
                Text("mọi mã lớp có tên", "every class named"),
                ", ".join(map(str, unmapped)),
                Text("thêm tên cho các mã lớp này", "name these classes"),
            )
        )
    return pd.DataFrame(
        [
            {
                "file": path.name,
                "crs": crs,
                "width": info["width"],
                "height": info["height"],
                "classes": ";".join(f"{k}={v}" for k, v in sorted(mapping.items())),
                "date": options.date,
                "illustrative": options.illustrative,
            }
        ]
    )
