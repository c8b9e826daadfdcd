"""Declarations of the plan's targets register (Decision 1026/QĐ-UBND) and the long table of indicator values.

``indicator_values`` is also the shape of the department's Excel template (:mod:`geo.progress.template`): its
columns, titles and allowed values make the template's header and drop-down lists. ``unit_name`` and ``note`` are
optional: a template row may name its unit instead of giving its code, and may carry a note.
"""

from __future__ import annotations

from typing import Final

from geo.datasets.spec import Column, Dataset
from geo.errors import Text
from geo.progress.status import PLAN_END, PLAN_START

UNIT_LEVELS: Final = ("province", "districts_2019", "communes_2025")

TARGETS = Dataset(
    name="targets",
    title=Text("15 mục tiêu tăng trưởng xanh đến 2030", "The 15 green-growth targets for 2030"),
    geometry="table",
    key=("id",),
    sources=("data/monitoring/targets.csv",),
    columns=(
        Column("id", "str", Text("Mã chỉ tiêu", "Indicator id"), unique=True),
        Column("target_no", "int", Text("Mục tiêu số", "Target no."), min=1, max=15),
        Column("group", "str", Text("Nhóm", "Group"), allowed=("economy", "lifestyle", "transition")),
        Column("text_vi", "str", Text("Nội dung chỉ tiêu", "Indicator (Vietnamese)")),
        Column("text_en", "str", Text("Nội dung (tiếng Anh)", "Indicator")),
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
)

INDICATOR_VALUES = Dataset(
    name="indicator_values",
    title=Text("Số liệu chỉ tiêu theo đơn vị và năm", "Indicator values by unit and year"),
    geometry="table",
    key=("target_id", "unit_set", "unit_code", "year"),
    sources=("data/monitoring/indicator_values.csv",),
    columns=(
        Column("target_id", "str", Text("Mã chỉ tiêu", "Indicator id"), aliases=("Chỉ tiêu", "Indicator")),
        Column("unit_set", "str", Text("Bộ đơn vị", "Unit set"), allowed=UNIT_LEVELS, aliases=("Cấp",)),
        Column("unit_code", "str", Text("Mã đơn vị", "Unit code"), aliases=("Mã",)),
        Column("unit_name", "str", Text("Đơn vị", "Unit"), required=False, nullable=True,
               aliases=("Tên đơn vị", "Unit name")),
        Column("year", "int", Text("Năm", "Year"), min=PLAN_START, max=PLAN_END),
        Column("value", "float", Text("Giá trị", "Value"), nullable=True, aliases=("Số liệu",)),
        Column("source", "str", Text("Nguồn", "Source"), aliases=("Nguồn số liệu",)),
        Column("note", "str", Text("Ghi chú", "Note"), required=False, nullable=True),
        Column("illustrative", "bool", Text("Minh họa", "Illustrative")),
    ),
)  # fmt: skip
