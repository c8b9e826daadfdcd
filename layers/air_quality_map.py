"""Folium drawing of the air-quality layers: stations by VN_AQI class, emission sources by load and monitoring.

Points are ``folium.CircleMarker`` (an SVG path, no icon images to fetch) and the legends are Leaflet controls built
from HTML, so nothing is loaded from a CDN. Every circle carries a CSS class (``aq-station aq-<status>``,
``aq-source aq-src-<monitoring>``) that browser tests and the page's style can select.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geo.air.aqi import AQI_CLASSES
from geo.errors import Lang, Text
from geo.text.format import quantity, unit_label
from layers.air_quality import LOADS, MONITORING, POLLUTANT_LABELS, SECTORS, STATION_TYPES
from layers.air_quality_display import circle_radius, legend_steps
from layers.render import INLINE_ROW, Legend, box_style
from layers.safe_text import Markup, Tooltip

STATION_RADIUS = 11
LABEL_PANE = "aq_unit_labels"
SOURCE_MAX_PX, SOURCE_MIN_PX = 24.0, 3.0
INK = "#222222"
# Where the legends go and their largest size (width, height px): clear of the province at the page's default view
# on a map 860 px wide or wider (tests/test_map_behaviour.py checks it); they fold to their title with − / +.
AQI_LEGEND: tuple[str, tuple[int, int]] = ("topright", (400, 74))
SOURCES_LEGEND: tuple[str, tuple[int, int]] = ("bottomright", (400, 108))
STALE = {"fill": "#bdbdbd", "stroke": "#555555", "dash": "4 3"}
SOURCE_FILL = {"transmitting": "#2b8cbe", "installed": "#a6bddb", "none": "#ffffff"}
SOURCE_STROKE = "#08306b"
STATUS_TEXT = {
    "stale": Text("không có số liệu > 6 giờ", "stale: no data > 6 h"),
    "no_aqi": Text("có số liệu, chưa đủ tính AQI", "reporting, no AQI"),
    "no_data": Text("chưa có số liệu", "no data yet"),
}
_LIGHT_CLASSES = {c.colour for c in AQI_CLASSES[:3]}  # black numbers on green, yellow, orange; white on the rest
_ILLUSTRATIVE = Text("Số liệu minh họa, không chính thức", "Illustrative, not official")


def _style(status: str, colour: object) -> dict[str, Any]:
    if status == "current":
        return {"color": INK, "weight": 2, "fill_color": str(colour), "fill_opacity": 0.95}
    if status == "stale":
        return {
            "color": STALE["stroke"],
            "weight": 2,
            "fill_color": STALE["fill"],
            "fill_opacity": 0.9,
            "dash_array": STALE["dash"],
        }
    return {"color": "#777777", "weight": 2, "fill_color": "#ffffff", "fill_opacity": 0.9, "dash_array": "1 3"}


def _when(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else pd.Timestamp(str(value)).strftime("%d/%m/%Y %H:%M")


def add_unit_labels(m: folium.Map, frame: gpd.GeoDataFrame, column: str) -> folium.FeatureGroup:
    """Unit names drawn *beneath* the circles (a pane under Leaflet's overlay pane), so no name hides a station."""
    folium.map.CustomPane(LABEL_PANE, z_index=350, pointer_events=False).add_to(m)
    group = folium.FeatureGroup(name="unit_labels", control=False)
    points = frame.geometry.representative_point()
    for label, x, y in zip(frame[column], points.x, points.y, strict=True):
        folium.Marker(
            [y, x],
            icon=folium.DivIcon(
                html=f'<div class="unit-label" style="font-size:12px">{html.escape(str(label))}</div>', icon_size=(0, 0)
            ),
            interactive=False,
            keyboard=False,
            pane=LABEL_PANE,
        ).add_to(group)
    group.add_to(m)
    return group


def _station_tooltip(row: pd.Series, lang: Lang, period: str) -> str:
    kind = STATION_TYPES[str(row["type"])](lang)
    if row["status"] == "current":
        dominant = POLLUTANT_LABELS.get(str(row["dominant"]).removeprefix("aqi_"), "")
        category = html.escape(str(row["category" if lang == "vi" else "category_en"]))
        value = f"VN_AQI {html.escape(period)}: <b>{int(row['vn_aqi'])}</b> ({category})"
        value += f", {'chất chính' if lang == 'vi' else 'main pollutant'} {dominant}"
    else:
        value = f"<b>{STATUS_TEXT[str(row['status'])](lang)}</b>"
    last = ("Số liệu gần nhất" if lang == "vi" else "Last value") + f": {_when(row['last_time'])}"
    name = html.escape(f"{row['id']} – {row['name']}")
    operator = html.escape(str(row["operator"]))
    return f"<b>{name}</b><br>{kind} · {operator}<br>{value}<br>{last}<br><i>{_ILLUSTRATIVE(lang)}</i>"


def _label(row: pd.Series, lang: Lang) -> tuple[str, str]:
    """(text, CSS) of the label drawn on a station: its AQI inside the circle, or its status beneath it."""
    if row["status"] == "current":
        ink = "#111" if row["colour"] in _LIGHT_CLASSES else "#fff"
        return str(int(row["vn_aqi"])), f"color:{ink};font:700 11px system-ui,sans-serif;transform:translate(-50%,-50%)"
    text = STATUS_TEXT[str(row["status"])](lang)
    css = (
        "color:#333;font:italic 600 11px system-ui,sans-serif;text-shadow:0 0 3px #fff,0 0 3px #fff;"
        f"transform:translate(-50%,{STATION_RADIUS + 2}px)"
    )
    return text, css


def stations_layer(
    stations: gpd.GeoDataFrame, snapshot: pd.DataFrame, *, lang: Lang, period: str
) -> folium.FeatureGroup:
    """One circle per station, coloured by its VN_AQI class when current; grey and dashed when stale.

    ``snapshot`` is :func:`geo.air.stations.hour_snapshot` or ``day_snapshot``; ``period`` names the hour or day.
    """
    group = folium.FeatureGroup(name="aq_stations", control=False)
    table = stations.drop(columns="geometry").merge(snapshot, left_on="id", right_on="station_id", how="left")
    for _, row in table.iterrows():
        status = str(row["status"])
        folium.CircleMarker(
            [float(row["lat"]), float(row["lon"])],
            radius=STATION_RADIUS,
            class_name=f"aq-station aq-{status}",
            tooltip=Tooltip(Markup(_station_tooltip(row, lang, period))),
            **_style(status, row["colour"]),
        ).add_to(group)
        text, css = _label(row, lang)
        folium.Marker(
            [float(row["lat"]), float(row["lon"])],
            icon=folium.DivIcon(
                html=f'<div class="aq-label" style="{css};white-space:nowrap;width:max-content;pointer-events:none">'
                f"{html.escape(text)}</div>",
                icon_size=(0, 0),
            ),
            interactive=False,
            keyboard=False,
        ).add_to(group)
    return group


def _source_tooltip(row: pd.Series, lang: Lang, pollutant: str) -> str:
    loads = []
    for key, (column, label) in LOADS.items():
        text = f"{label(lang)} {quantity(row[column], 'load_tpy', lang, unit=False)}"
        loads.append(f"<b>{text}</b>" if key == pollutant else text)
    park = str(row["kcn_ccn"]) if pd.notna(row["kcn_ccn"]) else ("ngoài KCN/CCN" if lang == "vi" else "outside parks")
    ghg = ("Phải kiểm kê KNK" if lang == "vi" else "Must inventory GHG") if bool(row["ghg_inventory_required"]) else ""
    lines = [
        f"<b>{html.escape(str(row['id']))} – {html.escape(str(row['name']))}</b>",
        f"{SECTORS[str(row['sector'])](lang)} · {html.escape(park)}",
        f"{'Tải lượng' if lang == 'vi' else 'Annual load'} ({unit_label('load_tpy', lang)}): {', '.join(loads)}",
        MONITORING[str(row["stack_monitoring"])](lang) + (f" · {ghg}" if ghg else ""),
        f"<i>{_ILLUSTRATIVE(lang)}</i>",
    ]
    return "<br>".join(lines)


def source_scale(sources: pd.DataFrame, pollutant: str) -> float:
    """The largest annual load of ``pollutant`` among the sources: the load drawn at the largest radius."""
    values = sources[LOADS[pollutant][0]].to_numpy(dtype=float)
    return float(np.nanmax(values)) if len(values) and np.isfinite(values).any() else 0.0


def sources_layer(sources: gpd.GeoDataFrame, pollutant: str, *, lang: Lang) -> folium.FeatureGroup:
    """One circle per source, its area proportional to the annual load of ``pollutant``, filled by monitoring status.

    Larger circles are drawn first so that small sources stay on top and can be pointed at.
    """
    group = folium.FeatureGroup(name="emission_sources", control=False)
    column = LOADS[pollutant][0]
    radius = circle_radius(
        sources[column], max_value=source_scale(sources, pollutant), min_px=SOURCE_MIN_PX, max_px=SOURCE_MAX_PX
    )
    order = np.argsort(-radius, kind="stable")
    for i in order:
        row = sources.iloc[int(i)]
        status = str(row["stack_monitoring"])
        folium.CircleMarker(
            [float(row["lat"]), float(row["lon"])],
            radius=float(radius[i]),
            color=SOURCE_STROKE,
            weight=1.5,
            fill_color=SOURCE_FILL[status],
            fill_opacity=0.6,
            class_name=f"aq-source aq-src-{status}",
            tooltip=Tooltip(Markup(_source_tooltip(row, lang, pollutant))),
        ).add_to(group)
    return group


def _swatch(fill: str, stroke: str, *, radius: float = 6, dash: str = "", opacity: float = 1.0) -> str:
    size = int(2 * radius + 4)
    c = size / 2
    return (
        f'<svg width="{size}" height="{size}" style="vertical-align:middle;margin-right:6px">'
        f'<circle cx="{c}" cy="{c}" r="{radius}" fill="{fill}" fill-opacity="{opacity}" stroke="{stroke}" '
        f'stroke-width="1.8" stroke-dasharray="{dash}"/></svg>'
    )


class HtmlLegend(Legend):
    """A legend whose rows are ready-made HTML (circle swatches), drawn as a Leaflet control like :class:`Legend`."""

    def __init__(
        self, title: str, rows: Sequence[str], *, position: str = "bottomright", box: tuple[int, int] | None = None,
        inline: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(title, [], position=position, box=box)
        row = INLINE_ROW if inline else ' style="margin-top:2px;white-space:nowrap"'
        body = "".join(f"<div{row}>{r}</div>" for r in rows)
        self.body = (
            f'<div style="{box_style(box, "11.5px")}"><b style="display:block">{html.escape(title)}</b>{body}</div>'
        )


def aqi_legend(lang: Lang) -> HtmlLegend:
    """The official VN_AQI classes (Decision 1459/QĐ-TCMT) and the look of stations with no current value."""
    rows = [
        f"{_swatch(c.colour, INK)}{c.low}–{c.high} {html.escape(c.vi if lang == 'vi' else c.en)}" for c in AQI_CLASSES
    ]
    rows.append(_swatch(STALE["fill"], STALE["stroke"], dash=STALE["dash"]) + html.escape(STATUS_TEXT["stale"](lang)))
    rows.append(
        _swatch("#ffffff", "#777777", dash="1 3")
        + html.escape("chưa có AQI / chưa có số liệu" if lang == "vi" else "no AQI / no data yet")
    )
    title = "Trạm – VN_AQI (QĐ 1459/QĐ-TCMT)" if lang == "vi" else "Stations – VN_AQI (Decision 1459)"
    return HtmlLegend(title, rows, position=AQI_LEGEND[0], box=AQI_LEGEND[1], inline=True)


def sources_legend(pollutant: str, max_value: float, *, lang: Lang) -> HtmlLegend:
    """Monitoring status colours and example circle sizes for the annual load of ``pollutant``."""
    rows = [_swatch(SOURCE_FILL[k], SOURCE_STROKE, opacity=0.6) + html.escape(v(lang)) for k, v in MONITORING.items()]
    label = LOADS[pollutant][1](lang)
    sizes = [
        f"<i>{'Diện tích vòng tròn ∝ tải lượng' if lang == 'vi' else 'Circle area ∝ load of'} "
        f"{html.escape(label)} ({unit_label('load_tpy', lang)}):</i> "
    ]
    for step in legend_steps(max_value):
        r = float(circle_radius([step], max_value=max_value, min_px=SOURCE_MIN_PX, max_px=SOURCE_MAX_PX)[0])
        sizes.append(
            _swatch("#ffffff", SOURCE_STROKE, radius=r, opacity=0.6)
            + quantity(step, "load_tpy", lang, unit=False, decimals=0)
            + " "
        )
    rows.append("".join(sizes))  # the note and the example circles in one row, as tall as the largest circle
    title = "Nguồn thải lớn (minh họa)" if lang == "vi" else "Large emission sources (illustrative)"
    return HtmlLegend(title, rows, position=SOURCES_LEGEND[0], box=SOURCES_LEGEND[1], inline=True)
