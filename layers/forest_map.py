"""Folium rendering of the forest page: the choropleth of cover % by unit in classes around the 37 % target, its
legend with the target marked, and the class raster as an image overlay (a small Web Mercator copy, as a PNG).

No branca colormap (it loads d3 from a CDN) and no marker icons: everything draws offline.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

import folium
import geopandas as gpd
import numpy as np
import numpy.typing as npt

from geo.forest.cover import COVER_BREAKS, TARGET_PCT, ForestRaster, cover_class
from layers import safe_text, tiles
from layers.forest_display import DisplayImage
from layers.render import Legend

COVER_COLOURS = ("#f1ede0", "#dce9b4", "#a9d08e", "#4caf50", "#1b5e20")  # <10, 10–20, 20–37, 37–50, ≥50 %
NO_VALUE = "#bdbdbd"
TARGET_COLOUR = "#c62828"
TIP_STYLE = "font-size:12px;font-family:system-ui,sans-serif"


def cover_labels(breaks: Sequence[float] = COVER_BREAKS) -> list[str]:
    """``["< 10 %", "10–20 %", "20–37 %", "37–50 %", "≥ 50 %"]`` for the default breaks."""
    edges = [f"{b:g}" for b in breaks]
    return [f"< {edges[0]} %", *(f"{a}–{b} %" for a, b in itertools.pairwise(edges)), f"≥ {edges[-1]} %"]


def cover_colour(pct: float) -> str:
    index = cover_class(pct)
    return NO_VALUE if index < 0 else COVER_COLOURS[index]


class CoverLegend(Legend):
    """The cover classes (highest first) with the target drawn as a red line between the classes it separates.

    Narrow, and top-left by default: at the province's default view that corner of the map is empty."""

    def __init__(
        self, title: str, target_label: str, *, no_value: str | None = None, position: str = "topleft"
    ) -> None:
        super().__init__(title, [], position=position)
        labels = cover_labels()
        rows = []
        for index in reversed(range(len(COVER_COLOURS))):
            rows.append(_swatch(COVER_COLOURS[index], labels[index]))
            if index > 0 and COVER_BREAKS[index - 1] == TARGET_PCT:
                rows.append(
                    f'<div class="forest-target" style="margin:3px 0;color:{TARGET_COLOUR};font-weight:600">'
                    f'<span style="display:inline-block;width:14px;border-top:3px solid {TARGET_COLOUR};'
                    f'margin-right:6px;vertical-align:middle"></span>{html.escape(target_label)}</div>'
                )
        if no_value:
            rows.append(_swatch(NO_VALUE, no_value))
        self.body = _box("forest-legend", title, rows, 170)


def raster_legend(title: str, items: Sequence[tuple[str, str]], *, position: str = "topright") -> Legend:
    """The overlay's classes (label, colour), in the top-right corner, which is empty at the default view."""
    legend = Legend(title, items, position=position)
    legend.body = _box("forest-raster-legend", title, [_swatch(colour, label) for label, colour in items], 240)
    return legend


def _box(css_class: str, title: str, rows: Sequence[str], width_px: int) -> str:
    return (
        f'<div class="{css_class}" style="background:rgba(255,255,255,.94);padding:6px 8px;border:1px solid #999;'
        f'border-radius:4px;font:12px/1.35 system-ui,sans-serif;max-width:{width_px}px">'
        f"<b>{html.escape(title)}</b>{''.join(rows)}</div>"
    )


def _swatch(colour: str, label: str) -> str:
    return (
        f'<div><span style="display:inline-block;width:14px;height:14px;background:{html.escape(colour)};'
        f'border:1px solid #555;margin-right:6px;vertical-align:middle"></span>{html.escape(label)}</div>'
    )


def choropleth(
    frame: gpd.GeoDataFrame,
    *,
    fields: Sequence[str],
    aliases: Sequence[str],
    tooltip_fields: int = 4,
    fill_opacity: float = 0.75,
    name: str = "forest_cover",
) -> folium.GeoJson | tiles.TiledUnits:
    """Units filled by the class of ``forest_pct``; the tooltip shows the first ``tooltip_fields`` of ``fields``
    (titled ``aliases``), a click opens a popup with all of them. A large set is drawn from vector tiles (tooltip
    of every field, no popup)."""
    data = frame[[*fields, "forest_pct", "geometry"]].copy()
    data["fill"] = [cover_colour(v) for v in data["forest_pct"]]
    if tiles.is_large(frame):
        return tiles.tiled_units(data.assign(code=frame["code"]), key="code", fields=fields, aliases=aliases,
                                 fill="fill", name=name, hover={"weight": 3, "color": "#0d47a1"},
                                 style={"color": "#37474f", "weight": 1.2, "fillOpacity": fill_opacity})  # fmt: skip
    data = safe_text.escaped(data.drop(columns="forest_pct"), fields)
    short, short_aliases = list(fields)[:tooltip_fields], list(aliases)[:tooltip_fields]
    layer = folium.GeoJson(
        data,
        name=name,
        style_function=lambda f: {"color": "#37474f", "weight": 1.2, "fillColor": f["properties"]["fill"],
                                  "fillOpacity": fill_opacity},
        highlight_function=lambda _f: {"weight": 3, "color": "#0d47a1"},
        tooltip=safe_text.geojson_tooltip(short, short_aliases, sticky=False, style=TIP_STYLE),
    )  # fmt: skip
    safe_text.geojson_popup(fields, aliases, style=TIP_STYLE, localize=False).add_to(layer)
    return layer


def class_rgba(image: DisplayImage, raster: ForestRaster) -> npt.NDArray[np.uint8]:
    """RGBA pixels of the overlay: forest classes (cover and area-only) in their colours, everything else clear."""
    lut = np.zeros((max(256, int(image.classes.max()) + 1), 4), dtype=np.uint8)
    for value in (*raster.cover, *raster.area_only):
        if 0 <= value < len(lut):
            colour = raster.colour(value).lstrip("#")
            lut[value] = [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [255]
    return lut[image.classes.astype(np.int64)]


def overlay(
    image: DisplayImage, raster: ForestRaster, *, opacity: float, name: str
) -> folium.raster_layers.ImageOverlay:
    """The raster drawn over the map (not interactive: hovering still reaches the units below)."""
    south, west, north, east = image.bounds
    return folium.raster_layers.ImageOverlay(
        class_rgba(image, raster), bounds=[[south, west], [north, east]], opacity=opacity, name=name,
        interactive=False, cross_origin=False, zindex=2,
    )  # fmt: skip


def raster_legend_items(raster: ForestRaster, lang: str) -> list[tuple[str, str]]:
    """(label, colour) of the raster's forest classes, as the overlay draws them."""
    items = []
    for value in (*raster.cover, *raster.area_only):
        cls = next((c for c in raster.classes if c.value == value), None)
        if cls is not None:
            items.append((cls.title("en" if lang == "en" else "vi"), cls.colour))
    return items
