"""Excel sheets made from a dataset declaration: the header row (titles in Vietnamese), column widths, and the
drop-down lists and range checks Excel applies while staff type (openpyxl data validation), so a template says what
its declaration says and nothing else."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from geo.datasets.spec import Column, Dataset
from geo.errors import Lang, Text
from geo.io.cells import safe_cell
from geo.text.format import short

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2C7A3F")


def write_header(
    ws: Worksheet, columns: Sequence[Column], widths: Sequence[float] | None = None, lang: Lang = "vi"
) -> None:
    """The titles of ``columns`` (Vietnamese unless ``lang``) as a styled, frozen first row."""
    ws.append([c.title(lang) for c in columns])
    for cell in ws[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, width in enumerate(widths or [max(10, len(c.title.vi) + 2) for c in columns], start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def _message(column: Column, text: str) -> dict[str, str]:
    return {"errorTitle": column.title.vi[:32], "error": text, "promptTitle": column.title.vi[:32], "prompt": text}


def validation(column: Column) -> DataValidation | None:
    """Excel's check for one column: a drop-down of its allowed values, or its range for numbers; None if neither."""
    if column.allowed is not None:
        values = ", ".join(str(v) for v in column.allowed)
        rule = DataValidation(type="list", formula1='"' + ",".join(str(v) for v in column.allowed) + '"')
        text = f"Chọn một trong: {values}"
    elif column.dtype in ("int", "float") and column.min is not None and column.max is not None:
        rule = DataValidation(
            type="whole" if column.dtype == "int" else "decimal",
            operator="between",
            formula1=f"{column.min:g}",
            formula2=f"{column.max:g}",
        )
        text = f"Ghi một số từ {short(column.min, 'vi')} đến {short(column.max, 'vi')}"
    else:
        return None
    for key, value in _message(column, text).items():
        setattr(rule, key, value)
    rule.allow_blank = column.nullable
    rule.showErrorMessage = True
    return rule


def add_validations(ws: Worksheet, columns: Sequence[Column], last_row: int) -> list[DataValidation]:
    """Every column's Excel check (see :func:`validation`) applied from row 2 to ``last_row``."""
    added = []
    for i, column in enumerate(columns, start=1):
        rule = validation(column)
        if rule is not None:
            ws.add_data_validation(rule)
            letter = get_column_letter(i)
            rule.add(f"{letter}2:{letter}{last_row}")
            added.append(rule)
    return added


DATA_SHEET = Text("Dữ liệu", "Data")
GUIDE_SHEET = Text("Hướng dẫn", "Guide")
TEMPLATE_ROWS = 1000  # rows the drop-downs and checks cover
_TYPES = {
    "str": Text("văn bản", "text"),
    "int": Text("số nguyên", "whole number"),
    "float": Text("số (1.234,5 hoặc 1234.5)", "number (1,234.5 or 1234,5)"),
    "bool": Text("có/không", "yes/no"),
    "date": Text("ngày (ô ngày của Excel)", "date (an Excel date cell)"),
    "datetime": Text("ngày giờ (ô ngày giờ của Excel)", "date and time (an Excel date-time cell)"),
}
_GUIDE_HEADER = (
    Text("Cột", "Column"),
    Text("Tiêu đề nhận được", "Headers recognised"),
    Text("Kiểu", "Type"),
    Text("Bắt buộc", "Required"),
    Text("Giá trị cho phép / khoảng", "Allowed values / range"),
    Text("Đơn vị", "Unit"),
)
_GUIDE_NOTES = {
    "table": Text(
        "Điền trang '{sheet}' từ dòng 2; không đổi tên cột. Ô có danh sách thả xuống chỉ nhận giá trị trong danh "
        "sách. Cột không bắt buộc có thể bỏ trống (không có số liệu).",
        "Fill the '{sheet}' sheet from row 2; keep the column headers. Cells with a drop-down accept only its values. "
        "Columns that are not required may stay empty (no data).",
    ),
    "point": Text(
        "Vị trí: Kinh độ/Vĩ độ (độ, WGS84) hoặc X/Y mét VN-2000 (khi nhập chọn lưới: EPSG:9214 Bắc Giang cũ, "
        "EPSG:9209 Bắc Ninh cũ, EPSG:3405).",
        "Location: Longitude/Latitude (degrees, WGS84) or VN-2000 X/Y metres (choose the grid when importing: "
        "EPSG:9214 former Bắc Giang, EPSG:9209 former Bắc Ninh, EPSG:3405).",
    ),
    "polygon": Text(
        "Bộ dữ liệu này là một lớp bản đồ: nhập Shapefile nén .zip, GeoJSON, GeoPackage, KML hoặc GeoParquet có các "
        "cột thuộc tính dưới đây; trang '{sheet}' chỉ để xem tên cột.",
        "This dataset is a map layer: import a zipped Shapefile, GeoJSON, GeoPackage, KML or GeoParquet with the "
        "attribute columns below; the '{sheet}' sheet only shows the column names.",
    ),
}


def _allowed(column: Column, lang: Lang) -> str:
    if column.allowed is not None:
        return ", ".join(str(v) for v in column.allowed)
    if column.min is not None or column.max is not None:
        return f"{short(column.min, lang)} – {short(column.max, lang)}"
    return ""


def template(ds: Dataset, lang: Lang = "vi") -> bytes:
    """An .xlsx to fill in for ``ds``: a data sheet whose header is the columns' titles in ``lang`` with Excel's
    drop-downs of allowed values and range checks (:func:`add_validations`), and a guide sheet listing each column:
    the headers the importer recognises, its type, whether it is required, its allowed values or range and unit."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = DATA_SHEET(lang)
    write_header(ws, ds.columns, lang=lang)
    add_validations(ws, ds.columns, TEMPLATE_ROWS + 1)
    guide = wb.create_sheet(GUIDE_SHEET(lang))
    guide.append([f"{ds.title(lang)} ({ds.name})"])
    guide["A1"].font = Font(bold=True, size=13)
    notes = [_GUIDE_NOTES["table"]] + ([_GUIDE_NOTES[ds.geometry]] if ds.geometry in _GUIDE_NOTES else [])
    for note in notes:
        guide.append([note(lang).format(sheet=DATA_SHEET(lang))])
    guide.append([])
    guide.append([t(lang) for t in _GUIDE_HEADER])
    for cell in guide[guide.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    yes, no = ("có", "không") if lang == "vi" else ("yes", "no")
    for column in ds.columns:
        guide.append(
            [
                safe_cell(column.title(lang)),
                safe_cell("; ".join(dict.fromkeys(column.headers))),
                _TYPES[column.dtype](lang),
                yes if column.required and not column.nullable else no,
                safe_cell(_allowed(column, lang)),
                column.unit or "",
            ]
        )
    for letter, width in zip("ABCDEF", (30, 48, 26, 10, 48, 10), strict=True):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
