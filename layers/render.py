"""Folium rendering of declared layers: pure functions from (spec, frame) to folium objects, testable without a browser.

Leaflet is served by the app itself (``/app/static/vendor``, installed from the npm registry at set-up), never from a
public CDN, so a map draws on a machine with no internet. Base tiles are configurable; with none, boundaries and
labels are drawn on a plain background.

Every map lets the page scroll under the mouse wheel: the wheel zooms only once the map was clicked (until the mouse
leaves it) or with Ctrl held (:class:`WheelOnFocus`, inline script, no CDN). Labels of many small units show only from
:data:`DENSE_LABELS_MIN_ZOOM` on, and legends fold away with their − / + button.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.errors import Lang
from geo.text.format import QUANTITY_OF_UNIT, quantity
from layers import safe_text, tiles
from layers.boundaries import display_name, unit_type
from layers.spec import LayerSpec

ASSET_BASE = "/app/static/vendor"
LOCAL_JS = [("leaflet", f"{ASSET_BASE}/leaflet/leaflet.js")]
LOCAL_CSS = [("leaflet_css", f"{ASSET_BASE}/leaflet/leaflet.css")]
PROVINCE_CENTER = (21.37, 106.45)
DENSE_LABELS = 15  # a layer with more labels than this hides them at province zoom
DENSE_LABELS_MIN_ZOOM = 11
ZOOM_CLASSES = range(6, 16)  # the map's container carries "below-z<k>" for every k above the current zoom
PLAIN_BACKGROUND = "#f4f1ea"
OSM = (
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)


def use_local_assets(element: Any) -> None:
    """Point an element (Map or plugin) at the app's own copies of its scripts and styles instead of CDNs."""
    element.default_js = list(LOCAL_JS)
    element.default_css = list(LOCAL_CSS)


def base_map(tiles: str = "osm", *, location: Sequence[float] = PROVINCE_CENTER, zoom: int = 9) -> folium.Map:
    """An empty map served offline-first. ``tiles``: "osm", "none", or an XYZ URL template."""
    m = folium.Map(
        location=list(location),
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        scrollWheelZoom=False,
    )
    use_local_assets(m)
    WheelOnFocus().add_to(m)
    if tiles == "osm":
        folium.TileLayer(OSM[0], attr=OSM[1], name="OpenStreetMap", max_zoom=19).add_to(m)
    elif tiles != "none":
        folium.TileLayer(tiles, attr="Base map", name="Base map").add_to(m)
    css = (
        f".leaflet-container{{background:{PLAIN_BACKGROUND};font-family:system-ui,sans-serif}}"
        ".unit-label{font-weight:600;color:#1b2a38;text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap;"
        "width:max-content;pointer-events:none;transform:translate(-50%,-50%)}"
        + "".join(f".below-z{k} .min-zoom-{k}{{display:none}}" for k in ZOOM_CLASSES)
        + ".map-legend{position:relative}.map-legend .legend-toggle{position:absolute;top:-9px;right:-9px;z-index:2;"
        "width:20px;height:20px;padding:0;border:1px solid #777;border-radius:50%;background:#fff;cursor:pointer;"
        "font:bold 14px/17px system-ui,sans-serif;box-shadow:0 1px 2px rgba(0,0,0,.25)}"
        ".map-legend .legend-folded{display:none;background:#fff;"
        "border:1px solid #999;border-radius:4px;padding:3px 28px 3px 8px;font:600 12px system-ui,sans-serif;"
        "max-width:220px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}"
        ".map-legend.folded .legend-body{display:none}.map-legend.folded .legend-folded{display:block}"
    )
    root: Any = m.get_root()
    root.header.add_child(Element(f"<style>{css}</style>"))
    return m


def _style(spec: LayerSpec, fill: str | None = None) -> dict[str, object]:
    s = spec.style
    return {"color": s.color, "weight": s.weight, "fillColor": fill or s.fill_color, "fillOpacity": s.fill_opacity}


