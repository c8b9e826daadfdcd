"""The steps of an import that :func:`geo.importers.core.read_upload` strings together: the user's options, the file
inside an archive, reading a table or a vector layer (its encoding reported), the user's header mapping, problem
fields named by the declared columns, and units matched to the province's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.datasets.spec import Dataset, header_key
from geo.errors import Problem, Text
from geo.importers import tables
from geo.importers import units as unit_match
from geo.importers.report import Report
from geo.io import legacy_text, uploads

TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".kml", ".parquet", ".geoparquet")
RASTER_SUFFIXES = (".tif", ".tiff")


Progress = Callable[[str, float], None]


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
    progress: Progress | None = None
    remembered: dict[str, str] = field(default_factory=dict)  # header choices made before, offered where they fit
    preview: gpd.GeoDataFrame | None = None  # set by the reader: the placed features, for a preview map

    def tell(self, stage: str, share: float) -> None:
        if self.progress is not None:
            self.progress(stage, share)


def problem(file: str, code: str, expected: Text, found: object, fix: Text, field_: str | None = None) -> Problem:
    return Problem(file=file, field=field_, expected=expected, found=found, fix=fix, code=code)


def inner(path: Path, area: Path) -> Path:
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


def named(problem: Problem, ds: Dataset, mapping: dict[str, str]) -> Problem:
    """A reader's problem with its field as the declared column the header names (as validation names it)."""
    if not problem.field or problem.field in ds.names or (problem.code or "").startswith("mapping_"):
        return problem
    column = column_of(problem.field, ds, mapping)
    if column == problem.field:
        return problem
    return Problem(problem.file, problem.row, column, problem.expected, problem.found, problem.fix, problem.code)


def column_of(header: str, ds: Dataset, mapping: dict[str, str]) -> str:
    return mapping.get(header) or (header if header in ds.names else ds.header_column(header) or header)


def headers_by_column(columns: Iterable[object], ds: Dataset) -> dict[str, str]:
    """``{declared column: the first header of the file that names it}`` (other headers keyed by themselves)."""
    return {ds.header_column(h) or str(h): str(h) for h in reversed(list(columns))}


def crs_name(frame: gpd.GeoDataFrame) -> str | None:
    if frame.crs is None:
        return None
    epsg = frame.crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else str(frame.crs.name)


def read_table(path: Path, ds: Dataset | None, report: Report, options: Options) -> tables.RawTable | None:
    """A CSV or XLSX untyped (the sheet: the one asked for, else the one naming most of ``ds``'s columns)."""
    if path.suffix.lower() == ".xlsx":

        def score(headers: list[str]) -> int:
            return sum(1 for h in headers if h and (ds is None or ds.header_column(h) or h in options.mapping))

        raw = tables.read_xlsx(path, sheet=options.sheet, score=score)
        report.details["sheet"] = raw.sheet
    else:
        raw = tables.read_csv(path)
        report.encoding = raw.encoding
        report.details["separator"] = raw.separator
    report.problems += raw.problems
    report.notes += raw.notes
    return None if raw.frame.empty and raw.problems else raw


def read_vector_file(path: Path, report: Report) -> gpd.GeoDataFrame:
    if path.suffix.lower() in (".parquet", ".geoparquet"):
        uploads.check_rows(uploads.parquet_rows(path), path.name)
    else:
        uploads.check_rows(int(uploads.vector_info(path).get("features") or 0), path.name)
    cpg = uploads.shapefile_encoding(path) if path.suffix.lower() == ".shp" else None
    if path.suffix.lower() == ".shp" and cpg is None:
        # No .cpg: the DBF's bytes are read as Latin-1 (one character per byte) and their encoding detected.
        frame, fixed = legacy_text.decode_columns(uploads.read_vector_raw(path, encoding="latin1"))
        encodings = sorted(set(fixed.values()))
        report.encoding = encodings[0] if encodings else "ASCII"
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
        frame = uploads.read_vector_raw(path)
        report.encoding = cpg or "UTF-8"
    return frame


def apply_mapping(frame: pd.DataFrame, ds: Dataset, mapping: dict[str, str], report: Report) -> pd.DataFrame:
    """Rename the user's ``{source header: column}`` choices (a header matched as :func:`header_key` compares them:
    case, diacritics and punctuation aside); an unknown header or column is a problem."""
    renames = {}
    headers = {header_key(h): str(h) for h in frame.columns}
    for source, column in mapping.items():
        source = str(source) if source in frame.columns else headers.get(header_key(source), str(source))
        if column not in ds.names:
            report.problems.append(
                problem(
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
                problem(
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


def match_units(
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
