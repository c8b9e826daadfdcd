"""Page "Độ che phủ rừng": plan target 5 — forest cover by district or commune, the gap to 37 %, the official
statistic beside the raster estimate, the class raster as an overlay, and the table to download."""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.datasets.forest import FOREST_OFFICIAL, INDICATORS
from geo.errors import Lang
from geo.forest.cover import TARGET_PCT, ForestRaster, totals
from geo.settings import get_settings
from geo.text.format import percent, quantity
from layers import forest_map, map_sheets, render
from layers.boundaries import full_name
from layers.safe_text import markdown_text as md
from ui import choice, data, errors, unit_sets
from ui import forest_data as fd
from ui import forest_text as T
from ui.about import about_data, original
from ui.i18n import lang, tr
from ui.mapview import png_downloads, show_map
from ui.tables import numbers_as_text

UNIT_SETS = ("districts_2019", "communes_2025")
NAMED_UNITS = 20  # an imported set with at most this many units is labelled with names, like the districts
OPACITY_STEPS = tuple(range(10, 101, 10))  # the raster's opacity, per cent
MAP_KEY, MAP_HEIGHT = "forest_map", 620


def _estimate_label(raster: ForestRaster) -> str:
    label = tr(T.M_RASTER, year=raster.year)
    return f"{label} {tr(T.M_ILLUSTRATIVE)}" if raster.illustrative else label


def _content(unit_set: str) -> str:
    """Everything the unit table of ``unit_set`` comes from (:func:`ui.forest_data.table`'s cache key), as text."""
    raster = fd.config()
    return "|".join(
        (unit_set, fd.raster_stamp(raster), data.data_stamp(), data.store_stamp("units"),
         data.store_stamp("forest_official"))
    )  # fmt: skip


def _map_frame(unit_set: str, table: pd.DataFrame, raster: ForestRaster, year: int) -> gpd.GeoDataFrame:
    """Display geometries joined to the table, with the tooltip texts (made once per content and language)."""
    named = unit_set == "districts_2019" or (unit_sets.is_imported(unit_set) and len(table) <= NAMED_UNITS)
    return _joined(unit_set, lang(), named, _content(unit_set), table)


@st.cache_data(show_spinner=False, max_entries=16)
def _joined(unit_set: str, language: Lang, named: bool, content: str, _table: pd.DataFrame) -> gpd.GeoDataFrame:
    units = data.units(unit_set)[["code", "geometry"]]
    frame = units.merge(_table, on="code", how="left")
    frame["raster_text"] = [percent(v, language) for v in frame["forest_pct"]]
    frame["official_text"] = [percent(v, language) if pd.notna(v) else T.NOT_PUBLISHED(language)
                              for v in frame["official_pct"]]  # fmt: skip
    frame["gap_text"] = [quantity(v, "points", language) for v in frame["gap_pp"]]
    frame["official_gap_text"] = [quantity(v, "points", language) for v in frame["official_gap_pp"]]
    frame["forest_text"] = [quantity(v, "area_ha", language) for v in frame["forest_ha"]]
    frame["nodata_text"] = [percent(v, language) for v in frame["nodata_pct"]]
    value = frame["raster_text"]
    frame["label"] = [f"{n}\n{v}" for n, v in zip(frame["name"], value, strict=True)] if named else value
    return frame


