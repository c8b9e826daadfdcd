"""Declarations of the forest layers: the official forest statistics (a table) and the per-unit raster results.

The official table holds published figures only, each with its source; unknown figures are absent, never invented.
``kind`` separates the status of a year (``status``) from a plan's figure for a future year (``plan``).
"""

from __future__ import annotations

from geo.errors import Text
from layers.spec import Column, LayerSpec

UNIT_SETS = ("province", "districts_2019", "communes_2025")
INDICATORS = {
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

FOREST_OFFICIAL = LayerSpec(
    id="forest_official",
    title=Text("Số liệu rừng chính thức theo đơn vị và năm", "Official forest statistics by unit and year"),
    source="data/monitoring/forest_official.csv",
    geometry="table",
    columns=(
        Column("unit_set", "str", Text("Bộ đơn vị", "Unit set"), allowed=UNIT_SETS),
        Column("unit_code", "str", Text("Mã đơn vị", "Unit code")),
        Column("unit_name", "str", Text("Đơn vị", "Unit")),
        Column("year", "int", Text("Năm", "Year"), min=2015, max=2030),
        Column("indicator", "str", Text("Chỉ tiêu", "Indicator"), allowed=tuple(INDICATORS)),
        Column("value", "float", Text("Giá trị", "Value"), nullable=True, min=0),
        Column("unit", "str", Text("Đơn vị tính", "Unit of measure"), allowed=("ha", "%")),
        Column("kind", "str", Text("Loại số liệu", "Kind"), allowed=("status", "plan")),
        Column("source", "str", Text("Nguồn", "Source")),
        Column("note", "str", Text("Ghi chú", "Note"), nullable=True),
    ),
    join_key="unit_code",
    attribution=Text("Số liệu công bố, nguồn ghi ở từng dòng", "Published figures, source on every row"),
)

# The per-unit table the forest page shows and offers for download (computed, not a file: not in the registry).
FOREST_RESULT = LayerSpec(
    id="forest_result",
    title=Text("Độ che phủ rừng theo đơn vị", "Forest cover by unit"),
    source="computed:forest_table",
    geometry="table",
    columns=(
        Column("code", "str", Text("Mã", "Code"), unique=True),
        Column("name", "str", Text("Đơn vị", "Unit")),
        Column("area_ha", "float", Text("Diện tích (ha)", "Area (ha)"), min=0),
        Column("valid_ha", "float", Text("Có dữ liệu ảnh (ha)", "With raster data (ha)"), min=0),
        Column("forest_ha", "float", Text("Rừng tính che phủ (ha)", "Forest in the cover rate (ha)"), min=0),
        Column("area_only_ha", "float", Text("Rừng trồng chưa thành rừng (ha)", "Young plantation (ha)"), min=0),
        Column("forest_pct", "float", Text("Che phủ ước tính từ ảnh (%)", "Cover estimated from raster (%)"),
               nullable=True, min=0, max=100),
        Column("nodata_pct", "float", Text("Không có dữ liệu (%)", "No data (%)"), nullable=True, min=0, max=100),
        Column("official_pct", "float", Text("Che phủ chính thức (%)", "Official cover (%)"), nullable=True,
               min=0, max=100),
        Column("gap_pp", "float", Text("Chênh lệch với mục tiêu 37 % (điểm %)", "Gap to the 37 % target (points)"),
               nullable=True),
    ),
    join_key="code",
)  # fmt: skip

FOREST_LAYERS = (FOREST_OFFICIAL,)
