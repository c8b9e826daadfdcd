"""One way for every page to show a folium map that keeps its view across reruns, built and rendered once per content.

The map is built by ``build()`` and turned into what st_folium's component draws (the Leaflet script, header, html,
links: what ``streamlit_folium.st_folium`` computes) once per ``content_key``, in an ``st.cache_resource`` shared by
every session: a rerun or another person's page view whose map did not change only sends the cached strings again
(Streamlit's message cache lets the browser reuse them by hash). ``content_key`` must name everything the map shows
(language, unit set and its data version, filters, layer choice, tiles setting): two contents must never share a key.

st_folium reports the map's view after every move, but its report can lag one run behind a programmatic move, so
feeding reports straight back as ``center``/``zoom`` makes the map oscillate. Here the arguments change only when the
page asks for a new view:

- a new ``view_id`` (say, another unit chosen) moves the map to ``default_view``;
- otherwise the requested view stays what it was, so reruns (filters, panning) never move the map;
- when the map's content changes (``content_key``: language, layer, data), the new map starts from where the user
  last had it, so even then the view is kept.

The view is no part of the map: ``center``/``zoom`` go to the component. Call it inside an ``st.fragment`` so that
panning reruns only the map, not the page. :func:`png_downloads` offers the same map as a PNG for meetings (title,
legend, scale bar, north arrow, date, source).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import folium
import pandas as pd
import shapely
import streamlit as st

from geo.errors import Text
from layers.export import MapSheet, map_png
from ui import map_component
from ui.i18n import tr

View = tuple[tuple[float, float], int]
MAX_MAPS = 48  # rendered maps kept for all sessions (a 99-unit map is ~0.5 MB of strings)
MAX_FEATURES = 512  # feature groups' scripts (a selected unit's outline: a few kB)


def digest(*parts: object) -> str:
    """A content key from strings, numbers and frames: every column's values and name, the index, geometries as WKB
    (two frames differing in any cell differ; frames are hashed, not their ``repr``)."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, pd.DataFrame):
            geometry = [c for c in part.columns if str(part[c].dtype) == "geometry"]
            plain = part.drop(columns=geometry)
            h.update(repr((list(part.columns), part.shape)).encode())
            try:
                hashed = pd.util.hash_pandas_object(plain, index=True)
            except TypeError:  # cells pandas cannot hash as they are (lists, dicts)
                hashed = pd.util.hash_pandas_object(plain.astype(str), index=True)
            h.update(hashed.to_numpy().tobytes())
            for column in geometry:
                h.update(b"".join(shapely.to_wkb(part[column].to_numpy())))
        else:
            h.update(repr(part).encode())
        h.update(b"\x00")
    return h.hexdigest()


@st.cache_resource(max_entries=MAX_MAPS, show_spinner=False)
def _rendered(key: str, content_key: str, _build: Callable[[], folium.Map]) -> map_component.Rendered:
    """Built and rendered once per (widget key, content key), for every session."""
    return map_component.render(_build(), key)


@st.cache_resource(max_entries=MAX_FEATURES, show_spinner=False)
def _feature_script(key: str, feature_key: str, _make: Callable[[], folium.FeatureGroup]) -> str:
    """A feature group's script, made once per (widget key, feature key) for every session."""
    return map_component.feature_group_script(_make())


def show_map(
    build: Callable[[], folium.Map],
    *,
    key: str,
    view_id: str,
    content_key: str,
    default_view: View,
    feature_group: folium.FeatureGroup | Callable[[], folium.FeatureGroup] | None = None,
    feature_key: str | None = None,
    height: int = 600,
    returned: Sequence[str] = (),
) -> dict[str, Any]:
    """Show the map ``build()`` makes (called only when no session has shown ``content_key`` yet); returns what
    st_folium returns. ``build`` must depend on nothing ``content_key`` does not name.

    ``feature_group`` is drawn over the map and changes without rebuilding it (a selection, this hour's stations):
    a group, or a zero-argument function making it; with ``feature_key`` (naming everything the group shows) the
    function's group is turned into script once per key for every session."""
    state_key = f"{key}__view"
    s = st.session_state.get(state_key)
    if s is None or s["id"] != view_id:
        s = {"id": view_id, "content": content_key, "requested": default_view, "current": default_view}
    elif s["content"] != content_key:
        s = {**s, "content": content_key, "requested": s["current"]}
    st.session_state[state_key] = s
    (center, zoom) = s["requested"]
    if feature_group is None:
        features = None
    elif feature_key is not None and callable(feature_group):
        features = _feature_script(key, feature_key, feature_group)
    else:
        group = feature_group() if callable(feature_group) else feature_group
        features = map_component.feature_group_script(group)
    result = map_component.draw(
        _rendered(key, content_key, build),
        key=key,
        center=center,
        zoom=zoom,
        height=height,
        returned=["center", "zoom", *returned],
        features=features,
    )
    result = result or {}
    reported_center, reported_zoom = result.get("center"), result.get("zoom")
    if isinstance(reported_center, dict) and reported_zoom is not None:
        s["current"] = ((float(reported_center["lat"]), float(reported_center["lng"])), int(reported_zoom))
    return dict(result)


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
