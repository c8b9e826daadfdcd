"""From an uploaded file and a dataset name to a typed, validated frame and its report, or a report of every problem.

:func:`read_upload` is the one entry (the "Dữ liệu" page, ``python -m geo import``, ``geo zonal --units``). It never
raises for a bad file: limits, unsafe archives, unreadable formats, encodings, CRS questions, geometry and cell
problems all end up in :attr:`ImportResult.report`; ``frame`` is None unless the report is ``ok``.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio.errors
from openpyxl.utils.exceptions import InvalidFileException

from geo.datasets.spec import Dataset
from geo.datasets.validate import check
from geo.errors import GeoDataError, Problem, Text
from geo.importers import shapes, spatial, tables
from geo.importers import units as unit_match
from geo.importers.raster import read_raster
from geo.importers.report import Report, code_of
from geo.io import crs as gcrs
from geo.io import legacy_text, uploads

DATASET_NAMES = (
    "kcn_ccn",
    "aq_stations",
    "aq_hourly",
    "emission_sources",
    "indicator_values",
    "forest_official",
    "units",
    "forest_raster",
)
TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".kml", ".parquet", ".geoparquet")
RASTER_SUFFIXES = (".tif", ".tiff")
_UNREADABLE = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    OSError,
    UnicodeError,
)


@dataclass
class Options:
    """What the user chose: the CRS of a file that has none, header → column mapping, the sheet, the repair of
    invalid polygons, the unit set a unit layer becomes, a raster's class mapping and date."""

    crs: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    repair: bool = False
    unit_set: str | None = None
    classes: dict[int, str] | None = None
    date: str | None = None
    illustrative: bool = False


@dataclass
class ImportResult:
    frame: pd.DataFrame | None
    report: Report

    @property
    def ok(self) -> bool:
        return self.report.ok and self.frame is not None


def _problem(file: str, code: str, expected: Text, found: object, fix: Text, field_: str | None = None) -> Problem:
    return Problem(file=file, field=field_, expected=expected, found=found, fix=fix, code=code)


def read_upload(
    source: bytes | str | Path,
    dataset: str,
    *,
    name: str | None = None,
    crs: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    repair: bool = False,
    unit_set: str | None = None,
    classes: dict[int, str] | None = None,
    date: str | None = None,
    illustrative: bool = False,
) -> ImportResult:
    """Read ``source`` (the uploaded bytes with their file ``name``, or a path) as ``dataset``; see the module."""
    options = Options(crs, dict(mapping or {}), sheet, repair, unit_set, classes, date, illustrative)
    file = Path(name or (source if not isinstance(source, bytes) else "upload")).name
    report = Report(dataset=dataset, file=file)
    if dataset not in DATASET_NAMES:
        report.problems.append(
            _problem(
                file,
                "unknown_dataset",
                Text(f"một trong: {', '.join(DATASET_NAMES)}", f"one of: {', '.join(DATASET_NAMES)}"),
                dataset,
                Text("chọn đúng bộ dữ liệu", "choose one of the datasets"),
                "dataset",
            )
        )
        return ImportResult(None, report)
    frame: pd.DataFrame | None = None
    try:
        with uploads.upload_area() as area:
            path = uploads.stage(source, name, area)
            frame = _read(path, area, dataset, options, report)
    except GeoDataError as exc:  # a refusal of ours (limits, unsafe archive, CRS): reported, never raised
        report.problems.extend(exc.problems)
    except _UNREADABLE as exc:  # a malformed file the libraries could not read
        report.problems.append(
            _problem(
                file,
                "unreadable",
                Text("một tệp đọc được đúng định dạng của nó", "a file readable in its format"),
                f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}",
                Text(
                    "mở tệp bằng Excel/QGIS và lưu lại; với Shapefile hãy nén đủ .shp, .shx, .dbf, .prj",
                    "open it in Excel/QGIS and save it again; zip a Shapefile with its .shp, .shx, .dbf and .prj",
                ),
            )
        )
    report.problems.sort(key=lambda p: (p.row or 0, p.field or "", code_of(p)))
    return ImportResult(frame if report.ok else None, report)


