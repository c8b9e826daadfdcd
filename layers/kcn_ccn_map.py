"""Folium rendering of the KCN/CCN register: sites coloured by compliance, the per-unit share, legends, selection.

Sites are ``folium.CircleMarker`` (SVG paths, no icon images from a CDN) with popups bound by plain Leaflet
(:class:`HtmlPopup`: ``folium.Popup`` needs jQuery from a CDN); legends are :class:`layers.render.Legend`
(no branca colormap, which would load d3 from a CDN). Each site's tooltip starts with its id in brackets, so a click
reported by st_folium (``last_object_clicked_tooltip``) names the site: :func:`clicked_id`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable, Mapping

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.boundaries.names import strip_diacritics
from geo.datasets.wastewater import KCN_CCN as REGISTER
from geo.errors import Lang, Text
from geo.text.format import percent, quantity
from geo.wastewater import rules as ww
from geo.wastewater.register import illustrative_fields
from layers import render, safe_text, tiles
from layers.kcn_ccn import KCN_CCN

COMPLIANCE_COLOURS = {"compliant": "#1a9641", "not_compliant": "#d7191c", "pending": "#f0a500", "no_data": "#8c8c8c"}
# Classes of the per-unit share (lower bound in %, colour, label); units where nothing operates are grey.
SHARE_CLASSES = (
    (100.0, "#1a9850", "100 %"),
    (75.0, "#a6d96a", "75–<100 %"),
    (50.0, "#fee08b", "50–<75 %"),
    (0.0, "#f46d43", "<50 %"),
)
NO_SITES_COLOUR = "#e6e6e6"
MEASURES: dict[str, Text] = {
    "share_pct": Text("Tỷ lệ có trạm XLNT (chỉ tiêu 7)", "Share with a plant (target 7)"),
    "compliant_pct": Text("Tỷ lệ đạt (trạm + quan trắc)", "Share compliant (plant + monitoring)"),
}
T_NO_OPERATING = Text("Không có KCN/CCN đang hoạt động", "No operating site")
T_LEGEND = Text("Đánh giá nước thải", "Wastewater assessment")
T_MADE_UP = Text("viền đứt: KCN/CCN minh họa (không có thật)", "dashed: made-up site (not real)")
T_ILLUSTRATIVE = Text("* số liệu minh họa, không phải số liệu chính thức", "* illustrative, not an official figure")
T_ALL_MADE_UP = Text("KCN/CCN minh họa – không có thật", "Made-up site – not real")
FIELD_QUANTITIES = {
    "area_ha": "area_ha", "occupancy_pct": "percent", "connected_pct": "percent", "design_capacity_m3d": "flow_m3d",
    "actual_flow_m3d": "flow_m3d",
}  # fmt: skip
_ID = re.compile(r"^\s*\[([^\]]+)\]")


class HtmlPopup(MacroElement):  # type: ignore[misc]
    """A popup bound with plain Leaflet: folium.Popup builds its content with jQuery, which only a CDN provides."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }},
            {maxWidth: {{ this.max_width }}, autoPanPaddingTopLeft: [50, 10]});
        {% endmacro %}"""
    )

    def __init__(self, html: str, *, max_width: int = 420) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "HtmlPopup"
        self.html = html
        self.max_width = int(max_width)


# Where the legends go and their largest size (width, height px): clear of the province at the page's default view
# on a map 860 px wide or wider (tests/test_map_behaviour.py checks it); they fold to their title with − / +.
STATUS_LEGEND: tuple[str, tuple[int, int]] = ("bottomright", (400, 72))
SHARE_LEGEND: tuple[str, tuple[int, int]] = ("topright", (400, 70))


def share_colour(value: float | None) -> str:
    if value is None or pd.isna(value):
        return NO_SITES_COLOUR
    return next(colour for lower, colour, _ in SHARE_CLASSES if value >= lower - 1e-9)


def _value(field: str, value: object, lang: Lang, names: Mapping[str, Mapping[str, str]]) -> str:
    vocab = {
        "kind": ww.KINDS,
        "status": ww.SITE_STATUS,
        "wwtp_status": ww.WWTP_STATUS,
        "monitoring": ww.MONITORING,
        "location_precision": ww.PRECISION,
    }.get(field)
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return "—"
    if vocab is not None:
        return vocab[str(value)](lang) if str(value) in vocab else str(value)
    if field in names:
        return f"{names[field].get(str(value), '')} ({value})"
    spec = REGISTER.column(field)
    if spec.dtype == "int" and field == "year_established":
        return str(int(value))  # type: ignore[call-overload]
    if spec.dtype in ("int", "float"):
        return quantity(value, FIELD_QUANTITIES.get(field, "count"), lang, unit=False)
    return str(value)


def _source_html(source: str) -> str:
    parts = []
    for part in str(source).split(" | "):
        token, _, rest = part.partition(" ")
        address = token.rstrip(":,;")
        if "." in address and "/" in address and not address.startswith("http"):
            link = f'<a href="https://{html.escape(address)}" target="_blank" rel="noopener">{html.escape(address)}</a>'
            parts.append(f"{link}{html.escape(token[len(address) :])} {html.escape(rest)}")
        else:
            parts.append(html.escape(part))
    return "<br>".join(parts)


def popup_html(row: pd.Series, lang: Lang, names: Mapping[str, Mapping[str, str]]) -> str:
    """Every field of a site with its title, its assessment and reasons, its source, illustrative values starred."""
    flagged = set(illustrative_fields(row.get("illustrative_fields")))
    colour = COMPLIANCE_COLOURS[str(row["compliance"])]
    head = (
        f"<b style='font-size:14px'>{html.escape(str(row['name']))}</b><br>"
        f"<span style='color:{colour};font-weight:600'>● {ww.COMPLIANCE[str(row['compliance'])](lang)}</span>: "
        f"{html.escape(str(row[f'reasons_{lang}']))}"
    )
    if "name" in flagged:
        head = f"<div style='color:#b00020;font-weight:600'>{T_ALL_MADE_UP(lang)}</div>" + head
    cells = []
    for field in KCN_CCN.popup:
        if field == "source":
            continue
        mark = " *" if field in flagged else ""
        title = html.escape(KCN_CCN.column(field).title(lang))
        cells.append(
            f"<tr><td style='color:#555;padding-right:8px'>{title}</td>"
            f"<td>{html.escape(_value(field, row.get(field), lang, names))}{mark}</td></tr>"
        )
    note = f"<div style='color:#b00020;margin-top:4px'>{T_ILLUSTRATIVE(lang)}</div>" if flagged else ""
    original = lang == "en" and strip_diacritics(str(row["source"])) != str(row["source"])
    source_title = KCN_CCN.column("source").title(lang) + (" (Vietnamese original)" if original else "")
    source = f"<div style='margin-top:4px'><b>{source_title}:</b> {_source_html(row['source'])}</div>"
    return (
        f"<div style='font:12px system-ui,sans-serif;max-height:320px;overflow:auto'>{head}"
        f"<table style='margin-top:6px'>{''.join(cells)}</table>{note}{source}</div>"
    )


def tooltip_text(row: pd.Series, lang: Lang) -> str:
    return f"[{row['id']}] {row['name']} — {ww.COMPLIANCE[str(row['compliance'])](lang)}"


def clicked_id(tooltip: object) -> str | None:
    """The site id in a clicked tooltip ("[KCN-02] KCN Quang Châu — Đạt" → "KCN-02"), None for anything else."""
    match = _ID.match(tooltip) if isinstance(tooltip, str) else None
    return match.group(1) if match else None


def sites_layer(
    assessed: gpd.GeoDataFrame, *, lang: Lang, names: Mapping[str, Mapping[str, str]], name: str = "sites"
) -> folium.FeatureGroup:
    """One circle per site: fill = compliance, size = kind, dashed outline = a made-up site."""
    group = folium.FeatureGroup(name=name, control=False)
    for _, row in assessed.iterrows():
        made_up = "name" in illustrative_fields(row.get("illustrative_fields"))
        marker = folium.CircleMarker(
            [row.geometry.y, row.geometry.x],
            radius=9 if row["kind"] == "KCN" else 6,
            color="#222222",
            weight=1.5,
            dash_array="3 2" if made_up else None,
            fill=True,
            fill_color=COMPLIANCE_COLOURS[str(row["compliance"])],
            fill_opacity=0.9,
            class_name=f"site-marker site-{row['compliance']} site-{row['id']}",
            tooltip=safe_text.Tooltip(tooltip_text(row, lang)),
        )
        HtmlPopup(popup_html(row, lang, names)).add_to(marker)
        marker.add_to(group)
    return group


def selection_layer(assessed: gpd.GeoDataFrame, site_id: str | None) -> folium.FeatureGroup:
    """A ring around the chosen site (none if it is not on the map)."""
    group = folium.FeatureGroup(name="selected_site", control=False)
    chosen = assessed[assessed["id"] == site_id] if site_id else assessed.iloc[0:0]
    for _, row in chosen.iterrows():
        folium.CircleMarker(
            [row.geometry.y, row.geometry.x],
            radius=16,
            color=KCN_CCN.style.highlight_color,
            weight=4,
            fill=False,
            interactive=False,
            class_name="site-selected",
        ).add_to(group)
    return group


def share_layer(
    units: gpd.GeoDataFrame, summary: pd.DataFrame, *, measure: str, lang: Lang, name: str = "share"
) -> folium.GeoJson | tiles.TiledUnits:
    """The units filled by their share (``measure``: share_pct or compliant_pct) with a tooltip of the counts."""
    data = units[["code", "name", "geometry"]].merge(summary.drop(columns=["name"]), on="code", how="left")
    value = pd.to_numeric(data[measure], errors="coerce")
    data = data.assign(
        fill=[share_colour(v) for v in value],
        share_text=[T_NO_OPERATING(lang) if pd.isna(v) else percent(v, lang) for v in value],
        plant_text=[
            f"{int(w)}/{int(o)}" for w, o in zip(data["with_plant"].fillna(0), data["operating"].fillna(0), strict=True)
        ],
    )[["code", "name", "share_text", "plant_text", "fill", "geometry"]]
    aliases = [
        Text("Đơn vị", "Unit")(lang),
        MEASURES[measure](lang),
        Text("Có trạm XLNT / đang hoạt động", "With a plant / operating")(lang),
    ]
    if tiles.is_large(data):  # a large set: from vector tiles (layers/tiles.py)
        return tiles.tiled_units(data, key="code", fields=["name", "share_text", "plant_text"], aliases=aliases,
                                 fill="fill", name=name, style={"color": "#555555", "weight": 1, "fillOpacity": 0.55},
                                 hover={"weight": 3, "fillOpacity": 0.7})  # fmt: skip
    return folium.GeoJson(
        safe_text.escaped(data, ["name", "share_text", "plant_text"]),
        name=name,
        style_function=lambda f: {
            "color": "#555555",
            "weight": 1,
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.55,
        },
        highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.7},
        tooltip=safe_text.geojson_tooltip(["name", "share_text", "plant_text"], aliases, sticky=False),
    )


def status_legend(counts: Mapping[Hashable, int], lang: Lang) -> render.Legend:
    items = [(f"{ww.COMPLIANCE[k](lang)} ({counts.get(k, 0)})", c) for k, c in COMPLIANCE_COLOURS.items()]
    legend = render.Legend(T_LEGEND(lang), items, position=STATUS_LEGEND[0], box=STATUS_LEGEND[1])
    note = (
        f'<div style="margin-top:2px"><span style="display:inline-block;width:10px;height:10px;border-radius:50%;'
        f'border:1.5px dashed #222;margin-right:5px;vertical-align:middle"></span>{T_MADE_UP(lang)}</div>'
    )
    legend.body = legend.body[: -len("</div>")] + note + "</div>"
    return legend


def share_legend(measure: str, lang: Lang) -> render.Legend:
    items = [(label, colour) for _, colour, label in SHARE_CLASSES] + [(T_NO_OPERATING(lang), NO_SITES_COLOUR)]
    return render.Legend(MEASURES[measure](lang), items, position=SHARE_LEGEND[0], box=SHARE_LEGEND[1])
