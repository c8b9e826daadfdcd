"""One way for every page to show a folium map that keeps its view across reruns.

st_folium reports the map's view after every move, but its report can lag one run behind a programmatic move, so
feeding reports straight back as ``center``/``zoom`` makes the map oscillate. Here the arguments change only when the
page asks for a new view:

- a new ``view_id`` (say, another unit chosen) moves the map to ``default_view``;
- otherwise the requested view stays what it was, so reruns (filters, panning) never move the map;
- when the map's content changes (``content_key``: language, layer, data), the map is rebuilt starting from where the
  user last had it, so even then the view is kept.

Call it inside an ``st.fragment`` so that panning reruns only the map, not the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

View = tuple[tuple[float, float], int]


def show_map(
    build: Callable[[tuple[float, float], int], folium.Map],
    *,
    key: str,
    view_id: str,
    content_key: str,
    default_view: View,
    feature_group: folium.FeatureGroup | None = None,
    height: int = 600,
    returned: Sequence[str] = (),
) -> dict[str, Any]:
    """Build the map with ``build(center, zoom)`` and show it; returns st_folium's result."""
    state_key = f"{key}__view"
    s = st.session_state.get(state_key)
    if s is None or s["id"] != view_id:
        s = {"id": view_id, "content": content_key, "requested": default_view, "current": default_view}
    elif s["content"] != content_key:
        s = {**s, "content": content_key, "requested": s["current"]}
    st.session_state[state_key] = s
    (center, zoom) = s["requested"]
    result = st_folium(
        build(center, zoom),
        key=key,
        height=height,
        use_container_width=True,
        center=center,
        zoom=zoom,
        feature_group_to_add=feature_group,
        returned_objects=["center", "zoom", *returned],
    )
    result = result or {}
    reported_center, reported_zoom = result.get("center"), result.get("zoom")
    if isinstance(reported_center, dict) and reported_zoom is not None:
        s["current"] = ((float(reported_center["lat"]), float(reported_center["lng"])), int(reported_zoom))
    return result
