"""Declarations of the plan's targets register and the long table of indicator values (tables, no geometry)."""

from __future__ import annotations

from geo.errors import Text
from layers.spec import Column, LayerSpec

_PLAN = Text("QĐ 1026/QĐ-UBND (15/10/2022), mục II.3", "Decision 1026/QĐ-UBND (15/10/2022), section II.3")
UNIT_LEVELS = ("province", "districts_2019", "communes_2025")

TARGETS = LayerSpec(
    id="targets",
    title=Text("15 mục tiêu tăng trưởng xanh đến 2030", "The 15 green-growth targets for 2030"),
    source="data/monitoring/targets.csv",
    geometry="table",
    columns=(
        Column("id", "str", Text("Mã chỉ tiêu", "Indicator id"), unique=True),
        Column("target_no", "int", Text("Mục tiêu số", "Target no."), min=1, max=15),
        Column("group", "str", Text("Nhóm", "Group"), allowed=("economy", "lifestyle", "transition")),
        Column("text_vi", "str", Text("Nội dung", "Text (Vietnamese)")),
        Column("text_en", "str", Text("Nội dung (tiếng Anh)", "Text")),
        Column("unit", "str", Text("Đơn vị tính", "Unit")),
        Column("direction", "str", Text("Chiều tốt", "Better when"), allowed=("higher", "lower", "milestone")),
        Column("baseline_year", "int", Text("Năm cơ sở", "Baseline year"), nullable=True, min=2015, max=2025),
        Column("baseline_value", "float", Text("Giá trị cơ sở", "Baseline value"), nullable=True),
        Column("midterm_2025", "float", Text("Giữa kỳ 2025", "Mid-term 2025"), nullable=True),
        Column("target_low", "float", Text("Mục tiêu 2030", "2030 target")),
        Column("target_high", "float", Text("Mục tiêu 2030 (cận trên)", "2030 target (upper)"), nullable=True),
        Column("owner_vi", "str", Text("Cơ quan chủ trì", "Owner (Vietnamese)")),
        Column("owner_en", "str", Text("Cơ quan chủ trì (tiếng Anh)", "Owner")),
        Column("level", "str", Text("Cấp báo cáo", "Reported at"), allowed=UNIT_LEVELS),
        Column("min_value", "float", Text("Giá trị nhỏ nhất hợp lệ", "Smallest valid value")),
        Column("max_value", "float", Text("Giá trị lớn nhất hợp lệ", "Largest valid value")),
        Column("source", "str", Text("Nguồn", "Source")),
    ),
    join_key="id",
    attribution=_PLAN,
)

INDICATOR_VALUES = LayerSpec(
    id="indicator_values",
    title=Text("Số liệu chỉ tiêu theo đơn vị và năm", "Indicator values by unit and year"),
    source="data/monitoring/indicator_values.csv",
    geometry="table",
    columns=(
        Column("target_id", "str", Text("Mã chỉ tiêu", "Indicator id")),
        Column("unit_set", "str", Text("Bộ đơn vị", "Unit set"), allowed=UNIT_LEVELS),
        Column("unit_code", "str", Text("Mã đơn vị", "Unit code")),
        Column("year", "int", Text("Năm", "Year"), min=2020, max=2030),
        Column("value", "float", Text("Giá trị", "Value"), nullable=True),
        Column("source", "str", Text("Nguồn", "Source")),
        Column("illustrative", "bool", Text("Minh họa", "Illustrative")),
    ),
    join_key="target_id",
)

TARGET_LAYERS = (TARGETS, INDICATOR_VALUES)