def units_layer(
    frame: gpd.GeoDataFrame, spec: LayerSpec, *, lang: Lang = "vi", fields: Sequence[str] | None = None
) -> folium.GeoJson | tiles.TiledUnits:
    """The polygons of a unit layer with a tooltip of its popup fields (titles in the chosen language).

    A large set (:func:`layers.tiles.is_large`) is drawn from vector tiles the app serves, not embedded."""
    fields = list(fields or spec.popup)
    aliases = [spec.column(f).title(lang) for f in fields]
    data = frame[[*fields, spec.join_key, "geometry"]] if spec.join_key not in fields else frame[[*fields, "geometry"]]
    style = _style(spec)
    if tiles.is_large(frame):
        hover = {"weight": spec.style.weight + 2, "fillOpacity": 0.35}
        return tiles.tiled_units(frame, key=spec.join_key, fields=fields, aliases=aliases, style=style, hover=hover,
                                 name=spec.title(lang), shown=lambda f: people_text(f[data.columns], spec, f, lang),
                                 variant=lang)  # fmt: skip
    data = people_text(data, spec, frame, lang)
    return folium.GeoJson(
        safe_text.escaped(data, fields),
        name=spec.title(lang),
        style_function=lambda _f: style,
        highlight_function=lambda _f: {"weight": spec.style.weight + 2, "fillOpacity": 0.35},
        tooltip=safe_text.geojson_tooltip(fields, aliases, sticky=False),
    )


def people_text(data: gpd.GeoDataFrame, spec: LayerSpec, frame: gpd.GeoDataFrame, lang: Lang) -> gpd.GeoDataFrame:
    """Tooltip values as people read them in ``lang``: numbers by their column's quantity, unit types and full
    names in the language ("Huyện Lục Ngạn" → "Lục Ngạn District")."""
    out = data.copy()
    for field in out.columns:
        column = next((c for c in spec.columns if c.name == field), None)
        kind = QUANTITY_OF_UNIT.get(column.unit or "") if column is not None else None
        if kind is not None:
            out[field] = [quantity(v, kind, lang) for v in out[field]]
    if "unit_type" in out.columns:
        out["unit_type"] = [unit_type(v, lang) for v in out["unit_type"]]
    if "name_full" in out.columns and {"name", "unit_type"} <= set(frame.columns):
        out["name_full"] = [display_name(n, f, k, lang) for n, f, k in
                            zip(frame["name"], frame["name_full"], frame["unit_type"], strict=True)]  # fmt: skip
    return out


def labels_layer(frame: gpd.GeoDataFrame, spec: LayerSpec, *, name: str = "labels") -> MacroElement:
    """Unit names at a point inside each polygon, drawn as HTML (no tiles needed)."""
    if spec.label is None:
        return folium.FeatureGroup(name=name, control=False)
    return text_labels(frame, spec.label, size_px=spec.style.label_size_px, name=name)


def text_labels(
    frame: gpd.GeoDataFrame, column: str, *, size_px: int = 12, name: str = "labels", min_zoom: int | None = None
) -> TextLabels | tiles.ViewLabels:
    """The text of ``column`` (newlines kept) at a point inside each feature.

    Shown from zoom ``min_zoom`` on; by default from :data:`DENSE_LABELS_MIN_ZOOM` when there are more than
    :data:`DENSE_LABELS` labels (58 commune names do not fit at province zoom), always otherwise.
    """
    if min_zoom is None and len(frame) > DENSE_LABELS:
        min_zoom = DENSE_LABELS_MIN_ZOOM
    css_class = f"unit-label min-zoom-{min_zoom}" if min_zoom is not None else "unit-label"
    points = frame.geometry.representative_point()
    rows: list[list[float | str]] = [
        [round(float(y), 6), round(float(x), 6), str(label)]
        for label, x, y in zip(frame[column], points.x, points.y, strict=True)
    ]
    if len(rows) >= tiles.TILED_MIN_FEATURES:  # only the labels in view are drawn
        return tiles.ViewLabels(rows, size_px=size_px, min_zoom=min_zoom or 0, css_class=css_class)
    return TextLabels(rows, size_px=size_px, name=name, css_class=css_class)


