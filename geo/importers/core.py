"""From an uploaded file and a dataset name to a typed, validated frame and its report, or a report of every problem.

:func:`read_upload` is the one entry (the "Dữ liệu" page, ``python -m geo import``, ``geo zonal --units``). It never
raises for a bad file: limits, unsafe archives, unreadable formats, encodings, CRS questions, geometry and cell
problems all end up in :attr:`ImportResult.report`; ``frame`` is None unless the report is ``ok``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio.errors
import shapely
from openpyxl.utils.exceptions import InvalidFileException

from geo.datasets.spec import Dataset
from geo.datasets.validate import check
from geo.errors import GeoDataError, Problem, Text
from geo.importers import mappings, shapes, spatial, steps
from geo.importers.raster import read_raster
from geo.importers.report import Report, code_of
from geo.importers.steps import Options, Progress
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
    """``frame``: the typed rows (None unless the report is ok). ``preview``: every placed feature in EPSG:4326 with
    its file ``row`` and a ``label`` (name or id), kept even when the file has problems, so a page can draw them and
    mark the rows the report names."""

    frame: pd.DataFrame | None
    report: Report
    preview: gpd.GeoDataFrame | None = None

    @property
    def ok(self) -> bool:
        return self.report.ok and self.frame is not None


def _unreadable(file: str, exc: Exception) -> Problem:
    return steps.problem(
        file,
        "unreadable",
        Text("một tệp đọc được đúng định dạng của nó", "a file readable in its format"),
        f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}",
        Text(
            "mở tệp bằng Excel/QGIS và lưu lại; với Shapefile hãy nén đủ .shp, .shx, .dbf, .prj",
            "open it in Excel/QGIS and save it again; zip a Shapefile with its .shp, .shx, .dbf and .prj",
        ),
    )


def _run(
    source: bytes | str | Path, name: str | None, report: Report, read: Callable[[Path, Path], pd.DataFrame | None]
) -> ImportResult:
    """Stage the upload in a temporary area, read it, and turn every refusal into the report."""
    frame: pd.DataFrame | None = None
    try:
        with uploads.upload_area() as area:
            path = uploads.stage(source, name, area)
            if path.suffix.lower() == ".zip":
                path = steps.inner(path, area)
            frame = read(path, area)
    except GeoDataError as exc:  # a refusal of ours (limits, unsafe archive, CRS): reported, never raised
        report.problems.extend(exc.problems)
    except _UNREADABLE as exc:  # a malformed file the libraries could not read
        report.problems.append(_unreadable(report.file, exc))
    report.problems.sort(key=lambda p: (p.row or 0, p.field or "", code_of(p)))
    return ImportResult(frame if report.ok else None, report)


def _file_name(source: bytes | str | Path, name: str | None) -> str:
    return Path(name or (source if not isinstance(source, bytes) else "upload")).name


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
    progress: Progress | None = None,
    remembered: dict[str, str] | None = None,
) -> ImportResult:
    """Read ``source`` (the uploaded bytes with their file ``name``, or a path) as ``dataset``; see the module.
    ``crs``: the CRS of a file that has none (e.g. "EPSG:9214"); ``mapping``: {header in the file: column};
    ``sheet``: the XLSX sheet; ``repair``: apply make_valid to invalid polygons; ``unit_set``: the name of the set
    a unit layer becomes; ``classes``/``date``/``illustrative``: a forest raster's class map, date and flag;
    ``progress(stage, share)``: told each stage ("read", "place", "validate", "done") and the share done (0–1);
    ``remembered``: header choices made before ({header: column}, kept by :mod:`geo.store.mappings`), applied only to
    headers of this file that name no column (and reported in ``details["mapping_offered"]``)."""
    options = Options(crs, dict(mapping or {}), sheet, repair, unit_set, classes, date, illustrative, progress)
    options.remembered = dict(remembered or {})
    report = Report(dataset=dataset, file=_file_name(source, name))
    if dataset not in DATASET_NAMES:
        report.problems.append(
            steps.problem(
                report.file,
                "unknown_dataset",
                Text(f"một trong: {', '.join(DATASET_NAMES)}", f"one of: {', '.join(DATASET_NAMES)}"),
                dataset,
                Text("chọn đúng bộ dữ liệu", "choose one of the datasets"),
                "dataset",
            )
        )
        return ImportResult(None, report)
    options.tell("read", 0.0)
    result = _run(source, name, report, lambda path, _: _read(path, dataset, options, report))
    result.preview = options.preview
    return result


def read_layer(
    source: bytes | str | Path, *, name: str | None = None, crs: str | None = None, repair: bool = False
) -> ImportResult:
    """Any vector layer (or table with coordinates) through the same safeguards, with no dataset declaration:
    limits, archives, encodings, CRS, empty/invalid geometries, features outside the province. ``frame`` is the
    layer in EPSG:4326 with its attributes as written (for ``geo zonal --units FILE``)."""
    report = Report(dataset="layer", file=_file_name(source, name))
    options = Options(crs=crs, repair=repair)

    def read(path: Path, _: Path) -> pd.DataFrame | None:
        loaded = _load(path, "polygon", options, report)
        if loaded is None:
            return None
        frame, geo_frame, grid, first, _cells = loaded
        report.rows = len(frame)
        if geo_frame is None:
            report.problems.append(_no_location(report.file, frame))
            return None
        placed = _place(geo_frame, grid, first, options, report, None)  # zonal checks polygons itself
        elsewhere = [p for p in report.problems if p.code == "outside_province"]  # a study area may be elsewhere
        report.problems = [p for p in report.problems if p.code != "outside_province"]
        report.notes += elsewhere
        return placed

    return _run(source, name, report, read)


Loaded = tuple[pd.DataFrame, gpd.GeoDataFrame | None, bool | None, int, dict[str, set[int]]]


def _load(path: Path, geometry: str, options: Options, report: Report, ds: Dataset | None = None) -> Loaded | None:
    """The file's cells (untyped), its geometry if any (no CRS decided yet), whether coordinates are grid metres,
    the row number of the first record and the XLSX text cells."""
    suffix = path.suffix.lower()
    if suffix in steps.TABLE_SUFFIXES:
        raw = steps.read_table(path, ds, report, options)
        if raw is None:
            return None
        points = spatial.points(raw.frame, report.file, 2) if geometry != "table" else (None, [], False)
        report.problems += points[1]
        return raw.frame, points[0], points[2], 2, raw.text_cells
    if suffix in steps.VECTOR_SUFFIXES:
        geo_frame = steps.read_vector_file(path, report)
        return pd.DataFrame(geo_frame.drop(columns=geo_frame.geometry.name)), geo_frame, None, 1, {}
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


def _place(
    geo_frame: gpd.GeoDataFrame, grid: bool | None, first: int, options: Options, report: Report, kind: str | None
) -> gpd.GeoDataFrame | None:
    """The geometry in EPSG:4326 with its checks reported, or None when its CRS must be chosen or is refused."""
    placed, problems, choices = spatial.place(geo_frame, report.file, options.crs, grid)
    report.problems += problems
    if choices:
        report.details["crs_choices"] = choices
    if placed is None:
        return None
    placed, problems, notes = spatial.check_geometry(placed, report.file, first, repair=options.repair, kind=kind)
    unplaced = {p.row for p in report.problems if code_of(p) in ("lonlat_swapped", "not_a_number")}
    report.problems += [p for p in problems if not (p.code == "empty_geometry" and p.row in unplaced)]
    report.notes += notes
    report.crs = options.crs or steps.crs_name(geo_frame) or gcrs.STORAGE_CRS
    report.bounds = spatial.lonlat_bounds(placed)
    return placed


def _read(path: Path, name: str, options: Options, report: Report) -> pd.DataFrame | None:
    if name == "forest_raster":
        return read_raster(path, options, report)
    ds = shapes.declaration(name)
    loaded = _load(path, ds.geometry, options, report, ds)
    if loaded is None:
        return None
    frame, geo_frame, grid, first, text_cells = loaded
    report.details["headers"] = [str(h) for h in frame.columns]
    if options.remembered:
        offered = mappings.offered(options.remembered, frame.columns, ds)
        options.mapping = {**{h: c for h, c in offered.items() if c not in options.mapping.values()}, **options.mapping}
        report.details["mapping_offered"] = offered
    frame = steps.apply_mapping(frame, ds, options.mapping, report)
    if name == "aq_hourly" and shapes.is_wide(frame):
        frame, found = shapes.wide_to_long(frame, report.file)
        report.problems += found
        report.details["reshaped"] = "wide → long"
    report.rows = len(frame)
    options.tell("place", 0.4)
    placed = None if geo_frame is None else _place(geo_frame, grid, first, options, report, ds.geometry)
    if placed is not None:
        options.preview = _preview(frame, ds, placed, first)
    if placed is not None and ds.geometry == "point":
        coords = spatial.coordinate_columns(frame)
        frame = frame.drop(columns=list(coords[:2]) if coords else [])
        values = placed.geometry.to_numpy()  # NaN where empty or not a point (reported as wrong_geometry_type)
        frame = frame.assign(lon=shapely.get_x(values), lat=shapely.get_y(values))
    elif geo_frame is None and ds.geometry != "table":
        report.problems.append(_no_location(report.file, frame))
    if name == "units":
        frame = shapes.derive_units(frame, None if placed is None else _areas(placed))
    options.tell("validate", 0.6)
    typed = _validated(frame, ds, name, first, text_cells, options, report, unlocated=placed is None)
    options.tell("done", 1.0)
    if name == "units" and "unit_set" not in typed.columns:
        typed.insert(0, "unit_set", options.unit_set or Path(report.file).stem)
    if placed is not None and ds.geometry in ("point", "polygon"):
        return gpd.GeoDataFrame(typed, geometry=placed.geometry.to_numpy(), crs=gcrs.STORAGE_CRS)
    return typed


def _preview(frame: pd.DataFrame, ds: Dataset, placed: gpd.GeoDataFrame, first: int) -> gpd.GeoDataFrame:
    """The placed features with their file row and a label (the name, else the id or code), for a preview map."""
    named = steps.headers_by_column(frame.columns, ds)
    label_column = next((named[c] for c in ("name", "id", "code") if c in named), None)
    labels = frame[label_column].astype(object).to_numpy() if label_column else [""] * len(frame)
    return gpd.GeoDataFrame(
        {"row": np.arange(first, first + len(placed)), "label": [("" if pd.isna(v) else str(v)) for v in labels]},
        geometry=placed.geometry.to_numpy(),
        crs=gcrs.STORAGE_CRS,
    )


def _no_location(file: str, frame: pd.DataFrame) -> Problem:
    return steps.problem(
        file,
        "no_location",
        Text("cột kinh độ/vĩ độ hoặc X/Y (VN-2000), hoặc một lớp bản đồ", "lon/lat or X/Y columns, or a map layer"),
        ", ".join(map(str, frame.columns)),
        Text("thêm cột Kinh độ và Vĩ độ", "add Longitude and Latitude columns"),
        "lon/lat",
    )


def _areas(placed: gpd.GeoDataFrame) -> pd.Series:
    """km² of each valid geometry (missing for an empty or invalid one: its repair decides)."""
    valid = placed.geometry.is_valid.to_numpy() & ~placed.geometry.is_empty.to_numpy()
    return pd.Series(np.where(valid, gcrs.area_km2(placed.geometry), np.nan), index=placed.index)


def _validated(
    frame: pd.DataFrame,
    ds: Dataset,
    name: str,
    first: int,
    text_cells: dict[str, set[int]],
    options: Options,
    report: Report,
    *,
    unlocated: bool,
) -> pd.DataFrame:
    """The declaration's types and checks, units matched; a cell already reported is not reported twice."""
    text_rows = {steps.column_of(h, ds, options.mapping): rows for h, rows in text_cells.items()}
    report.problems = [steps.named(p, ds, options.mapping) for p in report.problems]
    located = {p.row for p in report.problems if code_of(p) in ("lonlat_swapped", "not_a_number")}
    typed, problems = check(frame, ds, file=report.file, first_row=first)
    typed, filled = steps.match_units(typed, name, report, first)
    seen = {(q.row, q.field) for q in report.problems} | filled
    for p in problems:
        if (p.field in ("lon", "lat") and (unlocated or p.row in located)) or (p.row, p.field) in seen:
            continue
        if code_of(p) == "not_a_date" and p.row in text_rows.get(str(p.field), set()):
            expected = Text("một ô ngày tháng của Excel", "an Excel date cell")
            p = Problem(p.file, p.row, p.field, expected, p.found, p.fix, "date_as_text")
        report.problems.append(p)
    return shapes.complete(typed, ds)
