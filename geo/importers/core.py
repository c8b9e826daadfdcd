"""From an uploaded file and a dataset name to a typed, validated frame and its report, or a report of every problem.

:func:`read_upload` is the one entry (the "Dữ liệu" page, ``python -m geo import``, ``geo zonal --units``). It never
raises for a bad file: limits, unsafe archives, unreadable formats, encodings, CRS questions, geometry and cell
problems all end up in :attr:`ImportResult.report`; ``frame`` is None unless the report is ``ok``.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio.errors
from openpyxl.utils.exceptions import InvalidFileException

from geo.datasets.validate import check
from geo.errors import GeoDataError, Problem, Text
from geo.importers import shapes, spatial, steps
from geo.importers.raster import read_raster
from geo.importers.report import Report, code_of
from geo.importers.steps import Options
from geo.io import crs as gcrs
from geo.io import uploads

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
class ImportResult:
    frame: pd.DataFrame | None
    report: Report

    @property
    def ok(self) -> bool:
        return self.report.ok and self.frame is not None


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
            steps.problem(
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
            steps.problem(
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


def _read(path: Path, area: Path, name: str, options: Options, report: Report) -> pd.DataFrame | None:
    if path.suffix.lower() == ".zip":
        path = steps.inner(path, area)
    suffix = path.suffix.lower()
    if name == "forest_raster":
        return read_raster(path, options, report)
    ds = shapes.declaration(name)
    if suffix in steps.TABLE_SUFFIXES:
        raw = steps.read_table(path, ds, report, options)
        if raw is None:
            return None
        frame: pd.DataFrame = raw.frame
        text_cells = raw.text_cells
        geo_frame, problems, grid = (
            spatial.points(frame, report.file, 2) if ds.geometry != "table" else (None, [], False)
        )
        report.problems += problems
        first = 2
    elif suffix in steps.VECTOR_SUFFIXES:
        geo_frame, grid, text_cells, first = steps.read_vector_file(path, report), None, {}, 1
        frame = pd.DataFrame(geo_frame.drop(columns=geo_frame.geometry.name))
    else:
        report.problems.append(
            steps.problem(
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
    frame = steps.apply_mapping(frame, ds, options.mapping, report)
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
            report.crs = options.crs or steps.crs_name(geo_frame) or gcrs.STORAGE_CRS
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
            steps.problem(
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
    text_rows = {steps.column_of(h, ds, options.mapping): rows for h, rows in text_cells.items()}
    report.problems = [steps.named(p, ds, options.mapping) for p in report.problems]
    located = {p.row for p in report.problems if code_of(p) in ("lonlat_swapped", "not_a_number")}
    typed, problems = check(frame, ds, file=report.file, first_row=first)
    typed, filled = steps.match_units(typed, name, report, first)
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
