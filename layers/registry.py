"""The immutable registry of every map layer the platform draws, and the unit sets users choose between.

Tables that are not drawn (targets, indicator values, forest statistics) are datasets only: :mod:`geo.datasets`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from geo.boundaries.sets import BUILT_TITLES, unknown_set
from geo.datasets.registry import Catalog
from geo.errors import Text
from layers.air_quality import AIR_QUALITY_LAYERS
from layers.boundaries import BOUNDARY_LAYERS, DISTRICTS_2019
from layers.kcn_ccn import KCN_CCN_LAYERS
from layers.spec import LayerSpec, Style


class Registry(Catalog[LayerSpec]):
    """Read-only mapping id → layer; an unknown id raises an error listing the valid ones."""

    def __init__(self, specs: tuple[LayerSpec, ...]) -> None:
        super().__init__(specs, key=lambda s: s.id, field="layer", noun=Text("lớp", "layer"))


# Every layer the platform knows; each feature module adds its declarations here.
REGISTRY = Registry((*BOUNDARY_LAYERS, *AIR_QUALITY_LAYERS, *KCN_CCN_LAYERS))

# Unit sets a user can choose: id → layer id. The names are shared vocabulary across the platform; the titles and
# the imported sets (from the store) are :mod:`geo.boundaries.sets`'.
UNIT_SETS: dict[str, str] = {name: name for name in BUILT_TITLES}
UNIT_SET_TITLES: dict[str, Text] = BUILT_TITLES
IMPORTED_ATTRIBUTION = Text(
    "Ranh giới: lớp do Sở nhập vào kho dữ liệu (xem trang Dữ liệu)",
    "Boundaries: a layer the department imported into the data store (see the Data page)",
)


def imported_layer(name: str) -> LayerSpec:
    """How an imported unit set is drawn: like the 2019 districts (outline, label by name), titled by its name.
    Its polygons come from the store (:func:`geo.boundaries.sets.load_unit_set`), never from the spec's source."""
    return replace(
        DISTRICTS_2019,
        id="imported_units",
        title=Text(name, name),
        display_source=None,
        popup=("name_full", "code", "area_km2"),
        style=Style(color="#7a3b8f", weight=1.6, fill_color="#d4b9da", fill_opacity=0.2, label_size_px=11),
        attribution=IMPORTED_ATTRIBUTION,
    )


def unit_set_layer(unit_set: str, imported: Collection[str] = ()) -> LayerSpec:
    """The layer drawing ``unit_set``: a built one, or one of the ``imported`` set names (from the store)."""
    if unit_set in UNIT_SETS:
        return REGISTRY[UNIT_SETS[unit_set]]
    if unit_set in imported:
        return imported_layer(unit_set)
    raise unknown_set(unit_set, [*UNIT_SETS, *imported])
