"""Declarations of the official forest statistics (a table of published figures) and the per-unit forest-cover
table the forest page computes from a raster.

The official table holds published figures only, each with its source; unknown figures are absent, never invented.
``kind`` separates the status of a year (``status``) from a plan's figure for a future year (``plan``).
"""

from __future__ import annotations

from typing import Final

from geo.datasets.spec import Column, Dataset
from geo.errors import Text

UNIT_SETS: Final = ("province", "districts_2019", "communes_2025")
INDICATORS: Final = {
    "forest_ha": Text("Diện tích có rừng (gồm rừng trồng chưa thành rừng)", "Forest area (incl. young plantations)"),
    "natural_ha": Text("Rừng tự nhiên", "Natural forest"),
    "planted_ha": Text("Rừng trồng đã thành rừng", "Planted forest"),
    "young_ha": Text("Rừng trồng chưa thành rừng", "Young plantations not yet forest"),
    "cover_pct": Text("Tỷ lệ che phủ rừng", "Forest cover rate"),
    "special_use_ha": Text("Rừng đặc dụng", "Special-use forest"),
    "protection_ha": Text("Rừng phòng hộ", "Protection forest"),
    "production_ha": Text("Rừng sản xuất", "Production forest"),
    "outside_planning_ha": Text("Rừng ngoài quy hoạch lâm nghiệp", "Forest outside forestry planning"),
    "certified_ha": Text("Rừng có chứng chỉ quản lý rừng bền vững", "Forest with a sustainable-management certificate"),
}

FOREST_OFFICIAL = Dataset(
    name="forest_official",
    title=Text("Số liệu rừng chính thức theo đơn vị và năm", "Official forest statistics by unit and year"),
    geometry="table",
    key=("unit_set", "unit_code", "year", "indicator", "kind", "source"),
    sources=("data/monitoring/forest_official.csv",),
    columns=(
        Column("unit_set", "str", Text("Bộ đơn vị", "Unit set"), allowed=UNIT_SETS),
        Column("unit_code", "str", Text("Mã đơn vị", "Unit code"), aliases=("Mã",)),
        Column("unit_name", "str", Text("Đơn vị", "Unit name"), aliases=("Tên đơn vị", "Tên")),
        Column("year", "int", Text("Năm", "Year"), min=2015, max=2030),
        Column("indicator", "str", Text("Chỉ tiêu", "Indicator"), allowed=tuple(INDICATORS)),
        Column("value", "float", Text("Giá trị", "Value"), nullable=True, min=0),
        Column("unit", "str", Text("Đơn vị tính", "Unit of measure"), allowed=("ha", "%")),
        Column("kind", "str", Text("Loại số liệu", "Kind"), allowed=("status", "plan")),
        Column("source", "str", Text("Nguồn", "Source")),
        Column("note", "str", Text("Ghi chú", "Note"), nullable=True),
    ),
)

FOREST_COVER = Dataset(
    name="forest_cover",
    title=Text("Độ che phủ rừng theo đơn vị", "Forest cover by unit"),
    geometry="table",
    key=("code",),
    columns=(
        Column("code", "str", Text("Mã", "Code"), unique=True),
        Column("name", "str", Text("Đơn vị", "Unit")),
        Column("area_ha", "float", Text("Diện tích (ha)", "Area (ha)"), unit="ha", min=0),
        Column("valid_ha", "float", Text("Có dữ liệu ảnh (ha)", "With raster data (ha)"), unit="ha", min=0),
        Column("forest_ha", "float", Text("Rừng tính che phủ (ha)", "Forest in the cover rate (ha)"), unit="ha",
               min=0),
        Column("area_only_ha", "float", Text("Rừng trồng chưa thành rừng (ha)", "Young plantation (ha)"), unit="ha",
               min=0),
        Column("forest_pct", "float", Text("Che phủ ước tính từ ảnh (%)", "Cover estimated from raster (%)"),
               unit="%", nullable=True, min=0, max=100),
        Column("nodata_pct", "float", Text("Không có dữ liệu (%)", "No data (%)"), unit="%", nullable=True, min=0,
               max=100),
        Column("official_pct", "float", Text("Che phủ chính thức (%)", "Official cover (%)"), unit="%",
               nullable=True, min=0, max=100),
        Column("gap_pp", "float", Text("Chênh lệch với mục tiêu 37 % (điểm %)", "Gap to the 37 % target (points)"),
               unit="điểm %", nullable=True),
    ),
)  # fmt: skip
