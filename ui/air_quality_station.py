"""One station in detail (hourly and daily AQI charts with the class bands, QCVN 05:2023 exceedances, completeness)
and the table of large emission sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from geo.air.aqi import AQI_CLASSES
from geo.air.stations import in_period
from geo.text.format import percent, quantity, unit_label
from layers.air_quality import LOADS, MONITORING, POLLUTANT_LABELS, SECTORS, STATION_TYPES
from layers.air_quality_display import class_bands
from layers.boundaries import full_name
from layers.safe_text import markdown_text as md
from ui import air_quality_text as txt
from ui import choice, data
from ui.air_quality_data import AirData, stamp
from ui.i18n import lang, tr
from ui.tables import numbers_as_text

PERIODS = {
    "1h": ("1 giờ", "1 hour"),
    "8h": ("8 giờ", "8 hours"),
    "24h": ("24 giờ", "24 hours"),
    "year": ("năm", "year"),
}
ORDER = ("pm25", "pm10", "tsp", "o3", "no2", "so2", "co")
CHARTS = {"hourly": txt.TAB_HOURLY, "daily": txt.TAB_DAILY, "exceed": txt.TAB_EXCEED, "complete": txt.TAB_COMPLETE}
CHART_PARAM = "chart"  # the open chart in the URL: ?chart=daily
_EN = {c.vi: c.en for c in AQI_CLASSES}


def _class_label(category: pd.Series) -> pd.Series:
    return category if lang() == "vi" else category.map(lambda c: _EN.get(c, c) if isinstance(c, str) else c)


def _scale() -> alt.Scale:
    names = [c.vi if lang() == "vi" else c.en for c in AQI_CLASSES]
    return alt.Scale(domain=names, range=[c.colour for c in AQI_CLASSES])


def _top(values: pd.Series) -> float:
    highest = pd.to_numeric(values, errors="coerce").max()
    return float(min(500, max(150, (0 if pd.isna(highest) else highest) + 20)))


def _hourly_chart(rows: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    top = _top(rows["vn_aqi"])
    bands = class_bands(lang(), top)
    y = alt.Y("low:Q", scale=alt.Scale(domain=[0, top], nice=False), title=tr(txt.CHART_AQI))
    band = (
        alt.Chart(bands)
        .mark_rect(opacity=0.28)
        .encode(
            y=y,
            y2="high:Q",
            color=alt.Color(
                "label:N", scale=alt.Scale(domain=list(bands["label"]), range=list(bands["colour"])), legend=None
            ),
        )
    )
    frame = pd.DataFrame(
        {
            "time": rows["time"],
            "vn_aqi": rows["vn_aqi"].astype("Float64").astype(float),
            "class": _class_label(rows["category"]),
        }
    )
    line = (
        alt.Chart(frame)
        .mark_line(color="#1b2a38", strokeWidth=1.3, invalid="break-paths-show-domains")
        .encode(
            x=alt.X("time:T", title=tr(txt.CHART_TIME), axis=alt.Axis(format="%d/%m", labelOverlap=True)),
            y=alt.Y("vn_aqi:Q", scale=alt.Scale(domain=[0, top], nice=False)),
            tooltip=[alt.Tooltip("time:T", format="%d/%m/%Y %H:%M"), "vn_aqi:Q", "class:N"],
        )
    )
    return alt.layer(band, line).properties(height=280)


def _daily_chart(rows: pd.DataFrame) -> alt.Chart:
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(rows["date"]),
            "vn_aqi": rows["vn_aqi"].astype("Float64").astype(float),
            "class": _class_label(rows["category"]),
        }
    ).dropna()
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(date):T", title=tr(txt.CHART_DATE), axis=alt.Axis(format="%d/%m")),
            y=alt.Y("vn_aqi:Q", title=tr(txt.CHART_AQI), scale=alt.Scale(domain=[0, _top(frame["vn_aqi"])])),
            color=alt.Color("class:N", scale=_scale(), title=tr(txt.CHART_CLASS)),
            tooltip=[alt.Tooltip("date:T", format="%d/%m/%Y"), "vn_aqi:Q", "class:N"],
        )
        .properties(height=260)
    )
    return chart


def _exceedances(ex: pd.DataFrame) -> None:
    """A summary per pollutant and averaging period, and every exceedance in an expander."""
    if ex.empty:
        st.info(tr(txt.NO_EXCEED))
        return
    lg = 0 if lang() == "vi" else 1
    summary = (
        ex.groupby(["pollutant", "period", "limit"], sort=False)  # PM2.5 24h: 50 in 2025, 45 from 2026
        .agg(count=("value", "size"), highest=("value", "max"), latest=("period_start", "max"))
        .reset_index()
    )
    summary["order"] = summary["pollutant"].map(ORDER.index)
    summary["period_order"] = summary["period"].map(list(PERIODS).index)
    summary = summary.sort_values(["order", "period_order", "latest"])
    limit, highest = f"{tr(txt.COL_LIMIT)} (µg/m³)", f"{tr(txt.COL_MAX)} (µg/m³)"
    table, config = numbers_as_text(
        pd.DataFrame(
            {
                tr(txt.COL_POLLUTANT): summary["pollutant"].map(lambda p: POLLUTANT_LABELS.get(p, p.upper())),
                tr(txt.COL_PERIOD): summary["period"].map(lambda p: PERIODS[p][lg]),
                limit: summary["limit"],
                tr(txt.COL_COUNT): summary["count"],
                highest: summary["highest"],
                tr(txt.COL_LATEST): summary["latest"].dt.strftime("%d/%m/%Y %H:%M"),
            }
        ),
        {limit: "concentration", tr(txt.COL_COUNT): "count", highest: "concentration"},
    )
    st.dataframe(
        table,
        column_config=config,
        hide_index=True,
        width="stretch",
        key="aq_exceed_summary",
    )
    st.caption(tr(txt.EXCEED_NOTE))
    with st.expander(tr(txt.EXCEED_LIST, n=len(ex))):
        value = f"{tr(txt.COL_VALUE)} (µg/m³)"
        detail, config = numbers_as_text(
            pd.DataFrame(
                {
                    tr(txt.COL_POLLUTANT): ex["pollutant"].map(lambda p: POLLUTANT_LABELS.get(p, p.upper())),
                    tr(txt.COL_PERIOD): ex["period"].map(lambda p: PERIODS[p][lg]),
                    tr(txt.COL_START): ex["period_start"].dt.strftime("%d/%m/%Y %H:%M"),
                    value: ex["value"],
                    limit: ex["limit"],
                }
            ),
            {value: "concentration", limit: "concentration"},
        )
        st.dataframe(detail, column_config=config, hide_index=True, width="stretch")


def _completeness(rows: pd.DataFrame, measured: list[str]) -> None:
    chart = pd.DataFrame({"date": rows["period_start"], "share": rows["any_pm"] * 100})
    bars = (
        alt.Chart(chart)
        .mark_bar(color="#6b8fb3")
        .encode(
            x=alt.X("yearmonthdate(date):T", title=tr(txt.CHART_DATE), axis=alt.Axis(format="%d/%m")),
            y=alt.Y("share:Q", title=tr(txt.CHART_SHARE), scale=alt.Scale(domain=[0, 100])),
            tooltip=[alt.Tooltip("date:T", format="%d/%m/%Y"), alt.Tooltip("share:Q", format=".0f")],
        )
    )
    rule = alt.Chart(pd.DataFrame({"y": [75]})).mark_rule(color="#d62728", strokeDash=[4, 3]).encode(y="y:Q")
    st.altair_chart(alt.layer(bars, rule).properties(height=220), width="stretch")
    shares = {POLLUTANT_LABELS[p]: percent(rows[p].mean() * 100, lang()) for p in measured if p in rows}
    st.dataframe(
        pd.DataFrame({tr(txt.COL_POLLUTANT): list(shares), tr(txt.COL_SHARE): list(shares.values())}), hide_index=True
    )
    st.caption(tr(txt.COMPLETE_NOTE))


def _place_names(row: Any) -> tuple[str, str]:
    districts = data.units("districts_2019").set_index("code")["name_full"]
    communes = data.units("communes_2025").set_index("code")["name_full"]
    district = districts.get(row["district_2019"], row["district_2019"])
    commune = communes.get(row["commune_2025"], row["commune_2025"])
    return full_name(district, lang()), full_name(commune, lang())


@st.cache_data(show_spinner=False, max_entries=64)
def _spec(kind: str, data_stamp: str, station: str, first: dt.date, last: dt.date, language: str,
          _rows: pd.DataFrame) -> dict[str, Any]:  # fmt: skip
    """A station's chart as a Vega-Lite spec with its data: made (and validated by Altair) once per data version,
    station, period and language for everyone."""
    chart = _hourly_chart(_rows) if kind == "hourly" else _daily_chart(_rows)
    return dict(chart.to_dict())


def details(air: AirData, station: str, snapshot: pd.DataFrame, period: str, first: dt.date, last: dt.date) -> None:
    """The chosen station: who runs it, its AQI now, its charts, its exceedances and its completeness."""
    row: Any = air.stations.set_index("id").loc[station].copy()
    row["id"] = station
    now: Any = snapshot.set_index("station_id").loc[station]
    district, commune = _place_names(row)
    st.subheader(tr(txt.DETAILS, id=md(station), name=md(row["name"])))
    measured = [p for p in str(row["pollutants"]).split(";") if p]
    st.markdown(
        tr(
            txt.DETAILS_META,
            type=STATION_TYPES[row["type"]](lang()),
            operator=md(row["operator"]),
            pollutants=", ".join(POLLUTANT_LABELS[p] for p in measured),
            since=pd.Timestamp(row["start_date"]).strftime("%d/%m/%Y"),
            district=md(district),
            commune=md(commune),
            lat=quantity(row["lat"], "degrees", lang()),
            lon=quantity(row["lon"], "degrees", lang()),
        )
    )
    hourly = in_period(air.hourly[air.hourly["station_id"] == station], "time", first, last)
    daily = in_period(air.daily[air.daily["station_id"] == station], "date", first, last)
    complete = in_period(air.completeness[air.completeness["station_id"] == station], "period_start", first, last)
    exceeded = in_period(air.exceedances[air.exceedances["station_id"] == station], "period_start", first, last)
    days_ok = int((complete["any_pm"] * complete["hours"] >= 18).sum())
    cols = st.columns([1.5, 1, 1.1, 1, 1])
    category = now["category" if lang() == "vi" else "category_en"]
    aqi = f"{quantity(now['vn_aqi'], 'aqi', lang())} – {category}" if now["status"] == "current" else "—"
    cols[0].metric(tr(txt.M_AQI, p=period), aqi, help=tr(txt.STATUS[str(now["status"])]))
    share = complete["any_pm"].mean() * 100 if len(complete) else 0.0
    cols[1].metric(tr(txt.M_COMPLETE), percent(share, lang()))
    cols[2].metric(tr(txt.M_DAYS_OK), f"{days_ok}/{len(complete)}")
    cols[3].metric(tr(txt.M_EXCEED), quantity(len(exceeded), "count", lang()))
    last_time = now["last_time"]
    cols[4].metric(tr(txt.M_LAST), "—" if pd.isna(last_time) else pd.Timestamp(last_time).strftime("%d/%m %H:%M"))
    chart = choice.tabs(tr(txt.CHARTS), CHARTS, key="aq_chart", param=CHART_PARAM)
    if chart == "hourly":
        if hourly["vn_aqi"].notna().any():
            st.vega_lite_chart(_spec("hourly", stamp(), station, first, last, lang(), hourly), width="stretch")
            st.caption(tr(txt.HOURLY_NOTE))
        else:
            st.info(tr(txt.NO_AQI))
    elif chart == "daily":
        if daily["vn_aqi"].notna().any():
            st.vega_lite_chart(_spec("daily", stamp(), station, first, last, lang(), daily), width="stretch")
        else:
            st.info(tr(txt.NO_AQI))
    elif chart == "exceed":
        _exceedances(exceeded)
    else:
        _completeness(complete, measured)


def sources_table(air: AirData) -> None:
    """The large emission sources: monitoring status, loads and who must inventory greenhouse gases (task 8.7)."""
    lg = lang()
    src = air.sources
    names = data.units("districts_2019").set_index("code")["name"]
    with st.expander(tr(txt.SOURCES, n=len(src)), expanded=False):
        cols = st.columns(3)
        cols[0].metric(tr(txt.SRC_NO_MONITORING), int((src["stack_monitoring"] == "none").sum()))
        cols[1].metric(tr(txt.SRC_TRANSMITTING), int((src["stack_monitoring"] == "transmitting").sum()))
        cols[2].metric(tr(txt.SRC_GHG), int(src["ghg_inventory_required"].sum()))
        loads = {f"{label(lg)} ({unit_label('load_tpy', lg)})": col for col, label in LOADS.values()}
        table = pd.DataFrame(
            {
                "ID": src["id"],
                tr(txt.COL_NAME): src["name"],
                tr(txt.COL_SECTOR): src["sector"].map(lambda s: SECTORS[s](lg)),
                tr(txt.COL_PARK): src["kcn_ccn"].fillna(tr(txt.OUTSIDE)),
                tr(txt.COL_DISTRICT): src["district_2019"].map(names),
                tr(txt.COL_MONITORING): src["stack_monitoring"].map(lambda s: MONITORING[s](lg)),
                **{title: src[col] for title, col in loads.items()},
                tr(txt.COL_GHG): src["ghg_inventory_required"],
            }
        )
        shown, config = numbers_as_text(table, dict.fromkeys(loads, "load_tpy"))
        st.dataframe(shown, column_config=config, hide_index=True, width="stretch", key="aq_sources")
        st.caption(tr(txt.SRC_GHG_NOTE))
