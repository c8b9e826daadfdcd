"""The department's Excel template for indicator values: made here, filled in by staff, validated on the way back.

The template lists one row per indicator and unit at the level the indicator is reported at, for one year, with
drop-down lists for the indicator id and the unit set; staff type the value and its source. Loading a filled
template checks every row and lists every problem (unknown indicator, unit name that matches no unit, year outside
the plan period 2020–2030, value outside the indicator's valid range, missing source) with its row number, or
returns the rows as the long indicator table (target_id, unit_set, unit_code, year, value, source, illustrative).
"""

from __future__ import annotations

import io as _io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from geo.boundaries.names import name_key
from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from geo.progress.status import PLAN_END, PLAN_START

SHEET = "Nhập liệu"
HEADERS = {  # Vietnamese header → column of the indicator table
    "Mã chỉ tiêu": "target_id",
    "Nội dung chỉ tiêu": "text",
    "Bộ đơn vị": "unit_set",
    "Mã đơn vị": "unit_code",
    "Đơn vị": "unit_name",
    "Năm": "year",
    "Giá trị": "value",
    "Đơn vị tính": "unit",
    "Nguồn": "source",
    "Ghi chú": "note",
}
UNIT_SETS = ("province", "districts_2019", "communes_2025")
PROVINCE = pd.DataFrame({"code": ["24"], "name_full": ["Tỉnh Bắc Giang"]})


