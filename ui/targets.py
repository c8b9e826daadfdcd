"""Page "Tiến độ mục tiêu": a card per target, a map of any target by unit and year (two years side by side),
presentation mode; exports and the data-entry template live in ui/targets_meetings.py."""

from __future__ import annotations

import html
from collections.abc import Hashable, Mapping
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import Text
from geo.progress.status import STATUSES, status_table
from geo.settings import get_settings
from layers import render
from layers.registry import UNIT_SET_TITLES
from layers.safe_text import markdown_text
from layers.targets_view import cards, format_value, target_text, unit_status
from ui import data, errors, targets_meetings
from ui.i18n import lang, tr
from ui.mapview import show_map

TITLE = Text("Tiến độ mục tiêu", "Progress toward targets")
S = {
    "intro": Text(
        "Tiến độ 15 mục tiêu đến 2030 của Kế hoạch hành động tăng trưởng xanh (QĐ 1026/QĐ-UBND), so với đường thẳng "
        "từ năm cơ sở đến mục tiêu 2030.",
        "Progress on the plan's 15 targets for 2030, judged against a straight path from the baseline to the target.",
    ),
    "illustrative": Text(
        "⚠️ {n} trong {total} số liệu là **minh họa** (tạo bằng chương trình, không phải số liệu chính thức); thẻ và "
        "bản đồ ghi rõ “minh họa”. Số liệu thật: độ che phủ rừng 2020 (toàn tỉnh và 4 huyện). Nhập số liệu chính "
        "thức bằng mẫu Excel ở thẻ “Nhập số liệu”.",
        "⚠️ {n} of {total} values are **illustrative** (generated, not official); cards and maps say so. Real values: "
        "forest cover 2020 (province and 4 districts). Enter official figures with the Excel template.",
    ),
    "year": Text("Năm số liệu", "Data year"),
    "present": Text("Chế độ trình chiếu", "Presentation mode"),
    "tab_cards": Text("Tổng quan", "Overview"),
    "tab_map": Text("Bản đồ", "Map"),
    "tab_meet": Text("Họp & báo cáo", "Meetings & briefs"),
    "tab_entry": Text("Nhập số liệu", "Data entry"),
    "goal": Text("Mục tiêu 2030", "2030 target"),
    "target": Text("Chỉ tiêu", "Indicator"),
    "unit_set": Text("Bộ đơn vị", "Unit set"),
    "compare": Text("So sánh hai năm", "Compare two years"),
    "year2": Text("Năm so sánh", "Comparison year"),
    "no_units": Text("Chỉ tiêu này chỉ có số liệu cấp tỉnh.", "This indicator has province-level data only."),
    "value": Text("Giá trị", "Value"),
    "status": Text("Tiến độ", "Progress"),
    "unit": Text("Đơn vị", "Unit"),
    "legend": Text("Tiến độ", "Progress"),
    "map_note": Text(
        "Có số liệu minh họa, không phải số liệu chính thức", "Includes illustrative, non-official values"
    ),
    "source_line": Text("Số liệu đến năm {year}. Nguồn: {source}", "Data up to {year}. Source: {source}"),
}
GROUPS = {
    "economy": Text("Xanh hóa các ngành kinh tế", "Greening the economy"),
    "lifestyle": Text("Xanh hóa lối sống, tiêu dùng bền vững", "Greening lifestyles"),
    "transition": Text("Chuyển đổi bình đẳng, bao trùm", "A fair, inclusive transition"),
}


def _card(card: Mapping[Hashable, Any]) -> None:
    tag = ' <span style="background:#fff3cd;color:#7a4b00;padding:0 4px;border-radius:3px">' + (
        "minh họa" if lang() == "vi" else "illustrative") + "</span>" if card["illustrative"] else ""  # fmt: skip
    st.markdown(
        f'<div data-testid="target-card" style="border-left:8px solid {card["colour"]};padding:6px 10px;'
        f'background:#fafafa;border-radius:4px;min-height:200px;margin-bottom:8px">'
        f'<div style="font-weight:600;font-size:0.9rem">{html.escape(str(card["heading"]))}</div>'
        f'<div style="font-size:1.5rem;margin:4px 0">{html.escape(str(card["value"]))} {card["trend"]}</div>'
        f'<div style="font-size:0.85rem">{tr(S["goal"])}: {html.escape(str(card["goal"]))}</div>'
        f'<div style="font-size:0.85rem;font-weight:600;color:{card["colour"]}">'
        f"{html.escape(str(card['status']).split(' · ')[0])}{tag}</div></div>",
        unsafe_allow_html=True,
    )


def _cards(register: pd.DataFrame, status: pd.DataFrame) -> None:
    table = cards(register, status, lang())
    for group, title in GROUPS.items():
        st.subheader(tr(title))
        rows = table[table["group"] == group].to_dict("records")
        for start in range(0, len(rows), 4):
            for col, card in zip(st.columns(4), rows[start : start + 4], strict=False):
                with col:
                    _card(card)


def _map_frame(register: pd.DataFrame, status: pd.DataFrame, target_id: str, unit_set: str) -> gpd.GeoDataFrame:
    row = register[register["id"] == target_id].to_dict("records")[0]
    joined = unit_status(data.units(unit_set), status, target_id, unit_set)
    joined["value_text"] = [format_value(v, str(row["unit"])) for v in joined["value"]]
    joined["status_text"] = [STATUSES[str(s)][0](lang()) for s in joined["status"]]
    return joined


