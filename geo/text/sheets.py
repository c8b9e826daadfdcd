"""Tables for people as files: CSV in the reader's language convention and Excel workbooks with number formats,
both saying when figures are illustrative.

- **CSV**: Vietnamese files use ``;`` between fields and ``,`` as the decimal mark (the list and decimal separators
  of Vietnamese Windows, so Excel there opens them in columns); English files use ``,`` and ``.``. Numbers have no
  thousands grouping, so every program reads them back as numbers. UTF-8 with a byte-order mark, so Excel shows
  Vietnamese letters right. Numbers are rounded to their quantity's precision. A note, when given, is the first
  line; the header follows.
- **Excel**: numbers stay numeric, with the number format of their quantity (:func:`geo.text.format.excel_format`);
  an optional title row and note row above bold, frozen headers with a filter; the note is repeated on a second
  sheet ("Ghi chú" / "Notes").

No text cell runs as a formula (:mod:`geo.io.cells`). A table whose figures come from illustrative data carries an
``illustrative`` column (one flag per row) and a note.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from geo.errors import Lang, Text
from geo.io.cells import safe_cell, safe_table
from geo.text.format import QUANTITIES, excel_format

CSV_SEPARATORS: dict[str, tuple[str, str]] = {"vi": (";", ","), "en": (",", ".")}
NOTES_SHEET = Text("Ghi chú", "Notes")
ILLUSTRATIVE_NOTE = Text(
    "Có số liệu MINH HỌA (do chương trình tạo ra, không phải số liệu chính thức): xem cột “{column}”.",
    "Includes ILLUSTRATIVE figures (generated, not official): see the “{column}” column.",
)
NOTE_FILL = PatternFill("solid", fgColor="FFF3CD")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def illustrative_note(lang: Lang, column: str) -> str:
    """The note of a table holding illustrative figures, naming its flag column as the reader sees it."""
    return ILLUSTRATIVE_NOTE(lang).format(column=column)


def csv_bytes(
    frame: pd.DataFrame, lang: Lang, *, note: str | None = None, formats: Mapping[str, str] | None = None
) -> bytes:
    """``frame`` as CSV in ``lang``'s convention (see the module docstring), the note first when given; columns of
    ``formats`` (column → quantity kind) rounded to their quantity's precision, as a person reads them."""
    sep, decimal = CSV_SEPARATORS[lang]
    rounded = safe_table(frame)
    for column, kind in (formats or {}).items():
        if column in rounded.columns and pd.api.types.is_numeric_dtype(rounded[column]):
            rounded[column] = rounded[column].round(QUANTITIES[kind].decimals)
    body = rounded.to_csv(index=False, sep=sep, decimal=decimal)
    if note:
        body = pd.DataFrame([[safe_cell(note)]]).to_csv(index=False, header=False, sep=sep) + body
    return body.encode("utf-8-sig")


def read_csv(data: bytes, lang: Lang, *, note: bool = False) -> pd.DataFrame:
    """A file of :func:`csv_bytes` read back (for tests and for scripts that take these files)."""
    sep, decimal = CSV_SEPARATORS[lang]
    return pd.read_csv(io.BytesIO(data), sep=sep, decimal=decimal, encoding="utf-8-sig", skiprows=1 if note else 0)


def _plain(value: object) -> Any:
    """numpy scalars as Python values, missing values as empty cells (openpyxl writes only plain types)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def xlsx_bytes(
    frame: pd.DataFrame,
    *,
    sheet: str,
    title: str | None = None,
    note: str | None = None,
    lang: Lang = "vi",
    formats: Mapping[str, str] | None = None,
) -> bytes:
    """An Excel workbook of ``frame``: title and note rows, bold frozen headers with a filter, numbers numeric with
    the number format of their quantity (``formats``: column → quantity kind of :data:`~geo.text.format.QUANTITIES`),
    column widths that fit, and the note again on a second sheet."""
    frame = safe_table(frame)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet[:31]
    row = 1
    if title:
        ws.cell(row=row, column=1, value=title).font = Font(bold=True, size=13)
        row += 1
    if note:
        cell = ws.cell(row=row, column=1, value=str(safe_cell(note)))
        cell.font, cell.fill = Font(bold=True, color="7A4B00"), NOTE_FILL
        row += 1
    first = row + 1 if row > 1 else 1
    for j, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=first, column=j, value=str(name))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    number_formats = {j: excel_format(kind) for j, name in enumerate(frame.columns, start=1)
                      if (kind := (formats or {}).get(str(name)))}  # fmt: skip
    for i, record in enumerate(frame.itertuples(index=False), start=first + 1):
        for j, value in enumerate(record, start=1):
            cell = ws.cell(row=i, column=j, value=_plain(value))
            if j in number_formats:
                cell.number_format = number_formats[j]
    for j, name in enumerate(frame.columns, start=1):
        values = [str(v) for v in frame.iloc[:, j - 1] if _plain(v) is not None]
        longest = max([len(str(name)) // 2, *(len(v) for v in values)], default=8)
        ws.column_dimensions[get_column_letter(j)].width = max(8, min(60, longest + 2))
    ws.freeze_panes = f"A{first + 1}"
    ws.auto_filter.ref = f"A{first}:{get_column_letter(max(1, frame.shape[1]))}{first + len(frame)}"
    if note:
        notes = book.create_sheet(NOTES_SHEET(lang))
        notes.cell(row=1, column=1, value=note).font = Font(bold=True, color="7A4B00")
        notes.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