def _inner(path: Path, area: Path) -> Path:
    """The file to read inside a zip: a Shapefile, GeoPackage, GeoJSON, KML, table or raster."""
    root = uploads.extract(path, area)
    found = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(("._", ".")))
    for suffixes in (
        (".shp",),
        (".gpkg",),
        (".geojson", ".json", ".kml"),
        (".parquet",),
        TABLE_SUFFIXES,
        RASTER_SUFFIXES,
    ):
        hits = [p for p in found if p.suffix.lower() in suffixes]
        if hits:
            return hits[0]
    raise uploads.refuse(
        path.name,
        "archive_empty",
        Text("tệp nén chứa một lớp bản đồ hoặc một bảng", "an archive holding a map layer or a table"),
        ", ".join(p.name for p in found) or "—",
        Text("nén đủ .shp, .shx, .dbf, .prj của Shapefile", "zip the Shapefile's .shp, .shx, .dbf, .prj"),
    )


def _read(path: Path, area: Path, name: str, options: Options, report: Report) -> pd.DataFrame | None:
    if path.suffix.lower() == ".zip":
        path = _inner(path, area)
    suffix = path.suffix.lower()
    if name == "forest_raster":
        return read_raster(path, options, report)
    ds = shapes.declaration(name)
    if suffix in TABLE_SUFFIXES:
        raw = _read_table(path, ds, report, options)
        if raw is None:
            return None
        frame: pd.DataFrame = raw.frame
        text_cells = raw.text_cells
        geo_frame, problems, grid = (
            spatial.points(frame, report.file, 2) if ds.geometry != "table" else (None, [], False)
        )
        report.problems += problems
        first = 2
    elif suffix in VECTOR_SUFFIXES:
        geo_frame, grid, text_cells, first = _read_vector_file(path, report), None, {}, 1
        frame = pd.DataFrame(geo_frame.drop(columns=geo_frame.geometry.name))
    else:
        report.problems.append(
            _problem(
                path.name,
                "unsupported_format",
                Text(
                    "CSV, XLSX, Shapefile nén .zip, GeoJSON, GeoPackage, KML, GeoParquet",
                    "CSV, XLSX, zipped Shapefile, GeoJSON, GeoPackage, KML, GeoParquet",
                ),
                suffix or path.name,
                Text("lưu tệp ở một trong các định dạng trên", "save the file in one of these formats"),
            )
        )
        return None
    frame = _apply_mapping(frame, ds, options.mapping, report)
    if name == "aq_hourly" and shapes.is_wide(frame):
        frame, found = shapes.wide_to_long(frame, report.file)
        report.problems += found
        report.details["reshaped"] = "wide → long"
    report.rows = len(frame)
    placed = None
    if geo_frame is not None:
        placed, problems, choices = spatial.place(geo_frame, report.file, options.crs, grid)
        report.problems += problems
        if choices:
            report.details["crs_choices"] = choices
        if placed is not None:
            placed, problems, notes = spatial.check_geometry(placed, report.file, first, repair=options.repair)
            unplaced = {p.row for p in report.problems if code_of(p) in ("lonlat_swapped", "not_a_number")}
            report.problems += [p for p in problems if not (p.code == "empty_geometry" and p.row in unplaced)]
            report.notes += notes
            report.crs = options.crs or _crs_name(geo_frame) or gcrs.STORAGE_CRS
            report.bounds = spatial.lonlat_bounds(placed)
            if ds.geometry == "point":
                coords = spatial.coordinate_columns(frame)
                frame = frame.drop(columns=list(coords[:2]) if coords else [])
                frame = frame.assign(
                    lon=placed.geometry.x.where(~placed.geometry.is_empty),
                    lat=placed.geometry.y.where(~placed.geometry.is_empty),
                )
    elif ds.geometry != "table":
        report.problems.append(
            _problem(
                report.file,
                "no_location",
                Text(
                    "cột kinh độ/vĩ độ hoặc X/Y (VN-2000), hoặc một lớp bản đồ",
                    "lon/lat or X/Y columns, or a map layer",
                ),
                ", ".join(map(str, frame.columns)),
                Text("thêm cột Kinh độ và Vĩ độ", "add Longitude and Latitude columns"),
                "lon/lat",
            )
        )
    if name == "units":
        area_km2 = None
        if placed is not None:
            valid = placed.geometry.is_valid.to_numpy() & ~placed.geometry.is_empty.to_numpy()
            area_km2 = pd.Series(np.where(valid, gcrs.area_km2(placed.geometry), np.nan), index=frame.index)
        frame = shapes.derive_units(frame, area_km2)
    text_rows = {_column_of(h, ds, options.mapping): rows for h, rows in text_cells.items()}
    report.problems = [_named(p, ds, options.mapping) for p in report.problems]
    located = {p.row for p in report.problems if code_of(p) in ("lonlat_swapped", "not_a_number")}
    typed, problems = check(frame, ds, file=report.file, first_row=first)
    typed, filled = _match_units(typed, name, report, first)
    skip_location = placed is None and geo_frame is not None
    for p in problems:
        if p.field in ("lon", "lat") and (skip_location or p.row in located):
            continue
        if (p.row, p.field) in filled or (p.row, p.field) in {(q.row, q.field) for q in report.problems}:
            continue
        if code_of(p) == "not_a_date" and p.row in text_rows.get(str(p.field), set()):
            p = Problem(
                p.file,
                p.row,
                p.field,
                Text("một ô ngày tháng của Excel", "an Excel date cell"),
                p.found,
                p.fix,
                "date_as_text",
            )
        report.problems.append(p)
    typed = shapes.complete(typed, ds)
    if name == "units":
        typed.insert(
            0,
            "unit_set",
            typed["unit_set"] if "unit_set" in typed.columns else options.unit_set or Path(report.file).stem,
        )
    if placed is not None and ds.geometry == "polygon":
        return gpd.GeoDataFrame(typed, geometry=placed.geometry.to_numpy(), crs=gcrs.STORAGE_CRS)
    if placed is not None and ds.geometry == "point":
        return gpd.GeoDataFrame(typed, geometry=placed.geometry.to_numpy(), crs=gcrs.STORAGE_CRS)
    return typed