class TextLabels(MacroElement):  # type: ignore[misc]
    """Text labels as one layer: one JSON array of [lat, lon, text] and one loop of Leaflet divIcon markers.

    One folium DivIcon marker per label compiled a jinja2 template per label (41 % of a home-map rerun, issue 13) and
    repeated the markup in the page; here the page carries the texts once. A text is set with ``textNode`` (lines
    split at newlines), so it is never parsed as HTML; the array is ``tojson``-encoded (<, >, & escaped).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup().addTo({{ this._parent.get_name() }});
        {{ this.rows|tojson }}.forEach(function (p) {
            var div = document.createElement("div");
            div.className = {{ this.css_class|tojson }};
            div.style.fontSize = "{{ this.size_px }}px";
            div.style.textAlign = "center";
            p[2].split("\\n").forEach(function (line, i) {
                if (i) { div.appendChild(document.createElement("br")); }
                div.appendChild(document.createTextNode(line));
            });
            L.marker([p[0], p[1]], {
                icon: L.divIcon({html: div, className: "empty", iconSize: [0, 0]}),
                interactive: false, keyboard: false
            }).addTo({{ this.get_name() }});
        });
        {% endmacro %}"""
    )

    def __init__(
        self, rows: list[list[float | str]], *, size_px: int = 12, name: str = "labels", css_class: str = "unit-label"
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "TextLabels"
        self.layer_name = name
        self.rows = rows
        self.size_px = int(size_px)
        self.css_class = css_class


def highlight_layer(frame: gpd.GeoDataFrame, spec: LayerSpec, *, name: str = "selection") -> folium.FeatureGroup:
    """The selected unit(s), outlined in the highlight colour."""
    group = folium.FeatureGroup(name=name, control=False)
    colour = spec.style.highlight_color
    folium.GeoJson(
        frame[["geometry"]],
        style_function=lambda _f: {"color": colour, "weight": 4, "fillColor": colour, "fillOpacity": 0.12},
    ).add_to(group)
    return group


def view_for_bounds(
    bounds: Iterable[float], *, width_px: int = 800, height_px: int = 560, max_zoom: int = 15, padding: float = 0.1
) -> tuple[tuple[float, float], int]:
    """Center and the largest Leaflet zoom at which ``bounds`` (minx, miny, maxx, maxy in degrees) fit the map
    with ``padding`` (a share of the map's size) left free on every side."""
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    width_px = int(width_px * (1 - 2 * padding))
    height_px = int(height_px * (1 - 2 * padding))

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = max(maxx - minx, 1e-6) / 360.0
    dy = max(merc_y(maxy) - merc_y(miny), 1e-6) / (2 * math.pi)
    zoom = math.floor(min(math.log2(width_px / 256 / dx), math.log2(height_px / 256 / dy)))
    return ((miny + maxy) / 2, (minx + maxx) / 2), max(1, min(max_zoom, zoom))


class WheelOnFocus(MacroElement):  # type: ignore[misc]
    """The mouse wheel scrolls the page over the map; it zooms once the map was clicked or focused (until the mouse
    leaves the map or the map loses focus), or at once with Ctrl held. Leaflet's own wheel zoom starts disabled."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (map) {
            var box = map.getContainer();
            function on() { map.scrollWheelZoom.enable(); box.classList.add('wheel-zoom'); }
            function off() { map.scrollWheelZoom.disable(); box.classList.remove('wheel-zoom'); }
            map.on('click focus', on);
            map.on('mouseout blur', off);
            window.addEventListener('blur', off);
            box.addEventListener('wheel', function (e) {
                if (!e.ctrlKey || map.scrollWheelZoom.enabled()) { return; }
                e.preventDefault();
                var step = e.deltaY < 0 ? 1 : -1;
                map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + step);
            }, {passive: false});
            function zoomClasses() {
                var z = map.getZoom();
                {% for k in this.zoom_classes %}box.classList.toggle('below-z{{ k }}', z < {{ k }});{% endfor %}
            }
            map.on('zoomend', zoomClasses);
            zoomClasses();
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "WheelOnFocus"
        self.zoom_classes = list(ZOOM_CLASSES)


class Legend(MacroElement):  # type: ignore[misc]
    """A categorical legend as a Leaflet control, so it shows inside the map (also in st_folium and exports).

    It folds to its title with its − / + button (folded from the start on a map narrower than 520 px), and clicks or
    wheel turns on it do not reach the map. branca's colormaps load d3 from a CDN, so they are not used.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create('div', 'map-legend');
            div.innerHTML = '<button type="button" class="legend-toggle"></button><div class="legend-body">'
                + {{ this.body|tojson }} + '</div><div class="legend-folded"></div>';
            div.querySelector('.legend-folded').textContent = {{ this.title|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            var button = div.querySelector('.legend-toggle');
            function fold(folded) {
                div.classList.toggle('folded', folded);
                button.textContent = folded ? '+' : '\u2212';
                button.setAttribute('aria-expanded', String(!folded));
                button.setAttribute('title', {{ this.title|tojson }});
            }
            button.addEventListener('click', function () { fold(!div.classList.contains('folded')); });
            fold(map.getSize().x < 520);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(
        self,
        title: str,
        items: Sequence[tuple[str, str]],
        *,
        position: str = "bottomright",
        box: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Legend"
        self.title = title
        self.position = position
        self.box = box
        swatch = 11 if box else 14
        rows = "".join(
            f'<div{INLINE_ROW if box else ""}><span style="display:inline-block;width:{swatch}px;height:{swatch}px;'
            f'background:{html.escape(colour)};border:1px solid #555;margin-right:5px;vertical-align:middle"></span>'
            f"{html.escape(label)}</div>"
            for label, colour in items
        )
        self.body = f'<div style="{box_style(box)}"><b style="display:block">{html.escape(title)}</b>{rows}</div>'


INLINE_ROW = ' style="display:inline-block;margin-right:10px;white-space:nowrap"'
LEGEND_MARGIN = 10  # px between a Leaflet control and the map's edge
# px taken below a legend in a bottom corner by the controls drawn first: the scale bar (two lines), the attribution
BELOW = {"bottomleft": 50, "bottomright": 22}


def box_style(box: tuple[int, int] | None, font: str = "13px") -> str:
    """The CSS of a legend's box: a compact one of at most ``box`` = (width, height) px (its content scrolls rather
    than grow past it), or the plain one sized by its content."""
    base = "background:rgba(255,255,255,.92);padding:8px 10px;border:1px solid #999;border-radius:4px;"
    if box is None:
        return base + f"font:{font} system-ui,sans-serif"
    width, height = box
    return (
        base.replace("padding:8px 10px", "padding:4px 8px")
        + f"font:10.5px/1.3 system-ui,sans-serif;width:{width}px;max-height:{height}px;overflow:auto;"
        "box-sizing:border-box"
    )


def legend_rect(position: str, box: tuple[int, int], map_size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The pixels (x0, y0, x1, y1 from the map's top-left corner) a legend's ``box`` can take at ``position``
    ("topright", "bottomleft" …) on a map of ``map_size`` = (width, height) px."""
    (width, height), (map_width, map_height) = box, map_size
    x0 = LEGEND_MARGIN if position.endswith("left") else map_width - LEGEND_MARGIN - width
    y0 = LEGEND_MARGIN if position.startswith("top") else map_height - LEGEND_MARGIN - BELOW[position] - height
    return x0, y0, x0 + width, y0 + height


def coloured_units(
    frame: gpd.GeoDataFrame,
    *,
    colour: str,
    fields: Sequence[str],
    aliases: Sequence[str],
    name: str = "units",
    key: str = "code",
) -> folium.GeoJson | tiles.TiledUnits:
    """Polygons filled with the colour in column ``colour``, with a tooltip of ``fields`` (titled ``aliases``); a
    large set from vector tiles (features found by ``key``)."""
    if tiles.is_large(frame):
        return tiles.tiled_units(frame, key=key, fields=fields, aliases=aliases, fill=colour, name=name,
                                 style={"color": "#333333", "weight": 1.2, "fillOpacity": 0.75},
                                 hover={"weight": 3, "fillOpacity": 0.9})  # fmt: skip
    data = safe_text.escaped(frame[[*fields, colour, "geometry"]], fields)
    return folium.GeoJson(
        data,
        name=name,
        style_function=lambda f: {
            "color": "#333333",
            "weight": 1.2,
            "fillColor": f["properties"][colour],
            "fillOpacity": 0.75,
        },
        highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.9},
        tooltip=safe_text.geojson_tooltip(fields, aliases, sticky=False),
    )


class TitleBox(MacroElement):  # type: ignore[misc]
    """A title, data date and source drawn on the map itself (for presentation mode and screenshots)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: 'topright'});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create('div', 'map-title');
            div.innerHTML = {{ this.body|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, title: str, lines: Sequence[str], *, font_px: int = 22) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "TitleBox"
        rest = "".join(f'<div style="font-size:{max(12, font_px // 2)}px;color:#333">{html.escape(x)}</div>'
                       for x in lines)  # fmt: skip
        self.body = (
            '<div style="background:rgba(255,255,255,.92);padding:8px 12px;border:1px solid #999;border-radius:4px;'
            f'font-family:system-ui,sans-serif;max-width:640px"><div style="font-size:{font_px}px;font-weight:700">'
            f"{html.escape(title)}</div>{rest}</div>"
        )
