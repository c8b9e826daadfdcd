"""Home page: the province map by unit set, unit search (diacritics optional), zoom and highlight, unit details."""

from __future__ import annotations

import contextlib
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from shapely.geometry import Point

from geo.boundaries.names import search_key, search_units, strip_diacritics
from geo.boundaries.units import other_set, overlaps
from geo.errors import Text
from geo.settings import get_settings
from geo.text.format import quantity
from layers import map_sheets, render
from layers import tiles as vector_tiles
from layers.boundaries import display_name, unit_type
from layers.safe_text import markdown_text as md
from ui import choice, choices, data, errors, unit_sets
from ui.about import about_data
from ui.i18n import lang, t, tr
from ui.mapview import png_downloads, show_map
from ui.tables import numbers_as_text

ABOUT = Text(
    "Ranh giới được tải từ các tệp nguồn ghim trong `data/boundaries/sources.toml` (kiểm tra sha256) và dựng bằng "
    "`python -m geo data build`; `python -m geo data check` kiểm tra số đơn vị và tổng diện tích. Diện tích đo trong "
    "VN-2000 / TM-3 107°00′ (EPSG:9214); diện tích công bố của xã/phường 2025 lấy từ nguồn.",
    "Boundaries come from the source files pinned in `data/boundaries/sources.toml` (sha256-checked) and are built by "
    "`python -m geo data build`; `python -m geo data check` checks unit counts and total areas. Areas are measured in "
    "VN-2000 / TM-3 107°00′ (EPSG:9214); published areas of 2025 communes come from the source.",
)
STORE_VERSION = Text("kho dữ liệu, phiên bản {version}", "data store, version {version}")
MAP_KEY = "home_map"  # one map widget per unit set
TILING = Text(
    "Đang dựng ô bản đồ cho bộ đơn vị lớn (chỉ lần đầu, khoảng nửa phút)…",
    "Building map tiles for a large unit set (first time only, about half a minute)…",
)


def _option_label(row: Any) -> str:
    name_full = str(row.name_full)
    ascii_name = strip_diacritics(name_full)
    return name_full if ascii_name == name_full else f"{name_full} ({ascii_name})"


def _base_map(unit_set: str, language: str, tiles: str) -> folium.Map:
    spec = data.unit_layer(unit_set)
    frame = data.units(unit_set)
    m = render.base_map(tiles)
    render.units_layer(frame, spec, lang="en" if language == "en" else "vi").add_to(m)
    render.labels_layer(frame, spec).add_to(m)
    return m


@st.fragment
def _map(unit_set: str, code: str, tiles: str) -> None:
    """The map alone reruns when the user pans or zooms; the view is kept until another unit is chosen."""
    spec = data.unit_layer(unit_set)
    frame = data.units(unit_set)
    selected = frame[frame["code"] == code]
    bounds = selected.total_bounds if code else frame.total_bounds
    language = lang()
    content = f"{unit_set}:{language}:{tiles}:{data.data_stamp()}:{data.store_stamp('units')}"
    # a large set is drawn from vector tiles, built once per content: say so while the first build runs
    with st.spinner(tr(TILING)) if vector_tiles.is_large(frame) else contextlib.nullcontext():
        result = show_map(
            lambda: _base_map(unit_set, language, tiles),
            key=f"{MAP_KEY}_{unit_set}",
            view_id=f"{unit_set}:{code}",
            content_key=content,
            default_view=render.view_for_bounds(bounds, width_px=720, height_px=600),
            feature_group=(lambda: render.highlight_layer(selected, spec)) if code else None,
            feature_key=f"{content}|{code}",
            returned=("last_object_clicked",),
        )
    click = result.get("last_object_clicked") or (st.session_state.get(f"{MAP_KEY}_{unit_set}") or {}).get(
        "last_object_clicked"
    )
    picked = _clicked_unit(click, frame, f"{MAP_KEY}_{unit_set}")
    if picked is not None and picked != code:
        choice.choose("unit_code", picked)
        st.session_state["unit_query_clear"] = True  # the clicked unit may not be among the search's matches
        st.rerun(scope="app")


def _clicked_unit(click: object, frame: gpd.GeoDataFrame, map_key: str) -> str | None:
    """The code of the unit under a new click on the map (None for no click, the same click again, or outside)."""
    if not isinstance(click, dict) or st.session_state.get(f"{map_key}__click") == click:
        return None
    st.session_state[f"{map_key}__click"] = click
    point = Point(float(click["lng"]), float(click["lat"]))
    hits = frame[frame.geometry.contains(point)]
    return str(hits["code"].iloc[0]) if len(hits) else None


