"""Declaration of the boundary unit sets built by ``python -m geo data build`` (province 2019, districts 2019,
communes 2025 of former Bắc Giang and of all Bắc Ninh): one set of columns; the commune columns exist only in the
commune sets, so they are optional here."""

from __future__ import annotations

from typing import Final

from geo.datasets.spec import Column, Dataset
from geo.errors import Text

UNIT_TYPES: Final = ("Tỉnh", "Thành phố", "Thị xã", "Huyện", "Xã", "Phường", "Thị trấn")

UNITS = Dataset(
    name="units",
    title=Text("Đơn vị hành chính", "Administrative units"),
    geometry="polygon",
    key=("code",),
    sources=("build:districts_2019", "build:province_2019", "build:communes_2025", "build:communes_2025_all"),
    columns=(
        Column("code", "str", Text("Mã", "Code"), unique=True, aliases=("Mã đơn vị", "Mã GSO")),
        Column("name", "str", Text("Tên", "Name"), aliases=("Tên đơn vị",)),
        Column("name_full", "str", Text("Tên đầy đủ", "Full name")),
        Column("unit_type", "str", Text("Loại đơn vị", "Unit type"), allowed=UNIT_TYPES, aliases=("Loại",)),
        Column("name_key", "str", Text("Khóa tên", "Name key")),
        Column("area_km2", "float", Text("Diện tích (km²)", "Area (km²)"), unit="km²", min=0.01, max=10_000,
               aliases=("Diện tích",)),
        Column("merged_from", "str", Text("Sáp nhập từ", "Formed from"), required=False),
        Column("in_old_bacgiang_share", "float", Text("Tỷ lệ trong Bắc Giang cũ", "Share in former Bắc Giang"),
               required=False, min=0, max=1),
        Column("area_km2_official", "float", Text("Diện tích công bố (km²)", "Published area (km²)"), unit="km²",
               required=False, nullable=True),
    ),
)  # fmt: skip
