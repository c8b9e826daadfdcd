"""Page "Không khí & nguồn thải": stations by VN_AQI class for a chosen day or hour, large emission sources by load
and stack monitoring, a station's AQI charts, QCVN 05:2023 exceedances and completeness, and the AQI table to take
away. Composition only: the rules live in geo.air, the drawing in layers/."""

from __future__ import annotations

import datetime as dt

import folium
import pandas as pd
import streamlit as st

from geo.air.stations import day_snapshot, hour_snapshot
from geo.errors import Lang
from geo.settings import get_settings
from geo.text.format import quantity
from layers import air_quality_map as aqmap
from layers import map_sheets, render
from layers.air_quality import LOADS, STATION_TYPES
from layers.air_quality_display import nearest_station
from ui import air_quality_downloads as downloads
from ui import air_quality_station as station_view
from ui import air_quality_text as txt
from ui import choice, choices, data, errors
from ui.about import about_data
from ui.air_quality_data import AirData, air_data, stamp
from ui.i18n import lang, tr
from ui.mapview import digest, png_downloads, show_map

MAP_KEY = "aq_map"
SPANS = (1, 7, 30, 90, 0)  # days ending at the chosen day; 0 = the whole year of data


def _controls(air: AirData) -> tuple[str, dt.date, int, str, int]:
    first, last = air.first_hour, air.last_hour
    cols = st.columns([1.0, 1.2, 2.2, 1.4, 1.6])
    mode = choice.pick(
        cols[0].radio, tr(txt.VIEW_BY), ["day", "hour"], key="aq_mode", default="day", param="mode", horizontal=True,
        format_func=lambda m: tr(txt.BY_DAY if m == "day" else txt.BY_HOUR),
    )  # fmt: skip
    day = choice.day(cols[1].date_input, tr(txt.DAY), key="aq_day", default=last.date(), first=first.date(),
                     last=last.date(), param=choices.DATE, format="DD/MM/YYYY")  # fmt: skip
    hour = choice.pick(cols[2].select_slider, tr(txt.HOUR), list(range(24)), key="aq_hour", default=last.hour,
                       param="hour", format_func=lambda h: f"{h:02d}:00", disabled=mode == "day")  # fmt: skip
    pollutant = choice.pick(
        cols[3].selectbox, tr(txt.POLLUTANT), list(LOADS), key="aq_pollutant", default="dust", param="pollutant",
        format_func=lambda p: f"{LOADS[p][1](lang())} ({tr(txt.PER_YEAR)})",
    )  # fmt: skip
    span = choice.pick(
        cols[4].selectbox, tr(txt.SPAN), SPANS, key="aq_span", default=30, param="span",
        format_func=lambda n: tr(txt.SPAN_DAYS, n=n) if n else tr(txt.SPAN_ALL),
    )  # fmt: skip
    return mode, day, int(hour), pollutant, int(span)


def _span(air: AirData, day: dt.date, span: int) -> tuple[dt.date, dt.date]:
    """The days the charts and downloads cover: ``span`` days ending at the chosen day, or all the data (0)."""
    if span == 0:
        return air.first_hour.date(), air.last_hour.date()
    return max(air.first_hour.date(), day - dt.timedelta(days=span - 1)), day


def _base_map(air: AirData, pollutant: str, language: Lang, tiles: str) -> folium.Map:
    """Tiles, district outlines, the emission sources and both legends (the stations come as a feature group)."""
    lg: Lang = "en" if language == "en" else "vi"
    m = render.base_map(tiles)
    districts = data.units("districts_2019")
    folium.GeoJson(
        districts[["geometry"]],
        interactive=False,
        style_function=lambda _f: {"color": "#5b6b7a", "weight": 1.2, "fillColor": "#ffffff", "fillOpacity": 0.0},
    ).add_to(m)
    aqmap.add_unit_labels(m, districts, "name")
    aqmap.sources_layer(air.sources, pollutant, lang=lg).add_to(m)
    aqmap.aqi_legend(lg).add_to(m)
    aqmap.sources_legend(pollutant, aqmap.source_scale(air.sources, pollutant), lang=lg).add_to(m)
    return m


@st.fragment
def _map(air: AirData, snapshot: pd.DataFrame, period: str, pollutant: str, tiles: str) -> None:
    """Panning, zooming and clicking rerun only the map; a click on a station selects it for the whole page."""
    lg = lang()
    points = pd.concat([air.stations[["lon", "lat"]], air.sources[["lon", "lat"]]])
    bounds = (points["lon"].min(), points["lat"].min(), points["lon"].max(), points["lat"].max())
    result = show_map(
        lambda: _base_map(air, pollutant, lg, tiles),
        key=MAP_KEY,
        view_id="aq",
        content_key=f"{lg}:{pollutant}:{tiles}:{stamp()}:{data.data_stamp()}",
        default_view=render.view_for_bounds(bounds, width_px=860, height_px=560, padding=0.06),
        feature_group=lambda: aqmap.stations_layer(air.stations, snapshot, lang=lg, period=period),
        feature_key=f"{lg}:{stamp()}:{period}:{digest(snapshot)}",
        returned=("last_object_clicked",),
    )
    clicked = result.get("last_object_clicked")
    if isinstance(clicked, dict) and clicked != st.session_state.get("aq_last_click"):
        st.session_state["aq_last_click"] = clicked
        picked = nearest_station(float(clicked["lat"]), float(clicked["lng"]), air.stations)
        if picked is not None and picked != choice.chosen("aq_station"):
            choice.choose("aq_station", picked)
            st.rerun(scope="app")


