"""Declarations of the boundary layers built by ``python -m geo data build``."""

from __future__ import annotations

from dataclasses import replace

from geo.errors import Text
from layers.spec import Column, LayerSpec, Style

_DVHCVN = Text(
    "Ranh giới: dvhcvn (Đào Hoàng Sơn, GPL-3.0), hình học từ gis.chinhphu.vn",
    "Boundaries: dvhcvn (Đào Hoàng Sơn, GPL-3.0), geometry from gis.chinhphu.vn",
)
_VPD = Text(
    "Ranh giới: vietnamese-provinces-database (MIT), hình học từ sapnhap.bando.com.vn",
    "Boundaries: vietnamese-provinces-database (MIT), geometry from sapnhap.bando.com.vn",
)

_COMMON = (
    Column("code", "str", Text("Mã", "Code"), unique=True),
    Column("name", "str", Text("Tên", "Name")),
    Column("name_full", "str", Text("Tên đầy đủ", "Full name")),
    Column("unit_type", "str", Text("Loại đơn vị", "Unit type"),
           allowed=("Tỉnh", "Thành phố", "Thị xã", "Huyện", "Xã", "Phường", "Thị trấn")),
    Column("name_key", "str", Text("Khóa tên", "Name key")),
    Column("area_km2", "float", Text("Diện tích (km²)", "Area (km²)"), min=0.01, max=10_000),
)  # fmt: skip
_COMMUNE = (
    *_COMMON,
    Column("merged_from", "str", Text("Sáp nhập từ", "Formed from")),
    Column("in_old_bacgiang_share", "float", Text("Tỷ lệ trong Bắc Giang cũ", "Share in former Bắc Giang"),
           min=0, max=1),
    Column("area_km2_official", "float", Text("Diện tích công bố (km²)", "Published area (km²)"), nullable=True),
)  # fmt: skip

PROVINCE_2019 = LayerSpec(
    id="province_2019",
    title=Text("Tỉnh Bắc Giang (ranh giới 2019)", "Bắc Giang province (2019 outline)"),
    source="build:province_2019",
    display_source="build:province_2019_display",
    geometry="polygon",
    columns=_COMMON,
    join_key="code",
    popup=("name_full", "area_km2"),
    style=Style(color="#333333", weight=2.5, fill_opacity=0.0),
    attribution=_DVHCVN,
)
DISTRICTS_2019 = LayerSpec(
    id="districts_2019",
    title=Text("Huyện/thành phố (2019)", "Districts (2019)"),
    source="build:districts_2019",
    display_source="build:districts_2019_display",
    geometry="polygon",
    columns=_COMMON,
    join_key="code",
    popup=("name_full", "code", "area_km2"),
    label="name",
    style=Style(color="#1f4e79", weight=2.0, fill_color="#9ecae1", fill_opacity=0.2, label_size_px=13),
    attribution=_DVHCVN,
)
COMMUNES_2025 = LayerSpec(
    id="communes_2025",
    title=Text("Xã/phường (2025) – Bắc Giang cũ", "Communes/wards (2025) – former Bắc Giang"),
    source="build:communes_2025",
    display_source="build:communes_2025_display",
    geometry="polygon",
    columns=_COMMUNE,
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
    source="build:communes_2025_all",
    display_source="build:communes_2025_all_display",
    style=Style(color="#2c7a3f", weight=1.0, fill_color="#a1d99b", fill_opacity=0.2, label_size_px=9),
)

BOUNDARY_LAYERS = (PROVINCE_2019, DISTRICTS_2019, COMMUNES_2025, COMMUNES_2025_ALL)
