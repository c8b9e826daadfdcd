"""The department's Excel template for indicator values: made here, filled in by staff, validated on the way back.

The template lists one row per indicator and unit at the level the indicator is reported at, for one year; its
columns, titles, drop-down lists and year check come from the ``indicator_values`` declaration
(:mod:`geo.datasets.progress`). Staff type the value (1.234,5 or 1234.5) and its source. Loading a filled template
checks every row and lists every problem with its row number and what was typed: unknown indicator, unknown unit
code or name, a code and a name naming two different units, year outside the plan period 2020–2030, a value that is
not a number, reads two ways, or lies outside the indicator's valid range, missing source. Otherwise it returns the
rows as the long indicator table (target_id, unit_set, unit_code, year, value, source, illustrative).
"""

from __future__ import annotations

import io as _io
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import pandas as pd

from geo.boundaries.names import name_key
from geo.datasets.progress import INDICATOR_VALUES, TARGETS, UNIT_LEVELS
from geo.datasets.spec import Column
from geo.datasets.validate import rename_headers
from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from geo.io.cells import safe_cell
from geo.progress.status import PLAN_END, PLAN_START
from geo.text.parse import is_empty, parse_numbers

SHEET: Final = "Nhập liệu"
REGISTER_SHEET: Final = "Danh mục chỉ tiêu"
_V, _T = INDICATOR_VALUES.column, TARGETS.column
# The template's columns, in order: the indicator values a person fills in, with the indicator's text and unit
# from the targets register beside them to read.
COLUMNS: Final = (_V("target_id"), _T("text_vi"), _V("unit_set"), _V("unit_code"), _V("unit_name"), _V("year"),
                  _V("value"), _T("unit"), _V("source"), _V("note"))  # fmt: skip
_WIDTHS: Final = (11, 60, 16, 10, 28, 8, 12, 12, 40, 24)
REGISTER_COLUMNS: Final = tuple(
    _T(n) for n in ("id", "text_vi", "unit", "target_low", "min_value", "max_value", "level")
)
HEADERS: Final = {c.title.vi: c.name for c in COLUMNS}  # Vietnamese header → column of the indicator table
UNIT_SETS: Final = UNIT_LEVELS
PROVINCE = pd.DataFrame({"code": ["24"], "name_full": ["Tỉnh Bắc Giang"]})
OUTPUT: Final = ("target_id", "unit_set", "unit_code", "year", "value", "source", "illustrative")
_EMPTY: Final = Text("ô trống", "an empty cell")
_ID_EXPECTED: Final = Text(f"một mã trong trang '{REGISTER_SHEET}'", f"an id from the '{REGISTER_SHEET}' sheet")
_ID_FIX: Final = Text("chọn mã từ danh sách thả xuống", "pick an id from the list")
_SET_EXPECTED: Final = Text(f"một trong: {', '.join(UNIT_LEVELS)}", f"one of: {', '.join(UNIT_LEVELS)}")
_SET_FIX: Final = Text("chọn từ danh sách thả xuống", "pick from the list")
_YEAR_EXPECTED: Final = Text(f"năm từ {PLAN_START} đến {PLAN_END}", f"a year from {PLAN_START} to {PLAN_END}")
_YEAR_FIX: Final = Text("ghi năm của số liệu, trong kỳ kế hoạch", "give the year, within the plan")
_VALUE_FIX: Final = Text("kiểm tra đơn vị tính và dấu thập phân", "check the unit and decimals")
_SOURCE_FIX: Final = Text("ghi văn bản/báo cáo cung cấp số liệu", "name the report it comes from")