def _status_table(air: AirData, snapshot: pd.DataFrame) -> None:
    lg = lang()
    table = air.stations[["id", "name", "type"]].merge(snapshot, left_on="id", right_on="station_id")
    last = pd.to_datetime(table["last_time"])
    show = pd.DataFrame(
        {
            tr(txt.COL_STATION): table["id"] + " – " + table["name"],
            tr(txt.COL_TYPE): table["type"].map(lambda v: STATION_TYPES[v](lg)),
            "VN_AQI": table["vn_aqi"].map(lambda v: "—" if pd.isna(v) else str(int(v))),
            tr(txt.COL_CLASS): table["category" if lg == "vi" else "category_en"].fillna(""),
            tr(txt.COL_STATUS): table["status"].map(lambda s: txt.STATUS[s](lg)),
            tr(txt.COL_LAST): last.dt.strftime("%d/%m %H:%M").fillna("—"),
        }
    )
    colours = table["colour"].fillna("").tolist()
    styled = show.style.apply(
        lambda col: [
            f"background-color:{c};color:{'#fff' if c in ('#FF0000', '#8F3F97', '#7E0023') else '#111'}" if c else ""
            for c in colours
        ],
        subset=[tr(txt.COL_CLASS)],
    )
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        key="aq_status",
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _snapshot(data_stamp: str, mode: str, when: pd.Timestamp | dt.date, _air: AirData) -> pd.DataFrame:
    """Each station's state at an hour (``mode`` "hour", a Timestamp) or on a day, once per data version."""
    ids = tuple(_air.stations["id"])
    if mode == "hour" and isinstance(when, pd.Timestamp):
        return hour_snapshot(_air.hourly, _air.measurements, ids, when)
    return day_snapshot(_air.daily, _air.measurements, ids, when)


def page() -> None:
    st.title(tr(txt.PAGE))
    st.caption(tr(txt.SUBTITLE))
    settings = get_settings()
    with errors.guard():
        air = air_data()
        data.units("districts_2019")
    if air.illustrative:
        st.warning(tr(txt.BANNER), icon="⚠️")
    mode, day, hour, pollutant, span = _controls(air)
    ids = tuple(air.stations["id"])
    if mode == "hour":
        at = pd.Timestamp(day) + pd.Timedelta(hours=hour)
        snapshot = _snapshot(stamp(), "hour", at, air)
        period = tr(txt.PERIOD_HOUR, t=at.strftime("%H:%M %d/%m/%Y"))
    else:
        snapshot = _snapshot(stamp(), "day", day, air)
        period = tr(txt.PERIOD_DAY, d=day.strftime("%d/%m/%Y"))

    _map(air, snapshot, period, pollutant, settings.tiles)
    st.caption(f"{tr(txt.MAP_NOTE)} {tr(txt.STALE_NOTE)}")
    districts, language, title = data.units("districts_2019"), lang(), tr(txt.PAGE)
    subtitle = f"{period} — {tr(txt.PNG_ILLUSTRATIVE)}" if air.illustrative else period
    source = tr(txt.PNG_SOURCE)
    png_downloads(
        lambda: map_sheets.air_sheet(districts, air.stations, snapshot, language, title=title, subtitle=subtitle,
                                     date=period, source=source),
        f"khong_khi_{day.isoformat()}" + (f"_{hour:02d}h" if mode == "hour" else ""),
        key="aq_png",
    )  # fmt: skip
    st.markdown(f"**{tr(txt.STATUS_TABLE, p=period)}**")
    _status_table(air, snapshot)
    names = dict(zip(air.stations["id"], air.stations["name"], strict=True))
    left, right = st.columns([1, 1.6], vertical_alignment="bottom")
    station = choice.pick(left.selectbox, tr(txt.STATION), ids, key="aq_station", default=ids[0], param="station",
                          help=tr(txt.STATION_HELP), format_func=lambda i: f"{i} – {names[i]}")  # fmt: skip
    first_hour, last_hour = air.first_hour.strftime("%d/%m/%Y"), air.last_hour.strftime("%d/%m/%Y")
    note = tr(txt.COMPUTE_NOTE, rows=quantity(len(air.measurements), "count", lang()), n=len(ids),
              s=quantity(air.seconds, "seconds", lang()), first=first_hour, last=last_hour)  # fmt: skip
    right.caption(note)

    first, last = _span(air, day, span)
    station_view.details(air, station, snapshot, period, first, last)
    downloads.section(air, first, last)
    station_view.sources_table(air)
    about_data(tr(txt.ABOUT))
