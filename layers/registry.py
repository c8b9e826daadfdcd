"""The immutable registry of every map layer the platform draws, and the unit sets users choose between.

Tables that are not drawn (targets, indicator values, forest statistics) are datasets only: :mod:`geo.datasets`."""

from __future__ import annotations

from geo.datasets.registry import Catalog
from geo.errors import Problem, Text, UnknownIdError
from layers.air_quality import AIR_QUALITY_LAYERS
from layers.boundaries import BOUNDARY_LAYERS
from layers.kcn_ccn import KCN_CCN_LAYERS
from layers.spec import LayerSpec


class Registry(Catalog[LayerSpec]):
    """Read-only mapping id → layer; an unknown id raises an error listing the valid ones."""

    def __init__(self, specs: tuple[LayerSpec, ...]) -> None:
        super().__init__(specs, key=lambda s: s.id, field="layer", noun=Text("lớp", "layer"))


# Every layer the platform knows; each feature module adds its declarations here.
REGISTRY = Registry((*BOUNDARY_LAYERS, *AIR_QUALITY_LAYERS, *KCN_CCN_LAYERS))

# Unit sets a user can choose: id → layer id. The names are shared vocabulary across the platform.
UNIT_SETS: dict[str, str] = {
    "districts_2019": "districts_2019",
    "communes_2025": "communes_2025",
    "communes_2025_all": "communes_2025_all",
}
UNIT_SET_TITLES: dict[str, Text] = {
    "districts_2019": Text("Huyện/thành phố 2019 (10 đơn vị)", "2019 districts (10 units)"),
    "communes_2025": Text("Xã/phường 2025 – Bắc Giang cũ (58)", "2025 communes – former Bắc Giang (58)"),
    "communes_2025_all": Text("Xã/phường 2025 – toàn tỉnh Bắc Ninh (99)", "2025 communes – all of Bắc Ninh (99)"),
}


def unit_set_layer(unit_set: str) -> LayerSpec:
    if unit_set not in UNIT_SETS:
        valid = ", ".join(UNIT_SETS)
        raise UnknownIdError(
            Problem(
                field="units",
                expected=Text(f"một trong: {valid}", f"one of: {valid}"),
                found=unit_set,
                fix=Text("chọn một bộ đơn vị có trong danh sách", "choose one of the listed unit sets"),
            )
        )
    return REGISTRY[UNIT_SETS[unit_set]]
