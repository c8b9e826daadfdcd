"""One way for every page to show a folium map that keeps its view across reruns.

st_folium reports the map's view after every move, but its report can lag one run behind a programmatic move, so
feeding reports straight back as ``center``/``zoom`` makes the map oscillate. Here the arguments change only when the
page asks for a new view:

- a new ``view_id`` (say, another unit chosen) moves the map to ``default_view``;
- otherwise the requested view stays what it was, so reruns (filters, panning) never move the map;
- when the map's content changes (``content_key``: language, layer, data), the map is rebuilt starting from where the
  user last had it, so even then the view is kept.

Call it inside an ``st.fragment`` so that panning reruns only the map, not the page. :func:`png_downloads` offers
the same map as a PNG for meetings (title, legend, scale bar, north arrow, date, source).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.errors import Text
from layers.export import MapSheet, map_png
from ui.i18n import tr

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


PNG_LABELS = {
    "projector": Text("Tải bản đồ PNG — máy chiếu (1920×1080)", "Download the map as PNG — projector (1920×1080)"),
    "print": Text("Tải bản đồ PNG — in A4 (300 dpi)", "Download the map as PNG — A4 print (300 dpi)"),
}
PNG_HELP = Text(
    "Có tiêu đề, chú giải, thước tỉ lệ, mũi tên Bắc, ngày số liệu và nguồn; vẽ khi bấm nút.",
    "With title, legend, scale bar, north arrow, data date and source; drawn when you click.",
)


def png_downloads(make_sheet: Callable[[], MapSheet], file_stem: str, *, key: str) -> None:
    """Two buttons that draw the page's map as a PNG (layers/export.py) when clicked, for a projector or for print.

    ``make_sheet`` must not read Streamlit state: it runs when the button is clicked, outside the page's run.
    """
    cols = st.columns(2)
    for col, size in zip(cols, ("projector", "print"), strict=True):
        suffix = "" if size == "projector" else "_A4"

        def draw(size: str = size) -> bytes:
            return map_png(make_sheet(), size)

        col.download_button(
            tr(PNG_LABELS[size]),
            data=draw,
            file_name=f"{file_stem}{suffix}.png",
            mime="image/png",
            key=f"{key}_{size}",
            help=tr(PNG_HELP),
            on_click="ignore",
            icon=":material/image:",
        )
