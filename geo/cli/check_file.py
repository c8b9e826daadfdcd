"""``python -m geo check-file DATASET FILE``: read a department's file as an import would and report every problem,
writing nothing to the store.

    python -m geo check-file units vung_quy_hoach.zip --crs EPSG:9214 --map ma=code --map ten=name --report r.json
    python -m geo check-file kcn_ccn so_kcn.xlsx --sheet "Danh sách" --report loi.xlsx

The file goes through :func:`geo.importers.read_upload` (limits, archives, encodings, CRS, geometry, units, cells).
The report (``--report``: ``.json`` or ``.xlsx``, in ``--lang``) holds ``ok``, ``dataset``, ``rows``, ``encoding``,
``crs``, ``bounds`` and ``problems`` (``row``, ``field``, ``code``, ``expected``, ``found``, ``fix``). Exit status 0
when the file would be accepted, 2 when it is refused. The reading arguments are shared with ``geo import``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geo.errors import Lang, Problem, SchemaError, Text
from geo.importers import DATASET_NAMES, ImportResult, read_upload
from geo.io.files import write_bytes
from geo.store import rasters


def _mapping(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        source, sep, column = item.partition("=")
        if not sep or not source.strip() or not column.strip():
            raise SchemaError(
                Problem(
                    field="--map",
                    expected=Text("TIÊU_ĐỀ=CỘT", "SOURCE=COLUMN"),
                    found=item,
                    fix=Text("ví dụ --map 'Tên KCN=name'", "e.g. --map 'Park name=name'"),
                )
            )
        out[source.strip()] = column.strip()
    return out


def mapping_arguments(args: argparse.Namespace) -> dict[str, str]:
    """The ``--map SOURCE=COLUMN`` choices, {header: column}."""
    return _mapping(args.map)


def _classes(items: list[str]) -> dict[int, str] | None:
    return {int(code): label for code, _, label in (i.partition("=") for i in items)} if items else None


def add_reader_arguments(parser: argparse.ArgumentParser) -> None:
    """DATASET FILE and the options of reading it (shared by ``check-file`` and ``import``)."""
    parser.add_argument("dataset", choices=DATASET_NAMES, metavar="DATASET", help=", ".join(DATASET_NAMES))
    parser.add_argument("file", metavar="FILE", help="CSV, XLSX, Shapefile .zip, GeoJSON, GeoPackage, KML, GeoParquet")
    parser.add_argument("--crs", help="hệ tọa độ của tệp không có .prj, ví dụ EPSG:9214 / CRS of a file without one")
    parser.add_argument("--map", action="append", default=[], metavar="SOURCE=COLUMN", help="tiêu đề → cột")
    parser.add_argument("--sheet", help="trang tính XLSX / XLSX sheet")
    parser.add_argument("--repair", action="store_true", help="sửa đa giác lỗi bằng make_valid / repair polygons")
    parser.add_argument("--unit-set", help="tên bộ đơn vị (units) / name of the unit set")
    parser.add_argument("--classes", action="append", default=[], metavar="CODE=LABEL", help="lớp ảnh rừng")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="ngày của ảnh rừng / date of a forest raster")
    parser.add_argument("--illustrative", action="store_true", help="ảnh rừng minh họa / an illustrative forest raster")
    parser.add_argument("--report", metavar="REPORT", help="ghi báo cáo .json hoặc .xlsx / write the report")


def read_from_args(args: argparse.Namespace, remembered: dict[str, str] | None = None) -> ImportResult:
    """The file read with the command's options; ``remembered``: header choices made before (``geo import``). A forest
    GeoTIFF needs ``--date`` (YYYY-MM-DD), checked first with the page's message (``date_needed``)."""
    path = Path(args.file)
    if args.dataset == "forest_raster" and path.suffix.lower() in (".tif", ".tiff"):
        rasters.checked_date(path.name, args.date)
    return read_upload(
        Path(args.file),
        args.dataset,
        crs=args.crs,
        mapping=mapping_arguments(args),
        remembered=remembered or {},
        sheet=args.sheet,
        repair=args.repair,
        unit_set=args.unit_set,
        classes=_classes(args.classes),
        date=args.date,
        illustrative=args.illustrative,
    )


def write_report(result: ImportResult, target: str | None, lang: Lang) -> None:
    """The report to ``target`` (.xlsx, else JSON), and its problems to stderr."""
    report = result.report
    if target:
        data = report.to_xlsx(lang) if target.lower().endswith(".xlsx") else report.to_json(lang).encode("utf-8")
        write_bytes(data, target)
    for item in report.as_dict(lang)["problems"]:
        where = ", ".join(f"{k} {item[k]}" for k in ("row", "field") if item[k] is not None)
        print(f"[{item['code']}] {where}: {item['expected']} ← {item['found']}. {item['fix'] or ''}", file=sys.stderr)


def summary(result: ImportResult, lang: Lang) -> str:
    r = result.report
    if lang == "vi":
        state = "hợp lệ" if r.ok else f"bị từ chối: {len(r.problems)} lỗi"
        return f"{r.file}: {state}; {r.rows} dòng; bảng mã {r.encoding or '—'}; hệ tọa độ {r.crs or '—'}"
    state = "valid" if r.ok else f"refused: {len(r.problems)} problems"
    return f"{r.file}: {state}; {r.rows} rows; encoding {r.encoding or '—'}; CRS {r.crs or '—'}"


def run(args: argparse.Namespace) -> int:
    result = read_from_args(args)
    write_report(result, args.report, args.lang)
    print(summary(result, args.lang))
    return 0 if result.ok else 2


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check-file",
        help="kiểm tra một tệp như khi nhập, không ghi gì (check a file as an import would, writing nothing)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_reader_arguments(parser)
    parser.set_defaults(func=run)
