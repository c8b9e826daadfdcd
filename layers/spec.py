"""A map layer is a declaration of how a dataset is drawn: its id, title, style, popup and label columns, the
simplified copy used for drawing, and its attribution. What its columns are (types, titles, allowed values) is the
dataset's declaration in :mod:`geo.datasets`, which the layer points at."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.datasets.spec import Column, Dataset, GeometryKind
from geo.errors import Text


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
    """Declaration of one layer. ``source`` chooses one of the dataset's files (default: its first);
    ``display_source`` is the simplified copy meant for drawing; ``join_key`` the column features are found by."""

    id: str
    title: Text
    dataset: Dataset
    join_key: str
    source_name: str | None = None
    popup: tuple[str, ...] = ()
    label: str | None = None
    style: Style = field(default_factory=Style)
    display_source: str | None = None
    attribution: Text = field(default_factory=lambda: Text("", ""))

    def __post_init__(self) -> None:
        names = self.dataset.names
        for needed in (self.join_key, *self.popup, *([self.label] if self.label else [])):
            if needed not in names:
                raise ValueError(f"layer {self.id}: {needed!r} is not one of its columns {list(names)}")
        if not self.id.replace("_", "").isalnum():
            raise ValueError(f"layer id {self.id!r} must be letters, digits and underscores")
        if self.source_name is not None and self.source_name not in self.dataset.sources:
            raise ValueError(f"layer {self.id}: {self.source_name!r} is not a file of dataset {self.dataset.name}")

    @property
    def source(self) -> str:
        return self.source_name or self.dataset.source

    @property
    def geometry(self) -> GeometryKind:
        return self.dataset.geometry

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.dataset.columns

    @property
    def illustrative(self) -> bool:
        return self.dataset.illustrative

    def column(self, name: str) -> Column:
        return self.dataset.column(name)
