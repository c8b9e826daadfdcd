"""Reading the cells of an uploaded table, untyped: CSV text in any encoding people use and XLSX workbooks with the
faults Excel hides.

CSV: the encoding is detected (UTF-8 with or without BOM, UTF-16, VNI, TCVN3, Windows-1258; see
:func:`geo.io.legacy_text.decode_bytes`) and the separator (``,`` ``;`` tab) read from the header line. XLSX: the
sheet is the one asked for, else the one whose header row names most of the dataset's columns; a formula whose
result Excel did not store (the file was written by a program, not saved by Excel), and every merged range, are
reported by cell; text cells are remembered so a date typed as text is reported as such. Cells stay as written:
the dataset's declaration types them (:mod:`geo.datasets.validate`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pandas as pd
from openpyxl.utils import get_column_letter

from geo.errors import Problem, Text
from geo.io import legacy_text, uploads

SEPARATORS = {",": "','", ";": "';'", "\t": "tab"}


@dataclass
class RawTable:
    """Untyped cells with their header as written; ``text_cells`` maps a header to the sheet rows typed as text."""

    frame: pd.DataFrame
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    text_cells: dict[str, set[int]] = field(default_factory=dict)


def _refused(file: str, code: str, expected: Text, found: object, fix: Text) -> RawTable:
    return RawTable(pd.DataFrame(), problems=[Problem(file=file, expected=expected, found=found, fix=fix, code=code)])


def read_csv(path: Path) -> RawTable:
    raw = uploads.read_bytes(path)
    decoded = legacy_text.decode_bytes(raw)
    if decoded is None:
        return _refused(
            path.name,
            "encoding_unknown",
            Text(
                "văn bản Unicode (UTF-8/UTF-16), VNI, TCVN3 hoặc Windows-1258",
                "Unicode, VNI, TCVN3 or Windows-1258 text",
            ),
            Text("không nhận ra bảng mã", "an encoding not recognised"),
            Text("mở tệp trong Excel và lưu dạng 'CSV UTF-8'", "open it in Excel and save it as 'CSV UTF-8'"),
        )
    text, encoding = decoded
    uploads.check_rows(max(0, text.count("\n") - 1), path.name)
    header = text.split("\n", 1)[0]
    separator = max(SEPARATORS, key=header.count)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        return _refused(
            path.name,
            "unreadable",
            Text("bảng CSV đọc được", "a readable CSV table"),
            str(exc).splitlines()[0],
            Text("mỗi dòng cần cùng số cột với dòng tiêu đề", "give every line as many columns as the header"),
        )
    frame.columns = [str(c).strip() for c in frame.columns]
    notes = [
        Problem(
            file=path.name,
            field="encoding",
            found=encoding,
            code="encoding_detected",
            expected=Text("bảng mã của tệp", "the file's encoding"),
        ),
        Problem(
            file=path.name,
            field="separator",
            found=SEPARATORS[separator],
            code="separator_detected",
            expected=Text("dấu phân cách cột", "the column separator"),
        ),
    ]
    return RawTable(frame, encoding=encoding, separator=separator, notes=notes)


def _headers(ws: object) -> list[str]:
    row = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())  # type: ignore[attr-defined]
    return ["" if v is None else str(v).strip() for v in row]


def read_xlsx(path: Path, *, sheet: str | None, score: Callable[[list[str]], int]) -> RawTable:
    uploads.check_archive(path)
    formulas, values = uploads.workbooks(path)
    names = list(values.sheetnames)
    if sheet is not None and sheet not in names:
        return _refused(
            path.name,
            "wrong_sheet",
            Text(f"trang tính '{sheet}'", f"the sheet '{sheet}'"),
            ", ".join(names),
            Text(f"chọn một trong các trang: {', '.join(names)}", f"choose one of the sheets: {', '.join(names)}"),
        )
    scores = {n: score(_headers(values[n])) for n in names}
    chosen = sheet or max(names, key=lambda n: scores[n])
    if scores[chosen] == 0:
        return _refused(
            path.name,
            "wrong_sheet",
            Text(
                "một trang tính có dòng tiêu đề là các cột của bộ dữ liệu",
                "a sheet whose first row holds the dataset's headers",
            ),
            Text(f"trang '{chosen}' (các trang: {', '.join(names)})", f"sheet '{chosen}' (sheets: {', '.join(names)})"),
            Text(
                "đặt dòng tiêu đề ở dòng 1, hoặc chọn đúng trang tính",
                "put the headers in row 1, or choose the right sheet",
            ),
        )
    ws, wf = values[chosen], formulas[chosen]
    uploads.check_rows(max(0, (ws.max_row or 1) - 1), path.name)
    headers = _headers(ws)
    problems: list[Problem] = []
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        col = headers[merged.min_col - 1] if merged.min_col <= len(headers) else get_column_letter(merged.min_col)
        problems.append(
            Problem(
                file=path.name,
                row=merged.min_row,
                field=col,
                code="merged_cells",
                expected=Text("mỗi ô một giá trị (không gộp ô)", "one value per cell (no merged cells)"),
                found=Text(f"ô gộp {merged.coord}", f"merged cells {merged.coord}"),
                fix=Text(
                    f"bỏ gộp ô {merged.coord} và ghi giá trị vào từng ô", f"unmerge {merged.coord} and fill every cell"
                ),
            )
        )
    rows: list[list[object]] = []
    text_cells: dict[str, set[int]] = {}
    for cells, stored in zip(wf.iter_rows(min_row=2), ws.iter_rows(min_row=2, values_only=True), strict=False):
        record: list[object] = [cast(object, v) for v in stored][: len(headers)]
        record += [None] * max(0, len(headers) - len(record))
        for cell, value in zip(cells, record, strict=False):
            col = cell.column if isinstance(cell.column, int) else 0
            header = headers[col - 1] if 0 < col <= len(headers) else ""
            if cell.data_type == "f" and value is None:
                problems.append(
                    Problem(
                        file=path.name,
                        row=cell.row,
                        field=header,
                        code="formula_no_value",
                        expected=Text("giá trị đã tính của công thức", "the formula's computed value"),
                        found=Text(
                            f"công thức {cell.value} chưa có kết quả lưu", f"formula {cell.value} with no stored result"
                        ),
                        fix=Text(
                            "mở tệp trong Excel, để Excel tính rồi Lưu lại (hoặc dán giá trị thay công thức)",
                            "open the file in Excel and save it so results are stored (or paste values)",
                        ),
                    )
                )
            elif cell.data_type == "s" and isinstance(value, str) and value.strip():
                text_cells.setdefault(header, set()).add(int(cell.row or 0))
        rows.append(record)
    while rows and not any(v is not None and str(v).strip() for v in rows[-1]):
        rows.pop()  # trailing empty rows Excel keeps formatted; inner empty rows keep the row numbers right
    frame = pd.DataFrame(rows, columns=headers, dtype=object)
    notes = [
        Problem(
            file=path.name,
            field="sheet",
            found=chosen,
            code="sheet_chosen",
            expected=Text("trang tính được đọc", "the sheet read"),
        )
    ]
    return RawTable(frame, sheet=chosen, problems=problems, notes=notes, text_cells=text_cells)
