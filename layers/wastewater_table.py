"""The wastewater tables as people read them: labels instead of codes, headers and reasons in Vietnamese or
English, and the CSV and Excel bytes the page offers for download (:mod:`geo.text.sheets`: the language's CSV
convention, numbers numeric in Excel with their quantity's format, an illustrative note when a row is).

The machine tables (:func:`geo.wastewater.report.lacking_records`, :func:`geo.wastewater.rules.unit_summary`) keep
stable column names and codes for scripts; :func:`present` turns either into what a person reads.
"""

from __future__ import annotations

import pandas as pd

from geo.errors import Lang, Text
from geo.text import sheets
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
QUANTITY_OF = {
    "rank": "count", "design_capacity_m3d": "flow_m3d", "actual_flow_m3d": "flow_m3d", "gap_m3d": "flow_m3d",
    "design_capacity_sum": "flow_m3d", "share_pct": "percent", "compliant_pct": "percent", "sites": "count",
    "operating": "count", "operating_kcn": "count", "operating_ccn": "count", "with_plant": "count",
    "compliant": "count", "not_compliant": "count", "pending": "count", "no_data": "count",
    "monitoring_missing": "count",
}  # fmt: skip
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


def number_formats(lang: Lang) -> dict[str, str]:
    """Header (as :func:`present` writes it in ``lang``) → quantity kind, for number formats in files and on screen."""
    return {HEADERS[c](lang): kind for c, kind in QUANTITY_OF.items()}


def illustrative_note(frame: pd.DataFrame, lang: Lang) -> str | None:
    """The note of a presented table that holds illustrative figures (``None`` when none is)."""
    column = HEADERS["illustrative"](lang)
    if column in frame.columns and (frame[column] == YES_NO[0](lang)).any():
        return sheets.illustrative_note(lang, column)
    return None


def csv_bytes(frame: pd.DataFrame, lang: Lang = "vi", *, note: str | None = None) -> bytes:
    """A presented table as CSV in ``lang``'s convention (:func:`geo.text.sheets.csv_bytes`)."""
    return sheets.csv_bytes(frame, lang, note=note, formats=number_formats(lang))


def xlsx_bytes(
    frame: pd.DataFrame, *, sheet: str = "Danh sách", title: str | None = None, lang: Lang = "vi",
    note: str | None = None,
) -> bytes:  # fmt: skip
    """A presented table as an Excel workbook: title and note rows, frozen headers with a filter, numeric cells
    with the number format of their quantity, the note again on its own sheet."""
    return sheets.xlsx_bytes(frame, sheet=sheet, title=title, note=note, lang=lang, formats=number_formats(lang))
