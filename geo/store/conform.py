"""Every write checked against its dataset's declaration before anything is stored.

A table written to the store — by :func:`geo.store.versions.write` (the CLI's and the pages' imports, the progress
upload), by seeding, by a restore of an earlier version, or by ``db restore`` of a backup (its current rows) — must
match the declaration in :mod:`geo.datasets` (as an import relaxes it: :func:`geo.importers.shapes.declaration`):
every required column present, every cell of the declared type (a value that reads as that type is converted: "2021"
in a year column), no empty cell where one is not allowed, allowed values and ranges kept, each row's key filled and
given once (``units``: per unit set), and the geometry present, valid and of the dataset's kind (points, polygons).
The checks are the readers' own — :func:`geo.datasets.validate.check` for the cells,
:func:`geo.importers.spatial.check_geometry` for the geometry — so a file the reader accepts is accepted here. A
table that fails is refused whole with a :class:`~geo.store.errors.DeclarationError` listing every problem (row = the
row's position in the written table from 1; for a restore, in key order), and nothing is written.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.datasets.registry import DATASETS
from geo.datasets.spec import Dataset as Declaration
from geo.datasets.validate import check
from geo.errors import Problem, Text
from geo.store.catalog import Dataset, check_unit_sets
from geo.store.errors import DeclarationError

FIRST_ROW = 1  # rows of a written table are numbered from 1


def _geometry(ds: Dataset, frame: pd.DataFrame, file: str | None) -> list[Problem]:
    """The geometry's problems: missing, of the wrong kind, invalid. A point dataset written as a plain table takes
    its points from ``lon``/``lat``, checked as cells."""
    if ds.geometry is None:
        return []
    if not (isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns):
        if ds.geometry == "point":
            return []
        return [
            Problem(file, None, "geometry", Text("một cột hình (đa giác) cho mỗi dòng", "a geometry (polygon) column"),
                    Text("bảng không có hình", "a table with no geometry"),
                    Text("ghi một lớp bản đồ (GeoDataFrame, EPSG:4326) có hình của mỗi đơn vị",
                         "write a map layer (GeoDataFrame, EPSG:4326) with each unit's polygon"),
                    code="empty_geometry")
        ]  # fmt: skip
    from geo.importers import spatial  # on a write, not at start-up (issue 13)

    values = np.asarray(frame.geometry.to_numpy(), dtype=object)
    geo_frame = gpd.GeoDataFrame(geometry=gpd.GeoSeries(values, crs=frame.crs))
    _, problems, _ = spatial.check_geometry(geo_frame, file, FIRST_ROW, repair=False, kind=ds.geometry,
                                            placement=False)  # fmt: skip
    return problems


def declaration(ds: Dataset) -> Declaration:
    """What a write of ``ds`` is checked against: its declaration as an import relaxes it (a register row may leave
    out what no source gives), so whatever the readers accept the store accepts too."""
    from geo.importers import shapes  # the readers (openpyxl…) come with it: imported on a write, not at start-up

    return shapes.declaration(ds.name) if ds.name in DATASETS else ds.declaration


def conform(ds: Dataset, frame: pd.DataFrame, *, file: str | None = None) -> pd.DataFrame:
    """``frame`` typed as ``ds`` declares (its geometry kept), or a :class:`DeclarationError` listing every problem.
    ``file``: the name the problems carry (the source file of an import, the shipped file of a seed)."""
    frame = frame.reset_index(drop=True)
    checked = declaration(ds)
    # an optional column empty throughout is absent (the importer completes a file's missing columns with empty cells)
    absent = [c.name for c in checked.columns if not c.required and c.name in frame and frame[c.name].isna().all()]
    frame = frame.drop(columns=absent) if ds.name != "units" else frame  # units: per set (check_unit_sets)
    if ds.name == "units":
        typed, problems = check_unit_sets(frame, checked, file=file, first_row=FIRST_ROW)
    else:
        typed, problems = check(frame, checked, file=file, first_row=FIRST_ROW)
    problems += _geometry(ds, frame, file)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.field or ""))
        raise DeclarationError(problems)
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
        name = frame.geometry.name
        columns = [c for c in typed.columns if c != name]
        return gpd.GeoDataFrame(typed[columns], geometry=frame.geometry.to_numpy(), crs=frame.crs)
    out: pd.DataFrame = pd.DataFrame(typed)
    return out