def _build(frame: gpd.GeoDataFrame, raster: ForestRaster, year: int, overlay: bool, opacity: float,
           unit_set: str, tiles: str) -> folium.Map:  # fmt: skip
    m = render.base_map(tiles)
    fields = ["name", "raster_text", "official_text", "gap_text", "official_gap_text", "forest_text", "nodata_text"]
    estimate = tr(T.F_RASTER, year=raster.year) + (f" {tr(T.M_ILLUSTRATIVE)}" if raster.illustrative else "")
    aliases = [tr(T.F_UNIT), estimate, tr(T.F_OFFICIAL, year=year), tr(T.F_GAP, target=TARGET_PCT),
               tr(T.F_OFFICIAL_GAP), tr(T.F_FOREST), tr(T.F_NODATA)]  # fmt: skip
    forest_map.choropleth(frame, fields=fields, aliases=aliases, fill_opacity=0.3 if overlay else 0.75).add_to(m)
    if overlay:
        forest_map.overlay(fd.display_image(), raster, opacity=opacity, name=tr(T.RASTER_LEGEND)).add_to(m)
    render.text_labels(frame, "label", size_px=12 if unit_set == "districts_2019" else 9).add_to(m)
    legend_title = tr(T.LEGEND) + (f" {tr(T.M_ILLUSTRATIVE)}" if raster.illustrative else "")
    no_value = tr(T.NO_VALUE) if frame["forest_pct"].isna().any() else None
    forest_map.CoverLegend(legend_title, tr(T.TARGET_LINE, target=TARGET_PCT), no_value=no_value).add_to(m)
    if overlay:
        items = forest_map.raster_legend_items(raster, lang())
        forest_map.raster_legend(f"{tr(T.RASTER_LEGEND)} {tr(T.M_ILLUSTRATIVE) if raster.illustrative else ''}",
                                 items).add_to(m)  # fmt: skip
    return m


@st.fragment
def _map_panel(unit_set: str) -> None:
    """Map and its display controls: changing them reruns only this part, and the map keeps its view."""
    raster, table = fd.config(), fd.table(unit_set)
    year = fd.official_year(fd.official())
    c1, c2 = st.columns([1, 2])
    overlay = c1.toggle(tr(T.OVERLAY), value=True, key="forest_overlay")
    opacity = choice.pick(c2.select_slider, tr(T.OPACITY), OPACITY_STEPS, key="forest_opacity", default=70,
                          format_func=lambda v: percent(v, lang(), decimals=0), disabled=not overlay) / 100  # fmt: skip
    frame = _map_frame(unit_set, table, raster, year)
    tiles = get_settings().tiles
    show_map(
        lambda: _build(frame, raster, year, overlay, float(opacity), unit_set, tiles),
        key=MAP_KEY,
        view_id="province",
        content_key=f"{_content(unit_set)}|{overlay}|{opacity}|{lang()}|{tiles}|{year}",
        default_view=render.view_for_bounds(frame.total_bounds, width_px=1100, height_px=MAP_HEIGHT),
        height=MAP_HEIGHT,
    )
    language = lang()
    title, subtitle = tr(T.TITLE), f"{unit_sets.title(unit_set, markdown=False)} — {_estimate_label(raster)}"
    legend_title = tr(T.LEGEND) + (f" {tr(T.M_ILLUSTRATIVE)}" if raster.illustrative else "")
    png_downloads(
        lambda: map_sheets.forest_sheet(frame, language, title=title, subtitle=subtitle, legend_title=legend_title,
                                        date=str(raster.year), source=raster.source),
        f"do_che_phu_rung_{unit_set}",
        key="forest_png",
    )  # fmt: skip


def _metrics(raster: ForestRaster) -> None:
    districts = fd.table("districts_2019")
    published = fd.official()
    year = fd.official_year(published)
    province = published[(published["unit_set"] == "province") & (published["indicator"] == "cover_pct")
                         & (published["kind"] == "status") & (published["year"] == year)]["value"]  # fmt: skip
    estimate = totals(districts)["forest_pct"]
    language = lang()
    c1, c2, c3 = st.columns(3)
    if len(province):
        official = float(province.iloc[0])
        c1.metric(tr(T.M_OFFICIAL).replace("2020", str(year)), percent(official, language),
                  f"{quantity(official - TARGET_PCT, 'points', language)} {tr(T.M_GAP)}")  # fmt: skip
    c2.metric(_estimate_label(raster), percent(estimate, language),
              f"{quantity(estimate - TARGET_PCT, 'points', language)} {tr(T.M_GAP)}")  # fmt: skip
    c3.metric(tr(T.M_TARGET), percent(TARGET_PCT, language, decimals=0))


