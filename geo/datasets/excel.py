"""Excel sheets made from a dataset declaration: the header row (titles in Vietnamese), column widths, and the
drop-down lists and range checks Excel applies while staff type (openpyxl data validation), so a template says what
its declaration says and nothing else."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from geo.datasets.spec import Column
from geo.text.format import short

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2C7A3F")


def write_header(ws: Worksheet, columns: Sequence[Column], widths: Sequence[float] | None = None) -> None:
    """The Vietnamese titles of ``columns`` as a styled, frozen first row."""
    ws.append([c.title.vi for c in columns])
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
