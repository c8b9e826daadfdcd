"""One way for every page to show a folium map that keeps its view across reruns.

The view (center, zoom) lives in session state under the map's key. A new ``view_id`` (say, another unit chosen)
moves the map to ``default_view``; otherwise the map stays where the user panned it, because st_folium reports its
center and zoom back and they are passed in again on the next run. Call it inside an ``st.fragment`` so that panning
reruns only the map, not the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium


def show_map(
    m: folium.Map,
    *,
    key: str,
    view_id: str,
    default_view: tuple[tuple[float, float], int],
    feature_group: folium.FeatureGroup | None = None,
    height: int = 600,
    returned: Sequence[str] = (),
) -> dict[str, Any]:
    state_key = f"{key}__view"
    stored = st.session_state.get(state_key)
    if stored is None or stored["id"] != view_id:
        stored = {"id": view_id, "center": default_view[0], "zoom": default_view[1]}
        st.session_state[state_key] = stored
    result = st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        center=stored["center"],
        zoom=stored["zoom"],
        feature_group_to_add=feature_group,
        returned_objects=["center", "zoom", *returned],
    )
    result = result or {}
    center, zoom = result.get("center"), result.get("zoom")
    if isinstance(center, dict) and zoom is not None:
        stored["center"] = (float(center["lat"]), float(center["lng"]))
        stored["zoom"] = int(zoom)
    return result
