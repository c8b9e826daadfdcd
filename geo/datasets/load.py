"""Reading a dataset's file and validating it whole against its declaration.

Tables (CSV, CSV.gz, XLSX) are read without type guessing and typed by the declaration; point datasets held in a
table get their geometry from the validated ``lon``/``lat`` (degrees, EPSG:4326), kept as columns too; vector files
(GeoParquet, GeoJSON…) are read by :func:`geo.io.files.read_vector` with their CRS checked. Nothing is returned
half-loaded: a file either validates whole or raises one :class:`~geo.errors.SchemaError` listing every problem.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.datasets.spec import Dataset
from geo.datasets.validate import check
from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from geo.settings import REPO_ROOT, get_settings
from geo.text.parse import Convention


def source_path(source: str) -> Path:
    """Where a file lives: ``build:<name>`` in the build directory, anything else relative to the repository."""
    if source.startswith("build:"):
        return get_settings().build_dir / f"{source.removeprefix('build:')}.parquet"
    return REPO_ROOT / source


def first_row(path: Path) -> int:
    """The row number a person sees for the first record: 2 in a spreadsheet (header = row 1), 1 in a vector file."""
    return 2 if io.table_suffix(path) in io.TABLE_SUFFIXES else 1


def read(dataset: Dataset, path: Path) -> pd.DataFrame:
    """The file's rows as stored (tables untyped: the declaration types them)."""
    if io.table_suffix(path) in io.TABLE_SUFFIXES:
        return io.read_table(path, raw=True)
    if dataset.geometry == "table":
        return io.read_parquet(path)
    frame: pd.DataFrame = io.read_vector(path)
    return frame


def check_file(
    dataset: Dataset, path: Path, *, convention: Convention | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """The typed rows of ``path`` and every problem found (see :func:`geo.datasets.validate.check`)."""
    return check(read(dataset, path), dataset, file=path.name, first_row=first_row(path), convention=convention)


def with_points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """A validated table with ``lon``/``lat`` as point geometry (EPSG:4326), the columns kept."""
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def load(
    dataset: Dataset, path: Path | None = None, *, source: str | None = None, convention: Convention | None = None
) -> pd.DataFrame:
    """Read and validate ``path`` (default: the file of ``source``, default the dataset's own). Point datasets come
    back as a GeoDataFrame. ``convention="en"`` for a file the app wrote itself (numbers as 1234.5, no grouping)."""
    if path is None:
        chosen = source or dataset.source
        path = source_path(chosen)
        if chosen.startswith("build:") and not path.exists():
            raise SchemaError(
                Problem(
                    file=str(path),
                    expected=Text("lớp ranh giới đã được dựng", "a built boundary layer"),
                    found=Text("chưa có tệp", "no file yet"),
                    fix=Text(
                        "chạy: python -m geo data fetch && python -m geo data build", "run: python -m geo data build"
                    ),
                )
            )
    frame, problems = check_file(dataset, path, convention=convention)
    if problems:
        raise SchemaError(problems)
    if isinstance(frame, gpd.GeoDataFrame) or dataset.geometry != "point":
        return frame
    points: pd.DataFrame = with_points(frame)
    return points
