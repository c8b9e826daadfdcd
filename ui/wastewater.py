"""Page "Nước thải KCN/CCN": plan target 7 — which KCN/CCN lack wastewater treatment, where, and how far each unit is.

Summary figures for the province; a map of the sites coloured by compliance over a choropleth of the share per unit;
the list of sites lacking treatment, worst first, downloadable. The map and the list share one fragment, so choosing
a row rings the site on the map and clicking a site chooses its row, without rerunning the page or moving the map.
"""

from __future__ import annotations

import datetime as dt

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.boundaries import sets
from geo.errors import Lang
from geo.settings import get_settings
from geo.text.format import percent, quantity
from geo.wastewater import register as kcn_ccn
from geo.wastewater import report
from geo.wastewater import rules as ww
from layers import kcn_ccn_map as sitemap
from layers import map_sheets, render, wastewater_table
from layers.safe_text import markdown_text as md
from ui import choice, choices, data, errors, unit_sets
from ui import wastewater_text as T
from ui.about import about_data
from ui.i18n import lang, tr
from ui.mapview import digest, png_downloads, show_map
from ui.tables import numbers_as_text
from ui.wastewater_list import MAP_KEY, TABLE_KEY, list_order, sync_selection

UNIT_SETS = tuple(ww.UNIT_COLUMNS)
IMPORTED_COLUMN = "imported_unit"  # an imported set's unit of each site, found by point in polygon
SHOWN = (  # the assessment and its reasons come right after the name, so they show without scrolling sideways
    "rank",
    "id",
    "name",
    "compliance",
    "reasons_vi",
    "reasons_en",
    "kind",
    "district_name",
    "commune_name",
    "status",
    "wwtp_status",
    "design_capacity_m3d",
    "actual_flow_m3d",
    "monitoring",
    "illustrative",
)


@st.cache_data(show_spinner=False, max_entries=4)
def _register(register_stamp: str, stamp: str) -> gpd.GeoDataFrame:
    return ww.assess(data.kcn_ccn_register())


def register() -> gpd.GeoDataFrame:
    """The register (from the store), assessed; cached until its version or the built boundaries change."""
    return _register(data.kcn_ccn_stamp(), data.data_stamp())


@st.cache_data(show_spinner=False, max_entries=4)
def _names(unit_set: str, stamp: str) -> dict[str, str]:
    return kcn_ccn.unit_names(unit_set)


def _content(unit_set: str) -> str:
    """What the sites and units of ``unit_set`` come from: the register, the built boundaries, the store's units."""
    return f"{data.kcn_ccn_stamp()}|{data.data_stamp()}|{data.store_stamp('units')}|{unit_set}"


@st.cache_data(show_spinner=False, max_entries=32)
def _unit_summary(content: str, kinds: tuple[str, ...], _chosen: gpd.GeoDataFrame, _names: dict[str, str],
                  unit_set: str, column: str) -> pd.DataFrame:  # fmt: skip
    """Per unit figures of the sites of ``kinds``: once per content and kinds, for everyone."""
    return ww.unit_summary(_chosen, _names, unit_set, column)


@st.cache_data(show_spinner=False, max_entries=64)
def _table(key: str, language: Lang, units: bool, _frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, dict]:  # type: ignore[type-arg]
    """A table as people read it (:func:`layers.wastewater_table.present`) and as shown, once per ``key`` (naming the
    frame's content) and language."""
    full = wastewater_table.present(_frame, language, units=units)
    return (full, *numbers_as_text(full, wastewater_table.number_formats(language), language))


