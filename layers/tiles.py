"""Large unit sets drawn from vector tiles the app serves itself, not embedded in the map's HTML (issue 13).

A map of 3,300 communes as one GeoJSON cost ~10 s of server CPU and 37 MB to the browser on every rerun. Above
:data:`TILED_MIN_FEATURES` features (or :data:`TILED_MIN_COORDS` vertices), :mod:`layers.render` draws the units from
Mapbox vector tiles instead:

- :func:`build_tiles` (the build itself is :mod:`geo.io.tiles`, so ``python -m geo tiles`` can build ahead of the
  first visitor) writes a directory of ``z/x/y.pbf`` tiles under ``static/tiles/<content hash>/``, which Streamlit
  serves at ``/app/static/tiles/…`` (``enableStaticServing``), once per content and atomically. A directory of tiles
  needs no HTTP range requests (PMTiles would; Streamlit 1.67's static serving answers them with 206 too, checked by
  a request).
- The tiles hold geometry and the join key only. What the page shows per unit — fill colour and tooltip text — comes
  with the map as a small JSON keyed by code (~60 bytes a unit), so the same tiles serve every page and value.
- :class:`TiledUnits` draws them with Leaflet.VectorGrid (npm ``leaflet.vectorgrid``, served from
  ``/app/static/vendor``, no CDN), SVG renderer: a tooltip whose text is set with ``textContent`` (data never parsed
  as HTML), the hovered unit outlined, and a click that reaches st_folium's ``last_object_clicked`` like a GeoJSON
  feature's (the home page selects the unit under it).
- :class:`ViewLabels` shows the labels of a large set only inside the view (and from their zoom on), so the page
  holds a few dozen label elements rather than thousands.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.io import tiles as tile_files

# the build lives in geo/io (``python -m geo tiles`` builds ahead of the first visitor); its names are used from here
from geo.io.tiles import (  # noqa: F401
    BUILD_TIMEOUT_S,
    KEY,
    LAYER,
    MAX_ZOOM,
    MIN_ZOOM,
    RECIPE,
    TILE_URL,
    UNUSED_DAYS,
    TileBuildError,
    TileSet,
    _built,
    _tile_set,
    _touched,
    content_hash,
    prune,
    tippecanoe_path,
)

TILED_MIN_FEATURES = tile_files.TILED_MIN_FEATURES  # this module's thresholds decide how a page draws a set
TILED_MIN_COORDS = tile_files.TILED_MIN_COORDS
TILE_ROOT = tile_files.TILE_ROOT
VECTORGRID_JS = ("leaflet_vectorgrid", "/app/static/vendor/leaflet.vectorgrid/Leaflet.VectorGrid.bundled.min.js")
ROWS_MEMO_SIZE = 32  # per-unit rows kept (a few hundred kB each at 3,300 units)
_rows_memo: dict[tuple[object, ...], list[list[str | None]]] = {}


def is_large(frame: gpd.GeoDataFrame) -> bool:
    """Whether ``frame`` is too large to embed in the map's HTML: draw it from tiles (this module's thresholds)."""
    return tile_files.is_large(frame, min_features=TILED_MIN_FEATURES, min_coords=TILED_MIN_COORDS)


def build_tiles(frame: gpd.GeoDataFrame, key: str = KEY, *, root: Path | None = None) -> TileSet:
    """The tiles of ``frame`` under ``root`` (default :data:`TILE_ROOT`), built once per content
    (:func:`geo.io.tiles.build_tiles`)."""
    return tile_files.build_tiles(frame, key, root=root or TILE_ROOT)


def tile_range(bounds: Sequence[float], zoom: int) -> tuple[int, int, int, int]:
    """The x0, y0, x1, y1 (inclusive) of the tiles at ``zoom`` covering ``bounds`` (minx, miny, maxx, maxy, °)."""
    n = 2**zoom

    def xy(lon: float, lat: float) -> tuple[int, int]:
        lat = max(min(lat, 85.0511), -85.0511)
        x = int((lon + 180.0) / 360.0 * n)
        y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)

    x0, y0 = xy(bounds[0], bounds[3])
    x1, y1 = xy(bounds[2], bounds[1])
    return x0, y0, x1, y1


def view_bytes(tiles: TileSet, bounds: Sequence[float], zoom: int) -> tuple[int, int]:
    """How many tiles, and bytes, the browser fetches to show ``bounds`` at ``zoom`` (tiles absent there: none)."""
    z = min(max(zoom, tiles.min_zoom), tiles.max_zoom)
    x0, y0, x1, y1 = tile_range(bounds, z)
    sizes = [p.stat().st_size for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)
             if (p := tiles.path / str(z) / str(x) / f"{y}.pbf").is_file()]  # fmt: skip
    return len(sizes), sum(sizes)


class TiledUnits(JSCSSMixin, MacroElement):  # type: ignore[misc]
    """Units drawn from vector tiles, each filled and titled from ``rows`` (one per unit, sent with the map).

    ``rows``: ``[code, fill colour or None, text, …]``: the fill (None: the layer's own) and the tooltip's values,
    shown under ``aliases``. Every text reaches the page through ``tojson`` and the DOM through ``textContent``.
    """

    default_js = [VECTORGRID_JS]  # noqa: RUF012 - folium's JSCSSMixin reads these class attributes
    default_css: list[tuple[str, str]] = []  # noqa: RUF012
    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
            var rows = {{ this.rows|tojson }}, aliases = {{ this.aliases|tojson }};
            var base = {{ this.style|tojson }}, hover = {{ this.hover|tojson }};
            var info = {};
            rows.forEach(function (r) { info[r[0]] = r; });
            function style(p) {
                var r = info[p.{{ this.key }}];
                return L.extend({}, base, {fill: true, fillColor: (r && r[1]) || base.fillColor});
            }
            var styles = {};
            styles[{{ this.layer_name|tojson }}] = style;
            // Past the deepest tiles, a tile is cut from its ancestor and drawn at full size (Leaflet's own
            // overzoom would scale the drawing, strokes too: 8 px lines at 3 zooms past).
            var deepest = {{ this.max_zoom }}, Protobuf = L.VectorGrid.Protobuf;
            var Grid = Protobuf.extend({
                _getVectorTilePromise: function (c) {
                    var k = Math.pow(2, c.z - deepest);
                    if (k <= 1) { return Protobuf.prototype._getVectorTilePromise.call(this, c); }
                    var up = {x: Math.floor(c.x / k), y: Math.floor(c.y / k), z: deepest};
                    return Protobuf.prototype._getVectorTilePromise.call(this, up).then(function (tile) {
                        Object.keys(tile.layers).forEach(function (n) {
                            var t = tile.layers[n], ox = (c.x - up.x * k) * t.extent / k,
                                oy = (c.y - up.y * k) * t.extent / k;
                            t.features.forEach(function (f) {
                                f.geometry = f.geometry.map(function (ring) {
                                    return ring.map(function (q) { return {x: (q.x - ox) * k, y: (q.y - oy) * k}; });
                                });
                            });
                        });
                        return tile;
                    });
                }
            });
            var layer = new Grid({{ this.url|tojson }}, {
                rendererFactory: L.svg.tile, interactive: true, vectorTileLayerStyles: styles,
                getFeatureId: function (f) { return f.properties.{{ this.key }}; },
                minNativeZoom: {{ this.min_zoom }}, maxZoom: 20,
                bounds: L.latLngBounds({{ this.bounds|tojson }}), pane: 'overlayPane', attribution: ''
            });
            function tipContent(r) {
                var box = document.createElement('div');
                aliases.forEach(function (a, i) {
                    var line = document.createElement('div'), b = document.createElement('b');
                    b.textContent = a + ': ';
                    line.appendChild(b);
                    line.appendChild(document.createTextNode(r[i + 2] == null ? '' : String(r[i + 2])));
                    box.appendChild(line);
                });
                return box;
            }
            var tip = L.tooltip({sticky: false, direction: 'top', offset: [0, -6]}), shown = null;
            function code(e) { return e.layer && e.layer.properties ? e.layer.properties.{{ this.key }} : null; }
            layer.on('mouseover', function (e) {
                var c = code(e), r = info[c];
                if (shown !== null && shown !== c) { layer.resetFeatureStyle(shown); }
                shown = c;
                layer.setFeatureStyle(c, L.extend({}, style(e.layer.properties), hover));
                if (r) { tip.setContent(tipContent(r)).setLatLng(e.latlng); map.openTooltip(tip); }
            });
            layer.on('mouseout', function (e) {
                if (shown !== null) { layer.resetFeatureStyle(shown); shown = null; }
                map.closeTooltip(tip);
            });
            layer.on('click', function (e) {
                // st_folium reads a clicked layer's toGeoJSON(); a tile feature keeps no lat/lngs, so give it one
                var c = code(e);
                if (e.layer) {
                    e.layer.toGeoJSON = function () {
                        var p = {};
                        p[{{ this.key|tojson }}] = c;
                        return {type: 'Feature', properties: p, geometry: null};
                    };
                }
            });
            return layer.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(
        self,
        tiles: TileSet,
        rows: list[list[str | None]],
        aliases: Sequence[str],
        *,
        style: Mapping[str, object],
        hover: Mapping[str, object],
        name: str = "units",
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "TiledUnits"
        self.layer_name = LAYER
        self.key = KEY
        self.layer_title = name
        self.url = tiles.url
        self.rows = rows
        self.aliases = list(aliases)
        self.style = style
        self.hover = hover
        self.min_zoom, self.max_zoom = tiles.min_zoom, tiles.max_zoom
        minx, miny, maxx, maxy = tiles.bounds
        self.bounds = [[miny, minx], [maxy, maxx]]
        self.tile_set = tiles


def tiled_units(
    frame: gpd.GeoDataFrame,
    *,
    key: str,
    fields: Sequence[str],
    aliases: Sequence[str],
    style: Mapping[str, object],
    hover: Mapping[str, object],
    fill: str | None = None,
    name: str = "units",
    shown: Callable[[gpd.GeoDataFrame], pd.DataFrame] | None = None,
    variant: str = "",
    root: Path | None = None,
) -> TiledUnits:
    """``frame`` drawn from its tiles (built if needed), styled with Leaflet path ``style``, filled from the colour
    column ``fill`` (else ``style``'s), with a tooltip of ``fields`` titled ``aliases``.

    ``shown(frame)`` turns the fields into the text people read (numbers formatted in a language…); its result is
    kept per content (tiles, ``variant`` such as the language, and every attribute value), so a rerun with the same
    data does not format 3,300 numbers again."""
    tiles = build_tiles(frame, key, root=root)
    attributes = frame.drop(columns=frame.geometry.name)
    values = hashlib.sha256(pd.util.hash_pandas_object(attributes, index=False).to_numpy().tobytes())
    memo = (tiles.digest, variant, key, fill, tuple(fields), tuple(attributes.columns), values.hexdigest())
    rows = _rows_memo.get(memo)
    if rows is None:
        texts = shown(frame) if shown is not None else frame
        columns = [frame[key].astype(str).tolist(), frame[fill].tolist() if fill else [None] * len(frame)]
        columns += [[None if _missing(v) else str(v) for v in texts[f]] for f in fields]
        rows = [list(r) for r in zip(*columns, strict=True)]
        _rows_memo[memo] = rows
        while len(_rows_memo) > ROWS_MEMO_SIZE:
            _rows_memo.pop(next(iter(_rows_memo)))
    return TiledUnits(tiles, rows, aliases, style=_leaflet_style(style), hover=hover, name=name)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _leaflet_style(style: Mapping[str, object]) -> dict[str, object]:
    return {k: v for k, v in style.items() if v is not None}


class ViewLabels(MacroElement):  # type: ignore[misc]
    """Text labels of a large set: one JSON array of [lat, lon, text], of which only those inside the view are on
    the map (redone after every move), and none below ``min_zoom``. Texts are set with ``textNode``."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
            var rows = {{ this.rows|tojson }}, group = L.layerGroup().addTo(map), minZoom = {{ this.min_zoom }};
            function marker(p) {
                var div = document.createElement('div');
                div.className = {{ this.css_class|tojson }};
                div.style.fontSize = '{{ this.size_px }}px';
                div.style.textAlign = 'center';
                p[2].split('\\n').forEach(function (line, i) {
                    if (i) { div.appendChild(document.createElement('br')); }
                    div.appendChild(document.createTextNode(line));
                });
                return L.marker([p[0], p[1]], {icon: L.divIcon({html: div, className: 'empty', iconSize: [0, 0]}),
                                               interactive: false, keyboard: false});
            }
            function update() {
                group.clearLayers();
                if (map.getZoom() < minZoom) { return; }
                var view = map.getBounds().pad(0.2);
                rows.forEach(function (p) { if (view.contains([p[0], p[1]])) { group.addLayer(marker(p)); } });
            }
            map.on('moveend zoomend', update);
            map.whenReady(update);
            return group;
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, rows: list[list[float | str]], *, size_px: int, min_zoom: int, css_class: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ViewLabels"
        self.rows = rows
        self.size_px = int(size_px)
        self.min_zoom = int(min_zoom)
        self.css_class = css_class
