"""Declaration of the KCN/CCN register (industrial parks and clusters, plan target 7).

The shipped register is made by ``scripts/make_kcn_ccn.py`` from the cited facts in
``data/monitoring/kcn_ccn_facts.csv``; every value no public source gives is illustrative, flagged per row in
``illustrative`` and named in ``illustrative_fields``. The allowed values come from the compliance rules.
"""

from __future__ import annotations

from geo.datasets.spec import Column, Dataset
from geo.errors import Text
from geo.wastewater import rules as ww

KCN_CCN = Dataset(
    name="kcn_ccn",
    title=Text("Sổ KCN/CCN và xử lý nước thải", "Register of industrial parks/clusters and wastewater"),
    geometry="point",
    key=("id",),
    sources=("data/monitoring/kcn_ccn.csv",),
    illustrative=True,
    columns=(
        Column("id", "str", Text("Mã", "Id"), unique=True, aliases=("Mã KCN/CCN", "Code", "ID")),
        Column("name", "str", Text("Tên", "Name"), aliases=("Tên KCN/CCN",)),
        Column("kind", "str", Text("Loại", "Kind"), allowed=tuple(ww.KINDS), aliases=("Loại hình", "Type")),
        Column("district_2019", "str", Text("Huyện/TP (2019)", "District (2019)"),
               aliases=("Mã huyện", "Huyện", "District")),
        Column("commune_2025", "str", Text("Xã/phường (2025)", "Commune (2025)"),
               aliases=("Mã xã", "Xã/phường", "Commune", "Ward")),
        Column("status", "str", Text("Tình trạng", "Status"), allowed=tuple(ww.SITE_STATUS), aliases=("Trạng thái",)),
        Column("year_established", "int", Text("Năm thành lập", "Year established"), nullable=True,
               min=1990, max=2035, aliases=("Năm",)),
        Column("area_ha", "float", Text("Diện tích (ha)", "Area (ha)"), unit="ha", nullable=True, min=0.1,
               max=5000, aliases=("Diện tích", "Area")),
        Column("occupancy_pct", "float", Text("Tỷ lệ lấp đầy (%)", "Occupancy (%)"), unit="%", nullable=True,
               min=0, max=100, aliases=("Tỷ lệ lấp đầy", "Lấp đầy", "Occupancy")),
        Column("wwtp_status", "str", Text("Trạm XLNT tập trung", "Centralised plant"), nullable=True,
               allowed=tuple(ww.WWTP_STATUS), aliases=("Trạm xử lý nước thải", "XLNT", "WWTP")),
        Column("design_capacity_m3d", "float", Text("Công suất thiết kế (m³/ngày)", "Design capacity (m³/day)"),
               unit="m³/ngày", nullable=True, min=0, max=500_000, aliases=("Công suất thiết kế", "Công suất")),
        Column("actual_flow_m3d", "float", Text("Lưu lượng thực tế (m³/ngày)", "Actual flow (m³/day)"),
               unit="m³/ngày", nullable=True, min=0, max=500_000, aliases=("Lưu lượng thực tế", "Lưu lượng")),
        Column("connected_pct", "float", Text("Doanh nghiệp đã đấu nối (%)", "Tenants connected (%)"), unit="%",
               nullable=True, min=0, max=100, aliases=("Tỷ lệ đấu nối", "Đấu nối")),
        Column("monitoring", "str", Text("Quan trắc tự động", "Automatic monitoring"), nullable=True,
               allowed=tuple(ww.MONITORING), aliases=("Quan trắc",)),
        Column("discharge_standard", "str", Text("Quy chuẩn xả thải", "Discharge standard"), nullable=True,
               allowed=ww.STANDARDS, aliases=("Quy chuẩn",)),
        Column("lon", "float", Text("Kinh độ", "Longitude"), unit="°", min=-180, max=180, aliases=("lng", "long")),
        Column("lat", "float", Text("Vĩ độ", "Latitude"), unit="°", min=-90, max=90),
        Column("location_precision", "str", Text("Độ chính xác vị trí", "Location precision"),
               allowed=tuple(ww.PRECISION)),
        Column("source", "str", Text("Nguồn", "Source"), aliases=("Nguồn số liệu",)),
        Column("illustrative", "bool", Text("Có số liệu minh họa", "Has illustrative values"),
               aliases=("Minh họa", "Illustrative")),
        Column("illustrative_fields", "str", Text("Trường minh họa", "Illustrative fields"), nullable=True),
    ),
)  # fmt: skip
