"""A map layer is a declaration: what it is, where its data comes from, what its table must hold, how it looks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from geo.errors import Text

DType = Literal["str", "int", "float", "bool", "date"]
GeometryKind = Literal["polygon", "point", "raster", "table"]


@dataclass(frozen=True)
class Column:
    """One required or optional column of a layer's attribute table."""

    name: str
    dtype: DType
    title: Text
    required: bool = True
    nullable: bool = False
    allowed: tuple[object, ...] | None = None
    min: float | None = None
    max: float | None = None
    unique: bool = False

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"column name {self.name!r} must be an identifier")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"column {self.name}: min > max")
        if self.allowed is not None and self.dtype not in ("str", "int"):
            raise ValueError(f"column {self.name}: allowed values need a str or int column")


@dataclass(frozen=True)
class Style:
    """Leaflet path style of the layer's features (folium's style_function keys)."""

    color: str = "#1f4e79"
    weight: float = 1.5
    fill_color: str = "#9ecae1"
    fill_opacity: float = 0.15
    highlight_color: str = "#d62728"
    label_size_px: int = 12


@dataclass(frozen=True)
class LayerSpec:
    """Declaration of one layer. ``source`` is ``build:<name>`` for built boundary layers or a repo-relative path."""

    id: str
    title: Text
    source: str
    geometry: GeometryKind
    columns: tuple[Column, ...]
    join_key: str
    popup: tuple[str, ...] = ()
    label: str | None = None
    style: Style = field(default_factory=Style)
    display_source: str | None = None
    attribution: Text = field(default_factory=lambda: Text("", ""))
    illustrative: bool = False

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"layer {self.id}: duplicate column names")
        for needed in (self.join_key, *self.popup, *([self.label] if self.label else [])):
            if needed not in names:
                raise ValueError(f"layer {self.id}: {needed!r} is not one of its columns {names}")
        if not self.id.replace("_", "").isalnum():
            raise ValueError(f"layer id {self.id!r} must be letters, digits and underscores")

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)