def page() -> None:
    st.title(tr(T.PAGE_TITLE))
    st.caption(tr(T.CAPTION))
    with errors.guard():
        sites = register()
        names = {col: _names(s, data.data_stamp()) for s, col in ww.UNIT_COLUMNS.items()}
    flagged = int(sites["illustrative"].sum())
    made_up = int(sites["illustrative_fields"].map(lambda v: "name" in kcn_ccn.illustrative_fields(v)).sum())
    st.warning(tr(T.NOTICE, flagged=flagged, total=len(sites), made_up=made_up), icon=":material/warning:")
    summary_box = st.container()  # filled once the filters below are known: the figures follow them

    top = st.columns([1.3, 1.5, 1.2])
    unit_set = unit_sets.pick(top[0].radio, tr(T.UNIT_SET), key="ww_unit_set", built=UNIT_SETS, default=UNIT_SETS[0])
    sites, column, unit_names = _by_unit(sites, unit_set, names)
    options = ("", *sorted(unit_names, key=lambda c: unit_names[c]))
    unit = choice.pick(
        top[1].selectbox,
        tr(T.UNIT),
        options,
        key="ww_unit",
        default="",
        param=choices.UNIT,
        format_func=lambda c: unit_names.get(c, tr(T.WHOLE)),
    )
    measure = choice.pick(
        top[2].radio,
        tr(T.MEASURE),
        tuple(sitemap.MEASURES),
        key="ww_measure",
        default="share_pct",
        param="measure",
        format_func=lambda m: sitemap.MEASURES[m](lang()),
    )
    row2 = st.columns([1.4, 2])
    kinds = choice.pick(
        row2[0].multiselect,
        tr(T.KIND),
        tuple(ww.KINDS),
        key="ww_kinds",
        default=list(ww.KINDS),
        param="kinds",
        format_func=lambda k: f"{k} – {ww.KINDS[k](lang())}",
    )
    statuses = choice.pick(
        row2[1].multiselect,
        tr(T.STATUS),
        tuple(ww.COMPLIANCE),
        key="ww_statuses",
        default=list(ww.COMPLIANCE),
        param="statuses",
        format_func=lambda s: ww.COMPLIANCE[s](lang()),
    )

    if st.session_state.get("ww_area") != (unit_set, unit):  # another unit: the map goes there, not to a site
        st.session_state["ww_area"] = (unit_set, unit)
        st.session_state["ww_view_site"] = None
    chosen = sites[sites["kind"].isin(kinds)]
    summary = _unit_summary(_content(unit_set), tuple(kinds), chosen, unit_names, unit_set, column)
    shown = chosen[chosen["compliance"].isin(statuses)]
    if unit:
        shown = shown[shown[column].astype(str) == unit]
    with summary_box:
        _summary(ww.totals(shown), filtered=len(shown) < len(sites))
        if len(shown) < len(sites):
            st.caption(tr(T.SUMMARY_FILTERED, n=len(shown), total=len(sites)))
    with errors.guard():
        units = data.units(unit_set)
    _map_and_list(shown, units, summary, measure, unit_set, unit, names, get_settings().tiles)
    if column == IMPORTED_COLUMN:
        outside = int(sites[column].isna().sum())
        st.info(tr(T.IMPORTED_UNITS, name=md(unit_set), outside=outside, total=len(sites)), icon=":material/info:")
    st.caption(tr(T.SOURCES))
    _unit_table(summary, unit_set)
    about_data(tr(T.ABOUT))


def _by_unit(
    sites: gpd.GeoDataFrame, unit_set: str, names: dict[str, dict[str, str]]
) -> tuple[gpd.GeoDataFrame, str, dict[str, str]]:
    """The sites, the column holding each site's unit code for ``unit_set``, and {code: name} of its units. An
    imported set has no register column: each site gets the unit it lies in (point in polygon)."""
    if unit_set in ww.UNIT_COLUMNS:
        column = ww.UNIT_COLUMNS[unit_set]
        return sites, column, names[column]
    with errors.guard():
        units = data.units(unit_set, display=False)
    located = sites.assign(**{IMPORTED_COLUMN: sets.unit_of_points(sites, units)})
    return located, IMPORTED_COLUMN, dict(zip(units["code"].astype(str), units["name"].astype(str), strict=True))


def _summary(tot: ww.Totals, *, filtered: bool) -> None:
    cols = st.columns(4)
    share = tot.share_pct or 0.0
    cols[0].metric(
        tr(T.TARGET7_FILTERED if filtered else T.TARGET7),
        percent(tot.share_pct, lang()),
        help=tr(T.TARGET7_HELP),
    )
    cols[0].progress(
        min(1.0, share / 100), text=tr(T.TARGET7_DETAIL, with_plant=tot.with_plant, operating=tot.operating)
    )
    cols[1].metric(tr(T.NOT_COMPLIANT), f"{tot.not_compliant}/{tot.operating}", help=tr(T.NOT_COMPLIANT_HELP))
    cols[2].metric(tr(T.GAP), quantity(tot.gap_m3d, "flow_m3d", lang()), help=tr(T.GAP_HELP))
    cols[3].metric(tr(T.PENDING), f"{tot.pending} / {tot.no_data}")