def page() -> None:
    st.title(t("app_title"))
    st.caption(t("app_subtitle"))
    settings = get_settings()
    with errors.guard():
        unit_set = unit_sets.pick(st.radio, t("unit_set"), key="unit_set", default="districts_2019", horizontal=True)
        spec = data.unit_layer(unit_set)
        frame = data.units(unit_set)
        full = data.units(unit_set, display=False)

    left, right = st.columns([2.6, 1.4])
    with right:
        if st.session_state.pop("unit_query_clear", False):
            st.session_state["unit_query"] = ""
            st.session_state["unit_query_last"] = (unit_set, "")
        query = st.text_input(t("search"), key="unit_query", help=t("search_help"))
        pairs = [(str(r.code), _option_label(r)) for r in frame.itertuples()]
        codes = search_units(query, pairs) if search_key(query) else [c for c, _ in sorted(pairs, key=lambda p: p[1])]
        if query and not codes:
            st.warning(t("no_match", q=md(query)))
        labels = dict(pairs)
        # a new search, or the same search in another unit set, selects its best match
        searched = (unit_set, query)
        last = st.session_state.get("unit_query_last")
        if last != searched and (query or (last and last[1])):
            choice.choose("unit_code", codes[0] if query and codes else "")
        st.session_state["unit_query_last"] = searched
        code = choice.pick(
            st.selectbox,
            t("unit"),
            ["", *codes],
            key="unit_code",
            default="",
            param=choices.UNIT,
            format_func=lambda c: labels.get(c, t("whole_province")),
        )

    with left:
        _map(unit_set, code, settings.tiles)
        st.caption(f"{t('sources')}: {spec.attribution(lang())}. {t('area_note')}")
        language = lang()
        set_title, source = unit_sets.title(unit_set, markdown=False), spec.attribution(language)
        title = t("app_title")
        date = "2019" if unit_set.endswith("2019") else "01/07/2025"
        if unit_sets.is_imported(unit_set):
            date = tr(STORE_VERSION, version=data.store_version("units"))
        png_downloads(
            lambda: map_sheets.units_sheet(frame, code, language, title=title, set_title=set_title,
                                           date=date, source=source),
            f"ban_do_{unit_set}{'_' + code if code else ''}",
            key="home_png",
        )  # fmt: skip
        if settings.tiles == "none":
            st.caption(t("tiles_none"))

    with right:
        st.metric(t("units_count", n=len(frame)), quantity(full["area_km2"].sum(), "area_km2", lang()))
        if code:
            _unit_details(unit_set, full[full["code"] == code].iloc[0])
    about_data(tr(ABOUT))


def _unit_details(unit_set: str, row: Any) -> None:
    language = lang()
    st.subheader(md(display_name(row["name"], row.name_full, row.unit_type, language)))  # row.name: the index
    official = getattr(row, "area_km2_official", None)
    published = (
        f" ({t('published')}: {quantity(official, 'area_km2', language, decimals=2)})"
        if official is not None and pd.notna(official)
        else ""
    )
    st.markdown(
        f"**{t('code')}:** {md(row.code)}  \n**{t('type')}:** {md(unit_type(row.unit_type, language))}  \n"
        f"**{t('area')}:** {quantity(row.area_km2, 'area_km2', language, decimals=2)}{published}"
    )
    merged = str(getattr(row, "merged_from", "") or "")
    if merged:
        st.markdown(f"**{t('merged_from')}:** {md(merged)}")
    if unit_sets.is_imported(unit_set):  # the crosswalk relates the built sets only
        return
    other = other_set(unit_set)
    table = overlaps(str(row.code), unit_set, data.crosswalk())
    st.markdown(f"**{t('overlaps')}** — {unit_sets.title(other)}")
    if table.empty:
        st.caption(t("no_other_set"))
        return
    names = {str(r.code): display_name(r.name, r.name_full, r.unit_type, language)
             for r in data.units(other).itertuples()}  # fmt: skip
    show = pd.DataFrame(
        {
            t("unit"): table["other_code"].map(names),
            "km²": table["overlap_km2"],
            t("share_of_this"): table["share_of_this"] * 100,
            t("share_of_that"): table["share_of_other"] * 100,
        }
    )
    shown, config = numbers_as_text(show, {"km²": "area_km2", t("share_of_this"): "percent",
                                           t("share_of_that"): "percent"})  # fmt: skip
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