def _named(problem: Problem, ds: Dataset, mapping: dict[str, str]) -> Problem:
    """A reader's problem with its field as the declared column the header names (as validation names it)."""
    if not problem.field or problem.field in ds.names or (problem.code or "").startswith("mapping_"):
        return problem
    column = _column_of(problem.field, ds, mapping)
    if column == problem.field:
        return problem
    return Problem(problem.file, problem.row, column, problem.expected, problem.found, problem.fix, problem.code)


def _column_of(header: str, ds: Dataset, mapping: dict[str, str]) -> str:
    return mapping.get(header) or (header if header in ds.names else ds.header_column(header) or header)


def _crs_name(frame: gpd.GeoDataFrame) -> str | None:
    if frame.crs is None:
        return None
    epsg = frame.crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else str(frame.crs.name)


def _read_table(path: Path, ds: Dataset, report: Report, options: Options) -> tables.RawTable | None:
    if path.suffix.lower() == ".xlsx":

        def score(headers: list[str]) -> int:
            return sum(1 for h in headers if h and (ds.header_column(h) or h in options.mapping))

        raw = tables.read_xlsx(path, sheet=options.sheet, score=score)
        report.details["sheet"] = raw.sheet
    else:
        raw = tables.read_csv(path)
        report.encoding = raw.encoding
        report.details["separator"] = raw.separator
    report.problems += raw.problems
    report.notes += raw.notes
    return None if raw.frame.empty and raw.problems else raw


