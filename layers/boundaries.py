"""How the boundary unit sets built by ``python -m geo data build`` are drawn (columns: :mod:`geo.datasets.units`)."""

from __future__ import annotations

from dataclasses import replace

from geo.boundaries.names import split_unit_type
from geo.datasets.units import UNITS
from geo.errors import Lang, Text
from layers.spec import LayerSpec, Style

_DVHCVN = Text(
    "Ranh giới: dvhcvn (Đào Hoàng Sơn, GPL-3.0), hình học từ gis.chinhphu.vn",
    "Boundaries: dvhcvn (Đào Hoàng Sơn, GPL-3.0), geometry from gis.chinhphu.vn",
)
_VPD = Text(
    "Ranh giới: vietnamese-provinces-database (MIT), hình học từ sapnhap.bando.com.vn",
    "Boundaries: vietnamese-provinces-database (MIT), geometry from sapnhap.bando.com.vn",
)

UNIT_TYPES: dict[str, Text] = {
    "Tỉnh": Text("Tỉnh", "Province"),
    "Thành phố": Text("Thành phố", "City"),
    "Thị xã": Text("Thị xã", "Town"),
    "Huyện": Text("Huyện", "District"),
    "Xã": Text("Xã", "Commune"),
    "Phường": Text("Phường", "Ward"),
    "Thị trấn": Text("Thị trấn", "Township"),
}


def unit_type(value: object, lang: Lang) -> str:
    """A unit type in ``lang`` ("Huyện" → "District"); an unknown one as it is."""
    text = UNIT_TYPES.get(str(value))
    return text(lang) if text is not None else str(value)


def display_name(name: object, name_full: object, kind: object, lang: Lang) -> str:
    """A unit's full name as a reader of ``lang`` writes it: "Huyện Lục Ngạn" / "Lục Ngạn District"."""
    if lang == "vi" or str(kind) not in UNIT_TYPES:
        return str(name_full)
    return f"{name} {unit_type(kind, lang)}"


def full_name(name_full: object, lang: Lang) -> str:
    """A full name from the data ("Huyện Lục Ngạn", "Tỉnh Bắc Giang") in ``lang``: "Lục Ngạn District"."""
    kind, name = split_unit_type(str(name_full))
    return display_name(name, name_full, kind, lang)


PROVINCE_2019 = LayerSpec(
    id="province_2019",
    title=Text("Tỉnh Bắc Giang (ranh giới 2019)", "Bắc Giang province (2019 outline)"),
    dataset=UNITS,
    source_name="build:province_2019",
    display_source="build:province_2019_display",
    join_key="code",
    popup=("name_full", "area_km2"),
    style=Style(color="#333333", weight=2.5, fill_opacity=0.0),
    attribution=_DVHCVN,
)
DISTRICTS_2019 = LayerSpec(
    id="districts_2019",
    title=Text("Huyện/thành phố (2019)", "Districts (2019)"),
    dataset=UNITS,
    source_name="build:districts_2019",
    display_source="build:districts_2019_display",
    join_key="code",
    popup=("name_full", "code", "area_km2"),
    label="name",
    style=Style(color="#1f4e79", weight=2.0, fill_color="#9ecae1", fill_opacity=0.2, label_size_px=13),
    attribution=_DVHCVN,
)
COMMUNES_2025 = LayerSpec(
    id="communes_2025",
    title=Text("Xã/phường (2025) – Bắc Giang cũ", "Communes/wards (2025) – former Bắc Giang"),
    dataset=UNITS,
    source_name="build:communes_2025",
    display_source="build:communes_2025_display",
    join_key="code",
    popup=("name_full", "code", "area_km2", "merged_from"),
    label="name",
    style=Style(color="#2c7a3f", weight=1.2, fill_color="#a1d99b", fill_opacity=0.2, label_size_px=10),
    attribution=_VPD,
)
COMMUNES_2025_ALL = replace(
    COMMUNES_2025,
    id="communes_2025_all",
    title=Text("Xã/phường (2025) – toàn tỉnh Bắc Ninh", "Communes/wards (2025) – all of Bắc Ninh"),
    source_name="build:communes_2025_all",
    display_source="build:communes_2025_all_display",
    style=Style(color="#2c7a3f", weight=1.0, fill_color="#a1d99b", fill_opacity=0.2, label_size_px=9),
)

BOUNDARY_LAYERS = (PROVINCE_2019, DISTRICTS_2019, COMMUNES_2025, COMMUNES_2025_ALL)