def make_template(register: pd.DataFrame, units: Mapping[str, pd.DataFrame], year: int) -> bytes:
    """An .xlsx workbook to fill in for ``year``; ``units`` maps a unit set to a frame with code and name_full."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = SHEET
    ws.append(list(HEADERS))
    for row in register.to_dict("records"):
        sets = ["province"] + ([str(row["level"])] if str(row["level"]) != "province" else [])
        for unit_set in sets:
            frame = PROVINCE if unit_set == "province" else units[unit_set]
            for code, name in zip(frame["code"], frame["name_full"], strict=True):
                ws.append([str(row["id"]), str(row["text_vi"]), unit_set, str(code), str(name), year, None,
                           str(row["unit"]), None, None])  # fmt: skip
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="2C7A3F")
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(wrap_text=True, vertical="center")
    for column, width in zip("ABCDEFGHIJ", (11, 60, 16, 10, 28, 8, 12, 12, 40, 24), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    ids = wb.create_sheet("Danh mục chỉ tiêu")
    ids.append(["Mã chỉ tiêu", "Nội dung", "Đơn vị tính", "Mục tiêu 2030", "Nhỏ nhất", "Lớn nhất", "Cấp báo cáo"])
    for rec in register.to_dict("records"):
        ids.append([str(rec["id"]), str(rec["text_vi"]), str(rec["unit"]), float(rec["target_low"]),
                    float(rec["min_value"]), float(rec["max_value"]), str(rec["level"])])  # fmt: skip
    last = ws.max_row
    id_list = DataValidation(type="list", formula1=f"='Danh mục chỉ tiêu'!$A$2:$A${ids.max_row}", allow_blank=False)
    set_list = DataValidation(type="list", formula1='"' + ",".join(UNIT_SETS) + '"', allow_blank=False)
    ws.add_data_validation(id_list)
    ws.add_data_validation(set_list)
    id_list.add(f"A2:A{last + 500}")
    set_list.add(f"C2:C{last + 500}")
    guide = wb.create_sheet("Hướng dẫn")
    for line in (
        "Mẫu nhập số liệu chỉ tiêu tăng trưởng xanh (QĐ 1026/QĐ-UBND).",
        "Điền cột 'Giá trị' (số, dấu chấm hoặc phẩy thập phân) và 'Nguồn' (văn bản, báo cáo, số hiệu) cho mỗi dòng.",
        "Để trống 'Giá trị' nếu chưa có số liệu: dòng đó được bỏ qua.",
        f"Năm hợp lệ: {PLAN_START}–{PLAN_END}. Đơn vị: ghi mã hoặc tên (có hoặc không dấu).",
        "Không đổi tên cột của trang 'Nhập liệu'.",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    buffer = _io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _problem(row: int, field: str, expected: Text, found: object, fix: Text, file: str) -> Problem:
    return Problem(file=file, row=row, field=field, expected=expected, found=found, fix=fix)


def parse_template(
    table: pd.DataFrame, register: pd.DataFrame, units: Mapping[str, pd.DataFrame], *, file: str
) -> pd.DataFrame:
    """The filled rows of a template as indicator values, or a :class:`SchemaError` listing every problem."""
    table = table.rename(columns={k: v for k, v in HEADERS.items() if k in table.columns})
    missing = [vi for vi, col in HEADERS.items() if col in ("target_id", "unit_set", "year", "value", "source")
               and col not in table.columns]  # fmt: skip
    if missing:
        raise SchemaError(
            Problem(file=file, field=", ".join(missing), expected=Text("các cột của mẫu", "the template's columns"),
                    found=Text("thiếu cột", "missing columns"),
                    fix=Text("tải mẫu mới từ ứng dụng và nhập lại", "download a fresh template")))  # fmt: skip
    reg: dict[str, dict[Any, Any]] = {str(r["id"]): r for r in register.to_dict("records")}
    lookup = {s: {**{str(c): str(c) for c in f["code"]}, **{name_key(n): str(c) for c, n in
                                                             zip(f["code"], f["name_full"], strict=True)}}
              for s, f in {"province": PROVINCE, **units}.items()}  # fmt: skip
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    for i, rec in enumerate(table.to_dict("records")):
        row = i + 2
        raw_value = rec.get("value")
        if raw_value is None or (isinstance(raw_value, float) and pd.isna(raw_value)) or str(raw_value).strip() == "":
            continue
        tid = str(rec.get("target_id", "")).strip()
        if tid not in reg:
            problems.append(
                _problem(
                    row,
                    "Mã chỉ tiêu",
                    Text("một mã trong trang 'Danh mục chỉ tiêu'", "an id from the 'Danh mục chỉ tiêu' sheet"),
                    tid,
                    Text("chọn mã từ danh sách thả xuống", "pick an id from the list"),
                    file,
                )
            )
            continue  # fmt: skip
        unit_set = str(rec.get("unit_set", "")).strip()
        code = None
        if unit_set not in lookup:
            problems.append(
                _problem(
                    row,
                    "Bộ đơn vị",
                    Text(f"một trong: {', '.join(UNIT_SETS)}", "a unit set"),
                    unit_set,
                    Text("chọn từ danh sách thả xuống", "pick from the list"),
                    file,
                )
            )
        else:
            given = str(rec.get("unit_code") or "").strip() or str(rec.get("unit_name") or "")
            code = lookup[unit_set].get(given) or lookup[unit_set].get(name_key(given))
            if code is None:
                problems.append(
                    _problem(
                        row,
                        "Đơn vị",
                        Text(f"mã hoặc tên một đơn vị của bộ {unit_set}", f"the code or name of a {unit_set} unit"),
                        given,
                        Text("sửa tên đơn vị hoặc ghi mã", "correct the name or give the code"),
                        file,
                    )
                )
        year = pd.to_numeric(pd.Series([rec.get("year")]), errors="coerce").iloc[0]
        if pd.isna(year) or int(year) != year or not PLAN_START <= int(year) <= PLAN_END:
            problems.append(
                _problem(
                    row,
                    "Năm",
                    Text(f"năm từ {PLAN_START} đến {PLAN_END}", f"a year from {PLAN_START} to {PLAN_END}"),
                    rec.get("year"),
                    Text("ghi năm của số liệu, trong kỳ kế hoạch", "give the year, within the plan"),
                    file,
                )
            )
        value: Any = pd.to_numeric(pd.Series([str(raw_value).strip().replace(",", ".")]), errors="coerce").iloc[0]
        lo, hi = float(reg[tid]["min_value"]), float(reg[tid]["max_value"])
        if pd.isna(value) or not lo <= float(value) <= hi:
            problems.append(_problem(row, "Giá trị", Text(f"một số từ {lo:g} đến {hi:g} ({reg[tid]['unit']})",
                                     f"a number from {lo:g} to {hi:g}"), raw_value,
                                     Text("kiểm tra đơn vị tính và dấu thập phân", "check the unit and decimals"),
                                     file))  # fmt: skip
        source = str(rec.get("source") or "").strip()
        if not source or source.lower() == "nan":
            problems.append(_problem(row, "Nguồn", Text("nguồn của số liệu", "the figure's source"), raw_value,
                                     Text("ghi văn bản/báo cáo cung cấp số liệu", "name the report it comes from"),
                                     file))  # fmt: skip
        if code is not None and not pd.isna(value) and not pd.isna(year):
            rows.append({"target_id": tid, "unit_set": unit_set, "unit_code": code, "year": int(year),
                         "value": float(value), "source": source, "illustrative": False})  # fmt: skip
    if problems:
        raise SchemaError(problems)
    return pd.DataFrame(rows, columns=["target_id", "unit_set", "unit_code", "year", "value", "source", "illustrative"])


def merge_values(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``existing`` with ``new`` added; a new value replaces the old one for the same target, unit and year."""
    keys = ["target_id", "unit_set", "unit_code", "year"]
    combined = pd.concat([existing, new], ignore_index=True)
    return combined.drop_duplicates(subset=keys, keep="last").sort_values(keys, ignore_index=True)


def save_values(rows: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Add validated ``rows`` to the department's store at ``path`` (written whole or not at all); return it."""
    existing = io.read_table(path, dtype={"unit_code": "str", "target_id": "str"}) if path.exists() else rows.iloc[0:0]
    merged = merge_values(existing, rows)
    io.write_table(merged, path)
    return merged
