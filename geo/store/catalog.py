"""The datasets the store holds: for each, its columns, the columns that identify a row, its geometry, how the shipped
files are read to seed it and how a department's file is read to import into it.

Columns and keys come from the dataset declarations of :mod:`geo.datasets` (``units`` adds ``unit_set`` to its key:
the store keeps every unit set in one dataset); files are read by the existing loaders, which validate them whole
(:func:`geo.wastewater.register.load_register`, :mod:`geo.air.load`, :func:`geo.datasets.load.load`), so every
illustrative flag is kept as it is. ``forest_raster`` (files on disk registered by sha256) is the store's own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from geo.air.load import load_hourly, load_sources, load_stations
from geo.datasets import load as datasets
from geo.datasets.registry import DATASETS, Catalog
from geo.datasets.spec import Dataset as Declaration
from geo.datasets.spec import DType
from geo.datasets.validate import check
from geo.errors import Problem, SchemaError, Text
from geo.store.rasters import FOREST_RASTER, read_rasters, seed_rasters
from geo.wastewater.register import load_register

Reader = Callable[[Path], pd.DataFrame]


@dataclass(frozen=True)
class Col:
    """A column as the store keeps it: its name, type, and whether a cell may be empty."""

    name: str
    dtype: DType
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    """One dataset of the store."""

    name: str
    title: Text
    columns: tuple[Col, ...]
    keys: tuple[str, ...]
    seed: Callable[[], pd.DataFrame]
    reader: Reader
    declaration: Declaration  # writes are checked against it as an import relaxes it (geo.store.conform.declaration)
    geometry: Literal["point", "polygon"] | None = None

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if not set(self.keys) <= set(names) or len(set(names)) != len(names):
            raise ValueError(f"dataset {self.name}: keys {self.keys} must be among its unique columns {names}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def read(self, path: Path) -> pd.DataFrame:
        """A department's file (CSV/XLSX with the dataset's columns; GeoPackage etc. for units), validated whole."""
        return self.reader(path)


def _columns(declaration: Declaration, first: tuple[Col, ...] = ()) -> tuple[Col, ...]:
    """The store's view of declared columns: a column a file may lack is stored empty."""
    return first + tuple(Col(c.name, c.dtype, c.nullable or not c.required) for c in declaration.columns)


def _declared(name: str) -> Reader:
    return lambda path: datasets.load(DATASETS[name], path)


UNIT_SET = Col("unit_set", "str")


def check_unit_sets(
    frame: pd.DataFrame, declaration: Declaration, *, file: str | None, first_row: int
) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows of several unit sets (column ``unit_set``), each set checked on its own against ``declaration`` (a code
    is unique within its set; an optional column empty throughout a set is absent from it, as in the built district
    sets). Rows are numbered from ``first_row`` in ``frame``'s order; the typed rows keep that order."""
    frame = frame.reset_index(drop=True)
    header_row = 1 if first_row > 1 else None
    if UNIT_SET.name not in frame.columns:
        return frame, [
            Problem(file, header_row, UNIT_SET.name, Text("có cột này", "this column"),
                    Text("thiếu cột", "missing column"),
                    Text("thêm cột unit_set: tên bộ đơn vị (ví dụ communes_2025)",
                         "add a unit_set column naming the unit set"))
        ]  # fmt: skip
    names = frame[UNIT_SET.name].map(lambda v: None if pd.isna(v) or not str(v).strip() else str(v).strip())
    problems = [
        Problem(file, int(i) + first_row, UNIT_SET.name, Text("tên bộ đơn vị", "the unit set's name"),
                Text("ô trống", "an empty cell"), Text("ghi tên bộ đơn vị của dòng này", "name this row's unit set"))
        for i in names.index[names.isna()]
    ]  # fmt: skip
    optional = [c.name for c in declaration.columns if not c.required]
    parts = []
    for name, part in frame.groupby(names, sort=False):
        empty = [c for c in optional if c in part.columns and part[c].isna().all()]
        checked, found = check(part.drop(columns=empty), declaration, file=file, first_row=_PART_FIRST)
        checked.index = part.index
        checked[UNIT_SET.name] = name
        parts.append(checked)
        problems += [_renumbered(p, part.index.to_numpy(), first_row, header_row) for p in found]
    typed: pd.DataFrame = pd.concat(parts).sort_index() if parts else frame
    return typed, problems


_ROW_IN_TEXT = re.compile(r"(trùng dòng|as row) (\d+)")
_PART_FIRST = 2  # a set's rows are checked numbered from 2 (its header, row 1, names a missing column), then renumbered


def _renumbered(problem: Problem, rows: npt.NDArray[np.int64], first_row: int, header_row: int | None) -> Problem:
    """A problem of one unit set's rows numbered as a row of the whole table (a missing column's as its header), the
    earlier row a repeated code names included."""

    def row(n: int) -> int:
        return int(rows[n - _PART_FIRST]) + first_row

    found = problem.found
    if isinstance(found, Text):
        found = Text(*(_ROW_IN_TEXT.sub(lambda m: f"{m[1]} {row(int(m[2]))}", t) for t in (found.vi, found.en)))
    where = None if problem.row is None else header_row if problem.row < _PART_FIRST else row(problem.row)
    return dataclasses.replace(problem, row=where, found=found)


def _read_units(path: Path) -> pd.DataFrame:
    """A unit layer file with a ``unit_set`` column naming its set; each set is checked against the declaration."""
    frame = datasets.read(DATASETS["units"], path)
    typed, problems = check_unit_sets(frame, DATASETS["units"], file=path.name, first_row=datasets.first_row(path))
    if problems:
        raise SchemaError(problems)
    return typed


def _seed_units() -> pd.DataFrame:
    frames = []
    for source in DATASETS["units"].sources:
        frame = datasets.load(DATASETS["units"], source=source)
        frame.insert(0, UNIT_SET.name, source.removeprefix("build:"))
        frames.append(frame)
    units: pd.DataFrame = pd.concat(frames, ignore_index=True)
    return units


def _store(name: str | Declaration, reader: Reader, seed: Callable[[], pd.DataFrame] | None = None) -> Dataset:
    decl = name if isinstance(name, Declaration) else DATASETS[name]
    name = decl.name
    geometry = {"point": "point", "polygon": "polygon"}.get(decl.geometry)
    extra = (UNIT_SET,) if name == "units" else ()
    keys = tuple(c.name for c in extra) + decl.key
    shipped = seed or (lambda: reader(datasets.source_path(decl.source)))
    return Dataset(name, decl.title, _columns(decl, extra), keys, seed=shipped, reader=reader, declaration=decl,
                   geometry=geometry)  # type: ignore[arg-type]  # fmt: skip


_DATASETS = (
    _store("kcn_ccn", load_register),
    _store("aq_stations", load_stations),
    _store("aq_hourly", load_hourly),
    _store("emission_sources", load_sources),
    _store("indicator_values", _declared("indicator_values")),
    _store("forest_official", _declared("forest_official")),
    _store("units", _read_units, seed=_seed_units),
    _store(FOREST_RASTER, read_rasters, seed=seed_rasters),
)
CATALOG: Catalog[Dataset] = Catalog(
    _DATASETS, key=lambda d: d.name, field="dataset", noun=Text("bộ dữ liệu", "dataset")
)


def dataset(name: str) -> Dataset:
    """The dataset called ``name``; an unknown name is an :class:`~geo.errors.UnknownIdError` listing the others."""
    return CATALOG[name]
