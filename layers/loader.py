"""Loading a layer (or any dataset) validated whole, for the pages and maps.

A layer is read from its dataset's file (or from its simplified copy when drawing) and validated against the
dataset's declaration by :mod:`geo.datasets` (every problem at once, with file, row, column, expectation and fix);
the columns the layer draws (join key, popup, label) must be there too. Nothing is returned half-loaded.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geo.datasets import load as datasets
from geo.datasets.load import source_path as source_path
from geo.datasets.registry import DATASETS
from geo.datasets.spec import Dataset
from geo.errors import Problem, SchemaError, Text
from geo.text.parse import Convention
from layers.registry import REGISTRY as REGISTRY
from layers.spec import LayerSpec


def _needed(frame: gpd.GeoDataFrame, spec: LayerSpec, file: str) -> None:
    drawn = (spec.join_key, *spec.popup, *([spec.label] if spec.label else []))
    missing = [c for c in dict.fromkeys(drawn) if c not in frame.columns]
    if missing:
        raise SchemaError(
            Problem(file=file, field=name, expected=Text("có cột này", "this column"),
                    found=Text("thiếu cột", "missing column"),
                    fix=Text(f"thêm cột '{name}' ({spec.column(name).title.vi})",
                             f"add the column '{name}' ({spec.column(name).title.en})"))
            for name in missing
        )  # fmt: skip


def load(
    layer: str | LayerSpec | Dataset, *, display: bool = False, path: Path | None = None, own: bool = False
) -> gpd.GeoDataFrame:
    """Read and validate a layer (by id or spec) or a dataset (by name or declaration). ``display=True`` gives the
    simplified copy of a layer meant for drawing; ``own=True`` says the app wrote the file itself (its numbers are
    written 1234.5, so none is ambiguous)."""
    convention: Convention | None = "en" if own else None
    if isinstance(layer, str):
        layer = REGISTRY[layer] if layer in REGISTRY or layer not in DATASETS else DATASETS[layer]
    if isinstance(layer, Dataset):
        return gpd.GeoDataFrame(datasets.load(layer, path, convention=convention))
    source = layer.display_source if display and layer.display_source else layer.source
    frame = gpd.GeoDataFrame(datasets.load(layer.dataset, path, source=source, convention=convention))
    _needed(frame, layer, (path or source_path(source)).name)
    return frame
