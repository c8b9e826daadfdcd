"""Vietnamese first, English second: the interface's strings and the current language (switch: ui/choice.py)."""

from __future__ import annotations

import streamlit as st

from geo.errors import Lang, Text

STRINGS: dict[str, Text] = {
    "app_title": Text("Bản đồ tăng trưởng xanh Bắc Giang", "Bắc Giang green-growth map"),
    "app_subtitle": Text(
        "Kế hoạch hành động tăng trưởng xanh 2021–2030 (QĐ 1026/QĐ-UBND) — "
        "khu vực Bắc Giang cũ, nay thuộc tỉnh Bắc Ninh",
        "Green-growth action plan 2021–2030 (Decision 1026/QĐ-UBND) — former Bắc Giang, now part of Bắc Ninh",
    ),
    "language": Text("Ngôn ngữ / Language", "Language / Ngôn ngữ"),
    "page_home": Text("Bản đồ tỉnh", "Province map"),
    "unit_set": Text("Bộ đơn vị hành chính", "Administrative unit set"),
    "search": Text("Tìm đơn vị (gõ không dấu cũng được)", "Find a unit (diacritics optional)"),
    "search_help": Text('Ví dụ: "luc ngan" tìm thấy Lục Ngạn', 'For example "luc ngan" finds Lục Ngạn'),
    "unit": Text("Đơn vị", "Unit"),
    "whole_province": Text("— Toàn tỉnh —", "— Whole province —"),
    "no_match": Text("Không có đơn vị nào khớp với “{q}”.", "No unit matches “{q}”."),
    "code": Text("Mã", "Code"),
    "published": Text("công bố", "published"),
    "type": Text("Loại", "Type"),
    "area": Text("Diện tích", "Area"),
    "overlaps": Text("Chồng lấn với bộ đơn vị kia", "Overlaps with the other unit set"),
    "share_of_this": Text("% diện tích đơn vị này", "% of this unit"),
    "share_of_that": Text("% diện tích đơn vị kia", "% of that unit"),
    "merged_from": Text("Hình thành từ (trước 1/7/2025)", "Formed from (before 1 July 2025)"),
    "units_count": Text("{n} đơn vị", "{n} units"),
    "sources": Text("Nguồn dữ liệu", "Data sources"),
    "area_note": Text(
        "Diện tích đo trong hệ VN-2000 / TM-3 107°00′ (EPSG:9214).",
        "Areas measured in VN-2000 / TM-3 107°00′ (EPSG:9214).",
    ),
    "no_other_set": Text(
        "Không có đơn vị chồng lấn (ngoài Bắc Giang cũ).", "No overlapping unit (outside former Bắc Giang)."
    ),
    "tiles_none": Text("Không dùng bản đồ nền (chế độ không có mạng).", "No base map (offline mode)."),
}


def lang() -> Lang:
    value = st.session_state.get("lang", "vi")
    return "en" if value == "en" else "vi"


def tr(text: Text, **kwargs: object) -> str:
    """A page's own :class:`Text` in the current language (pages keep their strings beside their code)."""
    value = text(lang())
    return value.format(**kwargs) if kwargs else value


def t(key: str, **kwargs: object) -> str:
    text = STRINGS[key](lang())
    return text.format(**kwargs) if kwargs else text