def _folium_map(joined: gpd.GeoDataFrame, title: str, lines: list[str], present: bool, center, zoom) -> folium.Map:  # type: ignore[no-untyped-def]
    m = render.base_map(get_settings().tiles, location=center, zoom=zoom)
    render.coloured_units(joined, colour="colour", fields=["name_full", "value_text", "status_text"],
                          aliases=[tr(S["unit"]), tr(S["value"]), tr(S["status"])]).add_to(m)  # fmt: skip
    present_codes = [s for s in STATUSES if s in set(joined["status"])]
    render.Legend(tr(S["legend"]), [(STATUSES[s][0](lang()), STATUSES[s][1]) for s in present_codes]).add_to(m)
    labelled = joined.assign(label=[f"{n}\n{v}" for n, v in zip(joined["name"], joined["value_text"], strict=True)])
    render.text_labels(labelled, "label", size_px=15 if present else 11).add_to(m)
    if present:
        render.TitleBox(title, lines, font_px=26).add_to(m)
    return m


@st.fragment
def _map_panel(target_id: str, unit_set: str, year: int, present: bool, key: str, width_px: int) -> None:
    register = data.targets()
    status = status_table(register, data.indicator_values(), year=year)
    joined = _map_frame(register, status, target_id, unit_set)
    row = register[register["id"] == target_id].to_dict("records")[0]
    title = f"{target_id} · {target_text(row, lang())}"
    sources = "; ".join(sorted({str(s) for s in joined["source"].dropna()})) or "—"
    lines = [tr(S["source_line"], year=year, source=sources)]
    if bool(joined["illustrative"].fillna(False).any()):
        lines.append(tr(S["map_note"]))
    bounds = joined.total_bounds
    show_map(
        lambda c, z: _folium_map(joined, title, lines, present, c, z),
        key=key,
        view_id=f"{unit_set}:{present}",
        content_key=f"{target_id}:{year}:{lang()}:{present}",
        default_view=render.view_for_bounds(bounds, width_px=width_px, height_px=760 if present else 560),
        height=760 if present else 560,
    )
    st.caption(markdown_text(lines[0]))


def _map_tab(register: pd.DataFrame, values: pd.DataFrame, year: int, present: bool) -> None:
    with_units = sorted({t for t, s in zip(values["target_id"], values["unit_set"], strict=True) if s != "province"},
                        key=lambda t: register["id"].tolist().index(t))  # fmt: skip
    labels = {str(r["id"]): f"{r['id']} · {target_text(r, lang())}" for r in register.to_dict("records")}
    c1, c2, c3 = st.columns([3, 2, 2])
    target_id = c1.selectbox(tr(S["target"]), with_units, format_func=lambda t: labels[t], key="tgt_target")
    sets = sorted({s for t, s in zip(values["target_id"], values["unit_set"], strict=True)
                   if t == target_id and s != "province"})  # fmt: skip
    unit_set = c2.radio(tr(S["unit_set"]), sets, format_func=lambda s: UNIT_SET_TITLES[s](lang()), key="tgt_set")
    compare = c3.toggle(tr(S["compare"]), key="tgt_compare")
    if not compare:
        _map_panel(target_id, unit_set, year, present, "tgt_map", 1150)
        return
    years = sorted(values["year"].unique().tolist())
    year2 = c3.selectbox(tr(S["year2"]), [y for y in years if y != year], index=0, key="tgt_year2")
    left, right = st.columns(2)
    for col, (y, key) in zip((left, right), ((year2, "tgt_map_a"), (year, "tgt_map_b")), strict=True):
        with col:
            st.markdown(f"**{y}**")
            _map_panel(target_id, unit_set, int(y), present, key, 560)


def page() -> None:
    with errors.guard():
        register = data.targets()
        values, feed_problems = data.indicator_values_with_problems()
    for problem in feed_problems:
        st.error(errors.message(problem, limit=10))
    years = sorted(int(y) for y in values["year"].unique())
    top = st.columns([4, 2, 1.4])
    present = top[2].toggle(tr(S["present"]), key="tgt_present")
    year = top[1].select_slider(tr(S["year"]), options=years, value=years[-1], key="tgt_year")
    if present:
        st.markdown("<style>[data-testid=stSidebar],header{display:none}</style>", unsafe_allow_html=True)
        top[0].markdown(f"# {tr(TITLE)} — {year}")
    else:
        top[0].title(tr(TITLE))
        st.caption(tr(S["intro"]))
    status = status_table(register, values, year=year)
    if present:  # the map fills the screen; the illustrative notice goes on the map itself
        _map_tab(register, values, year, present)
        return
    st.info(tr(S["illustrative"], n=int(values["illustrative"].sum()), total=len(values)))
    tabs = st.tabs([tr(S["tab_cards"]), tr(S["tab_map"]), tr(S["tab_meet"]), tr(S["tab_entry"])])
    with tabs[0]:
        _cards(register, status)
    with tabs[1]:
        _map_tab(register, values, year, present)
    with tabs[2]:
        targets_meetings.exports(register, values, status, year)
    with tabs[3]:
        targets_meetings.data_entry(register, year)
