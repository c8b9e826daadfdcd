"""The immutable registry of every dataset the platform holds, keyed by name; an unknown name is an error that
lists the valid ones. :class:`Catalog` is the read-only, refuse-unknown mapping the layer registry uses too."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from geo.datasets.air import AQ_HOURLY, AQ_STATIONS, EMISSION_SOURCES
from geo.datasets.forest import FOREST_COVER, FOREST_OFFICIAL
from geo.datasets.progress import INDICATOR_VALUES, TARGETS
from geo.datasets.spec import Dataset
from geo.datasets.units import UNITS
from geo.datasets.wastewater import KCN_CCN
from geo.errors import Problem, Text, UnknownIdError

T = TypeVar("T")


class Catalog(Mapping[str, T]):
    """Read-only mapping name → declaration; duplicates are refused, an unknown name raises :class:`UnknownIdError`
    listing the valid ones. ``field`` names what is looked up in the error (``dataset``, ``layer``)."""

    def __init__(self, items: tuple[T, ...], *, key: Callable[[T], str], field: str, noun: Text) -> None:
        names = [key(i) for i in items]
        duplicates = {n for n in names if names.count(n) > 1}
        if duplicates:
            raise ValueError(f"duplicate {field} ids: {sorted(duplicates)}")
        self._items = dict(zip(names, items, strict=True))
        self._field, self._noun = field, noun

    def __getitem__(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            valid = ", ".join(self._items)
            raise UnknownIdError(
                Problem(
                    field=self._field,
                    expected=Text(f"một trong: {valid}", f"one of: {valid}"),
                    found=name,
                    fix=Text(f"dùng một mã {self._noun.vi} có trong danh sách",
                             f"use one of the listed {self._noun.en} ids"),
                )
            ) from None  # fmt: skip

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


DATASETS: Catalog[Dataset] = Catalog(
    (KCN_CCN, AQ_STATIONS, AQ_HOURLY, EMISSION_SOURCES, TARGETS, INDICATOR_VALUES, FOREST_OFFICIAL, FOREST_COVER,
     UNITS),
    key=lambda d: d.name,
    field="dataset",
    noun=Text("bộ dữ liệu", "dataset"),
)  # fmt: skip


def dataset(name: str) -> Dataset:
    """The declaration of ``name`` (``kcn_ccn``, ``aq_stations``…); an unknown name lists the valid ones."""
    return DATASETS[name]