def _read_vector_file(path: Path, report: Report) -> gpd.GeoDataFrame:
    if path.suffix.lower() in (".parquet", ".geoparquet"):
        uploads.check_rows(uploads.parquet_rows(path), path.name)
    else:
        uploads.check_rows(int(uploads.vector_info(path).get("features") or 0), path.name)
    frame = uploads.read_vector_raw(path)
    if path.suffix.lower() == ".shp":
        cpg = path.with_suffix(".cpg")
        frame, fixed = legacy_text.fix_columns(frame)
        encodings = sorted(set(fixed.values()))
        report.encoding = encodings[0] if encodings else ("UTF-8" if cpg.exists() else "Latin-1/UTF-8")
        if fixed:
            report.notes.append(
                Problem(
                    file=path.name,
                    field=", ".join(fixed),
                    found=", ".join(encodings),
                    code="encoding_detected",
                    expected=Text("bảng mã của DBF", "the DBF encoding"),
                )
            )
    else:
        report.encoding = "UTF-8"
    return frame


def _apply_mapping(frame: pd.DataFrame, ds: Dataset, mapping: dict[str, str], report: Report) -> pd.DataFrame:
    """Rename the user's ``{source header: column}`` choices; an unknown header or column is a problem."""
    renames = {}
    for source, column in mapping.items():
        if column not in ds.names:
            report.problems.append(
                _problem(
                    report.file,
                    "mapping_unknown_column",
                    Text(
                        f"một cột của {ds.name}: {', '.join(ds.names)}", f"a column of {ds.name}: {', '.join(ds.names)}"
                    ),
                    column,
                    Text("chọn một cột có trong danh sách", "choose a listed column"),
                    source,
                )
            )
        elif source not in frame.columns:
            report.problems.append(
                _problem(
                    report.file,
                    "mapping_unknown_header",
                    Text("một tiêu đề cột của tệp", "a header of the file"),
                    source,
                    Text(
                        f"các tiêu đề: {', '.join(map(str, frame.columns))}",
                        f"the headers: {', '.join(map(str, frame.columns))}",
                    ),
                    column,
                )
            )
        else:
            renames[source] = column
    return frame.rename(columns=renames)


def _match_units(
    typed: pd.DataFrame, name: str, report: Report, first: int
) -> tuple[pd.DataFrame, set[tuple[int, str]]]:
    """Units checked and completed; returns the (row, column) cells a match filled (their "empty" problem goes)."""
    pairs: list[tuple[str, str | None, Any]] = []
    if name in ("indicator_values", "forest_official") and "unit_set" in typed.columns:
        sets = typed["unit_set"].astype("string")
        pairs.append(
            ("unit_code", "unit_name", [unit_match.known_units(str(s)) if isinstance(s, str) else {} for s in sets])
        )
    for column, unit_set in unit_match.PLACE_COLUMNS.items():
        if name != "units" and column in typed.columns:
            pairs.append((column, None, [unit_match.known_units(unit_set)] * len(typed)))
    filled: set[tuple[int, str]] = set()
    for code_col, name_col, per_row in pairs:
        before = typed[code_col].isna().to_numpy() if code_col in typed.columns else None
        typed, problems, notes = unit_match.match(
            typed,
            code_col=code_col,
            name_col=name_col,
            units_of=dict(enumerate(per_row)),
            file=report.file,
            first_row=first,
        )
        report.problems += problems
        report.notes += notes
        filled |= {(p.row, code_col) for p in problems if p.row is not None}  # reported: not also "empty"
        if before is not None:
            now = typed[code_col].isna().to_numpy()
            filled |= {
                (int(i) + first, code_col) for i, (b, n) in enumerate(zip(before, now, strict=True)) if b and not n
            }
    return typed, filled
