"""A folium map turned into the arguments of st_folium's component, once; then drawn with any session's view.

``streamlit_folium.st_folium`` builds these strings from the map on every call (rendering the whole figure: most of a
page's rerun CPU). :func:`render` does the same work once, giving a :class:`Rendered` that can be cached and shared;
:func:`draw` calls the component with it plus one session's center, zoom and feature group, keeping st_folium's
behaviour: the same widget key (``generate_js_hash`` of the script and the key), the returned objects, the defaults
before the first interaction, ``feature_group_to_add`` drawn on top, and ``st.session_state[key]`` set on change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import branca
import folium
import folium.elements
import streamlit as st
import streamlit_folium as sf

D3_LINKS = ("https://d3js.org/d3.v4.min.js", "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js")


@dataclass(frozen=True)
class Rendered:
    """What the component needs from a map, as strings: immutable, so one copy serves every session."""

    script: str
    header: str
    html: str
    map_id: str
    hash_key: str  # st_folium's widget key: the script without its random ids, plus the page's key
    bounds: dict[str, dict[str, float | None]]
    zoom: int | None
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def _walk(element: Any) -> Iterator[Any]:
    if isinstance(element, (branca.colormap.ColorMap, folium.elements.JSCSSMixin)):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def render(m: folium.Map, key: str) -> Rendered:
    """What ``st_folium(m, key=key)`` sends, computed the same way (streamlit_folium 0.2x); ``m`` is consumed."""
    m.get_root().render()  # type: ignore[no-untyped-call]
    m.render()  # type: ignore[no-untyped-call]
    html = sf._get_html(m)  # before the map string, which alters the folium tree
    header = sf._get_header(m)
    script = sf._get_map_string(m)
    try:
        (south, west), (north, east) = m.get_bounds()
    except AttributeError:
        south = west = north = east = None
    zoom = m.options.get("zoom")
    css: list[str] = []
    js: list[str] = []
    for element in _walk(m):
        if isinstance(element, branca.colormap.ColorMap):
            js[:0] = D3_LINKS
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return Rendered(
        script=script,
        header=header,
        html=html,
        map_id=sf.get_full_id(m),
        hash_key=sf.generate_js_hash(script, key, False),
        bounds={"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}},
        zoom=zoom if isinstance(zoom, int) else None,
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
    )


def feature_group_script(groups: folium.FeatureGroup | Sequence[folium.FeatureGroup]) -> str:
    """st_folium's script for ``feature_group_to_add``: the groups are added to ``map_div`` in the browser.

    st_folium adds the groups to the page's map object to name their parent; a throwaway map stands in for it here,
    so the cached map is never changed."""
    standin = folium.Map(tiles=None)
    items = [groups] if isinstance(groups, folium.FeatureGroup) else list(groups)
    return "".join(sf._get_feature_group_string(g, map=standin, idx=i) for i, g in enumerate(items))


def draw(
    rendered: Rendered,
    *,
    key: str,
    center: tuple[float, float],
    zoom: int,
    height: int,
    returned: Sequence[str],
    features: str | None = None,
) -> Any:
    """The component with the cached map, this session's view and feature groups (:func:`feature_group_script`);
    returns what st_folium returns."""
    defaults: dict[str, Any] = {
        "last_clicked": None,
        "last_object_clicked": None,
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "all_drawings": None,
        "last_active_drawing": None,
        "bounds": {corner: dict(point) for corner, point in rendered.bounds.items()},
        "zoom": rendered.zoom,
        "last_circle_radius": None,
        "last_circle_polygon": None,
        "selected_layers": None,
        "selected_tags": None,
        "last_geocoder_result": None,
    }
    hash_key = rendered.hash_key

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return sf._component_func(
        script=rendered.script,
        header=rendered.header,
        html=rendered.html,
        id=rendered.map_id,
        key=hash_key,
        height=height,
        width=None,  # use_container_width
        returned_objects=list(returned),
        default={k: v for k, v in defaults.items() if k in returned},
        zoom=zoom,
        center=center,
        feature_group=features,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(rendered.css_links),
        js_links=list(rendered.js_links),
        on_change=on_change,
        wrap_longitude=False,
    )