@st.fragment
def _map_and_list(
    shown: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame,
    summary: pd.DataFrame,
    measure: str,
    unit_set: str,
    unit: str,
    names: dict[str, dict[str, str]],
    tiles: str,
) -> None:
    language = lang()
    records = report.lacking_records(shown, districts=names["district_2019"], communes=names["commune_2025"])
    site = sync_selection(st.session_state.get("ww_ids_shown", records["id"].tolist()))
    records = list_order(records, site)

    def build() -> folium.Map:
        m = render.base_map(tiles)
        sitemap.share_layer(units, summary, measure=measure, lang=language).add_to(m)
        render.labels_layer(units, data.unit_layer(unit_set)).add_to(m)
        sitemap.sites_layer(shown, lang=language, names=names).add_to(m)
        sitemap.status_legend(shown["compliance"].value_counts().to_dict(), language).add_to(m)
        sitemap.share_legend(measure, language).add_to(m)
        return m

    view_site = st.session_state.get("ww_view_site")
    focus = shown[shown["id"] == view_site]
    if not focus.empty:
        view = ((float(focus.geometry.y.iloc[0]), float(focus.geometry.x.iloc[0])), 12)
    else:
        bounds = units[units["code"] == unit].total_bounds if unit else units.total_bounds
        view = render.view_for_bounds(bounds, width_px=940, height_px=560, padding=0.03)
    units_stamp = data.store_stamp("units") if unit_sets.is_imported(unit_set) else data.data_stamp()
    show_map(
        build,
        key=MAP_KEY,
        view_id=f"{unit_set}:{unit}:{view_site}",
        content_key=digest(language, tiles, measure, unit_set, units_stamp, data.data_stamp(), shown, summary, names),
        default_view=view,
        height=560,
        feature_group=sitemap.selection_layer(shown, site),
        returned=("last_object_clicked_tooltip", "last_object_clicked_count"),
    )

    title, source = tr(T.PAGE_TITLE), tr(T.PNG_SOURCE)
    subtitle = f"{sitemap.MEASURES[measure](language)} — {unit_sets.title(unit_set, markdown=False)} — {tr(T.PNG_NOTE)}"
    date = dt.date.today().strftime("%d/%m/%Y")
    png_downloads(
        lambda: map_sheets.wastewater_sheet(units, summary, shown, measure, language, title=title, subtitle=subtitle,
                                            date=date, source=source),
        f"nuoc_thai_kcn_ccn_{unit_set}{'_' + unit if unit else ''}",
        key="ww_png",
    )  # fmt: skip
    if site:
        row = shown[shown["id"] == site]
        if not row.empty:
            r = row.iloc[0]
            hidden = "" if site in set(records["id"]) else f" {tr(T.NOT_IN_LIST)}"
            named = md(f"[{site}] {r['name']}")
            st.info(
                f"**{tr(T.SELECTED)}: {named}** — {ww.COMPLIANCE[r['compliance']](language)}: "
                f"{md(r[f'reasons_{language}'])}{hidden}"
            )
    st.subheader(tr(T.LIST_TITLE))
    st.caption(f"{tr(T.LIST_COUNT, n=len(records))} {tr(T.LIST_HELP)}")
    if records.empty:
        st.info(tr(T.LIST_EMPTY))
    _, table, config = _table(digest(records[list(SHOWN)]), language, False, records[list(SHOWN)])
    st.dataframe(
        table,
        column_config={
            **config,
            wastewater_table.HEADERS["name"](language): st.column_config.TextColumn(width="medium"),
            wastewater_table.HEADERS["reasons"](language): st.column_config.TextColumn(width="large"),
        },
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * max(1, len(table))),
    )
    full, _, _ = _table(digest(records), language, False, records)
    note = wastewater_table.illustrative_note(full, language)
    left, right = st.columns(2)
    xlsx_title = tr(T.XLSX_TITLE)  # the files are made when a button is clicked, not on every run
    left.download_button(
        tr(T.DOWNLOAD_CSV),
        lambda: wastewater_table.csv_bytes(full, language, note=note),
        file_name="kcn_ccn_chua_dat.csv",
        mime="text/csv",
        key="ww_csv",
        icon=":material/download:",
        on_click="ignore",
    )
    right.download_button(
        tr(T.DOWNLOAD_XLSX),
        lambda: wastewater_table.xlsx_bytes(full, title=xlsx_title, lang=language, note=note),
        file_name="kcn_ccn_chua_dat.xlsx",
        key="ww_xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )


def _unit_table(summary: pd.DataFrame, unit_set: str) -> None:
    with st.expander(f"{tr(T.UNITS_TITLE)} — {unit_sets.title(unit_set)}"):
        language = lang()
        table, shown, config = _table(digest(summary), language, True, summary)
        note = wastewater_table.illustrative_note(table, language)
        st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
        left, right = st.columns(2)
        sheet, title = tr(T.UNITS_SHEET), tr(T.UNITS_XLSX_TITLE)
        left.download_button(
            tr(T.DOWNLOAD_CSV),
            lambda: wastewater_table.csv_bytes(table, language, note=note),
            file_name=f"chi_tieu_7_{unit_set}.csv",
            mime="text/csv",
            key="ww_units_csv",
            on_click="ignore",
        )
        right.download_button(
            tr(T.DOWNLOAD_XLSX),
            lambda: wastewater_table.xlsx_bytes(table, sheet=sheet, title=title, lang=language, note=note),
            file_name=f"chi_tieu_7_{unit_set}.xlsx",
            key="ww_units_xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
        )