def make_template(register: pd.DataFrame, units: Mapping[str, pd.DataFrame], year: int) -> bytes:
    """An .xlsx workbook to fill in for ``year``; ``units`` maps a unit set to a frame with code and name_full.

    Its header, titles, drop-down lists and checks come from the ``indicator_values`` declaration; the indicator id
    is a drop-down of the register sheet's ids."""
    # openpyxl only when a template is made: the pages that merge values do not wait for it (issue 13)
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from geo.datasets.excel import add_validations, write_header

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = SHEET
    write_header(ws, COLUMNS, _WIDTHS)
    for row in register.to_dict("records"):
        sets = ["province"] + ([str(row["level"])] if str(row["level"]) != "province" else [])
        for unit_set in sets:
            frame = PROVINCE if unit_set == "province" else units[unit_set]
            for code, name in zip(frame["code"], frame["name_full"], strict=True):
                texts = (safe_cell(str(v)) for v in (row["id"], row["text_vi"], unit_set, code, name))
                ws.append([*texts, year, None, safe_cell(str(row["unit"])), None, None])
    ids = wb.create_sheet(REGISTER_SHEET)
    write_header(ws=ids, columns=REGISTER_COLUMNS, widths=(11, 60, 12, 12, 10, 10, 16))
    for rec in register.to_dict("records"):
        ids.append([safe_cell(str(rec[c])) for c in ("id", "text_vi", "unit")] + [float(rec["target_low"]),
                    float(rec["min_value"]), float(rec["max_value"]), str(rec["level"])])  # fmt: skip
    last = ws.max_row + 500
    add_validations(ws, COLUMNS, last)
    id_list = DataValidation(type="list", formula1=f"='{REGISTER_SHEET}'!$A$2:$A${ids.max_row}", allow_blank=False)
    ws.add_data_validation(id_list)
    id_list.add(f"A2:A{last}")
    guide = wb.create_sheet("Hướng dẫn")
    for line in (
        "Mẫu nhập số liệu chỉ tiêu tăng trưởng xanh (QĐ 1026/QĐ-UBND).",
        "Điền cột 'Giá trị' (số; 1.234,5 hoặc 1234.5) và 'Nguồn' (văn bản, báo cáo, số hiệu) cho mỗi dòng.",
        "Để trống 'Giá trị' nếu chưa có số liệu: dòng đó được bỏ qua.",
        f"Năm hợp lệ: {PLAN_START}–{PLAN_END}. Đơn vị: ghi mã hoặc tên (có hoặc không dấu).",
        "Không đổi tên cột của trang 'Nhập liệu'.",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    buffer = _io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> str:
    """A cell as the text a person typed ("" when empty; 219.0 from Excel as "219")."""
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Rows:
    """Problems of a filled template, each at its row and under the header the person sees."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, row: int, col: Column, expected: Text, found: object, fix: Text) -> None:
        self.problems.append(Problem(self.file, row, col.title.vi, expected, found, fix))


def _units(units: Mapping[str, pd.DataFrame]) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Per unit set: {code: name} and {name key: code}."""
    out = {}
    for unit_set, frame in {"province": PROVINCE, **units}.items():
        names = {str(c): str(n) for c, n in zip(frame["code"], frame["name_full"], strict=True)}
        out[unit_set] = (names, {name_key(n): c for c, n in names.items()})
    return out


def _unit(
    rec: Mapping[str, Any], unit_set: str, lookup: tuple[dict[str, str], dict[str, str]], row: int, out: _Rows
) -> str | None:
    """The unit code of a row given by its code, its name, or both (which must name the same unit)."""
    names, keys = lookup
    code, name = _cell(rec.get("unit_code")), _cell(rec.get("unit_name"))
    by_name = keys.get(name_key(name)) if name else None
    if code and code not in names:
        out.add(
            row,
            _V("unit_code"),
            Text(f"mã một đơn vị của bộ {unit_set}", f"the code of a {unit_set} unit"),
            code,
            Text("sửa mã, hoặc xóa mã và ghi tên đơn vị", "correct the code, or clear it and give the name"),
        )
        return None
    if code and name and by_name is not None and by_name != code:
        out.add(
            row,
            _V("unit_name"),
            Text(f"tên của đơn vị mã {code} ({names[code]})", f"the name of unit {code} ({names[code]})"),
            name,
            Text(
                f"'{name}' là đơn vị mã {by_name}: sửa mã hoặc tên cho khớp",
                f"'{name}' is unit {by_name}: make the code and the name agree",
            ),
        )
        return None
    if code:
        return code
    if by_name is None:
        expected = Text(f"mã hoặc tên một đơn vị của bộ {unit_set}", f"the code or name of a {unit_set} unit")
        found = name or Text("ô trống", "an empty cell")
        out.add(
            row,
            _V("unit_name"),
            expected,
            found,
            Text("sửa tên đơn vị hoặc ghi mã", "correct the name or give the code"),
        )
    return by_name  # fmt: skip


def parse_template(
    table: pd.DataFrame, register: pd.DataFrame, units: Mapping[str, pd.DataFrame], *, file: str
) -> pd.DataFrame:
    """The filled rows of a template as indicator values, or a :class:`SchemaError` listing every problem."""
    table, clashes = rename_headers(table, INDICATOR_VALUES, file=file)
    needed = [c for c in COLUMNS if c.name in ("target_id", "unit_set", "year", "value", "source")]
    missing = [c.title.vi for c in needed if c.name not in table.columns]
    if missing or clashes:
        raise SchemaError([*clashes, *([Problem(file=file, row=1, field=", ".join(missing),
                           expected=Text("các cột của mẫu", "the template's columns"),
                           found=Text("thiếu cột", "missing columns"),
                           fix=Text("tải mẫu mới từ ứng dụng và nhập lại", "download a fresh template"))]
                           if missing else [])])  # fmt: skip
    reg: dict[str, dict[Any, Any]] = {str(r["id"]): r for r in register.to_dict("records")}
    lookup = _units(units)
    out = _Rows(file)
    values, unreadable = parse_numbers(table["value"], file=file, field=_V("value").title.vi)
    years = parse_numbers(table["year"], file=file, field=_V("year").title.vi, integer=True)[0]
    out.problems += unreadable
    reported = {p.row for p in unreadable}
    rows: list[dict[str, object]] = []
    for i, rec in enumerate(table.to_dict("records")):
        row, cells = i + 2, {str(k): v for k, v in rec.items()}
        if is_empty(cells.get("value")):
            continue
        tid = _cell(cells.get("target_id"))
        if tid not in reg:
            out.add(row, _V("target_id"), _ID_EXPECTED, tid or _EMPTY, _ID_FIX)
            continue
        unit_set, code = _cell(cells.get("unit_set")), None
        if unit_set not in lookup:
            out.add(row, _V("unit_set"), _SET_EXPECTED, unit_set or _EMPTY, _SET_FIX)
        else:
            code = _unit(cells, unit_set, lookup[unit_set], row, out)
        year = years.iloc[i]
        if pd.isna(year) or not PLAN_START <= year <= PLAN_END:
            out.add(row, _V("year"), _YEAR_EXPECTED, _cell(cells.get("year")) or _EMPTY, _YEAR_FIX)
        value = values.iloc[i]
        lo, hi, unit = float(reg[tid]["min_value"]), float(reg[tid]["max_value"]), reg[tid]["unit"]
        if row not in reported and (pd.isna(value) or not lo <= value <= hi):
            expected = Text(f"một số từ {lo:g} đến {hi:g} ({unit})", f"a number from {lo:g} to {hi:g} ({unit})")
            out.add(row, _V("value"), expected, cells.get("value"), _VALUE_FIX)
        source = _cell(cells.get("source"))
        if not source:
            out.add(row, _V("source"), Text("nguồn của số liệu", "the figure's source"), _EMPTY, _SOURCE_FIX)
        if code is not None and not pd.isna(value) and not pd.isna(year) and source:
            rows.append({"target_id": tid, "unit_set": unit_set, "unit_code": code, "year": int(year),
                         "value": float(value), "source": source, "illustrative": False})  # fmt: skip
    if out.problems:
        order = {c.title.vi: i for i, c in enumerate(COLUMNS)}
        raise SchemaError(sorted(out.problems, key=lambda p: (p.row or 0, order.get(p.field or "", 99))))
    return pd.DataFrame(rows, columns=list(OUTPUT))


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


def own_rows(current: pd.DataFrame, seed: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``current`` that are not exactly as shipped in ``seed``: the department's own figures.

    Both tables have the indicator columns; a row differs when its value, source or illustrative flag does, or when
    the shipped table lacks its target, unit and year.
    """
    keys = ["target_id", "unit_set", "unit_code", "year"]
    cols = [*keys, "value", "source", "illustrative"]
    merged = current[cols].merge(seed[cols], on=keys, how="left", suffixes=("", "_seed"), indicator=True)
    same = merged["_merge"] == "both"
    for col in ("value", "source", "illustrative"):
        a, b = merged[col], merged[f"{col}_seed"]
        same &= (a == b).fillna(False).astype(bool) | (a.isna() & b.isna())
    return current[cols][~same.to_numpy()].reset_index(drop=True)
