"""Tables of the data store as the "Dữ liệu" page shows them: the overview, a change set's differences (old → new,
one line per changed field) and the lines saying which version and freeze a download holds. No Streamlit here."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.errors import Lang, Text
from geo.store.seed import SEED_REASON, SEED_REASON_TEXT
from geo.text.format import short

CHANGE_WORDS = {
    "added": Text("thêm", "added"),
    "changed": Text("sửa", "changed"),
    "removed": Text("xóa", "removed"),
}
DIFF_COLUMNS = ["key", "change", "field", "old", "new"]
GEOMETRY = Text("(hình học)", "(geometry)")


def key_text(key: Mapping[str, object]) -> str:
    """``target_id=5a · unit_set=province`` — a row's key as one readable line."""
    return " · ".join(f"{k}={v}" for k, v in key.items())


def _cell(value: object, lang: Lang = "vi") -> str:
    """A stored value as text: a decimal number in ``lang``'s convention (38,5 / 38.5), anything else as stored."""
    if value is None:
        return "—"
    return short(value, lang) if isinstance(value, float) else str(value)


def diff_lines(changes: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One line per changed field of :func:`geo.store.history.changes` (``old`` → ``new``); an added or removed row
    is one line per column that has a value, on the side it has."""
    lines: list[dict[str, str]] = []
    for rec in changes.to_dict("records"):
        old: dict[str, object] = rec["old"] or {}
        new: dict[str, object] = rec["new"] or {}
        whole = new or old
        fields = list(rec["fields"]) if rec["change"] == "changed" else [f for f in whole if whole[f] is not None]
        for field in fields:
            lines.append(
                {
                    "key": key_text(rec["key"]),
                    "change": CHANGE_WORDS[str(rec["change"])](lang),
                    "field": str(field),
                    "old": GEOMETRY(lang) if field == "geometry" else _cell(old.get(field), lang) if old else "",
                    "new": GEOMETRY(lang) if field == "geometry" else _cell(new.get(field), lang) if new else "",
                }
            )
    return pd.DataFrame(lines, columns=DIFF_COLUMNS)


def share_text(share: object) -> str:
    """The illustrative share as a percentage ("—" for an empty dataset)."""
    if share is None or pd.isna(share):  # type: ignore[call-overload]
        return "—"
    return f"{float(share) * 100:.0f} %"  # type: ignore[arg-type]


def export_name(name: str, version: int, labels: list[str], ext: str) -> str:
    """``indicator_values_v3_giua-ky-2025.csv`` — a download's file name says its version and freeze."""
    tag = "".join(ch if ch.isalnum() else "-" for ch in labels[0].lower()).strip("-") if labels else ""
    return f"{name}_v{version}{'_' + tag if tag else ''}.{ext}"


def reason_text(reason: object, lang: Lang) -> str:
    """A change set's reason as shown: the seed's bilingual reason in ``lang``; a person's reason as they wrote it."""
    if reason is None or (isinstance(reason, float) and pd.isna(reason)):
        return ""
    return SEED_REASON_TEXT(lang) if reason == SEED_REASON else str(reason)


ROW_HISTORY_COLUMNS = {
    "from_version": Text("Từ phiên bản", "From version"),
    "to_version": Text("Đến phiên bản", "Until version"),
    "user_name": Text("Người thay đổi", "Changed by"),
    "created_at": Text("Thời điểm (UTC)", "When (UTC)"),
    "reason": Text("Lý do", "Reason"),
    "values": Text("Giá trị", "Values"),
}


def row_history_table(rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """:func:`geo.store.history.row_history` as shown: titled in ``lang``, "—" while a version is current, the
    values as one line of text, reasons in ``lang``."""
    shown = rows.assign(
        to_version=["—" if v is None or pd.isna(v) else str(int(v)) for v in rows["to_version"]],
        from_version=[str(int(v)) for v in rows["from_version"]],
        reason=[reason_text(r, lang) for r in rows["reason"]],
        values=[", ".join(f"{k}={_cell(v, lang)}" for k, v in dict(d).items()) for d in rows["values"]],
    )
    return shown[list(ROW_HISTORY_COLUMNS)].rename(columns={c: t(lang) for c, t in ROW_HISTORY_COLUMNS.items()})
