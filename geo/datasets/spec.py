"""What a dataset declaration is: its columns (type, unit, allowed values, range, uniqueness, titles, the headers
people write for them), its geometry kind, the columns that identify a row, and the files that hold it.

A declaration is frozen and checked when it is made; :mod:`geo.datasets.registry` lists every one the platform holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from geo.boundaries.names import strip_diacritics
from geo.errors import Text

DType = Literal["str", "int", "float", "bool", "date", "datetime"]
GeometryKind = Literal["polygon", "point", "raster", "table"]


def header_key(text: object) -> str:
    """A header as compared with the declared names: no diacritics, lower case, punctuation as single spaces
    ("Diện tích (ha)" → "dien tich ha", "PM2.5" and "pm2_5" → "pm2 5")."""
    return " ".join(re.sub(r"[\W_]+", " ", strip_diacritics(str(text)).lower()).split())


@dataclass(frozen=True)
class Column:
    """One column. ``title`` is the heading people see (with the unit, if any); ``unit`` the unit of measure alone;
    ``aliases`` other headers people write for it (Vietnamese with or without diacritics, English). A column that is
    not ``required`` may be absent from a file; a ``nullable`` one may have empty cells."""

    name: str
    dtype: DType
    title: Text
    unit: str | None = None
    required: bool = True
    nullable: bool = False
    allowed: tuple[object, ...] | None = None
    min: float | None = None
    max: float | None = None
    unique: bool = False
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"column name {self.name!r} must be an identifier")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"column {self.name}: min > max")
        if self.allowed is not None and self.dtype not in ("str", "int"):
            raise ValueError(f"column {self.name}: allowed values need a str or int column")
        if (self.min is not None or self.max is not None) and self.dtype not in ("int", "float"):
            raise ValueError(f"column {self.name}: a range needs a number column")

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header that names this column: its name, its titles and its aliases."""
        return (self.name, self.title.vi, self.title.en, *self.aliases)


@dataclass(frozen=True)
class Dataset:
    """Declaration of one dataset. ``sources`` are the files holding it (repo-relative paths, or ``build:<name>`` for
    a layer made by ``python -m geo data build``); the first is the default; none for a computed table."""

    name: str
    title: Text
    geometry: GeometryKind
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    sources: tuple[str, ...] = ()
    illustrative: bool = False

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"dataset name {self.name!r} must be an identifier")
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"dataset {self.name}: duplicate column names")
        missing = [k for k in self.key if k not in names]
        if not self.key or missing:
            raise ValueError(f"dataset {self.name}: key {missing or '()'} must name its columns {names}")
        owner: dict[str, str] = {}
        for column in self.columns:
            for key in {header_key(h) for h in column.headers}:
                if owner.setdefault(key, column.name) != column.name:
                    raise ValueError(f"dataset {self.name}: header {key!r} names {owner[key]} and {column.name}")

    @property
    def source(self) -> str:
        """The default file (the shipped one, or the first built layer)."""
        if not self.sources:
            raise ValueError(f"dataset {self.name} is computed: it has no file")
        return self.sources[0]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"dataset {self.name} has no column {name!r}; its columns: {', '.join(self.names)}")

    def header_column(self, header: object) -> str | None:
        """The column a header written by a person names, or None."""
        key = header_key(header)
        return next((c.name for c in self.columns if key in {header_key(h) for h in c.headers}), None)
