"""The immutable registry of every layer the platform knows, and the unit sets users choose between."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from geo.errors import Problem, Text, UnknownIdError
from layers.air_quality import AIR_QUALITY_LAYERS
from layers.boundaries import BOUNDARY_LAYERS
from layers.forest import FOREST_LAYERS
from layers.kcn_ccn import KCN_CCN_LAYERS
from layers.spec import LayerSpec
from layers.targets import TARGET_LAYERS


class Registry(Mapping[str, LayerSpec]):
    """Read-only mapping id → spec; an unknown id raises an error listing the valid ones."""

    def __init__(self, specs: tuple[LayerSpec, ...]) -> None:
        ids = [s.id for s in specs]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"duplicate layer ids: {sorted(duplicates)}")
        self._specs = {s.id: s for s in specs}

    def __getitem__(self, layer_id: str) -> LayerSpec:
        try:
            return self._specs[layer_id]
        except KeyError:
            valid = ", ".join(self._specs)
            raise UnknownIdError(
                Problem(
                    field="layer",
                    expected=Text(f"một trong: {valid}", f"one of: {valid}"),
                    found=layer_id,
                    fix=Text("dùng một mã lớp có trong danh sách", "use one of the listed layer ids"),
                )
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


# Every layer the platform knows; each feature module adds its declarations here.
REGISTRY = Registry((*BOUNDARY_LAYERS, *TARGET_LAYERS, *AIR_QUALITY_LAYERS, *KCN_CCN_LAYERS, *FOREST_LAYERS))

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
