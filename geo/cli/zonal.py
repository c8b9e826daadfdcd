"""``python -m geo zonal``: forest area and forest share per unit from a forest-class raster, exact at unit edges.

    python -m geo zonal forest_2020.tif --units communes.gpkg --id-field ma_xa --classes 1,2 --out forest.csv
    python -m geo zonal forest_2020.tif --units districts_2019 --classes 1,2 --out forest_districts.csv

Units come from :func:`load_units`, the one place that turns ``--units`` into polygons: a named unit set (a built
boundary layer such as ``districts_2019``, or a set imported into the store with ``python -m geo import units``; id
field ``code`` by default) or a vector file.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

import geopandas as gpd
import pandas as pd

from geo.boundaries import sets
from geo.errors import NO_FILE_YET, Problem, SchemaError, Text
from geo.importers import read_layer
from geo.io.cells import safe_table
from geo.io.files import read_vector, write_table
from geo.settings import get_settings
from geo.zonal.entry import zonal_stats

COLUMNS = ("area_ha", "valid_ha", "forest_ha", "forest_pct", "nodata_pct")
DECIMALS = {"area_ha": 4, "valid_ha": 4, "forest_ha": 4, "forest_pct": 3, "nodata_pct": 3}


def _is_file(value: str) -> bool:
    """Whether ``--units`` names a file (an existing path, or one with a folder or a suffix) rather than a set."""
    path = Path(value)
    return path.exists() or bool(path.suffix) or len(path.parts) > 1


def is_named_set(value: str) -> bool:
    return value in sets.BUILT_NAMES or not _is_file(value)


def load_units(value: str) -> gpd.GeoDataFrame:
    """The unit polygons named by ``--units``: a built unit set (the layer of that name in the build directory), a
    unit set the department imported into the store (:func:`geo.boundaries.sets.load_unit_set`; an unknown name is
    an error listing the valid ones), or a vector file (GeoPackage, GeoJSON, zipped Shapefile, GeoParquet, KML, CSV
    with coordinates), read by :func:`geo.importers.read_layer` with every safeguard of an import (limits, archives,
    encodings, CRS, empty/invalid geometries; features outside the province are only noted: a study area may be
    elsewhere)."""
    if value in sets.BUILT_NAMES:
        built = get_settings().build_dir / f"{value}.parquet"
        if not built.exists():
            raise SchemaError(
                Problem(
                    file=str(built),
                    field="--units",
                    expected=Text("lớp ranh giới đã được dựng", "a built boundary layer"),
                    found=NO_FILE_YET,
                    fix=Text(
                        "chạy: python -m geo data fetch && python -m geo data build", "run: python -m geo data build"
                    ),
                )
            )
        return read_vector(built)
    if not _is_file(value):
        return sets.load_unit_set(value, sets.stored_units())
    result = read_layer(Path(value))
    if not isinstance(result.frame, gpd.GeoDataFrame):  # every problem of the file, as an import reports them
        raise SchemaError(result.report.problems)
    return result.frame


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "zonal",
        help="diện tích và tỷ lệ rừng theo đơn vị (forest area and share per unit)",
        description=(
            "Thống kê vùng chính xác của ảnh phân loại rừng: pixel cắt ranh giới được tính theo phần diện tích nằm"
            " trong đơn vị. Exact zonal statistics of a forest-class raster: pixels cut by a boundary count by the"
            " share of their area inside the unit. forest_pct = forest_ha / valid_ha × 100; nodata_pct = share of"
            " the unit without data (nodata pixels or outside the raster)."
        ),
    )
    parser.add_argument("raster", help="ảnh phân loại (GeoTIFF mã lớp, ví dụ uint8) / class-code raster")
    parser.add_argument(
        "--units",
        required=True,
        help="districts_2019 | communes_2025 | communes_2025_all | province_2019 | bộ đơn vị đã nhập vào kho | tệp"
        " ranh giới (GPKG, GeoJSON...) / a built or imported unit set, or a boundary file",
    )
    parser.add_argument("--id-field", help="cột mã đơn vị / unit id column (mặc định/default: code for named sets)")
    parser.add_argument("--classes", required=True, help="mã lớp rừng, cách nhau bởi dấu phẩy / forest codes: 1,2")
    parser.add_argument("--out", required=True, help="tệp kết quả .csv hoặc .xlsx / output table")
    parser.add_argument("--cache-dir", help="thư mục lưu kết quả đã tính / where results are cached")
    parser.set_defaults(func=run)


def parse_classes(text: str) -> list[int]:
    """``"1,2"`` → ``[1, 2]``, or a SchemaError naming ``--classes``."""
    try:
        classes = [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    except ValueError:
        classes = []
    if not classes:
        raise SchemaError(
            Problem(
                field="--classes",
                expected=Text("các mã lớp số nguyên cách nhau bởi dấu phẩy", "integer class codes separated by commas"),
                found=text,
                fix=Text("ví dụ --classes 1,2", "e.g. --classes 1,2"),
            )
        )
    return classes


class ProgressPrinter:
    """Prints ``done/total`` strips to ``stream`` once a run has lasted ``after`` seconds, at most twice a second."""

    def __init__(self, stream: TextIO, after: float = 1.0) -> None:
        self.stream, self.after = stream, after
        self.start = time.monotonic()
        self.last = -1.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < self.after or (now - self.last < 0.5 and done < total):
            return
        self.last, self.shown = now, True
        end = "\n" if done >= total else ""
        print(f"\rzonal: {done}/{total} dải/strips ({100 * done / total:.0f} %)", end=end, file=self.stream, flush=True)


def run(args: argparse.Namespace) -> int:
    classes = parse_classes(args.classes)
    id_field = args.id_field or ("code" if is_named_set(args.units) else None)
    if id_field is None:
        raise SchemaError(
            Problem(
                file=Path(args.units).name,
                field="--id-field",
                expected=Text("tên cột mã đơn vị của tệp", "the name of the file's unit id column"),
                found=None,
                fix=Text("thêm --id-field TÊN_CỘT (ví dụ --id-field ma_xa)", "add --id-field COLUMN (e.g. ma_xa)"),
            )
        )
    units = load_units(args.units)
    table = zonal_stats(
        args.raster,
        units,
        id_field,
        classes,
        cache_dir=args.cache_dir,
        progress=ProgressPrinter(sys.stderr),
        zones_name=Path(args.units).name,
    )
    out = pd.DataFrame({id_field: table[id_field]})
    for column in COLUMNS:
        out[column] = table[column].round(DECIMALS[column])
    write_table(safe_table(out), args.out)
    print(f"zonal: {len(out)} đơn vị/units → {args.out}", file=sys.stderr)
    return 0