def _table(unit_set: str, table: pd.DataFrame, raster: ForestRaster) -> None:
    st.subheader(f"{tr(T.TABLE)} — {unit_sets.title(unit_set)}")
    st.caption(tr(T.TABLE_HELP))
    if unit_set == "communes_2025":
        st.caption(tr(T.COMMUNES_NOTE))
    language = lang()
    people, shown, config = _people(lang(), _content(unit_set), table, raster)
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch", key="forest_table")
    note = fd.export_note(raster, language)
    left, right = st.columns(2)
    title = tr(T.XLSX_TITLE)  # files are made when a button is clicked, not on every run
    left.download_button(tr(T.DOWNLOAD_CSV), lambda: fd.csv_bytes(people, language, note),
                         file_name=f"do_che_phu_rung_{unit_set}.csv", mime="text/csv", key="forest_csv",
                         icon=":material/download:", on_click="ignore")  # fmt: skip
    right.download_button(
        tr(T.DOWNLOAD_XLSX), lambda: fd.xlsx_bytes(people, title, language, note),
        file_name=f"do_che_phu_rung_{unit_set}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="forest_xlsx",
        icon=":material/download:", on_click="ignore",
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=16)
def _people(
    language: Lang, content: str, _table: pd.DataFrame, _raster: ForestRaster
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """The table as people read it, and as shown (numbers written in ``language``): once per content and language."""
    people = fd.people_table(_table, _raster, language)
    return (people, *numbers_as_text(people, fd.number_formats(language), language))


def _official_panel(raster: ForestRaster) -> None:
    published = fd.official()
    language = lang()
    with st.expander(tr(T.OFFICIAL_TITLE)):
        named = published.assign(
            unit_name=[full_name(n, language) for n in published["unit_name"]],
            indicator=[INDICATORS[i](language) if i in INDICATORS else i for i in published["indicator"]],
            kind=[T.KINDS[k](language) if k in T.KINDS else k for k in published["kind"]],
        )
        marked = f" {tr(T.IN_VIETNAMESE)}" if language == "en" else ""
        titles = {c.name: c.title(language) + (marked if c.name in ("source", "note") else "")
                  for c in FOREST_OFFICIAL.columns}  # fmt: skip
        shown, config = numbers_as_text(named, {"value": "area_ha", "year": "year"})
        shown = shown.rename(columns=titles)
        config = {titles.get(k, k): v for k, v in config.items()}
        st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
    plan = published[(published["indicator"] == "certified_ha") & (published["kind"] == "plan")]
    if len(plan):
        row = plan.iloc[-1]
        plan_ha = quantity(row["value"], "area_ha", language, decimals=0)
        target_ha = quantity(17_000, "area_ha", language, decimals=0)
        st.info(tr(T.CERTIFIED, target=target_ha, plan=plan_ha, source=md(original(str(row["source"])))))
    status = published[(published["indicator"] == "cover_pct") & (published["kind"] == "status")]
    about_data(
        tr(T.SOURCE_OFFICIAL, source=md(original("; ".join(sorted(set(status["source"])))))),
        tr(T.SOURCE_RASTER, source=md(original(raster.source))),
        tr(T.ABOUT_RASTER) if raster.illustrative else "",
    )


def page() -> None:
    st.title(tr(T.TITLE))
    st.caption(tr(T.INTRO))
    with errors.guard():
        raster = fd.config()
    if raster.illustrative:
        st.warning(tr(T.ILLUSTRATIVE))
    else:
        st.info(tr(T.REAL_RASTER, title=md(raster.title(lang()))))
    unit_set = unit_sets.pick(st.radio, tr(T.UNIT_SET), key="forest_unit_set", built=UNIT_SETS, default=UNIT_SETS[0],
                              horizontal=True)  # fmt: skip
    with errors.guard(), st.spinner(tr(T.COMPUTING)):
        table = fd.table(unit_set)
        _metrics(raster)
    _map_panel(unit_set)
    _table(unit_set, table, raster)
    _official_panel(raster)
