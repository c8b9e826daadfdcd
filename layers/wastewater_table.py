"""The wastewater tables as people read them: labels instead of codes, headers and reasons in Vietnamese or
English, and the CSV and Excel bytes the page offers for download.

The machine tables (:func:`geo.wastewater.report.lacking_records`, :func:`geo.wastewater.rules.unit_summary`) keep
stable column names and codes for scripts; :func:`present` turns either into what a person reads.
"""

from __future__ import annotations

import io as _io
import math
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from geo.errors import Lang, Text
from geo.io.cells import safe_table
from geo.wastewater import rules as ww

HEADERS: dict[str, Text] = {
    "rank": Text("Thứ tự", "Rank"),
    "id": Text("Mã", "Id"),
    "name": Text("Tên", "Name"),
    "kind": Text("Loại", "Kind"),
    "district_2019": Text("Mã huyện/TP (2019)", "District code (2019)"),
    "district_name": Text("Huyện/TP (2019)", "District (2019)"),
    "commune_2025": Text("Mã xã/phường (2025)", "Commune code (2025)"),
    "commune_name": Text("Xã/phường (2025)", "Commune (2025)"),
    "status": Text("Tình trạng", "Status"),
    "wwtp_status": Text("Trạm XLNT tập trung", "Centralised plant"),
    "design_capacity_m3d": Text("Công suất thiết kế (m³/ngày)", "Design capacity (m³/day)"),
    "actual_flow_m3d": Text("Lưu lượng thực tế (m³/ngày)", "Actual flow (m³/day)"),
    "gap_m3d": Text("Thiếu hụt xử lý (m³/ngày)", "Treatment gap (m³/day)"),
    "monitoring": Text("Quan trắc tự động", "Automatic monitoring"),
    "compliance": Text("Đánh giá", "Assessment"),
    "reasons": Text("Lý do", "Reasons"),
    "illustrative": Text("Có số liệu minh họa", "Has illustrative values"),
    "illustrative_fields": Text("Trường minh họa", "Illustrative fields"),
    "source": Text("Nguồn", "Source"),
    "code": Text("Mã đơn vị", "Unit code"),
    "unit_name": Text("Đơn vị", "Unit"),
    "sites": Text("Số KCN/CCN", "Sites"),
    "operating": Text("Đang hoạt động", "Operating"),
    "operating_kcn": Text("KCN đang hoạt động", "Operating KCN"),
    "operating_ccn": Text("CCN đang hoạt động", "Operating CCN"),
    "with_plant": Text("Có trạm XLNT đang vận hành", "With an operating plant"),
    "share_pct": Text("Tỷ lệ có trạm XLNT (%) – chỉ tiêu 7: 100 %", "Share with a plant (%) – target 7: 100 %"),
    "compliant_pct": Text("Tỷ lệ đạt (%)", "Compliant (%)"),
    "not_compliant": Text("Không đạt", "Not compliant"),
    "pending": Text("Chờ thời hạn", "Pending"),
    "no_data": Text("Chưa có dữ liệu", "No data"),
    "monitoring_missing": Text("Thiếu quan trắc tự động bắt buộc", "Required monitoring missing"),
    "design_capacity_sum": Text("Công suất trạm đang vận hành (m³/ngày)", "Capacity of operating plants (m³/day)"),
    "compliant": Text("Đạt", "Compliant"),
}
YES_NO = (Text("Có", "Yes"), Text("Không", "No"))
_LABELS: dict[str, dict[str, Text]] = {
    "kind": ww.KINDS, "status": ww.SITE_STATUS, "wwtp_status": ww.WWTP_STATUS, "monitoring": ww.MONITORING,
    "compliance": ww.COMPLIANCE,
}  # fmt: skip


def present(frame: pd.DataFrame, lang: Lang = "vi", *, units: bool = False) -> pd.DataFrame:
    """Labels instead of codes, reasons and headers in ``lang``. ``units``: ``frame`` is a per-unit table."""
    out = frame.copy()
    for column, labels in _LABELS.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, lb=labels: lb[v](lang) if v in lb else ("" if pd.isna(v) else v))
    if "reasons_vi" in out.columns:
        position = list(out.columns).index("reasons_vi")
        reasons = out[f"reasons_{lang}"]
        out = out.drop(columns=["reasons_vi", "reasons_en"])
        out.insert(position, "reasons", reasons)
    if "illustrative" in out.columns:
        out["illustrative"] = out["illustrative"].map(lambda v: YES_NO[0 if bool(v) else 1](lang))
    if units:
        out = out.rename(columns={"name": "unit_name", "design_capacity_m3d": "design_capacity_sum"})
    return out.rename(columns={c: HEADERS[c](lang) for c in out.columns if c in HEADERS})


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Vietnamese letters right; no text cell runs as a formula."""
    return safe_table(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "Danh sách", title: str | None = None) -> bytes:
    """An Excel workbook: an optional title row, bold frozen headers with a filter, sensible column widths; no text
    cell runs as a formula (:func:`geo.io.cells.safe_table`)."""
    frame = safe_table(frame)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet[:31]
    first = 1
    if title:
        ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
        first = 3
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for j, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=first, column=j, value=str(name))
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, record in enumerate(frame.itertuples(index=False), start=first + 1):
        for j, value in enumerate(record, start=1):
            ws.cell(row=i, column=j, value=None if _missing(value) else _plain(value))
    for j, name in enumerate(frame.columns, start=1):
        longest = max([len(str(name)) // 2, *(len(str(v)) for v in frame.iloc[:, j - 1] if not _missing(v))], default=8)
        ws.column_dimensions[get_column_letter(j)].width = max(8, min(60, longest + 2))
    ws.freeze_panes = f"A{first + 1}"
    ws.auto_filter.ref = f"A{first}:{get_column_letter(max(1, frame.shape[1]))}{first + len(frame)}"
    buffer = _io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _plain(value: object) -> Any:
    """numpy scalars as Python numbers (openpyxl writes only plain types)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value
